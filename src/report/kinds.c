/*
 * kinds.c: the reports this cxo writes, one line a kind.
 */
#include <stddef.h>

#include "internal.h"

const struct report_ops *report_ops_of(enum report_kind kind)
{
	static const struct report_ops *const ops[REPORT_KIND_COUNT] = {
		[REPORT_BRIEF] = &report_brief_ops, [REPORT_HOURS] = &report_hours_ops,
		[REPORT_RISKS] = &report_risks_ops, [REPORT_BOARD] = &report_board_ops,
		[REPORT_WEEK] = &report_week_ops,
	};
	if ((unsigned)kind >= REPORT_KIND_COUNT)
		return NULL;
	return ops[kind];
}

/*
 * rows.h: what each panel row says (rows.c), from the store's plain
 * structs, by the rules both front ends apply (cxo/rules.h).  Pure.
 */
#ifndef CXO_TUI_ROWS_H
#define CXO_TUI_ROWS_H

#include <stdbool.h>

#include "cxo/date.h"
#include "cxo/duration.h"
#include "cxo/pace.h"
#include "cxo/records.h"
#include "cxo/risk.h"
#include "cxo/theme.h"

struct action_row {
	char when[24];         /* "3d late", "today", "in 2d", "no date" */
	enum theme_element el; /* EL_OVERDUE, EL_DUE_SOON, EL_WAITING, EL_NORMAL */
	bool overdue;
	/* "waiting for Dana, 5d", "Priya, waiting for Dana, 5d", "Priya", "" */
	char who[320];
	char who_short[160]; /* "waiting 5d: Dana", "Priya": when who does not fit */
};
void action_row(const struct action *a, cxo_day today, struct action_row *out);

struct risk_row {
	int score;
	enum risk_level level;
	enum theme_element el;
	char level_name[16];
	char review[40]; /* "review 3d late" when due, else "" */
	bool review_due;
};
void risk_row(const struct risk *r, const struct risk_thresholds *t, cxo_day today,
              struct risk_row *out);
enum theme_element risk_level_element(enum risk_level level);

struct mandate_row {
	char when[24];         /* due relative, "" when none */
	enum theme_element el; /* EL_DONE for closed, EL_OVERDUE when late */
	char open[16];         /* "2 open", "" */
};
void mandate_row(const struct mandate *m, cxo_day today, struct mandate_row *out);

struct entry_row {
	char when[24];  /* "today", "yesterday", "Mon 17", ISO beyond a week */
	char hours[16]; /* "1.5h" or "1:30" */
	bool billable;
};
void entry_row(const struct entry *e, cxo_day today, enum hours_style style, struct entry_row *out);

enum theme_element pace_element(enum pace_level level);

#endif

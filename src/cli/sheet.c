/*
 * sheet.c: tables for spreadsheets (CSV) and due dates for calendars
 * (iCalendar).
 */
#include "internal.h"

#include <sysexits.h>

int cli_export_csv(struct cli_call *c, const struct exchange_out *o)
{
	(void)o;
	return app_error(EX_UNAVAILABLE, "%s: csv is not built yet", c->path);
}

int cli_export_ics(struct cli_call *c, const struct exchange_out *o)
{
	(void)o;
	return app_error(EX_UNAVAILABLE, "%s: ics is not built yet", c->path);
}

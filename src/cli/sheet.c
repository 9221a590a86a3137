/*
 * sheet.c: tables for spreadsheets (CSV) and due dates for calendars
 * (iCalendar): `cxo export --format csv|ics`, its options checked by
 * exchange.c.  The rows stream from the store to stdout, or into
 * --output FILE whole or not at all.
 */
#include "internal.h"

#include "cxo/report.h"
#include "cxo/sheet.h"

#include <stdio.h>
#include <sysexits.h>

struct sheet_job {
	struct store *st;
	const struct sheet_csv_request *csv; /* the table, or NULL: */
	const struct sheet_ics_request *ics; /* the calendar */
};

static int write_job(FILE *out, void *arg, char *err, size_t errsz)
{
	const struct sheet_job *j = arg;
	return j->csv ? sheet_csv_write(j->st, j->csv, out, err, errsz)
	              : sheet_ics_write(j->st, j->ics, out, err, errsz);
}

/* To stdout, or into o->path whole or absent ("cxo: wrote FILE"). */
static int run_job(struct cli_call *c, const struct exchange_out *o, const struct sheet_job *j)
{
	char err[1024] = "";
	int rc = o->path ? report_file_whole(o->path, o->force, write_job, (void *)j, err,
	                                     sizeof err)
	                 : write_job(stdout, (void *)j, err, sizeof err);
	if (rc)
		return app_error(rc, "%s: %s", c->path, *err ? err : "cannot write the export");
	if (o->path)
		fprintf(stderr, "cxo: wrote %s\n", o->path);
	return 0;
}

int cli_export_csv(struct cli_call *c, const struct exchange_out *o)
{
	const struct cli_value *from = cli_opt(c, "from"), *to = cli_opt(c, "to");
	struct sheet_csv_request r = {
		.client_id = o->client ? o->client->id : NULL,
		.from = from ? from->day : NULL,
		.to = to ? to->day : NULL,
		.bom = cli_flag(c, "bom"),
		.raw = cli_flag(c, "raw"),
	};
	const char *what = cli_text(c, "what");
	if (!sheet_table_parse(what, &r.table)) /* exchange.c has checked it */
		return app_error(EX_SOFTWARE, "%s: internal error: no table \"%s\"", c->path,
		                 what ? what : "");
	struct sheet_job j = { c->app->st, &r, NULL };
	return run_job(c, o, &j);
}

int cli_export_ics(struct cli_call *c, const struct exchange_out *o)
{
	struct sheet_ics_request r = {
		.client_id = o->client ? o->client->id : NULL,
		.today = c->app->today,
		.now = c->app->now,
	};
	struct sheet_job j = { c->app->st, NULL, &r };
	return run_job(c, o, &j);
}

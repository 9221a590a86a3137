/*
 * exchange.c: `cxo export` and `cxo import`, the ways in and out.  This
 * file reads and checks the options (before the database is opened, so a
 * refused command creates and changes nothing) and hands each format to
 * its own file: the JSON archive (archive.c), the spreadsheet and
 * calendar exports (sheet.c), the Harvest and Toggl Track time imports
 * (timeimport.c).
 */
#include "internal.h"

#include <string.h>
#include <strings.h>
#include <sysexits.h>

/* --format, else the extension of --output, else json. */
static int export_format(struct cli_call *c, enum exchange_format *out)
{
	const char *word = cli_text(c, "format");
	const char *path = cli_text(c, "output");
	const char *ext = path ? cli_path_extension(path) : "";
	const char *w = word ? word : ext;
	if (!strcasecmp(w, "csv"))
		*out = EXCHANGE_CSV;
	else if (!strcasecmp(w, "ics"))
		*out = EXCHANGE_ICS;
	else if (!strcasecmp(w, "json") || !word)
		*out = EXCHANGE_JSON;
	else
		return cli_usage(c, "--format: unknown format \"%s\" (expected json, csv or ics)",
		                 word);
	return 0;
}

static const char *format_name(enum exchange_format f)
{
	return f == EXCHANGE_CSV ? "csv" : f == EXCHANGE_ICS ? "ics" : "json";
}

static int export_check(struct cli_call *c)
{
	enum exchange_format f;
	int rc = export_format(c, &f);
	if (rc)
		return rc;
	if (cli_flag(c, "force") && !cli_text(c, "output"))
		return cli_usage(c, "--force only applies to --output FILE");
	const char *what = cli_text(c, "what");
	if (f == EXCHANGE_CSV) {
		if (!what)
			return cli_usage(c,
			                 "--format csv needs --what hours|actions|risks|mandates");
		if (strcmp(what, "hours") && strcmp(what, "actions") && strcmp(what, "risks") &&
		    strcmp(what, "mandates"))
			return cli_usage(c,
			                 "--what: unknown table \"%s\" (expected hours, actions, "
			                 "risks or mandates)",
			                 what);
		const struct cli_value *from = cli_opt(c, "from"), *to = cli_opt(c, "to");
		if (from && to && strcmp(to->day, from->day) < 0)
			return cli_usage(c, "--to %s is before --from %s", to->day, from->day);
		return 0;
	}
	static const char *const csv_only[] = { "what", "from", "to", "bom", "raw", NULL };
	for (size_t i = 0; csv_only[i]; i++)
		if (cli_flag(c, csv_only[i]))
			return cli_usage(c, "--%s only applies to --format csv (this is %s)",
			                 csv_only[i], format_name(f));
	return 0;
}

/* The client the export is of: the one -C (or CXO_CLIENT) names, else
 * every client. */
static int export_scope(struct cli_call *c, struct exchange_out *o)
{
	o->client = NULL;
	if (cli_flag(c, "all-clients") || !c->app->client_key)
		return 0;
	int rc = app_client(c->app, &c->client);
	if (!rc)
		o->client = &c->client;
	return rc;
}

static int export_run(struct cli_call *c)
{
	struct exchange_out o = { 0 };
	int rc = export_format(c, &o.format);
	if (rc || (rc = export_scope(c, &o)))
		return rc;
	o.path = cli_text(c, "output");
	o.force = cli_flag(c, "force");
	switch (o.format) {
	case EXCHANGE_CSV:
		return cli_export_csv(c, &o);
	case EXCHANGE_ICS:
		return cli_export_ics(c, &o);
	case EXCHANGE_JSON:
	default:
		return cli_export_json(c, &o);
	}
}

static int import_check(struct cli_call *c)
{
	const char *service = cli_text(c, "from");
	if (service && strcmp(service, "harvest") && strcmp(service, "toggl"))
		return cli_usage(c, "--from: unknown service \"%s\" (expected harvest or toggl)",
		                 service);
	if (!service) {
		static const char *const time_only[] = { "map",    "create-clients", "skip-unknown",
			                                 "person", "rounded",        NULL };
		for (size_t i = 0; time_only[i]; i++)
			if (cli_flag(c, time_only[i]))
				return cli_usage(
				        c,
				        "--%s only applies to --from harvest|toggl (a time "
				        "import)",
				        time_only[i]);
		const char *prefer = cli_text(c, "prefer");
		if (prefer && strcmp(prefer, "theirs") && strcmp(prefer, "ours"))
			return cli_usage(c,
			                 "--prefer: unknown side \"%s\" (expected theirs or ours)",
			                 prefer);
		return cli_import_json_check(c, c->argv[0]);
	}
	if (cli_flag(c, "prefer"))
		return cli_usage(c, "--prefer only applies to a cxo archive (FILE.json)");
	if (cli_flag(c, "create-clients") && cli_flag(c, "skip-unknown"))
		return cli_usage(c, "choose --create-clients or --skip-unknown, not both");
	if (strcmp(service, "harvest") != 0 && cli_flag(c, "rounded"))
		return cli_usage(c, "--rounded only applies to --from harvest (Hours Rounded)");
	const struct cli_value *map = cli_opt(c, "map");
	for (int i = 0; map && i < map->count; i++) {
		const char *eq = strrchr(map->all[i], '=');
		if (!eq || eq == map->all[i] || !eq[1])
			return cli_usage(c,
			                 "--map: bad mapping \"%s\" (expected \"Their Name=KEY\")",
			                 map->all[i]);
	}
	return cli_import_time_check(c, c->argv[0], service);
}

static int import_run(struct cli_call *c)
{
	const char *service = cli_text(c, "from");
	if (service)
		return cli_import_time(c, c->argv[0], service);
	return cli_import_json(c, c->argv[0]);
}

/* ---- the table ---- */

static const struct cli_option export_opts[] = {
	{ .name = "all-clients", .help = "every client (the default unless -C names one)" },
	{ .name = "format",
	  .arg = "json|csv|ics",
	  .kind = VAL_CHOICE,
	  .words = "json csv ics",
	  .help = "the format (default: from FILE's extension, else json)" },
	{ .name = "what",
	  .arg = "hours|actions|risks|mandates",
	  .kind = VAL_CHOICE,
	  .words = "hours actions risks mandates",
	  .help = "csv: the table" },
	{ .name = "from", .arg = "DAY", .kind = VAL_DAY, .help = "csv: the rows from DAY ..." },
	{ .name = "to", .arg = "DAY", .kind = VAL_DAY, .help = "csv: ... to DAY (inclusive)" },
	{ .name = "bom", .help = "csv: begin with a UTF-8 byte order mark (for Excel)" },
	{ .name = "raw", .help = "csv: leave cells that begin with = + - @ as they are" },
	{ .name = "output",
	  .letter = 'o',
	  .arg = "FILE",
	  .kind = VAL_FILE,
	  .help = "write into FILE (never over an existing one) instead of stdout" },
	{ .name = "force", .help = "with --output: replace an existing FILE" },
	{ .name = NULL },
};

const struct cli_command cli_export = {
	.name = "export",
	.synopsis = "[--all-clients] [--output FILE] [--force]\n"
	            "--format csv --what hours|actions|risks|mandates [--from DAY] [--to DAY] "
	            "[--bom] [--raw] [--all-clients] [--output FILE] [--force]\n"
	            "--format ics [--all-clients] [--output FILE] [--force]",
	.summary =
	        "everything as a cxo archive (JSON), or a table as CSV, or due dates as iCalendar",
	.help = "The client -C names, or every client.  The archive is described in cxo-json(5).",
	.opts = export_opts,
	.flags = CMD_READ | CMD_WHOLE_NAME,
	.check = export_check,
	.run = export_run,
};

static const struct cli_option import_opts[] = {
	{ .name = "from",
	  .arg = "harvest|toggl",
	  .kind = VAL_CHOICE,
	  .words = "harvest toggl",
	  .help = "FILE is a Harvest or Toggl Track detailed time report (CSV)" },
	{ .name = "dry-run", .help = "say what would change, change nothing" },
	{ .name = "prefer",
	  .arg = "theirs|ours",
	  .kind = VAL_CHOICE,
	  .words = "theirs ours",
	  .help = "archive: on a conflict keep the file's item (theirs) or this database's" },
	{ .name = "map",
	  .arg = "NAME=KEY",
	  .kind = VAL_TEXT,
	  .flags = OPT_REPEAT,
	  .help = "time: their client NAME is the client KEY (repeatable)" },
	{ .name = "create-clients", .help = "time: add the clients not found" },
	{ .name = "skip-unknown", .help = "time: leave out the rows of clients not found" },
	{ .name = "person",
	  .arg = "NAME|EMAIL",
	  .kind = VAL_TEXT,
	  .help = "time: import this person's rows (needed when the file has several)" },
	{ .name = "rounded", .help = "harvest: import Hours Rounded instead of Hours" },
	{ .name = NULL },
};

const struct cli_command cli_import = {
	.name = "import",
	.synopsis = "FILE [--dry-run] [--prefer theirs|ours]\n"
	            "--from harvest|toggl FILE [--dry-run] [--map NAME=KEY] [--create-clients] "
	            "[--skip-unknown] [--person NAME|EMAIL] [--rounded]",
	.summary = "a cxo archive, or Harvest or Toggl Track hours; all of the file or nothing",
	.opts = import_opts,
	.operands = "FILE",
	.flags = CMD_CREATE | CMD_WHOLE_NAME,
	.check = import_check,
	.run = import_run,
};

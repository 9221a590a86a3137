/*
 * sync.c: `cxo sync` (a run, a snapshot, the conflicts and the decision
 * kept of one), `cxo sync init` and `cxo sync key`, over the app's sync
 * (cxo/sync.h); and the run after each write command when the settings
 * say sync_auto.
 */
#include "internal.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "cxo/journal.h"
#include "cxo/sync.h"
#include "cxo/text.h"

/* The report's warnings, then its error (when rc), on stderr. */
static int say_report(const struct sync_report *r, int rc, bool auto_run)
{
	for (size_t i = 0; i < r->warning_count; i++)
		app_warn("sync: %s", r->warnings[i]);
	if (rc && auto_run)
		app_warn("sync: %s", r->error[0] ? r->error : "failed");
	else if (rc)
		app_error(rc, "sync: %s", r->error[0] ? r->error : "failed");
	return rc;
}

/* "sync: sent 3, applied 5 from laptop, 1 conflict (cxo sync --conflicts)" */
static void print_summary(const struct sync_report *r)
{
	printf("sync: sent %lld, applied %lld", r->sent, r->applied);
	if (r->from_count == 1) {
		printf(" from ");
		cli_put_text(r->from[0].device);
	}
	for (size_t i = 0; r->from_count > 1 && i < r->from_count; i++) {
		printf("%s%lld from ", i == 0 ? " (" : ", ", r->from[i].applied);
		cli_put_text(r->from[i].device);
	}
	if (r->from_count > 1)
		putchar(')');
	if (r->conflicts)
		printf(", %lld conflict%s (cxo sync --conflicts)", r->conflicts,
		       r->conflicts == 1 ? "" : "s");
	if (r->skipped)
		printf(", %lld file%s skipped", r->skipped, r->skipped == 1 ? "" : "s");
	putchar('\n');
}

int cli_sync_auto(struct cli_call *c)
{
	struct sync_report r;
	bool ran = false;
	int rc = app_sync_auto(c->app, &r, &ran);
	/* Quiet when all went well: the command's output is the command's. */
	if (ran || rc)
		say_report(&r, rc, true);
	if (ran && !rc && r.conflicts)
		app_warn("sync: %lld conflict%s (cxo sync --conflicts)", r.conflicts,
		         r.conflicts == 1 ? "" : "s");
	sync_report_free(&r);
	return 0;
}

/* ---- cxo sync ---- */

static int sync_check(struct cli_call *c)
{
	bool snap = cli_flag(c, "snapshot"), conf = cli_flag(c, "conflicts"),
	     keep = cli_flag(c, "keep");
	if (snap + conf + keep > 1)
		return cli_usage(c, "sync: choose one of --snapshot, --conflicts and --keep");
	if (cli_flag(c, "format") && !conf)
		return cli_usage(c, "--format only applies to --conflicts");
	if (keep && c->argc != 1)
		return cli_usage(c, "--keep ID needs the side to keep: ours or theirs");
	if (c->argc && !keep)
		return cli_usage(c, "sync: unexpected argument \"%s\"", c->argv[0]);
	if (keep && strcmp(c->argv[0], "ours") && strcmp(c->argv[0], "theirs"))
		return cli_usage(c, "--keep: unknown side \"%s\" (expected ours or theirs)",
		                 c->argv[0]);
	return 0;
}

static int list_conflicts(struct cli_call *c)
{
	const struct cli_value *f = cli_opt(c, "format");
	enum output_format fmt = f ? (enum output_format)f->num : FORMAT_TABLE;
	struct sync_conflict_list l = { 0 };
	int rc = store_sync_conflicts(c->app->st, 1000, &l);
	if (rc)
		return app_store_error(c->app, rc);
	if (!l.count && fmt == FORMAT_TABLE) {
		printf("no sync conflicts\n");
		return 0;
	}
	struct table *t = table_new(fmt, c->app->color);
	if (!t) {
		sync_conflict_list_free(&l);
		return app_error(EX_OSERR, "out of memory");
	}
	table_column(t, "ID", "id", COL_INT);
	table_column(t, "AT", "at", COL_TEXT);
	table_column(t, "DEVICE", "device", COL_TEXT);
	table_column(t, "KIND", "kind", COL_TEXT);
	table_column(t, "CLIENT", "client", COL_TEXT);
	table_column(t, "TABLE", "table", COL_TEXT);
	table_column(t, "ROW", "row_id", COL_TEXT);
	table_column(t, "FIELD", "field", COL_TEXT);
	table_column(t, "OURS", "ours", COL_TEXT);
	table_column(t, "THEIRS", "theirs", COL_TEXT);
	table_column(t, "KEPT", "kept", COL_TEXT);
	for (size_t i = 0; i < l.count; i++) {
		const struct sync_conflict *x = &l.items[i];
		table_row(t);
		table_cellf(t, "%lld", x->id);
		table_cell(t, x->at);
		table_cell(t, x->device);
		table_cell(t, x->kind);
		table_cell(t, x->client_key);
		table_cell(t, x->table);
		if (fmt == FORMAT_JSON)
			table_cell(t, x->row_id);
		else
			table_cellf(t, "%.8s", x->row_id ? x->row_id : "");
		table_cell(t, x->field);
		table_cell(t, x->ours);
		table_cell(t, x->theirs);
		table_cell_color(t, x->kept_theirs ? "theirs" : "ours",
		                 x->kept_theirs ? CC_YELLOW : CC_NONE);
	}
	rc = table_print(t, stdout);
	table_free(t);
	sync_conflict_list_free(&l);
	return rc;
}

static int sync_run(struct cli_call *c)
{
	struct cxo_app *app = c->app;
	struct sync_report r;
	int rc;
	if (cli_flag(c, "conflicts"))
		return list_conflicts(c);
	if (cli_flag(c, "keep")) {
		long long id = cli_opt(c, "keep")->num;
		bool theirs = !strcmp(c->argv[0], "theirs");
		if ((rc = store_sync_keep(app->st, id, theirs)))
			return app_store_error(app, rc);
		printf("conflict %lld now keeps %s; cxo sync takes it to the other devices\n", id,
		       theirs ? "theirs" : "ours");
		return 0;
	}
	if (cli_flag(c, "snapshot")) {
		rc = app_sync_snapshot(app, &r);
		if (!say_report(&r, rc, false)) {
			printf("sync: sent %lld, wrote the snapshot ", r.sent);
			cli_put_text(r.snapshot);
			putchar('\n');
		}
		sync_report_free(&r);
		return rc;
	}
	rc = app_sync_run(app, &r);
	if (!say_report(&r, rc, false))
		print_summary(&r);
	sync_report_free(&r);
	return rc;
}

/* ---- cxo sync init ---- */

static int init_check(struct cli_call *c)
{
	const char *device = cli_text(c, "device");
	if (device && !app_sync_device_ok(device))
		return cli_usage(c,
		                 "--device: bad device name \"%s\" (expected 1 to %d of a-z, 0-9 "
		                 "and -, not starting with -)",
		                 device, SYNC_DEVICE_MAX);
	if (!c->argv[0][0])
		return cli_usage(c, "sync init: the folder is empty");
	/* Refused before the database is created. */
	char name[SYNC_DEVICE_MAX + 1];
	if (!device)
		app_sync_default_device(name);
	struct sync_report r;
	int rc = app_sync_init_check(c->app, c->argv[0], device ? device : name, &r);
	say_report(&r, rc, false);
	sync_report_free(&r);
	return rc;
}

static int init_run(struct cli_call *c)
{
	struct sync_report r;
	struct sync_setup s = { 0 };
	int rc = app_sync_init(c->app, c->argv[0], cli_text(c, "device"), &r);
	if (!say_report(&r, rc, false) && !(rc = store_sync_get(c->app->st, &s))) {
		printf("sync: this database is device %s of ", s.device);
		cli_put_text(s.dir);
		putchar('\n');
		if (r.took_snapshot)
			printf("sync: started from a snapshot of the folder\n");
		else if (r.snapshot[0]) {
			printf("sync: wrote a snapshot for the devices that join: ");
			cli_put_text(r.snapshot);
			putchar('\n');
		}
		print_summary(&r);
	} else if (!r.error[0] && rc) {
		app_store_error(c->app, rc);
	}
	sync_setup_free(&s);
	sync_report_free(&r);
	return rc;
}

/* ---- cxo sync key ---- */

static int key_check(struct cli_call *c)
{
	bool ex = cli_flag(c, "export"), im = cli_flag(c, "import");
	if (ex == im)
		return cli_usage(c, "sync key: give --export FILE or --import FILE");
	if (cli_flag(c, "force") && !im)
		return cli_usage(c, "--force only applies to --import");
	return 0;
}

static int key_run(struct cli_call *c)
{
	char err[1024], path[PATH_MAX];
	const char *file = cli_text(c, "export");
	int rc;
	if (file) {
		if ((rc = app_sync_key_export(c->app, file, err, sizeof err)))
			return app_error(rc, "sync key: %s", err);
		printf("sync key: wrote ");
		cli_put_text(file);
		printf(" (keep it secret; on the other device: cxo sync key --import FILE)\n");
		return 0;
	}
	file = cli_text(c, "import");
	if ((rc = app_sync_key_import(c->app, file, cli_flag(c, "force"), err, sizeof err)))
		return app_error(rc, "sync key: %s", err);
	if (app_sync_key_path(c->app->db_path, path, sizeof path))
		path[0] = '\0';
	printf("sync key: kept in ");
	cli_put_text(path);
	printf(" (now cxo sync init DIR)\n");
	return 0;
}

/* ---- the table ---- */

static const struct cli_option init_opts[] = {
	{ .name = "device",
	  .arg = "NAME",
	  .kind = VAL_TEXT,
	  .help = "this device's name in the folder (default: the host's short name)" },
	{ .name = NULL },
};

static const struct cli_command sync_init_entry = {
	.name = "init",
	.synopsis = "DIR [--device NAME]",
	.summary = "make this database a device of the sync folder DIR",
	.help = "A new folder gets its layout and a key beside the database.  A folder in use\n"
	        "needs its key first (cxo sync key --import FILE); an empty database then\n"
	        "starts from the folder's latest snapshot.",
	.opts = init_opts,
	.operands = "DIR",
	.flags = CMD_CREATE,
	.check = init_check,
	.run = init_run,
};

static const struct cli_option key_opts[] = {
	{ .name = "export",
	  .arg = "FILE",
	  .kind = VAL_FILE,
	  .help = "write the folder's key into FILE (a new file, mode 0600)" },
	{ .name = "import",
	  .arg = "FILE",
	  .kind = VAL_FILE,
	  .help = "keep the key FILE holds beside the database" },
	{ .name = "force", .help = "with --import: replace another key" },
	{ .name = NULL },
};

static const struct cli_command sync_key_entry = {
	.name = "key",
	.synopsis = "--export FILE\n--import FILE [--force]",
	.summary = "move the sync folder's key to another device",
	.opts = key_opts,
	.check = key_check,
	.run = key_run,
};

static const struct cli_command *const sync_subs[] = { &sync_init_entry, &sync_key_entry, NULL };

static const struct cli_option sync_opts[] = {
	{ .name = "snapshot", .help = "also write a snapshot of the database for new devices" },
	{ .name = "conflicts", .help = "list the conflicts met and the side kept" },
	{ .name = "format",
	  .arg = "table|tsv|json",
	  .kind = VAL_FORMAT,
	  .help = "--conflicts: the output format" },
	{ .name = "keep",
	  .arg = "ID",
	  .kind = VAL_NUMBER,
	  .lo = 1,
	  .hi = LONG_MAX,
	  .help = "keep ours or theirs in conflict ID (every device follows)" },
	{ .name = NULL },
};

const struct cli_command cli_sync = {
	.name = "sync",
	.synopsis = "[--snapshot]\n--conflicts [--format table|tsv|json]\n--keep ID ours|theirs",
	.summary = "this database's changes to the sync folder, the other devices' in",
	.opts = sync_opts,
	.operands = "[ours|theirs]",
	.flags = CMD_WRITE | CMD_WHOLE_NAME,
	.check = sync_check,
	.run = sync_run,
	.subs = sync_subs,
};

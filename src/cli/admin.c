/*
 * admin.c: the database itself: `cxo init` (optionally with the sample
 * portfolio), `cxo backup`, `cxo restore` and `cxo doctor`.
 */
#include "internal.h"

#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sysexits.h>
#include <time.h>
#include <unistd.h>

#include "cxo/clock.h"
#include "cxo/fileperm.h"
#include "cxo/journal.h"
#include "cxo/text.h"
#include "cxo/theme.h"

/* ---- init ---- */

static int init_check(struct cli_call *c)
{
	if (cli_flag(c, "force") && !cli_flag(c, "sample"))
		return cli_usage(c, "--force only applies to --sample");
	return 0;
}

static int init_run(struct cli_call *c)
{
	struct cxo_app *app = c->app;
	bool sample = cli_flag(c, "sample"), force = cli_flag(c, "force");
	int rc;

	const char *path = app->db_path;
	if (!path)
		return app_open(app, STORE_WRITE); /* says why there is no path */
	struct stat sb;
	bool there = lstat(path, &sb) == 0, existed = there && sb.st_size > 0;
	/* Said once, on stdout: what init is asked to do. */
	/* The one command that sets up an empty file it did not make. */
	if ((rc = app_open_store(app, STORE_INIT, false)))
		goto out;
	if (!sample || !existed)
		printf("%s database %s\n",
		       existed ? "using the existing"
		       : there ? "set up the empty file as the"
		               : "created",
		       path);
	if (!sample)
		goto out;

	struct client_list l = { 0 };
	if ((rc = store_client_list(app->st, true, &l))) {
		rc = app_store_error(app, rc);
		goto out;
	}
	size_t before = l.n;
	client_list_free(&l);
	if (before && !force) {
		rc = app_error(EX_DATAERR,
		               "%s already holds %zu client%s: load the sample into a database "
		               "of its own, e.g. cxo -d /tmp/demo.db init --sample "
		               "(--force adds it here)",
		               path, before, before == 1 ? "" : "s");
		goto out;
	}
	int added;
	if ((rc = app_load_sample(app, &added)))
		goto out;
	printf("loaded the sample portfolio into %s: %d clients\n", path, added);
	printf("try: cxo%s%s overview\n", app->db_source == DB_FROM_FLAG ? " -d " : "",
	       app->db_source == DB_FROM_FLAG ? path : "");
out:
	return rc;
}

static const struct cli_option init_opts[] = {
	{ .name = "sample", .help = "load a sample portfolio of four clients" },
	{ .name = "force", .help = "with --sample: add it beside the clients already there" },
	{ .name = NULL },
};

const struct cli_command cli_init = {
	.name = "init",
	.synopsis = "[--sample [--force]]",
	.summary = "create the database, optionally with a sample portfolio",
	.help = "  Creates the database (0600, in a 0700 directory) and says where.  --sample\n"
	        "  loads a sample portfolio of four clients with dates around today; it is\n"
	        "  refused when the database already has clients unless --force, which adds\n"
	        "  it beside them (nothing is ever deleted).\n"
	        "  Try: cxo -d /tmp/demo.db init --sample",
	.opts = init_opts,
	.check = init_check,
	.run = init_run, /* opens the database itself, to say whether it made it */
};

/* ---- backup ---- */

/* mkdir -p with mode 0700 for the parts it makes. */
static int make_dirs(const char *dir)
{
	char buf[PATH_MAX];
	if (snprintf(buf, sizeof buf, "%s", dir) >= (int)sizeof buf)
		return app_error(EX_CANTCREAT, "directory name too long: %s", dir);
	for (char *p = buf + 1;; p++) {
		if (*p != '/' && *p != '\0')
			continue;
		char saved = *p;
		*p = '\0';
		if (mkdir(buf, 0700) != 0 && errno != EEXIST)
			return app_error(EX_CANTCREAT, "cannot create directory %s: %s", buf,
			                 strerror(errno));
		*p = saved;
		if (!saved)
			break;
	}
	return 0;
}

/* $XDG_DATA_HOME/cxo/backups (else ~/.local/share/cxo/backups), made if
 * missing, and in it a new name from the clock to the millisecond,
 * cxo-YYYYMMDD-HHMMSS-mmm.db (-2, -3 ... when that one is taken). */
static int default_backup_path(char *out, size_t n)
{
	char dir[PATH_MAX];
	const char *xdg = getenv("XDG_DATA_HOME");
	const char *home = getenv("HOME");
	if (xdg && xdg[0] == '/')
		snprintf(dir, sizeof dir, "%s/cxo/backups", xdg);
	else if (home && *home)
		snprintf(dir, sizeof dir, "%s/.local/share/cxo/backups", home);
	else
		return app_error(EX_CANTCREAT,
		                 "no backup directory: set HOME or XDG_DATA_HOME, or name a FILE");
	int rc = make_dirs(dir);
	if (rc)
		return rc;
	struct timespec ts;
	cxo_day day;
	int second, y, m, d;
	if (clock_gettime(CLOCK_REALTIME, &ts) != 0 || !clock_local(ts.tv_sec, &day, &second))
		return app_error(EX_SOFTWARE, "cannot read the clock");
	date_to_ymd(day, &y, &m, &d);
	struct stat sb;
	for (int i = 1; i < 100; i++) {
		char more[16] = "";
		if (i > 1)
			snprintf(more, sizeof more, "-%d", i);
		if (snprintf(out, n, "%s/cxo-%04d%02d%02d-%02d%02d%02d-%03ld%s.db", dir, y, m, d,
		             second / 3600, second / 60 % 60, second % 60, ts.tv_nsec / 1000000,
		             more) >= (int)n)
			return app_error(EX_CANTCREAT, "backup path too long under %s", dir);
		if (lstat(out, &sb) != 0)
			return 0;
	}
	return app_error(EX_CANTCREAT, "no free backup name in %s", dir);
}

static void human_size(long long bytes, char *buf, size_t n)
{
	if (bytes < 1024)
		snprintf(buf, n, "%lld bytes", bytes);
	else if (bytes < 1024 * 1024)
		snprintf(buf, n, "%.1f KiB", bytes / 1024.0);
	else
		snprintf(buf, n, "%.1f MiB", bytes / (1024.0 * 1024.0));
}

static int backup_check(struct cli_call *c)
{
	const char *file = c->argc ? c->argv[0] : NULL;
	struct stat sb;
	if (file && !*file)
		return cli_usage(c, "FILE is empty");
	if (file && lstat(file, &sb) == 0)
		return app_error(EX_CANTCREAT,
		                 "%s already exists (a backup never overwrites a file)", file);
	return 0;
}

static int backup_run(struct cli_call *c)
{
	struct cxo_app *app = c->app;
	const char *file = c->argc ? c->argv[0] : NULL;
	struct stat sb;
	int rc;
	/* The database is open before the default directory is made: a
	 * missing one must not leave a backups directory behind. */
	char path[PATH_MAX];
	if (file)
		snprintf(path, sizeof path, "%s", file);
	else if ((rc = default_backup_path(path, sizeof path)))
		return rc;
	if ((rc = store_backup(app->st, path)))
		return app_store_error(app, rc);
	char size[32] = "?";
	if (stat(path, &sb) == 0)
		human_size((long long)sb.st_size, size, sizeof size);
	printf("backup %s (%s)\n", path, size);
	return 0;
}

const struct cli_command cli_backup = {
	.name = "backup",
	.synopsis = "[FILE]",
	.summary = "copy the database to a new file",
	.help = "  A consistent copy, safe while cxo runs elsewhere; never overwrites a file.\n"
	        "  The copy is made and synced under a temporary name first: a backup\n"
	        "  cut short leaves no file under FILE.\n"
	        "  Default FILE: $XDG_DATA_HOME/cxo/backups/cxo-YYYYMMDD-HHMMSS-mmm.db.",
	.operands = "[FILE]",
	.flags = CMD_READ,
	.check = backup_check,
	.run = backup_run,
};

/* ---- restore ---- */

static int restore_check(struct cli_call *c)
{
	if (!*c->argv[0])
		return cli_usage(c, "FILE is empty");
	if (!c->app->db_path)
		return app_open(c->app, STORE_WRITE); /* says why there is no path */
	return 0;
}

static int restore_run(struct cli_call *c)
{
	struct cxo_app *app = c->app;
	char keep[PATH_MAX], err[2048];
	int rc = default_backup_path(keep, sizeof keep);
	if (rc)
		return rc;
	struct restore_request r = { .db_path = app->db_path,
		                     .file = c->argv[0],
		                     .keep_path = keep };
	rc = store_restore(&r, err, sizeof err);
	if (r.kept)
		printf("the database before is kept in %s%s\n", keep,
		       r.kept_bytes ? " (copied as it was: it could not be read whole)" : "");
	if (rc)
		return app_error(rc, "%s", err);
	printf("restored %s into %s (schema %d)%s\n", c->argv[0], app->db_path, r.schema,
	       r.had_database ? "" : "; there was no database before");
	return 0;
}

const struct cli_command cli_restore = {
	.name = "restore",
	.synopsis = "FILE",
	.summary = "put a backup in the database's place",
	.help = "  Checks FILE (integrity, a cxo database, a schema this cxo opens), keeps\n"
	        "  the current database as a new backup in $XDG_DATA_HOME/cxo/backups and\n"
	        "  says where, then puts a copy of FILE (0600) in the database's place in\n"
	        "  one step.  Refused, and nothing changed, while another cxo (the\n"
	        "  dashboard?) has the database open.",
	.operands = "FILE",
	.flags = CMD_WHOLE_NAME,
	.check = restore_check,
	.run = restore_run, /* opens the database and FILE itself, to lock and check them */
};

/* ---- doctor ---- */

struct verdict {
	int failed, warned;
	bool busy; /* a check could not run: another process holds the database */
};

static void report(struct verdict *v, int kind, const char *fmt, ...)
        __attribute__((format(printf, 3, 4)));

/* kind: 0 ok, 1 warn, 2 FAIL. */
static void report(struct verdict *v, int kind, const char *fmt, ...)
{
	static const char *const tags[] = { "ok  ", "warn", "FAIL" };
	char buf[1024];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	char *clean = text_sanitize(buf);
	printf("%s %s\n", tags[kind], clean ? clean : buf);
	free(clean);
	if (kind == 2)
		v->failed++;
	else if (kind == 1)
		v->warned++;
}

/* A total the file keeps beside what it sums; an older schema keeps none
 * yet, and there is nothing to check. */
static void report_kept(struct verdict *v, bool kept, int errors, const char *name,
                        const char *disagree)
{
	if (!kept)
		return;
	if (errors == 0)
		report(v, 0, "%s", name);
	else
		report(v, 2, "%s: %d %s (which are intact): cxo doctor --rebuild-totals", name,
		       errors, disagree);
}

static void check_theme(const struct cxo_app *app, struct verdict *v)
{
	struct theme th;
	char err[512];
	const char *name = app->cfg.theme ? app->cfg.theme : "default";
	memset(&th, 0, sizeof th);
	if (theme_load(name, &th, err, sizeof err) == 0)
		report(v, 0, "theme %s (%s)", name, th.path ? th.path : "built in");
	else
		report(v, 2, "theme: %s", err);
	theme_free(&th);
}

/* A private file: a regular file, ours, 0600 (a -wal or -shm that we
 * cannot write fails every write). */
static void check_file_mode(struct verdict *v, const char *what, const char *path, bool required,
                            bool writable)
{
	struct stat sb;
	if (lstat(path, &sb) != 0) {
		if (required || errno != ENOENT)
			report(v, 2, "%s: cannot read %s: %s", what, path, strerror(errno));
		return;
	}
	unsigned mode = (unsigned)sb.st_mode & 07777;
	char why[PATH_MAX + 256];
	if (!fileperm_ok(path, &sb, FILEPERM_PRIVATE, (unsigned)geteuid(), why, sizeof why))
		report(v, 2, "%s: %s", what, why);
	else if ((mode & 0600) != 0600)
		report(v, writable ? 2 : 1, "%s: %s is %04o (expected 0600): chmod 600 %s", what,
		       path, mode, path);
	else
		report(v, 0, "%s %s", what, path);
}

static void check_dir_mode(struct verdict *v, const char *db_path)
{
	char dir[PATH_MAX];
	snprintf(dir, sizeof dir, "%s", db_path);
	char *slash = strrchr(dir, '/');
	if (!slash)
		snprintf(dir, sizeof dir, ".");
	else if (slash == dir)
		dir[1] = '\0';
	else
		*slash = '\0';
	struct stat sb;
	if (stat(dir, &sb) != 0) {
		report(v, 2, "directory: cannot read %s: %s", dir, strerror(errno));
		return;
	}
	unsigned mode = (unsigned)sb.st_mode & 07777;
	if (mode & 044)
		report(v, 1,
		       "directory: %s is %04o, others can list it (expected 0700): chmod 700 %s",
		       dir, mode, dir);
	else if (mode & 077)
		report(v, 1, "directory: %s is %04o (expected 0700): chmod 700 %s", dir, mode, dir);
	else
		report(v, 0, "directory %s", dir);
}

/* The history of changes: how much it holds, and what waits for sync. */
static void check_journal(struct cxo_app *app, struct verdict *v)
{
	struct journal_stats js;
	store_journal_keep(app->st, app->cfg.journal_days);
	if (store_journal_stats(app->st, &js)) {
		report(v, 2, "journal: %s", store_error(app->st));
		return;
	}
	char oldest[CLOCK_TEXT_LEN] = "", kept[64];
	int64_t t;
	if (js.oldest[0] && clock_stamp_parse(js.oldest, &t))
		clock_local_text(t, oldest, sizeof oldest);
	if (js.keep_days == 0)
		snprintf(kept, sizeof kept, "off (journal_days = 0): nothing new is recorded");
	else
		snprintf(kept, sizeof kept, "kept %d day%s", js.keep_days,
		         js.keep_days == 1 ? "" : "s");
	report(v, 0,
	       "history %lld change%s, %.1f KiB%s%s, %s; %lld not yet synced, %lld sync "
	       "conflict%s",
	       js.entries, js.entries == 1 ? "" : "s", (double)js.bytes / 1024.0,
	       oldest[0] ? ", oldest " : "", oldest, kept, js.unsent, js.conflicts,
	       js.conflicts == 1 ? "" : "s");
}

static void check_store(struct cxo_app *app, struct verdict *v, const char *path)
{
	struct store_check ck;
	int rc = store_check(app->st, &ck);
	if (rc == EX_TEMPFAIL) {
		v->busy = true;
		report(v, 2, "database: %s: try again when it is free", store_error(app->st));
		return;
	}
	if (rc) {
		report(v, 2,
		       "integrity: %s: restore a backup: cxo restore BACKUP (cxo backup "
		       "keeps them in $XDG_DATA_HOME/cxo/backups)",
		       store_error(app->st));
		return;
	}
	if (ck.schema_version == STORE_SCHEMA_VERSION)
		report(v, 0, "schema version %d", ck.schema_version);
	else if (ck.schema_version >= STORE_SCHEMA_READABLE)
		report(v, 1,
		       "schema: version %d, this cxo uses %d: reads work as it is; the next "
		       "write command upgrades it",
		       ck.schema_version, STORE_SCHEMA_VERSION);
	else
		report(v, 2,
		       "schema: version %d, this cxo uses %d: run any write command to upgrade",
		       ck.schema_version, STORE_SCHEMA_VERSION);
	if (ck.application_id_ok)
		report(v, 0, "application id");
	else
		report(v, 2, "application id: %s is not marked as a cxo database", path);
	if (ck.integrity && !strcmp(ck.integrity, "ok")) {
		report(v, 0, "integrity");
	} else {
		/* One line per check: the first problem and a count. */
		const char *first = ck.integrity ? ck.integrity : "unknown";
		size_t lines = 1;
		for (const char *p = first; *p; p++)
			lines += *p == '\n';
		int len = (int)strcspn(first, "\n");
		report(v, 2,
		       "integrity: %.*s%s: restore a backup: cxo restore BACKUP (cxo backup "
		       "keeps them in $XDG_DATA_HOME/cxo/backups)",
		       len, first, lines > 1 ? " (and more)" : "");
	}
	if (ck.foreign_key_errors == 0)
		report(v, 0, "foreign keys");
	else
		report(v, 2,
		       "foreign keys: %d rows refer to missing rows: restore a backup: "
		       "cxo restore BACKUP",
		       ck.foreign_key_errors);
	report_kept(v, ck.day_totals_kept, ck.day_total_errors, "daily totals",
	            "days disagree with their entries");
	report_kept(v, ck.risk_cells_kept, ck.risk_cell_errors, "open risk counts",
	            "heat-map cells disagree with the risks");
	if (ck.waiting_for_kept && ck.waiting_for_errors == 0)
		report(v, 0, "waiting actions");
	else if (ck.waiting_for_kept)
		report(v, 1,
		       "waiting actions: %d wait for no one named, or name someone while not "
		       "waiting: cxo action wait ID PERSON, or cxo action edit ID --status STATUS",
		       ck.waiting_for_errors);
	if (!strcmp(ck.journal_mode, "wal"))
		report(v, 0, "journal mode wal");
	else
		report(v, 1,
		       "journal mode: \"%s\" (expected wal; a restored backup): the next write "
		       "command sets it",
		       ck.journal_mode);
	if (ck.schema_version >= 7)
		check_journal(app, v);
	store_check_free(&ck);
}

/* The schema against the one cxo makes at the file's version: a FAIL line
 * for each difference.  False when the other checks must not run: they
 * would read through whatever the file's own schema does. */
static bool check_schema(struct cxo_app *app, struct verdict *v, const char *path)
{
	char *diffs = NULL;
	int count = 0;
	int rc = store_schema_check(app->st, &diffs, &count);
	if (rc) {
		report(v, 2, "schema: %s", store_error(app->st));
		return false;
	}
	if (count == 0) {
		report(v, 0, "schema objects");
		return true;
	}
	for (char *line = diffs; line && *line;) {
		size_t n = strcspn(line, "\n");
		report(v, 2, "schema: %.*s: cxo did not make it", (int)n, line);
		line += n + (line[n] == '\n');
	}
	free(diffs);
	report(v, 2,
	       "schema: %s is not a database cxo made (%d difference%s): restore a backup "
	       "(cxo backup keeps them in $XDG_DATA_HOME/cxo/backups); the other checks "
	       "are skipped",
	       path, count, count == 1 ? "" : "s");
	return false;
}

/* `doctor --rebuild-totals`: the one repair, asked for by name. */
static int rebuild_totals(struct cxo_app *app)
{
	int rc = app_open_existing(app);
	if (rc)
		return rc;
	if ((rc = store_rebuild_totals(app->st)))
		return app_store_error(app, rc);
	printf("daily totals rebuilt from the entries, open risk counts from the risks\n");
	return 0;
}

static int doctor_run(struct cli_call *c)
{
	struct cxo_app *app = c->app;
	int rc;
	/* A repair writes: never to a database the settings may not name. */
	if (cli_flag(c, "rebuild-totals"))
		return (rc = app_require_config(app)) ? rc : rebuild_totals(app);

	struct verdict v = { 0, 0, false };
	/* A settings file that cannot be read stops every other command; here
	 * it is one failed check, and the rest run on the defaults. */
	if (app->config_rc)
		report(&v, 2,
		       "config: %s (correct the file, see cxo.conf(5); the checks below use "
		       "the default settings)",
		       app->config_error);
	else if (app->cfg.path)
		report(&v, 0, "config %s", app->cfg.path);
	else
		report(&v, 0, "config: none, defaults apply");
	check_theme(app, &v);

	const char *path = app->db_path;
	if (!path) {
		report(&v, 2,
		       "database: no path: set HOME, XDG_DATA_HOME or CXO_DB, or use -d PATH");
		return EX_DATAERR;
	}
	struct stat sb;
	if (stat(path, &sb) != 0 && errno == ENOENT) {
		report(&v, 2, "database: none at %s: run 'cxo init'", path);
		return EX_NOINPUT;
	}
	/* Read only: the doctor never upgrades or repairs behind your back.
	 * A schema of anyone else's is opened too, to list what differs. */
	char err[512];
	rc = store_open_unverified(path, 5000, &app->st, err, sizeof err);
	if (rc == EX_DATAERR && strstr(err, "damaged")) {
		report(&v, 2,
		       "database: %s: restore a backup: cxo restore BACKUP (cxo backup keeps "
		       "them in $XDG_DATA_HOME/cxo/backups)",
		       err);
	} else if (rc) {
		report(&v, 2, "database: %s", err);
	} else {
		app->st_mode = STORE_READ;
		report(&v, 0, "database %s", path);
		if (check_schema(app, &v, path))
			check_store(app, &v, path);
	}
	check_file_mode(&v, "permissions", path, true, false);
	check_dir_mode(&v, path);
	char side[PATH_MAX + 8];
	snprintf(side, sizeof side, "%s-wal", path);
	check_file_mode(&v, "permissions", side, false, true);
	snprintf(side, sizeof side, "%s-shm", path);
	check_file_mode(&v, "permissions", side, false, true);
	/* Busy is no fault of the file: try again later. */
	if (rc == EX_TEMPFAIL || v.busy)
		return EX_TEMPFAIL;
	return v.failed ? EX_DATAERR : 0;
}

static const struct cli_option doctor_opts[] = {
	{ .name = "rebuild-totals",
	  .help = "compute the daily hour totals and open risk counts afresh" },
	{ .name = NULL },
};

const struct cli_command cli_doctor = {
	.name = "doctor",
	.synopsis = "[--rebuild-totals]",
	.summary = "check the database, permissions and configuration",
	.help = "  Checks the configuration, the theme, the database (schema version, its\n"
	        "  objects against those cxo makes, integrity, foreign keys, daily totals,\n"
	        "  open risk counts, WAL) and the permissions of the database, its\n"
	        "  directory and its -wal/-shm files; one line per check (ok, warn or\n"
	        "  FAIL) with the fix.  A configuration file that cannot be read is one\n"
	        "  failed check; the others then use the default settings.  Reads only:\n"
	        "  it never upgrades or repairs anything, except that --rebuild-totals\n"
	        "  computes the daily hour totals and the open risk counts afresh and\n"
	        "  does nothing else.",
	.opts = doctor_opts,
	.flags = CMD_ANY_CONFIG, /* reports a bad settings file as a check */
	.run = doctor_run,       /* opens the database itself, read only, to report on it */
};

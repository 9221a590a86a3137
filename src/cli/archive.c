/*
 * archive.c: the cxo archive (cxo-json(5)) out and in: `cxo export` (its
 * json form), `cxo client export` (client_offboard.c) and
 * `cxo import FILE.json`.  The document itself is src/report's.
 */
#include "internal.h"

#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "cxo/archive.h"
#include "cxo/journal.h"
#include "cxo/report.h"
#include "cxo/text.h"

struct out_job {
	struct store *st;
	const char *client_id;
	struct archive_ids *ids;
};

static int write_job(FILE *out, void *arg, char *err, size_t errsz)
{
	const struct out_job *j = arg;
	return archive_write(j->st, j->client_id, out, j->ids, err, errsz);
}

int cli_archive_out(struct cli_call *c, const struct client *client, const char *path, bool force)
{
	struct cxo_app *app = c->app;
	/* Each export is recorded: open for writing before writing anything. */
	int rc = app_open(app, STORE_WRITE);
	if (rc)
		return rc;
	struct archive_ids ids = { 0 };
	struct out_job j = { app->st, client ? client->id : NULL, &ids };
	char err[1024] = "";
	if (path)
		rc = report_file_whole(path, force, write_job, &j, err, sizeof err);
	else if (!(rc = write_job(stdout, &j, err, sizeof err)) &&
	         (fflush(stdout) == EOF || ferror(stdout)))
		rc = EX_IOERR, snprintf(err, sizeof err, "cannot write the archive to stdout");
	if (rc) {
		archive_ids_free(&ids);
		return app_error(rc, "%s: %s", c->path, *err ? err : "cannot write the archive");
	}
	if (*err)
		app_warn("%s: %s", c->path, err);
	for (size_t i = 0; !rc && i < ids.n; i++)
		if ((rc = store_export_mark(app->st, ids.ids[i], path ? path : "-")))
			app_error(rc, "%s: the archive is written, but recording it failed: %s",
			          c->path, store_error(app->st));
	if (!rc && path)
		fprintf(stderr, "cxo: wrote %s (%zu client%s)\n", path, ids.n,
		        ids.n == 1 ? "" : "s");
	archive_ids_free(&ids);
	return rc;
}

int cli_export_json(struct cli_call *c, const struct exchange_out *o)
{
	return cli_archive_out(c, o->client, o->path, o->force);
}

/* ---- in ---- */

struct import_say {
	FILE *to;        /* stdout for --dry-run, else stderr */
	const char *how; /* what happens to a conflict */
	size_t told;
};

static void say_conflict(void *arg, const struct store_arc_conflict *k)
{
	struct import_say *s = arg;
	char title[64], ours[100], theirs[100], field[40];
	text_sanitize_into(k->title, title, sizeof title);
	text_sanitize_into(k->ours, ours, sizeof ours);
	text_sanitize_into(k->theirs, theirs, sizeof theirs);
	text_sanitize_into(k->field, field, sizeof field);
	char id[48];
	text_sanitize_into(k->id, id, sizeof id);
	fprintf(s->to, "%sconflict: %s %s%s%s%s: %s: ours \"%s\", theirs \"%s\"%s\n",
	        s->to == stderr ? "cxo: " : "", store_arc_kinds[k->kind].item, id,
	        *title ? " \"" : "", title, *title ? "\"" : "", field, ours, theirs, s->how);
	s->told++;
}

static void print_counts(const struct store_arc_counts *n, bool dry_run)
{
	for (int k = 0; k < ARC_KIND_COUNT; k++) {
		if (!n->added[k] && !n->same[k] && !n->conflicts[k])
			continue;
		printf("%-9s %zu %s, %zu unchanged, %zu conflicting\n", store_arc_kinds[k].name,
		       n->added[k], dry_run ? "new" : "added", n->same[k], n->conflicts[k]);
	}
}

/* The archive read and checked before the database was opened (one
 * command a process), so that a refused file creates and changes
 * nothing. */
static struct archive *checked;

static void free_checked(void)
{
	archive_free(checked);
	checked = NULL;
}

int cli_import_json_check(struct cli_call *c, const char *file)
{
	char err[1024];
	static bool registered;
	if (!registered && atexit(free_checked) == 0)
		registered = true;
	free_checked();
	int rc = archive_load(file, &checked, err, sizeof err);
	return rc ? app_error(rc, "%s: %s", c->path, err) : 0;
}

/* The history's line for a merge: "imported archive acme.json"; NULL
 * forgets it (the merge wrote nothing). */
static int describe_merge(struct cxo_app *app, const char *file)
{
	char line[200];
	if (file) {
		const char *base = strrchr(file, '/');
		char name[160];
		text_sanitize_into(base && base[1] ? base + 1 : file, name, sizeof name);
		snprintf(line, sizeof line, "imported archive %s", name);
	}
	int rc = store_journal_describe(app->st, file ? line : NULL);
	return rc ? app_store_error(app, rc) : 0;
}

int cli_import_json(struct cli_call *c, const char *file)
{
	char err[1024];
	struct archive *a = checked;
	checked = NULL;
	int rc = a ? 0 : archive_load(file, &a, err, sizeof err);
	if (rc)
		return app_error(rc, "%s: %s", c->path, err);
	const char *prefer = cli_text(c, "prefer");
	bool dry_run = cli_flag(c, "dry-run");
	enum store_arc_prefer p = !prefer                     ? ARC_REFUSE
	                          : !strcmp(prefer, "theirs") ? ARC_THEIRS
	                                                      : ARC_OURS;
	const char *how = p == ARC_REFUSE ? ""
	                  : p == ARC_THEIRS
	                          ? (dry_run ? " (theirs would be taken)" : " (theirs taken)")
	                          : (dry_run ? " (ours would be kept)" : " (ours kept)");
	struct import_say say = { dry_run ? stdout : stderr, how, 0 };
	struct store_arc_counts n;
	/* The merge's one transaction is recorded with this line. */
	if (!dry_run && (rc = describe_merge(c->app, file))) {
		archive_free(a);
		return rc;
	}
	rc = archive_merge(c->app->st, a, p, dry_run, &n, say_conflict, &say, err, sizeof err);
	if (rc && !dry_run)
		describe_merge(c->app, NULL);
	size_t conflicts = 0;
	for (int k = 0; k < ARC_KIND_COUNT; k++)
		conflicts += n.conflicts[k];
	archive_free(a);
	if (rc && conflicts && p == ARC_REFUSE)
		return app_error(rc,
		                 "%s: %zu conflicting item%s, nothing imported (--prefer theirs "
		                 "takes the file's values, --prefer ours keeps this database's)",
		                 c->path, conflicts, conflicts == 1 ? "" : "s");
	if (rc)
		return app_error(rc, "%s: %s; nothing imported", c->path, err);
	print_counts(&n, dry_run);
	if (dry_run && conflicts && p == ARC_REFUSE)
		printf("as it is the import would be refused: --prefer theirs would take the "
		       "file's "
		       "values, --prefer ours would keep this database's\n");
	if (dry_run)
		printf("nothing written (--dry-run)\n");
	return 0;
}

/*
 * timeimport.c: Harvest and Toggl Track time reports in (`cxo import
 * --from harvest|toggl FILE`).  The whole file is read and checked first
 * (cxo/timeimport.h); then whose rows are taken (--person), which client
 * each of its clients is (--map, by name or key, --create-clients,
 * --skip-unknown) and which mandate each project is; then every row goes
 * in, in one transaction, unless it was imported before.
 */
#include "internal.h"

#include "cxo/duration.h"
#include "cxo/text.h"
#include "cxo/timeimport.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "cxo/journal.h"

/* What one of the file's client names is in cxo. */
struct target {
	int client;   /* index into the clients known or made, -1 when unknown */
	bool skipped; /* unknown and --skip-unknown */
	size_t rows;  /* rows of the people imported */
};

/* A client of cxo the import adds to, and its totals. */
struct tally {
	struct client c;
	bool created;
	bool used;
	size_t entries, already, zero;
	long minutes, billable;
	struct mandate_list mandates;
	bool mandates_read;
	/* For each of the file's projects: 0 not looked up yet, -1 no
	 * mandate of that title, else the mandate's index + 1. */
	int *project_mandate;
};

struct job {
	struct cli_call *c;
	const char *shown; /* the file's name for messages */
	const struct timeimport_file *f;
	bool dry;
	bool *person_kept;
	struct target *targets; /* one per f->clients item */
	struct tally *tallies;
	size_t ntallies;
	size_t unknown_rows; /* left out by --skip-unknown */
	char *note;          /* the note being built */
	size_t notecap;
};

static void job_free(struct job *j)
{
	for (size_t i = 0; i < j->ntallies; i++) {
		client_free(&j->tallies[i].c);
		mandate_list_free(&j->tallies[i].mandates);
		free(j->tallies[i].project_mandate);
	}
	free(j->tallies);
	free(j->targets);
	free(j->person_kept);
	free(j->note);
}

static const char *rows_word(size_t n)
{
	return n == 1 ? "row" : "rows";
}

/* "A" (3 rows), "B" (1 row) into buf: the names of t marked in want
 * (all when NULL), with their counts (counts[i] when given). */
static void name_list(const struct timeimport_names *t, const bool *want, const size_t *counts,
                      bool people, char *buf, size_t n)
{
	size_t len = 0;
	buf[0] = '\0';
	for (size_t i = 0; i < t->n && len + 1 < n; i++) {
		if (want && !want[i])
			continue;
		const struct timeimport_name *it = &t->items[i];
		char who[300];
		if (people && *it->email)
			snprintf(who, sizeof who, "%s <%s>", *it->text ? it->text : "(no name)",
			         it->email);
		else
			snprintf(who, sizeof who, "%s",
			         *it->text ? it->text
			         : people  ? "(no name)"
			                   : "(no client)");
		size_t rows = counts ? counts[i] : it->rows;
		int w = snprintf(buf + len, n - len, "%s\"%s\" (%zu %s)", len ? ", " : "", who,
		                 rows, rows_word(rows));
		if (w < 0)
			break;
		len += (size_t)w;
	}
	if (len >= n && n > 4)
		memcpy(buf + n - 4, "...", 4);
}

/* ---- whose rows ---- */

static int choose_people(struct job *j)
{
	const struct timeimport_names *p = &j->f->people;
	const char *person = cli_text(j->c, "person");
	j->person_kept = calloc(p->n ? p->n : 1, sizeof *j->person_kept);
	if (!j->person_kept)
		return app_error(EX_OSERR, "out of memory");
	char list[2048];
	if (!person) {
		if (p->n > 1) {
			name_list(p, NULL, NULL, true, list, sizeof list);
			return app_error(
			        EX_DATAERR,
			        "%s holds the hours of %zu people: %s; --person NAME|EMAIL "
			        "chooses whose to import",
			        j->shown, p->n, list);
		}
		for (size_t i = 0; i < p->n; i++)
			j->person_kept[i] = true;
		return 0;
	}
	bool any = false;
	for (size_t i = 0; i < p->n; i++)
		if (text_ieq(p->items[i].text, person) ||
		    (*p->items[i].email && text_ieq(p->items[i].email, person)))
			any = j->person_kept[i] = true;
	if (!any) {
		name_list(p, NULL, NULL, true, list, sizeof list);
		return app_error(EX_DATAERR, "--person: no rows of \"%s\" in %s (it has %s)",
		                 person, j->shown, list);
	}
	return 0;
}

/* ---- which clients ---- */

static int tally_add(struct job *j, const struct client *c, bool created)
{
	struct tally *t = realloc(j->tallies, (j->ntallies + 1) * sizeof *t);
	if (!t)
		return app_error(EX_OSERR, "out of memory");
	j->tallies = t;
	t = &j->tallies[j->ntallies];
	memset(t, 0, sizeof *t);
	if (client_copy(&t->c, c))
		return app_error(EX_OSERR, "out of memory");
	t->created = created;
	j->ntallies++;
	return 0;
}

/* The known client (index into tallies) whose key, else name, is name. */
static int find_client(const struct job *j, const char *name)
{
	for (size_t i = 0; i < j->ntallies; i++)
		if (!j->tallies[i].created && text_ieq(j->tallies[i].c.key, name))
			return (int)i;
	for (size_t i = 0; i < j->ntallies; i++)
		if (!j->tallies[i].created && j->tallies[i].c.name &&
		    text_ieq(j->tallies[i].c.name, name))
			return (int)i;
	return -1;
}

static bool key_taken(const struct job *j, const char *key)
{
	for (size_t i = 0; i < j->ntallies; i++)
		if (!strcmp(j->tallies[i].c.key, key))
			return true;
	return false;
}

/* A key for a client named name: lower case a-z, 0-9, _ and -, starting
 * with a letter, 24 characters and a "-N" at most, none of the taken
 * ones. */
static void make_key(const struct job *j, const char *name, char key[KEY_LEN])
{
	char base[KEY_LEN] = "";
	size_t n = 0;
	bool dash = false;
	for (const char *s = name; *s && n < 21; s++) {
		char ch = *s;
		if (ch >= 'A' && ch <= 'Z')
			ch = (char)(ch - 'A' + 'a');
		if ((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '_') {
			if (dash && n)
				base[n++] = '-';
			if (n == 0 && !(ch >= 'a' && ch <= 'z'))
				base[n++] = 'c', base[n++] = '-';
			base[n++] = ch;
			dash = false;
		} else {
			dash = true;
		}
	}
	base[n] = '\0';
	if (!n)
		snprintf(base, sizeof base, "client");
	snprintf(key, KEY_LEN, "%s", base);
	for (unsigned i = 2; key_taken(j, key); i++)
		snprintf(key, KEY_LEN, "%.24s-%u", base, i % 100000u);
}

static int load_clients(struct job *j)
{
	struct client_list all;
	int rc = store_client_list(j->c->app->st, true, &all);
	if (rc)
		return app_store_error(j->c->app, rc);
	for (size_t i = 0; i < all.n && !rc; i++)
		rc = tally_add(j, &all.items[i], false);
	client_list_free(&all);
	return rc;
}

/* --map NAME=KEY for the file's client name, or NULL. */
static int mapped(struct job *j, const char *name, int *out)
{
	const struct cli_value *map = cli_opt(j->c, "map");
	*out = -1;
	for (int i = 0; map && i < map->count; i++) {
		const char *eq = strrchr(map->all[i], '=');
		char their[512];
		snprintf(their, sizeof their, "%.*s", (int)(eq - map->all[i]), map->all[i]);
		if (!text_ieq(text_trim(their), name))
			continue;
		for (size_t k = 0; k < j->ntallies; k++)
			if (!j->tallies[k].created && text_ieq(j->tallies[k].c.key, eq + 1)) {
				*out = (int)k;
				return 0;
			}
		return app_error(EX_DATAERR, "--map \"%s\": no client with the key \"%s\"",
		                 map->all[i], eq + 1);
	}
	return 0;
}

/* A --map whose name no row of the file has is most likely mistyped. */
static void warn_unused_maps(struct job *j)
{
	const struct cli_value *map = cli_opt(j->c, "map");
	const struct timeimport_file *f = j->f;
	for (int i = 0; map && i < map->count; i++) {
		const char *eq = strrchr(map->all[i], '=');
		char their[512];
		snprintf(their, sizeof their, "%.*s", (int)(eq - map->all[i]), map->all[i]);
		text_trim(their);
		bool found = false;
		for (size_t k = 0; k < f->clients.n && !found; k++)
			found = j->targets[k].rows && text_ieq(their, f->clients.items[k].text);
		if (!found)
			app_warn("--map \"%s\": %s has no rows of a client named \"%s\"",
			         map->all[i], j->shown, their);
	}
}

static int choose_clients(struct job *j)
{
	const struct timeimport_file *f = j->f;
	size_t nc = f->clients.n;
	j->targets = calloc(nc ? nc : 1, sizeof *j->targets);
	size_t *unknown_rows = calloc(nc ? nc : 1, sizeof *unknown_rows);
	bool *unknown = calloc(nc ? nc : 1, sizeof *unknown);
	int rc = 0;
	if (!j->targets || !unknown_rows || !unknown) {
		rc = app_error(EX_OSERR, "out of memory");
		goto out;
	}
	for (size_t i = 0; i < f->n; i++)
		if (j->person_kept[f->rows[i].person])
			j->targets[f->rows[i].client].rows++;
	if ((rc = load_clients(j)))
		goto out;
	size_t nunknown = 0, unknown_total = 0;
	for (size_t i = 0; i < nc; i++) {
		struct target *t = &j->targets[i];
		const char *name = f->clients.items[i].text;
		if (!t->rows)
			continue;
		if ((rc = mapped(j, name, &t->client)))
			goto out;
		if (t->client < 0 && *name)
			t->client = find_client(j, name);
		if (t->client >= 0)
			continue;
		unknown[i] = true;
		unknown_rows[i] = t->rows;
		nunknown++;
		unknown_total += t->rows;
	}
	warn_unused_maps(j);
	if (!nunknown)
		goto out;
	char list[2048];
	name_list(&f->clients, unknown, unknown_rows, false, list, sizeof list);
	if (cli_flag(j->c, "skip-unknown")) {
		for (size_t i = 0; i < nc; i++)
			j->targets[i].skipped = unknown[i];
		j->unknown_rows = unknown_total;
		goto out;
	}
	if (!cli_flag(j->c, "create-clients")) {
		rc = app_error(
		        EX_DATAERR,
		        "%s: %zu %s of clients cxo does not know: %s; --map \"NAME=KEY\" "
		        "names the client, --create-clients adds them, --skip-unknown leaves "
		        "their rows out",
		        j->shown, unknown_total, rows_word(unknown_total), list);
		goto out;
	}
	for (size_t i = 0; i < nc && !rc; i++) {
		if (!unknown[i])
			continue;
		const char *name = f->clients.items[i].text;
		if (!*name) {
			rc = app_error(EX_DATAERR,
			               "%s: %zu %s with no client: --skip-unknown leaves them out",
			               j->shown, unknown_rows[i], rows_word(unknown_rows[i]));
			break;
		}
		/* The name as cxo would show it: no controls kept.  Names that
		 * differ only in case are one new client. */
		struct client c = { 0 };
		c.name = text_sanitize(name);
		if (!c.name) {
			rc = app_error(EX_OSERR, "out of memory");
			break;
		}
		for (size_t k = 0; k < j->ntallies; k++)
			if (j->tallies[k].created && text_ieq(j->tallies[k].c.name, c.name))
				j->targets[i].client = (int)k;
		if (j->targets[i].client < 0) {
			make_key(j, c.name, c.key);
			if ((rc = tally_add(j, &c, true)) == 0)
				j->targets[i].client = (int)j->ntallies - 1;
		}
		free(c.name);
	}
out:
	free(unknown);
	free(unknown_rows);
	return rc;
}

/* Adds the clients made by --create-clients (inside the transaction). */
static int create_clients(struct job *j)
{
	for (size_t i = 0; i < j->ntallies; i++) {
		struct tally *t = &j->tallies[i];
		if (!t->created || j->dry)
			continue;
		int rc = store_client_add(j->c->app->st, &t->c);
		if (rc)
			return app_store_error(j->c->app, rc);
	}
	return 0;
}

/* The mandate of t whose title is the project's (in any case), or NULL;
 * looked up once per client and project. */
static const char *mandate_of(struct job *j, struct tally *t, uint32_t project, int *rc)
{
	*rc = 0;
	const char *title = j->f->projects.items[project].text;
	if (!*title || t->created)
		return NULL;
	if (!t->mandates_read) {
		*rc = store_mandate_list(j->c->app->st, t->c.id, true, &t->mandates);
		if (*rc) {
			*rc = app_store_error(j->c->app, *rc);
			return NULL;
		}
		t->mandates_read = true;
		t->project_mandate = calloc(j->f->projects.n, sizeof *t->project_mandate);
		if (!t->project_mandate) {
			*rc = app_error(EX_OSERR, "out of memory");
			return NULL;
		}
	}
	int *m = &t->project_mandate[project];
	if (!*m) {
		*m = -1;
		for (size_t i = 0; i < t->mandates.n; i++)
			if (t->mandates.items[i].title &&
			    text_ieq(t->mandates.items[i].title, title)) {
				*m = (int)i + 1;
				break;
			}
	}
	return *m > 0 ? t->mandates.items[*m - 1].id : NULL;
}

/* The row's note, with the project when no mandate took it. */
static const char *note_of(struct job *j, const struct timeimport_row *r, bool with_project)
{
	const char *base = j->f->text + r->note;
	const char *project = j->f->projects.items[r->project].text;
	if (!with_project || !*project)
		return *base ? base : NULL;
	static const char OPEN[] = " (Project: ", ALONE[] = "Project: ";
	size_t nb = strlen(base), np = strlen(project);
	size_t need = nb + np + sizeof OPEN + 1;
	if (need > j->notecap) {
		char *n = realloc(j->note, need);
		if (!n)
			return NULL;
		j->note = n;
		j->notecap = need;
	}
	char *p = j->note;
	if (nb) {
		memcpy(p, base, nb);
		memcpy(p + nb, OPEN, sizeof OPEN - 1);
		p += nb + sizeof OPEN - 1;
	} else {
		memcpy(p, ALONE, sizeof ALONE - 1);
		p += sizeof ALONE - 1;
	}
	memcpy(p, project, np);
	p += np;
	if (nb)
		*p++ = ')';
	*p = '\0';
	return j->note;
}

/* ---- the rows ---- */

/* The store's message for the row of line (0: no one row). */
static int failed(struct job *j, int rc, uint32_t line)
{
	const char *msg = store_error(j->c->app->st);
	if (line)
		return app_error(rc, "%s:%u: %s", j->shown, line, msg);
	return app_error(rc, "%s: %s", j->shown, msg);
}

static int import_rows(struct job *j, struct store_time_import *imp)
{
	const struct timeimport_file *f = j->f;
	const char *service = timeimport_service_name(f->service);
	struct store *st = j->c->app->st;
	for (size_t i = 0; i < f->n; i++) {
		const struct timeimport_row *r = &f->rows[i];
		const struct target *tg = &j->targets[r->client];
		if (!j->person_kept[r->person] || tg->skipped)
			continue;
		struct tally *t = &j->tallies[tg->client];
		t->used = true;
		if (r->minutes == 0) {
			t->zero++;
			continue;
		}
		bool seen = false;
		int rc;
		if ((rc = store_time_import_seen(imp, service, r->key, &seen)))
			return app_store_error(j->c->app, rc);
		if (seen) {
			t->already++;
			continue;
		}
		char day[DATE_ISO_LEN];
		date_format_iso(r->day, day);
		if (!t->created && (rc = store_time_import_locked(imp, t->c.id, day)))
			return app_error(rc, "%s:%u: %s", j->shown, r->line, store_error(st));
		const char *mandate = mandate_of(j, t, r->project, &rc);
		if (rc)
			return rc;
		const char *note = note_of(j, r, !mandate);
		if (!note && (*(f->text + r->note) || r->project))
			return app_error(EX_OSERR, "out of memory");
		struct time_import_entry e = {
			.client_id = t->c.id,
			.mandate_id = mandate,
			.day = day,
			.minutes = r->minutes,
			.note = note,
			.billable = r->billable,
			.service = service,
			.source_key = r->key,
			.start_time = r->start[0] ? r->start : NULL,
			.end_time = r->end[0] ? r->end : NULL,
			.tag = r->line,
		};
		if ((rc = store_time_import_add(imp, &e)))
			return failed(j, rc, store_time_import_failed(imp));
		t->entries++;
		t->minutes += r->minutes;
		if (r->billable)
			t->billable += r->minutes;
	}
	return 0;
}

/* ---- what was done ---- */

static void print_table(const struct job *j)
{
	enum hours_style style = j->c->app->cfg.hours_style;
	int width = 6; /* "client" */
	for (size_t i = 0; i < j->ntallies; i++) {
		const struct tally *t = &j->tallies[i];
		int w = (int)strlen(t->c.key) + (t->created ? 6 : 0);
		if (t->used && w > width)
			width = w;
	}
	printf("%-*s %8s %12s %12s %8s %8s\n", width, "client", "entries", "hours", "billable",
	       "already", "skipped");
	size_t entries = 0, already = 0, zero = 0, clients = 0, created = 0;
	long minutes = 0;
	for (size_t i = 0; i < j->ntallies; i++) {
		const struct tally *t = &j->tallies[i];
		if (!t->used)
			continue;
		char name[64], hours[32], billable[32];
		snprintf(name, sizeof name, "%s%s", t->c.key, t->created ? " (new)" : "");
		duration_format(t->minutes, style, hours, sizeof hours);
		duration_format(t->billable, style, billable, sizeof billable);
		printf("%-*s %8zu %12s %12s %8zu %8zu\n", width, name, t->entries, hours, billable,
		       t->already, t->zero);
		entries += t->entries;
		already += t->already;
		zero += t->zero;
		minutes += t->minutes;
		clients++;
		created += t->created;
	}
	char total[32];
	duration_format(minutes, style, total, sizeof total);
	printf("%s %zu %s (%s) for %zu %s", j->dry ? "would import" : "imported", entries,
	       entries == 1 ? "entry" : "entries", total, clients,
	       clients == 1 ? "client" : "clients");
	if (created)
		printf(", %zu of them new", created);
	printf("; %zu already imported, %zu under half a minute skipped", already, zero);
	if (j->unknown_rows)
		printf(", %zu %s of unknown clients left out", j->unknown_rows,
		       rows_word(j->unknown_rows));
	printf("%s\n", j->dry ? " (dry run: nothing written)" : "");
}

/* The file as cli_import_time_check read it, before the database was
 * opened, for cli_import_time. */
static struct timeimport_file checked;
static bool have_checked;

int cli_import_time_check(struct cli_call *c, const char *file, const char *service)
{
	enum timeimport_service svc =
	        strcmp(service, "toggl") ? TIMEIMPORT_HARVEST : TIMEIMPORT_TOGGL;
	char err[1024];
	if (have_checked)
		timeimport_file_free(&checked);
	have_checked = false;
	int rc = timeimport_read(file, svc, cli_flag(c, "rounded"), &checked, err, sizeof err);
	if (rc) {
		timeimport_file_free(&checked);
		return app_error(rc, "%s", err);
	}
	have_checked = true;
	/* Whose rows: the file alone says. */
	char shown[256];
	text_sanitize_into(file, shown, sizeof shown);
	struct job j = { .c = c, .shown = shown, .f = &checked };
	rc = choose_people(&j);
	job_free(&j);
	if (rc) {
		timeimport_file_free(&checked);
		have_checked = false;
	}
	return rc;
}

/* The history's line for the import: "imported 212 entries (340h) from
 * harvest". */
static int describe_import(struct job *j, const char *service)
{
	size_t entries = 0;
	long minutes = 0;
	for (size_t i = 0; i < j->ntallies; i++) {
		entries += j->tallies[i].entries;
		minutes += j->tallies[i].minutes;
	}
	char total[32], line[160];
	duration_format(minutes, j->c->app->cfg.hours_style, total, sizeof total);
	snprintf(line, sizeof line, "imported %zu %s (%s) from %s", entries,
	         entries == 1 ? "entry" : "entries", total, service);
	int rc = store_journal_describe(j->c->app->st, line);
	return rc ? app_store_error(j->c->app, rc) : 0;
}

int cli_import_time(struct cli_call *c, const char *file, const char *service)
{
	int rc = have_checked ? 0 : cli_import_time_check(c, file, service);
	if (rc)
		return rc;
	struct timeimport_file f = checked;
	memset(&checked, 0, sizeof checked);
	have_checked = false;
	char shown[256];
	text_sanitize_into(file, shown, sizeof shown);
	struct job j = { .c = c, .shown = shown, .f = &f, .dry = cli_flag(c, "dry-run") };
	struct store_time_import *imp = NULL;
	if ((rc = choose_people(&j)) || (rc = choose_clients(&j)))
		goto out;
	if ((rc = store_time_import_begin(c->app->st, j.dry, &imp))) {
		rc = app_store_error(c->app, rc);
		goto out;
	}
	rc = create_clients(&j);
	if (!rc)
		rc = import_rows(&j, imp);
	if (!rc && !j.dry)
		rc = describe_import(&j, service);
	uint32_t line;
	int end = store_time_import_end(imp, rc, &line);
	if (!rc && end)
		rc = failed(&j, end, line);
	if (!rc)
		print_table(&j);
out:
	job_free(&j);
	timeimport_file_free(&f);
	return rc;
}

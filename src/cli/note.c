/*
 * note.c: `cxo note add|edit|rm|show|list`: what was said in the last
 * meeting, what you were in the middle of when you switched away.  A
 * note may run to many lines: written in the editor ($VISUAL, $EDITOR),
 * read from standard input ("-"), or given as one argument.
 */
#include "internal.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include <unistd.h>

#include "cxo/clock.h"
#include "cxo/rules.h"
#include "cxo/text.h"

/* ---- the text: an argument, standard input or the editor ---- */

static bool is_stdin(const char *operand)
{
	return operand && !strcmp(operand, "-");
}

/*
 * The text operand at i, when given, must not be blank (it is trimmed,
 * then stored as given); without it the editor opens, which needs a
 * terminal: with none (a script, a pipe) the text is missing, as it
 * always was.
 */
static int check_text(struct cli_call *c, int i)
{
	char *text;
	if (c->argc > i)
		return is_stdin(c->argv[i]) ? 0 : cli_operand_text(c, i, "note", &text);
	if (!isatty(STDIN_FILENO))
		return cli_usage(c,
		                 "%s: missing TEXT (standard input is no terminal to open an "
		                 "editor on; '-' reads the note from it)",
		                 c->path);
	return 0;
}

/* The text line by line, each sanitised; a tab shows as a space. */
static void put_lines(FILE *fp, const char *text)
{
	const char *s = text ? text : "";
	for (;;) {
		size_t len = strcspn(s, "\n");
		char *line = strndup(s, len);
		if (line) {
			for (char *p = line; *p; p++)
				if (*p == '\t')
					*p = ' ';
			char *clean = text_sanitize(line);
			if (clean)
				fputs(clean, fp);
			free(clean);
			free(line);
		}
		fputc('\n', fp);
		if (!s[len])
			break;
		s += len + 1;
	}
}

/* After a failed write of a text from the editor, which exists nowhere
 * else now: the text on stderr, so that it is not lost. */
static void keep_text(const struct cli_call *c, int i, const char *text)
{
	if (c->argc > i)
		return;
	fprintf(stderr, "cxo: the note was not saved; its text:\n");
	put_lines(stderr, text);
}

/* The note's new text into *out (the caller frees): operand i, standard
 * input for "-", else the editor on initial.  An empty text is
 * EX_DATAERR "the note is empty: WHAT"; failures say so with WHAT
 * ("nothing added"). */
static int get_text(struct cli_call *c, int i, const char *initial, const char *what, char **out)
{
	char err[512];
	int rc;
	*out = NULL;
	if (c->argc > i && !is_stdin(c->argv[i])) {
		/* As given (trimmed by the check). */
		if (!(*out = strdup(c->argv[i])))
			return app_error(EX_OSERR, "out of memory");
	} else if (c->argc > i) {
		rc = app_read_text(STDIN_FILENO, "standard input", out, err, sizeof err);
		if (rc)
			return app_error(rc, "%s: %s", err, what);
	} else if ((rc = app_edit_text(initial, out, err, sizeof err))) {
		return app_error(rc, "%s: %s", err, what);
	}
	if (!**out) {
		free(*out);
		*out = NULL;
		return app_error(EX_DATAERR, "the note is empty: %s", what);
	}
	return 0;
}

/* The note's first line, sanitised and cut to width columns. */
static void first_line(const char *text, int width, char *buf, size_t n)
{
	size_t len = note_first_line(text, NULL);
	char *line = strndup(text ? text : "", len);
	text_fit(line ? line : "", width, true, buf, n);
	free(line);
}

static int load_note(struct cxo_app *app, const char *text, struct note *n)
{
	char id[UUID_LEN];
	int rc = cli_resolve(app, KIND_NOTE, text, NULL, id);
	if (!rc && (rc = store_note_get(app->st, id, n)))
		app_store_error(app, rc);
	return rc;
}

/* ---- note add ---- */

static int note_add_check(struct cli_call *c)
{
	return check_text(c, 0);
}

static int note_add(struct cli_call *call)
{
	struct cxo_app *app = call->app;
	const struct cli_value *date = cli_opt(call, "date");
	struct note n = { 0 };
	char err[256];
	int rc;

	/* A meeting written up later: filed under its day. */
	if ((rc = note_stamp(date ? date->day : "", app->now, app->today, n.created, err,
	                     sizeof err)))
		return app_error(rc, "%s", err);
	if ((rc = get_text(call, 0, NULL, "nothing added", &n.text)))
		return rc;
	snprintf(n.client_id, sizeof n.client_id, "%s", call->client.id);
	snprintf(n.client_key, sizeof n.client_key, "%s", call->client.key);
	if ((rc = store_note_add(app->st, &n))) {
		app_store_error(app, rc);
		keep_text(call, 0, n.text);
	} else {
		char sid[SHORT_ID_LEN + 1];
		uuid_short(n.id, sid);
		printf("added note %s for %s\n", sid, call->client.key);
		if (cli_flag(call, "share") && (rc = store_note_set_shared(app->st, n.id, true)))
			app_error(rc,
			          "note %s was added but not marked shared (cxo note share %s): %s",
			          sid, sid, store_error(app->st));
	}
	note_free(&n);
	return rc;
}

/* ---- note share ---- */

static int note_share(struct cli_call *call)
{
	struct cxo_app *app = call->app;
	struct note n = { 0 };
	bool on = !cli_flag(call, "off");
	char sid[SHORT_ID_LEN + 1];
	int rc;
	if ((rc = load_note(app, call->argv[0], &n)))
		return rc;
	uuid_short(n.id, sid);
	if ((rc = store_note_set_shared(app->st, n.id, on)))
		app_store_error(app, rc);
	else if (on)
		printf("note %s of %s is shared: a weekly update may include it\n", sid,
		       n.client_key);
	else
		printf("note %s of %s is no longer shared\n", sid, n.client_key);
	note_free(&n);
	return rc;
}

/* ---- note edit / rm / show ---- */

static int note_edit_check(struct cli_call *c)
{
	return check_text(c, 1);
}

static int note_edit(struct cli_call *call)
{
	struct cxo_app *app = call->app;
	struct note n = { 0 };
	char *text = NULL, sid[SHORT_ID_LEN + 1];
	int rc;
	if ((rc = load_note(app, call->argv[0], &n)))
		goto out;
	uuid_short(n.id, sid);
	if ((rc = get_text(call, 1, n.text, "nothing changed ('cxo note rm' removes a note)",
	                   &text)))
		goto out;
	if (!strcmp(text, n.text)) {
		printf("note %s for %s unchanged\n", sid, n.client_key);
		goto out;
	}
	free(n.text);
	n.text = text;
	text = NULL;
	if ((rc = store_note_update(app->st, &n))) {
		app_store_error(app, rc);
		keep_text(call, 1, n.text);
	} else {
		printf("updated note %s for %s\n", sid, n.client_key);
	}
out:
	free(text);
	note_free(&n);
	return rc;
}

static int note_rm(struct cli_call *call)
{
	struct cxo_app *app = call->app;
	struct note n = { 0 };
	int rc;
	if ((rc = load_note(app, call->argv[0], &n)))
		return rc;
	if ((rc = store_note_delete(app->st, n.id))) {
		app_store_error(app, rc);
	} else {
		char sid[SHORT_ID_LEN + 1], line[256];
		uuid_short(n.id, sid);
		first_line(n.text, 60, line, sizeof line);
		printf("removed note %s for %s: %s\n", sid, n.client_key, line);
	}
	note_free(&n);
	return rc;
}

/* Local date and time of a UTC stamp (YYYY-MM-DDTHH:MM:SSZ): the day as
 * ISO and "HH:MM"; the stamp's own date and "" when it cannot be read. */
static void local_when(const char *stamp, char day[DAY_LEN], char hhmm[8])
{
	int64_t t;
	cxo_day d;
	int second;
	if (clock_stamp_parse(stamp, &t) && clock_local(t, &d, &second)) {
		date_format_iso(d, day);
		snprintf(hhmm, 8, "%02d:%02d", second / 3600 % 24, second / 60 % 60);
	} else {
		snprintf(day, DAY_LEN, "%.10s", stamp);
		hhmm[0] = '\0';
	}
}

static int note_show(struct cli_call *call)
{
	struct cxo_app *app = call->app;
	struct note n = { 0 };
	char day[DAY_LEN], hhmm[8], shown[64];
	int rc;
	if ((rc = load_note(app, call->argv[0], &n)))
		return rc;
	bool shared = false;
	if ((rc = store_note_is_shared(app->st, n.id, &shared))) {
		note_free(&n);
		return app_store_error(app, rc);
	}
	local_when(n.created, day, hhmm);
	cli_format_day(app, day, shown, sizeof shown);
	printf("%-10s%s\n", "id", n.id);
	printf("%-10s%s\n", "client", n.client_key);
	printf("%-10s%s%s%s\n", "date", shown, *hhmm ? " " : "", hhmm);
	if (shared)
		printf("%-10s%s\n", "shared", "yes: a weekly update may include it");
	putchar('\n');
	put_lines(stdout, n.text);
	note_free(&n);
	return 0;
}

/* ---- note list ---- */

/* The first line, with "(+3 lines)" when more follow; tabs become
 * spaces (the table builder drops the other controls). */
static char *table_text(const char *s)
{
	int more;
	size_t len = note_first_line(s, &more);
	char tail[32] = "";
	if (more)
		snprintf(tail, sizeof tail, " (+%d line%s)", more, more == 1 ? "" : "s");
	char *out = malloc(len + strlen(tail) + 1);
	if (!out)
		return NULL;
	memcpy(out, s ? s : "", len);
	strcpy(out + len, tail);
	for (char *p = out; *p; p++)
		if (*p == '\t' || *p == '\r')
			*p = ' ';
	return out;
}

/* TSV: the whole text on one line, a backslash, line break, carriage
 * return and tab written \\, \n, \r and \t. */
static char *tsv_text(const char *s)
{
	const char *in = s ? s : "";
	char *out = malloc(2 * strlen(in) + 1), *w = out;
	if (!out)
		return NULL;
	for (; *in; in++) {
		const char *esc = *in == '\\'   ? "\\\\"
		                  : *in == '\n' ? "\\n"
		                  : *in == '\r' ? "\\r"
		                  : *in == '\t' ? "\\t"
		                                : NULL;
		if (esc) {
			memcpy(w, esc, 2);
			w += 2;
		} else {
			*w++ = *in;
		}
	}
	*w = '\0';
	return out;
}

static int note_list(struct cli_call *call)
{
	struct cxo_app *app = call->app;
	const struct cli_value *format = cli_opt(call, "format"), *limit = cli_opt(call, "limit");
	const struct cli_value *since = cli_opt(call, "since");
	const char *grep = cli_text(call, "grep");
	enum output_format fmt = format ? format->num : FORMAT_TABLE;
	bool all = cli_flag(call, "all-clients");
	const struct client c = call->client;
	char since_stamp[STAMP_LEN] = "";
	int rc;

	/* From the start of the local day. */
	if (since) {
		cxo_day d;
		int64_t t;
		if (!date_parse_iso(since->day, &d) || !clock_moment(d, 0, &t))
			return app_error(EX_DATAERR, "--since: cannot place the day %s",
			                 since->day);
		clock_stamp_format(t, since_stamp);
	}
	struct note_filter f = {
		.client_id = all ? NULL : c.id,
		.grep = grep && *grep ? grep : NULL,
		.since = since ? since_stamp : NULL,
		.limit = limit ? (size_t)limit->num : 0,
	};
	struct note_list l = { 0 };
	if ((rc = store_note_find(app->st, &f, &l)))
		return app_store_error(app, rc);
	if (fmt == FORMAT_TABLE && !l.n) {
		char what[160] = "", shown[100];
		if (f.grep) {
			text_sanitize_into(f.grep, shown, sizeof shown);
			snprintf(what, sizeof what, " matching \"%s\"", shown);
		}
		if (since) {
			cli_format_day(app, since->day, shown, sizeof shown);
			snprintf(what + strlen(what), sizeof what - strlen(what), " since %s",
			         shown);
		}
		printf("no notes%s%s%s\n", all ? "" : " for ", all ? "" : c.key, what);
		note_list_free(&l);
		return 0;
	}

	/* TSV carries JSON's fields (ISO days, the time made), each note on
	 * one line. */
	bool json = fmt == FORMAT_JSON, machine = fmt != FORMAT_TABLE;
	struct table *t = table_new(fmt, app->color);
	if (!t) {
		note_list_free(&l);
		return app_error(EX_OSERR, "out of memory");
	}
	table_column(t, "DATE", "date", COL_TEXT);
	if (machine)
		table_column(t, "CREATED", "created", COL_TEXT);
	if (all)
		table_column(t, "CLIENT", "client", COL_TEXT);
	table_column(t, "ID", "id", COL_TEXT);
	table_column(t, "TEXT", "text", COL_TEXT);
	if (machine) /* last, after the columns scripts already read */
		table_column(t, "SHARED", "shared", COL_BOOL);
	for (size_t i = 0; i < l.n; i++) {
		const struct note *n = &l.items[i];
		char day[DAY_LEN], hhmm[8], shown[32];
		bool shared = false;
		if ((rc = store_note_is_shared(app->st, n->id, &shared))) {
			table_free(t);
			note_list_free(&l);
			return app_store_error(app, rc);
		}
		local_when(n->created, day, hhmm);
		table_row(t);
		if (machine) {
			table_cell(t, day);
			table_cell(t, n->created);
		} else {
			cli_format_day(app, day, shown, sizeof shown);
			table_cell(t, shown);
		}
		if (all)
			table_cell(t, n->client_key);
		table_cell_id(t, n->id);
		if (json) {
			table_cell(t, n->text);
			table_cell(t, shared ? "1" : "0");
			continue;
		}
		char *text = fmt == FORMAT_TSV ? tsv_text(n->text) : table_text(n->text);
		if (!text) {
			table_free(t);
			note_list_free(&l);
			return app_error(EX_OSERR, "out of memory");
		}
		if (shared && !machine)
			table_cellf(t, "[shared] %s", text);
		else
			table_cell(t, text);
		if (machine)
			table_cell(t, shared ? "1" : "0");
		free(text);
	}
	rc = table_print(t, stdout);
	table_free(t);
	note_list_free(&l);
	return rc;
}

/* ---- the table ---- */

static const struct cli_option add_opts[] = {
	{ .name = "date",
	  .arg = "DAY",
	  .kind = VAL_DAY,
	  .help = "a past day to file it under (a meeting written up later)" },
	{ .name = "share", .help = "shareable: a weekly update may include it" },
	{ .name = NULL },
};

static const struct cli_command note_add_entry = {
	.name = "add",
	.synopsis = "TEXT [--date DAY] [--share]\n- [--date DAY] [--share]\n[--date DAY] [--share]",
	.summary = "add a note: a meeting, where you left off",
	.help = "  TEXT is the note; - reads it from standard input (echo ... | cxo note add -);\n"
	        "  with neither, on a terminal, $VISUAL (else $EDITOR, else vi) opens on an\n"
	        "  empty private file and the note is what you save there, on as many lines\n"
	        "  as you like.  Blank lines at the ends are dropped; an empty note, or an\n"
	        "  editor that exits with an error, adds nothing.",
	.opts = add_opts,
	.operands = "[TEXT]",
	.quote = "note",
	.flags = CMD_WRITE | CMD_CLIENT,
	.check = note_add_check,
	.run = note_add,
};

static const struct cli_command note_edit_entry = {
	.name = "edit",
	.synopsis = "ID TEXT\nID -\nID",
	.summary = "change a note's text",
	.help = "  TEXT replaces the note's text; - reads it from standard input; with\n"
	        "  neither, on a terminal, the editor opens on the note as it stands.",
	.operands = "ID [TEXT]",
	.quote = "note",
	.flags = CMD_WRITE | CMD_DASH_OPERANDS,
	.check = note_edit_check,
	.run = note_edit,
};

static const struct cli_command note_rm_entry = {
	.name = "rm",
	.synopsis = "ID",
	.summary = "delete a note",
	.operands = "ID",
	.flags = CMD_WRITE,
	.run = note_rm,
};

static const struct cli_command note_show_entry = {
	.name = "show",
	.synopsis = "ID",
	.summary = "a note in full",
	.operands = "ID",
	.flags = CMD_READ | CMD_DASH_OPERANDS,
	.run = note_show,
};

static const struct cli_option share_opts[] = {
	{ .name = "off", .help = "no longer shareable" },
	{ .name = NULL },
};

static const struct cli_command note_share_entry = {
	.name = "share",
	.synopsis = "ID [--off]",
	.summary = "mark a note shareable, for the weekly update (--off: no longer)",
	.help = "  A weekly update (cxo report week) lists the shareable notes of its week;\n"
	        "  no note is shared unless marked.",
	.opts = share_opts,
	.operands = "ID",
	.flags = CMD_WRITE,
	.run = note_share,
};

static const struct cli_option list_opts[] = {
	{ .name = "grep",
	  .arg = "TEXT",
	  .kind = VAL_TEXT,
	  .help = "only notes holding TEXT (any case)" },
	{ .name = "since", .arg = "DAY", .kind = VAL_DAY, .help = "only notes from DAY on" },
	{ .name = "all-clients", .help = "every client's, with a CLIENT column" },
	{ .name = "limit",
	  .arg = "N",
	  .kind = VAL_NUMBER,
	  .lo = 0,
	  .hi = 1000000000L,
	  .help = "the newest N only (0, the default: all)" },
	{ .name = "format",
	  .arg = "table|tsv|json",
	  .kind = VAL_FORMAT,
	  .help = "the output format" },
	{ .name = NULL },
};

static const struct cli_command note_list_entry = {
	.name = "list",
	.synopsis = "[--grep TEXT] [--since DAY] [--all-clients] [--limit N] "
	            "[--format table|tsv|json]",
	.summary = "the notes, newest first",
	.help = "  A table shows a note's first line, with \"(+3 lines)\" when more follow\n"
	        "  ('cxo note show ID' prints it whole); JSON holds the whole text, and so\n"
	        "  does TSV, one line a note, with \\n, \\t, \\r and \\\\ for a line break, a\n"
	        "  tab, a carriage return and a backslash.",
	.opts = list_opts,
	.flags = CMD_READ | CMD_CLIENT,
	.run = note_list,
};

static const struct cli_command *const note_subs[] = { &note_add_entry,
	                                               &note_edit_entry,
	                                               &note_rm_entry,
	                                               &note_show_entry,
	                                               &note_list_entry,
	                                               &note_share_entry,
	                                               NULL };

const struct cli_command cli_note = {
	.name = "note",
	.summary = "notes on the client: meetings, where you left off",
	.subs = note_subs,
	.default_sub = "list",
};

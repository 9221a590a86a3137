/*
 * decision.c: `cxo decision add|edit`: a client's decision
 * log, each record written as Markdown in the editor (or given by
 * options, or read from a file) and stored with its links to the
 * client's mandates, risks and vendors.  list and show are in
 * decision_list.c, supersede and rm in decision_supersede.c.
 */
#include "internal.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include <unistd.h>

#include "cxo/adr.h"
#include "cxo/decision.h"
#include "cxo/editor.h"
#include "cxo/text.h"
#include "cxo/vendor.h"
#include "decision.h"

int cli_decision_resolve(struct cxo_app *app, const char *text, char id[UUID_LEN])
{
	char low[UUID_LEN];
	int rc;
	/* Something that cannot be an id is only looked up as a title. */
	if (uuid_prefix_normalize(text, low)) {
		rc = store_decision_resolve(app->st, text, NULL, id);
		if (rc != EX_NOINPUT)
			return rc ? app_store_error(app, rc) : 0;
	}
	struct client c = { 0 };
	bool found = false;
	if ((rc = app_client_optional(app, &c, &found))) {
		client_free(&c);
		return rc;
	}
	rc = store_decision_resolve(app->st, text, found ? c.id : NULL, id);
	client_free(&c);
	return rc ? app_store_error(app, rc) : 0;
}

int cli_decision_load(struct cxo_app *app, const char *text, struct decision *d)
{
	char id[UUID_LEN];
	int rc = cli_decision_resolve(app, text, id);
	if (!rc && (rc = store_decision_get(app->st, id, d)))
		rc = app_store_error(app, rc);
	return rc;
}

/* "added decision 3f2a9c1d "Title" for acme" with the title sanitised. */
void dec_said(const char *verb, const struct decision *d, const char *tail)
{
	char sid[SHORT_ID_LEN + 1];
	uuid_short(d->id, sid);
	printf("%s decision %s \"", verb, sid);
	cli_put_text(d->title);
	printf("\" for %s%s\n", d->client_key, tail);
}

/* ---- what add, edit and supersede are given ---- */

static const char *const body_opts[] = { "context", "options", "decision", "consequences" };
static const char *const field_opts[] = { "title", "day", "status", "by", "consulted", "review" };
static const char *const link_opts[] = { "mandate", "risk", "vendor", "unlink" };
#define N_OF(a) (sizeof(a) / sizeof(a)[0])

static bool given(const struct cli_call *c, const char *const *names, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (cli_find_option(c->cmd, names[i]) && cli_flag(c, names[i]))
			return true;
	return false;
}

static bool clears(const char *text)
{
	return !*text || text_ieq(text, "none") || !strcmp(text, "-");
}

/* The field and body options into d. */
static int apply_fields(struct cli_call *c, struct decision *d)
{
	const struct cli_value *v;
	if (cli_find_option(c->cmd, "title") && (v = cli_opt(c, "title")) &&
	    cli_set_text(&d->title, text_trim((char *)v->text)))
		return EX_OSERR;
	if ((v = cli_opt(c, "day")))
		snprintf(d->day, sizeof d->day, "%s", v->day);
	if ((v = cli_opt(c, "status")))
		snprintf(d->status, sizeof d->status, "%s", v->word);
	if ((v = cli_opt(c, "review")))
		snprintf(d->review, sizeof d->review, "%s", v->cleared ? "" : v->day);
	static const char *const names[] = { "by", "consulted" };
	char **one[] = { &d->decided_by, &d->consulted };
	for (size_t i = 0; i < N_OF(names); i++) {
		if (!(v = cli_opt(c, names[i])))
			continue;
		char *t = text_trim((char *)v->text);
		if (cli_set_text(one[i], clears(t) ? NULL : t))
			return EX_OSERR;
	}
	char **body[] = { &d->context, &d->options, &d->decision, &d->consequences };
	for (size_t i = 0; i < N_OF(body_opts); i++)
		if ((v = cli_opt(c, body_opts[i])) &&
		    cli_set_text(body[i], text_trim((char *)v->text)))
			return EX_OSERR;
	return 0;
}

/* The links asked for (--mandate, --risk, --vendor), resolved within the
 * client before anything is written or typed. */
struct links {
	int n;
	enum decision_link kind[4 * CLI_MAX_REPEAT];
	char id[4 * CLI_MAX_REPEAT][UUID_LEN];
	bool linked[4 * CLI_MAX_REPEAT]; /* false: --unlink */
};

static int resolve_links(struct cli_call *c, const char *client_id, struct links *l)
{
	static const char *const names[] = { "mandate", "risk", "vendor" };
	static const enum decision_link kinds[] = { DECISION_LINK_MANDATE, DECISION_LINK_RISK,
		                                    DECISION_LINK_VENDOR };
	struct cxo_app *app = c->app;
	int rc = 0;
	l->n = 0;
	for (size_t k = 0; k < N_OF(names); k++) {
		const struct cli_value *v = cli_opt(c, names[k]);
		for (int i = 0; v && i < v->count && !rc; i++) {
			char *id = l->id[l->n];
			if (kinds[k] == DECISION_LINK_MANDATE)
				rc = cli_resolve(app, KIND_MANDATE, v->all[i], client_id, id);
			else if (kinds[k] == DECISION_LINK_RISK)
				rc = cli_resolve(app, KIND_RISK, v->all[i], client_id, id);
			else if ((rc = store_vendor_resolve(app->st, v->all[i], client_id, id)))
				rc = app_store_error(app, rc);
			l->linked[l->n] = true;
			l->kind[l->n++] = kinds[k];
		}
	}
	return rc;
}

static int write_links(struct cxo_app *app, const char *decision_id, const struct links *l)
{
	int rc = 0;
	for (int i = 0; i < l->n && !rc; i++)
		rc = store_decision_link(app->st, decision_id, l->kind[i], l->id[i], l->linked[i]);
	return rc;
}

/* --file FILE, or standard input for "-": its text into *out. */
static int read_file(const char *file, char **out)
{
	char err[512];
	bool in = !strcmp(file, "-");
	int fd = in ? STDIN_FILENO : open(file, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return app_error(errno == ENOENT ? EX_NOINPUT : EX_IOERR,
		                 "--file: cannot open %s: %s", file, strerror(errno));
	int rc = app_read_text(fd, in ? "standard input" : file, out, err, sizeof err);
	if (!in)
		close(fd);
	return rc ? app_error(rc, "--file: %s", err) : 0;
}

/* The text of --file parsed into d (its lines over what d holds). */
int dec_from_file(const char *file, struct decision *d)
{
	char *text = NULL, err[512];
	int rc = read_file(file, &text);
	if (!rc && (rc = adr_parse(text, d, err, sizeof err)))
		app_error(rc, "%s: %s", !strcmp(file, "-") ? "standard input" : file, err);
	free(text);
	return rc;
}

/* After the editor: what was saved could not be stored.  The file stays
 * when it holds what was typed, and its path is said. */
int dec_give_back(struct editor_run *r, int rc)
{
	char err[512];
	bool keep = r->path[0] && (r->outcome == EDITOR_SAVED || r->changed);
	if (keep)
		app_error(rc, "your text is in %s", r->path);
	if (editor_end(r, keep, err, sizeof err))
		app_warn("%s", err);
	return rc;
}

/* The editor on start, what was saved read into d.  0 with *cancel NULL:
 * d holds the new text, and the caller ends r (give_back when it cannot
 * store it); 0 with *cancel saying how the file was left ("unchanged",
 * "empty"): d untouched, r ended; else a code after its message. */
int dec_from_editor(const char *start, struct decision *d, struct editor_run *r,
                    const char **cancel)
{
	char err[512];
	*cancel = NULL;
	int rc = editor_edit(r, "decision", start, err, sizeof err);
	if (rc)
		return dec_give_back(r, app_error(rc, "%s", err));
	if (r->outcome != EDITOR_SAVED) {
		*cancel = r->outcome == EDITOR_EMPTY ? "empty" : "unchanged";
		if (editor_end(r, false, err, sizeof err))
			app_warn("%s", err);
		return 0;
	}
	if ((rc = adr_parse(r->text, d, err, sizeof err)))
		return dec_give_back(r, app_error(rc, "%s", err));
	return 0;
}

/* The editor needs a terminal: without one (a script, a pipe) it would
 * wait for keys nobody types. */
int dec_need_terminal(const struct cli_call *c)
{
	if (isatty(STDIN_FILENO))
		return 0;
	return cli_usage(c,
	                 "%s: standard input is no terminal to open the editor on: give the "
	                 "text with --context, --options, --decision, --consequences, or "
	                 "--file FILE (- reads standard input)",
	                 c->path);
}

/* ---- decision add ---- */

static int add_check(struct cli_call *c)
{
	char *title;
	int rc;
	if (c->argc && (rc = cli_operand_text(c, 0, "decision title", &title)))
		return rc;
	bool body = given(c, body_opts, N_OF(body_opts));
	if (body && cli_flag(c, "file"))
		return cli_usage(c, "decision add: --file gives the whole record: not with --%s",
		                 cli_flag(c, "context")    ? "context"
		                 : cli_flag(c, "options")  ? "options"
		                 : cli_flag(c, "decision") ? "decision"
		                                           : "consequences");
	if (body && !c->argc)
		return cli_usage(c, "decision add: missing TITLE");
	if (!body && !cli_flag(c, "file"))
		return dec_need_terminal(c);
	return 0;
}

static int decision_add(struct cli_call *call)
{
	struct cxo_app *app = call->app;
	struct decision d = { 0 };
	struct editor_run r = { 0 };
	struct links l;
	const char *file = cli_text(call, "file"), *cancel = NULL;
	char *start = NULL;
	bool editing = !file && !given(call, body_opts, N_OF(body_opts));
	int rc;

	snprintf(d.client_id, sizeof d.client_id, "%s", call->client.id);
	snprintf(d.client_key, sizeof d.client_key, "%s", call->client.key);
	snprintf(d.status, sizeof d.status, "decided");
	app_today_iso(app, d.day);
	if (call->argc && cli_set_text(&d.title, call->argv[0])) {
		rc = EX_OSERR;
		goto out;
	}
	if ((rc = apply_fields(call, &d)) || (rc = resolve_links(call, d.client_id, &l)))
		goto out;
	if (file && (rc = dec_from_file(file, &d)))
		goto out;
	if (editing) {
		if (!(start = adr_template(&d))) {
			rc = app_error(EX_OSERR, "out of memory");
			goto out;
		}
		if ((rc = dec_from_editor(start, &d, &r, &cancel)))
			goto out;
		if (cancel) {
			rc = app_error(EX_DATAERR, "the file was left %s: nothing added", cancel);
			goto out;
		}
	}
	if (!(rc = store_begin(app->st))) {
		if (!(rc = store_decision_add(app->st, &d)) && !(rc = write_links(app, d.id, &l)))
			rc = store_commit(app->st);
		else
			store_rollback(app->st);
	}
	if (rc) {
		rc = app_store_error(app, rc);
		if (editing)
			dec_give_back(&r, rc);
		goto out;
	}
	char tail[64];
	snprintf(tail, sizeof tail, " (%s %s)", d.status, d.day);
	dec_said("added", &d, tail);
out:
	editor_end(&r, false, NULL, 0);
	free(start);
	decision_free(&d);
	return rc;
}

/* ---- decision edit ---- */

static int edit_check(struct cli_call *c)
{
	const char *title = cli_text(c, "title");
	if (title && !*text_trim((char *)title))
		return app_error(EX_DATAERR,
		                 "--title: a decision needs a title (got an empty one)");
	bool body = given(c, body_opts, N_OF(body_opts)) || given(c, field_opts, N_OF(field_opts));
	if (cli_flag(c, "file") && given(c, body_opts, N_OF(body_opts)))
		return cli_usage(c, "decision edit: --file gives the whole record: not with the "
		                    "text options");
	if (!body && !cli_flag(c, "file") && !given(c, link_opts, N_OF(link_opts)))
		return dec_need_terminal(c);
	return 0;
}

/* --unlink ID: the decision's link whose id starts with text (4 or more
 * characters) or whose title is text. */
static int find_link(const struct decision_links *dl, const char *text, int *at)
{
	char low[UUID_LEN];
	bool prefix = uuid_prefix_normalize(text, low);
	int found = -1, n = 0;
	for (size_t i = 0; i < dl->n; i++) {
		const struct decision_linked *k = &dl->items[i];
		if ((prefix && !strncmp(k->id, low, strlen(low))) ||
		    (k->title && text_ieq(k->title, text))) {
			found = (int)i;
			n++;
		}
	}
	if (n == 1) {
		*at = found;
		return 0;
	}
	if (n > 1)
		return app_error(EX_USAGE,
		                 "--unlink: \"%s\" names %d of the decision's links: give "
		                 "more of the id",
		                 text, n);
	return app_error(EX_NOINPUT, "--unlink: the decision has no link to \"%s\"", text);
}

/* --unlink: the links to remove, found among the decision's, after
 * the links to make in l. */
static int resolve_unlinks(struct cli_call *call, const struct decision *d, struct links *l)
{
	const struct cli_value *v = cli_opt(call, "unlink");
	struct decision_links dl = { 0 };
	int rc = 0;
	if (!v)
		return 0;
	if ((rc = store_decision_links(call->app->st, d->id, &dl)))
		return app_store_error(call->app, rc);
	for (int i = 0; i < v->count && !rc; i++) {
		int at = 0;
		if ((rc = find_link(&dl, v->all[i], &at)))
			break;
		l->kind[l->n] = dl.items[at].kind;
		snprintf(l->id[l->n], UUID_LEN, "%s", dl.items[at].id);
		l->linked[l->n++] = false;
	}
	decision_links_free(&dl);
	return rc;
}

static int decision_edit(struct cli_call *call)
{
	struct cxo_app *app = call->app;
	struct decision d = { 0 };
	struct editor_run r = { 0 };
	struct links l;
	const char *file = cli_text(call, "file"), *cancel = NULL;
	char *start = NULL;
	bool editing = !file && !given(call, body_opts, N_OF(body_opts)) &&
	               !given(call, field_opts, N_OF(field_opts)) &&
	               !given(call, link_opts, N_OF(link_opts));
	int rc;
	if ((rc = cli_decision_load(app, call->argv[0], &d)) ||
	    (rc = resolve_links(call, d.client_id, &l)) || (rc = resolve_unlinks(call, &d, &l)) ||
	    (rc = apply_fields(call, &d)))
		goto out;
	if (file && (rc = dec_from_file(file, &d)))
		goto out;
	if (editing) {
		if (!(start = adr_format(&d, NULL, 0))) {
			rc = app_error(EX_OSERR, "out of memory");
			goto out;
		}
		if ((rc = dec_from_editor(start, &d, &r, &cancel)))
			goto out;
		if (cancel) {
			/* Unchanged: nothing to do.  Emptied: a cancel. */
			if (!strcmp(cancel, "empty"))
				rc = app_error(EX_DATAERR,
				               "the file was left empty: nothing changed");
			else
				dec_said("nothing changed in", &d, "");
			goto out;
		}
	}
	if (!(rc = store_begin(app->st))) {
		if (!(rc = store_decision_update(app->st, &d)) &&
		    !(rc = write_links(app, d.id, &l)))
			rc = store_commit(app->st);
		else
			store_rollback(app->st);
	}
	if (rc) {
		rc = app_store_error(app, rc);
		if (editing)
			dec_give_back(&r, rc);
		goto out;
	}
	dec_said("updated", &d, "");
out:
	editor_end(&r, false, NULL, 0);
	free(start);
	decision_free(&d);
	return rc;
}

/* ---- the table ---- */

#define FIELD_OPTS                                                                                 \
	{ .name = "day",                                                                           \
	  .arg = "DAY",                                                                            \
	  .kind = VAL_DAY,                                                                         \
	  .help = "when it was decided (default today)" },                                         \
	        { .name = "status",                                                                \
		  .arg = "proposed|decided|superseded|reversed",                                   \
		  .kind = VAL_WORD,                                                                \
		  .vocab = &VOCAB_DECISION_STATUS,                                                 \
		  .help = "its status (default decided)" },                                        \
	        { .name = "by", .arg = "NAME", .kind = VAL_TEXT, .help = "who decided" },          \
	        { .name = "consulted",                                                             \
		  .arg = "NAMES",                                                                  \
		  .kind = VAL_TEXT,                                                                \
		  .help = "who was consulted" },                                                   \
	        { .name = "review",                                                                \
		  .arg = "DAY",                                                                    \
		  .kind = VAL_DAY,                                                                 \
		  .flags = OPT_CLEARS,                                                             \
		  .words = "none",                                                                 \
		  .help = "when to look at it again (none: never)" },                              \
	        { .name = "mandate",                                                               \
		  .arg = "ID",                                                                     \
		  .kind = VAL_ID,                                                                  \
		  .flags = OPT_REPEAT,                                                             \
		  .help = "link a mandate of the client (repeatable)" },                           \
	        { .name = "risk",                                                                  \
		  .arg = "ID",                                                                     \
		  .kind = VAL_ID,                                                                  \
		  .flags = OPT_REPEAT,                                                             \
		  .help = "link a risk of the client (repeatable)" },                              \
	        { .name = "vendor",                                                                \
		  .arg = "ID",                                                                     \
		  .kind = VAL_ID,                                                                  \
		  .flags = OPT_REPEAT,                                                             \
		  .help = "link a vendor of the client (repeatable)" },                            \
	        { .name = "context",                                                               \
		  .arg = "TEXT",                                                                   \
		  .kind = VAL_TEXT,                                                                \
		  .help = "why a decision was needed (Markdown)" },                                \
	        { .name = "options",                                                               \
		  .arg = "TEXT",                                                                   \
		  .kind = VAL_TEXT,                                                                \
		  .help = "the options weighed" },                                                 \
	        { .name = "decision",                                                              \
		  .arg = "TEXT",                                                                   \
		  .kind = VAL_TEXT,                                                                \
		  .help = "what was decided, and why" },                                           \
	        { .name = "consequences",                                                          \
		  .arg = "TEXT",                                                                   \
		  .kind = VAL_TEXT,                                                                \
		  .help = "the outcome expected" },                                                \
	{                                                                                          \
		.name = "file", .arg = "FILE", .kind = VAL_FILE, .words = "-",                     \
		.help = "the record as Markdown from FILE (- standard input)"                      \
	}

static const struct cli_option add_opts[] = {
	FIELD_OPTS,
	{ .name = NULL },
};

static const struct cli_command decision_add_entry = {
	.name = "add",
	.synopsis = "[TITLE] [--day DAY] [--status WORD] [--by NAME] [--consulted NAMES] "
	            "[--review DAY] [--mandate ID] [--risk ID] [--vendor ID] "
	            "[--context TEXT] [--options TEXT] [--decision TEXT] [--consequences TEXT] "
	            "[--file FILE|-]",
	.summary = "record a decision: in the editor, or from options or a file",
	.help = "  Without --context, --options, --decision, --consequences or --file,\n"
	        "  the editor ($VISUAL, else $EDITOR, else vi) opens on a Markdown\n"
	        "  template filled with what the options gave; what is saved is stored.\n"
	        "  A file left empty or unchanged cancels (exit 65).  A file that cannot\n"
	        "  be read or stored is kept, and its path said.",
	.opts = add_opts,
	.operands = "[TITLE]",
	.quote = "title",
	.flags = CMD_WRITE | CMD_CLIENT,
	.check = add_check,
	.run = decision_add,
};

static const struct cli_option edit_opts[] = {
	{ .name = "title", .arg = "TEXT", .kind = VAL_TEXT, .help = "a new title" },
	FIELD_OPTS,
	{ .name = "unlink",
	  .arg = "ID",
	  .kind = VAL_ID,
	  .flags = OPT_REPEAT,
	  .help = "remove a link (an id prefix or title; repeatable)" },
	{ .name = NULL },
};

static const struct cli_command decision_edit_entry = {
	.name = "edit",
	.synopsis = "ID [--title TEXT] [--day DAY] [--status WORD] [--by NAME] "
	            "[--consulted NAMES] [--review DAY] [--mandate ID] [--risk ID] "
	            "[--vendor ID] [--unlink ID] [--context TEXT] [--options TEXT] "
	            "[--decision TEXT] [--consequences TEXT] [--file FILE|-]",
	.summary = "change a decision: in the editor, or by options or a file",
	.help = "  With no option the editor opens on the record as Markdown; a file\n"
	        "  saved unchanged changes nothing, one left empty cancels (exit 65).",
	.opts = edit_opts,
	.operands = "ID",
	.flags = CMD_WRITE,
	.check = edit_check,
	.run = decision_edit,
};

static const struct cli_command *const decision_subs[] = {
	&decision_add_entry,
	&cli_decision_list,
	&cli_decision_show,
	&decision_edit_entry,
	&cli_decision_supersede,
	&cli_decision_rm,
	NULL,
};

const struct cli_command cli_decision = {
	.name = "decision",
	.summary = "the decisions taken for the client, as Markdown records",
	.help = "  ID: an id prefix (4+ characters) of any client's decision, or a title\n"
	        "  of the client's: the exact one, in any case, else the only one it\n"
	        "  starts, else the only one holding it.",
	.subs = decision_subs,
	.default_sub = "list",
};

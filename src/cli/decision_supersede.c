/*
 * decision_supersede.c: `cxo decision supersede` (a decision replaced by
 * another, or by a new one written in the editor) and `cxo decision rm`
 * (a wrong entry removed).  The rest of `cxo decision` is in decision.c
 * and decision_list.c.
 */
#include "internal.h"

#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "cxo/adr.h"
#include "cxo/decision.h"
#include "cxo/editor.h"
#include "cxo/text.h"
#include "decision.h"

/* ---- decision supersede ---- */

static int supersede_check(struct cli_call *c)
{
	if (c->argc > 1 && cli_flag(c, "file"))
		return cli_usage(c, "decision supersede: NEW or --file, not both");
	if (c->argc < 2 && !cli_flag(c, "file"))
		return dec_need_terminal(c);
	return 0;
}

/* A new decision in place of old: its title, context and people carried
 * over, to be written in the editor (or read from --file). */
static int superseding(struct cli_call *call, const struct decision *old, struct decision *d,
                       struct editor_run *r)
{
	struct cxo_app *app = call->app;
	const char *file = cli_text(call, "file"), *cancel = NULL;
	size_t n = strlen(old->title ? old->title : "") + sizeof "Supersedes: ";
	char *title = malloc(n);
	if (!title)
		return app_error(EX_OSERR, "out of memory");
	snprintf(title, n, "Supersedes: %s", old->title ? old->title : "");
	d->title = title;
	snprintf(d->client_id, sizeof d->client_id, "%s", old->client_id);
	snprintf(d->client_key, sizeof d->client_key, "%s", old->client_key);
	snprintf(d->status, sizeof d->status, "decided");
	app_today_iso(app, d->day);
	if (cli_set_text(&d->decided_by, old->decided_by) ||
	    cli_set_text(&d->consulted, old->consulted) || cli_set_text(&d->context, old->context))
		return EX_OSERR;
	if (file)
		return dec_from_file(file, d);
	char *start = adr_template(d);
	if (!start)
		return app_error(EX_OSERR, "out of memory");
	int rc = dec_from_editor(start, d, r, &cancel);
	free(start);
	if (!rc && cancel)
		rc = app_error(EX_DATAERR,
		               "the file was left %s: nothing added, nothing superseded", cancel);
	return rc;
}

/* The new decision gets the old one's links. */
static int carry_links(struct cxo_app *app, const char *old_id, const char *new_id)
{
	struct decision_links dl = { 0 };
	int rc = store_decision_links(app->st, old_id, &dl);
	for (size_t i = 0; !rc && i < dl.n; i++)
		rc = store_decision_link(app->st, new_id, dl.items[i].kind, dl.items[i].id, true);
	decision_links_free(&dl);
	return rc;
}

static int decision_supersede(struct cli_call *call)
{
	struct cxo_app *app = call->app;
	struct decision old = { 0 }, d = { 0 };
	struct editor_run r = { 0 };
	bool made = call->argc < 2;
	int rc;
	if ((rc = cli_decision_load(app, call->argv[0], &old)))
		goto out;
	if (!made && (rc = cli_decision_load(app, call->argv[1], &d)))
		goto out;
	if (made && (rc = superseding(call, &old, &d, &r)))
		goto out;
	if (!(rc = store_begin(app->st))) {
		if ((!made || (!(rc = store_decision_add(app->st, &d)) &&
		               !(rc = carry_links(app, old.id, d.id)))) &&
		    !(rc = store_decision_supersede(app->st, old.id, d.id)))
			rc = store_commit(app->st);
		else
			store_rollback(app->st);
	}
	if (rc) {
		rc = app_store_error(app, rc);
		if (made)
			dec_give_back(&r, rc);
		goto out;
	}
	char sid[SHORT_ID_LEN + 1], tail[SHORT_ID_LEN + 8];
	if (made)
		dec_said("added", &d, "");
	snprintf(tail, sizeof tail, " by %s", uuid_short(d.id, sid));
	dec_said("superseded", &old, tail);
out:
	editor_end(&r, false, NULL, 0);
	decision_free(&old);
	decision_free(&d);
	return rc;
}

/* ---- decision rm ---- */

static int decision_rm(struct cli_call *call)
{
	struct cxo_app *app = call->app;
	struct decision d = { 0 };
	int rc;
	if ((rc = cli_decision_load(app, call->argv[0], &d)))
		return rc;
	if (!cli_flag(call, "yes")) {
		char sid[SHORT_ID_LEN + 1], answer[16];
		char *title = text_sanitize(d.title);
		fprintf(stderr, "Remove decision %s \"%s\" of %s? [y/N] ", uuid_short(d.id, sid),
		        title ? title : "", d.client_key);
		fflush(stderr);
		free(title);
		bool got = fgets(answer, sizeof answer, stdin) != NULL;
		if (!got)
			fputc('\n', stderr);
		const char *a = got ? text_trim(answer) : "";
		if (!got || (!text_ieq(a, "y") && !text_ieq(a, "yes"))) {
			rc = app_error(EX_DATAERR, "%s: nothing removed (--yes does not ask)",
			               got ? "not confirmed" : "no answer");
			goto out;
		}
	}
	if ((rc = store_decision_delete(app->st, d.id)))
		rc = app_store_error(app, rc);
	else
		dec_said("removed", &d, " ('cxo undo' brings it back)");
out:
	decision_free(&d);
	return rc;
}

/* ---- the table ---- */

static const struct cli_option supersede_opts[] = {
	{ .name = "file",
	  .arg = "FILE",
	  .kind = VAL_FILE,
	  .words = "-",
	  .help = "the new decision as Markdown from FILE (- standard input)" },
	{ .name = NULL },
};

const struct cli_command cli_decision_supersede = {
	.name = "supersede",
	.synopsis = "OLD [NEW] [--file FILE|-]",
	.summary = "mark a decision superseded by another, or by a new one",
	.help = "  Without NEW the editor opens on a new decision carrying OLD's\n"
	        "  context, people and links; it is added and OLD superseded by it\n"
	        "  in one transaction.",
	.opts = supersede_opts,
	.operands = "OLD [NEW]",
	.flags = CMD_WRITE,
	.check = supersede_check,
	.run = decision_supersede,
};

static const struct cli_option rm_opts[] = {
	{ .name = "yes", .help = "do not ask" },
	{ .name = NULL },
};

const struct cli_command cli_decision_rm = {
	.name = "rm",
	.synopsis = "ID [--yes]",
	.summary = "remove a decision recorded by mistake (asks first)",
	.help = "  A decision that was taken and later changed is superseded or\n"
	        "  reversed, not removed: rm is for a wrong entry.  cxo undo brings\n"
	        "  it back.",
	.opts = rm_opts,
	.operands = "ID",
	.flags = CMD_WRITE,
	.run = decision_rm,
};

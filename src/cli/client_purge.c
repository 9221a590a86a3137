/*
 * client_purge.c: `cxo client purge KEY`: the day a client leaves and
 * confidentiality asks for everything of theirs to go.  It shows what
 * will go, asks for the key to be typed (or --yes), refuses a client not
 * ended or not exported since its last change (unless --force), removes
 * every row in one transaction, and rebuilds the file so the removed
 * text stays in no free page.
 */
#include "internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "cxo/text.h"

/* The line typed on stdin, without its newline, into buf; false at EOF. */
static bool read_answer(char *buf, size_t n)
{
	if (!fgets(buf, (int)n, stdin))
		return false;
	buf[strcspn(buf, "\r\n")] = '\0';
	/* The rest of an overlong line is read and dropped. */
	if (strlen(buf) == n - 1) {
		int ch;
		while ((ch = getchar()) != EOF && ch != '\n')
			;
	}
	return true;
}

/* What stands in the way, unless --force: an engagement not ended, no
 * export since the last change.  0, or EX_DATAERR after saying each. */
static int check_ready(struct cli_call *call, const struct client *c, const char *stamp,
                       const char *path, bool fresh)
{
	bool ended = !strcmp(c->status, "ended");
	if ((ended && fresh) || cli_flag(call, "force"))
		return 0;
	if (!ended)
		app_error(EX_DATAERR,
		          "%s is %s: end it first with 'cxo client edit %s --status ended'", c->key,
		          c->status, c->key);
	if (!*stamp)
		app_error(
		        EX_DATAERR,
		        "%s has never been exported: keep a copy first with 'cxo client export %s "
		        "--output FILE'",
		        c->key, c->key);
	else if (!fresh)
		app_error(EX_DATAERR,
		          "%s changed since its export on %.10s to %s: export it again with 'cxo "
		          "client export %s --output FILE'",
		          c->key, stamp, path, c->key);
	return app_error(EX_DATAERR, "nothing removed (--force removes it anyway)");
}

static int client_purge(struct cli_call *call)
{
	struct cxo_app *app = call->app;
	struct client c = { 0 };
	char stamp[STAMP_LEN], path[4097];
	bool fresh = false;
	int rc;
	if ((rc = app_load_client(app, call->argv[0], &c)))
		return rc;
	if ((rc = store_export_fresh(app->st, c.id, stamp, path, sizeof path, &fresh))) {
		rc = app_store_error(app, rc);
		goto out;
	}
	if ((rc = check_ready(call, &c, stamp, path, fresh)))
		goto out;

	struct client_holdings h;
	if ((rc = store_client_holdings(app->st, c.id, &h))) {
		rc = app_store_error(app, rc);
		goto out;
	}
	char said[300];
	cli_holdings_text(&h, said, sizeof said);
	char *name = text_sanitize(c.name), *where = text_sanitize(path);
	fprintf(stderr, "cxo: this removes client %s \"%s\" and %s, for good.\n", c.key,
	        name ? name : "", said);
	if (*stamp)
		fprintf(stderr, "cxo: it was last exported on %.10s, to %s.\n", stamp,
		        where ? where : "");
	free(name);
	free(where);
	if (!cli_flag(call, "yes")) {
		char typed[KEY_LEN + 2];
		fprintf(stderr, "Type the key (%s) to remove it: ", c.key);
		fflush(stderr);
		bool got = read_answer(typed, sizeof typed);
		if (!got || strcmp(typed, c.key)) {
			rc = app_error(EX_DATAERR, "%s: nothing removed",
			               got ? "that is not the key" : "no answer");
			goto out;
		}
	}

	struct client_purged p;
	rc = app_client_purge(app, &c, &p);
	if (!p.removed)
		goto out;
	cli_holdings_text(&p.held, said, sizeof said);
	printf("removed client %s and %s", c.key, said);
	if (p.locks)
		printf(" (%ld locked month%s)", p.locks, p.locks == 1 ? "" : "s");
	printf("%s\n",
	       p.was_current ? "; it was the current client: choose one with 'cxo use KEY'" : "");
	if (p.scrubbed)
		printf("the database file was rebuilt: none of the removed text is left in it\n");
	printf("backups made before still hold %s: delete them too if they must go\n", c.key);
out:
	client_free(&c);
	return rc;
}

static const struct cli_option purge_opts[] = {
	{ .name = "yes", .help = "do not ask for the key to be typed" },
	{ .name = "force",
	  .help = "remove a client not ended or not exported since its last change" },
	{ .name = NULL },
};

const struct cli_command cli_client_purge = {
	.name = "purge",
	.synopsis = "KEY [--yes] [--force]",
	.summary = "remove a client and everything of theirs for good (offboarding)",
	.help = "  The client must be ended and exported since its last change\n"
	        "  (cxo client export KEY --output FILE), unless --force.  The file is\n"
	        "  rebuilt afterwards so no free page keeps the removed text; backups\n"
	        "  are other files and keep what they hold.  Only its whole name runs it.",
	.opts = purge_opts,
	.operands = "KEY",
	.flags = CMD_WRITE | CMD_WHOLE_NAME,
	.run = client_purge,
};

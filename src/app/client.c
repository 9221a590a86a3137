/*
 * client.c: which client a run is for.  -C and CXO_CLIENT (read once by
 * app_init), then a .cxo-client file in the working directory or above,
 * then the stored current client that `cxo use` and the dashboard set.
 */
#include "internal.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sysexits.h>
#include <unistd.h>

#include "cxo/fileperm.h"
#include "cxo/text.h"

#define CURRENT_CLIENT "current_client"

/* True when the opened .cxo-client is the user's (or root's) and no one
 * else may write it: a file another user left in a shared directory above
 * must not choose the client.  Otherwise warns (when warn) and is
 * ignored. */
static bool trusted(const char *path, FILE *fp, bool warn)
{
	struct stat sb;
	char why[PATH_MAX + 256];
	if (fstat(fileno(fp), &sb) != 0) {
		if (warn)
			app_warn("ignoring %s: %s", path, strerror(errno));
		return false;
	}
	if (fileperm_ok(path, &sb, FILEPERM_TRUSTED, (unsigned)geteuid(), why, sizeof why))
		return true;
	if (warn)
		app_warn("ignoring %s", why);
	return false;
}

/* Visits each DIR/.cxo-client from the working directory up to the root,
 * nearest first, with the key it names (its first line, trimmed), until
 * visit returns true; warn: say which files are ignored. */
static void walk_client_files(bool (*visit)(const char *path, const char *key, void *ctx),
                              void *ctx, bool warn)
{
	char dir[PATH_MAX];
	if (!getcwd(dir, sizeof dir))
		return;
	for (;;) {
		char path[PATH_MAX + 16];
		snprintf(path, sizeof path, "%s/.cxo-client", strcmp(dir, "/") ? dir : "");
		FILE *fp = fopen(path, "r");
		if (fp && !trusted(path, fp, warn)) {
			fclose(fp);
			fp = NULL;
		}
		if (fp) {
			char line[128] = "";
			char *ok = fgets(line, sizeof line, fp);
			fclose(fp);
			if (visit(path, ok ? text_trim(line) : "", ctx))
				return;
		}
		char *slash = strrchr(dir, '/');
		if (!slash || slash == dir) {
			if (!strcmp(dir, "/"))
				return;
			strcpy(dir, "/");
			continue;
		}
		*slash = '\0';
	}
}

struct first_file {
	char *where;
	size_t wn;
	char *key;
};

static bool take_first(const char *path, const char *key, void *ctx)
{
	struct first_file *f = ctx;
	/* The path may be longer than the message buffer: cut it. */
	size_t len = strlen(path);
	if (len >= f->wn)
		len = f->wn - 1;
	memcpy(f->where, path, len);
	f->where[len] = '\0';
	f->key = strdup(key);
	return true;
}

/* Reads the first word of DIR/.cxo-client, walking up from the working
 * directory; the file's path goes into where.  Returns a newly allocated
 * key or NULL. */
static char *find_client_file(char *where, size_t wn)
{
	struct first_file f = { where, wn, NULL };
	walk_client_files(take_first, &f, true);
	return f.key;
}

struct naming_files {
	const char *key;
	void (*fn)(const char *path, void *ctx);
	void *ctx;
};

static bool call_if_naming(const char *path, const char *key, void *ctx)
{
	const struct naming_files *n = ctx;
	if (!strcmp(key, n->key))
		n->fn(path, n->ctx);
	return false;
}

void app_client_files_naming(const char *key, void (*fn)(const char *path, void *ctx), void *ctx)
{
	struct naming_files n = { key, fn, ctx };
	walk_client_files(call_if_naming, &n, false);
}

/* "cxo: clients: acme beta" on stderr. */
static void print_keys(const struct client_list *l)
{
	fputs("cxo: clients:", stderr);
	for (size_t i = 0; i < l->n; i++)
		fprintf(stderr, " %s", l->items[i].key);
	fputc('\n', stderr);
}

void app_list_keys(struct cxo_app *app)
{
	struct client_list l = { 0 };
	if (!app->st || store_client_list(app->st, false, &l) || !l.n)
		fputs("cxo: no clients yet: add one with 'cxo client add KEY --name NAME'\n",
		      stderr);
	else
		print_keys(&l);
	client_list_free(&l);
}

int app_load_client(struct cxo_app *app, const char *key, struct client *out)
{
	int rc = store_client_get(app->st, key, out);
	if (rc == EX_NOINPUT) {
		struct client_list l = { 0 };
		char shown[80];
		text_sanitize_into(key, shown, sizeof shown);
		app_error(rc, "no client \"%s\"", shown);
		if (!store_client_list(app->st, true, &l) && l.n)
			print_keys(&l);
		client_list_free(&l);
		return rc;
	}
	return rc ? app_store_error(app, rc) : 0;
}

static int client_lookup(struct cxo_app *app, bool required, struct client *out, bool *found)
{
	char *owned = NULL;
	const char *key = NULL;
	*found = false;
	memset(out, 0, sizeof *out);
	if (!app->st) {
		int rc = app_open(app, STORE_READ);
		if (rc)
			return rc;
	}
	if (!app->ignore_client_choice) {
		if (app->client_key) {
			key = app->client_key;
			snprintf(app->client_where, sizeof app->client_where, "%s",
			         app->client_key_source == CLIENT_FROM_FLAG ? "-C" : "CXO_CLIENT");
		} else if ((owned = find_client_file(app->client_where,
		                                     sizeof app->client_where))) {
			key = owned;
		}
	}
	if (key) {
		int rc = store_client_get(app->st, key, out);
		if (rc == EX_NOINPUT) {
			char *clean = text_sanitize(key);
			app_error(rc, "unknown client \"%s\" (from %s)", clean ? clean : "?",
			          app->client_where);
			free(clean);
			app_list_keys(app);
		} else if (rc) {
			app_store_error(app, rc);
		}
		free(owned);
		*found = rc == 0;
		return rc;
	}
	char *id = NULL;
	int rc = store_setting_get(app->st, CURRENT_CLIENT, &id);
	if (rc)
		return app_store_error(app, rc);
	if (id) {
		rc = store_client_get_by_id(app->st, id, out);
		free(id);
		if (rc == 0) {
			snprintf(app->client_where, sizeof app->client_where, "cxo use");
			*found = true;
			return 0;
		}
		if (rc != EX_NOINPUT)
			return app_store_error(app, rc);
	}
	if (!required)
		return 0;
	app_error(EX_USAGE, "no client chosen: 'cxo use KEY' or -C KEY");
	app_list_keys(app);
	return EX_USAGE;
}

int app_client(struct cxo_app *app, struct client *out)
{
	bool found;
	return client_lookup(app, true, out, &found);
}

int app_client_optional(struct cxo_app *app, struct client *out, bool *found)
{
	return client_lookup(app, false, out, found);
}

int app_set_current(struct cxo_app *app, const struct client *c)
{
	int rc = store_setting_set(app->st, CURRENT_CLIENT, c->id);
	return rc ? app_store_error(app, rc) : 0;
}

int app_client_remove(struct cxo_app *app, const struct client *c, struct client_holdings *held,
                      bool *was_current)
{
	int rc = store_begin(app->st);
	*was_current = false;
	if (rc)
		return app_store_error(app, rc);
	if ((rc = store_client_delete(app->st, c->id, held))) {
		store_rollback(app->st);
		return rc == EX_DATAERR && client_holdings_any(held) ? rc
		                                                     : app_store_error(app, rc);
	}
	if ((rc = app_stored_current(app, c->id, was_current, NULL)))
		goto fail;
	if (*was_current && (rc = store_setting_set(app->st, CURRENT_CLIENT, NULL))) {
		app_store_error(app, rc);
		goto fail;
	}
	if ((rc = store_commit(app->st))) {
		app_store_error(app, rc);
		goto fail;
	}
	return 0;
fail:
	store_rollback(app->st);
	*was_current = false;
	return rc;
}

int app_client_purge(struct cxo_app *app, const struct client *c, struct client_purged *out)
{
	memset(out, 0, sizeof *out);
	int rc = store_exclusive(app->st);
	if (rc)
		return app_store_error(app, rc);
	if ((rc = store_begin(app->st)))
		return app_store_error(app, rc);
	/* app_stored_current says its own error. */
	if ((rc = app_stored_current(app, c->id, &out->was_current, NULL))) {
		store_rollback(app->st);
		return rc;
	}
	if ((rc = store_client_purge(app->st, c->id, &out->held, &out->locks)) ||
	    (out->was_current && (rc = store_setting_set(app->st, CURRENT_CLIENT, NULL))) ||
	    (rc = store_commit(app->st))) {
		store_rollback(app->st);
		out->was_current = false;
		return app_store_error(app, rc);
	}
	/* The rows are gone; the file is rebuilt without their pages. */
	out->removed = true;
	if ((rc = store_scrub(app->st)))
		return app_store_error(app, rc);
	out->scrubbed = true;
	return 0;
}

int app_stored_current(struct cxo_app *app, const char *id, bool *is, bool *valid)
{
	char *cur = NULL;
	int rc = store_setting_get(app->st, CURRENT_CLIENT, &cur);
	*is = false;
	if (valid)
		*valid = false;
	if (rc)
		return app_store_error(app, rc);
	if (cur) {
		*is = id && !strcmp(cur, id);
		if (valid) {
			struct client c = { 0 };
			rc = store_client_get_by_id(app->st, cur, &c);
			client_free(&c);
			if (rc && rc != EX_NOINPUT) {
				free(cur);
				return app_store_error(app, rc);
			}
			*valid = rc == 0;
		}
	}
	free(cur);
	return 0;
}

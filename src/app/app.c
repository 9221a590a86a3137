/*
 * app.c: the context both front ends share: messages, the settings, the
 * clock, where the database is and opening it.  Choosing the client is in
 * client.c, the sample portfolio in sample.c.
 */
#include "internal.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include <time.h>
#include <unistd.h>

#include "cxo/clock.h"
#include "cxo/journal.h"
#include "cxo/text.h"

/* How long a command waits for another process's write to finish. */
#define APP_BUSY_MS 5000

void app_vsay(const char *prefix, const char *fmt, va_list ap, const char *suffix)
{
	char small[512], *msg = small;
	va_list copy;
	va_copy(copy, ap);
	int n = vsnprintf(small, sizeof small, fmt, copy);
	va_end(copy);
	if (n < 0) {
		msg = NULL;
	} else if ((size_t)n >= sizeof small) {
		msg = malloc((size_t)n + 1);
		if (msg)
			vsnprintf(msg, (size_t)n + 1, fmt, ap);
		else
			msg = small; /* cut, but said */
	}
	fputs(prefix, stderr);
	/* Line by line: the message's own line breaks stay, the rest of the
	 * controls go. */
	for (char *line = msg; line;) {
		char *nl = strchr(line, '\n');
		if (nl)
			*nl = '\0';
		char *clean = text_sanitize(line);
		fputs(clean ? clean : "(out of memory)", stderr);
		free(clean);
		if (nl)
			fputc('\n', stderr);
		line = nl ? nl + 1 : NULL;
	}
	if (!msg)
		fputs("(a message that could not be formatted)", stderr);
	fputs(suffix, stderr);
	if (msg != small)
		free(msg);
}

int app_error(int code, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	app_vsay("cxo: ", fmt, ap, "\n");
	va_end(ap);
	return code;
}

void app_warn(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	app_vsay("cxo: warning: ", fmt, ap, "\n");
	va_end(ap);
}

/* "cxo: message" on stderr, for what is neither an error nor a warning. */
static void app_note(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void app_note(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	app_vsay("cxo: ", fmt, ap, "\n");
	va_end(ap);
}

/* ---- settings, colour, clock ---- */

bool app_color_for(const struct cxo_app *app, bool capable)
{
	switch (app->color_mode) {
	case COLOR_ALWAYS:
		return true;
	case COLOR_NEVER:
		return false;
	case COLOR_AUTO:
		break;
	}
	const char *no_color = getenv("NO_COLOR");
	return capable && !(no_color && *no_color);
}

static bool stdout_shows_color(void)
{
	const char *term = getenv("TERM");
	return isatty(STDOUT_FILENO) && term && strcmp(term, "dumb") != 0;
}

static void read_clock(struct cxo_app *app)
{
	app->now = (int64_t)time(NULL);
	if (!clock_local(app->now, &app->today, NULL))
		app->today = date_from_ymd(1970, 1, 1);
}

bool app_clock_tick(struct cxo_app *app)
{
	cxo_day before = app->today;
	read_clock(app);
	return app->today != before;
}

void app_today_iso(const struct cxo_app *app, char day[DAY_LEN])
{
	date_format_iso(app->today, day);
}

/* ---- the database path ---- */

static char *join_path(const char *a, const char *b)
{
	size_t n = strlen(a) + strlen(b) + 2;
	char *p = malloc(n);
	if (p)
		snprintf(p, n, "%s/%s", a, b);
	return p;
}

/* -d, CXO_DB, the config file, then $XDG_DATA_HOME or ~/.local/share. */
static int find_db_path(struct cxo_app *app, const char *flag)
{
	const char *env = getenv("CXO_DB");
	const char *xdg = getenv("XDG_DATA_HOME");
	const char *home = getenv("HOME");
	if (flag) {
		app->db_path = strdup(flag);
		app->db_source = DB_FROM_FLAG;
	} else if (env && *env) {
		app->db_path = strdup(env);
		app->db_source = DB_FROM_ENV;
	} else if (app->cfg.db_path) {
		app->db_path = strdup(app->cfg.db_path);
		app->db_source = DB_FROM_CONFIG;
	} else if (xdg && xdg[0] == '/') {
		app->db_path = join_path(xdg, "cxo/cxo.db");
		app->db_source = DB_FROM_XDG;
	} else if (home && *home) {
		app->db_path = join_path(home, ".local/share/cxo/cxo.db");
		app->db_source = DB_FROM_HOME;
	} else {
		return 0; /* no location: said when a command needs one */
	}
	return app->db_path ? 0 : app_error(EX_OSERR, "out of memory");
}

int app_set_db_path(struct cxo_app *app, const char *path, enum db_source source)
{
	char *copy = strdup(path);
	if (!copy)
		return app_error(EX_OSERR, "out of memory");
	if (app->st) {
		store_close(app->st);
		app->st = NULL;
	}
	free(app->db_path);
	app->db_path = copy;
	app->db_source = source;
	return 0;
}

bool app_db_missing(const struct cxo_app *app)
{
	return app->db_path && access(app->db_path, F_OK) != 0 && errno == ENOENT;
}

bool app_db_read_only(const struct cxo_app *app)
{
	if (!app->db_path)
		return false;
	if (access(app->db_path, W_OK) != 0)
		return errno == EACCES || errno == EROFS;
	/* The file may be written, but a -wal or -shm that is missing
	 * cannot be made beside it. */
	size_t n = strlen(app->db_path);
	char *side = malloc(n + 5);
	if (!side)
		return false;
	bool missing = false;
	for (int i = 0; i < 2 && !missing; i++) {
		snprintf(side, n + 5, "%s%s", app->db_path, i ? "-shm" : "-wal");
		missing = access(side, F_OK) != 0 && errno == ENOENT;
	}
	bool ro = false;
	if (missing) {
		const char *slash = strrchr(side, '/');
		if (!slash)
			snprintf(side, n + 5, ".");
		else
			side[slash == side ? 1 : slash - side] = '\0';
		ro = access(side, W_OK) != 0 && (errno == EACCES || errno == EROFS);
	}
	free(side);
	return ro;
}

int app_init(struct cxo_app *app, const struct app_options *o)
{
	memset(app, 0, sizeof *app);
	read_clock(app);
	config_defaults(&app->cfg);

	const char *config_env = getenv("CXO_CONFIG");
	const char *config_path = o->config                   ? o->config
	                          : config_env && *config_env ? config_env
	                                                      : NULL;
	/* Kept for app_require_config: status and doctor carry on with the
	 * defaults, and completion must stay quiet. */
	app->config_rc = config_load(config_path, config_path != NULL, &app->cfg, app->config_error,
	                             sizeof app->config_error);
	app->color_mode = o->color_mode;
	app->color = app_color_for(app, stdout_shows_color());

	const char *client_env = getenv("CXO_CLIENT");
	if (o->client) {
		app->client_key = o->client;
		app->client_key_source = CLIENT_FROM_FLAG;
	} else if (client_env && *client_env) {
		app->client_key = client_env;
		app->client_key_source = CLIENT_FROM_ENV;
	}
	return find_db_path(app, o->db);
}

int app_require_config(const struct cxo_app *app)
{
	return app->config_rc ? app_error(app->config_rc, "%s", app->config_error) : 0;
}

void app_free(struct cxo_app *app)
{
	if (app->st)
		store_close(app->st);
	app->st = NULL;
	free(app->db_path);
	app->db_path = NULL;
	config_free(&app->cfg);
}

int app_load_theme(const struct cxo_app *app, struct theme *out)
{
	char err[1024];
	int rc = theme_load(app->cfg.theme ? app->cfg.theme : "default", out, err, sizeof err);
	return rc ? app_error(rc, "%s", err) : 0;
}

/* ---- opening the store ---- */

int app_open_store(struct cxo_app *app, enum store_mode mode, bool announce)
{
	enum store_mode want = mode == STORE_INIT ? STORE_WRITE : mode;
	if (app->st && (app->st_mode == STORE_WRITE || want == STORE_READ))
		return 0;
	if (app->st) { /* reading so far; a write needs a writable handle */
		store_close(app->st);
		app->st = NULL;
	}
	if (!app->db_path)
		return app_error(
		        EX_CONFIG,
		        "no database path: set HOME, XDG_DATA_HOME, CXO_DB or use -d PATH");
	char err[512];
	bool created = false;
	int rc = store_open(app->db_path, mode, APP_BUSY_MS, &app->st, &created, err, sizeof err);
	if (rc) {
		/* Only a file that is not there is "not yet"; an empty one, a
		 * link or a directory we may not search says what it is. */
		if (rc == EX_NOINPUT && mode == STORE_READ && app_db_missing(app))
			return app_error(rc,
			                 "no database at %s yet: run 'cxo init' or add a client",
			                 app->db_path);
		return app_error(rc, "%s", err);
	}
	app->st_mode = want;
	store_journal_keep(app->st, app->cfg.journal_days);
	if (app->origin[0] && store_journal_origin(app->st, app->origin))
		return app_store_error(app, EX_OSERR);
	if (created && announce)
		app_note("created database %s", app->db_path);
	return 0;
}

int app_open(struct cxo_app *app, enum store_mode mode)
{
	return app_open_store(app, mode, true);
}

int app_open_existing(struct cxo_app *app)
{
	/* Only a database that is not there is "not yet"; anything else (a
	 * directory we may not search) is for the write to report. */
	if (!app->st && app_db_missing(app)) {
		int rc = app_open(app, STORE_READ); /* says there is no database */
		if (rc)
			return rc;
	}
	return app_open(app, STORE_WRITE);
}

int app_set_origin(struct cxo_app *app, const char *origin)
{
	text_sanitize_into(origin ? origin : "", app->origin, sizeof app->origin);
	if (app->st && store_journal_origin(app->st, app->origin[0] ? app->origin : NULL))
		return app_store_error(app, EX_OSERR);
	return 0;
}

/* The longest word of a command kept whole in its origin. */
#define ORIGIN_WORD_MAX 40

int app_set_origin_argv(struct cxo_app *app, const char *prefix, int argc, char *const *argv)
{
	char line[APP_ORIGIN_LEN * 2];
	text_sanitize_into(prefix, line, APP_ORIGIN_LEN);
	size_t len = strlen(line);
	for (int i = 0; i < argc && len + 1 < sizeof line; i++) {
		char word[ORIGIN_WORD_MAX * 4 + 8];
		text_sanitize_into(argv[i], word, sizeof word);
		if (strlen(word) > ORIGIN_WORD_MAX) {
			size_t cut = ORIGIN_WORD_MAX;
			/* Never inside a UTF-8 sequence. */
			while (cut > 0 && ((unsigned char)word[cut] & 0xC0) == 0x80)
				cut--;
			memcpy(word + cut, "...", 4);
		}
		bool quote = !word[0] || strchr(word, ' ');
		int w = snprintf(line + len, sizeof line - len, quote ? " \"%s\"" : " %s", word);
		if (w < 0)
			break;
		len += (size_t)w;
		if (len >= sizeof line)
			len = sizeof line - 1;
	}
	/* Cut to the origin's size on a character's start. */
	if (strlen(line) >= APP_ORIGIN_LEN) {
		size_t cut = APP_ORIGIN_LEN - 4;
		while (cut > 0 && ((unsigned char)line[cut] & 0xC0) == 0x80)
			cut--;
		memcpy(line + cut, "...", 4);
	}
	return app_set_origin(app, line);
}

int app_store_error(struct cxo_app *app, int rc)
{
	const char *msg = app->st ? store_error(app->st) : NULL;
	return app_error(rc, "%s", msg && *msg ? msg : "database error");
}

/*
 * cli.c: the command table, dispatch, and the helpers every command
 * shares: errors, opening the store, choosing the client, parsing
 * values, formatting days and hours, and running command scripts.
 * Usage text and argument parsing are in usage.c.
 */
#include "cxo/cli.h"

#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include <unistd.h>

#include "cxo/duration.h"
#include "cxo/text.h"
#include "cxo/vocab.h"

/* The order is the order of `cxo help`. */
const struct cli_command *const cli_commands[] = {
	&cmd_init_entry,
	&cmd_client_entry,
	&cmd_use_entry,
	&cmd_overview_entry,
	&cmd_status_entry,
	&cmd_mandate_entry,
	&cmd_log_entry,
	&cmd_hours_entry,
	&cmd_start_entry,
	&cmd_stop_entry,
	&cmd_cancel_entry,
	&cmd_risk_entry,
	&cmd_action_entry,
	&cmd_note_entry,
	&cmd_backup_entry,
	&cmd_doctor_entry,
	NULL,
};

#define DEFAULT_BUSY_MS 5000

int cli_error(int code, const char *fmt, ...)
{
	va_list ap;
	fputs("cxo: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	return code;
}

void cli_warn(const char *fmt, ...)
{
	va_list ap;
	fputs("cxo: warning: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

void cli_print_help(FILE *fp)
{
	fputs("usage: cxo [-d DB] [-c CONFIG] [-C CLIENT] [--color=auto|always|never] COMMAND "
	      "[ARGS]\n"
	      "       cxo -h | -V | help COMMAND\n\n"
	      "The cockpit of a fractional technology executive: clients, mandates,\n"
	      "hours, risks, next actions and notes.\n\nCommands:\n",
	      fp);
	for (size_t i = 0; cli_commands[i]; i++)
		fprintf(fp, "  %-10s %s\n", cli_commands[i]->name, cli_commands[i]->summary);
	fprintf(fp, "  %-10s %s\n", "ui",
	        "the full-screen dashboard (also plain 'cxo' on a terminal)");
	fputs("\n'cxo help COMMAND' or 'cxo COMMAND --help' shows a command's usage.\n"
	      "See cxo(1) for everything.\n",
	      fp);
}

/* Exact name, or an unambiguous prefix (as tmux does). */
const struct cli_command *cli_find(const char *name)
{
	const struct cli_command *found = NULL;
	size_t len = strlen(name);
	int matches = 0;
	if (!len)
		return NULL;
	for (size_t i = 0; cli_commands[i]; i++) {
		if (!strcmp(cli_commands[i]->name, name))
			return cli_commands[i];
		if (!strncmp(cli_commands[i]->name, name, len)) {
			found = cli_commands[i];
			matches++;
		}
	}
	return matches == 1 ? found : NULL;
}

static int cli_help_command(int argc, char **argv)
{
	if (argc < 2) {
		cli_print_help(stdout);
		return 0;
	}
	const struct cli_command *cmd = cli_find(argv[1]);
	if (!cmd)
		return cli_error(EX_USAGE, "unknown command \"%s\" (see 'cxo help')", argv[1]);
	cli_print_usage(stdout, cmd);
	printf("\n%s\n", cmd->summary);
	return 0;
}

static void list_prefix_matches(const char *name)
{
	size_t len = strlen(name);
	fputs("cxo: did you mean:", stderr);
	for (size_t i = 0; cli_commands[i]; i++)
		if (!strncmp(cli_commands[i]->name, name, len))
			fprintf(stderr, " %s", cli_commands[i]->name);
	fputc('\n', stderr);
}

int cli_run(struct cli *cli, int argc, char **argv)
{
	if (!strcmp(argv[0], "help"))
		return cli_help_command(argc, argv);
	const struct cli_command *cmd = cli_find(argv[0]);
	if (!cmd) {
		size_t len = strlen(argv[0]);
		int matches = 0;
		for (size_t i = 0; cli_commands[i]; i++)
			matches += len && !strncmp(cli_commands[i]->name, argv[0], len);
		cli_error(EX_USAGE, "%s command \"%s\" (see 'cxo help')",
		          matches > 1 ? "ambiguous" : "unknown", argv[0]);
		if (matches > 1)
			list_prefix_matches(argv[0]);
		return EX_USAGE;
	}
	argv[0] = (char *)cmd->name;
	int rc = cmd->run(cli, argc, argv);
	if (cli->st) {
		store_close(cli->st);
		cli->st = NULL;
	}
	return rc;
}

/* ---- database ---- */

static char *join_path(const char *a, const char *b)
{
	size_t n = strlen(a) + strlen(b) + 2;
	char *p = malloc(n);
	if (p)
		snprintf(p, n, "%s/%s", a, b);
	return p;
}

char *cli_db_path(const struct cli *cli)
{
	const char *env = getenv("CXO_DB");
	if (cli->db_flag)
		return strdup(cli->db_flag);
	if (env && *env)
		return strdup(env);
	if (cli->cfg.db_path)
		return strdup(cli->cfg.db_path);
	const char *xdg = getenv("XDG_DATA_HOME");
	if (xdg && xdg[0] == '/')
		return join_path(xdg, "cxo/cxo.db");
	const char *home = getenv("HOME");
	if (!home || !*home)
		return NULL;
	return join_path(home, ".local/share/cxo/cxo.db");
}

int cli_open(struct cli *cli, enum store_mode mode)
{
	if (cli->st && (cli->st_mode == STORE_WRITE || mode == STORE_READ))
		return 0;
	if (cli->st) { /* reading so far; a write needs a writable handle */
		store_close(cli->st);
		cli->st = NULL;
	}
	char *path = cli_db_path(cli);
	if (!path)
		return cli_error(
		        EX_CONFIG,
		        "no database path: set HOME, XDG_DATA_HOME, CXO_DB or use -d PATH");
	char err[512];
	bool created = false;
	int rc = store_open(path, mode, DEFAULT_BUSY_MS, &cli->st, &created, err, sizeof err);
	if (rc) {
		if (rc == EX_NOINPUT && mode == STORE_READ)
			cli_error(rc, "no database at %s yet: run 'cxo init' or add a client",
			          path);
		else
			cli_error(rc, "%s", err);
		free(path);
		return rc;
	}
	cli->st_mode = mode;
	if (created)
		fprintf(stderr, "cxo: created database %s\n", path);
	free(path);
	return 0;
}

int cli_open_existing(struct cli *cli)
{
	if (!cli->st) {
		char *path = cli_db_path(cli);
		/* Only a database that is not there is "not yet"; anything else
		 * (a directory we may not search) is for the write to report. */
		bool missing = path && access(path, F_OK) != 0 && errno == ENOENT;
		free(path);
		if (missing) {
			int rc = cli_open(cli, STORE_READ); /* says there is no database */
			if (rc)
				return rc;
		}
	}
	return cli_open(cli, STORE_WRITE);
}

int cli_store_error(struct cli *cli, int rc)
{
	const char *msg = cli->st ? store_error(cli->st) : NULL;
	return cli_error(rc, "%s", msg && *msg ? msg : "database error");
}

int cli_resolve(struct cli *cli, enum store_kind kind, const char *text, const char *client_id,
                char id[UUID_LEN])
{
	int rc = store_resolve(cli->st, kind, text, client_id, id);
	return rc ? cli_store_error(cli, rc) : 0;
}

/* ---- choosing the client ---- */

/* Reads the first word of DIR/.cxo-client, walking up from the working
 * directory.  Returns a newly allocated key or NULL. */
static char *find_client_file(char *where, size_t wn)
{
	char dir[PATH_MAX];
	if (!getcwd(dir, sizeof dir))
		return NULL;
	for (;;) {
		char path[PATH_MAX + 16];
		snprintf(path, sizeof path, "%s/.cxo-client", strcmp(dir, "/") ? dir : "");
		FILE *fp = fopen(path, "r");
		if (fp) {
			char line[128] = "";
			char *ok = fgets(line, sizeof line, fp);
			fclose(fp);
			/* The path may be longer than the message buffer: cut it. */
			size_t len = strlen(path);
			if (len >= wn)
				len = wn - 1;
			memcpy(where, path, len);
			where[len] = '\0';
			return strdup(ok ? text_trim(line) : "");
		}
		char *slash = strrchr(dir, '/');
		if (!slash || slash == dir) {
			if (!strcmp(dir, "/"))
				return NULL;
			strcpy(dir, "/");
			continue;
		}
		*slash = '\0';
	}
}

/* "cxo: clients: acme beta" on stderr. */
static void print_keys(const struct client_list *l)
{
	fputs("cxo: clients:", stderr);
	for (size_t i = 0; i < l->n; i++)
		fprintf(stderr, " %s", l->items[i].key);
	fputc('\n', stderr);
}

static void list_keys(struct cli *cli)
{
	struct client_list l = { 0 };
	if (store_client_list(cli->st, false, &l) || !l.n)
		fputs("cxo: no clients yet: add one with 'cxo client add KEY --name NAME'\n",
		      stderr);
	else
		print_keys(&l);
	client_list_free(&l);
}

int cli_load_client(struct cli *cli, const char *key, struct client *out)
{
	int rc = store_client_get(cli->st, key, out);
	if (rc == EX_NOINPUT) {
		struct client_list l = { 0 };
		char shown[80];
		text_sanitize_into(key, shown, sizeof shown);
		cli_error(rc, "no client \"%s\"", shown);
		if (!store_client_list(cli->st, true, &l) && l.n)
			print_keys(&l);
		client_list_free(&l);
		return rc;
	}
	return rc ? cli_store_error(cli, rc) : 0;
}

static int client_lookup(struct cli *cli, bool required, struct client *out, bool *found)
{
	char *owned = NULL;
	const char *key = NULL;
	*found = false;
	memset(out, 0, sizeof *out);
	if (!cli->st) {
		int rc = cli_open(cli, STORE_READ);
		if (rc)
			return rc;
	}
	if (!cli->in_script) {
		const char *env = getenv("CXO_CLIENT");
		if (cli->client_flag) {
			key = cli->client_flag;
			snprintf(cli->client_source, sizeof cli->client_source, "-C");
		} else if (env && *env) {
			key = env;
			snprintf(cli->client_source, sizeof cli->client_source, "CXO_CLIENT");
		} else if ((owned = find_client_file(cli->client_source,
		                                     sizeof cli->client_source))) {
			key = owned;
		}
	}
	if (key) {
		int rc = store_client_get(cli->st, key, out);
		if (rc == EX_NOINPUT) {
			char *clean = text_sanitize(key);
			cli_error(rc, "unknown client \"%s\" (from %s)", clean ? clean : "?",
			          cli->client_source);
			free(clean);
			list_keys(cli);
		} else if (rc) {
			cli_store_error(cli, rc);
		}
		free(owned);
		*found = rc == 0;
		return rc;
	}
	char *id = NULL;
	int rc = store_setting_get(cli->st, "current_client", &id);
	if (rc)
		return cli_store_error(cli, rc);
	if (id) {
		rc = store_client_get_by_id(cli->st, id, out);
		free(id);
		if (rc == 0) {
			snprintf(cli->client_source, sizeof cli->client_source, "cxo use");
			*found = true;
			return 0;
		}
		if (rc != EX_NOINPUT)
			return cli_store_error(cli, rc);
	}
	if (!required)
		return 0;
	cli_error(EX_USAGE, "no client chosen: 'cxo use KEY' or -C KEY");
	list_keys(cli);
	return EX_USAGE;
}

int cli_client(struct cli *cli, struct client *out)
{
	bool found;
	return client_lookup(cli, true, out, &found);
}

int cli_client_optional(struct cli *cli, struct client *out, bool *found)
{
	return client_lookup(cli, false, out, found);
}

int cli_set_current(struct cli *cli, const struct client *c)
{
	int rc = store_setting_set(cli->st, "current_client", c->id);
	return rc ? cli_store_error(cli, rc) : 0;
}

int cli_stored_current(struct cli *cli, const char *id, bool *is, bool *valid)
{
	char *cur = NULL;
	int rc = store_setting_get(cli->st, "current_client", &cur);
	*is = false;
	if (valid)
		*valid = false;
	if (rc)
		return cli_store_error(cli, rc);
	if (cur) {
		*is = id && !strcmp(cur, id);
		if (valid) {
			struct client c = { 0 };
			rc = store_client_get_by_id(cli->st, cur, &c);
			client_free(&c);
			if (rc && rc != EX_NOINPUT) {
				free(cur);
				return cli_store_error(cli, rc);
			}
			*valid = rc == 0;
		}
	}
	free(cur);
	return 0;
}

/* ---- parsing arguments ---- */

int cli_parse_day(struct cli *cli, const char *opt, const char *text, char day[DAY_LEN])
{
	char err[256];
	cxo_day d;
	if (!date_parse(text, cli->today, cli->cfg.week_start, &d, err, sizeof err))
		return cli_error(EX_DATAERR, "%s: %s", opt, err);
	date_format_iso(d, day);
	return 0;
}

int cli_parse_duration(const char *opt, const char *text, int *minutes)
{
	char err[256];
	if (!duration_parse(text, minutes, err, sizeof err))
		return cli_error(EX_DATAERR, "%s: %s", opt, err);
	return 0;
}

int cli_parse_int(const char *opt, const char *text, long lo, long hi, long *out)
{
	if (!text_to_long(text, lo, hi, out))
		return cli_error(EX_DATAERR,
		                 "%s: bad number \"%s\" (expected a whole number %ld to %ld)", opt,
		                 text, lo, hi);
	return 0;
}

int cli_parse_format(const char *text, enum output_format *out)
{
	if (!strcmp(text, "table"))
		*out = FORMAT_TABLE;
	else if (!strcmp(text, "tsv"))
		*out = FORMAT_TSV;
	else if (!strcmp(text, "json"))
		*out = FORMAT_JSON;
	else
		return cli_error(EX_USAGE,
		                 "--format: unknown format \"%s\" (expected table, tsv or json)",
		                 text);
	return 0;
}

int cli_parse_word(const struct vocab *v, const char *opt, const char *text, char out[WORD_LEN])
{
	char err[256];
	const char *w = vocab_match(v, text, err, sizeof err);
	if (!w)
		return cli_error(EX_DATAERR, "%s: %s", opt, err);
	snprintf(out, WORD_LEN, "%s", w);
	return 0;
}

/* ---- formatting ---- */

void cli_format_day(const struct cli *cli, const char *iso, char *buf, size_t n)
{
	cxo_day d;
	if (!iso || !*iso) {
		snprintf(buf, n, "%s", "");
		return;
	}
	const char *fmt = cli->cfg.date_format ? cli->cfg.date_format : "%Y-%m-%d";
	/* Stored days are already ISO: the default format is a copy. */
	if (!strcmp(fmt, "%Y-%m-%d") && strlen(iso) == 10 && n > 10) {
		memcpy(buf, iso, 11);
		return;
	}
	if (!date_parse_iso(iso, &d) || !date_format(d, fmt, buf, n))
		snprintf(buf, n, "%s", iso);
}

void cli_format_hours(const struct cli *cli, long minutes, char *buf, size_t n)
{
	duration_format(minutes, cli->cfg.hours_style, buf, n);
}

void cli_short_id(const char *id, char out[SHORT_ID_LEN + 1])
{
	size_t len = id ? strnlen(id, SHORT_ID_LEN) : 0;
	if (len)
		memcpy(out, id, len);
	out[len] = '\0';
}

void cli_today_iso(const struct cli *cli, char day[DAY_LEN])
{
	date_format_iso(cli->today, day);
}

int cli_set_text(char **field, const char *value)
{
	char *copy = NULL;
	if (value && *value && !(copy = strdup(value)))
		return cli_error(EX_OSERR, "out of memory");
	free(*field);
	*field = copy;
	return 0;
}

void cli_put_text(const char *text)
{
	char *clean = text_sanitize(text);
	fputs(clean ? clean : "", stdout);
	free(clean);
}

enum cell_color cli_risk_level_color(enum risk_level level)
{
	switch (level) {
	case RISK_CRITICAL:
	case RISK_HIGH:
		return CC_RED;
	case RISK_MEDIUM:
		return CC_YELLOW;
	case RISK_LOW:
	case RISK_LEVEL_COUNT:
		break;
	}
	return CC_GREEN;
}

/* ---- scripts ---- */

#define SCRIPT_MAX_WORDS 64

/* Splits a line into words with '...' and "..." quoting and backslash
 * escapes outside single quotes; words point into buf. */
static int split_words(const char *line, char *buf, char **words, int max, const char **err)
{
	int n = 0;
	const char *p = line;
	char *o = buf;
	for (;;) {
		while (*p == ' ' || *p == '\t')
			p++;
		if (!*p || *p == '#')
			break;
		if (n == max) {
			*err = "too many words";
			return -1;
		}
		words[n++] = o;
		while (*p && *p != ' ' && *p != '\t') {
			if (*p == '\'' || *p == '"') {
				char q = *p++;
				while (*p && *p != q) {
					if (q == '"' && *p == '\\' && p[1])
						p++;
					*o++ = *p++;
				}
				if (*p != q) {
					*err = "unterminated quote";
					return -1;
				}
				p++;
			} else if (*p == '\\' && p[1]) {
				p++;
				*o++ = *p++;
			} else {
				*o++ = *p++;
			}
		}
		*o++ = '\0';
	}
	return n;
}

int cli_run_line(struct cli *cli, const char *line, int lineno)
{
	char *buf = malloc(strlen(line) + 1);
	char *words[SCRIPT_MAX_WORDS + 1];
	const char *err = NULL;
	if (!buf)
		return cli_error(EX_OSERR, "out of memory");
	int n = split_words(line, buf, words, SCRIPT_MAX_WORDS, &err);
	if (n < 0) {
		free(buf);
		return cli_error(EX_DATAERR, "line %d: %s", lineno, err);
	}
	if (n == 0) {
		free(buf);
		return 0;
	}
	words[n] = NULL;
	const struct cli_command *cmd = cli_find(words[0]);
	int rc;
	if (!cmd) {
		rc = cli_error(EX_DATAERR, "line %d: unknown command \"%s\"", lineno, words[0]);
	} else {
		bool was = cli->in_script;
		cli->in_script = true;
		/* Scripts are quiet: only errors are worth reading. */
		fflush(stdout);
		int saved = dup(STDOUT_FILENO);
		FILE *null = fopen("/dev/null", "w");
		if (saved >= 0 && null)
			dup2(fileno(null), STDOUT_FILENO);
		rc = cmd->run(cli, n, words);
		fflush(stdout);
		if (saved >= 0) {
			dup2(saved, STDOUT_FILENO);
			close(saved);
		}
		if (null)
			fclose(null);
		cli->in_script = was;
		if (rc)
			cli_error(rc, "line %d: %s failed", lineno, words[0]);
	}
	free(buf);
	return rc;
}

/*
 * complete.c: `cxo __complete WORDS...`: the candidates for the last of
 * WORDS (the word being typed, perhaps empty), given the ones before it,
 * one a line: global options, commands, subcommands, a command's
 * options, the values an option takes (vocabulary words, formats, days,
 * client keys, files) and the operands of a known kind.  The completion
 * scripts (src/completion) only ask this, as git's ask
 * --git-completion-helper.  Quiet: nothing on stderr, exit 0, and the
 * database only ever read, never created.
 */
#include "internal.h"

#include <dirent.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cxo/vocab.h"

#define DAY_WORDS "today tomorrow yesterday mon tue wed thu fri sat sun eow eom"

struct comp {
	struct app_options o; /* the global options the words give */
	const char *cur;      /* the word being typed, without any "--opt=" */
	const char *prefix;   /* put back in front of each candidate ("--due=") */
};

static void put(const struct comp *k, const char *word, size_t len)
{
	size_t n = strlen(k->cur);
	if (len >= n && !strncmp(word, k->cur, n))
		printf("%s%.*s\n", k->prefix, (int)len, word);
}

/* Space-separated words. */
static void put_words(const struct comp *k, const char *words)
{
	for (const char *p = words; p && *p;) {
		size_t len = strcspn(p, " ");
		if (len)
			put(k, p, len);
		p += len + (p[len] == ' ');
	}
}

static void put_numbers(const struct comp *k, long lo, long hi)
{
	char buf[24];
	if (hi - lo > 9)
		return;
	for (long v = lo; v <= hi; v++) {
		int len = snprintf(buf, sizeof buf, "%ld", v);
		put(k, buf, (size_t)len);
	}
}

/* The client keys of the database the words name: read only, and only
 * when the file is there. */
static void put_clients(const struct comp *k)
{
	struct cxo_app app;
	struct client_list l = { 0 };
	if (app_init(&app, &k->o) == 0 && !app.config_rc && app.db_path && !app_db_missing(&app) &&
	    app_open(&app, STORE_READ) == 0 && store_client_list(app.st, true, &l) == 0)
		for (size_t i = 0; i < l.n; i++)
			put(k, l.items[i].key, strlen(l.items[i].key));
	client_list_free(&l);
	app_free(&app);
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The files and directories (with a '/') that the word begins. */
static void put_files(const struct comp *k)
{
	const char *slash = strrchr(k->cur, '/');
	char dir[4096];
	size_t dlen = slash ? (size_t)(slash - k->cur) + 1 : 0;
	snprintf(dir, sizeof dir, "%.*s", (int)dlen, k->cur);
	const char *base = k->cur + dlen;
	DIR *d = opendir(dlen ? dir : ".");
	if (!d)
		return;
	char **names = NULL;
	size_t n = 0, cap = 0;
	for (struct dirent *e; (e = readdir(d));) {
		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
			continue;
		if ((e->d_name[0] == '.' && base[0] != '.') ||
		    strncmp(e->d_name, base, strlen(base)) != 0)
			continue;
		char path[8192];
		struct stat sb;
		snprintf(path, sizeof path, "%s%s", dir, e->d_name);
		bool is_dir = stat(path, &sb) == 0 && S_ISDIR(sb.st_mode);
		if (n == cap) {
			cap = cap ? cap * 2 : 32;
			char **grown = realloc(names, cap * sizeof *names);
			if (!grown)
				break;
			names = grown;
		}
		size_t len = strlen(path) + 2;
		if (!(names[n] = malloc(len)))
			break;
		snprintf(names[n++], len, "%s%s", path, is_dir ? "/" : "");
	}
	closedir(d);
	if (n)
		qsort(names, n, sizeof *names, by_name);
	for (size_t i = 0; i < n; i++) {
		printf("%s%s\n", k->prefix, names[i]);
		free(names[i]);
	}
	free(names);
}

static void put_value(const struct comp *k, const struct cli_option *o)
{
	switch (o->kind) {
	case VAL_DAY:
		put_words(k, DAY_WORDS);
		break;
	case VAL_WORD:
		for (size_t i = 0; o->vocab && o->vocab->words[i]; i++)
			put(k, o->vocab->words[i], strlen(o->vocab->words[i]));
		break;
	case VAL_FORMAT:
		put_words(k, "table tsv json");
		break;
	case VAL_MONTH:
		put_words(k, "this last next");
		break;
	case VAL_NUMBER:
		put_numbers(k, o->lo, o->hi);
		break;
	case VAL_CLIENT:
		put_clients(k);
		break;
	case VAL_FILE:
		put_files(k);
		break;
	default:
		break;
	}
	if (o->kind != VAL_FILE)
		put_words(k, o->words);
}

/* Long forms ("--due"), and short ones with_short ("-d"). */
static void put_options(const struct comp *k, const struct cli_option *opts, bool with_short)
{
	char buf[64];
	for (const struct cli_option *o = opts; o && o->name; o++) {
		if (o->flags & OPT_HIDDEN)
			continue;
		if (with_short && o->letter) {
			int len = snprintf(buf, sizeof buf, "-%c", o->letter);
			put(k, buf, (size_t)len);
		}
		int len = snprintf(buf, sizeof buf, "--%s", o->name);
		put(k, buf, (size_t)len);
	}
}

static void put_commands(const struct comp *k, const struct cli_command *const *list)
{
	for (size_t i = 0; list && list[i]; i++)
		if (!(list[i]->flags & CMD_HIDDEN))
			put(k, list[i]->name, strlen(list[i]->name));
}

/* The option a word names among opts: a long one ("--due", "--due=fri",
 * or a unique prefix), or a short one ("-d", "-dFILE").  *value gets the
 * value written in the word itself, or NULL. */
static const struct cli_option *option_of(const struct cli_option *opts, const char *w,
                                          const char **value)
{
	const struct cli_option *found = NULL;
	int matches = 0;
	*value = NULL;
	if (w[0] != '-' || !w[1])
		return NULL;
	if (w[1] != '-') {
		for (const struct cli_option *o = opts; o && o->name; o++)
			if (o->letter == w[1]) {
				*value = o->arg && w[2] ? w + 2 : NULL;
				return o;
			}
		return NULL;
	}
	const char *name = w + 2, *eq = strchr(name, '=');
	size_t len = eq ? (size_t)(eq - name) : strlen(name);
	for (const struct cli_option *o = opts; len && o && o->name; o++) {
		if (strncmp(o->name, name, len) != 0)
			continue;
		found = o;
		matches++;
		if (!o->name[len]) {
			matches = 1;
			break;
		}
	}
	if (matches != 1)
		return NULL;
	*value = eq ? eq + 1 : NULL;
	return found;
}

/* The global options' values that choose the database (and the client). */
static void note_global(struct comp *k, const struct cli_option *o, const char *value)
{
	if (!value)
		return;
	if (!strcmp(o->name, "db"))
		k->o.db = value;
	else if (!strcmp(o->name, "config"))
		k->o.config = value;
	else if (!strcmp(o->name, "client"))
		k->o.client = value;
}

/* The word being typed is "--opt=value": complete the value. */
static bool complete_inline(struct comp *k, const struct cli_option *opts, const char *cur)
{
	const char *value;
	const struct cli_option *o;
	if (strncmp(cur, "--", 2) != 0 || !strchr(cur, '=') ||
	    !(o = option_of(opts, cur, &value)) || !o->arg)
		return false;
	static char prefix[128];
	snprintf(prefix, sizeof prefix, "%.*s", (int)(value - cur), cur);
	k->prefix = prefix;
	k->cur = value;
	put_value(k, o);
	return true;
}

/* An operand named by the synopsis. */
static void put_operand(const struct comp *k, const char *spec, int index, char **ops)
{
	char name[32] = "";
	int i = 0;
	for (const char *p = spec; p && *p; i++) {
		while (*p == ' ')
			p++;
		size_t len = strcspn(p, " ");
		if (i == index) {
			const char *s = p + strspn(p, "[");
			size_t n = strcspn(s, "] ");
			snprintf(name, sizeof name, "%.*s", (int)n, s);
			break;
		}
		p += len;
	}
	bool ambiguous;
	if (!strcmp(name, "KEY"))
		put_clients(k);
	else if (!strcmp(name, "DAY"))
		put_words(k, DAY_WORDS);
	else if (!strcmp(name, "FILE"))
		put_files(k);
	else if (!strcmp(name, "COMMAND"))
		put_commands(k, cli_commands);
	else if (!strcmp(name, "SUBCOMMAND") && index > 0) {
		const struct cli_command *cmd = cli_find(cli_commands, ops[index - 1], &ambiguous);
		if (cmd)
			put_commands(k, cmd->subs);
	}
}

int cli_complete(const struct app_options *globals, int argc, char **argv)
{
	struct comp k = { .o = *globals, .cur = "", .prefix = "" };
	const struct cli_option *o;
	const char *value;
	int i = 0, n = argc - 1;

	/* Whatever goes wrong, nothing reaches the terminal. */
	int null = open("/dev/null", O_WRONLY | O_CLOEXEC);
	if (null >= 0) {
		dup2(null, STDERR_FILENO);
		close(null);
	}
	if (argc < 1) { /* nothing typed yet */
		put_commands(&k, cli_commands);
		return 0;
	}
	k.cur = argv[n];

	/* The global options before the command. */
	for (; i < n && argv[i][0] == '-' && argv[i][1]; i++) {
		if (!(o = option_of(cli_global_options, argv[i], &value)))
			continue;
		if (o->arg && !value) {
			if (i + 1 == n) {
				put_value(&k, o);
				return 0;
			}
			value = argv[++i];
		}
		note_global(&k, o, value);
	}
	if (i == n) {
		if (complete_inline(&k, cli_global_options, k.cur))
			return 0;
		if (k.cur[0] == '-')
			put_options(&k, cli_global_options, true);
		else
			put_commands(&k, cli_commands);
		return 0;
	}

	bool ambiguous;
	const struct cli_command *cmd = cli_find(cli_commands, argv[i++], &ambiguous), *entry;
	if (!cmd || (cmd->flags & CMD_HIDDEN))
		return 0;
	entry = cmd;
	if (cmd->subs) {
		if (i == n && k.cur[0] != '-') {
			put_commands(&k, cmd->subs);
			return 0;
		}
		if (argv[i][0] != '-') {
			if (!(entry = cli_find(cmd->subs, argv[i++], &ambiguous)))
				return 0;
		} else if (!cmd->run && cmd->default_sub) {
			entry = cli_find(cmd->subs, cmd->default_sub, &ambiguous);
		}
	}
	if (!entry)
		return 0;

	/* The options and operands after it. */
	char **ops = argv + i;
	int nops = 0;
	bool only_operands = false;
	for (; i < n; i++) {
		const char *w = argv[i];
		if (!only_operands && !strcmp(w, "--")) {
			only_operands = true;
		} else if (!only_operands && w[0] == '-' && w[1]) {
			/* -C KEY and the like may follow the command too. */
			const struct cli_option *g = cli_global_in(entry, w, false, &value);
			o = g ? g : option_of(entry->opts, w, &value);
			if (o && o->arg && !value) {
				if (i + 1 == n) {
					put_value(&k, o);
					return 0;
				}
				value = argv[++i];
			}
			if (g)
				note_global(&k, g, value);
		} else {
			ops[nops++] = argv[i];
			if (entry->flags & CMD_DASH_OPERANDS)
				only_operands = true;
		}
	}
	if (!only_operands && k.cur[0] == '-') {
		/* --client=ac: the keys */
		if (cli_global_in(entry, k.cur, false, &value) && value &&
		    complete_inline(&k, cli_global_options, k.cur))
			return 0;
		if (!complete_inline(&k, entry->opts, k.cur)) {
			put_options(&k, entry->opts, false);
			put(&k, "--help", 6);
		}
		return 0;
	}
	put_operand(&k, entry->operands, nops, ops);
	return 0;
}

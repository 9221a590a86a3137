/*
 * dispatch.c: the one parser of command lines.  A command's options,
 * operands, the store it opens and the client it needs all come from its
 * entry in the table; handlers start with the values read.
 *
 * Options may come before, between and after the operands ("--" ends
 * them); a long option may be shortened to a unique prefix and take its
 * value as --due=fri or --due fri; -h and --help show the usage.  The
 * messages: "--due needs a value", "--all takes no value",
 * `unknown option "--bogus"`, "action defer: missing DAY", `risk close:
 * unexpected argument "b"`, each followed by the usage.
 */
#include "internal.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "cxo/text.h"

/* ---- what handlers use ---- */

static int option_index(const struct cli_call *c, const char *name)
{
	const struct cli_option *o = cli_find_option(c->cmd, name);
	if (!o) {
		/* A handler asking for an option its entry lacks is a bug in
		 * cxo, found by the first test that runs it. */
		fprintf(stderr, "cxo: internal error: %s has no option --%s\n", c->path, name);
		abort();
	}
	return (int)(o - c->cmd->opts);
}

const struct cli_value *cli_opt(const struct cli_call *c, const char *name)
{
	const struct cli_value *v = &c->vals[option_index(c, name)];
	return v->text ? v : NULL;
}

bool cli_flag(const struct cli_call *c, const char *name)
{
	return cli_opt(c, name) != NULL;
}

const char *cli_text(const struct cli_call *c, const char *name)
{
	const struct cli_value *v = cli_opt(c, name);
	return v ? v->text : NULL;
}

static int vusage(const struct cli_command *group, const struct cli_command *cmd, const char *fmt,
                  va_list ap)
{
	app_vsay("cxo: ", fmt, ap, "\n");
	cli_print_usage(stderr, group, cmd);
	return EX_USAGE;
}

int cli_usage(const struct cli_call *c, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vusage(c->group, c->cmd, fmt, ap);
	va_end(ap);
	return EX_USAGE;
}

int cli_operand_text(struct cli_call *c, int i, const char *label, char **out)
{
	*out = text_trim(c->argv[i]);
	if (!**out)
		return app_error(EX_DATAERR, "the %s is empty", label);
	return 0;
}

/* ---- options ---- */

static const struct cli_option help_option = { .name = "help", .letter = 'h' };

/* "--bench-switch N, --report FILE or --list-keys" */
static void list_options(const struct cli_command *cmd, char *buf, size_t n)
{
	size_t len = 0, count = 0, k = 0;
	buf[0] = '\0';
	for (const struct cli_option *o = cmd->opts; o && o->name; o++)
		count += !(o->flags & OPT_HIDDEN);
	for (const struct cli_option *o = cmd->opts; o && o->name && len < n; o++) {
		if (o->flags & OPT_HIDDEN)
			continue;
		const char *sep = k == 0 ? "" : k + 1 == count ? " or " : ", ";
		int w = snprintf(buf + len, n - len, "%s--%s%s%s", sep, o->name, o->arg ? " " : "",
		                 o->arg ? o->arg : "");
		if (w < 0)
			break;
		len += (size_t)w;
		k++;
	}
}

static int unknown_option(const struct cli_call *c, const char *shown)
{
	if (c->cmd->flags & CMD_LIST_OPTIONS) {
		char expected[256];
		list_options(c->cmd, expected, sizeof expected);
		return cli_usage(c, "unknown option \"%s\" for %s (expected %s)", shown, c->path,
		                 expected);
	}
	return cli_usage(c, "unknown option \"%s\"", shown);
}

/* The long option named by name (len bytes): exact, or the only one it
 * is a prefix of (--help included).  -1 with the message printed when
 * none or several. */
static int find_long(const struct cli_call *c, const char *arg, const char *name, size_t len,
                     const struct cli_option **out)
{
	const struct cli_option *found = NULL;
	char names[256] = "";
	size_t used = 0;
	int matches = 0;
	*out = NULL;
	if (!len)
		return unknown_option(c, arg), -1;
	size_t count = 0;
	while (c->cmd->opts && c->cmd->opts[count].name)
		count++;
	for (size_t i = 0; i <= count; i++) {
		const struct cli_option *o = i < count ? &c->cmd->opts[i] : &help_option;
		if (strncmp(o->name, name, len) != 0)
			continue;
		if (!o->name[len]) {
			*out = o;
			return 0;
		}
		found = o;
		matches++;
		if (used < sizeof names) {
			int w = snprintf(names + used, sizeof names - used, "%s--%s",
			                 used ? ", " : "", o->name);
			used += w > 0 ? (size_t)w : 0;
		}
	}
	if (matches == 1) {
		*out = found;
		return 0;
	}
	if (matches > 1)
		return cli_usage(c, "ambiguous option \"%s\": use one of %s", arg, names), -1;
	return unknown_option(c, arg), -1;
}

static const struct cli_option *find_short(const struct cli_command *cmd, char letter)
{
	for (const struct cli_option *o = cmd->opts; o && o->name; o++)
		if (o->letter == letter)
			return o;
	return letter == 'h' ? &help_option : NULL;
}

static int set_value(struct cli_call *c, const struct cli_option *o, const char *text, bool *help)
{
	if (o == &help_option) {
		*help = true;
		return 0;
	}
	struct cli_value *v = &c->vals[o - c->cmd->opts];
	if (o->flags & OPT_REPEAT) {
		if (v->count == CLI_MAX_REPEAT)
			return cli_usage(c, "--%s given more than %d times", o->name,
			                 CLI_MAX_REPEAT);
		v->all[v->count++] = text;
	}
	v->text = text;
	return 0;
}

static int missing_value(const struct cli_call *c, const struct cli_option *o, bool is_short)
{
	if (o->missing)
		return cli_usage(c, "%s", o->missing);
	if (is_short)
		return cli_usage(c, "-%c needs a value", o->letter);
	return cli_usage(c, "--%s needs a value", o->name);
}

/* -h anywhere before "--": for commands whose operands may start with
 * '-', where options end at the first operand. */
static bool wants_help(int argc, char **argv)
{
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--"))
			return false;
		if (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help"))
			return true;
	}
	return false;
}

/* Reads argv[1..] into c->vals and the operands, which are moved to the
 * front of argv (from argv[1]).  0, or EX_USAGE after the message. */
static int parse_options(struct cli_call *c, int argc, char **argv, bool *help)
{
	bool only_operands = false;
	int n = 0;
	*help = (c->cmd->flags & CMD_DASH_OPERANDS) && wants_help(argc, argv);
	if (*help)
		return 0;
	for (int i = 1; i < argc; i++) {
		char *a = argv[i];
		const struct cli_option *o;
		if (only_operands || a[0] != '-' || !a[1]) {
			argv[1 + n++] = a;
			if (c->cmd->flags & CMD_DASH_OPERANDS)
				only_operands = true;
			continue;
		}
		if (!strcmp(a, "--")) {
			only_operands = true;
			continue;
		}
		if (a[1] == '-') {
			const char *name = a + 2;
			const char *eq = strchr(name, '=');
			size_t len = eq ? (size_t)(eq - name) : strlen(name);
			if (find_long(c, a, name, len, &o))
				return EX_USAGE;
			if (!o->arg && eq)
				return cli_usage(c, "--%s takes no value", o->name);
			const char *value = a;
			if (o->arg) {
				if (eq)
					value = eq + 1;
				else if (i + 1 < argc)
					value = argv[++i];
				else
					return missing_value(c, o, false);
			}
			if (set_value(c, o, value, help))
				return EX_USAGE;
			continue;
		}
		/* A cluster of short options: -h, -xVALUE, -x VALUE. */
		for (const char *p = a + 1; *p; p++) {
			if (!(o = find_short(c->cmd, *p))) {
				char shown[3] = { '-', *p, '\0' };
				return unknown_option(c, shown);
			}
			if (!o->arg) {
				if (set_value(c, o, a, help))
					return EX_USAGE;
				continue;
			}
			int bad = 0;
			if (p[1])
				bad = set_value(c, o, p + 1, help);
			else if (i + 1 < argc)
				bad = set_value(c, o, argv[++i], help);
			else
				return missing_value(c, o, true);
			if (bad)
				return EX_USAGE;
			break;
		}
	}
	c->argc = n;
	c->argv = argv + 1;
	return 0;
}

/* ---- operands ---- */

/* Checks the number of operands against cmd->operands. */
static int check_operands(const struct cli_call *c)
{
	const char *spec = c->cmd->operands ? c->cmd->operands : "";
	int want = 0, required = 0;
	const char *missing = NULL;
	size_t missing_len = 0;
	for (const char *p = spec; *p;) {
		while (*p == ' ')
			p++;
		if (!*p)
			break;
		size_t len = strcspn(p, " ");
		bool optional = *p == '[';
		if (!optional) {
			if (required == c->argc && !missing) {
				missing = p;
				missing_len = len;
			}
			required++;
		}
		want++;
		p += len;
	}
	if (missing)
		return cli_usage(c, "%s: missing %.*s", c->path, (int)missing_len, missing);
	if (c->argc > want) {
		if (c->cmd->quote)
			return cli_usage(c,
			                 "%s: unexpected argument \"%s\" (quote a %s of several "
			                 "words)",
			                 c->path, c->argv[want], c->cmd->quote);
		return cli_usage(c, "%s: unexpected argument \"%s\"", c->path, c->argv[want]);
	}
	return 0;
}

/* ---- values ---- */

static bool is_none(const char *s)
{
	const char *t = s;
	while (*t == ' ' || *t == '\t')
		t++;
	return !*t || text_ieq(t, "none") || text_ieq(t, "-");
}

static int read_values(struct cli_call *c)
{
	char label[40];
	int rc = 0;
	for (const struct cli_option *o = c->cmd->opts; !rc && o && o->name; o++) {
		struct cli_value *v = &c->vals[o - c->cmd->opts];
		if (!v->text || (o->flags & OPT_RAW))
			continue;
		snprintf(label, sizeof label, "--%s", o->name);
		if ((o->flags & OPT_CLEARS) && is_none(v->text)) {
			v->cleared = true;
			continue;
		}
		switch (o->kind) {
		case VAL_DAY:
			rc = cli_parse_day(c->app, label, v->text, v->day);
			break;
		case VAL_DURATION: {
			int minutes = 0;
			rc = cli_parse_duration(label, v->text, &minutes);
			v->num = minutes;
			break;
		}
		case VAL_NUMBER:
			rc = cli_parse_int(label, v->text, o->lo, o->hi, &v->num);
			break;
		case VAL_WORD:
			rc = cli_parse_word(o->vocab, label, v->text, v->word);
			break;
		case VAL_FORMAT: {
			enum output_format f = FORMAT_TABLE;
			rc = cli_parse_format(v->text, &f);
			v->num = f;
			break;
		}
		default:
			break;
		}
	}
	return rc;
}

/* ---- running ---- */

/* Opens the store and finds the client as cmd's flags say. */
static int prepare(struct cli_call *c)
{
	unsigned f = c->cmd->flags;
	struct cxo_app *app = c->app;
	int rc = 0;
	if (f & CMD_CREATE)
		rc = app_open(app, STORE_WRITE);
	else if (f & CMD_WRITE)
		rc = app_open_existing(app);
	else if (f & CMD_READ)
		rc = app_open(app, STORE_READ);
	if (rc)
		return rc;
	if ((f & CMD_CLIENT) &&
	    !(cli_find_option(c->cmd, "all-clients") && cli_flag(c, "all-clients")))
		rc = app_client(app, &c->client);
	return rc;
}

int cli_dispatch(struct cxo_app *app, bool demo, const struct cli_command *group,
                 const struct cli_command *cmd, int argc, char **argv)
{
	struct cli_call *c = calloc(1, sizeof *c);
	bool help = false;
	int rc;
	if (!c)
		return app_error(EX_OSERR, "out of memory");
	c->app = app;
	c->cmd = cmd;
	c->group = group;
	c->demo = demo;
	if (group)
		snprintf(c->path, sizeof c->path, "%s %s", group->name, cmd->name);
	else
		snprintf(c->path, sizeof c->path, "%s", cmd->name);
	if ((rc = parse_options(c, argc, argv, &help)))
		goto out;
	if (help) {
		cli_print_command_help(stdout, group, cmd);
		goto out;
	}
	/* A bad settings file stops every command that would use the
	 * settings, before any value is read with them. */
	if (!(cmd->flags & CMD_ANY_CONFIG) && (rc = app_require_config(app)))
		goto out;
	if ((rc = check_operands(c)) || (rc = read_values(c)) ||
	    (cmd->check && (rc = cmd->check(c))) || (rc = prepare(c)))
		goto out;
	rc = cmd->run(c);
	if (!rc && (cmd->flags & (CMD_WRITE | CMD_CREATE)) && cmd != &cli_sync &&
	    group != &cli_sync && app->st)
		cli_sync_auto(c);
	/* A command that only knows a query failed (EX_SOFTWARE) exits with
	 * the cause the store found, e.g. EX_DATAERR for SQL in the file that
	 * cxo refuses to run; the message already said it. */
	if (rc == EX_SOFTWARE && app->st && store_error_code(app->st))
		rc = store_error_code(app->st);
out:
	client_free(&c->client);
	free(c);
	return rc;
}

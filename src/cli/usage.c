/*
 * usage.c: what every command does with its arguments before its own
 * work: usage text for -h, usage errors (bad options named in either of
 * the two wordings in use), the -h-only argument parsers, and the
 * dispatch of a command group to its subcommands.
 */
#include "cxo/cli.h"

#include <getopt.h>
#include <stdarg.h>
#include <string.h>
#include <sysexits.h>

#include "cxo/text.h"

void cli_print_usage(FILE *fp, const struct cli_command *cmd)
{
	const char *p = cmd->usage;
	bool first = true;
	while (p && *p) {
		const char *nl = strchr(p, '\n');
		size_t len = nl ? (size_t)(nl - p) : strlen(p);
		/* Continuation lines start with spaces and keep their indent. */
		if (len && *p == ' ')
			fprintf(fp, "  %.*s\n", (int)len, p);
		else
			fprintf(fp, "%s cxo %.*s\n", first ? "usage:" : "      ", (int)len, p);
		first = false;
		p = nl ? nl + 1 : p + len;
	}
}

/* "cxo: message", then the usage of cmd (of sub, when not NULL) or, with
 * no cmd, a pointer to `cxo help`. */
static int vusage_error(const struct cli_command *cmd, const char *sub, const char *fmt, va_list ap)
{
	fputs("cxo: ", stderr);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	if (cmd)
		cli_sub_usage(stderr, cmd, sub);
	else
		fputs("Try 'cxo help'.\n", stderr);
	return EX_USAGE;
}

int cli_usage_error(const char *cmd_name, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vusage_error(cmd_name ? cli_find(cmd_name) : NULL, NULL, fmt, ap);
	va_end(ap);
	return EX_USAGE;
}

void cli_sub_usage(FILE *fp, const struct cli_command *cmd, const char *sub)
{
	char prefix[64], buf[2048];
	size_t plen, o = 0;
	bool keep = false;

	if (!sub) {
		cli_print_usage(fp, cmd);
		return;
	}
	snprintf(prefix, sizeof prefix, "%s %s", cmd->name, sub);
	plen = strlen(prefix);
	for (const char *p = cmd->usage; *p;) {
		const char *nl = strchr(p, '\n');
		size_t len = nl ? (size_t)(nl - p) : strlen(p);
		if (*p != ' ')
			keep = len >= plen && !strncmp(p, prefix, plen) &&
			       (len == plen || p[plen] == ' ');
		if (keep && o + len + 2 < sizeof buf) {
			memcpy(buf + o, p, len);
			o += len;
			buf[o++] = '\n';
		}
		p = nl ? nl + 1 : p + len;
	}
	buf[o] = '\0';
	struct cli_command one = *cmd;
	one.usage = o ? buf : cmd->usage;
	cli_print_usage(fp, &one);
}

int cli_sub_usage_error(const struct cli_command *cmd, const char *sub, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vusage_error(cmd, sub, fmt, ap);
	va_end(ap);
	return EX_USAGE;
}

int cli_option_error(const struct cli_command *cmd, const char *sub, const struct option *lo, int c,
                     char **argv)
{
	if (optopt >= 256) {
		for (; lo && lo->name; lo++)
			if (lo->val == optopt)
				return cli_sub_usage_error(cmd, sub,
				                           c == ':' ? "--%s needs a value"
				                                    : "--%s takes no value",
				                           lo->name);
	}
	if (optopt > 0 && optopt < 256)
		return cli_sub_usage_error(
		        cmd, sub, c == ':' ? "-%c needs a value" : "unknown option \"-%c\"",
		        optopt);
	if (c == ':')
		return cli_sub_usage_error(cmd, sub, "%s needs a value", argv[optind - 1]);
	return cli_sub_usage_error(cmd, sub, "unknown option \"%s\"", argv[optind - 1]);
}

int cli_show_usage(const struct cli_command *cmd, const char *sub)
{
	cli_sub_usage(stdout, cmd, sub);
	return 0;
}

/* What the -h-only parsers share. */
static int parse_help_only(const struct cli_command *cmd, const char *sub, bool dash_operands,
                           int argc, char **argv, int *first)
{
	static const struct option lo[] = {
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	int c;
	/* getopt stops at the first operand here, so it cannot see a later -h. */
	if (dash_operands && cli_wants_help(argc, argv)) {
		c = 'h';
	} else {
		optind = 0;
		opterr = 0;
		c = getopt_long(argc, argv, dash_operands ? "+:h" : ":h", lo, NULL);
	}
	if (c == 'h') {
		cli_show_usage(cmd, sub);
		return CLI_HELP_SHOWN;
	}
	if (c != -1)
		return cli_option_error(cmd, sub, lo, c, argv);
	*first = optind;
	return 0;
}

int cli_plain_args(const struct cli_command *cmd, const char *sub, int argc, char **argv,
                   int *first)
{
	return parse_help_only(cmd, sub, false, argc, argv, first);
}

int cli_plain_args_typed(const struct cli_command *cmd, bool dash_operands, int argc, char **argv,
                         int *first)
{
	return parse_help_only(cmd, NULL, dash_operands, argc, argv, first);
}

int cli_operands(const struct cli_command *cmd, const char *sub, const char *names, int argc,
                 char **argv, int first)
{
	int want = 0, have = argc - first;
	const char *missing = NULL;
	size_t missing_len = 0;
	for (const char *p = names; *p;) {
		size_t len = strcspn(p, " ");
		if (want++ == have) {
			missing = p;
			missing_len = len;
		}
		p += len + (p[len] == ' ');
	}
	if (missing)
		return cli_sub_usage_error(cmd, sub, "%s %s: missing %.*s", cmd->name, sub,
		                           (int)missing_len, missing);
	if (have > want)
		return cli_sub_usage_error(cmd, sub, "%s %s: unexpected argument \"%s\"", cmd->name,
		                           sub, argv[first + want]);
	return 0;
}

int cli_one_operand(const struct cli_command *cmd, const char *sub, const char *what, int argc,
                    char **argv, const char **operand)
{
	int first = 0, rc = cli_plain_args(cmd, sub, argc, argv, &first);
	if (rc || (rc = cli_operands(cmd, sub, what, argc, argv, first)))
		return rc;
	*operand = argv[first];
	return 0;
}

int cli_text_operand(const struct cli_command *cmd, const char *sub, const char *what,
                     const char *noun, const char *label, int argc, char **argv, int first,
                     char **text)
{
	if (argc - first > 1)
		return cli_sub_usage_error(
		        cmd, sub,
		        "%s %s: unexpected argument \"%s\" (quote a %s of several "
		        "words)",
		        cmd->name, sub, argv[first + 1], noun);
	int rc = cli_operands(cmd, sub, what, argc, argv, first);
	if (rc)
		return rc;
	*text = text_trim(argv[first]);
	if (!**text)
		return app_error(EX_DATAERR, "the %s is empty", label);
	return 0;
}

int cli_dispatch(struct cxo_app *app, const struct cli_command *cmd,
                 const struct cli_subcommand *subs, size_t n,
                 int (*default_run)(struct cxo_app *app, int argc, char **argv), int argc,
                 char **argv)
{
	if (argc < 2)
		return default_run(app, argc, argv);
	if (!strcmp(argv[1], "-h") || !strcmp(argv[1], "--help"))
		return cli_show_usage(cmd, NULL);
	for (size_t i = 0; i < n; i++)
		if (!strcmp(argv[1], subs[i].name))
			return subs[i].run(app, argc - 1, argv + 1);
	if (argv[1][0] == '-')
		return default_run(app, argc, argv);
	/* "add, list, show or edit", from the table so that it cannot go stale. */
	char expected[256] = "";
	size_t len = 0;
	for (size_t i = 0; i < n && len < sizeof expected; i++) {
		const char *sep = i == 0 ? "" : i + 1 == n ? " or " : ", ";
		int w = snprintf(expected + len, sizeof expected - len, "%s%s", sep, subs[i].name);
		if (w < 0)
			break;
		len += (size_t)w;
	}
	return cli_sub_usage_error(cmd, NULL, "unknown subcommand \"%s\" (expected %s)", argv[1],
	                           expected);
}

bool cli_wants_help(int argc, char **argv)
{
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--"))
			return false;
		if (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help"))
			return true;
	}
	return false;
}

/*
 * usage.c: the command table read back: finding an entry by name or
 * prefix, and everything printed from it: usage lines (wrapped to the
 * terminal's 80 columns), --help, and the unwrapped synopsis that
 * tests/docs/t-synopsis.sh compares with cxo(1).
 */
#include "internal.h"

#include <string.h>

#include "cxo/vocab.h"

#define USAGE_WIDTH 80

const struct cli_command *cli_find(const struct cli_command *const *list, const char *name,
                                   bool *ambiguous)
{
	const struct cli_command *found = NULL;
	size_t len = strlen(name);
	int matches = 0;
	*ambiguous = false;
	if (!list || !len)
		return NULL;
	for (size_t i = 0; list[i]; i++) {
		if (!strcmp(list[i]->name, name))
			return list[i];
		if (!(list[i]->flags & (CMD_HIDDEN | CMD_WHOLE_NAME)) &&
		    !strncmp(list[i]->name, name, len)) {
			found = list[i];
			matches++;
		}
	}
	*ambiguous = matches > 1;
	return matches == 1 ? found : NULL;
}

const struct cli_option *cli_find_option(const struct cli_command *cmd, const char *name)
{
	for (const struct cli_option *o = cmd->opts; o && o->name; o++)
		if (!strcmp(o->name, name))
			return o;
	return NULL;
}

/* "action add" or "log". */
static void path_of(const struct cli_command *group, const struct cli_command *cmd, char *buf,
                    size_t n)
{
	if (group)
		snprintf(buf, n, "%s %s", group->name, cmd->name);
	else
		snprintf(buf, n, "%s", cmd->name);
}

/* The length of the top-level token at p: a word, or a bracketed group
 * with what it holds ("[--waiting PERSON [--since DAY]]"). */
static size_t token_len(const char *p, size_t max)
{
	int depth = 0;
	size_t i = 0;
	for (; i < max; i++) {
		if (p[i] == '[')
			depth++;
		else if (p[i] == ']' && depth > 0)
			depth--;
		else if (p[i] == ' ' && depth == 0)
			break;
	}
	return i;
}

/* One usage form, wrapped between its top-level tokens. */
static void print_form(FILE *fp, bool first, const char *path, const char *form, size_t len)
{
	int col = fprintf(fp, "%s cxo %s", first ? "usage:" : "      ", path);
	int indent = (int)strlen("usage: cxo ") + (int)strlen(path) + 1;
	if (indent > 28)
		indent = 28;
	size_t i = 0;
	while (i < len) {
		while (i < len && form[i] == ' ')
			i++;
		size_t t = token_len(form + i, len - i);
		if (!t)
			break;
		if (col + 1 + (int)t > USAGE_WIDTH && col > indent) {
			fprintf(fp, "\n%*s", indent - 1, "");
			col = indent - 1;
		}
		col += fprintf(fp, " %.*s", (int)t, form + i);
		i += t;
	}
	fputc('\n', fp);
}

/* Every form of one entry; *first is cleared once a line is printed. */
static void print_entry_usage(FILE *fp, const struct cli_command *group,
                              const struct cli_command *cmd, bool *first)
{
	char path[64];
	path_of(group, cmd, path, sizeof path);
	for (const char *p = cmd->synopsis; p;) {
		const char *nl = strchr(p, '\n');
		size_t len = nl ? (size_t)(nl - p) : strlen(p);
		print_form(fp, *first, path, p, len);
		*first = false;
		p = nl ? nl + 1 : NULL;
	}
}

void cli_print_usage(FILE *fp, const struct cli_command *group, const struct cli_command *cmd)
{
	bool first = true;
	print_entry_usage(fp, group, cmd, &first);
	for (size_t i = 0; cmd->subs && cmd->subs[i]; i++)
		if (!(cmd->subs[i]->flags & CMD_HIDDEN))
			print_entry_usage(fp, cmd, cmd->subs[i], &first);
}

void cli_print_synopsis(FILE *fp, const struct cli_command *group, const struct cli_command *cmd)
{
	char path[64];
	path_of(group, cmd, path, sizeof path);
	for (const char *p = cmd->synopsis; p;) {
		const char *nl = strchr(p, '\n');
		size_t len = nl ? (size_t)(nl - p) : strlen(p);
		fprintf(fp, "%s%s%.*s\n", path, len ? " " : "", (int)len, p);
		p = nl ? nl + 1 : NULL;
	}
}

/* text from column col, its words wrapped at USAGE_WIDTH onto lines
 * indented to indent; then a newline. */
static void put_wrapped(FILE *fp, int col, int indent, const char *text)
{
	const char *p = text;
	bool first = true;
	while (*p) {
		while (*p == ' ')
			p++;
		size_t len = strcspn(p, " ");
		if (!len)
			break;
		if (!first && col + 1 + (int)len > USAGE_WIDTH) {
			fprintf(fp, "\n%*s", indent, "");
			col = indent;
			first = true;
		}
		col += fprintf(fp, "%s%.*s", first ? "" : " ", (int)len, p);
		first = false;
		p += len;
	}
	fputc('\n', fp);
}

#define OPTION_HELP_COL 28

/* "  --due DAY          the due date" */
static void print_option(FILE *fp, const struct cli_option *o)
{
	char left[64];
	int n = 0;
	if (o->letter)
		n = snprintf(left, sizeof left, "-%c, ", o->letter);
	/* "--color=auto|always|never": a global option's value, as cxo(1)
	 * writes it. */
	snprintf(left + n, sizeof left - (size_t)n, "--%s%s%s", o->name,
	         o->arg ? (o->letter || o->kind != VAL_CHOICE ? " " : "=") : "",
	         o->arg ? o->arg : "");
	char help[512];
	int h = snprintf(help, sizeof help, "%s", o->help ? o->help : "");
	if (o->kind == VAL_WORD && o->vocab && h >= 0 && (size_t)h < sizeof help) {
		char words[256];
		vocab_list(o->vocab, words, sizeof words);
		snprintf(help + h, sizeof help - (size_t)h, ": %s", words);
	}
	int col = fprintf(fp, "  %s", left);
	if (col >= OPTION_HELP_COL - 1) {
		fputc('\n', fp);
		col = 0;
	}
	fprintf(fp, "%*s", OPTION_HELP_COL - col, "");
	put_wrapped(fp, OPTION_HELP_COL, OPTION_HELP_COL, help);
}

static void print_options(FILE *fp, const struct cli_command *cmd)
{
	fputs("\nOptions:\n", fp);
	for (const struct cli_option *o = cmd->opts; o && o->name; o++)
		if (!(o->flags & OPT_HIDDEN))
			print_option(fp, o);
	static const struct cli_option help = { .name = "help",
		                                .letter = 'h',
		                                .help = "show this help" };
	print_option(fp, &help);
}

void cli_print_command_help(FILE *fp, const struct cli_command *group,
                            const struct cli_command *cmd)
{
	cli_print_usage(fp, group, cmd);
	fprintf(fp, "\n%s\n", cmd->summary);
	if (cmd->help)
		fprintf(fp, "%s\n", cmd->help);
	if (cmd->run)
		print_options(fp, cmd);
	if (!cmd->subs)
		return;
	fputs("\nSubcommands:\n", fp);
	for (size_t i = 0; cmd->subs[i]; i++)
		if (!(cmd->subs[i]->flags & CMD_HIDDEN))
			put_wrapped(fp, fprintf(fp, "  %-10s ", cmd->subs[i]->name), 13,
			            cmd->subs[i]->summary);
	char tail[256];
	int n = 0;
	if (cmd->default_sub)
		n = snprintf(tail, sizeof tail, "'cxo %s' alone is 'cxo %s %s'.  ", cmd->name,
		             cmd->name, cmd->default_sub);
	snprintf(tail + n, sizeof tail - (size_t)n,
	         "'cxo help %s SUBCOMMAND' shows a subcommand's options.", cmd->name);
	fputc('\n', fp);
	put_wrapped(fp, 0, 0, tail);
}

void cli_print_help(FILE *fp)
{
	fputs("usage: cxo [-d DB] [-c CONFIG] [-C CLIENT] [--color=auto|always|never]\n"
	      "           COMMAND [ARGS]\n"
	      "       cxo [ui] | --demo | -h | -V | help [COMMAND [SUBCOMMAND]]\n\n"
	      "The cockpit of a fractional technology executive: clients, mandates,\n"
	      "hours, risks, next actions and notes.\n\nCommands:\n",
	      fp);
	for (size_t i = 0; cli_commands[i]; i++)
		if (!(cli_commands[i]->flags & CMD_HIDDEN))
			put_wrapped(fp, fprintf(fp, "  %-10s ", cli_commands[i]->name), 13,
			            cli_commands[i]->summary);
	/* "(-d, -c, -C and --color may also follow it)", from the table */
	char after[128] = "";
	size_t used = 0, count = 0, k = 0;
	for (const struct cli_option *o = cli_global_options; o->name; o++)
		count += (o->flags & OPT_ANYWHERE) && !(o->flags & OPT_HIDDEN);
	for (const struct cli_option *o = cli_global_options; o->name && used < sizeof after; o++) {
		if (!(o->flags & OPT_ANYWHERE) || (o->flags & OPT_HIDDEN))
			continue;
		const char *sep = k == 0 ? "" : k + 1 == count ? " and " : ", ";
		int w = o->letter ? snprintf(after + used, sizeof after - used, "%s-%c", sep,
		                             o->letter)
		                  : snprintf(after + used, sizeof after - used, "%s--%s", sep,
		                             o->name);
		used += w > 0 ? (size_t)w : 0;
		k++;
	}
	fprintf(fp, "\nOptions, before the command (%s may also follow it):\n", after);
	for (const struct cli_option *o = cli_global_options; o->name; o++)
		if (!(o->flags & OPT_HIDDEN))
			print_option(fp, o);
	fputs("\nA command or subcommand may be shortened to a unique prefix (cxo ov,\n"
	      "cxo risk l).  'cxo help COMMAND [SUBCOMMAND]' or 'cxo COMMAND --help' shows\n"
	      "its usage and options.  See cxo(1) for everything.\n",
	      fp);
}

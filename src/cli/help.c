/*
 * help.c: `cxo help [COMMAND [SUBCOMMAND]]`, and the hidden `cxo
 * __synopsis`, every usage form and global option as cxo(1) must show
 * them (tests/docs/t-synopsis.sh), after checking that each synopsis
 * names exactly its entry's options, that they fit a call and that none
 * takes the name or letter of a global option that may follow the
 * command.
 */
#include "internal.h"

#include <string.h>
#include <sysexits.h>

static int help_run(struct cli_call *c)
{
	const struct cli_command *cmd, *sub;
	bool ambiguous;
	if (c->argc == 0) {
		cli_print_help(stdout);
		return 0;
	}
	if (!(cmd = cli_find(cli_commands, c->argv[0], &ambiguous)))
		return cli_no_such(NULL, c->argv[0], ambiguous);
	if (c->argc == 1) {
		cli_print_command_help(stdout, NULL, cmd);
		return 0;
	}
	if (!cmd->subs)
		return cli_usage(c, "help: %s has no subcommands", cmd->name);
	if (!(sub = cli_find(cmd->subs, c->argv[1], &ambiguous)))
		return cli_no_such(cmd, c->argv[1], ambiguous);
	cli_print_command_help(stdout, cmd, sub);
	return 0;
}

const struct cli_command cli_help = {
	.name = "help",
	.synopsis = "[COMMAND [SUBCOMMAND]]",
	.summary = "the usage and options of a command or subcommand",
	.operands = "[COMMAND [SUBCOMMAND]]",
	.flags = CMD_ANY_CONFIG,
	.run = help_run,
};

/* ---- __synopsis ---- */

/* Whether the synopsis of cmd names --name as a whole word. */
static bool names_option(const char *synopsis, const char *name)
{
	static const char word[] = "-abcdefghijklmnopqrstuvwxyz";
	size_t len = strlen(name);
	for (const char *p = synopsis; p && (p = strstr(p, "--")); p += 2) {
		bool start = p == synopsis || !strchr(word, p[-1]);
		char after = p[2 + len];
		if (start && !strncmp(p + 2, name, len) && (!after || !strchr(word, after)))
			return true;
	}
	return false;
}

/* The synopsis and the options of one entry agree: each option is in the
 * synopsis, each --word of the synopsis an option. */
static int check_entry(const struct cli_command *group, const struct cli_command *cmd)
{
	const char *syn = cmd->synopsis ? cmd->synopsis : "";
	const char *who = group ? group->name : "";
	int bad = 0, count = 0;
	for (const struct cli_option *o = cmd->opts; o && o->name; o++)
		count++;
	if (count > CLI_MAX_OPTIONS) {
		fprintf(stderr, "cxo: table: %s %s: %d options, more than CLI_MAX_OPTIONS\n", who,
		        cmd->name, count);
		bad = 1;
	}
	/* -d, -c, -C and --color follow any command: an option of the same
	 * name or letter would quietly take their place there. */
	for (const struct cli_option *o = cmd->opts; o && o->name; o++)
		for (const struct cli_option *g = cli_global_options; g->name; g++)
			if ((g->flags & OPT_ANYWHERE) &&
			    (!strcmp(o->name, g->name) || (o->letter && o->letter == g->letter))) {
				fprintf(stderr,
				        "cxo: table: %s %s: --%s shadows the global option --%s\n",
				        who, cmd->name, o->name, g->name);
				bad = 1;
			}
	for (const struct cli_option *o = cmd->opts; o && o->name; o++) {
		if (!(o->flags & OPT_HIDDEN) && !names_option(syn, o->name)) {
			fprintf(stderr, "cxo: table: %s %s: --%s is not in the synopsis\n", who,
			        cmd->name, o->name);
			bad = 1;
		}
	}
	for (const char *p = syn; (p = strstr(p, "--"));) {
		size_t len = strspn(p + 2, "-abcdefghijklmnopqrstuvwxyz");
		char name[64];
		snprintf(name, sizeof name, "%.*s", (int)len, p + 2);
		if (!cli_find_option(cmd, name)) {
			fprintf(stderr, "cxo: table: %s %s: the synopsis names --%s, no option\n",
			        who, cmd->name, name);
			bad = 1;
		}
		p += 2 + len;
	}
	return bad;
}

static int synopsis_run(struct cli_call *c)
{
	int bad = 0;
	(void)c;
	for (size_t i = 0; cli_commands[i]; i++) {
		const struct cli_command *cmd = cli_commands[i];
		if (cmd->flags & CMD_HIDDEN)
			continue;
		bad |= check_entry(NULL, cmd);
		cli_print_synopsis(stdout, NULL, cmd);
		for (size_t j = 0; cmd->subs && cmd->subs[j]; j++) {
			bad |= check_entry(cmd, cmd->subs[j]);
			cli_print_synopsis(stdout, cmd, cmd->subs[j]);
		}
	}
	for (const struct cli_option *o = cli_global_options; o->name; o++) {
		if (o->flags & OPT_HIDDEN)
			continue;
		if (o->letter)
			printf("-%c%s%s, ", o->letter, o->arg ? " " : "", o->arg ? o->arg : "");
		printf("--%s%s%s\n", o->name, o->arg ? "=" : "", o->arg ? o->arg : "");
	}
	return bad ? EX_SOFTWARE : 0;
}

const struct cli_command cli_synopsis = {
	.name = "__synopsis",
	.summary = "every usage form and global option, one a line",
	.flags = CMD_HIDDEN | CMD_ANY_CONFIG,
	.run = synopsis_run,
};

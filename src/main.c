/*
 * main.c: the global options (described in the shell's table), the
 * shared context, then the command, the dashboard's (`cxo ui`) included.
 */
#include <errno.h>
#include <getopt.h>
#include <locale.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sysexits.h>
#include <unistd.h>

#include "cxo/app.h"
#include "cxo/cli.h"
#include "cxo/tui.h"

static int parse_color(const char *text, enum color_mode *out)
{
	if (!strcmp(text, "auto"))
		*out = COLOR_AUTO;
	else if (!strcmp(text, "always"))
		*out = COLOR_ALWAYS;
	else if (!strcmp(text, "never"))
		*out = COLOR_NEVER;
	else
		return app_error(EX_USAGE,
		                 "--color: unknown value \"%s\" (expected auto, always or never)",
		                 text);
	return 0;
}

/* A global option that fills the app's options (-d, -c, -C, --color). */
static int set_global(const struct cli_option *g, const char *value, struct app_options *o)
{
	if (!strcmp(g->name, "db"))
		o->db = value;
	else if (!strcmp(g->name, "config"))
		o->config = value;
	else if (!strcmp(g->name, "client"))
		o->client = value;
	else if (!strcmp(g->name, "color") || !strcmp(g->name, "colour"))
		return parse_color(value, &o->color_mode);
	return 0;
}

/* Output that could not be written (a full disk, a closed pipe) is a
 * failure, not a silent success.  It is said here, once: a command whose
 * output failed returns EX_IOERR (or 0, when the failure waited in the
 * buffer) without a message of its own. */
static int finish_output(int rc)
{
	bool failed = fflush(stdout) != 0 || ferror(stdout);
	if (fclose(stdout) != 0)
		failed = true;
	if (failed && (rc == 0 || rc == EX_IOERR))
		rc = app_error(EX_IOERR, "cannot write output");
	return rc;
}

/* The global options, as getopt_long wants them, from the table in
 * cli.c: an option with a letter returns it, one without returns 256 and
 * its index. */
#define MAX_GLOBALS 16
static void global_getopt(struct option lo[MAX_GLOBALS + 1], char *shortopts, size_t n)
{
	size_t k = 0, used = (size_t)snprintf(shortopts, n, "+:");
	for (const struct cli_option *o = cli_global_options; o->name && k < MAX_GLOBALS;
	     o++, k++) {
		lo[k] = (struct option){ o->name, o->arg ? required_argument : no_argument, NULL,
			                 o->letter ? o->letter : 256 + (int)k };
		if (o->letter && used + 3 < n) {
			shortopts[used++] = o->letter;
			if (o->arg)
				shortopts[used++] = ':';
			shortopts[used] = '\0';
		}
	}
	lo[k] = (struct option){ 0, 0, 0, 0 };
}

static const struct cli_option *global_of(int c)
{
	if (c >= 256)
		return &cli_global_options[c - 256];
	for (const struct cli_option *o = cli_global_options; o->name; o++)
		if (o->letter == c)
			return o;
	return NULL;
}

int main(int argc, char **argv)
{
	struct option opts[MAX_GLOBALS + 1];
	char shortopts[64];
	struct app_options o = { 0 };
	struct cxo_app app;
	bool demo = false;
	int c, rc;

	setlocale(LC_ALL, "");
	/* Everything cxo creates (databases, backups) is private. */
	umask(077);
	/* A write past `ulimit -f` fails with EFBIG, said and exited 74,
	 * instead of SIGXFSZ killing cxo without a word. */
	if (signal(SIGXFSZ, SIG_IGN) == SIG_ERR)
		return app_error(EX_OSERR, "cannot ignore SIGXFSZ: %s", strerror(errno));

	global_getopt(opts, shortopts, sizeof shortopts);
	opterr = 0;
	while ((c = getopt_long(argc, argv, shortopts, opts, NULL)) != -1) {
		if (c == ':')
			return cli_top_usage_error("option %s needs a value", argv[optind - 1]);
		const struct cli_option *g = global_of(c);
		if (c == '?' || !g)
			return cli_top_usage_error("unknown option \"%s\"", argv[optind - 1]);
		if (!strcmp(g->name, "help")) {
			cli_print_help(stdout);
			return finish_output(0);
		} else if (!strcmp(g->name, "version")) {
			printf("cxo %s\n", CXO_VERSION);
			return finish_output(0);
		} else if (!strcmp(g->name, "demo")) {
			demo = true;
		} else if ((rc = set_global(g, optarg, &o))) {
			return rc;
		}
	}
	/* Completion asks before anything is read: it must stay quiet. */
	if (optind < argc && !strcmp(argv[optind], "__complete"))
		return finish_output(cli_complete(&o, argc - optind - 1, argv + optind + 1));
	/* -d, -c, -C and --color after the command: as if given before it,
	 * and before app_init reads them. */
	int nargs = argc - optind, nused = 0;
	struct cli_global_use used[32];
	if ((rc = cli_take_globals(&nargs, argv + optind, used, 32, &nused)))
		return rc;
	for (int i = 0; i < nused; i++)
		if ((rc = set_global(used[i].opt, used[i].value, &o)))
			return rc;
	argc = optind + nargs;
	/* No command: the dashboard, on a terminal; elsewhere the usage, as
	 * scripts expect. */
	bool no_command = optind >= argc;
	if (no_command && !demo && !(isatty(STDIN_FILENO) && isatty(STDOUT_FILENO))) {
		cli_print_help(stderr);
		return EX_USAGE;
	}
	if (demo && !no_command && strcmp(argv[optind], "ui") != 0)
		return cli_top_usage_error(
		        "--demo opens the dashboard and takes no command (got \"%s\")",
		        argv[optind]);

	rc = app_init(&app, &o);
	if (rc) {
		app_free(&app);
		return rc;
	}
	app.dashboard = tui_run;
	rc = cli_run(&app, demo, argc - optind, argv + optind);
	app_free(&app);
	return finish_output(rc);
}

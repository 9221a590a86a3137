/*
 * main.c: the global options, the shared context, then the shell or the
 * dashboard.
 */
#include <getopt.h>
#include <locale.h>
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

/* Output that could not be written (a full disk, a closed pipe) is a
 * failure, not a silent success. */
static int finish_output(int rc)
{
	if (fflush(stdout) != 0 || ferror(stdout)) {
		if (rc == 0)
			rc = app_error(EX_IOERR, "cannot write output");
	}
	if (fclose(stdout) != 0 && rc == 0)
		rc = app_error(EX_IOERR, "cannot write output");
	return rc;
}

int main(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "db", required_argument, NULL, 'd' },
		{ "config", required_argument, NULL, 'c' },
		{ "client", required_argument, NULL, 'C' },
		{ "color", required_argument, NULL, 'K' },
		{ "colour", required_argument, NULL, 'K' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ "demo", no_argument, NULL, 'D' },
		{ 0, 0, 0, 0 },
	};
	struct app_options o = { 0 };
	struct cxo_app app;
	bool demo = false;
	int c;

	setlocale(LC_ALL, "");
	/* Everything cxo creates (databases, backups) is private. */
	umask(077);

	opterr = 0;
	while ((c = getopt_long(argc, argv, "+:d:c:C:hV", opts, NULL)) != -1) {
		switch (c) {
		case 'd':
			o.db = optarg;
			break;
		case 'c':
			o.config = optarg;
			break;
		case 'C':
			o.client = optarg;
			break;
		case 'K':
			if (parse_color(optarg, &o.color_mode))
				return EX_USAGE;
			break;
		case 'h':
			cli_print_help(stdout);
			return finish_output(0);
		case 'V':
			printf("cxo %s\n", CXO_VERSION);
			return finish_output(0);
		case 'D':
			demo = true;
			break;
		case ':':
			return cli_usage_error(NULL, "option %s needs a value", argv[optind - 1]);
		default:
			return cli_usage_error(NULL, "unknown option \"%s\"", argv[optind - 1]);
		}
	}
	/* No command: the dashboard, on a terminal; elsewhere the usage, as
	 * scripts expect. */
	bool no_command = optind >= argc;
	if (no_command && !demo && !(isatty(STDIN_FILENO) && isatty(STDOUT_FILENO))) {
		cli_print_help(stderr);
		return EX_USAGE;
	}
	bool ui = no_command || !strcmp(argv[optind], "ui");
	if (demo && !ui)
		return cli_usage_error(
		        NULL, "--demo opens the dashboard and takes no command (got \"%s\")",
		        argv[optind]);

	int rc = app_init(&app, &o);
	if (rc) {
		app_free(&app);
		return rc;
	}
	app.dashboard = tui_run;
	int first = optind;
	optind = 0; /* each command parses its own options */
	if (ui) {
		struct ui_request r;
		char err[1024];
		bool help = false;
		static char ui_name[] = "ui";
		char *ui_argv[] = { ui_name, NULL };
		int n = no_command ? 1 : argc - first;
		char **v = no_command ? ui_argv : argv + first;
		if (tui_parse_args(n, v, &r, &help, err, sizeof err)) {
			app_error(EX_USAGE, "%s", err);
			tui_usage(stderr);
			rc = EX_USAGE;
		} else if (help) {
			tui_usage(stdout);
		} else {
			r.demo = demo;
			rc = app.dashboard(&app, &r);
		}
	} else {
		rc = cli_run(&app, argc - first, argv + first);
	}
	app_free(&app);
	return finish_output(rc);
}

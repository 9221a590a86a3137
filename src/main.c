/*
 * main.c: global options, configuration, then the command.
 */
#include <getopt.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sysexits.h>
#include <time.h>
#include <unistd.h>

#include "cxo/cli.h"
#include "cxo/clock.h"
#include "cxo/config.h"
#include "cxo/date.h"
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
		return cli_error(EX_USAGE,
		                 "--color: unknown value \"%s\" (expected auto, always or never)",
		                 text);
	return 0;
}

static bool resolve_color(enum color_mode mode)
{
	const char *no_color = getenv("NO_COLOR");
	switch (mode) {
	case COLOR_ALWAYS:
		return true;
	case COLOR_NEVER:
		return false;
	case COLOR_AUTO:
		break;
	}
	if (no_color && *no_color)
		return false;
	const char *term = getenv("TERM");
	return isatty(STDOUT_FILENO) && term && strcmp(term, "dumb") != 0;
}

/* Output that could not be written (a full disk, a closed pipe) is a
 * failure, not a silent success. */
static int finish_output(int rc)
{
	if (fflush(stdout) != 0 || ferror(stdout)) {
		if (rc == 0)
			rc = cli_error(EX_IOERR, "cannot write output");
	}
	if (fclose(stdout) != 0 && rc == 0)
		rc = cli_error(EX_IOERR, "cannot write output");
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
	struct cli cli = { 0 };
	bool demo = false;
	int c;

	setlocale(LC_ALL, "");
	/* Everything cxo creates (databases, backups) is private. */
	umask(077);

	opterr = 0;
	while ((c = getopt_long(argc, argv, "+:d:c:C:hV", opts, NULL)) != -1) {
		switch (c) {
		case 'd':
			cli.db_flag = optarg;
			break;
		case 'c':
			cli.config_flag = optarg;
			break;
		case 'C':
			cli.client_flag = optarg;
			break;
		case 'K':
			if (parse_color(optarg, &cli.color_mode))
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

	const char *config_env = getenv("CXO_CONFIG");
	const char *config_path = cli.config_flag             ? cli.config_flag
	                          : config_env && *config_env ? config_env
	                                                      : NULL;
	char err[1024];
	int rc = config_load(config_path, config_path != NULL, &cli.cfg, err, sizeof err);
	if (rc) {
		cli_error(rc, "%s", err);
		config_free(&cli.cfg);
		return rc;
	}
	cli.color = resolve_color(cli.color_mode);

	cli.now = (int64_t)time(NULL);
	if (!clock_local(cli.now, &cli.today, NULL))
		cli.today = date_from_ymd(1970, 1, 1);

	int first = optind;
	optind = 0; /* each command parses its own options */
	if (ui) {
		static char ui_name[] = "ui";
		char *ui_argv[] = { ui_name, NULL };
		int n = no_command ? 1 : argc - first;
		char **v = no_command ? ui_argv : argv + first;
		rc = demo ? tui_run_demo(&cli, n, v) : tui_run(&cli, n, v);
	} else {
		rc = cli_run(&cli, argc - first, argv + first);
	}
	config_free(&cli.cfg);
	return finish_output(rc);
}

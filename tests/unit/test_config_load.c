/*
 * Tests of the settings file: defaults, a full file, every bad value,
 * syntax errors with file:line, unknown settings, ~ and XDG handling.
 */
#include <criterion/criterion.h>

#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sysexits.h>
#include <unistd.h>

#include "config/cfgfile.h"
#include "cxo/config.h"
#include "cxo/date.h"

#include "tmpdir.h"

static char errbuf[1024];

static void make_tmpdir(void)
{
	tdir_make("config");
	/* No stray user environment may leak into a test. */
	unsetenv("XDG_CONFIG_HOME");
	unsetenv("CXO_CONFIG");
	cr_assert_eq(setenv("HOME", tdir, 1), 0);
}

TestSuite(config_load, .init = make_tmpdir, .fini = tdir_teardown);

static void assert_defaults(const struct config *cfg)
{
	cr_assert_null(cfg->path);
	cr_assert_null(cfg->db_path);
	cr_assert_str_eq(cfg->theme, "default");
	cr_assert_eq(cfg->week_start, WD_MON);
	cr_assert_eq(cfg->workdays, WORKDAYS_MON_FRI);
	cr_assert(!cfg->brief_on_switch);
	cr_assert_eq(cfg->journal_days, 90);
	cr_assert(!cfg->sync_auto);
	cr_assert_eq(cfg->capacity_minutes, 120L * 60);
	cr_assert_eq(cfg->budget_warn_percent, 90);
	cr_assert_eq(cfg->pace_tolerance_percent, 10);
	cr_assert_eq(cfg->pace_too_early_percent, 20);
	cr_assert_eq(cfg->thresholds.medium, 4);
	cr_assert_eq(cfg->thresholds.high, 8);
	cr_assert_eq(cfg->thresholds.critical, 15);
	cr_assert_eq(cfg->review_days.days[RISK_LOW], 360);
	cr_assert_eq(cfg->review_days.days[RISK_MEDIUM], 180);
	cr_assert_eq(cfg->review_days.days[RISK_HIGH], 90);
	cr_assert_eq(cfg->review_days.days[RISK_CRITICAL], 90);
	cr_assert_eq(cfg->hours_style, HOURS_DECIMAL);
	cr_assert_str_eq(cfg->date_format, "%Y-%m-%d");
	cr_assert_eq(cfg->timer_limit_minutes, 600);
}

Test(config_load, defaults)
{
	struct config cfg;

	config_defaults(&cfg);
	assert_defaults(&cfg);
	config_free(&cfg);
	assert_defaults(&cfg);
}

Test(config_load, missing_optional_file_gives_defaults)
{
	struct config cfg;
	char path[600];

	snprintf(path, sizeof path, "%s/nothing/config", tdir);
	cr_assert_eq(config_load(path, false, &cfg, errbuf, sizeof errbuf), 0);
	assert_defaults(&cfg);
	config_free(&cfg);
}

Test(config_load, missing_required_file_is_an_error)
{
	struct config cfg;
	char path[600];

	snprintf(path, sizeof path, "%s/nothing/config", tdir);
	cr_assert_eq(config_load(path, true, &cfg, errbuf, sizeof errbuf), EX_CONFIG);
	cr_assert_not_null(strstr(errbuf, path), "%s", errbuf);
	assert_defaults(&cfg);
	config_free(&cfg);
}

Test(config_load, empty_file_gives_defaults_and_path)
{
	struct config cfg;
	const char *path = write_file("config", "# nothing set\n");

	cr_assert_eq(config_load(path, true, &cfg, errbuf, sizeof errbuf), 0, "%s", errbuf);
	cr_assert_str_eq(cfg.path, path);
	cr_assert_null(cfg.db_path);
	cr_assert_str_eq(cfg.theme, "default");
	config_free(&cfg);
	cr_assert_null(cfg.path);
}

Test(config_load, full_valid_file)
{
	struct config cfg;
	const char *path = write_file(
	        "config", "# every setting\n"
	                  "database = \"/srv/cxo/cxo.db\";\n"
	                  "theme = \"solarized-dark\";\n"
	                  "week_start = \"sunday\";\n"
	                  "working_days = [\"mon\", \"tue\", \"wed\", \"thu\"];\n"
	                  "capacity_hours = 80.5;\n"
	                  "budget_warning = 75;\n"
	                  "pace_tolerance_percent = 15;\n"
	                  "pace_too_early_percent = 0;\n"
	                  "risk_levels = { medium = 5; high = 10; critical = 20; };\n"
	                  "review_days = { low = 300; medium = 120; high = 60; critical = 30; };\n"
	                  "hours_style = \"clock\";\n"
	                  "date_format = \"%a %e %b %Y\";\n"
	                  "timer_limit_hours = 8;\n"
	                  "brief_on_switch = true;\n"
	                  "journal_days = 0;\n"
	                  "sync_auto = true;\n");

	cr_assert_eq(config_load(path, false, &cfg, errbuf, sizeof errbuf), 0, "%s", errbuf);
	cr_assert(cfg.brief_on_switch);
	cr_assert_eq(cfg.journal_days, 0);
	cr_assert(cfg.sync_auto);
	cr_assert_str_eq(cfg.path, path);
	cr_assert_str_eq(cfg.db_path, "/srv/cxo/cxo.db");
	cr_assert_str_eq(cfg.theme, "solarized-dark");
	cr_assert_eq(cfg.week_start, WD_SUN);
	cr_assert_eq(cfg.workdays, 0x0fu);
	cr_assert_eq(cfg.capacity_minutes, 4830);
	cr_assert_eq(cfg.budget_warn_percent, 75);
	cr_assert_eq(cfg.pace_tolerance_percent, 15);
	cr_assert_eq(cfg.pace_too_early_percent, 0);
	cr_assert_eq(cfg.thresholds.medium, 5);
	cr_assert_eq(cfg.thresholds.high, 10);
	cr_assert_eq(cfg.thresholds.critical, 20);
	cr_assert_eq(cfg.review_days.days[RISK_LOW], 300);
	cr_assert_eq(cfg.review_days.days[RISK_MEDIUM], 120);
	cr_assert_eq(cfg.review_days.days[RISK_HIGH], 60);
	cr_assert_eq(cfg.review_days.days[RISK_CRITICAL], 30);
	cr_assert_eq(cfg.hours_style, HOURS_CLOCK);
	cr_assert_str_eq(cfg.date_format, "%a %e %b %Y");
	cr_assert_eq(cfg.timer_limit_minutes, 480);
	config_free(&cfg);
	assert_defaults(&cfg);
	config_free(&cfg); /* twice is harmless */
}

Test(config_load, partial_groups_keep_other_defaults)
{
	struct config cfg;
	const char *path = write_file("config", "risk_levels = { critical = 20; };\n"
	                                        "review_days = { medium = 100; };\n"
	                                        "capacity_hours = 60;\n"
	                                        "timer_limit_hours = 0.5;\n");

	cr_assert_eq(config_load(path, false, &cfg, errbuf, sizeof errbuf), 0, "%s", errbuf);
	cr_assert_eq(cfg.thresholds.medium, 4);
	cr_assert_eq(cfg.thresholds.high, 8);
	cr_assert_eq(cfg.thresholds.critical, 20);
	cr_assert_eq(cfg.review_days.days[RISK_LOW], 360);
	cr_assert_eq(cfg.review_days.days[RISK_MEDIUM], 100);
	cr_assert_eq(cfg.capacity_minutes, 3600);
	cr_assert_eq(cfg.timer_limit_minutes, 30);
	config_free(&cfg);
}

Test(config_load, weekday_names_any_case_and_abbreviated)
{
	struct config cfg;
	const char *path = write_file(
	        "config", "week_start = \"Sun\";\n"
	                  "working_days = (\"Monday\", \"WED\", \"friday\", \"sat\", \"mon\");\n");

	cr_assert_eq(config_load(path, false, &cfg, errbuf, sizeof errbuf), 0, "%s", errbuf);
	cr_assert_eq(cfg.week_start, WD_SUN);
	cr_assert_eq(cfg.workdays,
	             (1u << WD_MON) | (1u << WD_WED) | (1u << WD_FRI) | (1u << WD_SAT));
	config_free(&cfg);
}

/* One bad setting per case, each on line 2 after a comment. */
struct bad_case {
	const char *setting; /* the line written */
	const char *message; /* expected after "PATH:2: " */
};

static const struct bad_case bad_cases[] = {
	{ "week_start = \"funday\";",
	  "week_start: bad value \"funday\" (expected a weekday name)" },
	{ "week_start = 1;", "week_start: bad value 1 (expected a weekday name)" },
	{ "week_start = \"mo\";", "week_start: bad value \"mo\" (expected a weekday name)" },
	{ "working_days = [\"mon\", \"fun\"];",
	  "working_days[1]: bad value \"fun\" (expected a weekday name)" },
	{ "working_days = [];",
	  "working_days: bad value [ ] (expected at least one weekday name)" },
	{ "working_days = \"mon\";",
	  "working_days: bad value \"mon\" (expected a list of weekday names" },
	{ "working_days = [1, 2];", "working_days[0]: bad value 1 (expected a weekday name)" },
	{ "capacity_hours = 0;", "capacity_hours: bad value 0 (expected hours per month" },
	{ "capacity_hours = -5;", "capacity_hours: bad value -5 (expected" },
	{ "capacity_hours = 745;", "capacity_hours: bad value 745 (expected" },
	{ "capacity_hours = \"120\";", "capacity_hours: bad value \"120\" (expected" },
	{ "capacity_hours = true;", "capacity_hours: bad value true (expected" },
	{ "budget_warning = 0;",
	  "budget_warning: bad value 0 (expected a whole percentage from 1 to 100)" },
	{ "budget_warning = 101;", "budget_warning: bad value 101 (expected" },
	{ "budget_warning = 90.5;", "budget_warning: bad value 90.5 (expected" },
	{ "budget_warning = \"90%\";", "budget_warning: bad value \"90%\" (expected" },
	{ "pace_tolerance_percent = -1;",
	  "pace_tolerance_percent: bad value -1 (expected a whole percentage of the budget "
	  "from 0 to 100)" },
	{ "pace_tolerance_percent = 101;", "pace_tolerance_percent: bad value 101 (expected" },
	{ "pace_tolerance_percent = 7.5;", "pace_tolerance_percent: bad value 7.5 (expected" },
	{ "pace_tolerance_percent = \"10%\";",
	  "pace_tolerance_percent: bad value \"10%\" (expected" },
	{ "pace_too_early_percent = -5;",
	  "pace_too_early_percent: bad value -5 (expected a whole percentage of the working "
	  "days from 0 to 100)" },
	{ "pace_too_early_percent = 120;", "pace_too_early_percent: bad value 120 (expected" },
	{ "pace_too_early_percent = true;", "pace_too_early_percent: bad value true (expected" },
	{ "risk_levels = { medium = 8; high = 4; critical = 15; };",
	  "risk_levels: bad value { medium = 8; high = 4; critical = 15; } "
	  "(expected 1 <= medium < high < critical <= 25)" },
	{ "risk_levels = { critical = 3; };",
	  "risk_levels: bad value { medium = 4; high = 8; critical = 3; } (expected" },
	{ "risk_levels = { medium = 0; };",
	  "risk_levels.medium: bad value 0 (expected a score from 1 to 25)" },
	{ "risk_levels = { high = 26; };", "risk_levels.high: bad value 26 (expected" },
	{ "risk_levels = { high = \"9\"; };", "risk_levels.high: bad value \"9\" (expected" },
	{ "risk_levels = { hihg = 9; };",
	  "risk_levels: unknown setting \"hihg\" (known: medium, high, critical)" },
	{ "risk_levels = 4;", "risk_levels: bad value 4 (expected a group" },
	{ "review_days = { low = 0; };",
	  "review_days.low: bad value 0 (expected a number of days from 1 to 3650)" },
	{ "review_days = { critical = 4000; };", "review_days.critical: bad value 4000" },
	{ "review_days = { weekly = 7; };",
	  "review_days: unknown setting \"weekly\" (known: low, medium, high, critical)" },
	{ "review_days = [90];", "review_days: bad value [ 90 ] (expected a group" },
	{ "hours_style = \"roman\";",
	  "hours_style: bad value \"roman\" (expected \"decimal\" or \"clock\")" },
	{ "hours_style = 1;", "hours_style: bad value 1 (expected" },
	{ "date_format = \"%Y-%q\";",
	  "date_format: bad value \"%Y-%q\" (expected a date format using only "
	  "%Y %m %d %e %b %a %A %B %%)" },
	{ "date_format = \"%\";", "date_format: bad value \"%\" (expected" },
	{ "date_format = \"\";", "date_format: bad value \"\" (expected" },
	{ "timer_limit_hours = 0;",
	  "timer_limit_hours: bad value 0 (expected hours, a number above 0 and at most 24)" },
	{ "timer_limit_hours = 25;", "timer_limit_hours: bad value 25 (expected" },
	{ "timer_limit_hours = \"10\";", "timer_limit_hours: bad value \"10\" (expected" },
	{ "brief_on_switch = 1;", "brief_on_switch: bad value 1 (expected true or false)" },
	{ "brief_on_switch = \"yes\";",
	  "brief_on_switch: bad value \"yes\" (expected true or false)" },
	{ "journal_days = -1;",
	  "journal_days: bad value -1 (expected a whole number of days from 0 (no history) to "
	  "3650)" },
	{ "journal_days = 3651;", "journal_days: bad value 3651 (expected" },
	{ "journal_days = 1.5;", "journal_days: bad value 1.5 (expected" },
	{ "journal_days = \"30\";", "journal_days: bad value \"30\" (expected" },
	{ "sync_auto = \"yes\";", "sync_auto: bad value \"yes\" (expected true or false)" },
	{ "database = \"\";", "database: bad value \"\" (expected a path" },
	{ "database = \"work/cxo.db\";",
	  "database: bad value \"work/cxo.db\" (expected a path, absolute or starting with ~/)" },
	{ "database = \"~bob/cxo.db\";", "database: bad value \"~bob/cxo.db\" (expected" },
	{ "database = 5;", "database: bad value 5 (expected" },
	{ "theme = \"../evil\";", "theme: bad value \"../evil\" (expected a theme name" },
	{ "theme = \"\";", "theme: bad value \"\" (expected a theme name" },
	{ "theme = [\"mono\"];", "theme: bad value [ \"mono\" ] (expected a theme name" },
};

Test(config_load, every_bad_value_names_file_line_and_expectation)
{
	size_t i;

	for (i = 0; i < sizeof bad_cases / sizeof bad_cases[0]; i++) {
		struct config cfg;
		char text[512], want[1024];
		const char *path;

		/* A good setting first: a failure must still leave defaults. */
		snprintf(text, sizeof text, "%s\n%s\n",
		         strncmp(bad_cases[i].setting, "theme", 5) == 0 ? "week_start = \"tue\";"
		                                                        : "theme = \"mono\";",
		         bad_cases[i].setting);
		path = write_file("config", text);
		cr_assert_eq(config_load(path, false, &cfg, errbuf, sizeof errbuf), EX_CONFIG,
		             "accepted: %s", bad_cases[i].setting);
		snprintf(want, sizeof want, "%s:2: %s", path, bad_cases[i].message);
		cr_assert_eq(strncmp(errbuf, want, strlen(want)), 0,
		             "for %s\n  got:  %s\n  want: %s", bad_cases[i].setting, errbuf, want);
		assert_defaults(&cfg);
		config_free(&cfg);
	}
}

Test(config_load, syntax_error_gives_file_line_and_libconfig_message)
{
	struct config cfg;
	char want[600];
	const char *path = write_file("config", "theme = \"mono\";\n"
	                                        "\n"
	                                        "week_start = monday;\n");

	cr_assert_eq(config_load(path, false, &cfg, errbuf, sizeof errbuf), EX_CONFIG);
	snprintf(want, sizeof want, "%s:3: ", path);
	cr_assert_eq(strncmp(errbuf, want, strlen(want)), 0, "%s", errbuf);
	cr_assert_gt(strlen(errbuf), strlen(want), "no libconfig message: %s", errbuf);
	assert_defaults(&cfg);
	config_free(&cfg);
}

Test(config_load, duplicate_setting_is_refused)
{
	struct config cfg;
	const char *path = write_file("config", "theme = \"mono\";\ntheme = \"light\";\n");

	cr_assert_eq(config_load(path, false, &cfg, errbuf, sizeof errbuf), EX_CONFIG);
	cr_assert_not_null(strstr(errbuf, ":2: "), "%s", errbuf);
	config_free(&cfg);
}

Test(config_load, unknown_setting_names_file_line_and_known_names)
{
	struct config cfg;
	char want[1024];
	const char *path = write_file("config", "theme = \"mono\";\n"
	                                        "thme = \"light\";\n");

	cr_assert_eq(config_load(path, false, &cfg, errbuf, sizeof errbuf), EX_CONFIG);
	snprintf(want, sizeof want,
	         "%s:2: unknown setting \"thme\" (known: "
	         "database, theme, week_start, working_days, capacity_hours, "
	         "budget_warning, pace_tolerance_percent, pace_too_early_percent, "
	         "risk_levels, review_days, hours_style, date_format, "
	         "timer_limit_hours, brief_on_switch, journal_days, sync_auto): "
	         "did you mean \"theme\"?",
	         path);
	cr_assert_str_eq(errbuf, want);
	assert_defaults(&cfg);
	config_free(&cfg);
}

Test(config_load, misspelt_setting_suggests_the_likely_name)
{
	static const struct {
		const char *text, *hint;
	} cases[] = {
		{ "week_strat = \"sun\";\n", ": did you mean \"week_start\"?" },
		{ "Theme = \"mono\";\n", ": did you mean \"theme\"?" },
		{ "timer_limit_hour = 8;\n", ": did you mean \"timer_limit_hours\"?" },
		{ "risk_levels = { hihg = 9; };\n", ": did you mean \"high\"?" },
		{ "review_days = { mediun = 9; };\n", ": did you mean \"medium\"?" },
		{ "pace_tolerance = 5;\n", NULL },
		{ "pace_tolerance_percnt = 5;\n", ": did you mean \"pace_tolerance_percent\"?" },
		/* Too far from every name, or as close to two: no guess. */
		{ "colors = { tab = \"red\"; };\n", NULL },
		{ "db = \"/x.db\";\n", NULL },
		{ "review_days = { weekly = 7; };\n", NULL },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct config cfg;
		const char *path = write_file("config", cases[i].text);

		cr_assert_eq(config_load(path, false, &cfg, errbuf, sizeof errbuf), EX_CONFIG);
		if (cases[i].hint) {
			size_t n = strlen(errbuf), h = strlen(cases[i].hint);
			cr_assert(n > h && !strcmp(errbuf + n - h, cases[i].hint), "%s: %s",
			          cases[i].text, errbuf);
		} else {
			cr_assert_null(strstr(errbuf, "did you mean"), "%s: %s", cases[i].text,
			               errbuf);
		}
		config_free(&cfg);
	}
}

Test(config_load, unknown_group_setting_is_refused_too)
{
	struct config cfg;
	const char *path = write_file("config", "colors = { tab = \"red\"; };\n");

	cr_assert_eq(config_load(path, false, &cfg, errbuf, sizeof errbuf), EX_CONFIG);
	cr_assert_not_null(strstr(errbuf, ":1: unknown setting \"colors\""), "%s", errbuf);
	config_free(&cfg);
}

Test(config_load, directory_instead_of_file_is_an_error)
{
	struct config cfg;

	cr_assert_eq(config_load(tdir, false, &cfg, errbuf, sizeof errbuf), EX_CONFIG);
	cr_assert_not_null(strstr(errbuf, "not a regular file"), "%s", errbuf);
	assert_defaults(&cfg);
	config_free(&cfg);
}

Test(config_load, unreadable_file_is_an_error_even_when_optional)
{
	struct config cfg;
	const char *path;

	if (geteuid() == 0) {
		tdir_teardown(); /* .fini does not run after a skip */
		cr_skip_test("root reads any file");
	}
	path = write_file("config", "theme = \"mono\";\n");
	cr_assert_eq(chmod(path, 0), 0);
	cr_assert_eq(config_load(path, false, &cfg, errbuf, sizeof errbuf), EX_CONFIG);
	cr_assert_not_null(strstr(errbuf, path), "%s", errbuf);
	cr_assert_not_null(strstr(errbuf, "Permission denied"), "%s", errbuf);
	config_free(&cfg);
}

Test(config_load, include_is_relative_to_the_file)
{
	struct config cfg;
	const char *path;

	write_file("cxo/extra.cfg", "theme = \"light\";\nweek_start = \"noday\";\n");
	path = write_file("cxo/config", "@include \"extra.cfg\"\n");
	cr_assert_eq(config_load(path, false, &cfg, errbuf, sizeof errbuf), EX_CONFIG);
	/* The error points into the included file. */
	cr_assert_not_null(strstr(errbuf, "extra.cfg:2: week_start: bad value \"noday\""), "%s",
	                   errbuf);
	config_free(&cfg);

	write_file("cxo/extra.cfg", "theme = \"light\";\n");
	cr_assert_eq(config_load(path, false, &cfg, errbuf, sizeof errbuf), 0, "%s", errbuf);
	cr_assert_str_eq(cfg.theme, "light");
	config_free(&cfg);
}

/* libconfig 1.5 opens an included directory and its scanner then exits
 * the process: such includes are refused first, with the file and line. */
Test(config_load, include_of_no_regular_file_is_an_error)
{
	static const struct {
		const char *text, *want;
	} cases[] = {
		{ "@include \"\"\n", "config:1: @include \"\": an empty file name" },
		{ "\n  @include \".\"\n", "config:2: @include \".\": a directory" },
		{ "@include\t\"sub\"\n", "config:1: @include \"sub\": a directory" },
		{ "@include \"none.cfg\" # x\n", "config:1: @include \"none.cfg\": No such file" },
		{ "@include \"deeper.cfg\"\n", "deeper.cfg:2: @include \".\": a directory" },
	};
	struct config cfg;

	write_file("cxo/sub/keep", "");
	write_file("cxo/deeper.cfg", "theme = \"light\";\n@include \".\"\n");
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		const char *path = write_file("cxo/config", cases[i].text);
		cr_assert_eq(config_load(path, false, &cfg, errbuf, sizeof errbuf), EX_CONFIG, "%s",
		             cases[i].text);
		cr_assert_not_null(strstr(errbuf, cases[i].want), "%s: %s", cases[i].want, errbuf);
		config_free(&cfg);
	}
	/* Where libconfig reads no include (a comment, a string, not at the
	 * start of a line), nothing is checked. */
	const char *path = write_file("cxo/config", "/* x\n@include \"\"\n*/\n"
	                                            "// @include \".\"\n"
	                                            "theme = \"light\"; # @include \"\"\n");
	cr_assert_eq(config_load(path, false, &cfg, errbuf, sizeof errbuf), 0, "%s", errbuf);
	config_free(&cfg);
}

Test(config_load, tilde_is_expanded_with_home)
{
	struct config cfg;
	char want[600];
	const char *path = write_file("config", "database = \"~/work/cxo.db\";\n");

	cr_assert_eq(setenv("HOME", "/home/exec", 1), 0);
	cr_assert_eq(config_load(path, false, &cfg, errbuf, sizeof errbuf), 0, "%s", errbuf);
	cr_assert_str_eq(cfg.db_path, "/home/exec/work/cxo.db");
	config_free(&cfg);

	path = write_file("config", "database = \"~\";\n");
	cr_assert_eq(config_load(path, false, &cfg, errbuf, sizeof errbuf), 0, "%s", errbuf);
	cr_assert_str_eq(cfg.db_path, "/home/exec");
	config_free(&cfg);

	/* Only a leading ~ is special. */
	path = write_file("config", "database = \"/data/~/cxo.db\";\n");
	cr_assert_eq(config_load(path, false, &cfg, errbuf, sizeof errbuf), 0, "%s", errbuf);
	cr_assert_str_eq(cfg.db_path, "/data/~/cxo.db");
	config_free(&cfg);

	path = write_file("config", "database = \"~/cxo.db\";\n");
	cr_assert_eq(unsetenv("HOME"), 0);
	cr_assert_eq(config_load(path, false, &cfg, errbuf, sizeof errbuf), EX_CONFIG);
	snprintf(want, sizeof want, "%s:1: database: bad value \"~/cxo.db\"", path);
	cr_assert_eq(strncmp(errbuf, want, strlen(want)), 0, "%s", errbuf);
	cr_assert_null(cfg.db_path);
	config_free(&cfg);
}

Test(config_load, config_dir_follows_xdg)
{
	char want[600], *dir;

	/* HOME is tdir, XDG_CONFIG_HOME unset. */
	snprintf(want, sizeof want, "%s/.config/cxo", tdir);
	dir = config_dir();
	cr_assert_str_eq(dir, want);
	free(dir);

	cr_assert_eq(setenv("XDG_CONFIG_HOME", "/etc/xdg-user", 1), 0);
	dir = config_dir();
	cr_assert_str_eq(dir, "/etc/xdg-user/cxo");
	free(dir);

	/* Relative and empty values are ignored, as the XDG spec says. */
	cr_assert_eq(setenv("XDG_CONFIG_HOME", "relative/conf", 1), 0);
	dir = config_dir();
	cr_assert_str_eq(dir, want);
	free(dir);
	cr_assert_eq(setenv("XDG_CONFIG_HOME", "", 1), 0);
	dir = config_dir();
	cr_assert_str_eq(dir, want);
	free(dir);

	cr_assert_eq(unsetenv("HOME"), 0);
	cr_assert_null(config_dir());
	cr_assert_eq(setenv("XDG_CONFIG_HOME", "/etc/xdg-user", 1), 0);
	dir = config_dir();
	cr_assert_str_eq(dir, "/etc/xdg-user/cxo");
	free(dir);
}

Test(config_load, default_location_is_read_when_path_is_null)
{
	struct config cfg;
	char xdg[600];
	const char *path;

	/* ~/.config/cxo/config */
	path = write_file(".config/cxo/config", "theme = \"light\";\n");
	cr_assert_eq(config_load(NULL, false, &cfg, errbuf, sizeof errbuf), 0, "%s", errbuf);
	cr_assert_str_eq(cfg.path, path);
	cr_assert_str_eq(cfg.theme, "light");
	config_free(&cfg);

	/* $XDG_CONFIG_HOME/cxo/config wins over ~/.config */
	path = write_file("xdg/cxo/config", "theme = \"mono\";\n");
	snprintf(xdg, sizeof xdg, "%s/xdg", tdir);
	cr_assert_eq(setenv("XDG_CONFIG_HOME", xdg, 1), 0);
	cr_assert_eq(config_load(NULL, false, &cfg, errbuf, sizeof errbuf), 0, "%s", errbuf);
	cr_assert_str_eq(cfg.path, path);
	cr_assert_str_eq(cfg.theme, "mono");
	config_free(&cfg);

	/* ... but not a relative one. */
	cr_assert_eq(setenv("XDG_CONFIG_HOME", "xdg", 1), 0);
	cr_assert_eq(chdir(tdir), 0);
	cr_assert_eq(config_load(NULL, false, &cfg, errbuf, sizeof errbuf), 0, "%s", errbuf);
	cr_assert_str_eq(cfg.theme, "light");
	config_free(&cfg);

	/* Nowhere to look: defaults, no error. */
	cr_assert_eq(unsetenv("HOME"), 0);
	cr_assert_eq(config_load(NULL, false, &cfg, errbuf, sizeof errbuf), 0, "%s", errbuf);
	assert_defaults(&cfg);
	config_free(&cfg);
}

Test(config_load, default_location_missing_is_fine)
{
	struct config cfg;

	cr_assert_eq(config_load(NULL, false, &cfg, errbuf, sizeof errbuf), 0, "%s", errbuf);
	assert_defaults(&cfg);
	config_free(&cfg);
}

Test(config_load, control_characters_are_not_echoed)
{
	struct config cfg;
	const char *path = write_file("config", "week_start = \"\\x1b[31mred\";\n");

	cr_assert_eq(config_load(path, false, &cfg, errbuf, sizeof errbuf), EX_CONFIG);
	cr_assert_null(strchr(errbuf, '\x1b'), "%s", errbuf);
	cr_assert_not_null(strstr(errbuf, "\"?[31mred\""), "%s", errbuf);
	config_free(&cfg);
}

Test(config_load, small_error_buffer_is_not_overrun)
{
	struct config cfg;
	char small[16];
	const char *path = write_file("config", "week_start = \"funday\";\n");

	memset(small, 'x', sizeof small);
	cr_assert_eq(config_load(path, false, &cfg, small, sizeof small), EX_CONFIG);
	cr_assert_eq(strlen(small), sizeof small - 1);
	config_free(&cfg);
}

Test(config_load, file_others_may_write_is_refused)
{
	struct config cfg;
	const char *path = write_file("config", "week_start = \"sunday\";\n");

	cr_assert_eq(chmod(path, 0666), 0);
	cr_assert_eq(config_load(path, true, &cfg, errbuf, sizeof errbuf), EX_NOPERM);
	cr_assert(strstr(errbuf, "writable by other users"), "%s", errbuf);
	cr_assert(strstr(errbuf, "chmod go-w"), "%s", errbuf);
	cr_assert_null(cfg.path, "nothing of it was used");
	cr_assert_eq(chmod(path, 0644), 0);
	cr_assert_eq(config_load(path, true, &cfg, errbuf, sizeof errbuf), 0, "%s", errbuf);
	config_free(&cfg);
}

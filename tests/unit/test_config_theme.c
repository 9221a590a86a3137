/*
 * Tests of themes: element names, colour names, every shipped theme, the
 * search path and errors with file:line.
 */
#include <criterion/criterion.h>

#include <ftw.h>
#include <libconfig.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sysexits.h>
#include <unistd.h>

#include "config/elements.h"
#include "cxo/theme.h"

#include "tmpdir.h"

static char errbuf[2048];

static void make_tmpdir(void)
{
	tdir_make("theme");
	unsetenv("XDG_CONFIG_HOME");
	unsetenv("CXO_THEME_DIR");
	cr_assert_eq(setenv("HOME", tdir, 1), 0);
}

TestSuite(config_theme, .init = make_tmpdir, .fini = tdir_teardown);

/* The source tree's themes/: $CXO_SOURCE_DIR/themes (make check sets it)
 * or ./themes when run from the repository root. */
static const char *source_themes(void)
{
	static char dir[1024];
	const char *src = getenv("CXO_SOURCE_DIR");
	struct stat st;

	snprintf(dir, sizeof dir, "%s/themes", src && src[0] ? src : ".");
	if (dir[0] != '/') {
		char cwd[512];

		cr_assert_not_null(getcwd(cwd, sizeof cwd));
		snprintf(dir, sizeof dir, "%s/themes", cwd);
	}
	cr_assert(stat(dir, &st) == 0 && S_ISDIR(st.st_mode),
	          "no themes directory at %s: set CXO_SOURCE_DIR to the source tree", dir);
	return dir;
}

static const char *const shipped[] = { "default", "light", "solarized-dark", "mono" };

Test(config_theme, element_names)
{
	int i, j;

	cr_assert_str_eq(theme_element_name(EL_NORMAL), "normal");
	cr_assert_str_eq(theme_element_name(EL_TAB_ACTIVE), "tab_active");
	cr_assert_str_eq(theme_element_name(EL_BORDER_FOCUS), "border_focus");
	cr_assert_str_eq(theme_element_name(EL_RISK_CRITICAL), "risk_critical");
	cr_assert_str_eq(theme_element_name(EL_DUE_SOON), "due_soon");
	cr_assert_str_eq(theme_element_name(EL_BUDGET_WARNING), "budget_warning");
	cr_assert_str_eq(theme_element_name(EL_BUDGET_BEHIND), "budget_behind");
	cr_assert_str_eq(theme_element_name(EL_STATUS_ERROR), "status_error");
	cr_assert_str_eq(theme_element_name(EL_INPUT_ERROR), "input_error");
	cr_assert_null(theme_element_name(EL_COUNT));
	for (i = 0; i < EL_COUNT; i++) {
		const char *a = theme_element_name((enum theme_element)i);

		cr_assert_not_null(a, "element %d has no name", i);
		cr_assert_eq(strspn(a, "abcdefghijklmnopqrstuvwxyz_"), strlen(a), "%s", a);
		for (j = 0; j < i; j++)
			cr_assert_str_neq(a, theme_element_name((enum theme_element)j));
	}
}

Test(config_theme, colour_names)
{
	static const struct {
		const char *text;
		short value;
	} good[] = {
		{ "default", -1 },
		{ "black", 0 },
		{ "red", 1 },
		{ "green", 2 },
		{ "yellow", 3 },
		{ "blue", 4 },
		{ "magenta", 5 },
		{ "cyan", 6 },
		{ "white", 7 },
		{ "brightblack", 8 },
		{ "brightred", 9 },
		{ "brightgreen", 10 },
		{ "brightyellow", 11 },
		{ "brightblue", 12 },
		{ "brightmagenta", 13 },
		{ "brightcyan", 14 },
		{ "brightwhite", 15 },
		{ "color0", 0 },
		{ "color42", 42 },
		{ "color255", 255 },
		{ "colour100", 100 },
		{ "0", 0 },
		{ "7", 7 },
		{ "255", 255 },
		{ "Red", 1 },
		{ "BrightBlue", 12 },
		{ "DEFAULT", -1 },
	};
	static const char *const bad[] = {
		"",         "purple", "bright", "brightdefault", "color",
		"color256", "256",    "-1",     "color-1",       "1000",
		"12a",      " red",   "red ",   "colorx",        "light red",
	};
	size_t i;

	for (i = 0; i < sizeof good / sizeof good[0]; i++) {
		short v = 99;

		cr_assert(theme_color_parse(good[i].text, &v), "refused %s", good[i].text);
		cr_assert_eq(v, good[i].value, "%s gave %d", good[i].text, v);
	}
	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		short v = 99;

		cr_assert_not(theme_color_parse(bad[i], &v), "accepted \"%s\"", bad[i]);
	}
	cr_assert_not(theme_color_parse(NULL, NULL));
}

Test(config_theme, defaults_are_valid_and_unnamed)
{
	struct theme t;
	int i;

	theme_defaults(&t);
	cr_assert_null(t.name);
	cr_assert_null(t.path);
	for (i = 0; i < EL_COUNT; i++) {
		cr_assert(t.styles[i].fg >= -1 && t.styles[i].fg <= 15);
		cr_assert(t.styles[i].bg >= -1 && t.styles[i].bg <= 15);
	}
	theme_free(&t);
}

Test(config_theme, every_shipped_theme_loads_and_defines_every_element)
{
	const char *dir = source_themes();
	size_t k;

	for (k = 0; k < sizeof shipped / sizeof shipped[0]; k++) {
		char path[1200];
		struct theme t;
		config_t c;
		int i;

		snprintf(path, sizeof path, "%s/%s.theme", dir, shipped[k]);
		cr_assert_eq(theme_load_file(path, &t, errbuf, sizeof errbuf), 0, "%s", errbuf);
		cr_assert_str_eq(t.name, shipped[k]);
		cr_assert_str_eq(t.path, path);
		theme_free(&t);

		/* Defined, not inherited from the built-in style. */
		config_init(&c);
		cr_assert_eq(config_read_file(&c, path), CONFIG_TRUE, "%s", path);
		for (i = 0; i < EL_COUNT; i++) {
			const char *el = theme_element_name((enum theme_element)i);
			config_setting_t *g = config_lookup(&c, el);

			cr_assert_not_null(g, "%s does not define %s", path, el);
			cr_assert_not_null(config_setting_get_member(g, "fg"), "%s: %s has no fg",
			                   path, el);
			cr_assert_not_null(config_setting_get_member(g, "bg"), "%s: %s has no bg",
			                   path, el);
		}
		config_destroy(&c);
	}
}

Test(config_theme, every_shipped_theme_is_found_by_name)
{
	size_t k;

	cr_assert_eq(setenv("CXO_THEME_DIR", source_themes(), 1), 0);
	for (k = 0; k < sizeof shipped / sizeof shipped[0]; k++) {
		struct theme t;

		cr_assert_eq(theme_load(shipped[k], &t, errbuf, sizeof errbuf), 0, "%s", errbuf);
		cr_assert_str_eq(t.name, shipped[k]);
		theme_free(&t);
	}
}

Test(config_theme, mono_carries_meaning_without_colour)
{
	const unsigned allowed = ATTR_REVERSE | ATTR_BOLD | ATTR_UNDERLINE | ATTR_DIM;
	char path[1200];
	struct theme t;
	int i;

	snprintf(path, sizeof path, "%s/mono.theme", source_themes());
	cr_assert_eq(theme_load_file(path, &t, errbuf, sizeof errbuf), 0, "%s", errbuf);
	for (i = 0; i < EL_COUNT; i++) {
		const char *el = theme_element_name((enum theme_element)i);

		cr_assert_eq(t.styles[i].fg, -1, "%s has a colour", el);
		cr_assert_eq(t.styles[i].bg, -1, "%s has a colour", el);
		cr_assert_eq(t.styles[i].attrs & ~allowed, 0u, "%s", el);
	}
	/* What must stand out does, and differs from plain text. */
	cr_assert_neq(t.styles[EL_SELECTION].attrs, 0u);
	cr_assert_neq(t.styles[EL_TAB_ACTIVE].attrs, t.styles[EL_TAB].attrs);
	cr_assert_neq(t.styles[EL_OVERDUE].attrs, 0u);
	cr_assert_neq(t.styles[EL_RISK_CRITICAL].attrs, t.styles[EL_RISK_HIGH].attrs);
	cr_assert_neq(t.styles[EL_RISK_HIGH].attrs, t.styles[EL_RISK_MEDIUM].attrs);
	cr_assert_neq(t.styles[EL_RISK_MEDIUM].attrs, t.styles[EL_RISK_LOW].attrs);
	cr_assert_neq(t.styles[EL_BUDGET_OVER].attrs, t.styles[EL_BUDGET_WARNING].attrs);
	cr_assert_neq(t.styles[EL_BUDGET_WARNING].attrs, t.styles[EL_BUDGET_OK].attrs);
	cr_assert_neq(t.styles[EL_BUDGET_BEHIND].attrs, t.styles[EL_BUDGET_OK].attrs);
	cr_assert_neq(t.styles[EL_BUDGET_BEHIND].attrs, t.styles[EL_BUDGET_WARNING].attrs);
	cr_assert_neq(t.styles[EL_BUDGET_BEHIND].attrs, t.styles[EL_BUDGET_OVER].attrs);
	cr_assert_neq(t.styles[EL_BAR_FILL].attrs, t.styles[EL_BAR_EMPTY].attrs);
	theme_free(&t);
}

Test(config_theme, builtin_defaults_match_default_theme)
{
	struct theme file, builtin;
	char path[1200];
	int i;

	snprintf(path, sizeof path, "%s/default.theme", source_themes());
	cr_assert_eq(theme_load_file(path, &file, errbuf, sizeof errbuf), 0, "%s", errbuf);
	theme_defaults(&builtin);
	for (i = 0; i < EL_COUNT; i++) {
		const char *el = theme_element_name((enum theme_element)i);

		cr_assert_eq(file.styles[i].fg, builtin.styles[i].fg, "%s fg", el);
		cr_assert_eq(file.styles[i].bg, builtin.styles[i].bg, "%s bg", el);
		cr_assert_eq(file.styles[i].attrs, builtin.styles[i].attrs, "%s attrs", el);
	}
	theme_free(&file);
}

Test(config_theme, partial_theme_keeps_builtin_for_missing_elements)
{
	struct theme t, d;
	const char *path =
	        write_file("my.theme",
	                   "# only two elements\n"
	                   "tab = { fg = \"red\"; };\n"
	                   "selection = { bg = 42; attrs = [\"reverse\", \"italic\", \"standout\", "
	                   "\"underline\", \"dim\", \"bold\"]; };\n"
	                   "timer = { fg = \"color200\"; bg = \"default\"; attrs = \"bold\"; };\n");

	theme_defaults(&d);
	cr_assert_eq(theme_load_file(path, &t, errbuf, sizeof errbuf), 0, "%s", errbuf);
	cr_assert_str_eq(t.name, "my");
	/* A named element is exactly what the file says ... */
	cr_assert_eq(t.styles[EL_TAB].fg, 1);
	cr_assert_eq(t.styles[EL_TAB].bg, -1);
	cr_assert_eq(t.styles[EL_TAB].attrs, 0u);
	cr_assert_eq(t.styles[EL_SELECTION].fg, -1);
	cr_assert_eq(t.styles[EL_SELECTION].bg, 42);
	cr_assert_eq(t.styles[EL_SELECTION].attrs,
	             (unsigned)(ATTR_BOLD | ATTR_DIM | ATTR_UNDERLINE | ATTR_REVERSE |
	                        ATTR_STANDOUT | ATTR_ITALIC));
	cr_assert_eq(t.styles[EL_TIMER].fg, 200);
	cr_assert_eq(t.styles[EL_TIMER].attrs, (unsigned)ATTR_BOLD);
	/* ... and the others keep the built-in style. */
	cr_assert_eq(t.styles[EL_OVERDUE].fg, d.styles[EL_OVERDUE].fg);
	cr_assert_eq(t.styles[EL_OVERDUE].attrs, d.styles[EL_OVERDUE].attrs);
	cr_assert_eq(t.styles[EL_TAB_ACTIVE].bg, d.styles[EL_TAB_ACTIVE].bg);
	theme_free(&t);
}

struct bad_theme {
	const char *line;    /* written as line 3 */
	const char *message; /* expected after "PATH:3: " */
};

static const struct bad_theme bad_themes[] = {
	{ "tab = { fg = \"purple\"; };",
	  "tab.fg: unknown colour \"purple\" (expected default, black, red, green, "
	  "yellow, blue, magenta, cyan, white, bright<colour> such as brightred, "
	  "colorN or N from 0 to 255)" },
	{ "tab = { bg = \"color256\"; };", "tab.bg: unknown colour \"color256\" (expected" },
	{ "tab = { bg = 300; };", "tab.bg: unknown colour 300 (expected" },
	{ "tab = { bg = 1.5; };", "tab.bg: unknown colour 1.5 (expected" },
	{ "tab = { attrs = [\"bold\", \"blink\"]; };",
	  "tab.attrs[1]: unknown attribute \"blink\" (expected bold, dim, underline, "
	  "reverse, standout, italic)" },
	{ "tab = { attrs = \"flash\"; };", "tab.attrs: unknown attribute \"flash\"" },
	{ "tab = { attrs = 3; };", "tab.attrs: bad value 3 (expected a list of attributes" },
	{ "tab = { colour = \"red\"; };",
	  "tab: unknown setting \"colour\" (known: fg, bg, attrs)" },
	{ "tab = \"red\";", "tab: bad value \"red\" (expected a group such as" },
	{ "tabs = { fg = \"red\"; };",
	  "unknown element \"tabs\" (known: normal, tab, tab_active, border, "
	  "border_focus, title, title_focus, selection, dim, header, risk_low, "
	  "risk_medium, risk_high, risk_critical, overdue, due_soon, waiting, done, "
	  "budget_ok, budget_warning, budget_over, budget_behind, bar_fill, bar_empty, "
	  "status_bar, "
	  "status_error, timer, input, input_error)" },
};

Test(config_theme, bad_colour_attribute_and_element_name_file_and_line)
{
	size_t i;

	for (i = 0; i < sizeof bad_themes / sizeof bad_themes[0]; i++) {
		char text[512], want[1024];
		const char *path;
		struct theme t;

		snprintf(text, sizeof text, "# broken\nnormal = { fg = \"default\"; };\n%s\n",
		         bad_themes[i].line);
		path = write_file("bad.theme", text);
		cr_assert_eq(theme_load_file(path, &t, errbuf, sizeof errbuf), EX_CONFIG,
		             "accepted: %s", bad_themes[i].line);
		snprintf(want, sizeof want, "%s:3: %s", path, bad_themes[i].message);
		cr_assert_eq(strncmp(errbuf, want, strlen(want)), 0,
		             "for %s\n  got:  %s\n  want: %s", bad_themes[i].line, errbuf, want);
		/* Left valid: built-in styles, no name. */
		cr_assert_null(t.name);
		cr_assert_null(t.path);
		theme_free(&t);
	}
}

Test(config_theme, attribute_on_its_own_line_is_reported_there)
{
	struct theme t;
	const char *path = write_file("multi.theme", "tab = {\n"
	                                             "\tfg = \"red\";\n"
	                                             "\tattrs = [\n"
	                                             "\t\t\"bold\",\n"
	                                             "\t\t\"sparkle\"\n"
	                                             "\t];\n"
	                                             "};\n");

	cr_assert_eq(theme_load_file(path, &t, errbuf, sizeof errbuf), EX_CONFIG);
	cr_assert_not_null(strstr(errbuf, "unknown attribute \"sparkle\""), "%s", errbuf);
	/* libconfig knows the line of the list, at least */
	cr_assert(strstr(errbuf, ".theme:5: ") || strstr(errbuf, ".theme:3: ") ||
	                  strstr(errbuf, ".theme:6: "),
	          "%s", errbuf);
	theme_free(&t);
}

Test(config_theme, syntax_error_names_file_and_line)
{
	struct theme t;
	char want[600];
	const char *path = write_file("syntax.theme", "normal = { fg = \"default\"; };\n"
	                                              "tab = { fg = red; };\n");

	cr_assert_eq(theme_load_file(path, &t, errbuf, sizeof errbuf), EX_CONFIG);
	snprintf(want, sizeof want, "%s:2: ", path);
	cr_assert_eq(strncmp(errbuf, want, strlen(want)), 0, "%s", errbuf);
	theme_free(&t);
}

Test(config_theme, missing_file)
{
	struct theme t;
	char path[600];

	snprintf(path, sizeof path, "%s/none.theme", tdir);
	cr_assert_eq(theme_load_file(path, &t, errbuf, sizeof errbuf), EX_CONFIG);
	cr_assert_not_null(strstr(errbuf, path), "%s", errbuf);
	theme_free(&t);
}

Test(config_theme, name_with_slash_is_refused)
{
	static const char *const names[] = { "../default", "/etc/passwd", "a/b", "" };
	size_t i;

	cr_assert_eq(setenv("CXO_THEME_DIR", source_themes(), 1), 0);
	for (i = 0; i < sizeof names / sizeof names[0]; i++) {
		struct theme t;

		cr_assert_eq(theme_load(names[i], &t, errbuf, sizeof errbuf), EX_CONFIG,
		             "accepted %s", names[i]);
		cr_assert_not_null(strstr(errbuf, "bad theme name"), "%s", errbuf);
		theme_free(&t);
	}
}

Test(config_theme, unknown_theme_lists_directories_searched)
{
	struct theme t;
	char **dirs;
	size_t i;

	cr_assert_eq(setenv("CXO_THEME_DIR", source_themes(), 1), 0);
	cr_assert_eq(theme_load("neon", &t, errbuf, sizeof errbuf), EX_CONFIG);
	cr_assert_eq(strncmp(errbuf, "unknown theme \"neon\" (looked in ", 32), 0, "%s", errbuf);
	dirs = theme_dirs();
	cr_assert_not_null(dirs);
	for (i = 0; dirs[i]; i++)
		cr_assert_not_null(strstr(errbuf, dirs[i]), "%s not in %s", dirs[i], errbuf);
	theme_dirs_free(dirs);
	/* The shipped themes are offered. */
	cr_assert_not_null(strstr(errbuf, "available: default, light, mono, solarized-dark"), "%s",
	                   errbuf);
	cr_assert_null(t.name);
	theme_free(&t);
}

Test(config_theme, search_order)
{
	char **dirs, want[600];

	cr_assert_eq(setenv("CXO_THEME_DIR", "/opt/test-themes", 1), 0);
	dirs = theme_dirs();
	cr_assert_not_null(dirs);
	cr_assert_str_eq(dirs[0], "/opt/test-themes");
	snprintf(want, sizeof want, "%s/.config/cxo/themes", tdir);
	cr_assert_str_eq(dirs[1], want);
	/* Then the source tree this binary was built in (build/unit-tests: the
	 * tree is one level up), then the installed themes, and no other. */
	char *tree = realpath(source_themes(), NULL), *got;
	cr_assert_not_null(tree);
	cr_assert_not_null(dirs[2]);
	got = realpath(dirs[2], NULL);
	cr_assert_not_null(got, "%s", dirs[2]);
	cr_assert_str_eq(got, tree);
	free(got);
	free(tree);
	cr_assert_str_eq(dirs[3], CXO_DATADIR "/themes");
	cr_assert_null(dirs[4], "%s", dirs[4]);
	theme_dirs_free(dirs);

	unsetenv("CXO_THEME_DIR");
	cr_assert_eq(setenv("XDG_CONFIG_HOME", "/etc/xdg-user", 1), 0);
	dirs = theme_dirs();
	cr_assert_str_eq(dirs[0], "/etc/xdg-user/cxo/themes");
	theme_dirs_free(dirs);

	/* Relative XDG values are ignored. */
	cr_assert_eq(setenv("XDG_CONFIG_HOME", "rel", 1), 0);
	dirs = theme_dirs();
	cr_assert_str_eq(dirs[0], want);
	theme_dirs_free(dirs);

	/* No HOME and no XDG: the installed and source directories remain. */
	unsetenv("XDG_CONFIG_HOME");
	unsetenv("HOME");
	dirs = theme_dirs();
	cr_assert_not_null(dirs);
	cr_assert_not_null(dirs[0]);
	cr_assert_null(strstr(dirs[0], ".config"));
	theme_dirs_free(dirs);
}

Test(config_theme, user_theme_overrides_shipped_one)
{
	struct theme t;
	const char *path = write_file(".config/cxo/themes/default.theme",
	                              "normal = { fg = \"green\"; bg = \"black\"; };\n");

	/* The user's directory comes before the installed and source ones. */
	cr_assert_eq(theme_load("default", &t, errbuf, sizeof errbuf), 0, "%s", errbuf);
	cr_assert_str_eq(t.path, path);
	cr_assert_str_eq(t.name, "default");
	cr_assert_eq(t.styles[EL_NORMAL].fg, 2);
	cr_assert_eq(t.styles[EL_NORMAL].bg, 0);
	theme_free(&t);
}

Test(config_theme, broken_theme_found_by_name_reports_its_file)
{
	struct theme t;
	char want[600];
	const char *path =
	        write_file(".config/cxo/themes/broken.theme", "normal = { fg = \"default\"; };\n"
	                                                      "overdue = { fg = \"redd\"; };\n");

	cr_assert_eq(theme_load("broken", &t, errbuf, sizeof errbuf), EX_CONFIG);
	snprintf(want, sizeof want, "%s:2: overdue.fg: unknown colour \"redd\"", path);
	cr_assert_eq(strncmp(errbuf, want, strlen(want)), 0, "%s", errbuf);
	theme_free(&t);
}

Test(config_theme, file_others_may_write_is_refused)
{
	struct theme t;
	const char *path = write_file("open.theme", "normal = { fg = \"default\"; };\n");

	cr_assert_eq(chmod(path, 0646), 0);
	cr_assert_eq(theme_load_file(path, &t, errbuf, sizeof errbuf), EX_NOPERM);
	cr_assert(strstr(errbuf, "writable by other users"), "%s", errbuf);
	theme_free(&t);
	cr_assert_eq(chmod(path, 0600), 0);
	cr_assert_eq(theme_load_file(path, &t, errbuf, sizeof errbuf), 0, "%s", errbuf);
	theme_free(&t);
}

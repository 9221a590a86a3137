/*
 * theme.c: colour themes, libconfig files with one group per element:
 *   tab_active = { fg = "black"; bg = "cyan"; attrs = ["bold"]; };
 */
#include "cxo/theme.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <sysexits.h>
#include <unistd.h>

#include "cfgfile.h"
#include "cxo/config.h"
#include "elements.h"

#ifndef CXO_DATADIR
#define CXO_DATADIR "/usr/local/share/cxo"
#endif

#define THEME_SUFFIX ".theme"

static const char *const element_names[EL_COUNT] = {
	[EL_NORMAL] = "normal",
	[EL_TAB] = "tab",
	[EL_TAB_ACTIVE] = "tab_active",
	[EL_BORDER] = "border",
	[EL_BORDER_FOCUS] = "border_focus",
	[EL_TITLE] = "title",
	[EL_TITLE_FOCUS] = "title_focus",
	[EL_SELECTION] = "selection",
	[EL_DIM] = "dim",
	[EL_HEADER] = "header",
	[EL_RISK_LOW] = "risk_low",
	[EL_RISK_MEDIUM] = "risk_medium",
	[EL_RISK_HIGH] = "risk_high",
	[EL_RISK_CRITICAL] = "risk_critical",
	[EL_OVERDUE] = "overdue",
	[EL_DUE_SOON] = "due_soon",
	[EL_WAITING] = "waiting",
	[EL_DONE] = "done",
	[EL_BUDGET_OK] = "budget_ok",
	[EL_BUDGET_WARNING] = "budget_warning",
	[EL_BUDGET_OVER] = "budget_over",
	[EL_BUDGET_BEHIND] = "budget_behind",
	[EL_BAR_FILL] = "bar_fill",
	[EL_BAR_EMPTY] = "bar_empty",
	[EL_STATUS_BAR] = "status_bar",
	[EL_STATUS_ERROR] = "status_error",
	[EL_TIMER] = "timer",
	[EL_INPUT] = "input",
	[EL_INPUT_ERROR] = "input_error",
};

const char *theme_element_name(enum theme_element el)
{
	if ((int)el < 0 || el >= EL_COUNT)
		return NULL;
	return element_names[el];
}

static const char *const color_names[8] = { "black", "red",     "green", "yellow",
	                                    "blue",  "magenta", "cyan",  "white" };

static bool number_0_255(const char *s, short *out)
{
	int v = 0, digits = 0;

	for (; *s; s++) {
		if (*s < '0' || *s > '9' || ++digits > 3)
			return false;
		v = v * 10 + (*s - '0');
	}
	if (digits == 0 || v > 255)
		return false;
	*out = (short)v;
	return true;
}

bool theme_color_parse(const char *text, short *out)
{
	int i;

	if (!text)
		return false;
	if (strcasecmp(text, "default") == 0) {
		*out = -1;
		return true;
	}
	for (i = 0; i < 8; i++) {
		if (strcasecmp(text, color_names[i]) == 0) {
			*out = (short)i;
			return true;
		}
		if (strncasecmp(text, "bright", 6) == 0 &&
		    strcasecmp(text + 6, color_names[i]) == 0) {
			*out = (short)(8 + i);
			return true;
		}
	}
	if (strncasecmp(text, "colour", 6) == 0)
		return number_0_255(text + 6, out);
	if (strncasecmp(text, "color", 5) == 0)
		return number_0_255(text + 5, out);
	return number_0_255(text, out);
}

/* The built-in style, the same as themes/default.theme, so an element a
 * user's theme leaves out still looks right on a dark terminal. */
static const struct theme_style builtin[EL_COUNT] = {
	[EL_NORMAL] = { -1, -1, 0 },
	[EL_TAB] = { 7, 4, 0 },
	[EL_TAB_ACTIVE] = { 0, 6, ATTR_BOLD },
	[EL_BORDER] = { 8, -1, 0 },
	[EL_BORDER_FOCUS] = { 6, -1, ATTR_BOLD },
	[EL_TITLE] = { 7, -1, ATTR_BOLD },
	[EL_TITLE_FOCUS] = { 14, -1, ATTR_BOLD },
	[EL_SELECTION] = { 15, 4, ATTR_BOLD },
	[EL_DIM] = { 8, -1, 0 },
	[EL_HEADER] = { 6, -1, ATTR_BOLD },
	[EL_RISK_LOW] = { 2, -1, 0 },
	[EL_RISK_MEDIUM] = { 3, -1, 0 },
	[EL_RISK_HIGH] = { 9, -1, ATTR_BOLD },
	[EL_RISK_CRITICAL] = { 15, 1, ATTR_BOLD },
	[EL_OVERDUE] = { 9, -1, ATTR_BOLD },
	[EL_DUE_SOON] = { 3, -1, 0 },
	[EL_WAITING] = { 5, -1, 0 },
	[EL_DONE] = { 8, -1, 0 },
	[EL_BUDGET_OK] = { 2, -1, 0 },
	[EL_BUDGET_WARNING] = { 3, -1, ATTR_BOLD },
	[EL_BUDGET_OVER] = { 9, -1, ATTR_BOLD },
	[EL_BUDGET_BEHIND] = { 6, -1, 0 },
	[EL_BAR_FILL] = { 2, -1, 0 },
	[EL_BAR_EMPTY] = { 8, -1, 0 },
	[EL_STATUS_BAR] = { 0, 7, 0 },
	[EL_STATUS_ERROR] = { 15, 1, ATTR_BOLD },
	[EL_TIMER] = { 0, 2, ATTR_BOLD },
	[EL_INPUT] = { 15, -1, 0 },
	[EL_INPUT_ERROR] = { 9, -1, ATTR_BOLD },
};

void theme_defaults(struct theme *out)
{
	out->name = NULL;
	out->path = NULL;
	memcpy(out->styles, builtin, sizeof builtin);
}

void theme_free(struct theme *t)
{
	if (!t)
		return;
	free(t->name);
	free(t->path);
	theme_defaults(t);
}

static const struct {
	const char *name;
	unsigned bit;
} attr_names[] = {
	{ "bold", ATTR_BOLD },       { "dim", ATTR_DIM },           { "underline", ATTR_UNDERLINE },
	{ "reverse", ATTR_REVERSE }, { "standout", ATTR_STANDOUT }, { "italic", ATTR_ITALIC },
};

#define KNOWN_ATTRS "bold, dim, underline, reverse, standout, italic"
#define KNOWN_COLORS                                                                               \
	"default, black, red, green, yellow, blue, magenta, "                                      \
	"cyan, white, bright<colour> such as brightred, colorN or N from 0 to 255"

static int style_error(char *err, size_t errsz, const config_setting_t *s, const char *path,
                       const char *what, const char *expected)
{
	char name[128], value[256];

	cfg_setting_path(s, name, sizeof name);
	cfg_describe(s, value, sizeof value);
	cfg_error(err, errsz, s, path, "%s: %s %s (expected %s)", name, what, value, expected);
	return EX_CONFIG;
}

static int read_color(const config_setting_t *s, short *out, const char *path, char *err,
                      size_t errsz)
{
	const char *text = config_setting_get_string(s);

	if (config_setting_type(s) == CONFIG_TYPE_INT) {
		int v = config_setting_get_int(s);

		if (v >= -1 && v <= 255) {
			*out = (short)v;
			return 0;
		}
	} else if (text && theme_color_parse(text, out)) {
		return 0;
	}
	return style_error(err, errsz, s, path, "unknown colour", KNOWN_COLORS);
}

static int read_attr(const config_setting_t *s, unsigned *attrs, const char *path, char *err,
                     size_t errsz)
{
	const char *text = config_setting_get_string(s);
	size_t i;

	for (i = 0; text && i < sizeof attr_names / sizeof attr_names[0]; i++) {
		if (strcasecmp(text, attr_names[i].name) == 0) {
			*attrs |= attr_names[i].bit;
			return 0;
		}
	}
	return style_error(err, errsz, s, path, "unknown attribute", KNOWN_ATTRS);
}

static int read_attrs(const config_setting_t *s, unsigned *attrs, const char *path, char *err,
                      size_t errsz)
{
	int i, n, rc;

	/* attrs = "bold"; is accepted as well as attrs = ["bold"]; */
	if (config_setting_type(s) == CONFIG_TYPE_STRING)
		return read_attr(s, attrs, path, err, errsz);
	if (!config_setting_is_array(s) && !config_setting_is_list(s))
		return style_error(err, errsz, s, path, "bad value",
		                   "a list of attributes such as [\"bold\", \"underline\"]");
	n = config_setting_length(s);
	for (i = 0; i < n; i++) {
		const config_setting_t *e = config_setting_get_elem(s, (unsigned)i);

		if (!e)
			continue;
		rc = read_attr(e, attrs, path, err, errsz);
		if (rc)
			return rc;
	}
	return 0;
}

static int read_element(const config_setting_t *g, struct theme_style *st, const char *path,
                        char *err, size_t errsz)
{
	struct theme_style s = { -1, -1, 0 };
	int i, n, rc;

	if (!config_setting_is_group(g))
		return style_error(err, errsz, g, path, "bad value",
		                   "a group such as { fg = \"white\"; bg = \"blue\"; "
		                   "attrs = [\"bold\"]; }");
	n = config_setting_length(g);
	for (i = 0; i < n; i++) {
		const config_setting_t *m = config_setting_get_elem(g, (unsigned)i);
		const char *name = config_setting_name(m);

		if (strcmp(name, "fg") == 0) {
			rc = read_color(m, &s.fg, path, err, errsz);
		} else if (strcmp(name, "bg") == 0) {
			rc = read_color(m, &s.bg, path, err, errsz);
		} else if (strcmp(name, "attrs") == 0) {
			rc = read_attrs(m, &s.attrs, path, err, errsz);
		} else {
			cfg_error(err, errsz, m, path,
			          "%s: unknown setting \"%s\" (known: fg, bg, attrs)",
			          config_setting_name(g), name);
			rc = EX_CONFIG;
		}
		if (rc)
			return rc;
	}
	*st = s;
	return 0;
}

/* "dir/solarized-dark.theme" -> "solarized-dark" */
static char *name_from_path(const char *path)
{
	const char *base = strrchr(path, '/');
	size_t len, sl = strlen(THEME_SUFFIX);
	char *name;

	base = base ? base + 1 : path;
	len = strlen(base);
	if (len > sl && strcmp(base + len - sl, THEME_SUFFIX) == 0)
		len -= sl;
	name = malloc(len + 1);
	if (!name)
		return NULL;
	memcpy(name, base, len);
	name[len] = '\0';
	return name;
}

int theme_load_file(const char *path, struct theme *out, char *err, size_t errsz)
{
	enum cfg_read_result res;
	config_setting_t *root;
	config_t c;
	int i, n, rc = 0;

	theme_defaults(out);
	if (errsz)
		err[0] = '\0';
	config_init(&c);
	res = cfg_read(&c, path, err, errsz);
	if (res == CFG_READ_MISSING) {
		snprintf(err, errsz, "%s: no such theme file", path);
		rc = EX_CONFIG;
	} else if (res == CFG_READ_ERROR) {
		rc = EX_CONFIG;
	} else if (res == CFG_READ_UNSAFE) {
		rc = EX_NOPERM;
	}
	root = rc ? NULL : config_root_setting(&c);
	n = root ? config_setting_length(root) : 0;
	for (i = 0; i < n && rc == 0; i++) {
		const config_setting_t *g = config_setting_get_elem(root, (unsigned)i);
		const char *name = config_setting_name(g);
		int el;

		for (el = 0; el < EL_COUNT; el++)
			if (strcmp(name, theme_element_name((enum theme_element)el)) == 0)
				break;
		if (el == EL_COUNT) {
			char known[512] = "";

			for (el = 0; el < EL_COUNT; el++) {
				size_t len = strlen(known);

				snprintf(known + len, sizeof known - len, "%s%s", el ? ", " : "",
				         theme_element_name((enum theme_element)el));
			}
			cfg_error(err, errsz, g, path, "unknown element \"%s\" (known: %s)", name,
			          known);
			rc = EX_CONFIG;
			break;
		}
		rc = read_element(g, &out->styles[el], path, err, errsz);
	}
	config_destroy(&c);
	if (rc == 0) {
		out->path = strdup(path);
		out->name = name_from_path(path);
		if (!out->path || !out->name) {
			snprintf(err, errsz, "%s: out of memory", path);
			rc = EX_CONFIG;
		}
	}
	if (rc)
		theme_free(out);
	return rc;
}

/* Adds a copy of dir to the list unless it is already there. */
static bool dirs_add(char ***dirs, size_t *n, char *dir)
{
	char **grown;
	size_t i;

	if (!dir)
		return false;
	for (i = 0; i < *n; i++) {
		if (strcmp((*dirs)[i], dir) == 0) {
			free(dir);
			return true;
		}
	}
	grown = realloc(*dirs, (*n + 2) * sizeof **dirs);
	if (!grown) {
		free(dir);
		return false;
	}
	*dirs = grown;
	grown[(*n)++] = dir;
	grown[*n] = NULL;
	return true;
}

/* The directory of the running binary, newly allocated, or NULL. */
static char *exe_dir(void)
{
	char buf[4096];
	ssize_t len = readlink("/proc/self/exe", buf, sizeof buf - 1);
	char *slash;

	if (len <= 0 || (size_t)len >= sizeof buf - 1)
		return NULL;
	buf[len] = '\0';
	slash = strrchr(buf, '/');
	if (!slash)
		return NULL;
	*(slash == buf ? slash + 1 : slash) = '\0';
	return strdup(buf);
}

/* Whether dir/name is a regular file. */
static bool has_file(const char *dir, const char *name)
{
	char *path = cfg_join(dir, name);
	struct stat st;
	bool yes = path && stat(path, &st) == 0 && S_ISREG(st.st_mode);

	free(path);
	return yes;
}

/*
 * The themes/ of the source tree the running binary was built in, newly
 * allocated, or NULL: the binary's directory (./cxo) or its parent
 * (build/cxo, build-san/cxo ...) when that holds the tree's Makefile and
 * themes/default.theme.  An installed binary has none: nothing is derived
 * from where it is installed (/usr/local/bin/cxo looks in neither
 * /usr/local/bin/themes nor /usr/local/themes), only CXO_DATADIR is.
 */
static char *source_themes(void)
{
	char *dir = exe_dir(), *themes = NULL, *slash;

	for (int up = 0; dir && up < 2; up++) {
		if (has_file(dir, "Makefile") && has_file(dir, "themes/default.theme")) {
			themes = cfg_join(dir, "themes");
			break;
		}
		slash = strrchr(dir, '/');
		if (!slash || slash == dir)
			break;
		*slash = '\0';
	}
	free(dir);
	return themes;
}

char **theme_dirs(void)
{
	const char *env = getenv("CXO_THEME_DIR");
	char **dirs = calloc(1, sizeof *dirs);
	char *cfgdir, *src;
	size_t n = 0;
	bool ok = dirs != NULL;

	if (ok && env && env[0])
		ok = dirs_add(&dirs, &n, strdup(env));
	cfgdir = config_dir();
	if (ok && cfgdir)
		ok = dirs_add(&dirs, &n, cfg_join(cfgdir, "themes"));
	free(cfgdir);
	/* Run from its build tree, cxo uses that tree's themes, not those of
	 * an older installation. */
	src = source_themes();
	if (ok && src)
		ok = dirs_add(&dirs, &n, src);
	else
		free(src);
	if (ok)
		ok = dirs_add(&dirs, &n, strdup(CXO_DATADIR "/themes"));
	if (!ok) {
		theme_dirs_free(dirs);
		return NULL;
	}
	return dirs;
}

void theme_dirs_free(char **dirs)
{
	size_t i;

	if (!dirs)
		return;
	for (i = 0; dirs[i]; i++)
		free(dirs[i]);
	free(dirs);
}

static void append(char *buf, size_t n, const char *s)
{
	size_t len = strlen(buf);

	if (len < n)
		snprintf(buf + len, n - len, "%s", s);
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Appends "; available: a, b, c" for the themes found in dirs. */
static void append_available(char *buf, size_t n, char *const *dirs)
{
	char *names[64];
	size_t count = 0, i, sl = strlen(THEME_SUFFIX);

	for (; *dirs; dirs++) {
		DIR *d = opendir(*dirs);
		struct dirent *e;

		if (!d)
			continue;
		while ((e = readdir(d)) != NULL && count < 64) {
			size_t len = strlen(e->d_name);
			bool dup = false;

			if (len <= sl || e->d_name[0] == '.' ||
			    strcmp(e->d_name + len - sl, THEME_SUFFIX) != 0)
				continue;
			e->d_name[len - sl] = '\0';
			for (i = 0; i < count; i++)
				dup = dup || strcmp(names[i], e->d_name) == 0;
			if (!dup && (names[count] = strdup(e->d_name)) != NULL)
				count++;
		}
		closedir(d);
	}
	if (count == 0)
		return;
	qsort(names, count, sizeof names[0], cmp_str);
	append(buf, n, "; available: ");
	for (i = 0; i < count; i++) {
		if (i)
			append(buf, n, ", ");
		append(buf, n, names[i]);
		free(names[i]);
	}
}

int theme_load(const char *name, struct theme *out, char *err, size_t errsz)
{
	char **dirs, *file, *path;
	struct stat st;
	size_t i;
	int rc;

	theme_defaults(out);
	if (errsz)
		err[0] = '\0';
	if (!name || !name[0] || strchr(name, '/')) {
		snprintf(err, errsz,
		         "bad theme name \"%s\" (expected a name such "
		         "as default, light, solarized-dark or mono, not a path)",
		         name ? name : "");
		return EX_CONFIG;
	}
	dirs = theme_dirs();
	file = malloc(strlen(name) + strlen(THEME_SUFFIX) + 1);
	if (!dirs || !file) {
		theme_dirs_free(dirs);
		free(file);
		snprintf(err, errsz, "out of memory");
		return EX_CONFIG;
	}
	strcpy(file, name);
	strcat(file, THEME_SUFFIX);
	for (i = 0; dirs[i]; i++) {
		path = cfg_join(dirs[i], file);
		if (!path) {
			rc = EX_CONFIG;
			snprintf(err, errsz, "out of memory");
			goto done;
		}
		if (stat(path, &st) == 0 || errno != ENOENT) {
			rc = theme_load_file(path, out, err, errsz);
			if (rc == 0) {
				/* The name asked for, not a guess from the path. */
				free(out->name);
				out->name = strdup(name);
				if (!out->name) {
					theme_free(out);
					snprintf(err, errsz, "out of memory");
					rc = EX_CONFIG;
				}
			}
			free(path);
			goto done;
		}
		free(path);
	}
	/* The default theme is built in too, so a copied or uninstalled
	 * binary still opens the dashboard. */
	if (!strcmp(name, "default")) {
		out->name = strdup(name);
		rc = out->name ? 0 : EX_CONFIG;
		if (rc)
			snprintf(err, errsz, "out of memory");
		goto done;
	}
	snprintf(err, errsz, "unknown theme \"%s\" (looked in ", name);
	for (i = 0; dirs[i]; i++) {
		if (i)
			append(err, errsz, ", ");
		append(err, errsz, dirs[i]);
	}
	append_available(err, errsz, dirs);
	append(err, errsz, ")");
	rc = EX_CONFIG;
done:
	free(file);
	theme_dirs_free(dirs);
	return rc;
}

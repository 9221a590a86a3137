/*
 * cfgfile.c: reading libconfig files with messages that point at the
 * offending file and line.
 */
#include "cfgfile.h"

#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cxo/fileperm.h"

const char *cfg_home(void)
{
	const char *home = getenv("HOME");

	if (!home || home[0] != '/')
		return NULL;
	return home;
}

char *cfg_join(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);
	char *p;

	/* "/" + "themes" must not become "//themes" */
	while (la > 1 && a[la - 1] == '/')
		la--;
	p = malloc(la + 1 + lb + 1);
	if (!p)
		return NULL;
	memcpy(p, a, la);
	p[la] = '/';
	memcpy(p + la + 1, b, lb + 1);
	return p;
}

/* Copies s into buf, replacing control bytes so a message cannot carry
 * terminal escapes. */
static void copy_printable(char *buf, size_t n, const char *s)
{
	size_t i = 0;

	if (n == 0)
		return;
	for (; *s && i + 1 < n; s++)
		buf[i++] = ((unsigned char)*s < 0x20 || *s == 0x7f) ? '?' : *s;
	buf[i] = '\0';
}

static void append(char *buf, size_t n, const char *s)
{
	size_t len = strlen(buf);

	if (len < n)
		snprintf(buf + len, n - len, "%s", s);
}

void cfg_describe(const config_setting_t *s, char *buf, size_t n)
{
	char tmp[128];
	int i, len;

	if (n == 0)
		return;
	buf[0] = '\0';
	switch (config_setting_type(s)) {
	case CONFIG_TYPE_STRING:
		copy_printable(tmp, sizeof tmp, config_setting_get_string(s));
		snprintf(buf, n, "\"%s\"", tmp);
		break;
	case CONFIG_TYPE_INT:
		snprintf(buf, n, "%d", config_setting_get_int(s));
		break;
	case CONFIG_TYPE_INT64:
		snprintf(buf, n, "%lld", config_setting_get_int64(s));
		break;
	case CONFIG_TYPE_FLOAT:
		snprintf(buf, n, "%g", config_setting_get_float(s));
		break;
	case CONFIG_TYPE_BOOL:
		snprintf(buf, n, "%s", config_setting_get_bool(s) ? "true" : "false");
		break;
	case CONFIG_TYPE_GROUP:
	case CONFIG_TYPE_ARRAY:
	case CONFIG_TYPE_LIST:
		len = config_setting_length(s);
		append(buf, n,
		       config_setting_is_group(s)   ? "{"
		       : config_setting_is_array(s) ? "["
		                                    : "(");
		for (i = 0; i < len; i++) {
			const config_setting_t *e = config_setting_get_elem(s, (unsigned)i);

			if (!e)
				break;
			if (i > 0)
				append(buf, n, config_setting_is_group(s) ? " " : ", ");
			else
				append(buf, n, " ");
			if (config_setting_is_group(s)) {
				copy_printable(tmp, sizeof tmp, config_setting_name(e));
				append(buf, n, tmp);
				append(buf, n, " = ");
			}
			cfg_describe(e, tmp, sizeof tmp);
			append(buf, n, tmp);
			if (config_setting_is_group(s))
				append(buf, n, ";");
		}
		append(buf, n,
		       config_setting_is_group(s)   ? " }"
		       : config_setting_is_array(s) ? " ]"
		                                    : " )");
		break;
	default:
		snprintf(buf, n, "(unknown)");
		break;
	}
}

void cfg_setting_path(const config_setting_t *s, char *buf, size_t n)
{
	const config_setting_t *chain[16];
	char part[96];
	int depth = 0;

	if (n == 0)
		return;
	buf[0] = '\0';
	while (s && !config_setting_is_root(s) && depth < 16) {
		chain[depth++] = s;
		s = config_setting_parent(s);
	}
	while (depth-- > 0) {
		const config_setting_t *e = chain[depth];

		if (config_setting_name(e)) {
			copy_printable(part, sizeof part, config_setting_name(e));
			if (buf[0])
				append(buf, n, ".");
			append(buf, n, part);
		} else {
			snprintf(part, sizeof part, "[%d]", config_setting_index(e));
			append(buf, n, part);
		}
	}
}

static unsigned setting_line(const config_setting_t *s)
{
	/* Array elements may carry no line of their own: use the nearest
	 * enclosing setting's. */
	while (s && config_setting_source_line(s) == 0)
		s = config_setting_parent(s);
	return s ? config_setting_source_line(s) : 0;
}

void cfg_error(char *err, size_t errsz, const config_setting_t *s, const char *path,
               const char *fmt, ...)
{
	const char *file =
	        (s && config_setting_source_file(s)) ? config_setting_source_file(s) : path;
	unsigned line = setting_line(s);
	size_t used;
	va_list ap;
	int w;

	if (errsz == 0)
		return;
	if (line > 0)
		w = snprintf(err, errsz, "%s:%u: ", file ? file : "(config)", line);
	else
		w = snprintf(err, errsz, "%s: ", file ? file : "(config)");
	used = w < 0 ? 0 : (size_t)w;
	if (used >= errsz)
		return;
	va_start(ap, fmt);
	vsnprintf(err + used, errsz - used, fmt, ap);
	va_end(ap);
}

/* The directory part of path, newly allocated ("." when none). */
static char *dir_of(const char *path)
{
	const char *slash = strrchr(path, '/');
	size_t len;
	char *d;

	if (!slash)
		return strdup(".");
	len = slash == path ? 1 : (size_t)(slash - path);
	d = malloc(len + 1);
	if (!d)
		return NULL;
	memcpy(d, path, len);
	d[len] = '\0';
	return d;
}

/* ---- @include, checked before libconfig opens it ----
 *
 * libconfig 1.5 opens an included file with fopen() alone: a directory
 * (`@include ""` names the including file's directory, `"."` too) opens,
 * and the first read of it ends the process in flex's "input in flex
 * scanner failed" (exit 2); a FIFO would block.  Before libconfig reads a
 * file, every @include it would follow is found here, with the same
 * lexing (only at the start of a line, after spaces or tabs; not in a
 * comment or a string), and named where it stands unless it is a
 * readable regular file. */

/* As deep as libconfig's own limit: past it, libconfig says so. */
#define INCLUDE_DEPTH_MAX 10

static char *read_text(FILE *fp)
{
	size_t cap = 4096, len = 0;
	char *buf = malloc(cap);
	while (buf) {
		size_t got = fread(buf + len, 1, cap - len - 1, fp);
		len += got;
		if (got == 0)
			break;
		if (cap - len - 1 == 0) {
			char *bigger = cap < (SIZE_MAX / 2) ? realloc(buf, cap * 2) : NULL;
			if (!bigger) {
				free(buf);
				return NULL;
			}
			buf = bigger;
			cap *= 2;
		}
	}
	if (!buf || ferror(fp)) {
		free(buf);
		return NULL;
	}
	buf[len] = '\0';
	return buf;
}

static bool check_includes(const char *dir, const char *file, const char *text, int depth,
                           bool *unsafe, char *err, size_t errsz);

/* name, from an @include at file:line, as libconfig 1.5 opens it: the
 * include directory (the top file's), '/', then the name, even an
 * absolute one. */
static bool check_include(const char *dir, const char *file, int line, const char *name, int depth,
                          bool *unsafe, char *err, size_t errsz)
{
	char shown[128];
	copy_printable(shown, sizeof shown, name);
	char *full = dir ? cfg_join(dir, name) : strdup(name);
	if (!full) {
		snprintf(err, errsz, "%s:%d: out of memory", file, line);
		return false;
	}
	struct stat st;
	const char *why = NULL;
	FILE *fp = NULL;
	if (name[0] == '\0')
		why = "an empty file name (expected a file beside the configuration)";
	else if (stat(full, &st) != 0)
		why = strerror(errno);
	else if (S_ISDIR(st.st_mode))
		why = "a directory, not a file";
	else if (!S_ISREG(st.st_mode))
		why = "not a regular file";
	else if (!(fp = fopen(full, "r")))
		why = strerror(errno);
	if (why) {
		snprintf(err, errsz, "%s:%d: @include \"%s\": %s", file, line, shown, why);
		free(full);
		return false;
	}
	/* An included file is settings too: as much the user's own. */
	char perm[512];
	if (fstat(fileno(fp), &st) != 0 ||
	    !fileperm_ok(full, &st, FILEPERM_TRUSTED, (unsigned)geteuid(), perm, sizeof perm)) {
		snprintf(err, errsz, "%s:%d: @include \"%s\": %s", file, line, shown, perm);
		*unsafe = true;
		fclose(fp);
		free(full);
		return false;
	}
	bool ok = true;
	if (depth < INCLUDE_DEPTH_MAX) {
		char *text = read_text(fp);
		if (!text) {
			snprintf(err, errsz, "%s:%d: @include \"%s\": cannot read it", file, line,
			         shown);
			ok = false;
		} else {
			ok = check_includes(dir, full, text, depth + 1, unsafe, err, errsz);
		}
		free(text);
	}
	fclose(fp);
	free(full);
	return ok;
}

static bool check_includes(const char *dir, const char *file, const char *text, int depth,
                           bool *unsafe, char *err, size_t errsz)
{
	enum { CODE, COMMENT, STRING } state = CODE;
	bool bol = true; /* only spaces and tabs since the line began */
	int line = 1;
	const char *p = text;

	while (*p) {
		if (*p == '\n') {
			line++;
			bol = true;
			p++;
			continue;
		}
		if (state != CODE)
			bol = false;
		if (state == COMMENT) {
			if (p[0] == '*' && p[1] == '/') {
				state = CODE;
				p++;
			}
			p++;
			continue;
		}
		if (state == STRING) {
			if (p[0] == '\\' && (p[1] == '\\' || p[1] == '"'))
				p++;
			else if (p[0] == '"')
				state = CODE;
			p++;
			continue;
		}
		if (bol && (*p == ' ' || *p == '\t')) {
			p++;
			continue;
		}
		if (bol && !strncmp(p, "@include", 8) && (p[8] == ' ' || p[8] == '\t')) {
			const char *q = p + 8;
			q += strspn(q, " \t");
			if (*q == '"') {
				size_t cap = strlen(q) + 1, len = 0;
				char *name = malloc(cap);
				int at = line;
				if (!name) {
					snprintf(err, errsz, "%s:%d: out of memory", file, line);
					return false;
				}
				for (q++; *q && *q != '"'; q++) {
					if (q[0] == '\\' && (q[1] == '\\' || q[1] == '"'))
						q++;
					else if (*q == '\n')
						line++;
					name[len++] = *q;
				}
				name[len] = '\0';
				/* libconfig acts on the closing quote only */
				bool ok = !*q || check_include(dir, file, at, name, depth, unsafe,
				                               err, errsz);
				free(name);
				if (!ok)
					return false;
				p = *q ? q + 1 : q;
				bol = false;
				continue;
			}
		}
		bol = false;
		if (*p == '#' || (p[0] == '/' && p[1] == '/')) {
			p += strcspn(p, "\n");
			continue;
		}
		if (p[0] == '/' && p[1] == '*') {
			state = COMMENT;
			p += 2;
			continue;
		}
		if (*p == '"')
			state = STRING;
		p++;
	}
	return true;
}

enum cfg_read_result cfg_read(config_t *c, const char *path, char *err, size_t errsz)
{
	struct stat st;
	char *dir;
	FILE *fp;
	int ok;

	if (stat(path, &st) != 0) {
		if (errno == ENOENT)
			return CFG_READ_MISSING;
		snprintf(err, errsz, "%s: %s", path, strerror(errno));
		return CFG_READ_ERROR;
	}
	if (!S_ISREG(st.st_mode)) {
		snprintf(err, errsz, "%s: not a regular file", path);
		return CFG_READ_ERROR;
	}
	/* libconfig reports an unreadable file without the reason. */
	fp = fopen(path, "r");
	if (!fp) {
		snprintf(err, errsz, "%s: %s", path, strerror(errno));
		return CFG_READ_ERROR;
	}
	/* The file opened, not the name looked at: settings name the
	 * database and the editor, so no one else may write them. */
	if (fstat(fileno(fp), &st) != 0) {
		snprintf(err, errsz, "%s: %s", path, strerror(errno));
		fclose(fp);
		return CFG_READ_ERROR;
	}
	if (!fileperm_ok(path, &st, FILEPERM_TRUSTED, (unsigned)geteuid(), err, errsz)) {
		fclose(fp);
		return CFG_READ_UNSAFE;
	}
	char *whole = read_text(fp);
	fclose(fp);
	if (!whole) {
		snprintf(err, errsz, "%s: cannot read the file", path);
		return CFG_READ_ERROR;
	}

	/* @include "file" is relative to the including file's directory. */
	dir = dir_of(path);
	if (!dir) {
		free(whole);
		snprintf(err, errsz, "%s: out of memory", path);
		return CFG_READ_ERROR;
	}
	bool unsafe = false;
	bool includes_ok = check_includes(dir, path, whole, 0, &unsafe, err, errsz);
	free(whole);
	if (!includes_ok) {
		free(dir);
		return unsafe ? CFG_READ_UNSAFE : CFG_READ_ERROR;
	}
	config_set_include_dir(c, dir);
	free(dir); /* libconfig keeps its own copy */

	errno = 0;
	ok = config_read_file(c, path);
	if (ok == CONFIG_TRUE)
		return CFG_READ_OK;
	if (config_error_type(c) == CONFIG_ERR_FILE_IO) {
		snprintf(err, errsz, "%s: %s", path,
		         errno ? strerror(errno) : "cannot read the file");
		return CFG_READ_ERROR;
	}
	{
		const char *file = config_error_file(c) ? config_error_file(c) : path;
		const char *text = config_error_text(c) ? config_error_text(c) : "parse error";

		if (config_error_line(c) > 0)
			snprintf(err, errsz, "%s:%d: %s", file, config_error_line(c), text);
		else
			snprintf(err, errsz, "%s: %s", file, text);
	}
	return CFG_READ_ERROR;
}

/* ---- suggestions ---- */

#define SUGGEST_MAX 64

static int lower(int c)
{
	return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c;
}

/* Edits from a to b (insert, delete, replace, or swap two neighbours),
 * case aside; both at most SUGGEST_MAX bytes. */
static size_t edits(const char *a, size_t la, const char *b, size_t lb)
{
	size_t d[SUGGEST_MAX + 1][SUGGEST_MAX + 1];
	for (size_t i = 0; i <= la; i++)
		d[i][0] = i;
	for (size_t j = 0; j <= lb; j++)
		d[0][j] = j;
	for (size_t i = 1; i <= la; i++) {
		for (size_t j = 1; j <= lb; j++) {
			size_t cost = lower(a[i - 1]) != lower(b[j - 1]);
			size_t best = d[i - 1][j] + 1;
			if (d[i][j - 1] + 1 < best)
				best = d[i][j - 1] + 1;
			if (d[i - 1][j - 1] + cost < best)
				best = d[i - 1][j - 1] + cost;
			if (i > 1 && j > 1 && lower(a[i - 1]) == lower(b[j - 2]) &&
			    lower(a[i - 2]) == lower(b[j - 1]) && d[i - 2][j - 2] + 1 < best)
				best = d[i - 2][j - 2] + 1;
			d[i][j] = best;
		}
	}
	return d[la][lb];
}

void cfg_suggest(const char *name, const char *known, char *buf, size_t n)
{
	size_t ln = strlen(name), best = SIZE_MAX, ties = 0;
	const char *found = NULL;
	size_t found_len = 0;

	if (n)
		buf[0] = '\0';
	if (!n || ln == 0 || ln > SUGGEST_MAX)
		return;
	for (const char *p = known; *p;) {
		size_t len = strcspn(p, ", ");
		if (len && len <= SUGGEST_MAX) {
			size_t e = edits(name, ln, p, len);
			if (e < best) {
				best = e;
				ties = 1;
				found = p;
				found_len = len;
			} else if (e == best) {
				ties++;
			}
		}
		p += len;
		p += strspn(p, ", ");
	}
	/* A near miss only: another case, or one or two edits, fewer than half
	 * the name. */
	if (found && ties == 1 && best <= 2 && best * 2 < found_len)
		snprintf(buf, n, "%.*s", (int)found_len, found);
}

/*
 * notes.c: what the shell and the dashboard share about a note's text:
 * tidying it, its first line, reading it from a file or a pipe, and
 * writing it in the user's editor (editor.c).
 */
#include "internal.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include <unistd.h>

#include "cxo/editor.h"
#include "cxo/text.h"

static int refuse(int code, char *err, size_t errsz, const char *fmt, ...)
        __attribute__((format(printf, 4, 5)));

/* The message into err, sanitised: it may name $TMPDIR or $EDITOR. */
static int refuse(int code, char *err, size_t errsz, const char *fmt, ...)
{
	char raw[1024];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(raw, sizeof raw, fmt, ap);
	va_end(ap);
	text_sanitize_into(raw, err, errsz);
	return code;
}

/* ---- the text ---- */

char *note_tidy(char *s)
{
	if (!s)
		return NULL;
	char *w = s;
	for (const char *r = s; *r; r++) {
		if (*r == '\r') {
			*w++ = '\n';
			if (r[1] == '\n')
				r++;
			continue;
		}
		*w++ = *r;
	}
	*w = '\0';
	return text_trim(s);
}

static bool blank(const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r')
			return false;
	return true;
}

size_t note_first_line(const char *text, int *more)
{
	const char *s = text ? text : "";
	size_t first = strcspn(s, "\n");
	int n = 0;
	for (const char *p = s + first; *p;) {
		p++; /* the '\n' */
		size_t len = strcspn(p, "\n");
		n += !blank(p, len);
		p += len;
	}
	if (more)
		*more = n;
	return first;
}

/* ---- reading ---- */

/* All of fd, up to NOTE_READ_MAX bytes, as a tidied string in *out. */
static int read_all(int fd, const char *what, char **out, char *err, size_t errsz)
{
	size_t len = 0, cap = 4096;
	char *buf = malloc(cap);
	*out = NULL;
	if (!buf)
		return refuse(EX_OSERR, err, errsz, "out of memory");
	while (len <= NOTE_READ_MAX) {
		if (len + 1 >= cap) {
			char *bigger = realloc(buf, cap * 2);
			if (!bigger) {
				free(buf);
				return refuse(EX_OSERR, err, errsz, "out of memory");
			}
			buf = bigger;
			cap *= 2;
		}
		ssize_t got = read(fd, buf + len, cap - len - 1);
		if (got < 0 && errno == EINTR)
			continue;
		if (got < 0) {
			int e = errno;
			free(buf);
			return refuse(EX_IOERR, err, errsz, "cannot read %s: %s", what,
			              strerror(e));
		}
		if (got == 0)
			break;
		len += (size_t)got;
	}
	buf[len] = '\0';
	if (len > NOTE_READ_MAX || memchr(buf, '\0', len)) {
		free(buf);
		if (len > NOTE_READ_MAX)
			return refuse(EX_DATAERR, err, errsz,
			              "%s is too long for a note (more than %d KiB)", what,
			              NOTE_READ_MAX / 1024);
		return refuse(EX_DATAERR, err, errsz, "%s is not text (it holds a NUL byte)", what);
	}
	*out = note_tidy(buf);
	return 0;
}

int app_read_text(int fd, const char *what, char **out, char *err, size_t errsz)
{
	return read_all(fd, what, out, err, errsz);
}

/* ---- the editor ---- */

int app_edit_text(const char *initial, char **out, char *err, size_t errsz)
{
	struct editor_run r;
	char end_err[512];
	*out = NULL;
	int rc = editor_edit(&r, "note", initial, err, errsz);
	if (!rc && r.outcome == EDITOR_SAVED) {
		*out = note_tidy(r.text);
		r.text = NULL;
	} else if (!rc && r.outcome == EDITOR_UNCHANGED) {
		char *copy = strdup(initial ? initial : "");
		if (!copy)
			rc = refuse(EX_OSERR, err, errsz, "out of memory");
		*out = note_tidy(copy);
	} else if (!rc && !(*out = strdup(""))) {
		rc = refuse(EX_OSERR, err, errsz, "out of memory");
	}
	/* Whatever happened, the text leaves no copy behind. */
	int end = editor_end(&r, false, end_err, sizeof end_err);
	if (end && !rc)
		rc = refuse(end, err, errsz, "%s", end_err);
	if (rc) {
		free(*out);
		*out = NULL;
	}
	return rc;
}

/*
 * format.c: small pure helpers for drawing: fitting text by words, tab
 * labels, bars and charts, wrapping.  No curses here.
 */
#include "format.h"

#include "glyphs.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cxo/text.h"

int fit_words(const char *s, int width, bool utf8, char *buf, size_t n)
{
	int cols = text_fit(s, width, utf8, buf, n);
	if (n == 0 || cols <= 0 || text_width(s) <= width)
		return cols;
	/* Cut: step back to the last space when it keeps two thirds. */
	const char *ell = glyph(GL_ELLIPSIS, utf8); /* the mark text_fit cuts with */
	size_t len = strlen(buf), ell_len = strlen(ell);
	if (len < ell_len)
		return cols;
	len -= ell_len;
	size_t cut = len;
	while (cut > 0 && buf[cut - 1] != ' ')
		cut--;
	if (cut == 0)
		return cols;
	while (cut > 0 && buf[cut - 1] == ' ')
		cut--;
	buf[cut] = '\0';
	if (text_width(buf) < width * 2 / 3) {
		/* Too far back: keep the character cut instead. */
		return text_fit(s, width, utf8, buf, n);
	}
	if (cut + ell_len < n) {
		memcpy(buf + cut, ell, ell_len + 1);
	}
	return text_width(buf);
}

const char *role_label(const char *role)
{
	if (!role || !*role)
		return "";
	if (!strcmp(role, "cio"))
		return "CIO";
	if (!strcmp(role, "cto"))
		return "CTO";
	if (!strcmp(role, "ciso"))
		return "CISO";
	if (!strcmp(role, "interim"))
		return "Interim";
	return role;
}

const char *pace_phrase(const struct pace *p)
{
	switch (p->level) {
	case PACE_OVER:
		return "over budget";
	case PACE_WARNING:
		return "warning";
	case PACE_BEHIND:
		return "behind";
	case PACE_OK:
		break;
	}
	return p->judged ? "on pace" : "too early";
}

/* The first word of a name, sanitised, into buf.  No allocation: the tab
 * bar asks for every client's on each redraw. */
static void first_word(const char *name, char *buf, size_t n)
{
	char clean[256];
	if (n == 0)
		return;
	text_sanitize_into(name, clean, sizeof clean);
	const char *p = clean;
	while (*p == ' ')
		p++;
	size_t len = strcspn(p, " ");
	if (len >= n)
		len = n - 1;
	/* Never split a UTF-8 sequence. */
	while (len > 0 && ((unsigned char)p[len] & 0xc0) == 0x80)
		len--;
	memcpy(buf, p, len);
	buf[len] = '\0';
}

void client_short_name(const struct client_list *l, size_t i, char *buf, size_t n)
{
	char mine[128], other[128];
	const struct client *c = &l->items[i];

	if (n == 0)
		return;
	first_word(c->name, mine, sizeof mine);
	bool unique = mine[0] != '\0';
	for (size_t j = 0; unique && j < l->n; j++) {
		if (j == i)
			continue;
		first_word(l->items[j].name, other, sizeof other);
		if (text_ieq(mine, other))
			unique = false;
	}
	snprintf(buf, n, "%s", unique ? mine : c->key);
}

void tab_label(const struct client_list *l, size_t i, bool utf8, char *buf, size_t n)
{
	char name[128];
	const char *role = role_label(l->items[i].role);
	const char *dot = glyph(GL_SEP, utf8);

	client_short_name(l, i, name, sizeof name);
	if (i < 9)
		snprintf(buf, n, "%zu %s%s%s", i + 1, name, *role ? dot : "", role);
	else
		snprintf(buf, n, "%s%s%s", name, *role ? dot : "", role);
}

void bar_cells(long value, long max, int width, int *full, int *frac8)
{
	*full = 0;
	*frac8 = 0;
	if (width <= 0 || max <= 0 || value <= 0)
		return;
	long long e = (long long)value * width * 8 / max;
	if (e > (long long)width * 8)
		e = (long long)width * 8;
	if (e == 0)
		e = 1; /* something logged shows */
	*full = (int)(e / 8);
	*frac8 = (int)(e % 8);
}

void chart_heights(const long *values, int n, int rows, int *eighths)
{
	long max = 0;
	for (int i = 0; i < n; i++)
		if (values[i] > max)
			max = values[i];
	for (int i = 0; i < n; i++) {
		if (max <= 0 || values[i] <= 0 || rows <= 0) {
			eighths[i] = 0;
			continue;
		}
		long long e = ((long long)values[i] * rows * 8 + max / 2) / max;
		if (e < 1)
			e = 1;
		eighths[i] = (int)e;
	}
}

/* Emits one line and counts it. */
static void emit_line(const char *line, int *count, void (*emit)(const char *, void *), void *ctx)
{
	(*count)++;
	if (emit)
		emit(line, ctx);
}

/* Wraps one paragraph (no newlines, already sanitised). */
static void wrap_para(const char *p, int width, bool utf8, int *count,
                      void (*emit)(const char *, void *), void *ctx)
{
	char line[1024], word[1024], fitted[1024];
	int line_w = 0;

	line[0] = '\0';
	while (*p) {
		while (*p == ' ')
			p++;
		if (!*p)
			break;
		size_t len = strcspn(p, " ");
		if (len >= sizeof word)
			len = sizeof word - 1;
		memcpy(word, p, len);
		word[len] = '\0';
		p += strcspn(p, " ");
		int ww = text_width(word);
		if (ww > width) {
			/* A word longer than a line gets a line of its own, cut. */
			if (line_w) {
				emit_line(line, count, emit, ctx);
				line[0] = '\0';
				line_w = 0;
			}
			text_fit(word, width, utf8, fitted, sizeof fitted);
			emit_line(fitted, count, emit, ctx);
			continue;
		}
		if (line_w && line_w + 1 + ww > width) {
			emit_line(line, count, emit, ctx);
			line[0] = '\0';
			line_w = 0;
		}
		if (strlen(line) + len + 2 >= sizeof line)
			break;
		if (line_w) {
			strcat(line, " ");
			line_w++;
		}
		text_fit(word, ww, utf8, fitted, sizeof fitted);
		strcat(line, fitted);
		line_w += ww;
	}
	if (line_w)
		emit_line(line, count, emit, ctx);
}

int wrap_text(const char *s, int width, bool utf8, void (*emit)(const char *line, void *ctx),
              void *ctx)
{
	int count = 0;
	if (width <= 0)
		return 0;
	if (!s)
		s = "";
	do {
		size_t len = strcspn(s, "\n");
		char *para = malloc(len + 1);
		if (!para)
			return count;
		memcpy(para, s, len);
		para[len] = '\0';
		char *clean = text_sanitize(para);
		free(para);
		if (!clean)
			return count;
		int before = count;
		wrap_para(clean, width, utf8, &count, emit, ctx);
		if (count == before)
			emit_line("", &count, emit, ctx);
		free(clean);
		s += len;
		if (*s != '\n' || !s[1])
			break;
		s++;
	} while (1);
	return count;
}

/*
 * table.c: one builder for every list the shell prints.  Cells keep the
 * exact text (JSON carries it escaped); tables and TSV print a sanitised
 * copy, aligned by display width, so no stored string can move the
 * cursor or break a column.
 */
#include "internal.h"

#include <jansson.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "cxo/text.h"

/* Widest a column other than the last may grow in a table. */
#define MAX_COL_WIDTH 48

struct column {
	char *header;
	char *key;
	enum col_kind kind;
};

/*
 * For tables and TSV a cell holds its sanitised text and display width,
 * worked out once as it is added; for JSON, the exact text.  All cell text
 * lives in a few large blocks freed together, so a long list costs no
 * allocation per cell.
 */
struct cell {
	const char *text;
	unsigned len; /* bytes of text */
	int width;
	enum cell_color color;
};

struct block {
	struct block *next;
	size_t used, cap;
	char data[];
};

struct table {
	enum output_format fmt;
	bool color;
	bool oom;
	struct column *cols;
	size_t ncols;
	struct cell *cells; /* rows * ncols */
	size_t nrows;
	size_t cap;           /* cells allocated */
	size_t filled;        /* cells filled in the current row */
	struct block *blocks; /* newest first */
};

struct table *table_new(enum output_format fmt, bool color)
{
	struct table *t = calloc(1, sizeof *t);
	if (t) {
		t->fmt = fmt;
		t->color = color && fmt == FORMAT_TABLE;
	}
	return t;
}

/* Room for len + 1 bytes of cell text, or NULL (and t->oom). */
static char *table_alloc(struct table *t, size_t len)
{
	struct block *b = t->blocks;
	if (!b || b->cap - b->used < len + 1) {
		size_t cap = len + 1 > 16384 ? len + 1 : 16384;
		if (!(b = malloc(sizeof *b + cap))) {
			t->oom = true;
			return NULL;
		}
		b->used = 0;
		b->cap = cap;
		b->next = t->blocks;
		t->blocks = b;
	}
	char *p = b->data + b->used;
	b->used += len + 1;
	return p;
}

void table_column(struct table *t, const char *header, const char *json_key, enum col_kind kind)
{
	struct column *c = realloc(t->cols, (t->ncols + 1) * sizeof *c);
	if (!c) {
		t->oom = true;
		return;
	}
	t->cols = c;
	c[t->ncols].header = strdup(header);
	c[t->ncols].key = strdup(json_key);
	c[t->ncols].kind = kind;
	if (!c[t->ncols].header || !c[t->ncols].key)
		t->oom = true;
	t->ncols++;
}

void table_row(struct table *t)
{
	if (t->ncols == 0)
		return;
	if ((t->nrows + 1) * t->ncols > t->cap) {
		size_t cap = t->cap ? t->cap * 2 : 64 * t->ncols;
		while (cap < (t->nrows + 1) * t->ncols)
			cap *= 2;
		struct cell *c = realloc(t->cells, cap * sizeof *c);
		if (!c) {
			t->oom = true;
			return;
		}
		t->cells = c;
		t->cap = cap;
	}
	memset(&t->cells[t->nrows * t->ncols], 0, t->ncols * sizeof *t->cells);
	t->nrows++;
	t->filled = 0;
}

void table_cell_color(struct table *t, const char *text, enum cell_color color)
{
	if (!t->nrows || t->filled >= t->ncols || t->oom)
		return;
	struct cell *c = &t->cells[(t->nrows - 1) * t->ncols + t->filled++];
	const char *s = text ? text : "";
	size_t len;
	bool plain = text_plain(s, &len);
	char *copy;
	c->color = color;
	if (plain || t->fmt == FORMAT_JSON) {
		if (!plain)
			len += strlen(s + len);
		if (!(copy = table_alloc(t, len)))
			return;
		memcpy(copy, s, len + 1);
		c->width = plain ? (int)(len < INT32_MAX ? len : INT32_MAX) : 0;
		c->text = copy;
		c->len = (unsigned)len;
		return;
	} else {
		char *clean = text_sanitize(s);
		if (!clean || !(copy = table_alloc(t, strlen(clean)))) {
			t->oom = true;
			free(clean);
			return;
		}
		strcpy(copy, clean);
		free(clean);
		c->width = text_width(copy);
	}
	c->text = copy;
	c->len = (unsigned)strlen(copy);
}

void table_cell(struct table *t, const char *text)
{
	table_cell_color(t, text, CC_NONE);
}

void table_cellf(struct table *t, const char *fmt, ...)
{
	char buf[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	table_cell(t, buf);
}

void table_cell_long(struct table *t, long v)
{
	char buf[24], rev[24], *p = buf;
	unsigned long u = v < 0 ? 0UL - (unsigned long)v : (unsigned long)v;
	int k = 0;
	do {
		rev[k++] = (char)('0' + u % 10);
		u /= 10;
	} while (u);
	if (v < 0)
		*p++ = '-';
	while (k)
		*p++ = rev[--k];
	*p = '\0';
	table_cell(t, buf);
}

void table_cell_id(struct table *t, const char *id)
{
	char sid[SHORT_ID_LEN + 1];
	if (t->fmt == FORMAT_JSON) {
		table_cell(t, id);
		return;
	}
	uuid_short(id, sid);
	table_cell(t, sid);
}

static const char *color_code(enum cell_color c)
{
	switch (c) {
	case CC_RED:
		return "\033[31m";
	case CC_YELLOW:
		return "\033[33m";
	case CC_GREEN:
		return "\033[32m";
	case CC_DIM:
		return "\033[2m";
	case CC_BOLD:
		return "\033[1m";
	case CC_CYAN:
		return "\033[36m";
	case CC_MAGENTA:
		return "\033[35m";
	case CC_NONE:
		break;
	}
	return "";
}

/* One output line, built in memory and written with one fwrite. */
struct line {
	char *buf;
	size_t len, cap;
	bool oom;
};

/* Makes room for n more bytes; false (and l->oom) when out of memory. */
static bool line_grow(struct line *l, size_t n)
{
	size_t cap = l->cap ? l->cap : 4096;
	while (cap < l->len + n + 1)
		cap *= 2;
	char *b = realloc(l->buf, cap);
	if (!b) {
		l->oom = true;
		return false;
	}
	l->buf = b;
	l->cap = cap;
	return true;
}

static inline void line_put(struct line *l, const char *s, size_t n)
{
	if (l->len + n + 1 > l->cap && !line_grow(l, n))
		return;
	memcpy(l->buf + l->len, s, n);
	l->len += n;
}

static void line_str(struct line *l, const char *s)
{
	line_put(l, s, strlen(s));
}

static void line_pad(struct line *l, int n)
{
	static const char spaces[] =
	        "                                                                ";
	while (n > 0) {
		int k = n < (int)sizeof spaces - 1 ? n : (int)sizeof spaces - 1;
		line_put(l, spaces, (size_t)k);
		n -= k;
	}
}

/* Writes what has gathered once it is large, or at the end: one write
 * per block of lines rather than one per line. */
static int line_flush(struct line *l, FILE *fp, bool end)
{
	if (l->oom)
		return EX_OSERR;
	if (!end && l->len < 65536)
		return 0;
	if (fwrite(l->buf, 1, l->len, fp) != l->len)
		return EX_IOERR;
	l->len = 0;
	return 0;
}

static int print_table(struct table *t, FILE *fp)
{
	int *width = calloc(t->ncols, sizeof *width);
	struct cell *head = calloc(t->ncols, sizeof *head);
	struct line l = { 0 };
	int rc = 0;
	if (!width || !head) {
		free(width);
		free(head);
		return EX_OSERR;
	}
	for (size_t c = 0; c < t->ncols; c++) {
		head[c].text = t->cols[c].header;
		head[c].len = (unsigned)strlen(t->cols[c].header);
		head[c].width = text_width(t->cols[c].header);
		head[c].color = CC_BOLD;
		width[c] = head[c].width;
		for (size_t r = 0; r < t->nrows; r++) {
			int w = t->cells[r * t->ncols + c].width;
			if (w > width[c])
				width[c] = w;
		}
		if (c + 1 < t->ncols && width[c] > MAX_COL_WIDTH)
			width[c] = MAX_COL_WIDTH;
	}
	/* Large enough for any cell cut to MAX_COL_WIDTH. */
	char buf[MAX_COL_WIDTH * 4 + 8];
	for (size_t r = 0; r <= t->nrows && !rc; r++) {
		const struct cell *row = r ? &t->cells[(r - 1) * t->ncols] : head;
		for (size_t c = 0; c < t->ncols; c++) {
			const struct cell *cell = &row[c];
			const char *s = cell->text ? cell->text : "";
			size_t len = cell->text ? cell->len : 0;
			bool last = c + 1 == t->ncols;
			bool colored = t->color && cell->color != CC_NONE;
			if (c)
				line_put(&l, "  ", 2);
			int used = cell->width;
			if (!last && used > width[c]) {
				used = text_fit(s, width[c], true, buf, sizeof buf);
				s = buf;
				len = strlen(buf);
			}
			bool right = !last && t->cols[c].kind != COL_TEXT;
			if (right)
				line_pad(&l, width[c] - used);
			if (colored)
				line_str(&l, color_code(cell->color));
			line_put(&l, s, len);
			if (colored)
				line_put(&l, "\033[0m", 4);
			if (!last && !right)
				line_pad(&l, width[c] - used);
		}
		line_put(&l, "\n", 1);
		rc = line_flush(&l, fp, r == t->nrows);
	}
	free(l.buf);
	free(head);
	free(width);
	return rc;
}

static int print_tsv(struct table *t, FILE *fp)
{
	struct line l = { 0 };
	int rc = 0;
	for (size_t r = 0; r <= t->nrows && !rc; r++) {
		for (size_t c = 0; c < t->ncols; c++) {
			if (c)
				line_put(&l, "\t", 1);
			if (r) {
				const struct cell *cell = &t->cells[(r - 1) * t->ncols + c];
				if (t->cols[c].kind == COL_BOOL && cell->text && *cell->text)
					line_str(&l, strcmp(cell->text, "0") ? "true" : "false");
				else if (cell->text)
					line_put(&l, cell->text, cell->len);
				continue;
			}
			char *clean = text_sanitize(t->cols[c].key);
			if (!clean) {
				l.oom = true;
				break;
			}
			line_str(&l, clean);
			free(clean);
		}
		line_put(&l, "\n", 1);
		rc = line_flush(&l, fp, r == t->nrows);
	}
	free(l.buf);
	return rc;
}

static const char *cell_text(const struct table *t, size_t r, size_t c)
{
	const char *s = t->cells[r * t->ncols + c].text;
	return s ? s : "";
}

static json_t *json_cell(const struct column *col, const char *s)
{
	if (!*s)
		return json_null();
	switch (col->kind) {
	case COL_INT:
		return json_integer(strtoll(s, NULL, 10));
	case COL_BOOL:
		return json_boolean(strcmp(s, "0") != 0);
	case COL_TEXT:
	case COL_NUM:
		break;
	}
	return json_string(s);
}

int cli_json_dump(const json_t *v, FILE *fp)
{
	char *raw = json_dumps(v, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	if (!raw)
		return app_error(EX_OSERR, "out of memory");
	char *text = text_json_escape(raw);
	free(raw);
	if (!text)
		return app_error(EX_OSERR, "out of memory");
	int rc = fputs(text, fp) == EOF ? EX_IOERR : 0;
	free(text);
	return rc;
}

static int print_json(struct table *t, FILE *fp)
{
	json_t *arr = json_array();
	if (!arr)
		return EX_OSERR;
	for (size_t r = 0; r < t->nrows; r++) {
		json_t *obj = json_object();
		if (!obj || json_array_append_new(arr, obj)) {
			json_decref(arr);
			return EX_OSERR;
		}
		for (size_t c = 0; c < t->ncols; c++) {
			json_t *v = json_cell(&t->cols[c], cell_text(t, r, c));
			/* Invalid UTF-8 cannot be a JSON string: show it sanitised. */
			if (!v) {
				char *clean = text_sanitize(cell_text(t, r, c));
				v = clean ? json_string(clean) : NULL;
				free(clean);
			}
			if (!v || json_object_set_new(obj, t->cols[c].key, v)) {
				json_decref(arr);
				return EX_OSERR;
			}
		}
	}
	int rc = cli_json_dump(arr, fp);
	fputc('\n', fp);
	json_decref(arr);
	return rc;
}

int table_print(struct table *t, FILE *fp)
{
	if (t->oom)
		return app_error(EX_OSERR, "out of memory");
	int rc;
	switch (t->fmt) {
	case FORMAT_TSV:
		rc = print_tsv(t, fp);
		break;
	case FORMAT_JSON:
		rc = print_json(t, fp);
		break;
	default:
		rc = print_table(t, fp);
		break;
	}
	if (!rc && ferror(fp))
		rc = EX_IOERR;
	return rc;
}

void table_free(struct table *t)
{
	if (!t)
		return;
	while (t->blocks) {
		struct block *next = t->blocks->next;
		free(t->blocks);
		t->blocks = next;
	}
	for (size_t c = 0; c < t->ncols; c++) {
		free(t->cols[c].header);
		free(t->cols[c].key);
	}
	free(t->cells);
	free(t->cols);
	free(t);
}

/*
 * table.c: one builder for every list the shell prints.  Cells keep the
 * exact text (JSON carries it escaped); tables and TSV print a sanitised
 * copy, aligned by display width, so no stored string can move the
 * cursor or break a column.
 */
#include "cxo/cli.h"

#include <jansson.h>
#include <stdarg.h>
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

struct cell {
	char *text;            /* exact, as given */
	enum cell_color color;
};

struct table {
	enum output_format fmt;
	bool color;
	bool oom;
	struct column *cols;
	size_t ncols;
	struct cell *cells;    /* rows * ncols */
	size_t nrows;
	size_t cap;            /* cells allocated */
	size_t filled;         /* cells filled in the current row */
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
	c->text = strdup(text ? text : "");
	c->color = color;
	if (!c->text)
		t->oom = true;
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
	table_cellf(t, "%ld", v);
}

size_t table_rows(const struct table *t)
{
	return t->nrows;
}

static const char *color_code(enum cell_color c)
{
	switch (c) {
	case CC_RED: return "\033[31m";
	case CC_YELLOW: return "\033[33m";
	case CC_GREEN: return "\033[32m";
	case CC_DIM: return "\033[2m";
	case CC_BOLD: return "\033[1m";
	case CC_CYAN: return "\033[36m";
	case CC_MAGENTA: return "\033[35m";
	case CC_NONE: break;
	}
	return "";
}

static const char *cell_text(const struct table *t, size_t r, size_t c)
{
	const char *s = t->cells[r * t->ncols + c].text;
	return s ? s : "";
}

static int print_table(struct table *t, FILE *fp)
{
	int *width = calloc(t->ncols, sizeof *width);
	if (!width)
		return EX_OSERR;
	for (size_t c = 0; c < t->ncols; c++) {
		width[c] = text_width(t->cols[c].header);
		for (size_t r = 0; r < t->nrows; r++) {
			int w = text_width(cell_text(t, r, c));
			if (w > width[c])
				width[c] = w;
		}
		if (c + 1 < t->ncols && width[c] > MAX_COL_WIDTH)
			width[c] = MAX_COL_WIDTH;
	}
	/* Large enough for any cell cut to MAX_COL_WIDTH; the last column is
	 * sanitised whole. */
	char buf[MAX_COL_WIDTH * 4 + 8];
	for (size_t r = 0; r <= t->nrows; r++) {
		for (size_t c = 0; c < t->ncols; c++) {
			bool last = c + 1 == t->ncols;
			const char *s = r ? cell_text(t, r - 1, c) : t->cols[c].header;
			enum cell_color color = r ? t->cells[(r - 1) * t->ncols + c].color : CC_BOLD;
			const char *on = t->color ? color_code(color) : "";
			const char *off = t->color && color != CC_NONE ? "\033[0m" : "";
			if (c)
				fputs("  ", fp);
			if (last) {
				char *clean = text_sanitize(s);
				if (!clean) {
					free(width);
					return EX_OSERR;
				}
				fprintf(fp, "%s%s%s", on, clean, off);
				free(clean);
				continue;
			}
			int used = text_fit(s, width[c], true, buf, sizeof buf);
			int pad = width[c] - used;
			if (t->cols[c].kind != COL_TEXT)
				fprintf(fp, "%*s%s%s%s", pad, "", on, buf, off);
			else
				fprintf(fp, "%s%s%s%*s", on, buf, off, pad, "");
		}
		fputc('\n', fp);
	}
	free(width);
	return 0;
}

static int print_tsv(struct table *t, FILE *fp)
{
	for (size_t r = 0; r <= t->nrows; r++) {
		for (size_t c = 0; c < t->ncols; c++) {
			char *clean = text_sanitize(r ? cell_text(t, r - 1, c) : t->cols[c].key);
			if (!clean)
				return EX_OSERR;
			fprintf(fp, "%s%s", c ? "\t" : "", clean);
			free(clean);
		}
		fputc('\n', fp);
	}
	return 0;
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
	int rc = json_dumpf(arr, fp, JSON_INDENT(2) | JSON_PRESERVE_ORDER) ? EX_IOERR : 0;
	fputc('\n', fp);
	json_decref(arr);
	return rc;
}

int table_print(struct table *t, FILE *fp)
{
	if (t->oom)
		return cli_error(EX_OSERR, "out of memory");
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
	for (size_t i = 0; i < t->nrows * t->ncols; i++)
		free(t->cells[i].text);
	for (size_t c = 0; c < t->ncols; c++) {
		free(t->cols[c].header);
		free(t->cols[c].key);
	}
	free(t->cells);
	free(t->cols);
	free(t);
}

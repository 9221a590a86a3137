/*
 * doc.c: the document model: a title and blocks, every string copied.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "cxo/text.h"
#include "doc_impl.h"

struct doc *doc_new(const char *title)
{
	struct doc *d = calloc(1, sizeof *d);
	if (!d)
		return NULL;
	d->title = strdup(title ? title : "");
	if (!d->title) {
		free(d);
		return NULL;
	}
	return d;
}

static void free_strings(char **v, size_t n)
{
	if (!v)
		return;
	for (size_t i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

static void block_free(struct block *b)
{
	free(b->text);
	free(b->label);
	free_strings(b->heads, b->ncols);
	free(b->aligns);
	for (size_t r = 0; r < b->nrows; r++)
		free_strings(b->rows[r].cells, b->ncols);
	free(b->rows);
	free_strings(b->labels, b->nbars);
	free(b->minutes);
}

void doc_free(struct doc *d)
{
	if (!d)
		return;
	for (size_t i = 0; i < d->n; i++)
		block_free(&d->blocks[i]);
	free(d->blocks);
	free(d->title);
	free(d);
}

/* A new zeroed block at the end, or NULL when out of memory. */
static struct block *push(struct doc *d, enum block_kind kind)
{
	if (d->n == d->cap) {
		size_t cap = d->cap ? d->cap * 2 : 16;
		struct block *nb = realloc(d->blocks, cap * sizeof *nb);
		if (!nb)
			return NULL;
		d->blocks = nb;
		d->cap = cap;
	}
	struct block *b = &d->blocks[d->n];
	memset(b, 0, sizeof *b);
	b->kind = kind;
	return b;
}

/* Copies of n strings (NULL ones become ""), or NULL. */
static char **copy_strings(const char *const *src, size_t n)
{
	char **v = calloc(n ? n : 1, sizeof *v);
	if (!v)
		return NULL;
	for (size_t i = 0; i < n; i++) {
		v[i] = strdup(src && src[i] ? src[i] : "");
		if (!v[i]) {
			free_strings(v, i);
			return NULL;
		}
	}
	return v;
}

static int add_text(struct doc *d, enum block_kind kind, int level, const char *label,
                    const char *text)
{
	if (!d)
		return EX_SOFTWARE;
	struct block *b = push(d, kind);
	if (!b)
		return EX_OSERR;
	b->level = level;
	b->text = strdup(text ? text : "");
	b->label = label ? strdup(label) : NULL;
	if (!b->text || (label && !b->label)) {
		block_free(b);
		return EX_OSERR;
	}
	d->n++;
	return 0;
}

int doc_heading(struct doc *d, int level, const char *text)
{
	if (level < 1 || level > 3)
		return EX_SOFTWARE;
	return add_text(d, B_HEADING, level, NULL, text);
}

int doc_para(struct doc *d, const char *text)
{
	return add_text(d, B_PARA, 0, NULL, text);
}

int doc_note(struct doc *d, const char *text)
{
	return add_text(d, B_NOTE, 0, NULL, text);
}

int doc_fact(struct doc *d, const char *label, const char *value)
{
	return add_text(d, B_FACT, 0, label ? label : "", value);
}

int doc_item(struct doc *d, const char *text)
{
	return add_text(d, B_ITEM, 0, NULL, text);
}

void doc_compact(struct doc *d)
{
	if (d)
		d->compact = true;
}

int doc_page_break(struct doc *d)
{
	if (!d)
		return EX_SOFTWARE;
	if (!push(d, B_PAGE_BREAK))
		return EX_OSERR;
	d->n++;
	return 0;
}

int doc_table(struct doc *d, size_t ncols, const char *const *heads, const enum doc_align *aligns)
{
	if (!d || ncols < 1 || ncols > DOC_MAX_COLS)
		return EX_SOFTWARE;
	struct block *b = push(d, B_TABLE);
	if (!b)
		return EX_OSERR;
	b->ncols = ncols;
	b->heads = copy_strings(heads, ncols);
	b->aligns = calloc(ncols, sizeof *b->aligns);
	if (!b->heads || !b->aligns) {
		block_free(b);
		return EX_OSERR;
	}
	for (size_t i = 0; i < ncols; i++)
		b->aligns[i] = aligns && aligns[i] == DOC_RIGHT ? DOC_RIGHT : DOC_LEFT;
	d->n++;
	return 0;
}

static int add_row(struct doc *d, const char *const *cells, bool total)
{
	if (!d)
		return EX_SOFTWARE;
	struct block *b = NULL;
	for (size_t i = d->n; i-- > 0;)
		if (d->blocks[i].kind == B_TABLE) {
			b = &d->blocks[i];
			break;
		}
	if (!b)
		return EX_SOFTWARE;
	if (b->nrows == b->caprows) {
		size_t cap = b->caprows ? b->caprows * 2 : 8;
		struct doc_trow *nr = realloc(b->rows, cap * sizeof *nr);
		if (!nr)
			return EX_OSERR;
		b->rows = nr;
		b->caprows = cap;
	}
	char **v = copy_strings(cells, b->ncols);
	if (!v)
		return EX_OSERR;
	b->rows[b->nrows].cells = v;
	b->rows[b->nrows].total = total;
	b->nrows++;
	return 0;
}

int doc_row(struct doc *d, const char *const *cells)
{
	return add_row(d, cells, false);
}

int doc_total(struct doc *d, const char *const *cells)
{
	return add_row(d, cells, true);
}

int doc_heatmap(struct doc *d, const int counts[5][5], const struct risk_thresholds *t)
{
	if (!d || !counts)
		return EX_SOFTWARE;
	struct block *b = push(d, B_HEATMAP);
	if (!b)
		return EX_OSERR;
	for (int l = 0; l < 5; l++)
		for (int i = 0; i < 5; i++)
			b->counts[l][i] = counts[l][i] < 0 ? 0 : counts[l][i];
	b->th = t && risk_thresholds_valid(t) ? *t : RISK_THRESHOLDS_DEFAULT;
	d->n++;
	return 0;
}

int doc_bars(struct doc *d, size_t n, const char *const *labels, const long *minutes,
             long budget_minutes, enum hours_style style)
{
	if (!d || (n && (!labels || !minutes)))
		return EX_SOFTWARE;
	struct block *b = push(d, B_BARS);
	if (!b)
		return EX_OSERR;
	b->nbars = n;
	b->labels = copy_strings(labels, n);
	b->minutes = calloc(n ? n : 1, sizeof *b->minutes);
	if (!b->labels || !b->minutes) {
		block_free(b);
		return EX_OSERR;
	}
	for (size_t i = 0; i < n; i++)
		b->minutes[i] = minutes[i] < 0                 ? 0
		                : minutes[i] > DOC_MINUTES_MAX ? DOC_MINUTES_MAX
		                                               : minutes[i];
	b->budget = budget_minutes < 0                 ? 0
	            : budget_minutes > DOC_MINUTES_MAX ? DOC_MINUTES_MAX
	                                               : budget_minutes;
	b->style = style;
	d->n++;
	return 0;
}

int doc_put(FILE *out, const char *s)
{
	return fputs(s, out) == EOF ? EX_IOERR : 0;
}

int doc_printf(FILE *out, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int rc = vfprintf(out, fmt, ap);
	va_end(ap);
	return rc < 0 ? EX_IOERR : 0;
}

char *doc_clean(const char *s)
{
	char *tmp = strdup(s ? s : "");
	if (!tmp)
		return NULL;
	for (char *p = tmp; *p; p++)
		if (*p == '\n' || *p == '\r' || *p == '\t' || *p == '\v' || *p == '\f')
			*p = ' ';
	char *clean = text_sanitize(tmp);
	free(tmp);
	return clean;
}

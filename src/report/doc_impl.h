/*
 * doc_impl.h: the blocks of a struct doc, for its renderers (doc_*.c and
 * svg.c) only; reports build documents through doc.h.
 */
#ifndef CXO_REPORT_DOC_IMPL_H
#define CXO_REPORT_DOC_IMPL_H

#include <stdbool.h>
#include <stddef.h>

#include "doc.h"

enum block_kind {
	B_HEADING,
	B_PARA,
	B_NOTE,
	B_FACT,
	B_ITEM,
	B_TABLE,
	B_HEATMAP,
	B_BARS,
	B_PAGE_BREAK,
};

struct doc_trow {
	char **cells; /* ncols strings */
	bool total;
};

struct block {
	enum block_kind kind;
	int level;   /* B_HEADING */
	char *text;  /* heading, para, note, item; a fact's value */
	char *label; /* a fact's label */
	/* B_TABLE */
	size_t ncols;
	char **heads;
	enum doc_align *aligns;
	struct doc_trow *rows;
	size_t nrows, caprows;
	/* B_HEATMAP */
	int counts[5][5];
	struct risk_thresholds th;
	/* B_BARS */
	size_t nbars;
	char **labels;
	long *minutes;
	long budget;
	enum hours_style style;
};

struct doc {
	char *title;
	struct block *blocks;
	size_t n, cap;
	bool compact; /* doc_compact: printed dense, to fit one page */
};

/* A sanitised copy of s (text_sanitize) with tabs, newlines and
 * carriage returns as spaces; NULL when out of memory. */
char *doc_clean(const char *s);
/* Writes s to out: EX_IOERR when it cannot. */
int doc_put(FILE *out, const char *s);
/* printf to out: EX_IOERR when it cannot. */
int doc_printf(FILE *out, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Bars longer than this (about 1900 years) are drawn as this long. */
#define DOC_MINUTES_MAX 1000000000L
/* Longest duration text a bar or heat map shows. */
#define DOC_NUM_LEN 48

/* ---- svg.c: inline SVG for HTML ---- */
int svg_heatmap(const struct block *b, FILE *out);
int svg_bars(const struct block *b, FILE *out);
/* s sanitised and escaped for XML text or an attribute value. */
int doc_put_xml(FILE *out, const char *s);

#endif

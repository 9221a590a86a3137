/*
 * doc.h: the small document model every report builds, and its renderers
 * (Markdown, HTML, terminal text and the dashboard's lines).
 *
 * A document is a title and a sequence of blocks.  Every adder copies its
 * strings; text is plain UTF-8 (never markup): each renderer escapes it
 * for its format and drops control characters.  All return 0 or a
 * sysexits code: EX_OSERR when out of memory, EX_SOFTWARE on a misuse (a
 * row without a table, a level out of range), EX_IOERR when writing to
 * out fails.
 */
#ifndef CXO_REPORT_DOC_H
#define CXO_REPORT_DOC_H

#include <stddef.h>
#include <stdio.h>

#include "cxo/duration.h"
#include "cxo/risk.h"

struct doc;                             /* opaque; doc_new returns NULL on OOM */
struct doc *doc_new(const char *title); /* title: <title>, the H1 */
void doc_free(struct doc *d);

int doc_heading(struct doc *d, int level, const char *text); /* level 1..3 */
int doc_para(struct doc *d, const char *text);
int doc_note(struct doc *d, const char *text);                     /* small print, dimmed */
int doc_fact(struct doc *d, const char *label, const char *value); /* consecutive facts: a block */
int doc_item(struct doc *d, const char *text); /* consecutive items: one bullet list */
enum doc_align { DOC_LEFT, DOC_RIGHT };
/* A table of ncols (1..DOC_MAX_COLS) columns; heads and aligns have ncols
 * entries (aligns NULL: all left). */
#define DOC_MAX_COLS 16
int doc_table(struct doc *d, size_t ncols, const char *const *heads, const enum doc_align *aligns);
int doc_row(struct doc *d, const char *const *cells);   /* to the last table */
int doc_total(struct doc *d, const char *const *cells); /* a bold total row */
/* counts[likelihood-1][impact-1]; each cell coloured by the band its
 * score falls in (t NULL: RISK_THRESHOLDS_DEFAULT). */
int doc_heatmap(struct doc *d, const int counts[5][5], const struct risk_thresholds *t);
/* A bar per label (minutes), an optional budget line (0 = none). */
int doc_bars(struct doc *d, size_t n, const char *const *labels, const long *minutes,
             long budget_minutes, enum hours_style style);
int doc_page_break(struct doc *d); /* html print only */
/* Prints the HTML dense (small type, tight spacing, the heat map beside
 * the text) so that a one-page pack fits one A4 or Letter page; the
 * screen and the other formats are unchanged. */
void doc_compact(struct doc *d);

int doc_render_md(const struct doc *d, FILE *out);
int doc_render_html(const struct doc *d, FILE *out);
/* Wrapped to width columns (0 = 80, at least 20). */
int doc_render_text(const struct doc *d, int width, FILE *out);
/* The same as lines (caller frees each and the array), each at most
 * width columns, sanitised. */
int doc_render_lines(const struct doc *d, int width, char ***lines, size_t *n);

#endif

/*
 * format.h: small pure helpers for drawing (format.c): fitting text by
 * words, tab labels, bars and charts, wrapping.  No curses.
 */
#ifndef CXO_TUI_FORMAT_H
#define CXO_TUI_FORMAT_H

#include <stdbool.h>
#include <stddef.h>

#include "cxo/pace.h"
#include "cxo/records.h"

/* Like text_fit, but when the text must be cut it is cut at a word
 * boundary (when one lies in the last third), so no word is cut. */
int fit_words(const char *s, int width, bool utf8, char *buf, size_t n);
/* "CIO", "CTO", "CISO", "Interim". */
const char *role_label(const char *role);
/* "on pace" ("too early" before the pace is judged), "warning",
 * "over budget", "behind": a pace in a sentence. */
const char *pace_phrase(const struct pace *p);
/* Tab label "N Name · ROLE" (the short name is the first word of the
 * client's name when unique among clients, else its key). */
void client_short_name(const struct client_list *l, size_t i, char *buf, size_t n);
void tab_label(const struct client_list *l, size_t i, bool utf8, char *buf, size_t n);

/* A horizontal bar of width cells for value/max: full cells and eighths
 * of the next one (frac8 0..7); value beyond max fills the bar. */
void bar_cells(long value, long max, int width, int *full, int *frac8);
/* Chart heights in eighths of a row for each value, scaled so the
 * largest fills rows rows; a non-zero value shows at least one eighth. */
void chart_heights(const long *values, int n, int rows, int *eighths);

/* Wraps text into lines of at most width columns at spaces (words
 * longer than a line are cut); returns the number of lines, calling
 * emit(line, ctx) for each when emit is not NULL.  Newlines break. */
int wrap_text(const char *s, int width, bool utf8, void (*emit)(const char *line, void *ctx),
              void *ctx);

#endif

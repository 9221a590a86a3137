/*
 * doc_md.c: a document as GitHub-flavoured Markdown.  Text is escaped so
 * that it renders as the same text: no markup, no raw HTML, no table
 * cell split by a '|'; newlines become spaces.
 */
#include <ctype.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "cxo/text.h"
#include "doc_impl.h"

/* s as Markdown inline text: sanitised, one line, every character that
 * could start markup escaped; block: it starts a block (a paragraph, a
 * list item), where "# ", "- ", "1. " and the like would be markup too. */
static int put_md(FILE *out, const char *raw, bool block)
{
	char *t = doc_clean(raw);
	if (!t)
		return EX_OSERR;
	const char *p = t;
	while (*p == ' ')
		p++; /* leading spaces could make a code block */
	int rc = 0;
	/* A list, a rule or a setext underline ('#' is escaped anywhere: at
	 * the end of a heading it would close it). */
	if (block && (*p == '-' || *p == '+' || *p == '='))
		rc = doc_put(out, "\\");
	/* An ordered list: "1. " or "2)". */
	const char *digits = p;
	while (block && isdigit((unsigned char)*digits))
		digits++;
	bool ordered = digits > p && (*digits == '.' || *digits == ')') &&
	               (digits[1] == ' ' || digits[1] == '\0');
	for (; !rc && *p; p++) {
		char c = *p;
		if (strchr("\\`*_[]<>|&~!#", c) || (ordered && p == digits)) {
			char esc[3] = { '\\', c, '\0' };
			rc = doc_put(out, esc);
		} else if (fputc(c, out) == EOF) {
			rc = EX_IOERR;
		}
	}
	free(t);
	return rc;
}

static int heading(FILE *out, int level, const char *text)
{
	int rc = doc_printf(out, "%.*s ", level, "###");
	if (!rc)
		rc = put_md(out, text, false);
	return rc ? rc : doc_put(out, "\n");
}

static int note(FILE *out, const char *text)
{
	char *t = doc_clean(text);
	if (!t)
		return EX_OSERR;
	bool empty = strspn(t, " ") == strlen(t);
	free(t);
	if (empty)
		return 0;
	int rc = doc_put(out, "*");
	if (!rc)
		rc = put_md(out, text, false);
	return rc ? rc : doc_put(out, "*\n");
}

/* A table row: "| a | b |", a total in bold. */
static int row(FILE *out, size_t ncols, char *const *cells, bool bold)
{
	int rc = doc_put(out, "|");
	for (size_t c = 0; !rc && c < ncols; c++) {
		char *t = doc_clean(cells[c]);
		if (!t)
			return EX_OSERR;
		bool has = strspn(t, " ") != strlen(t);
		free(t);
		rc = doc_put(out, " ");
		if (!rc && bold && has)
			rc = doc_put(out, "**");
		if (!rc)
			rc = put_md(out, cells[c], false);
		if (!rc && bold && has)
			rc = doc_put(out, "**");
		if (!rc)
			rc = doc_put(out, " |");
	}
	return rc ? rc : doc_put(out, "\n");
}

static int table(FILE *out, const struct block *b)
{
	int rc = row(out, b->ncols, b->heads, false);
	if (!rc)
		rc = doc_put(out, "|");
	for (size_t c = 0; !rc && c < b->ncols; c++)
		rc = doc_put(out, b->aligns[c] == DOC_RIGHT ? " ---: |" : " --- |");
	if (!rc)
		rc = doc_put(out, "\n");
	for (size_t r = 0; !rc && r < b->nrows; r++)
		rc = row(out, b->ncols, b->rows[r].cells, b->rows[r].total);
	return rc;
}

static int heatmap(FILE *out, const struct block *b)
{
	int rc = doc_put(out, "| Likelihood / impact | 1 | 2 | 3 | 4 | 5 |\n"
	                      "| --- | ---: | ---: | ---: | ---: | ---: |\n");
	for (int l = 5; !rc && l >= 1; l--) {
		rc = doc_printf(out, "| **%d** |", l);
		for (int i = 1; !rc && i <= 5; i++)
			rc = doc_printf(out, " %d |", b->counts[l - 1][i - 1]);
		if (!rc)
			rc = doc_put(out, "\n");
	}
	if (!rc)
		rc = doc_printf(out,
		                "\n*Score (likelihood x impact): low 1-%d, medium %d-%d, "
		                "high %d-%d, critical %d-25.*\n",
		                b->th.medium - 1, b->th.medium, b->th.high - 1, b->th.high,
		                b->th.critical - 1, b->th.critical);
	return rc;
}

static int bars(FILE *out, const struct block *b)
{
	char val[DOC_NUM_LEN];
	int rc = doc_put(out, "| | Hours |\n| --- | ---: |\n");
	for (size_t i = 0; !rc && i < b->nbars; i++) {
		rc = doc_put(out, "| ");
		if (!rc)
			rc = put_md(out, b->labels[i], false);
		duration_format(b->minutes[i], b->style, val, sizeof val);
		if (!rc)
			rc = doc_printf(out, " | %s |\n", val);
	}
	if (!rc && b->budget > 0) {
		duration_format(b->budget, b->style, val, sizeof val);
		rc = doc_printf(out, "\nBudget: %s.\n", val);
	}
	return rc;
}

int doc_render_md(const struct doc *d, FILE *out)
{
	if (!d)
		return EX_SOFTWARE;
	int rc = heading(out, 1, d->title);
	for (size_t i = 0; !rc && i < d->n; i++) {
		const struct block *b = &d->blocks[i];
		bool cont = i > 0 && d->blocks[i - 1].kind == b->kind &&
		            (b->kind == B_FACT || b->kind == B_ITEM);
		if (b->kind == B_PAGE_BREAK)
			continue;
		if (!cont)
			rc = doc_put(out, "\n");
		else if (b->kind == B_FACT)
			rc = doc_put(out, "\\\n"); /* a hard break ends the fact before */
		if (rc)
			break;
		switch (b->kind) {
		case B_HEADING:
			rc = heading(out, b->level, b->text);
			break;
		case B_PARA:
			rc = put_md(out, b->text, true);
			if (!rc)
				rc = doc_put(out, "\n");
			break;
		case B_NOTE:
			rc = note(out, b->text);
			break;
		case B_FACT:
			rc = doc_put(out, "**");
			if (!rc)
				rc = put_md(out, b->label, false);
			if (!rc)
				rc = doc_put(out, ":** ");
			if (!rc)
				rc = put_md(out, b->text, false);
			if (!rc && (i + 1 == d->n || d->blocks[i + 1].kind != B_FACT))
				rc = doc_put(out, "\n");
			break;
		case B_ITEM:
			rc = doc_put(out, "- ");
			if (!rc)
				rc = put_md(out, b->text, true);
			if (!rc)
				rc = doc_put(out, "\n");
			break;
		case B_TABLE:
			rc = table(out, b);
			break;
		case B_HEATMAP:
			rc = heatmap(out, b);
			break;
		case B_BARS:
			rc = bars(out, b);
			break;
		case B_PAGE_BREAK:
			break;
		}
	}
	if (!rc && (fflush(out) == EOF || ferror(out)))
		rc = EX_IOERR;
	return rc;
}

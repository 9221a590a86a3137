/*
 * doc_html.c: a document as one self-contained HTML file: one style
 * sheet, no script, nothing fetched, the charts as inline SVG; light and
 * dark on screen, light on paper, A4 and Letter alike.
 */
#include <stdbool.h>
#include <sysexits.h>

#include "doc_impl.h"

/* 180 mm of content: A4 (210 mm) and Letter (216 mm) less 14 mm margins. */
static const char style[] =
        "<style>\n"
        ":root { color-scheme: light dark; --fg: #1d2329; --bg: #ffffff; --muted: #5d6670;\n"
        "  --line: #c9ced4; --head: #eef1f4; --bar: #4a78b5; --budget: #b03a2e;\n"
        "  --low: #cfe8cf; --medium: #fbe7a1; --high: #f6b77c; --critical: #e9867f;\n"
        "  --cell-fg: #1d2329; }\n"
        "@media screen and (prefers-color-scheme: dark) {\n"
        "  :root { --fg: #e3e6ea; --bg: #16191d; --muted: #9aa3ad; --line: #3b424a;\n"
        "    --head: #23282e; --bar: #7ea6dc; --budget: #f08a7e;\n"
        "    --low: #2f5d35; --medium: #7a6620; --high: #8a4f1c; --critical: #8e2f2a;\n"
        "    --cell-fg: #f4f6f8; } }\n"
        "@page { margin: 14mm; }\n"
        "html { background: var(--bg); color: var(--fg); }\n"
        "body { font: 11pt/1.45 system-ui, -apple-system, \"Segoe UI\", Roboto, \"DejaVu Sans\",\n"
        "  sans-serif; margin: 0 auto; padding: 1em; max-width: 180mm; }\n"
        "h1 { font-size: 1.6em; margin: 0.4em 0; } h2 { font-size: 1.25em; margin: 1.2em 0 0.4em; "
        "}\n"
        "h3 { font-size: 1.05em; margin: 1em 0 0.3em; }\n"
        "h1, h2, h3 { break-after: avoid; }\n"
        "p { margin: 0.5em 0; overflow-wrap: break-word; }\n"
        "p.note { color: var(--muted); font-size: 0.88em; }\n"
        "dl.facts { display: grid; grid-template-columns: max-content auto; gap: 0.15em 1.2em;\n"
        "  margin: 0.5em 0; }\n"
        "dl.facts dt { color: var(--muted); } dl.facts dd { margin: 0; overflow-wrap: break-word; "
        "}\n"
        "ul { margin: 0.4em 0; padding-left: 1.4em; } li { overflow-wrap: break-word; }\n"
        "table { border-collapse: collapse; width: 100%; margin: 0.6em 0; font-size: 0.92em; }\n"
        "thead { display: table-header-group; }\n"
        "tr { break-inside: avoid; page-break-inside: avoid; }\n"
        "th, td { border-bottom: 1px solid var(--line); padding: 0.25em 0.5em; text-align: left;\n"
        "  vertical-align: top; overflow-wrap: break-word; }\n"
        "th { background: var(--head); }\n"
        "th.r, td.r { text-align: right; white-space: nowrap; }\n"
        "tr.total td { font-weight: bold; border-top: 2px solid var(--fg); }\n"
        "figure { margin: 0.8em 0; break-inside: avoid; }\n"
        "figcaption { color: var(--muted); font-size: 0.88em; }\n"
        "svg { max-width: 100%; height: auto; font-family: inherit; }\n"
        "svg text { fill: var(--fg); font-size: 13px; }\n"
        "svg text.count { fill: var(--cell-fg); font-size: 16px; font-weight: bold; }\n"
        "svg text.count.zero { font-weight: normal; opacity: 0.6; }\n"
        "svg .band-low { fill: var(--low); } svg .band-medium { fill: var(--medium); }\n"
        "svg .band-high { fill: var(--high); } svg .band-critical { fill: var(--critical); }\n"
        "svg .bar { fill: var(--bar); } svg .budget { stroke: var(--budget); }\n"
        "svg text.budget-label { fill: var(--budget); }\n"
        "div.page-break { break-after: page; page-break-after: always; }\n"
        "@media print { html, body { background: #fff; color: #000; } body { padding: 0; } }\n"
        /* doc_compact: a one-page pack. */
        "@media print {\n"
        "  body.compact { font-size: 7.5pt; line-height: 1.2; max-width: none; }\n"
        "  body.compact h1 { font-size: 1.5em; margin: 0 0 0.2em; }\n"
        "  body.compact h2 { font-size: 1.15em; margin: 0.45em 0 0.1em; }\n"
        "  body.compact h3 { font-size: 1.05em; margin: 0.35em 0 0.1em; }\n"
        "  body.compact p, body.compact ul, body.compact dl.facts { margin: 0.1em 0; }\n"
        "  body.compact table { margin: 0.15em 0; }\n"
        "  body.compact th, body.compact td { padding: 0.03em 0.35em; }\n"
        "  body.compact figure { margin: 0.1em 0; }\n"
        "  body.compact svg.heatmap { width: 40mm; float: right; margin-left: 4mm; }\n"
        "  body.compact svg.bars { width: 70mm; }\n"
        "  body.compact dl.facts { grid-template-columns: max-content auto max-content auto; }\n"
        "}\n"
        "</style>\n";

static int tagged(FILE *out, const char *open, const char *text, const char *close)
{
	int rc = doc_put(out, open);
	if (!rc)
		rc = doc_put_xml(out, text);
	return rc ? rc : doc_put(out, close);
}

static int row(FILE *out, const struct block *b, char *const *cells, const char *cell,
               const char *cls)
{
	int rc = doc_printf(out, "<tr%s>", cls);
	for (size_t c = 0; !rc && c < b->ncols; c++) {
		rc = doc_printf(out, "<%s%s>", cell,
		                b->aligns[c] == DOC_RIGHT ? " class=\"r\"" : "");
		if (!rc)
			rc = doc_put_xml(out, cells[c]);
		if (!rc)
			rc = doc_printf(out, "</%s>", cell);
	}
	return rc ? rc : doc_put(out, "</tr>\n");
}

static int table(FILE *out, const struct block *b)
{
	int rc = doc_put(out, "<table>\n<thead>");
	if (!rc)
		rc = row(out, b, b->heads, "th", "");
	if (!rc)
		rc = doc_put(out, "</thead>\n<tbody>\n");
	for (size_t r = 0; !rc && r < b->nrows; r++)
		rc = row(out, b, b->rows[r].cells, "td",
		         b->rows[r].total ? " class=\"total\"" : "");
	return rc ? rc : doc_put(out, "</tbody>\n</table>\n");
}

static int heatmap(FILE *out, const struct block *b)
{
	int rc = doc_put(out, "<figure>\n");
	if (!rc)
		rc = svg_heatmap(b, out);
	if (!rc)
		rc = doc_printf(out,
		                "<figcaption>Score (likelihood &#215; impact): low 1&#8211;%d, "
		                "medium %d&#8211;%d, high %d&#8211;%d, critical "
		                "%d&#8211;25.</figcaption>\n</figure>\n",
		                b->th.medium - 1, b->th.medium, b->th.high - 1, b->th.high,
		                b->th.critical - 1, b->th.critical);
	return rc;
}

static int bars(FILE *out, const struct block *b)
{
	int rc = doc_put(out, "<figure>\n");
	if (!rc)
		rc = svg_bars(b, out);
	if (!rc && b->budget > 0) {
		char val[DOC_NUM_LEN];
		duration_format(b->budget, b->style, val, sizeof val);
		rc = doc_printf(out, "<figcaption>Budget: %s.</figcaption>\n", val);
	}
	return rc ? rc : doc_put(out, "</figure>\n");
}

static int block(FILE *out, const struct doc *d, size_t i)
{
	const struct block *b = &d->blocks[i];
	bool first = i == 0 || d->blocks[i - 1].kind != b->kind;
	bool last = i + 1 == d->n || d->blocks[i + 1].kind != b->kind;
	int rc = 0;
	char open[8], close[10];
	switch (b->kind) {
	case B_HEADING:
		snprintf(open, sizeof open, "<h%d>", b->level);
		snprintf(close, sizeof close, "</h%d>\n", b->level);
		return tagged(out, open, b->text, close);
	case B_PARA:
		return tagged(out, "<p>", b->text, "</p>\n");
	case B_NOTE:
		return tagged(out, "<p class=\"note\">", b->text, "</p>\n");
	case B_FACT:
		if (first)
			rc = doc_put(out, "<dl class=\"facts\">\n");
		if (!rc)
			rc = tagged(out, "<dt>", b->label, "</dt>");
		if (!rc)
			rc = tagged(out, "<dd>", b->text, "</dd>\n");
		return rc || !last ? rc : doc_put(out, "</dl>\n");
	case B_ITEM:
		if (first)
			rc = doc_put(out, "<ul>\n");
		if (!rc)
			rc = tagged(out, "<li>", b->text, "</li>\n");
		return rc || !last ? rc : doc_put(out, "</ul>\n");
	case B_TABLE:
		return table(out, b);
	case B_HEATMAP:
		return heatmap(out, b);
	case B_BARS:
		return bars(out, b);
	case B_PAGE_BREAK:
		return doc_put(out, "<div class=\"page-break\"></div>\n");
	}
	return EX_SOFTWARE;
}

int doc_render_html(const struct doc *d, FILE *out)
{
	if (!d)
		return EX_SOFTWARE;
	int rc = doc_put(out,
	                 "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
	                 "<meta name=\"viewport\" content=\"width=device-width, "
	                 "initial-scale=1\">\n"
	                 "<meta name=\"color-scheme\" content=\"light dark\">\n");
	if (!rc)
		rc = tagged(out, "<title>", d->title, "</title>\n");
	if (!rc)
		rc = doc_put(out, style);
	if (!rc)
		rc = tagged(out,
		            d->compact ? "</head>\n<body class=\"compact\">\n<h1>"
		                       : "</head>\n<body>\n<h1>",
		            d->title, "</h1>\n");
	for (size_t i = 0; !rc && i < d->n; i++)
		rc = block(out, d, i);
	if (!rc)
		rc = doc_put(out, "</body>\n</html>\n");
	if (!rc && (fflush(out) == EOF || ferror(out)))
		rc = EX_IOERR;
	return rc;
}

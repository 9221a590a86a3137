/* Unit tests for src/report/doc*.c and svg.c: the document model and its
 * renderers, hostile text in each format. */
#include <criterion/criterion.h>
#include <limits.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "cxo/text.h"
#include "report/doc.h"
#include "text_clean.h"

static void init_locale(void)
{
	setlocale(LC_CTYPE, "C.UTF-8");
}

TestSuite(report_doc, .init = init_locale);

/* Escape sequences, markup of every format, bidi controls, newlines. */
#define HOSTILE                                                                                    \
	"\x1b[31mred\x1b[0m <script>alert(1)</script> a|b *em* _u_ [l](http://x) `c` "             \
	"\xe2\x80\xae"                                                                             \
	"evil\xe2\x80\xac"                                                                         \
	" & &amp; #h \"q\" 'a'\nnext\rline\ttab"

/* Every element once; the hostile string wherever text goes. */
static struct doc *full_doc(void)
{
	struct doc *d = doc_new("Hours statement " HOSTILE);
	cr_assert_not_null(d);
	cr_assert_eq(doc_heading(d, 2, "Entries " HOSTILE), 0);
	cr_assert_eq(doc_para(d, "A paragraph " HOSTILE), 0);
	cr_assert_eq(doc_note(d, "Small print " HOSTILE), 0);
	cr_assert_eq(doc_fact(d, "Client", "Acme " HOSTILE), 0);
	cr_assert_eq(doc_fact(d, "Period " HOSTILE, "November 2026"), 0);
	cr_assert_eq(doc_item(d, "First item " HOSTILE), 0);
	cr_assert_eq(doc_item(d, "Second item"), 0);
	const char *heads[] = { "Date", "Note", "Hours" };
	const enum doc_align al[] = { DOC_LEFT, DOC_LEFT, DOC_RIGHT };
	cr_assert_eq(doc_table(d, 3, heads, al), 0);
	const char *r1[] = { "2026-11-02", "Vendor call " HOSTILE, "1.5h" };
	const char *r2[] = { "2026-11-03", "Board deck", "12.25h" };
	const char *tot[] = { "Total", "", "13.75h" };
	cr_assert_eq(doc_row(d, r1), 0);
	cr_assert_eq(doc_row(d, r2), 0);
	cr_assert_eq(doc_total(d, tot), 0);
	int counts[5][5] = { { 0 } };
	counts[4][4] = 2; /* L5 I5 */
	counts[0][0] = 3; /* L1 I1 */
	counts[2][3] = 7; /* L3 I4 */
	cr_assert_eq(doc_heatmap(d, (const int(*)[5])counts, NULL), 0);
	cr_assert_eq(doc_page_break(d), 0);
	const char *labels[] = { "Week 45 " HOSTILE, "Week 46", "Week 47" };
	const long mins[] = { 390, 45, 0 };
	cr_assert_eq(doc_bars(d, 3, labels, mins, 300, HOURS_DECIMAL), 0);
	cr_assert_eq(doc_heading(d, 3, "End"), 0);
	return d;
}

/* What render wrote to a temporary file, newly allocated. */
static char *rendered(int (*render)(const struct doc *, FILE *), const struct doc *d)
{
	FILE *f = tmpfile();
	cr_assert_not_null(f);
	cr_assert_eq(render(d, f), 0);
	long n = ftell(f);
	cr_assert_geq(n, 0);
	char *buf = malloc((size_t)n + 1);
	cr_assert_not_null(buf);
	rewind(f);
	cr_assert_eq(fread(buf, 1, (size_t)n, f), (size_t)n);
	buf[n] = '\0';
	fclose(f);
	return buf;
}

static int text_80(const struct doc *d, FILE *out)
{
	return doc_render_text(d, 80, out);
}

/* No escape, control or bidi character reaches any output. */
static void no_controls(const char *s)
{
	for (const char *p = s; *p; p++)
		cr_assert(*p == '\n' || (unsigned char)*p >= 0x20, "control 0x%02x at %.20s",
		          (unsigned char)*p, p);
	cr_assert_null(strstr(s, "\xe2\x80\xae"), "a bidi override passed");
	cr_assert_null(strstr(s, "\xe2\x80\xac"), "a bidi pop passed");
	cr_assert_null(strstr(s, "\x7f"));
}

Test(report_doc, markdown_escapes_everything)
{
	struct doc *d = full_doc();
	char *md = rendered(doc_render_md, d);
	no_controls(md);
	for (const char *p = strchr(md, '<'); p; p = strchr(p + 1, '<'))
		cr_assert(p > md && p[-1] == '\\', "raw < in %.30s", p);
	cr_assert_not_null(strstr(md, "\\<script\\>"), "%s", md);
	cr_assert_not_null(strstr(md, "a\\|b"));
	cr_assert_not_null(strstr(md, "\\*em\\*"));
	cr_assert_not_null(strstr(md, "\\_u\\_"));
	cr_assert_not_null(strstr(md, "\\[l\\]"));
	cr_assert_not_null(strstr(md, "\\`c\\`"));
	cr_assert_not_null(strstr(md, "\\&amp;"));
	cr_assert_not_null(strstr(md, "next line tab"), "newlines and tabs become spaces");
	cr_assert_eq(strncmp(md, "# Hours statement ", 18), 0);
	cr_assert_not_null(strstr(md, "\n## Entries "));
	cr_assert_not_null(strstr(md, "\n### End\n"));
	cr_assert_not_null(strstr(md, "| Date | Note | Hours |\n| --- | --- | ---: |\n"));
	cr_assert_not_null(strstr(md, "| **Total** |  | **13.75h** |\n"), "%s", md);
	cr_assert_not_null(strstr(md, "**Client:** Acme "));
	cr_assert_not_null(strstr(md, "- First item "));
	cr_assert_not_null(strstr(md, "\n- Second item\n"));
	/* Heat map: likelihood 5 first, impact 1..5 across. */
	cr_assert_not_null(strstr(md, "| **5** | 0 | 0 | 0 | 0 | 2 |\n"), "%s", md);
	cr_assert_not_null(strstr(md, "| **3** | 0 | 0 | 0 | 7 | 0 |\n"));
	cr_assert_not_null(strstr(md, "| **1** | 3 | 0 | 0 | 0 | 0 |\n"));
	cr_assert_not_null(strstr(md, "| Week 46 | 0.75h |\n"));
	cr_assert_not_null(strstr(md, "| Week 47 | 0h |\n"));
	cr_assert_not_null(strstr(md, "Budget: 5h."));
	/* Each table line has as many unescaped bars as the table's columns + 1. */
	for (char *line = strstr(md, "| Date"); line && *line == '|';) {
		int bars = 0;
		char *p = line;
		for (; *p && *p != '\n'; p++)
			if (*p == '|' && p[-1] != '\\')
				bars++;
		cr_assert_eq(bars, 4, "%.*s", (int)(p - line), line);
		line = *p ? p + 1 : p;
	}
	free(md);
	doc_free(d);
}

Test(report_doc, markdown_block_starts)
{
	struct doc *d = doc_new("T");
	cr_assert_eq(doc_para(d, "# not a heading"), 0);
	cr_assert_eq(doc_para(d, "- not a list"), 0);
	cr_assert_eq(doc_para(d, "12. not ordered"), 0);
	cr_assert_eq(doc_para(d, "    not code"), 0);
	cr_assert_eq(doc_para(d, "> not a quote"), 0);
	char *md = rendered(doc_render_md, d);
	cr_assert_not_null(strstr(md, "\n\\# not a heading\n"), "%s", md);
	cr_assert_not_null(strstr(md, "\n\\- not a list\n"));
	cr_assert_not_null(strstr(md, "\n12\\. not ordered\n"));
	cr_assert_not_null(strstr(md, "\nnot code\n"));
	cr_assert_not_null(strstr(md, "\n\\> not a quote\n"));
	free(md);
	doc_free(d);
}

Test(report_doc, markdown_heading_keeps_trailing_hashes)
{
	struct doc *d = doc_new("Issue #");
	cr_assert_eq(doc_heading(d, 2, "Notes ##"), 0);
	cr_assert_eq(doc_item(d, "C# and F#"), 0);
	char *md = rendered(doc_render_md, d);
	cr_assert_not_null(strstr(md, "# Issue \\#\n"), "%s", md);
	cr_assert_not_null(strstr(md, "\n## Notes \\#\\#\n"), "%s", md);
	cr_assert_not_null(strstr(md, "\n- C\\# and F\\#\n"), "%s", md);
	free(md);
	doc_free(d);
}

Test(report_doc, html_is_one_escaped_file)
{
	struct doc *d = full_doc();
	char *html = rendered(doc_render_html, d);
	no_controls(html);
	cr_assert_eq(strncmp(html, "<!DOCTYPE html>\n", 16), 0);
	cr_assert_not_null(strstr(html, "<meta charset=\"utf-8\">"));
	cr_assert_null(strstr(html, "<script"), "raw script tag");
	cr_assert_not_null(strstr(html, "&lt;script&gt;alert(1)&lt;/script&gt;"));
	cr_assert_not_null(strstr(html, "&amp;amp;"));
	cr_assert_not_null(strstr(html, "&quot;q&quot;"));
	char *style = strstr(html, "<style>");
	cr_assert_not_null(style);
	cr_assert_null(strstr(style + 1, "<style"), "one style sheet");
	cr_assert_not_null(strstr(html, "prefers-color-scheme: dark"));
	cr_assert_not_null(strstr(html, "@page { margin: 14mm; }"));
	cr_assert_not_null(strstr(html, "thead { display: table-header-group; }"));
	cr_assert_null(strstr(html, "src="));
	cr_assert_null(strstr(html, "href="));
	cr_assert_null(strstr(html, "url("));
	cr_assert_not_null(strstr(html, "<th class=\"r\">Hours</th>"));
	cr_assert_not_null(strstr(html, "<tr class=\"total\"><td>Total</td><td></td>"
	                                "<td class=\"r\">13.75h</td></tr>"));
	cr_assert_not_null(strstr(html, "<dl class=\"facts\">\n<dt>Client</dt>"));
	cr_assert_not_null(strstr(html, "<ul>\n<li>First item"));
	cr_assert_not_null(strstr(html, "<div class=\"page-break\"></div>"));
	/* Two charts, each with a title and its numbers as text. */
	char *svg = strstr(html, "<svg xmlns=\"http://www.w3.org/2000/svg\"");
	cr_assert_not_null(svg);
	cr_assert_not_null(strstr(svg, "<title>Risk heat map: 12 open risks"));
	cr_assert_not_null(strstr(svg, ">7</text>"));
	cr_assert_not_null(strstr(svg, "class=\"band-critical\""));
	cr_assert_not_null(strstr(svg, "class=\"band-low\""));
	svg = strstr(svg + 1, "<svg xmlns=\"http://www.w3.org/2000/svg\"");
	cr_assert_not_null(svg);
	cr_assert_not_null(strstr(svg, ">6.5h</text>"));
	cr_assert_not_null(strstr(svg, ">budget 5h</text>"));
	cr_assert_not_null(strstr(html, "</body>\n</html>\n"));
	free(html);
	doc_free(d);
}

Test(report_doc, heatmap_bands_follow_the_thresholds)
{
	struct doc *d = doc_new("T");
	int counts[5][5] = { { 0 } };
	/* L1 I2 scores 2: low by default, critical when critical starts at 2. */
	struct risk_thresholds t = { .medium = 1, .high = 1, .critical = 2 };
	cr_assert(!risk_thresholds_valid(&t));
	t = (struct risk_thresholds){ .medium = 2, .high = 3, .critical = 4 };
	cr_assert_eq(doc_heatmap(d, (const int(*)[5])counts, &t), 0);
	char *html = rendered(doc_render_html, d);
	/* The first row drawn is likelihood 5: every cell critical. */
	char *first = strstr(html, "<rect class=\"band-");
	cr_assert_not_null(first);
	cr_assert_eq(strncmp(first, "<rect class=\"band-critical\"", 27), 0, "%.40s", first);
	cr_assert_not_null(strstr(html, "low 1&#8211;1, medium 2&#8211;2, high 3&#8211;3"));
	free(html);
	doc_free(d);
}

/* The display column where the first "value\n" in text ends. */
static int end_col(const char *text, const char *value)
{
	const char *v = strstr(text, value);
	cr_assert_not_null(v, "%s not in %s", value, text);
	const char *line = v;
	while (line > text && line[-1] != '\n')
		line--;
	size_t n = (size_t)(v - line) + strlen(value) - 1;
	char *buf = strndup(line, n);
	cr_assert_not_null(buf);
	int w = text_width(buf);
	free(buf);
	return w;
}

Test(report_doc, text_fits_and_aligns)
{
	struct doc *d = full_doc();
	int widths[] = { 20, 33, 40, 80, 132 };
	for (size_t k = 0; k < sizeof widths / sizeof *widths; k++) {
		char **lines;
		size_t n;
		cr_assert_eq(doc_render_lines(d, widths[k], &lines, &n), 0);
		cr_assert_gt(n, 20);
		for (size_t i = 0; i < n; i++) {
			cr_assert_leq(text_width(lines[i]), widths[k], "width %d: \"%s\"",
			              widths[k], lines[i]);
			cr_assert(is_clean(lines[i]), "\"%s\"", lines[i]);
			cr_assert_null(strstr(lines[i], "\x1b"));
			free(lines[i]);
		}
		free(lines);
	}
	char *text = rendered(text_80, d);
	no_controls(text);
	/* The title underlined with '=', the level-2 heading with '-'. */
	cr_assert_not_null(strstr(text, "\n====="));
	cr_assert_not_null(strstr(text, "\n-----"));
	/* The right-aligned column ends at the same column on every row. */
	int ea = end_col(text, "1.5h\n"), eb = end_col(text, "12.25h\n");
	cr_assert_gt(ea, 0);
	cr_assert_eq(ea, eb, "%s", text);
	cr_assert_eq(eb, end_col(text, "13.75h\n"));
	/* Facts: labels padded to the longest (a third of the width at most). */
	cr_assert_not_null(strstr(text, "\nClient"
	                                "                      Acme "),
	                   "%s", text);
	cr_assert_eq(end_col(text, "November 2026\n"), 80 / 3 + 2 + 13);
	cr_assert_not_null(strstr(text, "- First item"));
	cr_assert_not_null(strstr(text, "Likelihood    1    2    3    4    5\n"));
	cr_assert_not_null(strstr(text, "         5    .    .    .    .    2\n"));
	cr_assert_not_null(strstr(text, "         1    3    .    .    .    .\n"));
	cr_assert_not_null(strstr(text, "\xe2\x96\x88 6.5h\n"), "bars: %s", text);
	cr_assert_not_null(strstr(text, "Week 46"));
	cr_assert_not_null(strstr(text, "Budget: 5h."));
	free(text);
	doc_free(d);
}

Test(report_doc, narrow_and_huge)
{
	/* A width under the layout's least still bounds every line; a bar
	 * of any length is drawn within it. */
	struct doc *d = full_doc();
	const char *labels[] = { "huge", "hour" };
	const long mins[] = { LONG_MAX, 60 };
	cr_assert_eq(doc_bars(d, 2, labels, mins, LONG_MAX, HOURS_CLOCK), 0);
	for (int w = 1; w <= 24; w += 23) {
		char **lines;
		size_t n;
		cr_assert_eq(doc_render_lines(d, w, &lines, &n), 0);
		for (size_t i = 0; i < n; i++) {
			cr_assert_leq(text_width(lines[i]), w, "width %d: \"%s\"", w, lines[i]);
			free(lines[i]);
		}
		free(lines);
	}
	char *html = rendered(doc_render_html, d);
	cr_assert_not_null(strstr(html, "<text class=\"value\""));
	free(html);
	doc_free(d);
}

Test(report_doc, text_wraps_words)
{
	struct doc *d = doc_new("T");
	cr_assert_eq(doc_para(d, "aaaa bbbb cccc dddd eeee ffff gggg hhhh iiii jjjj"), 0);
	cr_assert_eq(doc_para(d, "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"), 0);
	char **lines;
	size_t n;
	cr_assert_eq(doc_render_lines(d, 20, &lines, &n), 0);
	/* T, =, "", three wrapped lines, "", the long word in three pieces. */
	cr_assert_eq(n, 10, "%zu lines", n);
	cr_assert_str_eq(lines[3], "aaaa bbbb cccc dddd");
	cr_assert_str_eq(lines[4], "eeee ffff gggg hhhh");
	cr_assert_str_eq(lines[5], "iiii jjjj");
	cr_assert_str_eq(lines[7], "xxxxxxxxxxxxxxxxxxxx");
	cr_assert_str_eq(lines[9], "xxxxx");
	for (size_t i = 0; i < n; i++)
		free(lines[i]);
	free(lines);
	doc_free(d);
}

Test(report_doc, misuse_and_write_errors)
{
	struct doc *d = doc_new("T");
	const char *cells[] = { "a" };
	cr_assert_eq(doc_row(d, cells), EX_SOFTWARE, "a row needs a table");
	cr_assert_eq(doc_heading(d, 0, "x"), EX_SOFTWARE);
	cr_assert_eq(doc_heading(d, 4, "x"), EX_SOFTWARE);
	cr_assert_eq(doc_table(d, 0, NULL, NULL), EX_SOFTWARE);
	cr_assert_eq(doc_table(d, DOC_MAX_COLS + 1, NULL, NULL), EX_SOFTWARE);
	cr_assert_eq(doc_para(d, "some text"), 0);
	FILE *full = fopen("/dev/full", "w");
	cr_assert_not_null(full);
	cr_assert_eq(doc_render_md(d, full), EX_IOERR);
	cr_assert_eq(doc_render_html(d, full), EX_IOERR);
	cr_assert_eq(doc_render_text(d, 80, full), EX_IOERR);
	fclose(full);
	doc_free(d);
}

/* The full document as doc.md and doc.html in $CXO_DOC_SAMPLES, for
 * tests/cli/t-doc-tools.sh to print and parse; skipped when unset. */
Test(report_doc, samples)
{
	const char *dir = getenv("CXO_DOC_SAMPLES");
	if (!dir || !*dir)
		cr_skip_test("CXO_DOC_SAMPLES is not set");
	struct doc *d = full_doc();
	char path[512];
	snprintf(path, sizeof path, "%s/doc.md", dir);
	FILE *f = fopen(path, "w");
	cr_assert_not_null(f, "%s", path);
	cr_assert_eq(doc_render_md(d, f), 0);
	cr_assert_eq(fclose(f), 0);
	snprintf(path, sizeof path, "%s/doc.html", dir);
	f = fopen(path, "w");
	cr_assert_not_null(f, "%s", path);
	cr_assert_eq(doc_render_html(d, f), 0);
	cr_assert_eq(fclose(f), 0);
	doc_free(d);
}

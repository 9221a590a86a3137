/* Unit tests for src/report/csv_out.c and ics.c: CSV cells (quoting,
 * formulas neutralised), iCalendar text escaping and line folding. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cxo/sheet.h"
#include "report/sheet_impl.h"

/* The cell as csv_put_cell writes it (caller frees). */
static char *cell(const char *text, bool raw)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&buf, &len);
	cr_assert_not_null(fp);
	cr_assert_eq(csv_put_cell(fp, text, raw), 0);
	cr_assert_eq(fclose(fp), 0);
	return buf;
}

#define expect_cell(text, raw, want)                                                               \
	do {                                                                                       \
		char *got_ = cell(text, raw);                                                      \
		cr_expect_str_eq(got_, want);                                                      \
		free(got_);                                                                        \
	} while (0)

Test(report_sheet, csv_cells_quoted_only_when_needed)
{
	expect_cell(NULL, false, "");
	expect_cell("", false, "");
	expect_cell("plain text", false, "plain text");
	expect_cell("a,b", false, "\"a,b\"");
	expect_cell("say \"hi\"", false, "\"say \"\"hi\"\"\"");
	expect_cell("two\nlines", false, "\"two\nlines\"");
	expect_cell("cr\rhere", false, "\"cr\rhere\"");
	expect_cell("Zoë 東京 🙂", false, "Zoë 東京 🙂");
	expect_cell("1.50", false, "1.50");
	expect_cell("2026-11-18", false, "2026-11-18");
}

Test(report_sheet, csv_formulas_neutralised_unless_raw)
{
	expect_cell("=HYPERLINK(\"http://x\")", false, "\"'=HYPERLINK(\"\"http://x\"\")\"");
	expect_cell("=1+1", false, "'=1+1");
	expect_cell("+1", false, "'+1");
	expect_cell("-1", false, "'-1");
	expect_cell("@SUM(A1)", false, "'@SUM(A1)");
	expect_cell("\tx", false, "'\tx");
	expect_cell("\rx", false, "\"'\rx\"");
	expect_cell("=1,2", false, "\"'=1,2\"");
	/* Only the first character counts. */
	expect_cell("a=1", false, "a=1");
	expect_cell(" =1", false, " =1");
	/* --raw: as stored, still quoted where needed. */
	expect_cell("=1+1", true, "=1+1");
	expect_cell("-1", true, "-1");
	expect_cell("=1,2", true, "\"=1,2\"");
	cr_expect(csv_is_formula("=x"));
	cr_expect(!csv_is_formula(""));
	cr_expect(!csv_is_formula(NULL));
	cr_expect(!csv_is_formula("x="));
}

Test(report_sheet, table_names)
{
	enum sheet_table t;
	cr_expect(sheet_table_parse("hours", &t) && t == SHEET_HOURS);
	cr_expect(sheet_table_parse("actions", &t) && t == SHEET_ACTIONS);
	cr_expect(sheet_table_parse("risks", &t) && t == SHEET_RISKS);
	cr_expect(sheet_table_parse("mandates", &t) && t == SHEET_MANDATES);
	cr_expect(!sheet_table_parse("notes", &t));
	cr_expect(!sheet_table_parse("Hours", &t));
	cr_expect(!sheet_table_parse(NULL, &t));
}

Test(report_sheet, ics_text_escaped)
{
	char *e = ics_escape("a\\b;c,d\ne\r\nf\rg \\n");
	cr_assert_not_null(e);
	cr_expect_str_eq(e, "a\\\\b\\;c\\,d\\ne\\nf\\ng \\\\n");
	free(e);
	e = ics_escape(NULL);
	cr_assert_not_null(e);
	cr_expect_str_eq(e, "");
	free(e);
	e = ics_escape("Zoë: 東京, 🙂");
	cr_assert_not_null(e);
	cr_expect_str_eq(e, "Zoë: 東京\\, 🙂");
	free(e);
}

/* Controls RFC 5545 forbids in TEXT never reach a calendar: C0 (but TAB
 * and line breaks), DEL and C1 are left out. */
Test(report_sheet, ics_controls_dropped)
{
	char *e = ics_escape("a\x1b[31mred\x1b[0m\tb\x7f\x01"
	                     "c\xc2\x9b"
	                     "2Jd\xc2\xa0"
	                     "e");
	cr_assert_not_null(e);
	cr_expect_str_eq(e, "a[31mred[0m\tbc2Jd\xc2\xa0"
	                    "e");
	free(e);
}

/* line folded by ics_put_folded (caller frees). */
static char *folded(const char *line)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&buf, &len);
	cr_assert_not_null(fp);
	cr_assert_eq(ics_put_folded(fp, line), 0);
	cr_assert_eq(fclose(fp), 0);
	return buf;
}

/* True when s[0..n) is whole UTF-8: every sequence complete. */
static bool whole_utf8(const unsigned char *s, size_t n)
{
	size_t i = 0;
	while (i < n) {
		size_t len = s[i] < 0x80    ? 1
		             : s[i] >= 0xF0 ? 4
		             : s[i] >= 0xE0 ? 3
		             : s[i] >= 0xC0 ? 2
		                            : 0;
		if (!len || i + len > n)
			return false;
		for (size_t k = 1; k < len; k++)
			if ((s[i + k] & 0xC0) != 0x80)
				return false;
		i += len;
	}
	return true;
}

/* Checks the folding of line: every physical line at most 75 octets and
 * whole UTF-8, continuations begin with a space, CRLF everywhere, and
 * unfolding gives line back; returns the number of physical lines. */
static int check_fold(const char *line)
{
	char *out = folded(line);
	size_t n = strlen(out);
	cr_assert(n >= 2 && !strcmp(out + n - 2, "\r\n"), "ends with CRLF");
	char *unfolded = malloc(n + 1);
	cr_assert_not_null(unfolded);
	size_t u = 0;
	int lines = 0;
	for (char *p = out; *p;) {
		char *eol = strstr(p, "\r\n");
		cr_assert_not_null(eol, "every line ends with CRLF");
		size_t len = (size_t)(eol - p);
		cr_expect(len <= ICS_LINE_MAX, "line %d has %zu octets", lines + 1, len);
		cr_expect(!memchr(p, '\n', len) && !memchr(p, '\r', len), "no bare CR or LF");
		const char *content = p;
		if (lines > 0) {
			cr_expect_eq(*p, ' ', "a continuation begins with a space");
			content++;
			len--;
		}
		cr_expect(whole_utf8((const unsigned char *)content, len),
		          "line %d splits a UTF-8 sequence", lines + 1);
		memcpy(unfolded + u, content, len);
		u += len;
		lines++;
		p = eol + 2;
	}
	unfolded[u] = '\0';
	cr_expect_str_eq(unfolded, line);
	free(unfolded);
	free(out);
	return lines;
}

Test(report_sheet, ics_fold_never_splits_utf8)
{
	/* A 300-byte title of one-, two-, three- and four-byte characters,
	 * each offset in turn so that every kind meets the fold. */
	static const char *const pieces[] = { "a", "é", "東", "🙂" };
	for (int shift = 0; shift < 4; shift++) {
		char line[400] = "SUMMARY:";
		for (int k = 0; k < shift; k++)
			strcat(line, "x");
		size_t start = strlen(line);
		for (int i = 0; strlen(line) - start + 4 <= 300; i++)
			strcat(line, pieces[i % 4]);
		while (strlen(line) - start < 300)
			strcat(line, "z");
		cr_assert_eq(strlen(line) - start, 300);
		int lines = check_fold(line);
		cr_expect(lines >= 5, "308 octets take at least five lines (%d)", lines);
	}
	/* All four-byte characters: a fold before each would-be split. */
	char emoji[4 * 80 + 1] = "";
	for (int i = 0; i < 80; i++)
		strcat(emoji, "🙂");
	check_fold(emoji);
}

Test(report_sheet, ics_fold_at_exactly_75_octets)
{
	char line[200];
	memset(line, 'x', 75);
	line[75] = '\0';
	cr_expect_eq(check_fold(line), 1, "75 octets stay on one line");
	memset(line, 'x', 76);
	line[76] = '\0';
	cr_expect_eq(check_fold(line), 2, "76 octets take two");
	char *out = folded(line);
	cr_expect_eq(strlen(out), 75 + 2 + 1 + 1 + 2);
	cr_expect(!strncmp(out + 75, "\r\n x\r\n", 6));
	free(out);
	/* 75 + 74: the second line's space counts. */
	memset(line, 'x', 149);
	line[149] = '\0';
	cr_expect_eq(check_fold(line), 2);
	memset(line, 'x', 150);
	line[150] = '\0';
	cr_expect_eq(check_fold(line), 3);
	cr_expect_eq(check_fold(""), 1);
}

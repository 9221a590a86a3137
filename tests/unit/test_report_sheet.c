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

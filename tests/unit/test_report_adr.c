/* Unit tests for src/report/adr.c: a decision record as Markdown,
 * written, read back, and written again the same. */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "cxo/adr.h"

static struct decision sample(void)
{
	struct decision d = { 0 };
	d.title = strdup("Move the ERP to the cloud");
	strcpy(d.day, "2026-11-18");
	strcpy(d.status, "decided");
	d.decided_by = strdup("Dana (CEO)");
	d.consulted = strdup("finance, IT");
	strcpy(d.review, "2027-05-18");
	d.context = strdup("The server is end of life.\n\n- support ends in March");
	d.options = strdup("1. Stay\n2. Move");
	d.decision = strdup("Move, because it is cheaper.");
	d.consequences = NULL;
	return d;
}

static const char sample_md[] = "# Move the ERP to the cloud\n"
                                "\n"
                                "Status: decided\n"
                                "Date: 2026-11-18\n"
                                "Decided by: Dana (CEO)\n"
                                "Consulted: finance, IT\n"
                                "Review: 2027-05-18\n"
                                "\n"
                                "## Context\n"
                                "\n"
                                "The server is end of life.\n"
                                "\n"
                                "- support ends in March\n"
                                "\n"
                                "## Options considered\n"
                                "\n"
                                "1. Stay\n"
                                "2. Move\n"
                                "\n"
                                "## Decision\n"
                                "\n"
                                "Move, because it is cheaper.\n"
                                "\n"
                                "## Consequences\n";

Test(report_adr, formats_a_record)
{
	struct decision d = sample();
	char *md = adr_format(&d, NULL, 0);
	cr_assert_not_null(md);
	cr_expect_str_eq(md, sample_md);
	free(md);

	struct adr_line extra[] = { { "Superseded by", "3f2a9c1d Keep it" }, { "Risks", "" } };
	md = adr_format(&d, extra, 2);
	cr_expect(strstr(md, "Review: 2027-05-18\nSuperseded by: 3f2a9c1d Keep it\n\n## Context"),
	          "%s", md);
	cr_expect_null(strstr(md, "Risks"), "an empty extra line is left out");
	free(md);
	decision_free(&d);
}

Test(report_adr, reads_it_back)
{
	struct decision d = { 0 };
	char err[256] = "";
	cr_assert_eq(adr_parse(sample_md, &d, err, sizeof err), 0, "%s", err);
	cr_expect_str_eq(d.title, "Move the ERP to the cloud");
	cr_expect_str_eq(d.status, "decided");
	cr_expect_str_eq(d.day, "2026-11-18");
	cr_expect_str_eq(d.decided_by, "Dana (CEO)");
	cr_expect_str_eq(d.consulted, "finance, IT");
	cr_expect_str_eq(d.review, "2027-05-18");
	cr_expect_str_eq(d.context, "The server is end of life.\n\n- support ends in March");
	cr_expect_str_eq(d.options, "1. Stay\n2. Move");
	cr_expect_str_eq(d.decision, "Move, because it is cheaper.");
	cr_expect_null(d.consequences);
	decision_free(&d);
}

/* format, parse, format: the same text. */
static void round_trip(struct decision *d)
{
	char err[256] = "";
	char *a = adr_format(d, NULL, 0);
	cr_assert_not_null(a);
	struct decision back = { 0 };
	cr_assert_eq(adr_parse(a, &back, err, sizeof err), 0, "%s\n%s", err, a);
	char *b = adr_format(&back, NULL, 0);
	cr_assert_not_null(b);
	cr_expect_str_eq(b, a);
	free(a);
	free(b);
	decision_free(&back);
}

Test(report_adr, round_trip_of_awkward_texts)
{
	struct decision d = sample();
	round_trip(&d);
	free(d.context);
	free(d.options);
	free(d.title);
	free(d.consulted);
	d.title = strdup("  Two\nlines # and <!-- this  ");
	d.consulted = strdup("a\r\nb");
	d.context = strdup("\n\n   indented first\r\n## Decision\n## decision ##\n## Other\n"
	                   "# Top\n<!-- not a comment -->\n<\\!-- escaped\nStatus: text\n\n\n");
	d.options = strdup("\\## Context\n```\n## Consequences\n```");
	round_trip(&d);

	char *md = adr_format(&d, NULL, 0);
	struct decision back = { 0 };
	char err[256] = "";
	cr_assert_eq(adr_parse(md, &back, err, sizeof err), 0, "%s", err);
	cr_expect_str_eq(back.title, "Two lines # and <!-- this");
	cr_expect_str_eq(back.consulted, "a  b");
	cr_expect_str_eq(back.context,
	                 "   indented first\n## Decision\n## decision ##\n## Other\n# Top\n"
	                 "<!-- not a comment -->\n<!-- escaped\nStatus: text",
	                 "every line kept: %s", back.context);
	cr_expect_str_eq(back.options, "## Context\n```\n## Consequences\n```");
	cr_expect_null(back.decision ? strstr(back.decision, "Consequences") : NULL);
	free(md);
	decision_free(&back);

	struct decision empty = { 0 };
	empty.title = strdup("T");
	strcpy(empty.status, "proposed");
	round_trip(&empty);
	decision_free(&empty);
	decision_free(&d);
}

Test(report_adr, the_template)
{
	struct decision d = { 0 };
	char err[256] = "";
	d.title = strdup("Pick a CRM");
	strcpy(d.day, "2026-11-18");
	d.context = strdup("Carried over.");
	char *t = adr_template(&d);
	cr_assert_not_null(t);
	cr_expect(strstr(t, "# Pick a CRM\n<!--"), "%s", t);
	cr_expect(strstr(t, "Status: decided\nDate: 2026-11-18\nDecided by:\n"), "%s", t);
	cr_expect(strstr(t, "## Context\n\n<!--"), "%s", t);
	cr_expect(strstr(t, "-->\nCarried over.\n"), "%s", t);

	struct decision back = { 0 };
	cr_assert_eq(adr_parse(t, &back, err, sizeof err), 0, "%s", err);
	cr_expect_str_eq(back.title, "Pick a CRM");
	cr_expect_str_eq(back.status, "decided");
	cr_expect_str_eq(back.context, "Carried over.", "the comments are dropped");
	cr_expect_null(back.options);
	cr_expect_null(back.decided_by);
	free(t);
	decision_free(&back);

	/* Untitled, the template does not read until a title is written. */
	free(d.title);
	d.title = NULL;
	t = adr_template(&d);
	cr_expect_eq(adr_parse(t, &back, err, sizeof err), EX_DATAERR);
	cr_expect_str_eq(err, "line 1: the title is empty");
	free(t);
	decision_free(&d);
	decision_free(&back);
}

Test(report_adr, headings_in_any_case_unknown_ones_kept)
{
	struct decision d = { 0 };
	char err[256] = "";
	const char *md = "\n# Title\nstatus: PROP\nREVIEW: 2027-01-01\n"
	                 "## Other notes\nearly\n"
	                 "## OPTIONS\nA or B\n### Sub\nmore\n## Pros ##\nfast\n"
	                 "## context\nlate\n"
	                 "## Expected outcome\nout <!-- hidden --> here\n<!-- gone\nall -->\n"
	                 "## Options considered\nC too\n";
	cr_assert_eq(adr_parse(md, &d, err, sizeof err), 0, "%s", err);
	cr_expect_str_eq(d.status, "proposed");
	cr_expect_str_eq(d.review, "2027-01-01");
	cr_expect_str_eq(d.context, "## Other notes\nearly\n\nlate");
	cr_expect_str_eq(d.options, "A or B\n### Sub\nmore\n## Pros ##\nfast\n\nC too");
	cr_expect_str_eq(d.consequences, "out  here");
	decision_free(&d);
}

Test(report_adr, lines_left_out_keep_the_fields)
{
	struct decision d = { 0 };
	char err[256] = "";
	strcpy(d.day, "2026-01-02");
	strcpy(d.status, "decided");
	d.decided_by = strdup("Ana");
	cr_assert_eq(
	        adr_parse("# T\nReview:\nMandates: x\nSuperseded by: y\n", &d, err, sizeof err), 0,
	        "%s", err);
	cr_expect_str_eq(d.day, "2026-01-02");
	cr_expect_str_eq(d.status, "decided");
	cr_expect_str_eq(d.decided_by, "Ana");
	cr_expect_str_eq(d.review, "");
	cr_assert_eq(adr_parse("# T\nDecided by:\r\nDate: 2026-03-04\r\n", &d, err, sizeof err), 0,
	             "%s", err);
	cr_expect_null(d.decided_by, "an empty value clears");
	cr_expect_str_eq(d.day, "2026-03-04");
	decision_free(&d);
}

/* Parsing text fails with a message holding want; d stays as it was. */
static void refused(const char *text, const char *want)
{
	struct decision d = { 0 };
	char err[256] = "";
	d.title = strdup("Kept");
	strcpy(d.day, "2026-01-02");
	cr_expect_eq(adr_parse(text, &d, err, sizeof err), EX_DATAERR, "%s", text);
	cr_expect(strstr(err, want), "\"%s\" does not hold \"%s\"", err, want);
	cr_expect_str_eq(d.title, "Kept");
	cr_expect_str_eq(d.day, "2026-01-02");
	decision_free(&d);
}

Test(report_adr, bad_records_name_the_line)
{
	refused("# T\n\nDate: 2026-02-30\n", "line 3: bad Date \"2026-02-30\": expected a day as "
	                                     "YYYY-MM-DD");
	refused("# T\nDate: 2026-01-01\nReview: soon\n", "line 3: bad Review \"soon\"");
	refused("# T\nStatus: maybe\n", "line 2: unknown decision status \"maybe\"");
	refused("# T\nStatus:\n", "line 2: Status is empty (expected proposed, decided");
	refused("# T\nOwner: Bob\n", "line 2: \"Owner: Bob\" is not one of Status:");
	refused("# T\nSome text\n## Context\n", "line 2: \"Some text\" is not one of");
	refused("# T\nDate: 2026-01-01\nDate: 2026-01-02\n", "line 3: a second Date: line");
	refused("Title\n", "line 1: \"Title\" is not a title (expected \"# Title\")");
	refused("## Context\nx\n", "line 1: \"## Context\" is not a title");
	refused("<!-- only -->\n\n", "no title");
	refused("", "no title");
	refused("#\n", "line 1: the title is empty");
	refused("# T\nDate: \x1b[31m\n", "bad Date \"[31m\"");
}

/* Unit tests for the command recorded with a write (app_set_origin_argv):
 * each word sanitised and a long one cut, the whole cut to
 * APP_ORIGIN_LEN, never inside a UTF-8 character. */
#include <criterion/criterion.h>
#include <string.h>

#include "cxo/app.h"

static struct cxo_app app; /* no store: the origin waits for one */

Test(app_origin, words_quoted_and_cut)
{
	char note[] = "Vendor sends the BAA redlines by Friday, with the SLA attached";
	char *argv[] = { (char *)"add", note, (char *)"--share", (char *)"" };
	cr_assert_eq(app_set_origin_argv(&app, "cxo note", 4, argv), 0);
	cr_expect_str_eq(
	        app.origin,
	        "cxo note add \"Vendor sends the BAA redlines by Friday,...\" --share \"\"");
}

Test(app_origin, controls_dropped)
{
	char *argv[] = { (char *)"a\033[31mred\tb" };
	cr_assert_eq(app_set_origin_argv(&app, "cxo log", 1, argv), 0);
	cr_expect_null(strchr(app.origin, '\033'));
	cr_expect_null(strchr(app.origin, '\t'));
}

Test(app_origin, the_whole_cut_on_a_character)
{
	/* Twenty words of "é" (2 bytes) times 10: 20 bytes and a space each. */
	char word[21];
	for (int i = 0; i < 10; i++)
		memcpy(word + 2 * i, "\xc3\xa9", 2);
	word[20] = '\0';
	char *argv[20];
	for (int i = 0; i < 20; i++)
		argv[i] = word;
	cr_assert_eq(app_set_origin_argv(&app, "cxo", 20, argv), 0);
	size_t len = strlen(app.origin);
	cr_expect_lt(len, (size_t)APP_ORIGIN_LEN);
	cr_expect_geq(len, (size_t)APP_ORIGIN_LEN - 8);
	cr_expect_str_eq(app.origin + len - 3, "...");
	/* What precedes the dots is whole characters. */
	cr_expect_neq((unsigned char)app.origin[len - 4], 0xc3);
	cr_assert_eq(app_set_origin(&app, NULL), 0);
	cr_expect_str_eq(app.origin, "");
}

/* Unit tests for src/core/risk.c. */
#include "cxo/risk.h"

#include <criterion/criterion.h>
#include <locale.h>
#include <stdio.h>
#include <string.h>

static void init_locale(void)
{
	setlocale(LC_CTYPE, "C.UTF-8");
}

TestSuite(core_risk, .init = init_locale);

#define PAIR_FORMS "expected L,I with each 1-5, e.g. 2,3 or 2x3"
#define FACTOR_FORMS "expected a whole number from 1 to 5"

Test(core_risk, defaults)
{
	cr_assert_eq(RISK_THRESHOLDS_DEFAULT.medium, 4);
	cr_assert_eq(RISK_THRESHOLDS_DEFAULT.high, 8);
	cr_assert_eq(RISK_THRESHOLDS_DEFAULT.critical, 15);
	cr_assert_eq(RISK_REVIEW_DAYS_DEFAULT.days[RISK_LOW], 360);
	cr_assert_eq(RISK_REVIEW_DAYS_DEFAULT.days[RISK_MEDIUM], 180);
	cr_assert_eq(RISK_REVIEW_DAYS_DEFAULT.days[RISK_HIGH], 90);
	cr_assert_eq(RISK_REVIEW_DAYS_DEFAULT.days[RISK_CRITICAL], 90);
	cr_assert(risk_thresholds_valid(&RISK_THRESHOLDS_DEFAULT));
}

Test(core_risk, score)
{
	for (int l = 1; l <= 5; l++)
		for (int i = 1; i <= 5; i++)
			cr_assert_eq(risk_score(l, i), l * i);
	cr_assert_eq(risk_score(0, 3), 0);
	cr_assert_eq(risk_score(3, 0), 0);
	cr_assert_eq(risk_score(6, 1), 0);
	cr_assert_eq(risk_score(1, 6), 0);
	cr_assert_eq(risk_score(-1, -1), 0);
	cr_assert_eq(risk_score(5, 5), 25);
}

Test(core_risk, levels_with_defaults)
{
	cr_assert_eq(risk_level_of(0, NULL), RISK_LOW);
	cr_assert_eq(risk_level_of(1, NULL), RISK_LOW);
	cr_assert_eq(risk_level_of(3, NULL), RISK_LOW);
	cr_assert_eq(risk_level_of(4, NULL), RISK_MEDIUM);
	cr_assert_eq(risk_level_of(7, NULL), RISK_MEDIUM);
	cr_assert_eq(risk_level_of(8, NULL), RISK_HIGH);
	cr_assert_eq(risk_level_of(14, NULL), RISK_HIGH);
	cr_assert_eq(risk_level_of(15, NULL), RISK_CRITICAL);
	cr_assert_eq(risk_level_of(25, NULL), RISK_CRITICAL);
	cr_assert_eq(risk_level_of(4, &RISK_THRESHOLDS_DEFAULT), RISK_MEDIUM);
	/* On the grid: 2x2 medium, 2x4 high, 3x5 critical, 1x3 low */
	cr_assert_eq(risk_level_of(risk_score(2, 2), NULL), RISK_MEDIUM);
	cr_assert_eq(risk_level_of(risk_score(2, 4), NULL), RISK_HIGH);
	cr_assert_eq(risk_level_of(risk_score(3, 5), NULL), RISK_CRITICAL);
	cr_assert_eq(risk_level_of(risk_score(1, 3), NULL), RISK_LOW);
}

Test(core_risk, levels_with_custom_thresholds)
{
	struct risk_thresholds t = { 6, 10, 20 };
	cr_assert_eq(risk_level_of(5, &t), RISK_LOW);
	cr_assert_eq(risk_level_of(6, &t), RISK_MEDIUM);
	cr_assert_eq(risk_level_of(9, &t), RISK_MEDIUM);
	cr_assert_eq(risk_level_of(10, &t), RISK_HIGH);
	cr_assert_eq(risk_level_of(19, &t), RISK_HIGH);
	cr_assert_eq(risk_level_of(20, &t), RISK_CRITICAL);
	struct risk_thresholds tight = { 1, 2, 3 };
	cr_assert_eq(risk_level_of(1, &tight), RISK_MEDIUM);
	cr_assert_eq(risk_level_of(2, &tight), RISK_HIGH);
	cr_assert_eq(risk_level_of(3, &tight), RISK_CRITICAL);
	cr_assert_eq(risk_level_of(0, &tight), RISK_LOW);
	/* Levels never go down as the score rises */
	enum risk_level prev = RISK_LOW;
	for (int s = 0; s <= 25; s++) {
		enum risk_level l = risk_level_of(s, &t);
		cr_assert(l >= prev);
		prev = l;
	}
}

Test(core_risk, level_names)
{
	cr_assert_str_eq(risk_level_name(RISK_LOW), "low");
	cr_assert_str_eq(risk_level_name(RISK_MEDIUM), "medium");
	cr_assert_str_eq(risk_level_name(RISK_HIGH), "high");
	cr_assert_str_eq(risk_level_name(RISK_CRITICAL), "critical");
	cr_assert_str_eq(risk_level_name(RISK_LEVEL_COUNT), "unknown");
	cr_assert_str_eq(risk_level_name((enum risk_level) - 1), "unknown");
}

Test(core_risk, thresholds_valid)
{
	struct risk_thresholds ok[] = { { 4, 8, 15 }, { 1, 2, 3 }, { 23, 24, 25 }, { 2, 10, 25 } };
	struct risk_thresholds bad[] = {
		{ 0, 8, 15 },  { 8, 8, 15 },  { 4, 15, 15 },  { 4, 8, 26 }, { 9, 8, 15 },
		{ 4, 16, 15 }, { -1, 8, 15 }, { 24, 25, 26 }, { 4, 8, 4 },
	};
	for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++)
		cr_assert(risk_thresholds_valid(&ok[i]), "%zu", i);
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
		cr_assert_not(risk_thresholds_valid(&bad[i]), "%zu", i);
	cr_assert_not(risk_thresholds_valid(NULL));
}

Test(core_risk, factor_parse)
{
	int v = 0;
	char err[200];
	for (int i = 1; i <= 5; i++) {
		char text[16];
		snprintf(text, sizeof text, "%d", i);
		cr_assert(risk_factor_parse(text, &v, err, sizeof err));
		cr_assert_eq(v, i);
	}
	cr_assert(risk_factor_parse(" 3 ", &v, err, sizeof err));
	cr_assert_eq(v, 3);
	cr_assert(risk_factor_parse("4", NULL, NULL, 0));
	const char *bad[] = { "0",  "6",     "",   "-1", "+3",  "3.0",         "33",
		              "03", "three", "3x", "x",  "1,2", "\xef\xbc\x93" };
	v = 9;
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		char want[200];
		cr_assert_not(risk_factor_parse(bad[i], &v, err, sizeof err), "%s", bad[i]);
		snprintf(want, sizeof want, "bad risk factor \"%s\" (" FACTOR_FORMS ")", bad[i]);
		cr_assert_str_eq(err, want);
	}
	cr_assert_eq(v, 9);
	cr_assert_not(risk_factor_parse(NULL, &v, err, sizeof err));
	cr_assert_str_eq(err, "bad risk factor \"\" (" FACTOR_FORMS ")");
	cr_assert_not(risk_factor_parse("9", &v, NULL, 0));
}

Test(core_risk, pair_parse)
{
	int l = 0, i = 0;
	char err[200];
	cr_assert(risk_pair_parse("2,3", &l, &i, err, sizeof err));
	cr_assert(l == 2 && i == 3);
	cr_assert(risk_pair_parse("5x1", &l, &i, err, sizeof err));
	cr_assert(l == 5 && i == 1);
	cr_assert(risk_pair_parse("4X4", &l, &i, err, sizeof err));
	cr_assert(l == 4 && i == 4);
	cr_assert(risk_pair_parse(" 1 , 5 ", &l, &i, err, sizeof err));
	cr_assert(l == 1 && i == 5);
	cr_assert(risk_pair_parse("3 x 2", &l, &i, err, sizeof err));
	cr_assert(l == 3 && i == 2);
	cr_assert(risk_pair_parse("1,1", NULL, NULL, NULL, 0));
	for (int a = 1; a <= 5; a++)
		for (int b = 1; b <= 5; b++) {
			char text[32];
			snprintf(text, sizeof text, "%d,%d", a, b);
			cr_assert(risk_pair_parse(text, &l, &i, err, sizeof err));
			cr_assert(l == a && i == b);
		}
}

Test(core_risk, pair_parse_errors)
{
	const char *bad[] = { "",          "2",     "2,",   ",3",   "2,3,4",   "0,3",  "2,6",
		              "6,2",       "2;3",   "2*3",  "23",   "2,,3",    "2xx3", "2 3",
		              "two,three", "2.0,3", "-2,3", "2,3x", "2x3 high" };
	int l = 7, i = 7;
	char err[200];
	for (size_t k = 0; k < sizeof bad / sizeof bad[0]; k++) {
		char want[200];
		cr_assert_not(risk_pair_parse(bad[k], &l, &i, err, sizeof err), "%s", bad[k]);
		snprintf(want, sizeof want, "bad likelihood and impact \"%s\" (" PAIR_FORMS ")",
		         bad[k]);
		cr_assert_str_eq(err, want);
	}
	cr_assert(l == 7 && i == 7);
	cr_assert_not(risk_pair_parse(NULL, &l, &i, err, sizeof err));
	cr_assert_str_eq(err, "bad likelihood and impact \"\" (" PAIR_FORMS ")");
	cr_assert_not(risk_pair_parse("2,\x1b[31m3", &l, &i, err, sizeof err));
	cr_assert_str_eq(err, "bad likelihood and impact \"2,[31m3\" (" PAIR_FORMS ")");
	char tiny[5];
	cr_assert_not(risk_pair_parse("9,9", &l, &i, tiny, sizeof tiny));
	cr_assert_str_eq(tiny, "bad ");
}

/*
 * risk.c: likelihood-by-impact scores and their levels.
 */
#include "cxo/risk.h"

#include "cxo/text.h"

#include <stdio.h>
#include <string.h>

const struct risk_thresholds RISK_THRESHOLDS_DEFAULT = { 4, 8, 15 };
const struct risk_review_days RISK_REVIEW_DAYS_DEFAULT = { { 360, 180, 90, 90 } };

static void set_err(char *err, size_t errsz, const char *what, const char *text, const char *why)
{
	char q[128];
	if (!err || errsz == 0)
		return;
	text_fit(text ? text : "", 40, true, q, sizeof q);
	snprintf(err, errsz, "bad %s \"%s\" (%s)", what, q, why);
}

int risk_score(int likelihood, int impact)
{
	if (likelihood < 1 || likelihood > 5 || impact < 1 || impact > 5)
		return 0;
	return likelihood * impact;
}

/* NULL thresholds mean the defaults. */
enum risk_level risk_level_of(int score, const struct risk_thresholds *t)
{
	if (!t)
		t = &RISK_THRESHOLDS_DEFAULT;
	if (score >= t->critical)
		return RISK_CRITICAL;
	if (score >= t->high)
		return RISK_HIGH;
	if (score >= t->medium)
		return RISK_MEDIUM;
	return RISK_LOW;
}

const char *risk_level_name(enum risk_level level)
{
	switch (level) {
	case RISK_LOW:
		return "low";
	case RISK_MEDIUM:
		return "medium";
	case RISK_HIGH:
		return "high";
	case RISK_CRITICAL:
		return "critical";
	case RISK_LEVEL_COUNT:
		break;
	}
	return "unknown";
}

bool risk_thresholds_valid(const struct risk_thresholds *t)
{
	return t && t->medium >= 1 && t->medium < t->high && t->high < t->critical &&
	       t->critical <= 25;
}

/* One digit 1-5 at *p; advances past it. */
static bool factor_at(const char **p, int *out)
{
	if (**p < '1' || **p > '5')
		return false;
	*out = **p - '0';
	(*p)++;
	return true;
}

static void skip_spaces(const char **p)
{
	while (**p == ' ' || **p == '\t')
		(*p)++;
}

bool risk_factor_parse(const char *text, int *out, char *err, size_t errsz)
{
	const char *p = text ? text : "";
	int v;
	skip_spaces(&p);
	if (!factor_at(&p, &v) || (skip_spaces(&p), *p != '\0')) {
		set_err(err, errsz, "risk factor", text, "expected a whole number from 1 to 5");
		return false;
	}
	if (out)
		*out = v;
	return true;
}

bool risk_pair_parse(const char *text, int *likelihood, int *impact, char *err, size_t errsz)
{
	const char *p = text ? text : "";
	int l = 0, i = 0;
	skip_spaces(&p);
	bool ok = factor_at(&p, &l);
	if (ok) {
		skip_spaces(&p);
		ok = *p == ',' || *p == 'x' || *p == 'X';
		if (ok)
			p++;
	}
	if (ok) {
		skip_spaces(&p);
		ok = factor_at(&p, &i);
		skip_spaces(&p);
		ok = ok && *p == '\0';
	}
	if (!ok) {
		set_err(err, errsz, "likelihood and impact", text,
		        "expected L,I with each 1-5, e.g. 2,3 or 2x3");
		return false;
	}
	if (likelihood)
		*likelihood = l;
	if (impact)
		*impact = i;
	return true;
}

/*
 * risk.h: scoring of risks on a 5x5 likelihood-by-impact grid, the levels
 * the scores fall into, and the review interval each level implies.
 */
#ifndef CXO_RISK_H
#define CXO_RISK_H

#include <stdbool.h>
#include <stddef.h>

enum risk_level { RISK_LOW, RISK_MEDIUM, RISK_HIGH, RISK_CRITICAL, RISK_LEVEL_COUNT };

/* Lowest score of each level above low; defaults 4, 8, 15. */
struct risk_thresholds {
	int medium, high, critical;
};

/* Review intervals in days per level; defaults low 360, medium 180,
 * high 90, critical 90. */
struct risk_review_days {
	int days[RISK_LEVEL_COUNT];
};

extern const struct risk_thresholds RISK_THRESHOLDS_DEFAULT;
extern const struct risk_review_days RISK_REVIEW_DAYS_DEFAULT;

/* 1..25, or 0 when either factor is outside 1..5. */
int risk_score(int likelihood, int impact);
enum risk_level risk_level_of(int score, const struct risk_thresholds *t);
const char *risk_level_name(enum risk_level level); /* "low" ... "critical" */

/* 1 <= medium < high < critical <= 25. */
bool risk_thresholds_valid(const struct risk_thresholds *t);

/* "1".."5" */
bool risk_factor_parse(const char *text, int *out, char *err, size_t errsz);
/* "L,I" such as "2,3" (also "2x3") */
bool risk_pair_parse(const char *text, int *likelihood, int *impact, char *err, size_t errsz);

#endif

/*
 * money.h: amounts in integer cents, so sums never drift.
 */
#ifndef CXO_MONEY_H
#define CXO_MONEY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* "225", "225.5", "225.50", "1,225.50" (comma thousands separators) -> cents.
 * Negative values and more than two decimals are errors. */
bool money_parse(const char *text, int64_t *cents, char *err, size_t errsz);

/* 122550 -> "1,225.50"; with a currency "1,225.50 USD". */
void money_format(int64_t cents, const char *currency, char *buf, size_t n);

/* 122550 -> "1225.50": no separator, no currency (TSV). */
void money_format_plain(int64_t cents, char *buf, size_t n);

/* minutes at an hourly rate, rounded half up to the cent. */
int64_t money_for_minutes(long minutes, int64_t rate_cents);

/* Hundredths of an hour (duration_hundredths: the hours as shown) at an
 * hourly rate, rounded half up to the cent: 33 at 225.00 -> 74.25. */
int64_t money_for_hundredths(long hundredths, int64_t rate_cents);

/* Three ASCII letters in any case ("eur", "Eur": the ISO 4217 shape),
 * into out as they are kept: upper case ("EUR").  False, out "", for
 * anything else. */
bool currency_normalize(const char *text, char out[4]);

#endif

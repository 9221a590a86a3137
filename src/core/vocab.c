/*
 * vocab.c: the closed sets of words, and matching what users type to them.
 */
#include "cxo/vocab.h"

#include "cxo/text.h"

#include <stdio.h>
#include <string.h>

static const char *const role_words[] = { "cio", "cto", "ciso", "interim", NULL };
static const char *const client_status_words[] = { "active", "paused", "ended", NULL };
static const char *const mandate_status_words[] = { "active", "done", "dropped", NULL };
static const char *const risk_category_words[] = { "security", "compliance", "vendor", "operations",
	                                           "people",   "financial",  NULL };
static const char *const risk_treatment_words[] = { "mitigate", "accept", "transfer", "avoid",
	                                            NULL };
static const char *const risk_status_words[] = { "open", "mitigating", "accepted", "closed", NULL };
static const char *const action_status_words[] = { "todo", "waiting", "done", "dropped", NULL };

static const char *const vendor_category_words[] = {
	"saas", "infrastructure", "msp", "telecom", "security", "hardware", "other", NULL
};
static const char *const vendor_billing_words[] = { "monthly",   "quarterly", "annual",
	                                            "multiyear", "usage",     NULL };
static const char *const vendor_status_words[] = { "evaluating", "active", "renewing",
	                                           "leaving",    "ended",  NULL };
static const char *const vendor_diligence_words[] = { "none", "sent", "reviewed", "approved",
	                                              NULL };
static const char *const vendor_data_words[] = { "none", "internal", "confidential", "regulated",
	                                         NULL };
static const char *const decision_status_words[] = { "proposed", "decided", "superseded",
	                                             "reversed", NULL };

const struct vocab VOCAB_ROLE = { "role", role_words };
const struct vocab VOCAB_CLIENT_STATUS = { "client status", client_status_words };
const struct vocab VOCAB_MANDATE_STATUS = { "mandate status", mandate_status_words };
const struct vocab VOCAB_RISK_CATEGORY = { "risk category", risk_category_words };
const struct vocab VOCAB_RISK_TREATMENT = { "risk treatment", risk_treatment_words };
const struct vocab VOCAB_RISK_STATUS = { "risk status", risk_status_words };
const struct vocab VOCAB_ACTION_STATUS = { "action status", action_status_words };
const struct vocab VOCAB_VENDOR_CATEGORY = { "vendor category", vendor_category_words };
const struct vocab VOCAB_VENDOR_BILLING = { "billing cycle", vendor_billing_words };
const struct vocab VOCAB_VENDOR_STATUS = { "vendor status", vendor_status_words };
const struct vocab VOCAB_VENDOR_DILIGENCE = { "due diligence", vendor_diligence_words };
const struct vocab VOCAB_VENDOR_DATA = { "data class", vendor_data_words };
const struct vocab VOCAB_DECISION_STATUS = { "decision status", decision_status_words };

/* Appends to buf without overflowing; the result is always terminated. */
static void append(char *buf, size_t n, size_t *used, const char *s)
{
	size_t len = strlen(s);
	if (*used + 1 >= n)
		return;
	if (len > n - 1 - *used)
		len = n - 1 - *used;
	memcpy(buf + *used, s, len);
	*used += len;
	buf[*used] = '\0';
}

/* "a", "a or b", "a, b or c"; only words for which pick[i] is set (all
 * when pick is NULL). */
static void join(const char *const *words, const bool *pick, char *buf, size_t n)
{
	size_t used = 0, count = 0, done = 0;
	if (n == 0)
		return;
	buf[0] = '\0';
	for (size_t i = 0; words[i]; i++)
		count += !pick || pick[i];
	for (size_t i = 0; words[i]; i++) {
		if (pick && !pick[i])
			continue;
		if (done > 0)
			append(buf, n, &used, done + 1 == count ? " or " : ", ");
		append(buf, n, &used, words[i]);
		done++;
	}
}

void vocab_list(const struct vocab *v, char *buf, size_t n)
{
	if (!buf || n == 0)
		return;
	if (!v) {
		buf[0] = '\0';
		return;
	}
	join(v->words, NULL, buf, n);
}

/* Room for the longest vocabulary; more words than this are not expected. */
#define VOCAB_MAX 16

const char *vocab_match(const struct vocab *v, const char *text, char *err, size_t errsz)
{
	bool pick[VOCAB_MAX] = { false };
	const char *found = NULL;
	size_t matches = 0;
	char q[128], list[256];

	if (!v)
		return NULL;
	if (text && *text) {
		for (size_t i = 0; v->words[i] && i < VOCAB_MAX; i++) {
			if (text_ieq(text, v->words[i]))
				return v->words[i];
			if (text_iprefix(text, v->words[i])) {
				pick[i] = true;
				found = v->words[i];
				matches++;
			}
		}
		if (matches == 1)
			return found;
	}
	if (!err || errsz == 0)
		return NULL;
	text_fit(text ? text : "", 40, true, q, sizeof q);
	if (matches > 1) {
		join(v->words, pick, list, sizeof list);
		snprintf(err, errsz, "ambiguous %s \"%s\" (could be %s)", v->what, q, list);
	} else {
		vocab_list(v, list, sizeof list);
		snprintf(err, errsz, "unknown %s \"%s\" (expected %s)", v->what, q, list);
	}
	return NULL;
}

bool client_key_valid(const char *key, char *err, size_t errsz)
{
	const char *k = key ? key : "";
	size_t len = strlen(k);
	bool ok = len >= 1 && len <= 32 && k[0] >= 'a' && k[0] <= 'z';
	for (size_t i = 0; ok && i < len; i++) {
		char c = k[i];
		ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
	}
	if (!ok && err && errsz > 0) {
		char q[128];
		text_fit(k, 40, true, q, sizeof q);
		snprintf(err, errsz,
		         "bad client key \"%s\" (expected 1 to 32 characters of a-z, 0-9, _ and -, "
		         "starting with a letter)",
		         q);
	}
	return ok;
}

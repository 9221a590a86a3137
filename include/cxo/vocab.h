/*
 * vocab.h: the closed sets of words the data uses (roles, statuses,
 * categories, treatments), in one place so the CLI, the store's CHECK
 * constraints and the documentation agree.
 */
#ifndef CXO_VOCAB_H
#define CXO_VOCAB_H

#include <stdbool.h>
#include <stddef.h>

struct vocab {
	const char *what;         /* "role", "risk status", ... for messages */
	const char *const *words; /* NULL-terminated, lower case */
};

extern const struct vocab VOCAB_ROLE;           /* cio cto ciso interim */
extern const struct vocab VOCAB_CLIENT_STATUS;  /* active paused ended */
extern const struct vocab VOCAB_MANDATE_STATUS; /* active done dropped */
extern const struct vocab
        VOCAB_RISK_CATEGORY; /* security compliance vendor operations people financial */
extern const struct vocab VOCAB_RISK_TREATMENT; /* mitigate accept transfer avoid */
extern const struct vocab VOCAB_RISK_STATUS;    /* open mitigating accepted closed */
extern const struct vocab VOCAB_ACTION_STATUS;  /* todo waiting done dropped */
/* saas infrastructure msp telecom security hardware other */
extern const struct vocab VOCAB_VENDOR_CATEGORY;
extern const struct vocab VOCAB_VENDOR_BILLING; /* monthly quarterly annual multiyear usage */
/* evaluating active renewing leaving ended */
extern const struct vocab VOCAB_VENDOR_STATUS;
/* none sent (questionnaire sent) reviewed approved */
extern const struct vocab VOCAB_VENDOR_DILIGENCE;
extern const struct vocab VOCAB_VENDOR_DATA; /* none internal confidential regulated */
/* proposed decided superseded reversed */
extern const struct vocab VOCAB_DECISION_STATUS;

/*
 * Case-insensitive match of text against the words (an unambiguous prefix
 * is accepted too); on success returns the canonical word.  On failure
 * returns NULL and writes e.g. `unknown role "cfo" (expected cio, cto,
 * ciso or interim)` into err.
 */
const char *vocab_match(const struct vocab *v, const char *text, char *err, size_t errsz);

/* "cio, cto, ciso or interim" into buf. */
void vocab_list(const struct vocab *v, char *buf, size_t n);

/* A client key: 1-32 of [a-z0-9_-], starting with a letter. */
bool client_key_valid(const char *key, char *err, size_t errsz);

#endif

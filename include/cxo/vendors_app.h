/*
 * vendors_app.h: the rules about a client's vendors that the shell, the
 * dashboard and the reports share, each written once: where a contract
 * stands today against its notice deadline, the renewals to act on, and
 * the annual spend by category with the overlaps a consolidation starts
 * from.
 *
 * The renewal arithmetic itself is renewal.h's; these functions apply it
 * to a struct vendor.  Functions taking the app read app->today; the
 * others are pure.  Functions returning int print nothing: 0, the
 * store's code (its message in store_error) or EX_OSERR.
 */
#ifndef CXO_VENDORS_APP_H
#define CXO_VENDORS_APP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "cxo/app.h"
#include "cxo/date.h"
#include "cxo/renewal.h"
#include "cxo/vendor.h"

/* A new vendor of client c as of today: the client's id, key and
 * currency, category other, billing annual, status active, diligence
 * none, data none, created today; the rest zero (no term, no notice,
 * not auto-renewing).  Leaves v's strings as they are. */
void vendor_begin(struct vendor *v, const struct client *c, cxo_day today);

/*
 * Moves v to status (a word of VOCAB_VENDOR_STATUS): ended records the
 * day on (ISO, "" = today; not in the future, not before the start),
 * any other status clears it; the same status again keeps its day unless
 * on is given.  0, or EX_DATAERR with the message in err.
 */
int vendor_set_status(struct vendor *v, const char *status, const char *on, cxo_day today,
                      char *err, size_t errsz);

/*
 * Moves v's due diligence to state (VOCAB_VENDOR_DILIGENCE; NULL = keep
 * the state and change only the day): the day it got there is on (ISO,
 * "" = today when the state changes, else kept; not in the future).
 * none has no day.  0, or EX_DATAERR with the message in err.
 */
int vendor_set_diligence(struct vendor *v, const char *state, const char *on, cxo_day today,
                         char *err, size_t errsz);

/*
 * Where v stands on today: renewal_state_of over its term end, notice
 * period and auto-renew flag, an ended vendor (status ended) being
 * RENEWAL_NONE; window_days is the window of RENEWAL_SOON
 * (VENDOR_NOTICE_SOON_DAYS for the dashboard's attention).
 */
enum renewal_state vendor_renewal(const struct vendor *v, cxo_day today, int window_days);

/* Days from today to v's notice deadline into *days (negative once
 * passed); false, *days 0, when v has no term end. */
bool vendor_notice_days_left(const struct vendor *v, cxo_day today, int *days);

/*
 * The renewal in words, days in the configured display format: "notice
 * due by 2027-04-01 (in 12d), term ends 2027-06-30, renews
 * automatically"; "notice was due by ... (3d late), term ends ...,
 * renewed by default"; "no term end" when none; "ended 2026-10-01" for
 * an ended vendor.  Always NUL-terminated.
 */
void app_vendor_renewal_text(const struct cxo_app *app, const struct vendor *v, char *buf,
                             size_t n);

/*
 * The renewals to act on, of client_id (NULL: every client's), as of
 * app->today: first the contracts renewed by default (auto-renewing,
 * notice deadline passed, term still running), the oldest deadline
 * first, then those whose notice deadline falls from today to today +
 * window_days (window_days >= 0), soonest first.  Ended vendors never.
 * out is released with vendor_list_free.
 */
int app_vendor_renewals(struct cxo_app *app, const char *client_id, int window_days,
                        struct vendor_list *out);

/* ---- spend ---- */

/* One client's annual spend in one category (or, for a total, every
 * category: category "") in one currency.  Currencies are never added
 * together. */
struct vendor_spend_line {
	char client_id[UUID_LEN]; /* "" in a grand total */
	char client_key[KEY_LEN]; /* "" in a grand total */
	char category[WORD_LEN];  /* "" in a total */
	char currency[4];
	int64_t annual_cents;
	int vendors; /* how many vendors make it up */
};

/* Two or more vendors in use in one category of one client (other
 * excepted): where a consolidation starts. */
struct vendor_overlap {
	char client_id[UUID_LEN];
	char client_key[KEY_LEN];
	char category[WORD_LEN];
	size_t n;
	char (*ids)[UUID_LEN]; /* n vendor ids ... */
	char **names;          /* ... and their names, by name */
};

struct vendor_spend {
	/* By client (key order), category (VOCAB_VENDOR_CATEGORY's order),
	 * then currency. */
	struct vendor_spend_line *lines;
	size_t n_lines;
	/* Each client's total per currency, in the same order. */
	struct vendor_spend_line *totals;
	size_t n_totals;
	/* Every client's together, per currency (client "" ): filled only when
	 * the vendors are of more than one client. */
	struct vendor_spend_line *grand;
	size_t n_grand;
	struct vendor_overlap *overlaps; /* by client, then category */
	size_t n_overlaps;
};

/* The spend of client_id's vendors (NULL: every client's) under
 * contract: active, renewing or leaving (not evaluating, not ended).
 * An overlap is two or more in use and staying (active or renewing) in
 * one category: a leaving one is being consolidated already. */
int app_vendor_spend(struct cxo_app *app, const char *client_id, struct vendor_spend *out);
/* Releases s and leaves it empty (a zeroed struct is fine). */
void vendor_spend_free(struct vendor_spend *s);

#endif

/*
 * vendor_rows.h: what the Vendors and Decisions views' rows say and the
 * order the vendors come in (vendor_rows.c), from the store's plain
 * structs and the notice-deadline rules (cxo/renewal.h).  Pure: the
 * unit tests pin it down.
 */
#ifndef CXO_TUI_VENDOR_ROWS_H
#define CXO_TUI_VENDOR_ROWS_H

#include <stdbool.h>
#include <stddef.h>

#include "cxo/date.h"
#include "cxo/decision.h"
#include "cxo/renewal.h"
#include "cxo/theme.h"
#include "cxo/vendor.h"

/* A notice deadline this close puts a contract among the renewals at
 * the top of the Vendors view; within VENDOR_NOTICE_SOON_DAYS it is in
 * the due-soon style. */
#define VENDOR_RENEWING_DAYS 90

struct vendor_row {
	enum renewal_state state; /* against today, VENDOR_RENEWING_DAYS ahead */
	bool renewing;            /* soon, renewed by default or lapsing: listed first */
	char notice[DAY_LEN];     /* the notice deadline, ISO; "" when no term end */
	/* "in 12d", "today", "renewed" (the deadline passed: renewed by
	 * default), "lapsing" (passed, not renewing: the term runs out),
	 * "expired", "no term", "ended" */
	char left[24];
	enum theme_element el; /* of the deadline: EL_OVERDUE, EL_DUE_SOON, EL_NORMAL, EL_DONE */
	char category[16];     /* "saas", "infra", "msp" ... */
	bool exposed;          /* regulated data without approved diligence */
	char flag[4];          /* "!" when exposed, "R" regulated, "C" confidential, "" */
	enum theme_element flag_el;
};
void vendor_row(const struct vendor *v, cxo_day today, struct vendor_row *out);

/* order[0..n) gets the indexes of items in the view's order: the
 * renewals (vendor_row's renewing) by deadline, soonest first, then the
 * others as they came, the ended ones last. */
void vendor_order(const struct vendor *items, size_t n, cxo_day today, size_t *order);

/* What the line under a vendor's row adds, parts joined by sep:
 *   "owner Dana Kim · 120 seats · billed annual · auto-renews · 90d notice
 *    · term ends 2027-03-31 · diligence sent · data regulated · 2 risks"
 * Unsanitised: the caller writes it through the sanitiser. */
void vendor_more(const struct vendor *v, const char *sep, char *buf, size_t n);

/* How the columns of a vendor row w columns wide are shared: the flag,
 * the name (what is left, VENDOR_NAME_MIN at least), the category, the
 * deadline, the days left and the annual cost; the narrower drop the
 * category first, then the cost. */
#define VENDOR_FLAG_W 2
#define VENDOR_NAME_MIN 14
#define VENDOR_CATEGORY_W 9
#define VENDOR_NOTICE_W 11
#define VENDOR_LEFT_W 9
#define VENDOR_COST_W 14
struct vendor_cols {
	int name_w, category_w, cost_w; /* 0: not shown */
};
void vendor_columns(int w, struct vendor_cols *out);

/* An overview card's notice line, after "Notice ": "by 2026-12-14, in
 * 12d" (the day in date_fmt, ISO when it fails), then ", 3 within 14d"
 * when more than one deadline is that close; *soon is true when the next
 * is within VENDOR_NOTICE_SOON_DAYS.  False (buf "") when next_notice is
 * "" or not a day. */
bool notice_text(const char *next_notice, int notices_soon, cxo_day today, const char *date_fmt,
                 char *buf, size_t n, bool *soon);

struct decision_row {
	bool review_due;       /* proposed or decided, its review today or past */
	char review[32];       /* "review 3d late", "review today", "" */
	char status[16];       /* as stored; "" for decided, the usual case */
	enum theme_element el; /* EL_DONE when superseded or reversed */
};
void decision_row(const struct decision *d, cxo_day today, struct decision_row *out);

/* "decided by Ana · consulted Bo, Cy · review 2027-01-15", "" when none. */
void decision_more(const struct decision *d, const char *sep, char *buf, size_t n);

#endif

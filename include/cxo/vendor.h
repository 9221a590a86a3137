/*
 * vendor.h: a client's vendors and their contracts (schema 8): the plain
 * struct and the store's functions for them.
 *
 * Ownership as records.h: the store fills a struct vendor; the caller
 * releases it with vendor_free() (a zeroed struct is fine).  Return
 * values as store.h: 0 or a sysexits.h code, the message in
 * store_error().
 */
#ifndef CXO_VENDOR_H
#define CXO_VENDOR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "cxo/records.h"

struct store;

/* A notice deadline this close (days) counts as needing attention: the
 * dashboard's tab bar, the overview and the brief. */
#define VENDOR_NOTICE_SOON_DAYS 14

struct vendor {
	char id[UUID_LEN];
	char client_id[UUID_LEN];
	char client_key[KEY_LEN]; /* filled by get and list */
	char *name;
	char category[WORD_LEN]; /* saas infrastructure msp telecom security hardware other */
	char *owner;             /* who owns it at the client; NULL = nobody named */
	int64_t annual_cents;    /* the annual cost, >= 0 */
	char currency[4];
	char billing[WORD_LEN]; /* monthly quarterly annual multiyear usage */
	long units;             /* seats or units; 0 = not counted */
	char start[DAY_LEN];    /* contract start, "" = unknown */
	char term_end[DAY_LEN]; /* end of the current term, "" = none (no renewal to watch) */
	bool auto_renew;
	int notice_days;            /* 0..RENEWAL_NOTICE_MAX (renewal.h) */
	char status[WORD_LEN];      /* evaluating active renewing leaving ended */
	char diligence[WORD_LEN];   /* none sent reviewed approved */
	char diligence_on[DAY_LEN]; /* when it reached that state, "" = unknown */
	char data[WORD_LEN];        /* none internal confidential regulated */
	char *notes;
	char created[DAY_LEN];
	char ended[DAY_LEN];     /* the day status became ended, "" while not */
	char notice_by[DAY_LEN]; /* filled by get and list: term_end - notice_days, "" = none */
	int risks;               /* filled by get and list: linked risks */
};

struct vendor_list {
	struct vendor *items;
	size_t n;
};

void vendor_free(struct vendor *v);
void vendor_list_free(struct vendor_list *l);

struct vendor_filter {
	const char *client_id; /* NULL = every client's */
	bool include_ended;    /* status ended too */
	/* When notice_to is set: only contracts still running with a notice
	 * deadline in [notice_from, notice_to] (notice_from NULL = any
	 * earlier), soonest first; otherwise by client, then name. */
	const char *notice_from;
	const char *notice_to;
};

/* Fills id and created (today, local) when empty.  Validates the words,
 * the days, the currency and the lengths (EX_DATAERR naming the field). */
int store_vendor_add(struct store *st, struct vendor *v);
int store_vendor_update(struct store *st, const struct vendor *v);
int store_vendor_get(struct store *st, const char *id, struct vendor *out);
int store_vendor_list(struct store *st, const struct vendor_filter *f, struct vendor_list *out);
/* Deletes it and its links (risks and decisions stay); EX_NOINPUT when
 * no such vendor. */
int store_vendor_delete(struct store *st, const char *id);

/* Links or unlinks a risk of the same client (EX_DATAERR otherwise);
 * linking twice or unlinking what is not linked changes nothing. */
int store_vendor_link_risk(struct store *st, const char *vendor_id, const char *risk_id,
                           bool linked);
/* The risks linked to the vendor, as store_risk_list fills them. */
int store_vendor_risks(struct store *st, const char *vendor_id, struct risk_list *out);

/*
 * Finds a vendor by id prefix (4+ characters) or, within client_id when
 * given, by its name: exact (any case), else the one name that starts
 * with text, else the one that holds it.  As store_resolve: EX_NOINPUT
 * when none, EX_USAGE naming the candidates when several.
 */
int store_vendor_resolve(struct store *st, const char *text, const char *client_id,
                         char id[UUID_LEN]);

#endif

/*
 * decision.h: a client's decision log (schema 8): the plain struct and
 * the store's functions for it.
 *
 * A decision record holds the four parts of an architecture decision
 * record as Markdown text: the context, the options considered, the
 * decision with its rationale, and the consequences expected.
 *
 * Ownership as records.h: the store fills a struct decision; the caller
 * releases it with decision_free() (a zeroed struct is fine).  Return
 * values as store.h.
 */
#ifndef CXO_DECISION_H
#define CXO_DECISION_H

#include <stdbool.h>
#include <stddef.h>

#include "cxo/records.h"

struct store;

struct decision {
	char id[UUID_LEN];
	char client_id[UUID_LEN];
	char client_key[KEY_LEN]; /* filled by get and list */
	char *title;
	char day[DAY_LEN];     /* when it was decided (or proposed) */
	char status[WORD_LEN]; /* proposed decided superseded reversed */
	char *decided_by;      /* a name; NULL = not recorded */
	char *consulted;       /* names, as typed; NULL = nobody */
	char *context;         /* Markdown, NULL = empty */
	char *options;
	char *decision;               /* the decision and its rationale */
	char *consequences;           /* the outcome expected */
	char review[DAY_LEN];         /* "" = no review set */
	char superseded_by[UUID_LEN]; /* "" = none */
	char *superseded_by_title;    /* filled by get */
	char created[STAMP_LEN];
};

struct decision_list {
	struct decision *items;
	size_t n;
};

void decision_free(struct decision *d);
void decision_list_free(struct decision_list *l);

struct decision_filter {
	const char *client_id; /* NULL = every client's */
	const char *from;      /* day >= from, NULL = any */
	const char *to;        /* day < to, NULL = any */
	/* Only proposed or decided ones whose review date is < review_before
	 * (review order); NULL = no such filter. */
	const char *review_before;
	bool include_closed; /* superseded and reversed too */
	bool with_text;      /* fill the four long texts (list leaves them NULL) */
};

/* Fills id and created when empty; day defaults to today (local). */
int store_decision_add(struct store *st, struct decision *d);
int store_decision_update(struct store *st, const struct decision *d);
int store_decision_get(struct store *st, const char *id, struct decision *out);
/* Newest day first (review order with review_before). */
int store_decision_list(struct store *st, const struct decision_filter *f,
                        struct decision_list *out);
int store_decision_delete(struct store *st, const char *id);

/* old_id is superseded by new_id (both of one client): in one
 * transaction old gets status superseded and superseded_by new. */
int store_decision_supersede(struct store *st, const char *old_id, const char *new_id);

/* What a decision is linked to: mandates, risks and vendors, each of the
 * decision's client (EX_DATAERR otherwise); linking twice or unlinking
 * what is not linked changes nothing. */
enum decision_link { DECISION_LINK_MANDATE, DECISION_LINK_RISK, DECISION_LINK_VENDOR };
int store_decision_link(struct store *st, const char *decision_id, enum decision_link kind,
                        const char *item_id, bool linked);

/* One linked item: its kind, id and title (the caller frees with
 * decision_links_free). */
struct decision_linked {
	enum decision_link kind;
	char id[UUID_LEN];
	char *title;
};
struct decision_links {
	struct decision_linked *items;
	size_t n;
};
void decision_links_free(struct decision_links *l);
int store_decision_links(struct store *st, const char *decision_id, struct decision_links *out);

/* As store_vendor_resolve, by id prefix or title. */
int store_decision_resolve(struct store *st, const char *text, const char *client_id,
                           char id[UUID_LEN]);

#endif

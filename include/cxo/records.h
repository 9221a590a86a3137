/*
 * records.h: the plain structs every layer above the store passes around:
 * clients, mandates, time entries, the timer, risks, actions, notes and
 * the portfolio's per-client summary.
 *
 * Ownership: the store fills them; the caller releases each with its
 * *_free(), which accepts a zeroed struct.  char arrays hold validated
 * short values ("" when unset); char pointers hold free text (NULL when
 * unset).
 */
#ifndef CXO_RECORDS_H
#define CXO_RECORDS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "cxo/clock.h"
#include "cxo/uuid.h"

#define KEY_LEN 33                /* client keys: 32 characters and NUL */
#define WORD_LEN 16               /* vocabulary words */
#define DAY_LEN 11                /* YYYY-MM-DD */
#define STAMP_LEN CLOCK_STAMP_LEN /* YYYY-MM-DDTHH:MM:SSZ (UTC) */

#define EMPLOYEES_MAX 10000000L

/* The longest free text the store takes, in characters (code points). */
#define TEXT_MAX_NAME 500    /* names, titles, owners, areas, frameworks */
#define TEXT_MAX_LONG 10000  /* success measures, mitigations, notes of hours */
#define TEXT_MAX_NOTE 100000 /* a client's notes */

struct client {
	char id[UUID_LEN];
	char key[KEY_LEN];
	char *name;
	char role[WORD_LEN]; /* cio cto ciso interim */
	char *industry;
	int employees;         /* 0 = unknown, at most EMPLOYEES_MAX */
	char status[WORD_LEN]; /* active paused ended */
	char start[DAY_LEN];
	char end[DAY_LEN];   /* planned end, "" = open-ended */
	long budget_minutes; /* monthly */
	int64_t rate_cents;  /* hourly */
	char currency[4];
	int tab_order;
};

struct client_list {
	struct client *items;
	size_t n;
};

void client_free(struct client *c);
/* dst becomes a deep copy of src, the caller's to client_free(); on
 * EX_OSERR (out of memory) dst holds nothing to free. */
int client_copy(struct client *dst, const struct client *src);
void client_list_free(struct client_list *l);

struct mandate {
	char id[UUID_LEN];
	char client_id[UUID_LEN];
	char client_key[KEY_LEN];
	char *title;
	char *area;
	char status[WORD_LEN]; /* active done dropped */
	char due[DAY_LEN];
	char *measure;
	int open_actions; /* filled by get and list */
};

struct mandate_list {
	struct mandate *items;
	size_t n;
};

void mandate_free(struct mandate *m);
void mandate_list_free(struct mandate_list *l);

struct entry {
	char id[UUID_LEN];
	char client_id[UUID_LEN];
	char client_key[KEY_LEN];
	char mandate_id[UUID_LEN]; /* "" = none */
	char *mandate_title;       /* filled by get and list */
	char day[DAY_LEN];
	int minutes;
	char *note;
	bool billable;
	char created[STAMP_LEN];
};

struct entry_list {
	struct entry *items;
	size_t n;
};

void entry_free(struct entry *e);
void entry_list_free(struct entry_list *l);

struct timer {
	char id[UUID_LEN];
	char client_id[UUID_LEN];
	char client_key[KEY_LEN];
	char *note;
	int64_t started; /* unix seconds */
};

void timer_free(struct timer *t);

struct risk {
	char id[UUID_LEN];
	char client_id[UUID_LEN];
	char client_key[KEY_LEN];
	char *title;
	char category[WORD_LEN];
	int likelihood, impact;
	int residual_likelihood, residual_impact; /* 0 = not assessed */
	char treatment[WORD_LEN];                 /* mitigate accept transfer avoid */
	char status[WORD_LEN];                    /* open mitigating accepted closed */
	char *owner;
	char *mitigation;
	char *framework;
	char review[DAY_LEN];
	char accepted_until[DAY_LEN];
	char opened[DAY_LEN];
	char closed[DAY_LEN];
};

struct risk_list {
	struct risk *items;
	size_t n;
};

void risk_free(struct risk *r);
void risk_list_free(struct risk_list *l);

struct action {
	char id[UUID_LEN];
	char client_id[UUID_LEN];
	char client_key[KEY_LEN];
	char mandate_id[UUID_LEN]; /* "" = none */
	char *mandate_title;       /* filled by get and list */
	char risk_id[UUID_LEN];    /* "" = none */
	char *risk_title;          /* filled by get and list */
	char *title;
	char *owner;       /* who does it: NULL = me */
	char *waiting_for; /* while waiting: the person it waits for, else NULL */
	char due[DAY_LEN];
	char status[WORD_LEN]; /* todo waiting done dropped */
	char waiting_since[DAY_LEN];
	char done_on[DAY_LEN];
	char created[DAY_LEN];
};

struct action_list {
	struct action *items;
	size_t n;
};

void action_free(struct action *a);
void action_list_free(struct action_list *l);

struct note {
	char id[UUID_LEN];
	char client_id[UUID_LEN];
	char client_key[KEY_LEN];
	char *text;
	char created[STAMP_LEN];
};

struct note_list {
	struct note *items;
	size_t n;
};

void note_free(struct note *n);
void note_list_free(struct note_list *l);

struct client_summary {
	struct client client;
	long month_minutes;          /* month_from <= day < month_to */
	int open_risks;              /* open or mitigating */
	int top_score;               /* highest inherent score among them */
	int overdue;                 /* open actions due < today */
	int due_week;                /* open actions today <= due < week_to */
	char last_activity[DAY_LEN]; /* latest entry day or note day */
	/* Contracts still running (vendor.h): the soonest notice deadline on
	 * or after today ("" = none), and how many fall within
	 * VENDOR_NOTICE_SOON_DAYS of today. */
	char next_notice[DAY_LEN];
	int notices_soon;
};

struct summary_list {
	struct client_summary *items;
	size_t n;
};

void summary_list_free(struct summary_list *l);

/* A client's billing terms (schema 5); defaults when none were set. */
struct client_terms {
	char *legal_name;           /* NULL = the client's name */
	int round_minutes;          /* statements round to this increment; 0 = not */
	char round_mode[WORD_LEN];  /* up down nearest */
	char round_scope[WORD_LEN]; /* entry day */
	long rollover_cap_minutes;  /* unused retainer hours roll over up to this; 0 = expire */
	int64_t overage_rate_cents; /* hours past the retainer; 0 = the hourly rate */
};

void client_terms_free(struct client_terms *t);
/* Fills t with the defaults (no rounding, no rollover, the rate). */
void client_terms_defaults(struct client_terms *t);

#define MONTH_LEN 8 /* YYYY-MM */

/* A month of a client's hours marked invoiced: closed to changes. */
struct month_lock {
	char month[MONTH_LEN];
	char client_id[UUID_LEN];
	char client_key[KEY_LEN];
	char *invoice; /* the invoice reference, NULL when none was given */
	char locked[STAMP_LEN];
};

struct month_lock_list {
	struct month_lock *items;
	size_t n;
};

void month_lock_free(struct month_lock *l);
void month_lock_list_free(struct month_lock_list *l);

/* A change to a mandate, risk, action or note, as the store recorded it. */
struct item_change {
	char kind[WORD_LEN]; /* mandate risk action note */
	char item_id[UUID_LEN];
	char change[WORD_LEN]; /* added edited closed accepted reopened deleted */
	char at[DAY_LEN];      /* the local day it was made */
	char *title;           /* the item's title then (a note: its first 80 characters) */
};

struct change_list {
	struct item_change *items;
	size_t n;
};

void change_list_free(struct change_list *l);

/* A name and how many carry it (risks by category, by framework). */
struct name_count {
	char *name; /* NULL = none given */
	int count;
};

struct name_count_list {
	struct name_count *items;
	size_t n;
};

void name_count_list_free(struct name_count_list *l);

#endif

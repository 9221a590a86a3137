/*
 * store.h: the cxo database.  This module is the only code that speaks
 * SQL; everything else sees the plain structs of records.h.
 *
 * Return values: every int-returning function returns 0 on success or a
 * sysexits.h code: EX_DATAERR (a constraint or bad value), EX_NOINPUT (no
 * such row or no database), EX_CANTCREAT, EX_TEMPFAIL (busy past the
 * timeout), EX_IOERR, EX_SOFTWARE (anything unexpected).  The message for
 * the last failure is store_error(); it names the value concerned.
 *
 * Ownership: list and row structs (records.h) are filled by the store and
 * released by the caller with the matching *_free().
 *
 * Writes: every write function is atomic on its own.  store_begin() /
 * store_commit() group several writes into one transaction (nested calls
 * become savepoints); store_rollback() undoes the innermost level.
 */
#ifndef CXO_STORE_H
#define CXO_STORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "cxo/records.h"

#define STORE_SCHEMA_VERSION 8
/* The oldest schema read commands use as it is (a read never migrates);
 * a write brings the file up to STORE_SCHEMA_VERSION. */
#define STORE_SCHEMA_READABLE 1

struct store;

enum store_mode {
	STORE_READ,  /* existing database, read only; never writes */
	STORE_WRITE, /* created (0600, parent 0700) and migrated as needed */
	STORE_INIT,  /* STORE_WRITE that also sets up an existing empty file */
};

/*
 * Opens the database at path.  STORE_READ on a missing file fails with
 * EX_NOINPUT.  The file and its -wal and -shm must be regular files of the
 * user's own that others cannot read or write (EX_NOPERM, with the fix,
 * otherwise); a missing -wal or -shm is made 0600 first.  An empty file
 * that this call did not create is set up only by STORE_INIT (EX_NOINPUT
 * otherwise).  A read where the -wal and -shm cannot be made (a read-only
 * mount) reads the file as it is.  A file that is not a cxo database, or one
 * from a newer cxo, is refused (EX_DATAERR) and left untouched.  busy_ms is the busy timeout.  On
 * STORE_WRITE of a new file, *created is set to true (created may be NULL).  On failure *out is
 * NULL and err holds the message.
 */
int store_open(const char *path, enum store_mode mode, int busy_ms, struct store **out,
               bool *created, char *err, size_t errsz);
void store_close(struct store *st);
const char *store_error(const struct store *st);
/* The sysexits code of that failure (0 when none): a caller that only
 * knows "a query could not be prepared" (EX_SOFTWARE) may learn the cause
 * (EX_DATAERR for SQL in the file that cxo refuses to run). */
int store_error_code(const struct store *st);

int store_begin(struct store *st);
int store_commit(struct store *st);
void store_rollback(struct store *st);

/* Changes whenever another connection commits (PRAGMA data_version). */
int store_data_version(struct store *st, long *version);

/* ---- settings: small key/value pairs (current_client, ...) ---- */

/* *value is newly allocated (caller frees) or NULL when unset. */
int store_setting_get(struct store *st, const char *key, char **value);
/* value NULL removes the setting. */
int store_setting_set(struct store *st, const char *key, const char *value);

/* ---- ids ---- */

enum store_kind { KIND_MANDATE, KIND_ENTRY, KIND_RISK, KIND_ACTION, KIND_NOTE };

/*
 * Finds the row of the given kind whose id starts with text (4 or more
 * characters).  For KIND_MANDATE, KIND_RISK and KIND_ACTION, when no id
 * matches and client_id is given, a case-insensitive exact title within
 * that client is accepted too.  client_id restricts the search when not
 * NULL.  No match is EX_NOINPUT; an ambiguous prefix or title is
 * EX_USAGE with the candidates (short id, title, and the status of a
 * closed one) listed in the message.
 */
int store_resolve(struct store *st, enum store_kind kind, const char *text, const char *client_id,
                  char id[UUID_LEN]);

/* What store_resolve_loose matched. */
enum store_match {
	STORE_MATCH_ID,    /* an id prefix */
	STORE_MATCH_TITLE, /* the exact title, in any case */
	STORE_MATCH_START, /* the start of one title */
	STORE_MATCH_PART,  /* a part of one title */
};

/*
 * store_resolve, then, for KIND_MANDATE and KIND_RISK within client_id,
 * the one title that starts with text, else the one that holds it (ASCII
 * case-insensitive, as the exact title): the exact title wins, several
 * are EX_USAGE with them listed.  *how (may be NULL) says what matched;
 * title (title_n bytes, may be NULL) gets the title matched, for saying
 * which one a loose name found.
 */
int store_resolve_loose(struct store *st, enum store_kind kind, const char *text,
                        const char *client_id, char id[UUID_LEN], enum store_match *how,
                        char *title, size_t title_n);

/* ---- clients ---- */

/* Fills c->id and c->tab_order (last).  A duplicate key is EX_DATAERR. */
int store_client_add(struct store *st, struct client *c);
/* Updates every column but id, by id (the key may change). */
int store_client_update(struct store *st, const struct client *c);
int store_client_get(struct store *st, const char *key, struct client *out);
int store_client_get_by_id(struct store *st, const char *id, struct client *out);
/* Active and paused clients in tab order, or all of them. */
int store_client_list(struct store *st, bool include_ended, struct client_list *out);

/* What a client holds: its history, which deleting it would lose. */
struct client_holdings {
	long entries, mandates, risks, actions, notes;
	bool timer; /* the running timer is this client's */
	long vendors, decisions;
};
/* True when h counts anything. */
bool client_holdings_any(const struct client_holdings *h);
/* Counts what the client with this id holds. */
int store_client_holdings(struct store *st, const char *id, struct client_holdings *out);
/* Deletes the client with this id, only when it holds nothing, in one
 * transaction with the count: otherwise EX_DATAERR, *held (may be
 * NULL) saying what it holds.  EX_NOINPUT when there is no such client. */
int store_client_delete(struct store *st, const char *id, struct client_holdings *held);

/* ---- mandates ---- */

int store_mandate_add(struct store *st, struct mandate *m); /* fills id */
int store_mandate_update(struct store *st, const struct mandate *m);
int store_mandate_get(struct store *st, const char *id, struct mandate *out);
/* client_id NULL = every client; active ones first, then by due date. */
int store_mandate_list(struct store *st, const char *client_id, bool include_closed,
                       struct mandate_list *out);

struct mandate_hours {
	long month_minutes; /* from <= day < to */
	long total_minutes; /* every entry */
};
/* The minutes logged against the mandate: in all, and with from <= day
 * < to (ISO days; NULL = open-ended).  Reads only the mandate's entries,
 * through their mandate index, so the cost follows that mandate's
 * entries and not the history of the others. */
int store_mandate_hours(struct store *st, const char *mandate_id, const char *from, const char *to,
                        struct mandate_hours *out);

/* ---- time entries ---- */

int store_entry_add(struct store *st, struct entry *e); /* fills id, created */
int store_entry_update(struct store *st, const struct entry *e);
int store_entry_delete(struct store *st, const char *id);
int store_entry_get(struct store *st, const char *id, struct entry *out);
/* Entries with from <= day < to (ISO days), by day then creation;
 * client_id NULL = every client; from or to NULL = open-ended.  fn gets
 * each entry with its note and mandate title borrowed from the query,
 * valid during the call only (nothing is copied).  fn returns 0 to go on;
 * anything else stops the reading and is returned. */
int store_entry_each(struct store *st, const char *client_id, const char *from, const char *to,
                     int (*fn)(const struct entry *e, void *ctx), void *ctx);

struct hours_sum {
	long minutes;
	long billable_minutes;
};
/* Sum over from <= day < to; client_id NULL = every client. */
int store_entry_sum(struct store *st, const char *client_id, const char *from, const char *to,
                    struct hours_sum *out);

/* ---- the running timer (at most one) ---- */

/* EX_NOINPUT when no timer runs. */
int store_timer_get(struct store *st, struct timer *out);
/* EX_DATAERR when a timer already runs (the message names its client). */
int store_timer_start(struct store *st, struct timer *t); /* fills id */
/* Deletes the timer and adds e (filled by the caller) in one transaction. */
int store_timer_stop(struct store *st, struct entry *e);
int store_timer_cancel(struct store *st);

/* ---- risks ---- */

struct risk_filter {
	const char *client_id; /* NULL = every client */
	bool include_closed;
	int min_score;         /* 0 = any */
	const char *review_by; /* ISO day: only review <= this; NULL = any */
};

int store_risk_add(struct store *st, struct risk *r); /* fills id */
int store_risk_update(struct store *st, const struct risk *r);
int store_risk_get(struct store *st, const char *id, struct risk *out);
/* Highest inherent score first, then review date. */
int store_risk_list(struct store *st, const struct risk_filter *f, struct risk_list *out);

/* ---- actions ---- */

struct action_filter {
	const char *client_id;  /* NULL = every client */
	bool include_closed;    /* done and dropped too */
	const char *due_before; /* only due < this (overdue); NULL = any */
	bool waiting_only;
	const char *mandate_id; /* NULL = any */
	const char *risk_id;    /* NULL = any */
};

int store_action_add(struct store *st, struct action *a); /* fills id */
int store_action_update(struct store *st, const struct action *a);
int store_action_get(struct store *st, const char *id, struct action *out);
/* Open ones by due date (undated last), then closed ones. */
int store_action_list(struct store *st, const struct action_filter *f, struct action_list *out);
/* The same rows, one at a time, without a copy: fn gets each action with
 * its texts borrowed from the query, valid during the call only.  fn
 * returns 0 to go on; anything else stops the reading and is returned. */
int store_action_each(struct store *st, const struct action_filter *f,
                      int (*fn)(const struct action *a, void *ctx), void *ctx);
/* Open actions due before the day; client_id NULL = every client. */
int store_action_count_overdue(struct store *st, const char *client_id, const char *today,
                               int *count);

/* ---- notes ---- */

int store_note_add(struct store *st, struct note *n); /* fills id, created */
/* Replaces the text of note n->id (its client and time stay). */
int store_note_update(struct store *st, const struct note *n);
int store_note_delete(struct store *st, const char *id);
int store_note_get(struct store *st, const char *id, struct note *out);
/* Newest first; limit 0 = all. */
int store_note_list(struct store *st, const char *client_id, size_t limit, struct note_list *out);

struct note_filter {
	const char *client_id; /* NULL = every client */
	const char *grep;      /* NULL or "" = any; else a case-insensitive (ASCII) substring */
	const char *since;     /* NULL = any; else a UTC stamp: only notes made at or after it */
	size_t limit;          /* 0 = all */
};
/* The notes the filter lets through, newest first. */
int store_note_find(struct store *st, const struct note_filter *f, struct note_list *out);

/* ---- portfolio ---- */

/* One row per active client, in tab order. */
int store_overview(struct store *st, const char *today, const char *month_from,
                   const char *month_to, const char *week_to, struct summary_list *out);

/* ---- maintenance ---- */

/* VACUUM INTO a new file, whole or absent: the copy is made and synced in
 * a private directory beside path, then linked to path, which it never
 * replaces (an existing path is EX_CANTCREAT).  A write that fails is
 * EX_IOERR naming path. */
int store_backup(struct store *st, const char *path);

/* What store_restore is asked to do, and what it did. */
struct restore_request {
	const char *db_path;   /* the database to replace (need not exist) */
	const char *file;      /* the backup to put in its place */
	const char *keep_path; /* where the current database is kept first */
	/* The file is a private copy cxo made and authenticated (a sync
	 * snapshot), on the database's file system: it is moved into place as
	 * it is, and only its header is checked. */
	bool move_file;
	int schema;        /* out: the backup's schema version */
	bool had_database; /* out: there was a database to replace */
	bool kept;         /* out: the current database is kept at keep_path */
	bool kept_bytes;   /* out: ... as its bytes, since it could not be read whole */
};
/*
 * Puts the backup r->file in the place of the database r->db_path.  The
 * backup must pass integrity_check, carry cxo's application_id and a
 * schema this cxo opens (else EX_DATAERR).  Another process holding the
 * database is EX_TEMPFAIL, found at once.  The current database is kept
 * at r->keep_path (never replacing a file) before a synced copy of the
 * backup, mode 0600, is renamed over it with no -wal, -shm or -journal
 * left beside it.  On failure the database is as it was and nothing is
 * kept; err holds the message.  Opens no store of the caller's.
 */
int store_restore(struct restore_request *r, char *err, size_t errsz);

struct store_check {
	int schema_version;
	bool application_id_ok;
	char *integrity; /* "ok" or the problems (caller frees via store_check_free) */
	int foreign_key_errors;
	bool day_totals_kept;   /* the file keeps daily totals (schema 2 on) */
	int day_total_errors;   /* days whose kept totals disagree with the entries */
	bool risk_cells_kept;   /* the file keeps open risk counts (schema 3 on) */
	int risk_cell_errors;   /* heat-map cells whose kept count disagrees with the risks */
	bool waiting_for_kept;  /* actions keep the person waited for (schema 4 on) */
	int waiting_for_errors; /* waiting actions naming no one, or others naming someone */
	char journal_mode[16];
};
int store_check(struct store *st, struct store_check *out);
/* Computes the kept totals afresh, in one transaction: the daily hours
 * from the entries and the open risk counts from the risks. */
int store_rebuild_totals(struct store *st);
void store_check_free(struct store_check *c);

/*
 * Every file is opened only when its schema (the type, name, table and
 * SQL of each table, index, trigger and view) is exactly the one this cxo
 * makes at the file's version: a trigger, a view or a changed table of
 * anyone else's is refused (EX_DATAERR, naming it).  For `cxo doctor`,
 * store_open_unverified opens a file read only without that check, and
 * store_schema_check lists the differences, one a line
 * ("unexpected trigger \"wipe_notes\"", "missing index ...", "altered
 * table ..."), into *differences (caller frees; NULL when none) and their
 * number into *count.  On such a file nothing but store_schema_check
 * should run.
 */
int store_open_unverified(const char *path, int busy_ms, struct store **out, char *err,
                          size_t errsz);
int store_schema_check(struct store *st, char **differences, int *count);

/*
 * Each connection may run a bounded number of SQLite steps: a statement
 * past the budget fails with EX_DATAERR ("the database took too long to
 * answer").  The budget counts from the opening; store_budget starts a new
 * one of steps (0: the default for the handle, far above what any command
 * needs), as the dashboard does before each refresh and `cxo status`
 * with a smaller one.
 */
void store_budget(struct store *st, unsigned long long steps);

/* ---- dashboard: bounded queries for the full-screen view (dash.c) ----
 *
 * Each reads a bounded number of rows through an index and leaves no
 * statement open.  filter is NULL or "" for everything, else a
 * case-insensitive (ASCII) substring of the title (for entries the note,
 * for actions also the owner and the person waited for).  limit is at
 * least 1.
 */

/* Tunes this connection for a dashboard that stays open: a larger page
 * cache, since every client switch revisits the same index pages. */
int store_dash_session(struct store *st);

/* A read transaction around the queries of one frame (one snapshot,
 * one set of locks); end it before waiting for input.  Begin does
 * nothing inside a write transaction; end is safe to call after a
 * failed begin. */
int store_dash_read_begin(struct store *st);
void store_dash_read_end(struct store *st);

/* minutes[i] = the minutes logged with bounds[i] <= day < bounds[i + 1],
 * for i < n; bounds holds n + 1 ISO days in ascending order.  One
 * store_entry_sum per slot: a row a day. */
int store_dash_range_sums(struct store *st, const char *client_id, const char (*bounds)[DAY_LEN],
                          size_t n, long *minutes);
/* The latest entries first (day, then creation, descending). */
int store_dash_latest_entries(struct store *st, const char *client_id, const char *filter,
                              size_t limit, struct entry_list *out);
/* Open and mitigating risks, highest inherent score first, then the
 * earliest review date. */
int store_dash_open_risks(struct store *st, const char *client_id, const char *filter, size_t limit,
                          struct risk_list *out);
/* Open and mitigating risks counted by inherent likelihood and impact:
 * counts[likelihood - 1][impact - 1]. */
int store_dash_heatmap(struct store *st, const char *client_id, int counts[5][5]);
/* Open actions (todo, waiting) by due date, undated last. */
int store_dash_open_actions(struct store *st, const char *client_id, const char *filter,
                            size_t limit, struct action_list *out);
/* How many actions are open, and how many of them are due before today. */
int store_dash_action_counts(struct store *st, const char *client_id, const char *today, int *open,
                             int *overdue);
/* Mandates: active ones by due date (undated last), then done and
 * dropped ones, latest due first; open_actions is filled. */
int store_dash_mandates(struct store *st, const char *client_id, const char *filter, size_t limit,
                        struct mandate_list *out);
/* The same without the done and dropped ones. */
int store_dash_active_mandates(struct store *st, const char *client_id, const char *filter,
                               size_t limit, struct mandate_list *out);
/* Done and dropped actions, the latest done first; accepted then closed
 * risks, by score: what the dashboard's lists add when told to show all. */
int store_dash_closed_actions(struct store *st, const char *client_id, const char *filter,
                              size_t limit, struct action_list *out);
int store_dash_closed_risks(struct store *st, const char *client_id, const char *filter,
                            size_t limit, struct risk_list *out);
/* The open action with the earliest due date (overdue ones included);
 * EX_NOINPUT when no open action has a due date. */
int store_dash_next_due(struct store *st, const char *client_id, struct action *out);

/* What stays when a mandate or a risk is deleted, unlinked from it (the
 * schema's ON DELETE SET NULL): the actions linked to it, whatever their
 * status, and a mandate's time entries with their minutes (a risk has
 * none).  EX_NOINPUT when no such row. */
struct store_links {
	int actions;
	int entries;
	long minutes;
};
int store_mandate_links(struct store *st, const char *id, struct store_links *out);
int store_risk_links(struct store *st, const char *id, struct store_links *out);

/* Deletes by id, each in its own transaction; EX_NOINPUT when no such
 * row.  Linked actions and entries stay, unlinked. */
int store_mandate_delete(struct store *st, const char *id);
int store_risk_delete(struct store *st, const char *id);
int store_action_delete(struct store *st, const char *id);

/* ---- schema 5: billing terms, month locks, last worked on, changes,
 * shared notes (terms.c, changes.c) ----
 *
 * On a file older than schema 5, read as it is, these read as nothing
 * set: default terms, no locks, never seen, no changes, no shared notes;
 * the writes upgrade it first, as every write does. */

/* The client's terms, or the defaults (client_terms_defaults). */
int store_terms_get(struct store *st, const char *client_id, struct client_terms *out);
/* Sets them (validated: round_minutes 0..240, the words, caps >= 0). */
int store_terms_set(struct store *st, const char *client_id, const struct client_terms *t);

/* The lock of the client's month ("YYYY-MM"): EX_NOINPUT when open. */
int store_lock_get(struct store *st, const char *client_id, const char *month,
                   struct month_lock *out);
/* Locks the month (invoice may be NULL); locking a locked month again
 * replaces its invoice reference and keeps the time it was locked. */
int store_lock_set(struct store *st, const char *client_id, const char *month, const char *invoice);
/* Opens the month again: EX_NOINPUT when it was not locked. */
int store_lock_clear(struct store *st, const char *client_id, const char *month);
/* The locks of a client (NULL = every client), the latest month first. */
int store_lock_list(struct store *st, const char *client_id, struct month_lock_list *out);
/*
 * Entries are refused in a locked month: store_entry_add, _update (the
 * month it leaves or enters), _delete and store_timer_stop fail with
 * EX_DATAERR, the message naming the client, the month, the invoice and
 * how to open it (triggers refuse any other write too).
 */

/* Records that the client was worked on, on the local day today (the
 * dashboard's switch, `cxo use`); writes only when the day is new.  Any
 * write for the client records it too.  The day before the last one
 * (previous) is kept: a briefing counts changes from there. */
int store_seen_mark(struct store *st, const char *client_id, const char *today);
/* The last day and the previous distinct day the client was worked on:
 * "" when never. */
int store_seen_get(struct store *st, const char *client_id, char last[DAY_LEN],
                   char previous[DAY_LEN]);
/* Sets both as given (the sample portfolio's history); previous may be "". */
int store_seen_set(struct store *st, const char *client_id, const char *last, const char *previous);

/* The changes to the client's mandates, risks, actions and notes made
 * on or after the day since, the latest first, at most limit (>= 1). */
int store_changes_since(struct store *st, const char *client_id, const char *since, size_t limit,
                        struct change_list *out);
/* How many items of each kind had each change since the day:
 * counts[kind][change] by the orders of STORE_CHANGE_KINDS and
 * STORE_CHANGE_WORDS; an item changed twice the same way counts once. */
#define STORE_CHANGE_KIND_COUNT 4 /* mandate risk action note */
#define STORE_CHANGE_WORD_COUNT 6 /* added edited closed accepted reopened deleted */
extern const char *const STORE_CHANGE_KINDS[STORE_CHANGE_KIND_COUNT];
extern const char *const STORE_CHANGE_WORDS[STORE_CHANGE_WORD_COUNT];
int store_change_counts(struct store *st, const char *client_id, const char *since,
                        int counts[STORE_CHANGE_KIND_COUNT][STORE_CHANGE_WORD_COUNT]);

/* Marks the note shareable (a weekly update may include it), or not. */
int store_note_set_shared(struct store *st, const char *note_id, bool shared);
int store_note_is_shared(struct store *st, const char *note_id, bool *shared);
/* The client's shareable notes made from <= stamp < to (UTC stamps),
 * oldest first, at most limit. */
int store_notes_shared(struct store *st, const char *client_id, const char *from, const char *to,
                       size_t limit, struct note_list *out);

/* The client's actions done with from <= done_on < to, in that order. */
int store_actions_done_between(struct store *st, const char *client_id, const char *from,
                               const char *to, struct action_list *out);
/* The client's risks opened (or closed) with from <= day < to, by day. */
int store_risks_opened_between(struct store *st, const char *client_id, const char *from,
                               const char *to, struct risk_list *out);
int store_risks_closed_between(struct store *st, const char *client_id, const char *from,
                               const char *to, struct risk_list *out);
/* The client's accepted risks, the acceptance that ends first first
 * (those with no end last), at most limit. */
int store_risks_accepted(struct store *st, const char *client_id, size_t limit,
                         struct risk_list *out);
/* The client's open and mitigating risks counted by category and by
 * framework, the largest count first. */
int store_risk_counts(struct store *st, const char *client_id, struct name_count_list *by_category,
                      struct name_count_list *by_framework);

/* ---- report_risks.c: what the risk summary and the board pack read ---- */

/* The client's changes of kind (a word of STORE_CHANGE_KINDS) that were
 * change (of STORE_CHANGE_WORDS), made with from <= day < to, the latest
 * first, at most limit (>= 1); none on a file older than schema 5. */
int store_changes_of_kind(struct store *st, const char *client_id, const char *kind,
                          const char *change, const char *from, const char *to, size_t limit,
                          struct change_list *out);

/* ---- report_week.c: the weekly update's reads ---- */

/* The changes to the client's items made on from <= day < to, the
 * earliest first, at most limit (>= 1); none on a file older than
 * schema 5. */
int store_changes_between(struct store *st, const char *client_id, const char *from, const char *to,
                          size_t limit, struct change_list *out);

/* ---- the brief's bounded reads (report_brief.c) ----
 *
 * Each lists at most limit items (limit >= 1) through the open items'
 * indexes: the cost follows what is open, never the history. */

/* Open actions due before the day before (overdue and due soon), by due
 * date. */
int store_brief_actions_due(struct store *st, const char *client_id, const char *before,
                            size_t limit, struct action_list *out);
/* Actions waiting for someone, the longest wait first. */
int store_brief_waiting(struct store *st, const char *client_id, size_t limit,
                        struct action_list *out);
/* Open and mitigating risks whose review day is today or past, the
 * highest score first. */
int store_brief_reviews_due(struct store *st, const char *client_id, const char *today,
                            size_t limit, struct risk_list *out);
/* Accepted risks whose acceptance ends on or before the day by (ended
 * ones too), the earliest end first. */
int store_brief_acceptances_ending(struct store *st, const char *client_id, const char *by,
                                   size_t limit, struct risk_list *out);

/* ---- the brief's and the board pack's vendors (report_vendors.c) ----
 *
 * At most limit vendors (as store_vendor_get fills them, vendor.h), none
 * on a file older than schema 8. */
struct vendor_list;
/* The renewals to act on: contracts still running whose notice deadline
 * falls from today to until, and those renewing by themselves whose
 * deadline has passed while their term still runs (renewed by default);
 * the earliest deadline first. */
int store_report_renewals(struct store *st, const char *client_id, const char *today,
                          const char *until, size_t limit, struct vendor_list *out);
/* Vendors not ended that hold regulated data and whose due diligence is
 * not approved, by name. */
int store_report_unvetted(struct store *st, const char *client_id, size_t limit,
                          struct vendor_list *out);

/* ---- schema 6: moving in and out (offboard.c) ----
 *
 * On a file older than schema 6 these read as never exported. */

/* Records that the client was exported whole just now, into path (the
 * file's name as given, or "-" for stdout). */
int store_export_mark(struct store *st, const char *client_id, const char *path);
/* When (YYYY-MM-DDTHH:MM:SSZ) and where the client was last exported
 * whole: stamp "" when never; path (pathsz bytes) "" then. */
int store_export_get(struct store *st, const char *client_id, char stamp[STAMP_LEN], char *path,
                     size_t pathsz);
/* As store_export_get, and *fresh when the client gained no entries,
 * notes, mandates, vendors or decisions since, nor had items changed on
 * a later day, nor any change of its recorded in the journal since. */
int store_export_fresh(struct store *st, const char *client_id, char stamp[STAMP_LEN], char *path,
                       size_t pathsz, bool *fresh);

/*
 * Removing a client for good: store_exclusive() takes the database for
 * this connection alone until it closes (EX_TEMPFAIL, naming the file,
 * when another connection has it open) and has freed pages overwritten;
 * store_client_purge() deletes every row of the client in one
 * transaction (its month locks too), *held and *locks saying what went
 * (EX_DATAERR when there is no such client); store_scrub() then rebuilds
 * the file (VACUUM) and empties the -wal, so the removed text is left in
 * neither.  Backups are other files and keep what they hold.
 */
int store_exclusive(struct store *st);
int store_client_purge(struct store *st, const char *client_id, struct client_holdings *held,
                       long *locks);
int store_scrub(struct store *st);

/* ---- sheet.c: the rows of the spreadsheet and calendar exports ----
 *
 * Each reads one table a row at a time, in the order of its day (then of
 * its making), and hands fn each row with its texts borrowed from the
 * query: valid during the call only, nothing is copied, so a portfolio
 * of any size streams through.  fn returns 0 to go on; anything else
 * stops the reading and is returned. */

struct sheet_query {
	const char *client_id; /* NULL = every client */
	/* The first and last day (ISO, inclusive; NULL = open-ended) of the
	 * row's day: an entry's day, an action's created, a risk's opened,
	 * the UTC day of a mandate's created stamp. */
	const char *from, *to;
	/* Only what a calendar shows, whatever its day: open actions with a
	 * due day, active mandates with a due day, open and mitigating risks
	 * with a review day (entries: refused). */
	bool calendar;
};

/* A time entry, with where it came from when it was imported (schema 6):
 * the start and end times ("HH:MM" or "HH:MM:SS") the service gave, ""
 * otherwise. */
struct sheet_entry {
	struct entry e;
	char start[9], end[9];
};
/* A mandate with the stamp it was created. */
struct sheet_mandate {
	struct mandate m;
	char created[STAMP_LEN];
};

int store_sheet_entries(struct store *st, const struct sheet_query *q,
                        int (*fn)(const struct sheet_entry *row, void *ctx), void *ctx);
int store_sheet_actions(struct store *st, const struct sheet_query *q,
                        int (*fn)(const struct action *row, void *ctx), void *ctx);
int store_sheet_risks(struct store *st, const struct sheet_query *q,
                      int (*fn)(const struct risk *row, void *ctx), void *ctx);
int store_sheet_mandates(struct store *st, const struct sheet_query *q,
                         int (*fn)(const struct sheet_mandate *row, void *ctx), void *ctx);

/* ---- the archive: a client's every row, out and in (archive_read.c,
 * archive_write.c) ----
 *
 * A row of a kind is an array of values, one per field of the kind, in
 * the order its field table gives (the archive's order too). */
enum store_arc_kind {
	ARC_CLIENT,  /* the client's own columns */
	ARC_TERMS,   /* one or none: billing terms */
	ARC_SEEN,    /* one or none: the days last worked on */
	ARC_TIMER,   /* one or none: the running timer */
	ARC_MANDATE, /* by created, id */
	ARC_RISK,    /* by opened, id */
	ARC_ACTION,  /* by created, id */
	ARC_ENTRY,   /* by day, created, id; with where it came from */
	ARC_NOTE,    /* by created, id; with its shared flag */
	ARC_LOCK,    /* by month */
	/* Archive version 2 (schema 8): */
	ARC_VENDOR,           /* by created, id */
	ARC_VENDOR_RISK,      /* a vendor's risk: by vendor, risk */
	ARC_DECISION,         /* by created, id */
	ARC_DECISION_MANDATE, /* a decision's links: by decision, item */
	ARC_DECISION_RISK,
	ARC_DECISION_VENDOR,
	ARC_CHANGE, /* in the order they were kept */
	ARC_KIND_COUNT
};
enum store_arc_type { ARC_STR, ARC_INT, ARC_BOOL };
/* What a string must look like. */
enum store_arc_shape {
	ARC_TEXT,     /* free text: lo..hi characters */
	ARC_ID,       /* a lower-case UUID */
	ARC_KEY,      /* a client key */
	ARC_DAY,      /* YYYY-MM-DD */
	ARC_STAMP,    /* YYYY-MM-DDTHH:MM:SSZ */
	ARC_MONTH,    /* YYYY-MM */
	ARC_CLOCK,    /* HH:MM or HH:MM:SS */
	ARC_CURRENCY, /* three capital letters */
	ARC_WORD,     /* one of words */
};
struct store_arc_field {
	const char *name; /* the column's name, and the archive's */
	enum store_arc_type type;
	enum store_arc_shape shape; /* ARC_STR */
	bool null_ok;               /* may be absent (NULL, null) */
	long long lo, hi;           /* ARC_INT: the range; ARC_TEXT: characters */
	const char *words;          /* ARC_WORD: the words, space-separated */
};
struct store_arc_info {
	const char *name; /* in the archive: "mandates", "terms" */
	const char *item; /* in messages: "mandate" */
	bool single;      /* one or none a client (an object or null) */
	const struct store_arc_field *fields;
	size_t n;
	int since; /* the archive version that added it: an older one may lack it */
};
extern const struct store_arc_info store_arc_kinds[ARC_KIND_COUNT];

struct store_arc_value {
	bool null;
	long long i;   /* ARC_INT, ARC_BOOL (0 or 1) */
	const char *s; /* ARC_STR: NUL-terminated UTF-8 */
};

/* Called with each row of the archive in order: a client's row, then for
 * each other kind in enum order its rows and a NULL row after them (for
 * a single kind: its row or NULL).  A non-zero return stops the reading
 * and is returned. */
typedef int store_arc_row_fn(void *arg, enum store_arc_kind kind,
                             const struct store_arc_value *row);
/* Every client by key, or the one client_id, in one read snapshot. */
int store_arc_read(struct store *st, const char *client_id, store_arc_row_fn *fn, void *arg);

/* An archive to merge: per client, each kind's rows (n rows of
 * store_arc_kinds[kind].n values each, one after the other); the client
 * has exactly one. */
struct store_arc_client {
	const struct store_arc_value *rows[ARC_KIND_COUNT];
	size_t n[ARC_KIND_COUNT];
};
enum store_arc_prefer { ARC_REFUSE, ARC_THEIRS, ARC_OURS };
struct store_arc_counts {
	size_t added[ARC_KIND_COUNT], same[ARC_KIND_COUNT], conflicts[ARC_KIND_COUNT];
};
/* One difference of an item in both: its kind, id (a client: its key),
 * title (may be ""), the field and both values as text ("null"). */
struct store_arc_conflict {
	enum store_arc_kind kind;
	const char *id, *title, *field, *ours, *theirs;
};
typedef void store_arc_conflict_fn(void *arg, const struct store_arc_conflict *c);
/*
 * Merges the archive in one transaction, by id (a client also by key,
 * whose own id then stays): a new item is added, an equal one left, a
 * different one is a conflict, told to conflict (each field that
 * differs), then settled by prefer.  With ARC_REFUSE and any conflict,
 * nothing is written and the result is EX_DATAERR; dry_run writes
 * nothing either.  The changes kept become the archive's (those already
 * here are not added again) and the days last worked on the later of
 * both.  counts are filled either way.
 */
int store_arc_merge(struct store *st, const struct store_arc_client *clients, size_t n,
                    enum store_arc_prefer prefer, bool dry_run, struct store_arc_counts *counts,
                    store_arc_conflict_fn *conflict, void *arg);

/* ---- schema 6: time imports (timeimport.c) ----
 *
 * One import is one transaction: store_time_import_begin starts it and
 * prepares its statements once, store_time_import_end commits it (rc 0)
 * or rolls all of it back.  A dry run starts a read instead and its adds
 * write nothing. */
struct store_time_import;
/* One entry to add and where it came from. */
struct time_import_entry {
	const char *client_id;
	const char *mandate_id; /* NULL: none */
	const char *day;        /* YYYY-MM-DD */
	int minutes;            /* 1 to 1440 */
	const char *note;       /* NULL: none */
	bool billable;
	const char *service;    /* "harvest" or "toggl" */
	const char *source_key; /* the row's identity at the service */
	const char *start_time; /* HH:MM or HH:MM:SS, or NULL */
	const char *end_time;
	uint32_t tag; /* the caller's name for the row (a line), never 0 */
};
int store_time_import_begin(struct store *st, bool dry, struct store_time_import **out);
/* *seen: an entry from service with this key is stored already. */
int store_time_import_seen(struct store_time_import *t, const char *service, const char *key,
                           bool *seen);
/* EX_DATAERR (the month and how to open it in store_error) when the
 * client's month of day is locked as invoiced. */
int store_time_import_locked(struct store_time_import *t, const char *client_id, const char *day);
/* Adds the entry and its source (nothing on a dry run).  Rows are
 * written a batch at a time, so a failure may be of an earlier row:
 * store_time_import_failed says whose tag it is (0 when no one row). */
int store_time_import_add(struct store_time_import *t, const struct time_import_entry *e);
uint32_t store_time_import_failed(const struct store_time_import *t);
/* Writes the rows still waiting and commits when rc is 0 (and not dry),
 * else rolls back; frees t.  Returns the first error, *failed the tag
 * of the row at fault (0 when none). */
int store_time_import_end(struct store_time_import *t, int rc, uint32_t *failed);

#endif

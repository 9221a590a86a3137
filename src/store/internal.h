/*
 * internal.h: what the store's files share and nothing outside src/store
 * may see: the handle, the prepared-statement cache, error reporting and
 * the small helpers for binding and reading columns.
 */
#ifndef CXO_STORE_INTERNAL_H
#define CXO_STORE_INTERNAL_H

#include <limits.h>
#include <sqlite3.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "cxo/store.h"

#define STORE_APPLICATION_ID 0x43584F31 /* "CXO1" */
#define STORE_ERR_LEN 2048

/* Free-text limits in characters, shared by the C checks and the schema
 * (their values in cxo/records.h, where the dashboard's fields read them). */
#define MAX_NAME TEXT_MAX_NAME
#define MAX_TEXT TEXT_MAX_LONG
#define MAX_NOTE TEXT_MAX_NOTE

/*
 * Every statement the store runs more than once.  The SQL sits next to
 * the code that uses it (store_stmt's third argument); the enum only names
 * the cache slot.
 */
/* clang-format off */
enum stmt_id {
	Q_BEGIN, Q_COMMIT, Q_ROLLBACK, Q_SAVEPOINT, Q_RELEASE, Q_ROLLBACK_TO,
	Q_READ_BEGIN, Q_READ_END,
	Q_DATA_VERSION,
	Q_SETTING_GET, Q_SETTING_SET, Q_SETTING_UNSET,

	Q_CLIENT_INSERT, Q_CLIENT_NEXT_TAB, Q_CLIENT_UPDATE, Q_CLIENT_BY_KEY,
	Q_CLIENT_BY_ID, Q_CLIENT_LIST_CURRENT, Q_CLIENT_LIST_ALL, Q_CLIENT_KEY_OF,
	Q_CLIENT_LIST_ACTIVE,
	Q_CLIENT_HOLDINGS, Q_CLIENT_DELETE,

	Q_MANDATE_INSERT, Q_MANDATE_UPDATE, Q_MANDATE_GET, Q_MANDATE_LIST_CLIENT,
	Q_MANDATE_LIST_ALL, Q_MANDATE_LIST_ALL_OPEN, Q_MANDATE_CLIENT,
	Q_MANDATE_HOURS,

	Q_ENTRY_INSERT, Q_ENTRY_UPDATE, Q_ENTRY_DELETE, Q_ENTRY_GET,
	Q_ENTRY_LIST_CLIENT, Q_ENTRY_LIST_ALL, Q_ENTRY_SUM_CLIENT, Q_ENTRY_SUM_ALL,
	Q_ENTRY_LAST_DAY,

	Q_TIMER_GET, Q_TIMER_INSERT, Q_TIMER_DELETE,

	Q_RISK_INSERT, Q_RISK_UPDATE, Q_RISK_GET, Q_RISK_LIST_CLIENT_OPEN,
	Q_RISK_LIST_CLIENT_ALL, Q_RISK_LIST_ALL_OPEN, Q_RISK_LIST_ALL_ALL,
	Q_RISK_CLIENT, Q_RISK_OPEN_SUMMARY,

	Q_ACTION_INSERT, Q_ACTION_UPDATE, Q_ACTION_GET, Q_ACTION_LIST_CLIENT_OPEN,
	Q_ACTION_LIST_CLIENT_ALL, Q_ACTION_LIST_ALL_OPEN, Q_ACTION_LIST_ALL_ALL,
	Q_ACTION_LIST_MANDATE, Q_ACTION_LIST_RISK, Q_ACTION_OVERDUE_CLIENT,
	Q_ACTION_OVERDUE_ALL, Q_ACTION_DUE_RANGE_CLIENT,

	Q_NOTE_INSERT, Q_NOTE_LIST_CLIENT, Q_NOTE_LIST_ALL, Q_NOTE_LAST,
	Q_NOTE_GET, Q_NOTE_UPDATE, Q_NOTE_DELETE,

	Q_RESOLVE_MANDATE, Q_RESOLVE_ENTRY, Q_RESOLVE_RISK, Q_RESOLVE_ACTION,
	Q_RESOLVE_NOTE, Q_RESOLVE_MANDATE_TITLE, Q_RESOLVE_RISK_TITLE,
	Q_RESOLVE_ACTION_TITLE, Q_RESOLVE_MANDATE_START, Q_RESOLVE_MANDATE_PART,
	Q_RESOLVE_RISK_START, Q_RESOLVE_RISK_PART,

	/* dash.c: the dashboard's bounded queries */
	Q_DASH_ENTRIES, Q_DASH_RISKS, Q_DASH_HEATMAP, Q_DASH_ACTIONS,
	Q_DASH_ACTION_COUNTS, Q_DASH_NEXT_DUE, Q_DASH_MANDATES_DATED,
	Q_DASH_MANDATES_UNDATED, Q_DASH_MANDATES_CLOSED, Q_DASH_DELETE_MANDATE, Q_DASH_DELETE_RISK,
	Q_DASH_DELETE_ACTION, Q_DASH_READ_BEGIN, Q_DASH_READ_END, Q_DASH_MANDATE_LINKS,
	Q_DASH_RISK_LINKS, Q_DASH_CLOSED_ACTIONS, Q_DASH_CLOSED_ACTIONS_V3, Q_DASH_CLOSED_RISKS,

	/* terms.c and changes.c (schema 5) */
	Q_TERMS_GET, Q_TERMS_SET, Q_LOCK_GET, Q_LOCK_SET, Q_LOCK_CLEAR, Q_LOCK_LIST_CLIENT,
	Q_LOCK_LIST_ALL, Q_LOCK_OF_ENTRY, Q_SEEN_GET, Q_SEEN_MARK, Q_SEEN_SET, Q_CHANGES_SINCE,
	Q_CHANGE_COUNTS, Q_NOTE_SHARE, Q_NOTE_UNSHARE, Q_NOTE_IS_SHARED, Q_NOTES_SHARED,
	Q_ACTIONS_DONE, Q_RISKS_OPENED, Q_RISKS_CLOSED, Q_RISKS_ACCEPTED, Q_RISK_BY_CATEGORY,
	Q_RISK_BY_FRAMEWORK,
	/* report_risks.c */
	Q_CHANGES_OF_KIND,

	/* report_week.c */
	Q_CHANGES_BETWEEN,

	/* report_brief.c */
	Q_BRIEF_DUE, Q_BRIEF_WAITING, Q_BRIEF_REVIEW, Q_BRIEF_ACCEPTED,

	/* report_vendors.c (schema 8) */
	Q_REPORT_RENEWALS, Q_REPORT_UNVETTED,

	/* offboard.c (schema 6) */
	Q_EXPORT_MARK, Q_EXPORT_GET,

	/* journal.c (schema 7) */
	Q_JOURNAL_INSERT, Q_JOURNAL_MAX_HLC, Q_JOURNAL_PRUNE, Q_JOURNAL_PRUNE_CONFLICTS,

	/* vendors.c and decisions.c (schema 8) */
	Q_VENDOR_INSERT, Q_VENDOR_UPDATE, Q_VENDOR_GET, Q_VENDOR_LIST_CLIENT, Q_VENDOR_LIST_ALL,
	Q_VENDOR_NOTICE_CLIENT, Q_VENDOR_NOTICE_ALL, Q_VENDOR_DELETE, Q_VENDOR_CLIENT,
	Q_VENDOR_LINK_RISK, Q_VENDOR_UNLINK_RISK, Q_VENDOR_RISKS, Q_VENDOR_ENDED,
	Q_DECISION_INSERT, Q_DECISION_UPDATE, Q_DECISION_GET, Q_DECISION_LIST_CLIENT,
	Q_DECISION_LIST_ALL, Q_DECISION_REVIEW_CLIENT, Q_DECISION_REVIEW_ALL, Q_DECISION_DELETE,
	Q_DECISION_CLIENT, Q_DECISION_SUPERSEDE, Q_DECISION_LINKS,
	Q_DECISION_LINK_MANDATE, Q_DECISION_LINK_RISK, Q_DECISION_LINK_VENDOR,
	Q_DECISION_UNLINK_MANDATE, Q_DECISION_UNLINK_RISK, Q_DECISION_UNLINK_VENDOR,
	Q_RESOLVE_VENDOR, Q_RESOLVE_VENDOR_NAME, Q_RESOLVE_VENDOR_START, Q_RESOLVE_VENDOR_PART,
	Q_RESOLVE_DECISION, Q_RESOLVE_DECISION_TITLE, Q_RESOLVE_DECISION_START,
	Q_RESOLVE_DECISION_PART,
	Q_OVERVIEW_NOTICE,

	STMT_COUNT
};
/* clang-format on */

struct sync_tables;

struct store {
	sqlite3 *db;
	char *path; /* as the caller gave it, for messages */
	enum store_mode mode;
	int schema;           /* the file's schema version, once opened */
	int depth;            /* store_begin nesting: 0 = no transaction */
	bool aborted;         /* SQLite rolled the whole transaction back */
	int abort_code;       /* the sysexits code of that failure */
	bool may_init;        /* an empty file may be set up (cxo made it, or cxo init) */
	bool immutable;       /* read as it is: its -wal and -shm cannot be made */
	uint64_t steps;       /* virtual machine steps since the budget was renewed */
	uint64_t step_budget; /* past it, the statement is interrupted (verify.c) */
	char err[STORE_ERR_LEN];
	int err_code; /* the sysexits code that goes with err */
	sqlite3_stmt *stmts[STMT_COUNT];
	/* The journal (journal.c): the session recording the transaction
	 * open, what the next entry is, and how long entries are kept. */
	sqlite3_session *session;
	char *journal_origin;
	char *journal_summary;
	int journal_days;
	struct journal_next {
		char kind[8];     /* "" is "change" */
		long long target; /* undo, redo */
		char *device;     /* sync: the device the change came from */
		long long device_seq;
		int64_t hlc;
		const void *blob; /* the record when no session ran (not owned) */
		int blob_size;
	} jnext;
	bool journal_quiet;              /* the next transaction starts no session */
	bool sync_batch;                 /* store_sync_batch_begin's transaction is open */
	struct sync_tables *sync_tables; /* sync's statements (sync_tables.c) */
};

/* ---- rows: the columns each kind is read with, and its reader ----
 *
 * One SELECT list per kind, shared by the module that owns the kind and by
 * the dashboard's bounded queries, so a row always reads the same way.
 * Each reader fills a zeroed item from a statement positioned on a row and
 * sets *oom when a copy could not be made (the item is then the caller's
 * to free). */
#define STORE_ENTRY_SELECT                                                                         \
	"SELECT e.id, e.client_id, c.key, e.mandate_id, m.title, e.day, e.minutes, e.note,"        \
	" e.billable, e.created FROM time_entries e JOIN clients c ON c.id = e.client_id"          \
	" LEFT JOIN mandates m INDEXED BY mandates_id_title ON m.id = e.mandate_id "
#define STORE_RISK_SELECT                                                                          \
	"SELECT r.id, r.client_id, c.key, r.title, r.category, r.likelihood, r.impact,"            \
	" r.residual_likelihood, r.residual_impact, r.treatment, r.status, r.owner,"               \
	" r.mitigation, r.framework, r.review_date, r.accepted_until, r.opened, r.closed"          \
	" FROM risks r JOIN clients c ON c.id = r.client_id "
/* Actions: the owner and the person waited for are columns of their own
 * since schema 4; an older file, read as it is, kept the person waited
 * for in the owner of a waiting action (STORE_ACTION_SQL picks). */
#define STORE_ACTION_COLUMNS(owner, waiting_for)                                                   \
	"SELECT a.id, a.client_id, c.key, a.mandate_id, m.title, a.risk_id, r.title, "             \
	"a.title, " owner ", " waiting_for                                                         \
	", a.due, a.status, a.waiting_since, a.done_on, a.created"                                 \
	" FROM actions a JOIN clients c ON c.id = a.client_id"                                     \
	" LEFT JOIN mandates m INDEXED BY mandates_id_title ON m.id = a.mandate_id"                \
	" LEFT JOIN risks r INDEXED BY risks_id_title ON r.id = a.risk_id "
#define STORE_ACTION_SELECT STORE_ACTION_COLUMNS("a.owner", "a.waiting_for")
#define STORE_ACTION_SELECT_V3                                                                     \
	STORE_ACTION_COLUMNS("CASE WHEN a.status = 'waiting' THEN NULL ELSE a.owner END",          \
	                     "CASE WHEN a.status = 'waiting' THEN a.owner END")
/* STORE_ACTION_SELECT followed by tail, in the form the file's schema
 * reads. */
#define STORE_ACTION_SQL(st, tail)                                                                 \
	(STORE_HAS_WAITING_FOR(st) ? STORE_ACTION_SELECT tail : STORE_ACTION_SELECT_V3 tail)
/*
 * Open actions: dated ones by due date, then the undated; ties by the day
 * made, then by title.  This is exactly the order of the
 * actions_open_client_list index (schema 2), so a client's open list is
 * read from it in order with no sort, and a LIMIT stops the reading early.
 * (Schema 4 added waiting_for after the id, which is unique: the order
 * is the same.)
 */
#define STORE_ACTION_OPEN_ORDER " ORDER BY a.due IS NULL, a.due, a.created" STORE_ACTION_TIES
#define STORE_ACTION_TIES                                                                          \
	", a.title, a.owner, a.status, a.waiting_since, a.mandate_id, a.risk_id, a.done_on, a.id"
/* Mandates: active ones by due date (undated last, in the order they were
 * added), then done ones and then dropped ones, the latest due first; the
 * order the dashboard's Mandates panel reads them in along the
 * (client, status, due) index. */
#define STORE_MANDATE_ORDER                                                                        \
	" ORDER BY m.status <> 'active', m.status = 'dropped', m.due IS NULL,"                     \
	" CASE WHEN m.status = 'active' THEN m.due END, m.due DESC,"                               \
	" CASE WHEN m.status = 'active' THEN m.rowid END, m.rowid DESC"
/* Risks by score, the ones due for review soonest first within a score;
 * the order of the risks_open_client_score index for open ones. */
#define STORE_RISK_ORDER                                                                           \
	" ORDER BY r.likelihood * r.impact DESC, r.review_date IS NULL, r.review_date,"            \
	" r.title, r.rowid"
#define STORE_NOTE_SELECT                                                                          \
	"SELECT n.id, n.client_id, c.key, n.body, n.created"                                       \
	" FROM notes n JOIN clients c ON c.id = n.client_id "
#define STORE_MANDATE_SELECT                                                                       \
	"SELECT m.id, m.client_id, c.key, m.title, m.area, m.status, m.due, m.measure,"            \
	" (SELECT count(*) FROM actions a WHERE a.mandate_id = m.id"                               \
	"  AND a.status IN ('todo', 'waiting'))"                                                   \
	" FROM mandates m JOIN clients c ON c.id = m.client_id "

/* The title joins name the (id, title) indexes of schema 2 because the
 * planner, without statistics, prefers the unique id index and then reads
 * the table row as well; store_stmt() drops the INDEXED BY for a schema 1
 * file, which has no such index. */

typedef void store_row_reader(sqlite3_stmt *s, void *item, bool *oom);
store_row_reader store_read_entry;  /* struct entry, entries.c */
store_row_reader store_read_risk;   /* struct risk, risks.c */
store_row_reader store_read_action; /* struct action, actions.c */
/* The columns of STORE_ACTION_SELECT into a, its texts borrowed from the
 * statement until its next step (actions.c). */
void store_borrow_action(sqlite3_stmt *s, struct action *a);
store_row_reader store_read_mandate; /* struct mandate, mandates.c */
store_row_reader store_read_note;    /* struct note, notes.c */
store_row_reader store_read_change;  /* struct item_change, changes.c */

/* Steps s to its end, appending each row to *items (n used, cap
 * allocated, sz bytes each; grown as needed); leaves no statement open.
 * On failure the rows read so far stay for the caller to free. */
int store_read_rows(struct store *st, sqlite3_stmt *s, void **items, size_t *n, size_t *cap,
                    size_t sz, store_row_reader *read, const char *what);

/* Reads the one row s (whose ?1 is id) yields into item: EX_NOINPUT
 * "no <kind> with id <id>" when there is none.  On failure item is the
 * caller's to free. */
int store_read_one(struct store *st, sqlite3_stmt *s, const char *id, void *item,
                   store_row_reader *read, const char *kind, const char *what);

/* ---- db.c ---- */

/* Since schema 2 the entry_days table holds each client's daily totals;
 * a read of a schema 1 file adds up the entries themselves. */
#define STORE_HAS_ENTRY_DAYS(st) ((st)->schema >= 2)
/* ... and the (id, title) indexes of mandates and risks. */
#define STORE_HAS_TITLE_INDEXES(st) ((st)->schema >= 2)
/* Since schema 3 risk_cells counts each client's open risks per heat-map
 * cell; an older file counts the risks themselves. */
#define STORE_HAS_RISK_CELLS(st) ((st)->schema >= 3)
/* Since schema 4 an action keeps the person it waits for (waiting_for)
 * apart from its owner. */
#define STORE_HAS_WAITING_FOR(st) ((st)->schema >= 4)
/* Since schema 5: billing terms, month locks, last worked on, changes,
 * shared notes, and the period indexes (terms.c, changes.c). */
#define STORE_HAS_V5(st) ((st)->schema >= 5)
/* Since schema 6: where imported entries came from, clients' exports. */
#define STORE_HAS_V6(st) ((st)->schema >= 6)
/* The journal (undo, history) and the sync state. */
#define STORE_HAS_V7(st) ((st)->schema >= 7)
/* Vendors and decisions (schema_v8.c). */
#define STORE_HAS_V8(st) ((st)->schema >= 8)

/* ---- the journal (journal.c) ---- */

/* Called by store_begin, store_commit and store_rollback at the outer
 * level: start recording, record (before COMMIT), forget. */
int store_journal_start(struct store *st);
int store_journal_finish(struct store *st);
/* Changeset cs written again so that an update setting part of a group of
 * columns that hold one fact (journal_groups.c) carries the whole group:
 * *out (malloc'd) and *out_size, or *out NULL when cs needs nothing. */
int store_journal_groups(struct store *st, const void *cs, int size, void **out, int *out_size);
void store_journal_drop(struct store *st);
/* The next hybrid logical clock time: after every one recorded, and not
 * before the wall clock (milliseconds << 16). */
int store_journal_hlc(struct store *st, int64_t *hlc);
/* Whether table is one the journal records (and sync carries). */
bool store_journal_table(const char *table);
/* Its place in the order a summary prefers the recorded tables in
 * (store_journal_tables() when it is not one of them). */
int store_journal_rank(const char *table);
int store_journal_tables(void);
/* The line saying what changeset cs did, into out; client_id gets the
 * one client it changed, "" when several or none (journal_say.c). */
int store_journal_summarise(struct store *st, const void *cs, int size, char *out, size_t n,
                            char client_id[40]);

/* terms.c: EX_DATAERR when the client's month of day is locked, naming
 * it, its invoice and how to open it. */
int store_lock_refuse(struct store *st, const char *client_id, const char *day);

/* The cached statement for id, prepared from sql on first use; NULL on
 * failure (the error is set).  Callers finish with store_done(). */
sqlite3_stmt *store_stmt(struct store *st, enum stmt_id id, const char *sql);
/* Resets the statement and clears its bindings so no read stays open. */
void store_done(sqlite3_stmt *s);

/* Formats the message into st->err and returns code. */
int store_fail(struct store *st, int code, const char *fmt, ...)
        __attribute__((format(printf, 3, 4)));
/* Maps a SQLite result code to a sysexits code with a message; what says
 * what was being done ("adding the entry"). */
int store_sql_fail(struct store *st, int rc, const char *what);
/* Maps rc for a write: constraint failures become EX_DATAERR with the
 * message given, everything else as store_sql_fail. */
int store_write_fail(struct store *st, int rc, const char *what, const char *constraint_msg);

/* Steps a statement that returns no rows.  Returns 0 or the error. */
int store_exec_stmt(struct store *st, sqlite3_stmt *s, const char *what);

/* Ends a write wrapped in store_begin(): commits when rc is 0, otherwise
 * rolls back that level, and returns the first error. */
int store_end(struct store *st, int rc);

/* Runs a statement whose rows, if any, are ignored (pragmas). */
int store_pragma(struct store *st, const char *sql);
/* PRAGMA journal_mode=WAL, checking that SQLite agreed. */
int store_set_wal(struct store *st);

/* A read snapshot for several queries (never used for writes, which
 * always go through store_begin and BEGIN IMMEDIATE). */
int store_read_begin(struct store *st);
void store_read_end(struct store *st);

/* ---- maint.c: copies that are whole or absent ----
 *
 * A copy is made in a private directory (mkdtemp, 0700) beside its
 * target, as a 0600 file, and synced; only then is it given the target's
 * name, so a copy cut short (a kill, a full disk) never carries it. */
struct store_tmp {
	char dir[PATH_MAX];  /* the private directory; "" when none */
	char file[PATH_MAX]; /* the copy inside it */
};
/* VACUUM INTO a copy of st's database for target (named in messages as
 * shown).  On failure nothing is left and t is empty. */
int store_tmp_vacuum(struct store *st, const char *target, const char *shown, struct store_tmp *t);
/* The same with the bytes of the file src, as they are. */
int store_tmp_bytes(struct store *st, const char *src, const char *target, const char *shown,
                    struct store_tmp *t);
/* Gives the copy the name target and syncs target's directory: link(),
 * never over an existing file (EX_CANTCREAT), or, when replace, rename()
 * over it.  A failed link leaves no target. */
int store_tmp_place(struct store *st, struct store_tmp *t, const char *target, const char *shown,
                    bool replace);
/* Removes the private directory and whatever is in it (t may be empty). */
void store_tmp_discard(struct store_tmp *t);
/* Syncs the directory that holds path: 0 or errno. */
int store_sync_dir_of(const char *path);

/* ---- files.c ---- */

/* Splits path into its directory's real path and the file name (full),
 * creating the directory 0700 first for a write. */
int store_files_resolve(const char *path, enum store_mode mode, char *full, size_t fullsz,
                        char *err, size_t errsz);

struct store_files {
	bool made;      /* the database file was created here, 0600 */
	bool immutable; /* a read that must not (cannot) have a -wal or -shm */
};
/* Checks (and for a write creates) the database file and its -wal and
 * -shm before SQLite opens them: regular files of the user's own, no
 * access for others (EX_NOPERM otherwise, with the fix); an empty file
 * that cxo did not make only when may_init (EX_NOINPUT otherwise). */
int store_files_prepare(const char *path, const char *full, enum store_mode mode, bool may_init,
                        struct store_files *out, char *err, size_t errsz);
/* Removes the database file made by store_files_prepare, and its -wal and
 * -shm, when all three are still empty (a failed first command). */
void store_files_unmake(const char *full);
/* The same for the -wal and -shm of an open database about to switch to
 * WAL: checked, or made 0600 when missing. */
int store_files_sidecars(struct store *st);

/* ---- schema.c ---- */

/* Recognises the file and migrates it (STORE_WRITE) or refuses it.
 * Returns 0 or a sysexits code with the message in st->err. */
int store_schema_prepare(struct store *st, bool *was_empty);

/* Runs every migration up to version on db (an empty, in-memory
 * database: the reference verify.c compares files with); a SQLite code. */
/* Version 8's scripts (schema_v8.c), the migrations after it in files of
 * their own. */
extern const char *const SCHEMA_V8[];
int store_schema_build(sqlite3 *db, int version);

/* ---- verify.c ---- */

/* Virtual machine steps one command may take.  On the large generated
 * portfolio (200,000 entries, 50,000 actions) the longest read, every
 * entry ever listed, takes 6 million, a backup 15 million and doctor's
 * integrity check 20 million: reads get 200 million, writes, backups and
 * doctor 2 billion (a few seconds to a minute). */
#define STORE_READ_STEPS (200ULL * 1000 * 1000)
#define STORE_WRITE_STEPS (2000ULL * 1000 * 1000)
/* The longest string or blob a statement may make or read (bytes). */
#define STORE_MAX_LENGTH (16 * 1024 * 1024)
/* The heap SQLite may use in the whole process (bytes). */
#define STORE_HEAP_LIMIT (256LL * 1024 * 1024)

/* EX_DATAERR naming the first difference unless the file's schema is
 * the one this cxo makes at version. */
int store_schema_verify(struct store *st, int version);
/* Every object of a schema but SQLite's own statistics tables (ANALYZE
 * makes them, and they hold no code), in a fixed order. */
#define STORE_SCHEMA_ROWS                                                                          \
	"SELECT type, name, tbl_name, sql FROM sqlite_schema"                                      \
	" WHERE NOT (type = 'table' AND name GLOB 'sqlite_stat[1-4]') ORDER BY type, name"
/* One of those rows; sql is NULL for SQLite's automatic indexes. */
struct schema_row {
	const char *type, *name, *tbl, *sql;
};
/* The rows each version's migrations make, each list ended by a NULL
 * type: generated into schema_ref.c by `make schema-ref`. */
extern const struct schema_row *const store_schema_ref[STORE_SCHEMA_VERSION + 1];
/* The progress handler and the length limit, on a new connection. */
void store_set_limits(struct store *st);

/* ---- util.c ---- */

int store_new_id(struct store *st, char id[UUID_LEN]);
/* Current UTC stamp and local day. */
void store_now_stamp(char out[STAMP_LEN]);
void store_today(char out[DAY_LEN]);

/* Whether two values are the same: type and content (NULL pointers are
 * equal only to each other). */
bool store_value_same(sqlite3_value *a, sqlite3_value *b);
/* Binds s, or NULL when s is NULL or empty. */
int store_bind_text(sqlite3_stmt *s, int i, const char *text);
/* Copies a column into a char array ("" for NULL), truncating safely. */
void store_col_copy(sqlite3_stmt *s, int i, char *out, size_t n);
/* An integer column clamped to lo..hi.  Every reader takes its numbers
 * through this: a file edited behind SQLite's back (writable_schema,
 * ignore_check_constraints) can hold values its CHECKs forbid, and one
 * outside the range the store writes is read as the nearest value in it. */
long long store_col_clamp(sqlite3_stmt *s, int i, long long lo, long long hi);
/* The latest instant the store keeps (9999-12-31T23:59:59Z), in Unix
 * seconds: a timer's start lies between 0 and it. */
#define STORE_TIME_MAX 253402300799LL

/* Newly allocated copy of a column (NULL for NULL); sets *oom on failure. */
char *store_col_dup(sqlite3_stmt *s, int i, bool *oom);

/* Grows an array of items of size sz to hold at least n+1; 0 or -1. */
int store_list_grow(void **items, size_t *cap, size_t n, size_t sz);

/* Validation: each returns 0 or EX_DATAERR with a message naming the
 * value.  what is the field for the message ("due date"). */
int store_check_day(struct store *st, const char *what, const char *day, bool required);
int store_check_stamp(struct store *st, const char *what, const char *stamp);
int store_check_word(struct store *st, const char *what, const char *word, const char *const *words,
                     bool required);
int store_check_text(struct store *st, const char *what, const char *text, size_t max,
                     bool required);
int store_check_range(struct store *st, const char *what, long long v, long long lo, long long hi);
int store_check_id(struct store *st, const char *what, const char *id, bool required);
/* First 8 characters of an id, for messages. */
/* A short, sanitised copy of user text for messages. */
void store_msg_text(const char *s, char *buf, size_t n);

/* ---- clients.c ---- */

#define CLIENT_COLUMNS_PLAIN                                                                       \
	"id, key, name, role, industry, employees, status, start_date, end_date,"                  \
	" budget_minutes, rate_cents, currency, tab_order"
#define CLIENT_COLUMNS                                                                             \
	"c.id, c.key, c.name, c.role, c.industry, c.employees, c.status, c.start_date,"            \
	" c.end_date, c.budget_minutes, c.rate_cents, c.currency, c.tab_order"

/* Reads CLIENT_COLUMNS starting at column i. */
void store_read_client(sqlite3_stmt *s, int i, struct client *c, bool *oom);
/* Steps s to the end into out (emptied on failure); resets s. */
int store_client_rows(struct store *st, sqlite3_stmt *s, struct client_list *out);

/* ---- shared lookups ---- */

/* Checks that the mandate (or risk) exists and belongs to client_id.
 * Empty id = nothing to check. */
/* 0 when item_id (of the kind the statement reads; NULL or "" = no link)
 * exists and belongs to client_id; sql selects "client_id = ?2" for the
 * row whose id is ?1. */
int store_check_link(struct store *st, enum stmt_id id, const char *sql, const char *kind,
                     const char *item_id, const char *client_id);
int store_check_mandate_link(struct store *st, const char *mandate_id, const char *client_id);
int store_check_risk_link(struct store *st, const char *risk_id, const char *client_id);
/* vendors.c and decisions.c: the same for a vendor and a decision. */
int store_check_vendor_link(struct store *st, const char *vendor_id, const char *client_id);
int store_check_decision_link(struct store *st, const char *decision_id, const char *client_id);

/* notes.c: store_resolve_loose for the kinds schema 8 added, which the
 * public enum store_kind does not name. */
enum store_resolve_more { STORE_RESOLVE_VENDOR, STORE_RESOLVE_DECISION };
int store_resolve_more(struct store *st, enum store_resolve_more kind, const char *text,
                       const char *client_id, char id[UUID_LEN]);
/* Checks that the client exists; fills key (may be NULL). */
int store_client_key_of(struct store *st, const char *client_id, char key[KEY_LEN]);

#endif

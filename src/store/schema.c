/*
 * schema.c: recognising a database file and migrating it.
 *
 * A cxo database carries application_id "CXO1" and its schema version in
 * user_version.  Migrations are frozen SQL scripts: script i takes
 * user_version i to i + 1, in its own BEGIN IMMEDIATE transaction that
 * also sets user_version, so a crash leaves the file at one version or
 * the next, never between.  Never edit a released script; append one.
 */
#include "internal.h"

#include <stdio.h>
#include <string.h>
#include <sysexits.h>

#define DAY_GLOB "'[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'"
#define STAMP_GLOB "'[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]:[0-6][0-9]Z'"
/* Lower-case canonical UUIDs only, so prefix searches on the key work. */
#define ID_CHECK(col) "CHECK (length(" col ") = 36 AND " col " NOT GLOB '*[^0-9a-f-]*')"
#define INT_CHECK(col) "typeof(" col ") = 'integer'"
#define STR(x) #x
#define XSTR(x) STR(x)

/* clang-format off */
/* Split by table: ISO C caps a string literal at 4095 bytes. */
static const char *const SCHEMA_V1[] = {
	"CREATE TABLE clients ("
	" id TEXT NOT NULL PRIMARY KEY " ID_CHECK("id") ","
	" key TEXT NOT NULL UNIQUE CHECK (length(key) BETWEEN 1 AND 32 AND key GLOB '[a-z]*'"
	"  AND key NOT GLOB '*[^a-z0-9_-]*'),"
	" name TEXT CHECK (length(name) <= " XSTR(MAX_NAME) "),"
	" role TEXT CHECK (role IN ('cio', 'cto', 'ciso', 'interim')),"
	" industry TEXT CHECK (length(industry) <= " XSTR(MAX_NAME) "),"
	" employees INTEGER NOT NULL DEFAULT 0"
	"  CHECK (" INT_CHECK("employees") " AND employees >= 0),"
	" status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'paused', 'ended')),"
	" start_date TEXT CHECK (start_date GLOB " DAY_GLOB "),"
	" end_date TEXT CHECK (end_date GLOB " DAY_GLOB "),"
	" budget_minutes INTEGER NOT NULL DEFAULT 0"
	"  CHECK (" INT_CHECK("budget_minutes") " AND budget_minutes >= 0),"
	" rate_cents INTEGER NOT NULL DEFAULT 0"
	"  CHECK (" INT_CHECK("rate_cents") " AND rate_cents >= 0),"
	" currency TEXT NOT NULL DEFAULT 'USD' CHECK (length(currency) = 3"
	"  AND currency GLOB '[A-Z][A-Z][A-Z]'),"
	" tab_order INTEGER NOT NULL DEFAULT 0 CHECK (" INT_CHECK("tab_order") "),"
	" CHECK (end_date >= start_date)"
	");"
	"CREATE INDEX clients_tab ON clients(tab_order, key);",

	"CREATE TABLE mandates ("
	" id TEXT NOT NULL PRIMARY KEY " ID_CHECK("id") ","
	" client_id TEXT NOT NULL REFERENCES clients(id) ON DELETE CASCADE,"
	" title TEXT NOT NULL CHECK (length(title) BETWEEN 1 AND " XSTR(MAX_NAME) "),"
	" area TEXT CHECK (length(area) <= " XSTR(MAX_NAME) "),"
	" status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'done', 'dropped')),"
	" due TEXT CHECK (due GLOB " DAY_GLOB "),"
	" measure TEXT CHECK (length(measure) <= " XSTR(MAX_TEXT) "),"
	" created TEXT NOT NULL CHECK (created GLOB " STAMP_GLOB ")"
	");"
	"CREATE INDEX mandates_client_status ON mandates(client_id, status, due);"
	"CREATE INDEX mandates_client_title ON mandates(client_id, title COLLATE NOCASE);"
	"CREATE INDEX mandates_status ON mandates(status, due);",

	"CREATE TABLE time_entries ("
	" id TEXT NOT NULL PRIMARY KEY " ID_CHECK("id") ","
	" client_id TEXT NOT NULL REFERENCES clients(id) ON DELETE CASCADE,"
	" mandate_id TEXT REFERENCES mandates(id) ON DELETE SET NULL,"
	" day TEXT NOT NULL CHECK (day GLOB " DAY_GLOB "),"
	" minutes INTEGER NOT NULL"
	"  CHECK (" INT_CHECK("minutes") " AND minutes > 0 AND minutes <= 1440),"
	" note TEXT CHECK (length(note) <= " XSTR(MAX_TEXT) "),"
	" billable INTEGER NOT NULL DEFAULT 1 CHECK (billable IN (0, 1)),"
	" created TEXT NOT NULL CHECK (created GLOB " STAMP_GLOB ")"
	");"
	/* Covering the month sums (billable too), so they never touch rows. */
	"CREATE INDEX time_entries_client_day ON time_entries(client_id, day, minutes, billable);"
	"CREATE INDEX time_entries_day ON time_entries(day, minutes, billable);"
	"CREATE INDEX time_entries_mandate ON time_entries(mandate_id)"
	" WHERE mandate_id IS NOT NULL;",

	"CREATE TABLE timer ("
	" id TEXT NOT NULL PRIMARY KEY " ID_CHECK("id") ","
	" slot INTEGER NOT NULL DEFAULT 1 UNIQUE CHECK (slot = 1),"
	" client_id TEXT NOT NULL REFERENCES clients(id) ON DELETE CASCADE,"
	" note TEXT CHECK (length(note) <= " XSTR(MAX_TEXT) "),"
	" started INTEGER NOT NULL CHECK (" INT_CHECK("started") " AND started >= 0)"
	");",

	"CREATE TABLE risks ("
	" id TEXT NOT NULL PRIMARY KEY " ID_CHECK("id") ","
	" client_id TEXT NOT NULL REFERENCES clients(id) ON DELETE CASCADE,"
	" title TEXT NOT NULL CHECK (length(title) BETWEEN 1 AND " XSTR(MAX_NAME) "),"
	" category TEXT CHECK (category IN"
	"  ('security', 'compliance', 'vendor', 'operations', 'people', 'financial')),"
	" likelihood INTEGER NOT NULL"
	"  CHECK (" INT_CHECK("likelihood") " AND likelihood BETWEEN 1 AND 5),"
	" impact INTEGER NOT NULL CHECK (" INT_CHECK("impact") " AND impact BETWEEN 1 AND 5),"
	" residual_likelihood INTEGER CHECK (residual_likelihood BETWEEN 1 AND 5),"
	" residual_impact INTEGER CHECK (residual_impact BETWEEN 1 AND 5),"
	" treatment TEXT NOT NULL DEFAULT 'mitigate'"
	"  CHECK (treatment IN ('mitigate', 'accept', 'transfer', 'avoid')),"
	" status TEXT NOT NULL DEFAULT 'open'"
	"  CHECK (status IN ('open', 'mitigating', 'accepted', 'closed')),"
	" owner TEXT CHECK (length(owner) <= " XSTR(MAX_NAME) "),"
	" mitigation TEXT CHECK (length(mitigation) <= " XSTR(MAX_TEXT) "),"
	" framework TEXT CHECK (length(framework) <= " XSTR(MAX_NAME) "),"
	" review_date TEXT CHECK (review_date GLOB " DAY_GLOB "),"
	" accepted_until TEXT CHECK (accepted_until GLOB " DAY_GLOB "),"
	" opened TEXT NOT NULL CHECK (opened GLOB " DAY_GLOB "),"
	" closed TEXT CHECK (closed GLOB " DAY_GLOB "),"
	" CHECK ((residual_likelihood IS NULL) = (residual_impact IS NULL))"
	");"
	"CREATE INDEX risks_client_status ON risks(client_id, status);"
	"CREATE INDEX risks_client_title ON risks(client_id, title COLLATE NOCASE);"
	"CREATE INDEX risks_status ON risks(status);",

	"CREATE TABLE actions ("
	" id TEXT NOT NULL PRIMARY KEY " ID_CHECK("id") ","
	" client_id TEXT NOT NULL REFERENCES clients(id) ON DELETE CASCADE,"
	" mandate_id TEXT REFERENCES mandates(id) ON DELETE SET NULL,"
	" risk_id TEXT REFERENCES risks(id) ON DELETE SET NULL,"
	" title TEXT NOT NULL CHECK (length(title) BETWEEN 1 AND " XSTR(MAX_NAME) "),"
	" owner TEXT CHECK (length(owner) <= " XSTR(MAX_NAME) "),"
	" due TEXT CHECK (due GLOB " DAY_GLOB "),"
	" status TEXT NOT NULL DEFAULT 'todo'"
	"  CHECK (status IN ('todo', 'waiting', 'done', 'dropped')),"
	" waiting_since TEXT CHECK (waiting_since GLOB " DAY_GLOB "),"
	" done_on TEXT CHECK (done_on GLOB " DAY_GLOB "),"
	" created TEXT NOT NULL CHECK (created GLOB " DAY_GLOB ")"
	");"
	/* Open actions are a few hundred among tens of thousands closed. */
	"CREATE INDEX actions_open_client_due ON actions(client_id, due)"
	" WHERE status IN ('todo', 'waiting');"
	"CREATE INDEX actions_open_due ON actions(due) WHERE status IN ('todo', 'waiting');"
	"CREATE INDEX actions_open_mandate ON actions(mandate_id)"
	" WHERE status IN ('todo', 'waiting');"
	/* With status second, a lookup of the open ones stays bounded by
	 * them whichever index the planner picks. */
	"CREATE INDEX actions_client ON actions(client_id, status, due);"
	"CREATE INDEX actions_mandate ON actions(mandate_id, status) WHERE mandate_id IS NOT NULL;"
	"CREATE INDEX actions_risk ON actions(risk_id) WHERE risk_id IS NOT NULL;",

	"CREATE TABLE notes ("
	" id TEXT NOT NULL PRIMARY KEY " ID_CHECK("id") ","
	" client_id TEXT NOT NULL REFERENCES clients(id) ON DELETE CASCADE,"
	" body TEXT NOT NULL CHECK (length(body) BETWEEN 1 AND " XSTR(MAX_NOTE) "),"
	" created TEXT NOT NULL CHECK (created GLOB " STAMP_GLOB ")"
	");"
	"CREATE INDEX notes_client_created ON notes(client_id, created);"
	"CREATE INDEX notes_created ON notes(created);",

	"CREATE TABLE settings ("
	" key TEXT NOT NULL PRIMARY KEY CHECK (length(key) BETWEEN 1 AND 100),"
	" value TEXT CHECK (length(value) <= " XSTR(MAX_TEXT) ")"
	") WITHOUT ROWID;",
	NULL,
};

/*
 * Version 2: indexes that let the long lists be read in their printed
 * order straight from an index, so their cost follows the rows shown and
 * not the history behind them.  Only indexes change, so a version 1 file
 * still answers every query (read commands accept it, see
 * STORE_SCHEMA_READABLE).
 */
static const char *const SCHEMA_V2[] = {
	/* Entries stored in the order they are listed: by client, day and
	 * time made (the id breaks ties), so a month of one client is one
	 * run of pages, read without a lookup per entry.  The id stays
	 * unique through its own index. */
	/* The key's columns come first and in its order: SQLite 3.40's
	 * integrity_check misreads a WITHOUT ROWID table declared otherwise. */
	"CREATE TABLE time_entries_v2 ("
	" client_id TEXT NOT NULL REFERENCES clients(id) ON DELETE CASCADE,"
	" day TEXT NOT NULL CHECK (day GLOB " DAY_GLOB "),"
	" created TEXT NOT NULL CHECK (created GLOB " STAMP_GLOB "),"
	" id TEXT NOT NULL " ID_CHECK("id") ","
	" mandate_id TEXT REFERENCES mandates(id) ON DELETE SET NULL,"
	" minutes INTEGER NOT NULL"
	"  CHECK (" INT_CHECK("minutes") " AND minutes > 0 AND minutes <= 1440),"
	" note TEXT CHECK (length(note) <= " XSTR(MAX_TEXT) "),"
	" billable INTEGER NOT NULL DEFAULT 1 CHECK (billable IN (0, 1)),"
	" PRIMARY KEY (client_id, day, created, id)"
	") WITHOUT ROWID;"
	"INSERT INTO time_entries_v2(id, client_id, mandate_id, day, minutes, note, billable, created)"
	" SELECT id, client_id, mandate_id, day, minutes, note, billable, created"
	" FROM time_entries;"
	"DROP TABLE time_entries;"
	"ALTER TABLE time_entries_v2 RENAME TO time_entries;"
	"CREATE UNIQUE INDEX time_entries_id ON time_entries(id);"
	"CREATE INDEX time_entries_day ON time_entries(day, created, id);"
	"CREATE INDEX time_entries_mandate ON time_entries(mandate_id)"
	" WHERE mandate_id IS NOT NULL;",

	/* A client's open actions in list order, every listed column inside:
	 * the list never touches the table's closed history. */
	"CREATE INDEX actions_open_client_list ON actions(client_id, due IS NULL, due, created,"
	" title, owner, status, waiting_since, mandate_id, risk_id, done_on, id)"
	" WHERE status IN ('todo', 'waiting');",

	/* Each client's hours per day, kept by triggers: month and week
	 * totals read a row a day, however many entries a day holds. */
	"CREATE TABLE entry_days ("
	" client_id TEXT NOT NULL REFERENCES clients(id) ON DELETE CASCADE,"
	" day TEXT NOT NULL CHECK (day GLOB " DAY_GLOB "),"
	" minutes INTEGER NOT NULL,"
	" billable INTEGER NOT NULL,"
	" entries INTEGER NOT NULL,"
	" PRIMARY KEY (client_id, day)"
	") WITHOUT ROWID;"
	"CREATE INDEX entry_days_day ON entry_days(day, minutes, billable);"
	"INSERT INTO entry_days(client_id, day, minutes, billable, entries)"
	" SELECT client_id, day, sum(minutes), sum(billable * minutes), count(*)"
	" FROM time_entries GROUP BY client_id, day;",

	"CREATE TRIGGER entry_days_insert AFTER INSERT ON time_entries BEGIN"
	" INSERT INTO entry_days(client_id, day, minutes, billable, entries)"
	"  VALUES (new.client_id, new.day, new.minutes, new.billable * new.minutes, 1)"
	"  ON CONFLICT (client_id, day) DO UPDATE SET minutes = minutes + excluded.minutes,"
	"  billable = billable + excluded.billable, entries = entries + 1;"
	" END;"
	"CREATE TRIGGER entry_days_delete AFTER DELETE ON time_entries BEGIN"
	" UPDATE entry_days SET minutes = minutes - old.minutes,"
	"  billable = billable - old.billable * old.minutes, entries = entries - 1"
	"  WHERE client_id = old.client_id AND day = old.day;"
	" DELETE FROM entry_days"
	"  WHERE client_id = old.client_id AND day = old.day AND entries <= 0;"
	" END;"
	"CREATE TRIGGER entry_days_update AFTER UPDATE OF client_id, day, minutes, billable"
	" ON time_entries BEGIN"
	" UPDATE entry_days SET minutes = minutes - old.minutes,"
	"  billable = billable - old.billable * old.minutes, entries = entries - 1"
	"  WHERE client_id = old.client_id AND day = old.day;"
	" DELETE FROM entry_days"
	"  WHERE client_id = old.client_id AND day = old.day AND entries <= 0;"
	" INSERT INTO entry_days(client_id, day, minutes, billable, entries)"
	"  VALUES (new.client_id, new.day, new.minutes, new.billable * new.minutes, 1)"
	"  ON CONFLICT (client_id, day) DO UPDATE SET minutes = minutes + excluded.minutes,"
	"  billable = billable + excluded.billable, entries = entries + 1;"
	" END;",

	/* Titles beside ids: the lists that name an item's mandate or risk
	 * read them from the index alone. */
	"CREATE INDEX mandates_id_title ON mandates(id, title);"
	"CREATE INDEX risks_id_title ON risks(id, title);",

	/* Open risks by score for the panels, and the heat map's counts. */
	"CREATE INDEX risks_open_client_score ON risks(client_id, likelihood * impact DESC,"
	" review_date IS NULL, review_date, title) WHERE status IN ('open', 'mitigating');"
	"CREATE INDEX risks_open_client_cell ON risks(client_id, likelihood, impact, status)"
	" WHERE status IN ('open', 'mitigating');",
	NULL,
};
/* clang-format on */

/*
 * Version 3: each client's open risks counted per heat-map cell, kept by
 * triggers, so the overview's open-risk count and top score and the
 * dashboard's heat map read at most 25 rows a client, however many risks
 * are open.  The cell index they replace goes.
 */
#define RISK_OPEN(r) r ".status IN ('open', 'mitigating')"
static const char *const SCHEMA_V3[] = {
	"CREATE TABLE risk_cells ("
	" client_id TEXT NOT NULL REFERENCES clients(id) ON DELETE CASCADE,"
	" likelihood INTEGER NOT NULL,"
	" impact INTEGER NOT NULL,"
	" open INTEGER NOT NULL,"
	" PRIMARY KEY (client_id, likelihood, impact)"
	") WITHOUT ROWID;"
	"INSERT INTO risk_cells(client_id, likelihood, impact, open)"
	" SELECT client_id, likelihood, impact, count(*) FROM risks"
	" WHERE " RISK_OPEN("risks") " GROUP BY client_id, likelihood, impact;"
	                             "DROP INDEX risks_open_client_cell;",

	"CREATE TRIGGER risk_cells_insert AFTER INSERT ON risks"
	" WHEN " RISK_OPEN(
	        "new") " BEGIN"
	               " INSERT INTO risk_cells(client_id, likelihood, impact, open)"
	               "  VALUES (new.client_id, new.likelihood, new.impact, 1)"
	               "  ON CONFLICT (client_id, likelihood, impact) DO UPDATE SET open = open + "
	               "1;"
	               " END;"
	               "CREATE TRIGGER risk_cells_delete AFTER DELETE ON risks"
	               " WHEN " RISK_OPEN(
	                       "old") " BEGIN"
	                              " UPDATE risk_cells SET open = open - 1 WHERE client_id = "
	                              "old.client_id"
	                              "  AND likelihood = old.likelihood AND impact = old.impact;"
	                              " DELETE FROM risk_cells WHERE client_id = old.client_id"
	                              "  AND likelihood = old.likelihood AND impact = old.impact "
	                              "AND open <= 0;"
	                              " END;"
	                              "CREATE TRIGGER risk_cells_update_old AFTER UPDATE OF "
	                              "client_id, likelihood, impact, status"
	                              " ON risks WHEN " RISK_OPEN(
	                                      "old") " BEGIN"
	                                             " UPDATE risk_cells SET open = open - 1 WHERE "
	                                             "client_id = old.client_id"
	                                             "  AND likelihood = old.likelihood AND impact "
	                                             "= old.impact;"
	                                             " DELETE FROM risk_cells WHERE client_id = "
	                                             "old.client_id"
	                                             "  AND likelihood = old.likelihood AND impact "
	                                             "= old.impact AND open <= 0;"
	                                             " END;"
	                                             "CREATE TRIGGER risk_cells_update_new AFTER "
	                                             "UPDATE OF client_id, likelihood, impact, "
	                                             "status"
	                                             " ON risks WHEN " RISK_OPEN(
	                                                     "new") " BEGIN"
	                                                            " INSERT INTO "
	                                                            "risk_cells(client_id, "
	                                                            "likelihood, impact, open)"
	                                                            "  VALUES (new.client_id, "
	                                                            "new.likelihood, new.impact, 1)"
	                                                            "  ON CONFLICT (client_id, "
	                                                            "likelihood, impact) DO UPDATE "
	                                                            "SET open = open + 1;"
	                                                            " END;",
	NULL,
};
#undef RISK_OPEN

/*
 * Version 4: an action's owner and the person it waits for apart.  Until
 * now the owner of a waiting action was the person waited for; that
 * person moves to waiting_for and the owner becomes me again, as it was
 * before the wait.  The open list's covering index takes the new column
 * after the id, which is unique, so the order the list reads it in is
 * the one it had.
 */
/* clang-format off */
static const char *const SCHEMA_V4[] = {
	"ALTER TABLE actions ADD COLUMN waiting_for TEXT"
	" CHECK (length(waiting_for) <= " XSTR(MAX_NAME) ");"
	"UPDATE actions SET waiting_for = owner, owner = NULL WHERE status = 'waiting';",

	"DROP INDEX actions_open_client_list;"
	"CREATE INDEX actions_open_client_list ON actions(client_id, due IS NULL, due, created,"
	" title, owner, status, waiting_since, mandate_id, risk_id, done_on, id, waiting_for)"
	" WHERE status IN ('todo', 'waiting');",
	NULL,
};
/* clang-format on */

/*
 * Version 5: what the documents need.  A client's billing terms (rounding
 * for statements, a retainer's rollover, an overage rate); months locked
 * once invoiced, whose entries triggers keep as they are; the days last
 * worked on each client; the changes made to mandates, risks, actions
 * and notes (kept by triggers, dated by the local day) for the briefing;
 * notes marked shareable; and indexes that read a period's closed
 * actions and opened or closed risks without the rest of the history.
 * Only tables, indexes and triggers are added: a version 4 file still
 * answers every older query.
 */
#define MONTH_GLOB "'[0-9][0-9][0-9][0-9]-[01][0-9]'"
#define TODAY "date('now', 'localtime')"
/* Marks the client worked on today (the previous distinct day kept). */
#define SEEN(client)                                                                               \
	" INSERT INTO client_seen(client_id, last_day) SELECT " client ", " TODAY                  \
	"  WHERE EXISTS (SELECT 1 FROM clients WHERE id = " client ")"                             \
	"  ON CONFLICT (client_id) DO UPDATE SET previous_day = CASE"                              \
	"  WHEN excluded.last_day > last_day THEN last_day ELSE previous_day END,"                 \
	"  last_day = max(last_day, excluded.last_day);"
#define CHANGE(row, kind, change, at, title)                                                       \
	" INSERT INTO item_changes(client_id, at, kind, item_id, change, title)"                   \
	"  VALUES (" row ".client_id, " at ", '" kind "', " row ".id, " change ", " title ");"
#define LOCKED(row)                                                                                \
	"EXISTS (SELECT 1 FROM month_locks WHERE client_id = " row ".client_id"                    \
	" AND month = substr(" row ".day, 1, 7))"
#define NOTE_TITLE(row) "substr(replace(" row ".body, char(10), ' '), 1, 80)"
/* clang-format off */
static const char *const SCHEMA_V5[] = {
	"CREATE TABLE client_terms ("
	" client_id TEXT NOT NULL PRIMARY KEY REFERENCES clients(id) ON DELETE CASCADE,"
	" legal_name TEXT CHECK (length(legal_name) <= " XSTR(MAX_NAME) "),"
	" round_minutes INTEGER NOT NULL DEFAULT 0"
	"  CHECK (" INT_CHECK("round_minutes") " AND round_minutes BETWEEN 0 AND 240),"
	" round_mode TEXT NOT NULL DEFAULT 'up' CHECK (round_mode IN ('up', 'down', 'nearest')),"
	" round_scope TEXT NOT NULL DEFAULT 'entry' CHECK (round_scope IN ('entry', 'day')),"
	" rollover_cap_minutes INTEGER NOT NULL DEFAULT 0"
	"  CHECK (" INT_CHECK("rollover_cap_minutes") " AND rollover_cap_minutes >= 0),"
	" overage_rate_cents INTEGER NOT NULL DEFAULT 0"
	"  CHECK (" INT_CHECK("overage_rate_cents") " AND overage_rate_cents >= 0)"
	") WITHOUT ROWID;",

	"CREATE TABLE month_locks ("
	" client_id TEXT NOT NULL REFERENCES clients(id) ON DELETE CASCADE,"
	" month TEXT NOT NULL CHECK (month GLOB " MONTH_GLOB "),"
	" invoice TEXT CHECK (length(invoice) <= " XSTR(MAX_NAME) "),"
	" locked TEXT NOT NULL CHECK (locked GLOB " STAMP_GLOB "),"
	" PRIMARY KEY (client_id, month)"
	") WITHOUT ROWID;"
	"CREATE TRIGGER month_locks_insert BEFORE INSERT ON time_entries WHEN " LOCKED("new")
	" BEGIN SELECT RAISE(ABORT, 'the month is locked'); END;"
	"CREATE TRIGGER month_locks_update BEFORE UPDATE ON time_entries"
	" WHEN " LOCKED("old") " OR " LOCKED("new")
	" BEGIN SELECT RAISE(ABORT, 'the month is locked'); END;"
	"CREATE TRIGGER month_locks_delete BEFORE DELETE ON time_entries WHEN " LOCKED("old")
	" BEGIN SELECT RAISE(ABORT, 'the month is locked'); END;",

	"CREATE TABLE client_seen ("
	" client_id TEXT NOT NULL PRIMARY KEY REFERENCES clients(id) ON DELETE CASCADE,"
	" last_day TEXT NOT NULL CHECK (last_day GLOB " DAY_GLOB "),"
	" previous_day TEXT CHECK (previous_day GLOB " DAY_GLOB ")"
	") WITHOUT ROWID;"
	"CREATE TRIGGER client_seen_entry_insert AFTER INSERT ON time_entries BEGIN"
	SEEN("new.client_id") " END;"
	"CREATE TRIGGER client_seen_entry_update AFTER UPDATE ON time_entries BEGIN"
	SEEN("new.client_id") " END;"
	"CREATE TRIGGER client_seen_entry_delete AFTER DELETE ON time_entries BEGIN"
	SEEN("old.client_id") " END;"
	"CREATE TRIGGER client_seen_timer AFTER INSERT ON timer BEGIN"
	SEEN("new.client_id") " END;",

	/* No foreign key: a deleted item's change outlives it. */
	"CREATE TABLE item_changes ("
	" client_id TEXT NOT NULL,"
	" at TEXT NOT NULL CHECK (at GLOB " DAY_GLOB "),"
	" kind TEXT NOT NULL CHECK (kind IN ('mandate', 'risk', 'action', 'note')),"
	" item_id TEXT NOT NULL,"
	" change TEXT NOT NULL CHECK (change IN"
	"  ('added', 'edited', 'closed', 'accepted', 'reopened', 'deleted')),"
	" title TEXT"
	");"
	"CREATE INDEX item_changes_client_at ON item_changes(client_id, at);"
	/* Every change to a client's mandates, risks, actions and notes is
	 * a day worked on it: one trigger here, not one in each of theirs. */
	"CREATE TRIGGER client_seen_change AFTER INSERT ON item_changes BEGIN"
	SEEN("new.client_id") " END;"
	"CREATE TRIGGER item_changes_client_delete AFTER DELETE ON clients BEGIN"
	" DELETE FROM item_changes WHERE client_id = old.id; END;",

	"CREATE TRIGGER mandate_added AFTER INSERT ON mandates BEGIN"
	CHANGE("new", "mandate", "'added'", "date(new.created, 'localtime')", "new.title")
	" END;"
	"CREATE TRIGGER mandate_changed AFTER UPDATE ON mandates"
	" WHEN old.title IS NOT new.title OR old.area IS NOT new.area"
	" OR old.status IS NOT new.status OR old.due IS NOT new.due"
	" OR old.measure IS NOT new.measure OR old.client_id IS NOT new.client_id BEGIN"
	CHANGE("new", "mandate",
	       "CASE WHEN old.status = 'active' AND new.status <> 'active' THEN 'closed'"
	       " WHEN old.status <> 'active' AND new.status = 'active' THEN 'reopened'"
	       " ELSE 'edited' END", TODAY, "new.title")
	" END;"
	"CREATE TRIGGER mandate_deleted AFTER DELETE ON mandates BEGIN"
	CHANGE("old", "mandate", "'deleted'", TODAY, "old.title")
	" END;",

	"CREATE TRIGGER risk_added AFTER INSERT ON risks BEGIN"
	CHANGE("new", "risk", "'added'", "new.opened", "new.title")
	" END;"
	"CREATE TRIGGER risk_changed AFTER UPDATE ON risks"
	" WHEN old.title IS NOT new.title OR old.category IS NOT new.category"
	" OR old.likelihood IS NOT new.likelihood OR old.impact IS NOT new.impact"
	" OR old.residual_likelihood IS NOT new.residual_likelihood"
	" OR old.residual_impact IS NOT new.residual_impact"
	" OR old.treatment IS NOT new.treatment OR old.status IS NOT new.status"
	" OR old.owner IS NOT new.owner OR old.mitigation IS NOT new.mitigation"
	" OR old.framework IS NOT new.framework OR old.review_date IS NOT new.review_date"
	" OR old.accepted_until IS NOT new.accepted_until OR old.client_id IS NOT new.client_id"
	" BEGIN"
	CHANGE("new", "risk",
	       "CASE WHEN new.status = 'closed' AND old.status <> 'closed' THEN 'closed'"
	       " WHEN new.status = 'accepted' AND old.status <> 'accepted' THEN 'accepted'"
	       " WHEN old.status IN ('closed', 'accepted') AND new.status IN ('open', 'mitigating')"
	       " THEN 'reopened' ELSE 'edited' END", TODAY, "new.title")
	" END;"
	"CREATE TRIGGER risk_deleted AFTER DELETE ON risks BEGIN"
	CHANGE("old", "risk", "'deleted'", TODAY, "old.title")
	" END;",

	"CREATE TRIGGER action_added AFTER INSERT ON actions BEGIN"
	CHANGE("new", "action", "'added'", "new.created", "new.title")
	" END;"
	"CREATE TRIGGER action_changed AFTER UPDATE ON actions"
	" WHEN old.title IS NOT new.title OR old.owner IS NOT new.owner"
	" OR old.waiting_for IS NOT new.waiting_for OR old.due IS NOT new.due"
	" OR old.status IS NOT new.status OR old.mandate_id IS NOT new.mandate_id"
	" OR old.risk_id IS NOT new.risk_id OR old.client_id IS NOT new.client_id BEGIN"
	CHANGE("new", "action",
	       "CASE WHEN new.status IN ('done', 'dropped') AND old.status IN ('todo', 'waiting')"
	       " THEN 'closed' WHEN old.status IN ('done', 'dropped')"
	       " AND new.status IN ('todo', 'waiting') THEN 'reopened' ELSE 'edited' END",
	       TODAY, "new.title")
	" END;"
	"CREATE TRIGGER action_deleted AFTER DELETE ON actions BEGIN"
	CHANGE("old", "action", "'deleted'", TODAY, "old.title")
	" END;",

	"CREATE TRIGGER note_added AFTER INSERT ON notes BEGIN"
	CHANGE("new", "note", "'added'", "date(new.created, 'localtime')", NOTE_TITLE("new"))
	" END;"
	"CREATE TRIGGER note_changed AFTER UPDATE ON notes"
	" WHEN old.body IS NOT new.body OR old.client_id IS NOT new.client_id BEGIN"
	CHANGE("new", "note", "'edited'", TODAY, NOTE_TITLE("new"))
	" END;"
	"CREATE TRIGGER note_deleted AFTER DELETE ON notes BEGIN"
	CHANGE("old", "note", "'deleted'", TODAY, NOTE_TITLE("old"))
	" END;",

	"CREATE TABLE note_shares ("
	" note_id TEXT NOT NULL PRIMARY KEY REFERENCES notes(id) ON DELETE CASCADE"
	") WITHOUT ROWID;",

	/* A period's closed actions and opened or closed risks. */
	"CREATE INDEX actions_client_done ON actions(client_id, done_on) WHERE done_on IS NOT NULL;"
	"CREATE INDEX risks_client_opened ON risks(client_id, opened);"
	"CREATE INDEX risks_client_closed ON risks(client_id, closed) WHERE closed IS NOT NULL;"
	/* The briefing: acceptances by their end, waits by their start. */
	"CREATE INDEX risks_client_accepted ON risks(client_id, accepted_until)"
	" WHERE status = 'accepted';"
	"CREATE INDEX actions_client_waiting ON actions(client_id, waiting_since)"
	" WHERE status = 'waiting';",
	NULL,
};
/* clang-format on */
#undef MONTH_GLOB
#undef TODAY
#undef SEEN
#undef CHANGE
#undef LOCKED
#undef NOTE_TITLE

/*
 * Version 6: moving in and out.  Where an imported time entry came from
 * (the service and its row's identity, so a second import of the same
 * file adds nothing; the start and end times the export had), and when
 * each client was last exported whole (offboarding asks for it).
 */
#define CLOCK_GLOB(col)                                                                            \
	"(" col " GLOB '[0-2][0-9]:[0-5][0-9]' OR " col " GLOB "                                   \
	"'[0-2][0-9]:[0-5][0-9]:[0-5][0-9]')"
/* clang-format off */
static const char *const SCHEMA_V6[] = {
	"CREATE TABLE entry_sources ("
	" entry_id TEXT NOT NULL PRIMARY KEY REFERENCES time_entries(id) ON DELETE CASCADE,"
	" service TEXT NOT NULL CHECK (service IN ('harvest', 'toggl')),"
	" source_key TEXT NOT NULL CHECK (length(source_key) BETWEEN 1 AND 200),"
	" start_time TEXT CHECK " CLOCK_GLOB("start_time") ","
	" end_time TEXT CHECK " CLOCK_GLOB("end_time") ","
	" UNIQUE (service, source_key)"
	") WITHOUT ROWID;",

	"CREATE TABLE client_exports ("
	" client_id TEXT NOT NULL PRIMARY KEY REFERENCES clients(id) ON DELETE CASCADE,"
	" exported TEXT NOT NULL CHECK (exported GLOB " STAMP_GLOB "),"
	" path TEXT CHECK (length(path) BETWEEN 1 AND 4096)"
	") WITHOUT ROWID;",
	NULL,
};
/* clang-format on */
#undef CLOCK_GLOB

/*
 * Version 7: undo, history and sync.  The journal keeps each write's
 * changeset (SQLite's session extension), the command that made it and a
 * line saying what it did; undo applies its inverse, sync writes it to a
 * shared folder.  A change that came from another device is kept with
 * that device's name, sequence and clock.  The sync state (this device's
 * name, the folder, what was written and what was applied of each other
 * device) and the conflicts met are this file's own.  While a change from
 * another device is applied, sync_applying holds a row, and a locked
 * month lets it in: the lock's device will receive the same entry, and
 * both must end alike (the conflict is listed).
 */
#define LOCKED(row)                                                                                \
	"EXISTS (SELECT 1 FROM month_locks WHERE client_id = " row ".client_id"                    \
	" AND month = substr(" row ".day, 1, 7))"                                                  \
	" AND NOT EXISTS (SELECT 1 FROM sync_applying)"
/* clang-format off */
static const char *const SCHEMA_V7[] = {
	"CREATE TABLE journal ("
	" seq INTEGER PRIMARY KEY,"
	" at TEXT NOT NULL CHECK (at GLOB " STAMP_GLOB "),"
	" hlc INTEGER NOT NULL CHECK (" INT_CHECK("hlc") " AND hlc >= 0),"
	" kind TEXT NOT NULL CHECK (kind IN ('change', 'undo', 'redo', 'sync')),"
	" target INTEGER,"
	" undone INTEGER NOT NULL DEFAULT 0 CHECK (undone IN (0, 1)),"
	" device TEXT CHECK (length(device) BETWEEN 1 AND 64),"
	" device_seq INTEGER,"
	" out_seq INTEGER UNIQUE,"
	" client_id TEXT,"
	" command TEXT CHECK (length(command) <= 400),"
	" summary TEXT NOT NULL CHECK (length(summary) <= 400),"
	" changeset BLOB NOT NULL"
	");"
	"CREATE INDEX journal_at ON journal(at);"
	"CREATE INDEX journal_hlc ON journal(hlc);"
	"CREATE INDEX journal_client ON journal(client_id, seq) WHERE client_id IS NOT NULL;"
	"CREATE INDEX journal_unsent ON journal(seq) WHERE device IS NULL AND out_seq IS NULL;",

	"CREATE TABLE sync_state ("
	" slot INTEGER NOT NULL PRIMARY KEY CHECK (slot = 1),"
	" device TEXT NOT NULL CHECK (length(device) BETWEEN 1 AND 64),"
	" dir TEXT NOT NULL CHECK (length(dir) BETWEEN 1 AND 4096),"
	" out_seq INTEGER NOT NULL DEFAULT 0 CHECK (" INT_CHECK("out_seq") ")"
	");"
	"CREATE TABLE sync_peers ("
	" device TEXT NOT NULL PRIMARY KEY CHECK (length(device) BETWEEN 1 AND 64),"
	" applied_seq INTEGER NOT NULL DEFAULT 0 CHECK (" INT_CHECK("applied_seq") "),"
	" hlc INTEGER NOT NULL DEFAULT 0"
	") WITHOUT ROWID;"
	"CREATE TABLE sync_conflicts ("
	" id INTEGER PRIMARY KEY,"
	" at TEXT NOT NULL CHECK (at GLOB " STAMP_GLOB "),"
	" device TEXT NOT NULL,"
	" kind TEXT NOT NULL CHECK (kind IN ('field', 'delete', 'edit', 'unique', 'orphan',"
	"  'lock')),"
	" tbl TEXT NOT NULL,"
	" row_id TEXT NOT NULL,"
	" client_id TEXT,"
	" field TEXT,"
	" ours TEXT,"
	" theirs TEXT,"
	" kept TEXT NOT NULL CHECK (kept IN ('ours', 'theirs')),"
	" our_hlc INTEGER,"
	" their_hlc INTEGER NOT NULL"
	");"
	"CREATE INDEX sync_conflicts_at ON sync_conflicts(at);"
	"CREATE TABLE sync_applying (slot INTEGER NOT NULL PRIMARY KEY CHECK (slot = 1));",

	"DROP TRIGGER month_locks_insert; DROP TRIGGER month_locks_update;"
	"DROP TRIGGER month_locks_delete;"
	"CREATE TRIGGER month_locks_insert BEFORE INSERT ON time_entries WHEN " LOCKED("new")
	" BEGIN SELECT RAISE(ABORT, 'the month is locked'); END;"
	"CREATE TRIGGER month_locks_update BEFORE UPDATE ON time_entries"
	" WHEN (" LOCKED("old") ") OR (" LOCKED("new") ")"
	" BEGIN SELECT RAISE(ABORT, 'the month is locked'); END;"
	"CREATE TRIGGER month_locks_delete BEFORE DELETE ON time_entries WHEN " LOCKED("old")
	" BEGIN SELECT RAISE(ABORT, 'the month is locked'); END;",
	NULL,
};
/* clang-format on */
#undef LOCKED

/* migrations[i] takes user_version i to i + 1: its scripts, in order. */
static const char *const *const migrations[STORE_SCHEMA_VERSION] = {
	SCHEMA_V1, SCHEMA_V2, SCHEMA_V3, SCHEMA_V4, SCHEMA_V5, SCHEMA_V6, SCHEMA_V7, SCHEMA_V8,
};

int store_schema_build(sqlite3 *db, int version)
{
	int rc = SQLITE_OK;
	for (int v = 0; rc == SQLITE_OK && v < version && v < STORE_SCHEMA_VERSION; v++)
		for (size_t i = 0; rc == SQLITE_OK && migrations[v][i]; i++)
			rc = sqlite3_exec(db, migrations[v][i], NULL, NULL, NULL);
	return rc;
}

struct header {
	long application_id;
	long user_version;
	long objects; /* rows in sqlite_master */
};

static int read_long(struct store *st, const char *sql, long *out)
{
	sqlite3_stmt *s = NULL;
	int rc = sqlite3_prepare_v2(st->db, sql, -1, &s, NULL);
	if (rc == SQLITE_OK && (rc = sqlite3_step(s)) == SQLITE_ROW)
		*out = (long)sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	return rc == SQLITE_ROW ? SQLITE_OK : rc;
}

static int not_cxo(struct store *st)
{
	return store_fail(st, EX_DATAERR, "\"%s\" is not a cxo database", st->path);
}

/* Reads the header fields; reading is all it does. */
static int read_header(struct store *st, struct header *h)
{
	int rc = read_long(st, "PRAGMA application_id", &h->application_id);
	if (rc == SQLITE_OK)
		rc = read_long(st, "PRAGMA user_version", &h->user_version);
	if (rc == SQLITE_OK)
		rc = read_long(st, "SELECT count(*) FROM sqlite_master", &h->objects);
	if (rc == SQLITE_OK)
		return 0;
	if ((rc & 0xff) == SQLITE_NOTADB)
		return not_cxo(st);
	return store_sql_fail(st, rc, "reading the database");
}

/* 0 when the header is one this cxo can use (after migrating). */
static int judge(struct store *st, const struct header *h, bool *empty)
{
	*empty = h->user_version == 0 && h->objects == 0 &&
	         (h->application_id == 0 || h->application_id == STORE_APPLICATION_ID);
	if (!*empty && h->application_id != STORE_APPLICATION_ID)
		return not_cxo(st);
	if (h->user_version > STORE_SCHEMA_VERSION)
		return store_fail(st, EX_DATAERR,
		                  "\"%s\" was made by a newer cxo (schema %ld, this cxo knows %d)",
		                  st->path, h->user_version, STORE_SCHEMA_VERSION);
	if (h->user_version < 0)
		return not_cxo(st);
	return 0;
}

static void rollback_if_open(struct store *st)
{
	if (!sqlite3_get_autocommit(st->db))
		sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
}

/* A migration that the file's tables refuse: its user_version does not
 * say what it holds. */
static int schema_mismatch(struct store *st, int version, int rc)
{
	return store_fail(st, EX_DATAERR,
	                  "\"%s\" says it has schema %d, but its tables do not match that "
	                  "version (upgrading to %d: %s); this cxo expects schema %d: restore "
	                  "a backup",
	                  st->path, version, version + 1,
	                  st->db ? sqlite3_errmsg(st->db) : sqlite3_errstr(rc),
	                  STORE_SCHEMA_VERSION);
}

/* Runs migration `version` (to version + 1) unless another cxo did it. */
static int migrate_step(struct store *st, int version)
{
	int rc = sqlite3_exec(st->db, "BEGIN IMMEDIATE", NULL, NULL, NULL);
	if (rc != SQLITE_OK)
		return store_sql_fail(st, rc, "upgrading the database");
	/* Look again under the write lock: two cxo may start at once. */
	struct header h;
	bool empty;
	int code = read_header(st, &h);
	if (!code)
		code = judge(st, &h, &empty);
	if (code) {
		rollback_if_open(st);
		return code;
	}
	if (h.user_version > version) {
		rollback_if_open(st);
		return 0;
	}
	char stamp[96];
	snprintf(stamp, sizeof stamp, "PRAGMA application_id = %d; PRAGMA user_version = %d;",
	         STORE_APPLICATION_ID, version + 1);
	char what[64];
	snprintf(what, sizeof what, "upgrading the database to schema %d", version + 1);
	rc = SQLITE_OK;
	for (size_t i = 0; rc == SQLITE_OK && migrations[version][i]; i++)
		rc = sqlite3_exec(st->db, migrations[version][i], NULL, NULL, NULL);
	if (rc == SQLITE_OK)
		rc = sqlite3_exec(st->db, stamp, NULL, NULL, NULL);
	if (rc == SQLITE_OK)
		rc = sqlite3_exec(st->db, "COMMIT", NULL, NULL, NULL);
	if (rc != SQLITE_OK) {
		code = (rc & 0xff) == SQLITE_ERROR ? schema_mismatch(st, version, rc)
		                                   : store_sql_fail(st, rc, what);
		rollback_if_open(st);
		return code;
	}
	return 0;
}

int store_schema_prepare(struct store *st, bool *was_empty)
{
	struct header h;
	int rc = read_header(st, &h);
	if (!rc)
		rc = judge(st, &h, was_empty);
	if (rc)
		return rc;
	/* Before anything runs on it: a file of anyone else's schema is
	 * refused whatever its version. */
	if (!*was_empty && (rc = store_schema_verify(st, (int)h.user_version)) != 0)
		return rc;
	if (st->mode == STORE_READ) {
		if (*was_empty)
			return store_fail(
			        st, EX_NOINPUT,
			        "the database \"%s\" is empty: run 'cxo init' to set it up",
			        st->path);
		if (h.user_version < STORE_SCHEMA_READABLE)
			return store_fail(st, EX_DATAERR,
			                  "\"%s\" has schema %ld, this cxo uses %d: "
			                  "run any write command to upgrade",
			                  st->path, h.user_version, STORE_SCHEMA_VERSION);
		st->schema = (int)h.user_version;
		return 0;
	}
	if (*was_empty && !st->may_init)
		return store_fail(st, EX_NOINPUT,
		                  "\"%s\" is an empty database that cxo did not create: run "
		                  "'cxo init' to set it up",
		                  st->path);
	/* Only now, with the file known to be ours (or empty), change it. */
	/* The -wal persists (see store_set_wal): keep it short, and empty
	 * once the last writer closes. */
	if ((rc = store_set_wal(st)) != 0 ||
	    (rc = store_pragma(st, "PRAGMA synchronous=FULL")) != 0 ||
	    (rc = store_pragma(st, "PRAGMA journal_size_limit=4194304")) != 0)
		return rc;
	for (int v = (int)h.user_version; v < STORE_SCHEMA_VERSION; v++)
		if ((rc = migrate_step(st, v)) != 0)
			return rc;
	st->schema = STORE_SCHEMA_VERSION;
	return 0;
}

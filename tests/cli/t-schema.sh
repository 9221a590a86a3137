# t-schema.sh: a database whose schema cxo did not make is refused, by
# every command and before anything runs on it; doctor lists what differs.
. "$(dirname "$0")/lib.sh"

run cxo -d "$PWD/base.db" init
expect_ok "setup: init"
run cxo -d "$PWD/base.db" client add acme --name Acme --role cio --budget 20h
expect_ok "setup: a client"
run cxo -d "$PWD/base.db" note add "Board meets on Friday."
expect_ok "setup: a note"
sqlite3 base.db 'PRAGMA wal_checkpoint(TRUNCATE);' >/dev/null

run cxo -d "$PWD/base.db" doctor
expect_ok "doctor on a database cxo made"
expect_out "doctor checks the schema's objects" "ok   schema objects"

# hostile NAME SQL: NAME.db, a copy of base.db with SQL run on it.
hostile() {
	cp base.db "$1.db"
	sqlite3 "$1.db" "$2"
}

# A guard against a command that never returns (a sanitizer build on a
# loaded machine takes seconds per command): not a timing.
guard=60

# refused NAME WHAT: every kind of command refuses NAME.db naming WHAT,
# writes nothing, and status still answers with its placeholder.
refused() {
	local db=$PWD/$1.db what=$2 sum
	sum=$(file_sum "$db")
	run timeout "$guard" "$CXO" -d "$db" log 30m "a write"
	expect_rc 65 "$1: log refused"
	expect_err "$1: log names the object" "$what in \"$db\""
	expect_err "$1: and says why" "this is not a database cxo made; cxo doctor explains"
	run timeout "$guard" "$CXO" -d "$db" note list
	expect_rc 65 "$1: note list refused"
	expect_err "$1: note list names the object" "$what"
	run timeout "$guard" "$CXO" -d "$db" overview
	expect_rc 65 "$1: overview refused"
	run timeout "$guard" "$CXO" -d "$db" status
	expect_ok "$1: status answers"
	expect_out "$1: with its placeholder" "cxo: -"
	expect_eq "$1: nothing written" "$(file_sum "$db")" "$sum"
	run timeout "$guard" "$CXO" -d "$db" doctor
	expect_rc 65 "$1: doctor fails"
	expect_out "$1: doctor lists the difference" "FAIL schema: $what: cxo did not make it"
	expect_out "$1: doctor says what to do" "is not a database cxo made"
	expect_eq "$1: doctor wrote nothing" "$(file_sum "$db")" "$sum"
}

# A trigger that deletes every note on each log.
hostile wipe 'CREATE TRIGGER wipe_notes AFTER INSERT ON time_entries BEGIN DELETE FROM notes; END;'
refused wipe 'unexpected trigger "wipe_notes"'
expect_eq "wipe: the note is still there" "$(sqlite3 -readonly wipe.db 'SELECT count(*) FROM notes')" 1

# A trigger that writes 900 MB for one log.
hostile fat 'CREATE TRIGGER fat AFTER INSERT ON time_entries BEGIN
	INSERT INTO settings(key, value) VALUES (new.id, zeroblob(900000000)); END;'
refused fat 'unexpected trigger "fat"'
check "fat: the file stayed small" test "$(stat -c %s fat.db)" -lt 10000000

# settings replaced by a view that never ends.
hostile endless 'DROP TABLE settings; CREATE VIEW settings(key, value) AS
	WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n) SELECT NULL, i FROM n;'
refused endless 'missing table "settings"'
expect_out "endless: doctor lists the view too" 'FAIL schema: unexpected view "settings"'
expect_out "endless: and the count" "(2 differences)"

# A CHECK removed behind SQLite's back.
hostile unchecked "PRAGMA writable_schema = ON;
	UPDATE sqlite_schema SET sql = replace(sql, ' AND budget_minutes >= 0', '')
	WHERE name = 'clients';"
check "unchecked: the CHECK is gone" grep -q . <(sqlite3 -readonly unchecked.db \
	"SELECT 1 FROM sqlite_schema WHERE name = 'clients' AND sql NOT LIKE '%budget_minutes >= 0%'")
refused unchecked 'altered table "clients"'

# An index of its own: not code, but not cxo's either.
hostile extra_index 'CREATE INDEX mine ON notes(body);'
refused extra_index 'unexpected index "mine"'

# An older schema is compared with its own version's, before the
# migration runs anything on it: schema 3 (no waiting_for yet) with a
# trigger that would fire on the migration's UPDATE of actions.  (The
# index's SQL is on one line: SQLite keeps the text as it is given.)
hostile old3 "$schema_5_undo DROP INDEX actions_open_client_list;
	ALTER TABLE actions DROP COLUMN waiting_for;
	CREATE INDEX actions_open_client_list ON actions(client_id, due IS NULL, due, created, title, owner, status, waiting_since, mandate_id, risk_id, done_on, id) WHERE status IN ('todo', 'waiting');
	PRAGMA user_version = 3;"
cp old3.db old3-clean.db
run cxo -d "$PWD/old3-clean.db" note list
expect_ok "a schema 3 file cxo made is read as it is"
run cxo -d "$PWD/old3-clean.db" log 15m "upgrade"
expect_ok "and upgraded by a write"
expect_eq "to the current schema" "$(sqlite3 -readonly old3-clean.db 'PRAGMA user_version')" \
	"$(sqlite3 -readonly base.db 'PRAGMA user_version')"
sqlite3 old3.db 'CREATE TRIGGER wipe_on_upgrade AFTER UPDATE ON actions BEGIN DELETE FROM notes; END;'
refused old3 'unexpected trigger "wipe_on_upgrade"'
expect_eq "old3: not upgraded" "$(sqlite3 -readonly old3.db 'PRAGMA user_version')" 3

finish

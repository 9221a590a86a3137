# t-files.sh: where the database lives, its permissions, read commands
# that never write, sample data, colour.
. "$(dirname "$0")/lib.sh"

default_db=$XDG_DATA_HOME/cxo/cxo.db

# ---- status before anything exists ----
run cxo status
expect_ok "status with no database exits 0"
expect_eq "status with no database prints one line" "$(line_count "$OUT")" "1"
expect_err_empty "status with no database is quiet on stderr"
check "status creates no database" test ! -e "$default_db"
check "status creates no data directory" test ! -e "$XDG_DATA_HOME/cxo"
run cxo client list
expect_rc 66 "client list with no database: missing input"
expect_err "client list with no database: says how to start" "init"
check "client list creates no database" test ! -e "$XDG_DATA_HOME/cxo"

# ---- creation at the XDG default ----
run cxo client add acme --name "Acme" --role cio --budget 10
expect_ok "first write creates the database"
check "database at \$XDG_DATA_HOME/cxo/cxo.db" test -f "$default_db"
expect_eq "database file is 0600" "$(file_mode "$default_db")" "600"
expect_eq "data directory is 0700" "$(file_mode "$XDG_DATA_HOME/cxo")" "700"
expect_err "creation notice on stderr" "$default_db"
expect_eq "creation notice is one line" "$(line_count "$ERR")" "1"
expect_out_not "creation notice is not on stdout" "created"
for f in "$default_db-wal" "$default_db-shm"; do
	if [ -e "$f" ]; then
		expect_eq "$(basename "$f") is 0600" "$(file_mode "$f")" "600"
	fi
done
# The file's own settings (direct SQL: schema checks no command prints).
expect_eq "the database is in WAL mode" "$(sqlite3 -readonly "$default_db" 'PRAGMA journal_mode')" "wal"
expect_ne "the database has a schema version" "$(sqlite3 -readonly "$default_db" 'PRAGMA user_version')" "0"
expect_ne "the database has an application id" "$(sqlite3 -readonly "$default_db" 'PRAGMA application_id')" "0"
run cxo client add beta --name "Beta"
expect_ok "second write"
expect_err_empty "no creation notice the second time"
run cxo use acme
expect_ok "use acme"

# A permissive umask does not loosen the modes.
run bash -c 'umask 022; exec "$0" -d "$1" client add x --name X' "$CXO" "$PWD/umask/cxo.db"
expect_ok "create under umask 022"
expect_eq "database under umask 022 is 0600" "$(file_mode "$PWD/umask/cxo.db")" "600"
expect_eq "directory under umask 022 is 0700" "$(file_mode "$PWD/umask")" "700"

# ---- CXO_DB, -d, the config file ----
run env CXO_DB="$PWD/env.db" "$CXO" client add envc --name "Env"
expect_ok "CXO_DB write"
check "CXO_DB names the database" test -f "$PWD/env.db"
run cxo client list --format json
expect_eq "CXO_DB left the default database alone" "$(json 'sorted(c["key"] for c in d)')" '["acme", "beta"]'
run env CXO_DB="$PWD/env.db" "$CXO" -d "$PWD/flag.db" client add flagc --name "Flag"
expect_ok "-d write with CXO_DB set"
check "-d beats CXO_DB" test -f "$PWD/flag.db"
run env CXO_DB="$PWD/env.db" "$CXO" client list --format json
expect_eq "-d did not write to CXO_DB's database" "$(json '[c["key"] for c in d]')" '["envc"]'
run cxo --db "$PWD/flag.db" client list --format json
expect_eq "--db reads the same database" "$(json '[c["key"] for c in d]')" '["flagc"]'
mkdir -p "$XDG_CONFIG_HOME/cxo"
printf 'database = "%s";\n' "$PWD/conf.db" >"$XDG_CONFIG_HOME/cxo/config"
run cxo client add confc --name "Conf"
expect_ok "write with a database set in the config"
check "the config's database is used" test -f "$PWD/conf.db"
run env CXO_DB="$PWD/env.db" "$CXO" client list --format json
expect_eq "CXO_DB beats the config" "$(json '[c["key"] for c in d]')" '["envc"]'
rm -f "$XDG_CONFIG_HOME/cxo/config"

# A symlinked data directory (users symlink ~/.local/share) works.
mkdir -p "$PWD/real-data"
ln -s "$PWD/real-data" "$PWD/link-data"
run env XDG_DATA_HOME="$PWD/link-data" "$CXO" client add linked --name "Linked"
expect_ok "a symlinked XDG_DATA_HOME works"
check "the database landed in the real directory" test -f "$PWD/real-data/cxo/cxo.db"

# Cannot create: 73.
printf 'x\n' >"$PWD/plain"
run cxo -d "$PWD/plain/sub/cxo.db" client add x --name X
expect_rc 73 "database under a regular file: cannot create"

# A relative XDG_DATA_HOME is ignored (falls back to ~/.local/share).
run env XDG_DATA_HOME=relative "$CXO" client add rel --name "Rel"
expect_ok "write with a relative XDG_DATA_HOME"
check "a relative XDG_DATA_HOME is ignored" test -f "$HOME/.local/share/cxo/cxo.db"
check "nothing created under the relative path" test ! -e "$PWD/relative"

# ---- read commands never write ----
run cxo action add "Something due" --due 2026-12-01
run cxo log 1h "work"
run cxo risk add "A risk" --likelihood 3 --impact 3
run cxo note add "a note"
# Keep a connection open so the -wal file stays and can be watched (a
# second SQLite connection, not cxo, is the point).
coproc HOLD { python3 -c '
import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
c.execute("select count(*) from sqlite_master").fetchall()
print("ready", flush=True)
sys.stdin.read()
' "$default_db"; }
read -r ready <&"${HOLD[0]}"
expect_eq "setup: a second connection holds the database" "$ready" "ready"
run cxo note add "written while another connection is open"
expect_ok "a write while another connection is open"
check "setup: the -wal file is there to watch" test -s "$default_db-wal"
sig() { echo "db: $(file_sig "$default_db") wal: $(file_sig "$default_db-wal")"; }
before=$(sig)
dump_before=$(db_dump "$default_db")
for c in "status" "overview" "hours" "action list" "client list" "risk list" "note list" "mandate list" "hours --week" "action list --overdue"; do
	# shellcheck disable=SC2086
	before=$(sig)
	run cxo $c
	expect_ok "$c"
	expect_eq "$c writes nothing (db and -wal size and mtime)" "$(sig)" "$before"
done
expect_eq "read commands changed no data" "$(db_dump "$default_db")" "$dump_before"
hold_fd=${HOLD[1]}
exec {hold_fd}>&-
wait "$HOLD_PID" 2>/dev/null

# status: one short line, nothing on stderr.
run cxo status
expect_ok "status with data"
expect_eq "status is one line" "$(line_count "$OUT")" "1"
expect_out "status names the current client" "acme"
expect_err_empty "status is quiet on stderr"
check "status line is short" test "${#OUT}" -le 120

# ---- a database locked by someone else ----
# (a lock held outside cxo is the point, hence SQLite directly)
coproc LOCK { python3 -c '
import sqlite3, sys
c = sqlite3.connect(sys.argv[1], isolation_level=None)
c.execute("PRAGMA locking_mode=EXCLUSIVE")
c.execute("BEGIN EXCLUSIVE")
print("locked", flush=True)
sys.stdin.read()
c.execute("ROLLBACK")
' "$default_db"; }
read -r locked <&"${LOCK[0]}"
expect_eq "setup: another process locks the database" "$locked" "locked"
run cxo status
expect_ok "status on a locked database exits 0"
expect_eq "status on a locked database prints one line" "$(line_count "$OUT")" "1"
expect_err_empty "status on a locked database is quiet on stderr"
run cxo note add "while locked"
expect_rc 75 "a write on a locked database gives up with 75"
expect_err "the busy message says so" "busy"
run cxo doctor
expect_rc 75 "doctor on a locked database: 75, try again later"
expect_out "doctor says it is busy" "busy"
lock_fd=${LOCK[1]}
exec {lock_fd}>&-
wait "$LOCK_PID" 2>/dev/null
run cxo note list --format json
expect_eq "the refused write left nothing" "$(json '[n["text"] for n in d if n["text"] == "while locked"]')" "[]"

# ---- sample data ----
if [ -f "$CXO_SOURCE_DIR/sample-data/portfolio.json" ]; then
	run cxo -d "$PWD/sample.db" init --sample
	expect_ok "init --sample"
	expect_eq "init --sample: the database created, said once" \
		"$(grep -c 'created database' <<<"$OUT$ERR")" "1"
	expect_out "init --sample: says it created the database" "created database $PWD/sample.db"
	expect_out "init --sample: says what it loaded" "loaded the sample portfolio into $PWD/sample.db: 4 clients"
	expect_err_empty "init --sample: nothing on stderr"
	run cxo -d "$PWD/sample.db" client list --format json
	expect_eq "the sample has four clients" "$(json 'len(d)')" "4"
	run cxo -d "$PWD/sample.db" action list --all-clients --overdue --format json
	expect_ne "the sample has overdue actions" "$(json 'len(d)')" "0"
	run cxo -d "$PWD/sample.db" action list --all-clients --waiting --format json
	expect_ne "the sample has waiting actions" "$(json 'len(d)')" "0"
	expect_eq "each waits for a person, and is mine" \
		"$(json 'all(a["waiting_for"] and a["owner"] is None for a in d)')" "true"
	run cxo -d "$PWD/sample.db" risk list --all-clients --format json
	expect_eq "the sample's risks name frameworks" "$(json 'any(r.get("framework") for r in d)')" "true"
	run cxo -d "$PWD/sample.db" hours --all-clients --format json
	expect_ne "the sample has hours this month" "$(json 'len(d["entries"])')" "0"
	run cxo -d "$PWD/sample.db" overview
	expect_ok "overview of the sample"
	run cxo -d "$PWD/sample.db" doctor
	expect_ok "doctor on the sample"
	before=$(db_dump "$PWD/sample.db")
	run cxo -d "$PWD/sample.db" init --sample
	expect_ne "init --sample again on a database with clients: refused" "$RC" "0"
	expect_eq "init --sample refused: nothing written" "$(db_dump "$PWD/sample.db")" "$before"
else
	skip "no sample-data/portfolio.json yet"
fi

# ---- doctor notices a loose file mode ----
chmod 644 "$default_db"
run cxo doctor
expect_ne "doctor flags a 0644 database" "$RC" "0"
expect_out_re "doctor says how to fix the mode" 'chmod 600' 
chmod 600 "$default_db"
run cxo doctor
expect_ok "doctor after the fix"

# ---- colour ----
tty_run() { # runs the command on a pseudo-terminal; output in $OUT
	run python3 -c '
import os, pty, sys
pid, fd = pty.fork()
if pid == 0:
    os.execvp(sys.argv[1], sys.argv[1:])
out = b""
while True:
    try:
        b = os.read(fd, 65536)
    except OSError:
        break
    if not b:
        break
    out += b
_, st = os.waitpid(pid, 0)
sys.stdout.buffer.write(out)
sys.exit(os.waitstatus_to_exitcode(st))
' "$@"
}
has_esc() { [[ $OUT == *$'\e'* ]]; }
no_esc() { [[ $1 != *$'\e'* ]]; }

run cxo action list
check "no colour when stdout is not a terminal" no_esc "$OUT"
run cxo --color=always action list
check "--color=always colours a pipe" has_esc
run cxo --color=always action list --format tsv
check "--color=always leaves tsv plain" no_esc "$OUT"
tty_run "$CXO" action list
expect_ok "action list on a terminal"
check "colour on a terminal" has_esc
tty_run env NO_COLOR=1 "$CXO" action list
check "NO_COLOR turns colour off on a terminal" no_esc "$OUT"
tty_run env NO_COLOR= "$CXO" action list
check "an empty NO_COLOR is ignored" has_esc
tty_run env NO_COLOR=1 "$CXO" --color=always action list
check "--color=always beats NO_COLOR" has_esc
tty_run "$CXO" --color=never action list
check "--color=never on a terminal" no_esc "$OUT"
tty_run env TERM=dumb "$CXO" action list
check "no colour on a dumb terminal" no_esc "$OUT"

finish

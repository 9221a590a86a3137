# t-restore.sh: cxo restore FILE puts a backup in the database's place.
# It checks FILE first (a cxo database, a schema this cxo opens, whole),
# refuses at once while another process has the database open, keeps
# the current database as a backup and says where, and leaves the
# restored copy 0600 with no stale -wal, -shm or -journal beside it: a
# -wal left by a writer that died is checkpointed into the kept copy, not
# replayed over the restored one.  Every refusal changes nothing.  (Kills
# and failing writes in the middle of a restore: tests/faults.)
. "$(dirname "$0")/lib.sh"

db=$PWD/cxo.db
export CXO_DB=$db
bk=$XDG_DATA_HOME/cxo/backups
run cxo init --sample
expect_ok "setup: the sample portfolio"
run cxo backup "$PWD/good.db"
expect_ok "setup: a backup"
good=$(db_dump good.db)
run cxo -C acme log 1h "after the backup"
expect_ok "setup: an hour logged after the backup"
now=$(db_dump "$db")

# sides FILE: the -wal, -shm and -journal beside FILE.
sides() { ls -A "$(dirname "$1")" | grep -F "$(basename "$1")-" | tr '\n' ' '; }
# count_backups: the files in the default backup directory.
count_backups() { ls -A "$bk" 2>/dev/null | grep -c . ; }
# unchanged NAME: the database, its backups and its directory as before.
unchanged() {
	expect_eq "$1: the database is unchanged" "$(db_dump "$db")" "$now"
	expect_eq "$1: nothing kept" "$(count_backups)" "0"
	expect_eq "$1: no copy left behind" "$(ls -A | grep -c '^\.cxo-copy')" "0"
}

# ---- refusals ----
run cxo restore
expect_rc 64 "restore needs FILE"
run cxo restore ""
expect_rc 64 "an empty FILE"
run cxo restore nowhere.db
expect_rc 66 "a FILE that does not exist"
expect_err "is named" "nowhere.db"
unchanged "missing FILE"

printf 'not a database\n' >text.db
run cxo restore text.db
expect_rc 65 "a text file"
expect_err "is not a cxo database" '"text.db" is not a cxo database'
unchanged "text file"

sqlite3 foreign.db 'CREATE TABLE t(x); INSERT INTO t VALUES (1);'
run cxo restore foreign.db
expect_rc 65 "another program's database"
expect_err "is not a cxo database either" '"foreign.db" is not a cxo database'
unchanged "foreign database"

cp good.db newer.db
sqlite3 newer.db 'PRAGMA user_version = 99'
run cxo restore newer.db
expect_rc 65 "a database from a newer cxo"
expect_err "says so" "newer cxo (schema 99"
unchanged "newer schema"

# Garbled bytes inside a table's pages: only integrity_check sees them.
cp good.db garbled.db
python3 - garbled.db <<'EOF_PY'
import sqlite3, sys
con = sqlite3.connect(sys.argv[1])
page = con.execute("select rootpage from sqlite_master where name = 'notes'").fetchone()[0]
size = con.execute("pragma page_size").fetchone()[0]
con.close()
with open(sys.argv[1], "r+b") as f:
    f.seek((page - 1) * size + 8)
    f.write(b"\x07" * (size - 8))
EOF_PY
run cxo restore garbled.db
expect_rc 65 "a damaged backup"
expect_err "says it is damaged" '"garbled.db" is damaged'
expect_err "and what to do" "choose another backup"
unchanged "damaged backup"

run cxo restore "$db"
expect_rc 64 "the database itself"
unchanged "the database itself"

# Another process holds the database open (as the dashboard does).
python3 - "$db" <<'EOF_PY' &
import sqlite3, sys, os, time
con = sqlite3.connect(sys.argv[1])
con.execute("select count(*) from clients").fetchone()
open(sys.argv[1] + ".held", "w").close()
while not os.path.exists(sys.argv[1] + ".release"):
    time.sleep(0.02)
EOF_PY
holder=$!
for _ in $(seq 500); do [ -e "$db.held" ] && break; sleep 0.02; done
run cxo restore good.db
expect_rc 75 "refused while another process has the database"
expect_err "says why" "in use by another cxo (the dashboard?)"
touch "$db.release"
wait "$holder"
rm -f "$db.held" "$db.release"
unchanged "in use"

# ---- a restore ----
run cxo restore good.db
expect_ok "restore"
expect_out "says where the database before is kept" "the database before is kept in $bk/cxo-"
expect_out "says what it restored" "restored good.db into $db (schema 8)"
expect_eq "the restored database is 0600" "$(file_mode "$db")" "600"
expect_eq "no -wal, -shm or -journal beside it" "$(sides "$db")" ""
expect_eq "it is sound" "$(sqlite3 -readonly "$db" 'PRAGMA integrity_check' 2>&1)" "ok"
expect_eq "it holds the backup's data" "$(db_dump "$db")" "$good"
expect_eq "one backup kept" "$(count_backups)" "1"
kept=$(ls "$bk"/cxo-*.db)
expect_eq "the kept copy is 0600" "$(file_mode "$kept")" "600"
expect_eq "the kept copy is the database before" "$(db_dump "$kept")" "$now"
expect_eq "no copy left behind" "$(ls -A | grep -c '^\.cxo-copy')" "0"
run cxo -C acme hours --format json
expect_ok "cxo reads it"
run cxo -C acme log 30m "after the restore"
expect_ok "and writes it"
run cxo doctor
expect_ok "doctor is content"

# ---- a -wal left by a writer that died ----
# Its last transaction sits in the -wal only; a restore must not replay
# it over the restored copy (cp would: "database disk image is
# malformed"), and the kept copy must have it.
rm -f "$bk"/*
python3 - "$db" <<'EOF_PY'
import sqlite3, sys, os
con = sqlite3.connect(sys.argv[1], isolation_level=None)
con.execute("pragma wal_autocheckpoint = 0")
con.execute("begin immediate")
con.execute("update clients set name = 'Written by a process that died' where key = 'acme'")
con.execute("commit")
os._exit(0)
EOF_PY
check "a -wal with frames is left" test -s "$db-wal"
run cxo restore good.db
expect_ok "restore over a database with a live -wal"
expect_eq "no -wal, -shm or -journal beside it after" "$(sides "$db")" ""
expect_eq "the restored copy is sound" "$(sqlite3 -readonly "$db" 'PRAGMA integrity_check' 2>&1)" "ok"
expect_eq "and holds the backup's data" "$(db_dump "$db")" "$good"
kept=$(ls "$bk"/cxo-*.db)
expect_eq "the kept copy has the dead writer's change" \
	"$(sqlite3 -readonly "$kept" "select name from clients where key = 'acme'")" \
	"Written by a process that died"

# ---- a damaged database ----
rm -f "$bk"/*
cp garbled.db "$db"
run cxo doctor
expect_rc 65 "doctor on a damaged database"
expect_out "doctor suggests restore" "cxo restore BACKUP"
damaged=$(file_sum "$db")
run cxo restore good.db
expect_ok "restore over a damaged database"
expect_eq "the restored copy is sound" "$(sqlite3 -readonly "$db" 'PRAGMA integrity_check' 2>&1)" "ok"
kept=$(ls "$bk"/cxo-*.db)
expect_eq "the damaged database is kept" "$(file_sum "$kept")" "$damaged"
expect_out "says it was kept as it was" "copied as it was: it could not be read whole"

# ---- no database yet ----
rm -f "$db" "$db"-* "$bk"/*
run cxo restore good.db
expect_ok "restore where there is no database"
expect_out "says there was none" "there was no database before"
expect_eq "nothing kept" "$(count_backups)" "0"
expect_eq "the restored database is 0600" "$(file_mode "$db")" "600"
expect_eq "it holds the backup's data" "$(db_dump "$db")" "$good"
# ---- only its whole name runs it ----
run cxo rest good.db
expect_rc 64 "a prefix of restore is no command"
expect_err "it is said unknown" 'unknown command "rest"'
run cxo r list
expect_ok "r is still risk"
finish

# t-purge.sh: cxo client purge KEY, the day a client leaves: it refuses a
# client still active or not exported since its last change (unless
# --force), shows what goes and asks for the key, refuses at once while
# another process has the database open, removes every row of the client
# and nothing of the others, and rebuilds the file so that none of the
# client's text is left in the database or its -wal.  Every refusal
# changes nothing.
. "$(dirname "$0")/lib.sh"

db=$PWD/cxo.db
export CXO_DB=$db
run cxo init --sample
expect_ok "setup: the sample portfolio"
# Text only acme holds, in every kind of row.
run cxo -C acme note add "zebracorn secret plan"
expect_ok "setup: a note"
run cxo -C acme log 1h "zebracorn workshop"
expect_ok "setup: an entry"
run cxo -C acme risk add "zebracorn breach" --likelihood 3 --impact 4
expect_ok "setup: a risk"
run cxo hours lock --month last -C acme --invoice INV-7
expect_ok "setup: last month locked"
others() {
	sqlite3 "$db" "SELECT c.key, (SELECT count(*) FROM time_entries t WHERE t.client_id = c.id),
		(SELECT count(*) FROM risks r WHERE r.client_id = c.id),
		(SELECT count(*) FROM item_changes i WHERE i.client_id = c.id)
		FROM clients c WHERE c.key <> 'acme' ORDER BY c.key"
}
before_others=$(others)
now=$(db_dump "$db")
unchanged() { expect_eq "$1: the database is unchanged" "$(db_dump "$db")" "$now"; }

# ---- refusals ----
run cxo client purge
expect_rc 64 "purge needs KEY"
run cxo client purge nosuch --yes
expect_rc 66 "an unknown client"
expect_err "names it" "nosuch"
run cxo client purge acme --yes
expect_rc 65 "an active client that was never exported is refused"
expect_err "says it is active" "acme is active: end it first with 'cxo client edit acme --status ended'"
expect_err "says it was never exported" "acme has never been exported"
expect_err "says nothing went" "nothing removed (--force removes it anyway)"
unchanged "refused"
run cxo client pur acme --yes
expect_rc 64 "only its whole name runs it"
unchanged "a prefix"

run cxo client edit acme --status ended
expect_ok "setup: acme ended"
# Exported, then changed: the export is stale.
sqlite3 "$db" "INSERT INTO client_exports SELECT id, '2000-01-01T00:00:00Z', 'old.json' FROM clients WHERE key = 'acme'"
now=$(db_dump "$db")
run cxo client purge acme --yes
expect_rc 65 "a client changed since its export is refused"
expect_err "says when and where it was exported" "acme changed since its export on 2000-01-01 to old.json"
expect_err_not "an ended client is not called active" "is active"
unchanged "a stale export"

# Exported after its last change: asked for the key.
run cxo client export acme --output acme.json
expect_ok "setup: acme exported whole"
acme_rows=$(sqlite3 "$db" "SELECT (SELECT count(*) FROM time_entries), (SELECT count(*) FROM risks), (SELECT count(*) FROM notes)")
today=$(date +%F)
run cxo client show acme
expect_out "client show says when and where it was exported" "exported    $today, to acme.json"
run cxo client show acme --format json
expect_eq "... and in JSON" "$(json 'd["exported"][:10] + " " + d["export_path"]')" "$today acme.json"
run cxo client show medix --format json
expect_eq "a client never exported: null" "$(json 'd["exported"] is None')" "true"
now=$(db_dump "$db")
run cxo client purge acme
expect_rc 65 "no answer on stdin: nothing removed"
expect_err "shows what goes" "this removes client acme \"Acme Advisory Group\" and "
expect_err "shows the export" "it was last exported on $today, to acme.json."
expect_err "asks for the key" "Type the key (acme) to remove it:"
expect_err "says nothing went" "no answer: nothing removed"
unchanged "no answer"
run_stdin "acm" cxo client purge acme
expect_rc 65 "a wrong key: nothing removed"
expect_err "says so" "that is not the key: nothing removed"
unchanged "a wrong key"

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
run_stdin "acme" cxo client purge acme
expect_rc 75 "refused while another process has the database"
expect_err "says why" "in use by another cxo (the dashboard?)"
touch "$db.release"
wait "$holder"
rm -f "$db.held" "$db.release"
unchanged "the database held"

check "the client's text is in the file before" grep -a -q zebracorn "$db"

# ---- the purge ----
run_stdin "acme" cxo client purge acme
expect_ok "the key typed: purged"
expect_out "says what went" "removed client acme and 36 entries, 5 mandates, 6 risks, 7 actions, 4 notes, 6 vendors and 3 decisions (1 locked month)"
expect_out "it was the current client" "it was the current client: choose one with 'cxo use KEY'"
expect_out "says the file was rebuilt" "the database file was rebuilt: none of the removed text is left in it"
expect_out "says backups still hold it" "backups made before still hold acme"
for t in clients time_entries mandates risks actions notes month_locks client_seen item_changes client_terms client_exports entry_days risk_cells; do
	col=client_id
	[ "$t" = clients ] && col=id
	expect_eq "no $t row of acme is left" \
		"$(sqlite3 "$db" "SELECT count(*) FROM $t WHERE $col NOT IN (SELECT id FROM clients)")" "0"
done
expect_eq "acme is gone" "$(sqlite3 "$db" "SELECT count(*) FROM clients WHERE key = 'acme'")" "0"
expect_eq "the other clients keep every row" "$(others)" "$before_others"
check "no text of acme in the database file" sh -c "! grep -a -q -i -e zebracorn -e 'Acme Advisory' '$db'"
check "nor in its -wal" sh -c "[ ! -e '$db-wal' ] || ! grep -a -q -i -e zebracorn -e 'Acme Advisory' '$db-wal'"
expect_eq "the database is sound" "$(sqlite3 "$db" "PRAGMA integrity_check")" "ok"
run cxo doctor
expect_ok "doctor agrees"
run cxo client purge acme --yes
expect_rc 66 "a second purge finds no client"

# The hand-over copy brings it back whole.
run cxo import acme.json
expect_ok "the export imports into the purged database"
expect_eq "with every entry, risk and note" \
	"$(sqlite3 "$db" "SELECT (SELECT count(*) FROM time_entries), (SELECT count(*) FROM risks), (SELECT count(*) FROM notes)")" "$acme_rows"
run cxo client purge acme --yes
expect_rc 65 "the re-imported client is refused ..."
expect_err "... as never exported from this database" "acme has never been exported"

# --force: an active client never exported, with --yes.
run cxo client purge medix --yes --force
expect_ok "--force --yes purges an active client"
expect_out "says what went" "removed client medix and "
check "no text of medix in the file" sh -c "! grep -a -q 'Medix Health' '$db'"
finish

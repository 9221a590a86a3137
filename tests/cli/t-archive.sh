# t-archive.sh: the cxo archive (cxo-json(5)).  `cxo export` writes
# everything as one JSON document, the same bytes for the same content;
# `cxo import FILE.json` restores it exactly into an empty database (an
# export of the copy is byte-identical), merges it into a non-empty one
# by id without duplicates, refuses conflicts unless --prefer settles
# them, says what it would do with --dry-run, and refuses hostile files
# with the item and field named, the database untouched.  `cxo client
# export` writes one client's archive; every export is recorded.
. "$(dirname "$0")/lib.sh"

db=$PWD/a.db
export CXO_DB=$db
run cxo init --sample
expect_ok "setup: the sample portfolio"
# What the sample lacks: billing terms, a locked month, a shared note, a
# running timer, an entry with its source.
run cxo client edit acme --legal-name "Acme Advisory Group LLC" --round 15m --round-mode nearest
expect_ok "setup: billing terms"
run cxo -C acme log 1h "January work" --date 2026-01-15
expect_ok "setup: an old entry"
run cxo -C acme hours lock --month 2026-01 --invoice INV-7
expect_ok "setup: a locked month"
note=$(sqlite3 "$db" "SELECT id FROM notes ORDER BY created, id LIMIT 1")
sqlite3 "$db" "INSERT INTO note_shares(note_id) VALUES ('$note');
INSERT INTO entry_sources(entry_id, service, source_key, start_time, end_time)
 SELECT id, 'toggl', 'row-1', '09:00', '10:00:30' FROM time_entries ORDER BY id LIMIT 1;"
run cxo -C medix start "a call"
expect_ok "setup: a running timer"
# Vendors and decisions with their links, one decision superseded by a
# later one (the store's own commands are tested elsewhere).
acme=$(sqlite3 "$db" "SELECT id FROM clients WHERE key = 'acme'")
risk=$(sqlite3 "$db" "SELECT id FROM risks WHERE client_id = '$acme' ORDER BY id LIMIT 1")
mandate=$(sqlite3 "$db" "SELECT id FROM mandates WHERE client_id = '$acme' ORDER BY id LIMIT 1")
V1=11111111-1111-4111-8111-111111111111 V2=22222222-2222-4222-8222-222222222222
D1=33333333-3333-4333-8333-333333333333 D2=44444444-4444-4444-8444-444444444444
sqlite3 "$db" "PRAGMA foreign_keys = ON;
INSERT INTO vendors(id, client_id, name, category, owner, annual_cents, currency, billing,
 units, start_date, term_end, auto_renew, notice_days, status, diligence, diligence_on, data,
 notes, created) VALUES ('$V1', '$acme', 'Slack', 'saas', 'Dana', 1260000, 'USD', 'annual', 42,
 '2025-03-01', '2027-02-28', 1, 60, 'active', 'approved', '2025-02-10', 'confidential',
 'Overlaps with Teams' || char(10) || 'ask for a quote', '2025-03-01');
INSERT INTO vendors(id, client_id, name, created, status, ended)
 VALUES ('$V2', '$acme', 'HipChat', '2020-01-01', 'ended', '2021-06-30');
INSERT INTO vendor_risks(vendor_id, risk_id) VALUES ('$V1', '$risk');
INSERT INTO decisions(id, client_id, title, day, status, review, created)
 VALUES ('$D2', '$acme', 'Move to Teams', '2026-03-02', 'decided', '2026-09-01',
 '2026-03-02T09:00:00Z');
INSERT INTO decisions(id, client_id, title, day, status, decided_by, context, review,
 superseded_by, created) VALUES ('$D1', '$acme', 'Keep Slack', '2026-01-10', 'superseded',
 'Jordan', '## Context' || char(10) || 'Two chat tools.', NULL, '$D2', '2026-01-10T09:00:00Z');
INSERT INTO decision_vendors(decision_id, vendor_id) VALUES ('$D2', '$V1');
INSERT INTO decision_risks(decision_id, risk_id) VALUES ('$D2', '$risk');
INSERT INTO decision_mandates(decision_id, mandate_id) VALUES ('$D2', '$mandate');"
check "setup: vendors and decisions" test "$(sqlite3 "$db" "SELECT count(*) FROM decisions WHERE id IN ('$D1', '$D2')")" = 2

# ---- out ----
run cxo export --output all.json
expect_ok "export --output"
expect_err "export says where" "wrote all.json (4 clients)"
check "the archive is 0600" test "$(file_mode all.json)" = 600
run cxo export
expect_ok "export to stdout"
printf '%s' "$OUT" >stdout.json
check "stdout and --output give the same bytes" cmp -s all.json stdout.json
expect_eq "the export of each client is recorded (stdout: -)" \
	"$(sqlite3 "$db" "SELECT count(*) FROM client_exports WHERE path = '-'")" "4"
head=$(head -n 1 all.json)
expect_eq "the first line names the format and version" "$head" \
	'{"format": "cxo", "version": 2, "clients": ['
check "one item per line" grep -q '^  {"id": ".*"title": "Board technology update"' all.json
for want in '"legal_name": "Acme Advisory Group LLC"' '"month": "2026-01", "invoice": "INV-7"' \
	'"shared": true' '"service": "toggl", "source_key": "row-1", "start_time": "09:00", "end_time": "10:00:30"' \
	'"timer": {"id": ' '"change": "added"' '"waiting_for": ' '"seen": {"last_day": ' \
	'"name": "Slack", "category": "saas"' '"notice_days": 60' '"ended": "2021-06-30"' \
	'{"vendor_id": "'"$V1"'", "risk_id": "'"$risk"'"}' '"superseded_by": "'"$D2"'"' \
	'{"decision_id": "'"$D2"'", "mandate_id": "'"$mandate"'"}'; do
	check "the archive holds $want" grep -qF "$want" all.json
done
sum_before=$(file_sum all.json)
run cxo export --output all.json
expect_rc 73 "an existing file is never overwritten"
expect_err "... and says --force" "--force"
expect_eq "... and stays as it was" "$(file_sum all.json)" "$sum_before"
run cxo export --output all.json --force
expect_ok "--force replaces it"
check "... with the same bytes (no date of export inside)" cmp -s all.json stdout.json

# ---- a round trip: into an empty database and out again, byte for byte ----
run cxo -d "$PWD/b.db" import all.json
expect_ok "import into an empty database"
expect_out "... counts what it added" "entries"
run cxo -d "$PWD/b.db" export --output b.json
expect_ok "export of the copy"
check "the round trip is byte-identical (sample)" cmp -s all.json b.json
run cxo -d "$PWD/b.db" doctor
expect_ok "doctor finds the copy, vendors and decisions included, sound"
expect_out_not "... nothing to rebuild" "rebuilt"
for table in item_changes client_seen month_locks entry_sources note_shares timer vendors \
	vendor_risks decisions decision_mandates decision_risks decision_vendors; do
	expect_eq "the copy has the same $table" \
		"$(sqlite3 "$PWD/b.db" "SELECT * FROM $table ORDER BY 1" | md5sum)" \
		"$(sqlite3 "$db" "SELECT * FROM $table ORDER BY 1" | md5sum)"
done

python3 "$CXO_SOURCE_DIR/sample-data/generate-portfolio" --cxo "$CXO" --entries 400 \
	--actions 60 --open 12 --risks 12 --mandates 8 --notes 12 --years 1 gen.db >/dev/null 2>&1
check "setup: the generated portfolio" test -s gen.db
run cxo -d "$PWD/gen.db" export --output gen.json
expect_ok "export of the generated portfolio"
run cxo -d "$PWD/gen2.db" import gen.json
expect_ok "import of the generated portfolio"
run cxo -d "$PWD/gen2.db" export --output gen2.json
check "the round trip is byte-identical (generated)" cmp -s gen.json gen2.json

# ---- merging into a database that has data ----
b=$PWD/b.db
before=$(db_dump "$b")
run cxo -d "$b" import all.json
expect_ok "the same archive again"
expect_out "... every entry unchanged" "entries   0 added,"
expect_eq "... writes nothing new" "$(db_dump "$b")" "$before"
run cxo -C acme risk add "Laptop theft" --likelihood 2 --impact 3
expect_ok "setup: a new risk here"
run cxo -C acme note add "A new note"
expect_ok "setup: a new note here"
run cxo export --output more.json
run cxo -d "$b" import more.json
expect_ok "an archive with new items merges"
expect_out "... adds the risk" "risks     1 added, 20 unchanged, 0 conflicting"
expect_out "... and the note" "notes     1 added, 11 unchanged, 0 conflicting"
expect_eq "... without duplicates" "$(sqlite3 "$b" "SELECT count(*) FROM risks")" \
	"$(sqlite3 "$db" "SELECT count(*) FROM risks")"
expect_eq "... changes kept once" "$(sqlite3 "$b" "SELECT count(*) FROM item_changes")" \
	"$(sqlite3 "$db" "SELECT count(*) FROM item_changes")"

# ---- conflicts ----
run cxo -d "$b" -C acme mandate edit "Board technology update" --title "Board deck, renamed"
expect_ok "setup: a mandate renamed here"
board=$(sqlite3 "$b" "SELECT id FROM mandates WHERE title = 'Board deck, renamed'")
sqlite3 "$b" "PRAGMA wal_checkpoint(TRUNCATE)" >/dev/null
sum=$(file_sum "$b")
run cxo -d "$b" import more.json
expect_rc 65 "a conflict is refused"
expect_err "... naming the item and both values" \
	"conflict: mandate ${board:0:8} \"Board technology update\""
expect_err "... the field and both values" \
	'title: ours "Board deck, renamed", theirs "Board technology update"'
expect_err "... and what settles it" "--prefer theirs"
expect_eq "... the database is byte-identical" "$(file_sum "$b")" "$sum"
run cxo -d "$b" import --dry-run more.json
expect_ok "--dry-run with a conflict"
expect_out "... counts per kind" "mandates  0 new, 17 unchanged, 1 conflicting"
expect_out "... says what --prefer would do" "--prefer theirs would take the file's values"
expect_out "... and that nothing is written" "nothing written (--dry-run)"
expect_eq "... the database is byte-identical" "$(file_sum "$b")" "$sum"
run cxo -d "$b" import --dry-run --prefer theirs more.json
expect_ok "--dry-run --prefer theirs"
expect_out "... says what it would do" "(theirs would be taken)"
expect_eq "... the database is byte-identical" "$(file_sum "$b")" "$sum"
run cxo -d "$b" import --prefer ours more.json
expect_ok "--prefer ours"
expect_eq "... keeps ours" "$(sqlite3 "$b" "SELECT title FROM mandates WHERE id = '$board'")" \
	"Board deck, renamed"
run cxo -d "$b" import --prefer theirs more.json
expect_ok "--prefer theirs"
expect_err "... tells what it replaced" "(theirs taken)"
expect_eq "... takes the file's" \
	"$(sqlite3 "$b" "SELECT title FROM mandates WHERE id = '$board'")" \
	"Board technology update"
run cxo -d "$PWD/c.db" client add acme --name "Another Acme"
expect_ok "setup: another client with the key acme"
sum=$(file_sum "$PWD/c.db")
run cxo -d "$PWD/c.db" import all.json
expect_rc 65 "a key held under another id is a conflict"
expect_err "... naming the ids" "conflict: client acme: id: ours"
expect_eq "... the database is byte-identical" "$(file_sum "$PWD/c.db")" "$sum"

# ---- hostile files: each refused (65), named, the database untouched ----
sqlite3 "$b" "PRAGMA wal_checkpoint(TRUNCATE)" >/dev/null
sum=$(file_sum "$b")
# Each case: NAME, the error expected, and PYTHON that changes `lines`
# (all.json's lines; m is the first mandate's) into the hostile archive.
cases=()
hostile() { cases+=("$1" "$2" "$3"); }
hostile "a wrong type" 'clients[0] (acme): "employees" is not an integer' \
	'lines[1] = lines[1].replace("\"employees\": 120", "\"employees\": \"many\"")'
hostile "a missing field" 'mandates[0]: no "title"' \
	'import re; lines[m] = re.sub(r"\"title\": \"[^\"]*\", ", "", lines[m])'
hostile "a title too long" '"title" has 600 characters (expected a string of 1 to 500' \
	'import re; lines[m] = re.sub(r"\"title\": \"[^\"]*\"", "\"title\": \"" + "x" * 600 + "\"", lines[m])'
hostile "a bad day" '"due" is "2026-13-01" (expected a day, YYYY-MM-DD' \
	'import re; lines[m] = re.sub(r"\"due\": \"[^\"]*\"", "\"due\": \"2026-13-01\"", lines[m])'
hostile "a duplicate id" "is used twice" 'lines.insert(m, lines[m].rstrip(",") + ",")'
hostile "a duplicate key" "duplicate object key" \
	'lines[1] = lines[1].replace("\"key\": \"acme\"", "\"key\": \"acme\", \"key\": \"acme\"")'
hostile "another format" '"format" is "other" (expected "cxo"' \
	'lines[0] = lines[0].replace("\"cxo\"", "\"other\"")'
hostile "a newer version" "archive version 3 was made by a newer cxo" \
	'lines[0] = lines[0].replace("\"version\": 2", "\"version\": 3")'
hostile "an unknown field" 'unknown field "colour"' \
	'lines[1] = lines[1].replace("{\"id\"", "{\"colour\": 1, \"id\"", 1)'
hostile "a link to a mandate of no one" "which is not one of this client's mandates" \
	'import re; i = next(i for i, l in enumerate(lines) if "\"mandate_id\": \"" in l and "\"minutes\"" in l); lines[i] = re.sub(r"\"mandate_id\": \"[^\"]*\"", "\"mandate_id\": \"00000000-0000-4000-8000-000000000000\"", lines[i])'
hostile "a notice period too long" '"notice_days" is 4000 (expected an integer from 0 to 3650' \
	'i = next(i for i, l in enumerate(lines) if "\"notice_days\": 60" in l); lines[i] = lines[i].replace("\"notice_days\": 60", "\"notice_days\": 4000")'
hostile "a vendor's risk of no one" "which is not one of this client's risks" \
	'import re; i = next(i for i, l in enumerate(lines) if "{\"vendor_id\": " in l); lines[i] = re.sub(r"\"risk_id\": \"[^\"]*\"", "\"risk_id\": \"00000000-0000-4000-8000-000000000000\"", lines[i])'
hostile "a decision superseding itself" '"superseded_by" is its own id' \
	'import re; i = next(i for i, l in enumerate(lines) if "\"superseded_by\": \"" in l); d = re.search(r"\"id\": \"([^\"]*)\"", lines[i]).group(1); lines[i] = re.sub(r"\"superseded_by\": \"[^\"]*\"", "\"superseded_by\": \"" + d + "\"", lines[i])'
hostile "truncated JSON" "(expected JSON)" 'lines = lines[:20]'
hostile "deep nesting" "nested deeper than 32 levels" 'lines = ["[" * 100000]'
hostile "a 2 MB string" "a string longer than 1200002 bytes" \
	'lines[1] = lines[1].replace("\"B2B services\"", "\"" + "y" * 2000000 + "\"")'
# One python3 writes every case's file (bad-N.json) and a 100 MB string.
python3 -c '
import sys
base = open("all.json").read().split("\n")
m = next(i for i, l in enumerate(base) if "\"measure\": " in l)
args = sys.argv[1:]
for n in range(0, len(args), 3):
    lines = list(base)
    exec(args[n + 2])
    open("bad-%d.json" % (n // 3), "w").write("\n".join(lines))
with open("huge.json", "w") as f:
    f.write("{\"format\": \"cxo\", \"version\": 2, \"clients\": [\"")
    f.write("z" * (100 * 1024 * 1024))
    f.write("\"]}\n")' "${cases[@]}"
for ((n = 0; n < ${#cases[@]} / 3; n++)); do
	name=${cases[3 * n]}
	run cxo -d "$b" import "bad-$n.json"
	expect_rc 65 "$name: refused"
	expect_err "$name: says why" "${cases[3 * n + 1]}"
	expect_eq "$name: the database is byte-identical" "$(file_sum "$b")" "$sum"
done
run cxo -d "$b" import huge.json
expect_rc 65 "a 100 MB string: refused"
expect_err "... by its size" "line 1: a string longer than"
expect_eq "... the database is byte-identical" "$(file_sum "$b")" "$sum"
rm -f huge.json
truncate -s 600M sparse.json
run cxo -d "$b" import sparse.json
expect_rc 65 "a file over 512 MB: refused before it is read"
expect_err "... by its size" "629145600 bytes, more than the 536870912"
rm -f sparse.json
run cxo -d "$PWD/none.db" import bad-0.json
expect_rc 65 "a refused file into no database"
check "... creates none" test ! -e "$PWD/none.db"
run cxo -d "$b" import missing.json
expect_rc 66 "a missing file"
expect_err "... named" 'cannot open "missing.json"'
mkdir -p adir.json
run cxo -d "$b" import adir.json
expect_rc 66 "a directory"
expect_eq "after every refusal the database is byte-identical" "$(file_sum "$b")" "$sum"

# ---- an archive of version 1, before vendors and decisions, still imports ----
python3 -c '
import json
a = json.load(open("all.json"))
a["version"] = 1
for c in a["clients"]:
    for k in ("vendors", "vendor_risks", "decisions", "decision_mandates", "decision_risks",
              "decision_vendors"):
        del c[k]
json.dump(a, open("v1.json", "w"))'
run cxo -d "$PWD/v1.db" import v1.json
expect_ok "an archive of version 1 imports"
expect_eq "... with everything but vendors and decisions" \
	"$(sqlite3 "$PWD/v1.db" "SELECT count(*) FROM risks"),$(sqlite3 "$PWD/v1.db" "SELECT count(*) FROM vendors")" \
	"$(python3 -c 'import json; print(sum(len(c["risks"]) for c in json.load(open("v1.json"))["clients"]))'),0"
run cxo -d "$PWD/v1.db" export --output v1-out.json
check "... and comes out as version 2, the same otherwise" python3 -c '
import json
a = json.load(open("v1-out.json"))
v1 = json.load(open("v1.json"))
assert a["version"] == 2 and all(c["vendors"] == [] for c in a["clients"])
for c in a["clients"]:
    for k in ("vendors", "vendor_risks", "decisions", "decision_mandates", "decision_risks",
              "decision_vendors"):
        del c[k]
a["version"] = 1
assert a == v1'

# ---- cxo client export ----
run cxo client export medix
expect_rc 64 "client export needs --output"
run cxo client export medix --output medix.json
expect_ok "client export"
expect_eq "... holds that client alone" "$(grep -c '^{"id": ' medix.json)" "1"
check "... the client medix" grep -q '"key": "medix"' medix.json
expect_eq "... recorded with its path" \
	"$(sqlite3 "$db" "SELECT path FROM client_exports e JOIN clients c ON c.id = e.client_id WHERE c.key = 'medix'")" \
	"medix.json"
run cxo client export medix --output medix.json
expect_rc 73 "client export never overwrites without --force"
run cxo -C medix export --output medix2.json
expect_ok "export -C medix"
check "... is the same archive" cmp -s medix.json medix2.json
run cxo -d "$PWD/d.db" import medix.json
expect_ok "a client's archive imports alone"
run cxo -d "$PWD/d.db" export --output d.json
check "... and comes out the same" cmp -s medix.json d.json

# Text that is not UTF-8 (a shell argument in Latin-1) still comes out,
# each bad sequence as U+FFFD, and the export says so.
run cxo -d "$PWD/l1.db" client add latin --name $'Caf\xe9 Noir'
expect_ok "setup: a client named in Latin-1"
run cxo -d "$PWD/l1.db" -C latin log 1h $'r\xe9union'
expect_ok "setup: an entry noted in Latin-1"
run cxo -d "$PWD/l1.db" export --output l1.json
expect_ok "an archive with text that is not UTF-8 is written"
expect_err "... saying which text and how" "client latin: the name of a client and 1 other text are not UTF-8: each bad byte sequence is written as U+FFFD"
check "... as U+FFFD" grep -q $'Caf\xef\xbf\xbd Noir' l1.json
run cxo -d "$PWD/l1b.db" import l1.json
expect_ok "... and imports"

finish

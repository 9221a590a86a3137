# t-import-time.sh: cxo import --from harvest|toggl FILE.  The files of
# tests/data/ carry each quirk of the two services (a byte order mark,
# CRLF, quoted commas, quotes and newlines, 26.01.2015 and "7,5", Hours
# Rounded, several people, unknown clients, a project that is a mandate,
# a bad row in the middle).  The totals cxo prints are compared with sums
# that Python's csv module makes of the same files; a refused import
# leaves the database byte for byte as it was.
. "$(dirname "$0")/lib.sh"

data=$CXO_SOURCE_DIR/tests/data
db=$PWD/import.db
export CXO_DB=$db

fresh() {
	rm -f "$db" "$db-wal" "$db-shm"
	cxo client add acme --name "Acme Corp" >/dev/null 2>&1
	cxo client add medix --name "Medix Health" >/dev/null 2>&1
	cxo -C acme mandate add "Security policy" >/dev/null 2>&1
}

# expected SERVICE FILE [rounded|PERSON]: the per-client lines cxo should
# print, "KEY ENTRIES HOURS BILLABLE ALREADY SKIPPED", summed by Python.
expected() {
	python3 - "$@" <<'EOF_PY'
import csv, sys
from decimal import Decimal, ROUND_HALF_UP
service, path = sys.argv[1], sys.argv[2]
opt = sys.argv[3] if len(sys.argv) > 3 else ''
keys = {'acme corp': 'acme', 'acme': 'acme', 'medix health': 'medix', 'medix': 'medix'}
def hours(m):
    h = (m * 100 + 30) // 60
    w, f = divmod(h, 100)
    return f'{w}h' if f == 0 else f'{w}.{f // 10}h' if f % 10 == 0 else f'{w}.{f:02d}h'
tot = {}
with open(path, newline='', encoding='utf-8-sig') as fp:
    for row in csv.DictReader(fp):
        if service == 'harvest':
            who = row['First Name'] + ' ' + row['Last Name']
            col = 'Hours Rounded' if opt == 'rounded' else 'Hours'
            mins = int((Decimal(row[col].replace(',', '.')) * 60).quantize(Decimal(1), ROUND_HALF_UP))
            billable = row['Billable?'] == 'Yes'
        else:
            who = row['User']
            h, m, s = map(int, row['Duration'].split(':'))
            mins = (h * 3600 + m * 60 + s + 30) // 60
            billable = row['Billable'] == 'Yes'
        if opt not in ('', 'rounded') and who.lower() != opt.lower():
            continue
        t = tot.setdefault(keys[row['Client'].lower()], [0, 0, 0, 0])
        if mins == 0:
            t[3] += 1
            continue
        t[0] += 1
        t[1] += mins
        t[2] += mins if billable else 0
for k in sorted(tot):
    e, m, b, z = tot[k]
    print(f'{k} {e} {hours(m)} {hours(b)} 0 {z}')
EOF_PY
}
# The client lines of the table cxo printed, spaces squeezed, by key.
table() { printf '%s\n' "$OUT" | awk 'NR > 1 && NF == 6 { $1 = $1; print }' | LC_ALL=C sort; }
entries() { sqlite3 -readonly "$db" 'SELECT count(*) FROM time_entries'; }

# ---- Harvest: CRLF, 26.01.2015, "7,5", quoted newlines ----
fresh
run cxo import --from harvest "$data/harvest.csv"
expect_ok "harvest: imported"
expect_eq "harvest: the totals are Python's sums" "$(table)" "$(expected harvest "$data/harvest.csv")"
expect_out "harvest: the summary" "imported 5 entries (18.68h) for 2 clients; 0 already imported, 1 under half a minute skipped"
expect_eq "harvest: the project that is a mandate links its entries" \
	"$(sqlite3 -readonly "$db" "SELECT count(*) FROM time_entries e JOIN mandates m ON m.id = e.mandate_id WHERE m.title = 'Security policy'")" 2
expect_eq "harvest: another project stays in the note, the quoted newline too" \
	"$(sqlite3 -readonly "$db" "SELECT note FROM time_entries WHERE minutes = 20")" \
	"$(printf 'Line one\nline two, "quoted" (Project: Website)')"
expect_eq "harvest: the task follows the note" \
	"$(sqlite3 -readonly "$db" "SELECT DISTINCT note FROM time_entries WHERE minutes = 450")" \
	'Kickoff, with the "CISO" — Meetings'
expect_eq "harvest: two identical rows are two entries" \
	"$(sqlite3 -readonly "$db" "SELECT count(*) FROM time_entries WHERE minutes = 450")" 2
expect_eq "harvest: 26.01.2015 is 2015-01-26" \
	"$(sqlite3 -readonly "$db" "SELECT count(*) FROM time_entries WHERE day = '2015-01-26'")" 3
expect_eq "harvest: every entry knows its source" \
	"$(sqlite3 -readonly "$db" "SELECT count(*) FROM entry_sources WHERE service = 'harvest'")" 5

before=$(file_sum "$db")
run cxo import --from harvest "$data/harvest.csv"
expect_ok "harvest again: accepted"
expect_out "harvest again: says what it skipped" "imported 0 entries (0h) for 2 clients; 5 already imported"
expect_eq "harvest again: adds nothing" "$(entries)" 5
run cxo import --from harvest --rounded "$data/harvest.csv"
expect_out "harvest --rounded after Hours: the same rows, already imported" "5 already imported"

# --rounded: Hours Rounded instead of Hours.
fresh
run cxo import --from harvest --rounded "$data/harvest.csv"
expect_ok "harvest --rounded: imported"
expect_eq "harvest --rounded: the totals of Hours Rounded" "$(table)" \
	"$(expected harvest "$data/harvest.csv" rounded)"

# ---- Toggl Track: a byte order mark, HH:MM:SS rounded to minutes ----
fresh
before=$(file_sum "$db")
run cxo import --from toggl --dry-run "$data/toggl.csv"
expect_ok "toggl --dry-run: accepted"
expect_eq "toggl --dry-run: the totals it would import" "$(table)" "$(expected toggl "$data/toggl.csv")"
expect_out "toggl --dry-run: says it wrote nothing" "would import 4 entries"
expect_eq "toggl --dry-run: the database is unchanged" "$(file_sum "$db")" "$before"
run cxo import --from toggl "$data/toggl.csv"
expect_ok "toggl: imported"
expect_eq "toggl: the totals are Python's sums" "$(table)" "$(expected toggl "$data/toggl.csv")"
expect_eq "toggl: start and end times kept" \
	"$(sqlite3 -readonly "$db" "SELECT start_time || '-' || end_time FROM entry_sources JOIN time_entries ON id = entry_id WHERE minutes = 120")" \
	"22:00:00-23:59:59"
expect_eq "toggl: the project matches the mandate in any case" \
	"$(sqlite3 -readonly "$db" "SELECT count(*) FROM time_entries WHERE mandate_id IS NOT NULL")" 1
run cxo import --from toggl "$data/toggl.csv"
expect_out "toggl again: nothing added" "imported 0 entries (0h) for 2 clients; 4 already imported"

# More rows than one statement writes (4096): a whole chunk, then the rest.
python3 "$CXO_SOURCE_DIR/tests/bench/gen-toggl.py" 5000 many.csv "Acme Corp" "Medix Health"
fresh
run cxo import --from toggl many.csv
expect_ok "5000 rows: imported"
expect_eq "5000 rows: the totals are Python's sums" "$(table)" "$(expected toggl many.csv)"
expect_eq "5000 rows: an entry and a source each" \
	"$(sqlite3 -readonly "$db" "SELECT count(*), count(DISTINCT s.source_key) FROM time_entries e JOIN entry_sources s ON s.entry_id = e.id")" \
	"$(sqlite3 -readonly "$db" "SELECT count(*), count(*) FROM time_entries")"
run cxo import --from toggl many.csv
expect_out "5000 rows again: nothing added" "imported 0 entries (0h)"

# ---- a bad row in the middle: FILE:LINE and the column, nothing written ----
before=$(file_sum "$db")
run cxo import --from toggl "$data/toggl-bad.csv"
expect_rc 65 "a bad duration: refused"
expect_err "... naming the file, the line and the column" \
	'toggl-bad.csv:6: Duration: bad value "1h30" (expected a duration HH:MM:SS)'
expect_eq "... and the database is byte for byte as before" "$(file_sum "$db")" "$before"
printf 'Date,Client,Hours,Notes\r\n2015-01-26,Acme Corp,1,caf\xe9 au lait\r\n' >latin1.csv
run cxo import --from harvest latin1.csv
expect_rc 65 "a report saved in Latin-1: refused"
expect_err "... naming the line, the column and the way out" \
	'latin1.csv:2: Notes: not UTF-8 text (save the report as UTF-8, e.g. iconv -f WINDOWS-1252 -t UTF-8)'
expect_eq "... and the database is byte for byte as before" "$(file_sum "$db")" "$before"
printf 'Date,Client,Notes\n2015-01-26,Acme Corp,x\n' >no-hours.csv
run cxo import --from harvest no-hours.csv
expect_rc 65 "a missing column: refused"
expect_err "... naming the column and the ones expected" \
	'no-hours.csv: no column "Hours" (a Harvest detailed time report has the columns Date, Client and Hours'
printf 'Date,Client,Hours\n01/26/2015,Acme Corp,1\n' >slashes.csv
run cxo import --from harvest slashes.csv
expect_rc 65 "a slashed day (month or day first?): refused"
expect_err "... naming the forms accepted" 'slashes.csv:2: Date: bad value "01/26/2015" (expected a day such as 2015-01-26 or 26.01.2015)'
printf 'Date,Client,Hours\n2015-01-26,Acme Corp,1,2\n' >wide.csv
run cxo import --from harvest wide.csv
expect_rc 65 "a row wider than the header: refused"
expect_err "... naming its line" "wide.csv:2: 4 columns where the header has 3"
printf 'Date,Client,Hours,Notes\r\n2015-01-26,Acme Corp,1,"one\r\ntwo"\r\n2015-01-26,Acme Corp,1,x\r\n2015-01-26,Acme Corp,x,x\r\n' >crlf.csv
run cxo import --from harvest crlf.csv
expect_err "CRLF inside a quoted field: one line more" "crlf.csv:5: Hours: bad value"
printf 'Start date,Client,Duration\n2015-01-26,Acme Corp,24:00:31\n' >long.csv
run cxo import --from toggl long.csv
expect_rc 65 "more than 24 hours in a row: refused"
expect_err "... naming it" 'long.csv:2: Duration: 24:00:31 is more than 24 hours in a day'
expect_eq "none of them wrote anything" "$(file_sum "$db")" "$before"

sed -i '$d' crlf.csv
run cxo import --from harvest crlf.csv
expect_ok "CRLF inside a quoted field: imported"
expect_eq "... kept as a line feed" "$(sqlite3 -readonly "$db" "SELECT hex(note) FROM time_entries WHERE note LIKE 'one%'")" \
	"$(printf 'one\ntwo' | od -An -tx1 | tr -d ' \n' | tr a-f A-F)"

# A refused import on a new machine leaves no database behind.
CXO_DB=$PWD/new.db run cxo import --from toggl "$data/toggl-bad.csv"
expect_rc 65 "a bad file and no database yet: refused"
check "... and no database made" test ! -e new.db
CXO_DB=$PWD/new.db run cxo import --from harvest missing.csv
expect_rc 66 "a file that is not there: refused"
expect_err "... naming it" "missing.csv: cannot open"
CXO_DB=$PWD/new.db run cxo import --from harvest "$data/harvest-people.csv"
expect_rc 65 "several people and no database yet: refused"
check "... and no database made" test ! -e new.db

# ---- a locked month stops the import at its first row ----
fresh
cxo -C acme hours lock --month 2015-01 >/dev/null 2>&1
before=$(file_sum "$db")
run cxo import --from harvest "$data/harvest.csv"
expect_rc 65 "a locked month: refused"
expect_err "... naming the row and the month" "harvest.csv:2: acme's hours of 2015-01 are locked as invoiced"
expect_eq "... writing nothing" "$(file_sum "$db")" "$before"

# ---- clients cxo does not know ----
fresh
before=$(file_sum "$db")
run cxo import --from toggl "$data/toggl-unknown.csv"
expect_rc 65 "unknown clients: refused"
expect_err "... listing them with their rows" '"Globex Inc" (2 rows)'
expect_err "... and the ways on" "--skip-unknown leaves their rows out"
check "... with no escape sequence of the file on the terminal" eval '[[ $ERR != *$'"'"'\e'"'"'* && $ERR != *$'"'"'\a'"'"'* ]]'
expect_eq "... writing nothing" "$(file_sum "$db")" "$before"
run cxo import --from toggl --skip-unknown "$data/toggl-unknown.csv"
expect_ok "--skip-unknown: accepted"
expect_out "--skip-unknown: says what it left out" "imported 1 entry (1h) for 1 client; 0 already imported, 0 under half a minute skipped, 3 rows of unknown clients left out"
fresh
run cxo import --from toggl --map "globex inc=medix" --create-clients "$data/toggl-unknown.csv"
expect_ok "--map and --create-clients: accepted"
expect_err_not "--map of a client in the file: no warning" "has no rows of a client named"
expect_eq "--map: Globex's rows are medix's" \
	"$(sqlite3 -readonly "$db" "SELECT count(*) FROM time_entries e JOIN clients c ON c.id = e.client_id WHERE c.key = 'medix'")" 2
expect_out_re "--create-clients: the new client is said" "c-0-pwnedevil-31m-cor \(new\) +1 +0.25h"
expect_eq "--create-clients: its name keeps no control" \
	"$(sqlite3 -readonly "$db" "SELECT instr(name, char(27)) + instr(name, char(7)) FROM clients WHERE key LIKE 'c-0%'")" 0
sed 's/Unknown two/Unknown 2/; s/Globex Inc,,,Unknown 2/GLOBEX INC,,,Unknown 2/' "$data/toggl-unknown.csv" >globex-case.csv
fresh
run cxo import --from toggl --create-clients --skip-unknown globex-case.csv
expect_rc 64 "--create-clients with --skip-unknown: refused"
run cxo import --from toggl --create-clients globex-case.csv
expect_ok "--create-clients: accepted"
expect_eq "--create-clients: names differing in case only are one new client" \
	"$(sqlite3 -readonly "$db" "SELECT group_concat(key) FROM clients WHERE key LIKE 'globex%'")" "globex-inc"
run cxo import --from toggl --map "Globex Inc=nobody" "$data/toggl-unknown.csv"
expect_rc 65 "--map to a key that is no client: refused"
expect_err "... naming it" '--map "Globex Inc=nobody": no client with the key "nobody"'
fresh
run cxo import --from toggl --dry-run --skip-unknown --map "Globx Inc=medix" "$data/toggl-unknown.csv"
expect_ok "--map of a name no row has: the import goes on"
expect_err "... with a warning naming it" \
	"warning: --map \"Globx Inc=medix\": $data/toggl-unknown.csv has no rows of a client named \"Globx Inc\""

# ---- several people ----
fresh
before=$(file_sum "$db")
run cxo import --from harvest "$data/harvest-people.csv"
expect_rc 65 "two people and no --person: refused"
expect_err "... listing them" '"Dana Reyes" (1 row), "Sam Ortiz" (2 rows); --person NAME|EMAIL chooses'
run cxo import --from harvest --person nobody "$data/harvest-people.csv"
expect_rc 65 "--person nobody: refused"
expect_eq "... writing nothing" "$(file_sum "$db")" "$before"
run cxo import --from harvest --person "sam ortiz" "$data/harvest-people.csv"
expect_ok "--person: accepted"
expect_eq "--person: only Sam's rows" "$(table)" "$(expected harvest "$data/harvest-people.csv" "sam ortiz")"
run cxo import --from toggl --person DANA@EXAMPLE.COM "$data/toggl.csv"
expect_ok "--person EMAIL, in any case"

finish

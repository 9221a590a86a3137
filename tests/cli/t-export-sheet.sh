# t-export-sheet.sh: `cxo export --format csv|ics`.  Each CSV table read
# back with python3's csv module against the same rows read with sqlite3
# (header, order, every value), formulas neutralised (and not with
# --raw), wide characters and line breaks kept, --bom, --from/--to,
# -C against --all-clients, never over an existing file, a file of
# schema 1.  The calendar read back by libical's parser
# (tests/tools/ics-check: every component with its UID and DTSTAMP,
# hostile titles exact but for their controls) and imported by calcurse; lines folded at 75
# octets, CRLF.
. "$(dirname "$0")/lib.sh"

db=$PWD/cxo.db
export CXO_DB=$db
# The sample portfolio's days are relative to today: one fixed day.
at() { run fake "$1" "$CXO" "${@:2}"; }
now="2026-11-18 12:00:00"
at "$now" init --sample
expect_ok "init --sample"

# Hostile text: a formula in every form, wide characters, line breaks,
# quotes, commas, iCalendar's specials and a terminal escape.
formula='=HYPERLINK("http://evil.example","click")'
wide=$'Zoë 東京 🙂 — "quoted", comma\nsecond line'
hostile=$'Esc \e[31mred\e[0m; semi, comma \\ back \\n literal\nnext line'
at "$now" -C acme log 1h30m "$formula" --date 2026-11-10
expect_ok "log a formula note"
at "$now" -C acme log 45m "$wide" --date 2026-11-11 --non-billable
expect_ok "log a note of wide characters and two lines"
at "$now" -C acme log 10m "tab first" --date 2026-11-12
expect_ok "log a note"
# The shell trims a note; a tab first only comes from elsewhere.
sqlite3 "$db" "UPDATE time_entries SET note = char(9) || note WHERE note = 'tab first'"
at "$now" -C acme action add "Zoë's review in 東京" --due 2026-11-20
expect_ok "action with wide characters"
at "$now" -C medix action add "+1 call" --due 2026-11-19
expect_ok "action beginning with +"
at "$now" -C medix action add "$hostile" --due 2026-11-25 --owner "@owner" --waiting "-Someone"
expect_ok "hostile action"
at "$now" -C medix risk add "$hostile" --likelihood 4 --impact 3 --mitigation $'-step one\r\nstep two' --review 2026-11-30
expect_ok "hostile risk"
at "$now" -C cloudly mandate add "$hostile" --due 2026-12-03 --measure "@measure, with comma"
expect_ok "hostile mandate"
at "$now" client edit cloudly --name 'Cloudly, Inc.; "the cloud" \ co'
expect_ok "a client name with iCalendar's specials"
# An imported entry keeps where it came from (schema 6): its times.
entry=$(sqlite3 "$db" "SELECT id FROM time_entries WHERE note = '$formula'")
sqlite3 "$db" "INSERT INTO entry_sources(entry_id, service, source_key, start_time, end_time)
	VALUES ('$entry', 'toggl', 'row-1', '09:00', '10:30:00')"
check "an imported entry's times recorded" test -n "$entry"

# ---- CSV against sqlite3 ----

# compare_csv FILE TABLE CLIENT FROM TO RAW BOM: "ok N" (the rows) when
# FILE holds exactly the rows of TABLE that sqlite3 reads (CLIENT "" for
# every client, FROM and TO "" for open ends), else the first difference.
_compare_py='
import csv, sqlite3, sys
path, db, table, client, frm, to, raw, bom = sys.argv[1:9]
data = open(path, "rb").read()
if (bom == "1") != data.startswith(b"\xef\xbb\xbf"):
    print("byte order mark %s" % ("missing" if bom == "1" else "unexpected")); sys.exit()
if not data.endswith(b"\r\n"):
    print("the last line does not end with CRLF"); sys.exit()
text = data.decode("utf-8")[1 if bom == "1" else 0:]
got = list(csv.reader(__import__("io").StringIO(text, newline="")))
con = sqlite3.connect("file:%s?mode=ro" % db, uri=True)
two = lambda m: "%d.%02d" % divmod((m * 100 + 30) // 60, 100)
Q = {
 "hours": ("date,client,mandate,minutes,hours,billable,note,start,end,id",
  "SELECT e.day, c.key, m.title, e.minutes, e.minutes, CASE e.billable WHEN 1 THEN \x27yes\x27 ELSE \x27no\x27 END,"
  " e.note, s.start_time, s.end_time, e.id FROM time_entries e JOIN clients c ON c.id = e.client_id"
  " LEFT JOIN mandates m ON m.id = e.mandate_id LEFT JOIN entry_sources s ON s.entry_id = e.id"
  " WHERE e.day >= ?1 AND e.day <= ?2 AND (?3 = \x27\x27 OR c.key = ?3) ORDER BY e.day, e.created, e.id"),
 "actions": ("id,client,title,owner,waiting_for,status,due,waiting_since,done_on,created,mandate,risk",
  "SELECT a.id, c.key, a.title, a.owner, a.waiting_for, a.status, a.due, a.waiting_since, a.done_on,"
  " a.created, m.title, r.title FROM actions a JOIN clients c ON c.id = a.client_id"
  " LEFT JOIN mandates m ON m.id = a.mandate_id LEFT JOIN risks r ON r.id = a.risk_id"
  " WHERE a.created >= ?1 AND a.created <= ?2 AND (?3 = \x27\x27 OR c.key = ?3) ORDER BY a.created, a.rowid"),
 "risks": ("id,client,title,category,likelihood,impact,score,residual_likelihood,residual_impact,"
  "treatment,status,owner,framework,review_date,accepted_until,opened,closed,mitigation",
  "SELECT r.id, c.key, r.title, r.category, r.likelihood, r.impact, r.likelihood * r.impact,"
  " r.residual_likelihood, r.residual_impact, r.treatment, r.status, r.owner, r.framework,"
  " r.review_date, r.accepted_until, r.opened, r.closed, r.mitigation"
  " FROM risks r JOIN clients c ON c.id = r.client_id"
  " WHERE r.opened >= ?1 AND r.opened <= ?2 AND (?3 = \x27\x27 OR c.key = ?3) ORDER BY r.opened, r.rowid"),
 "mandates": ("id,client,title,area,status,due,measure,created,open_actions",
  "SELECT m.id, c.key, m.title, m.area, m.status, m.due, m.measure, m.created,"
  " (SELECT count(*) FROM actions a WHERE a.mandate_id = m.id AND a.status IN (\x27todo\x27, \x27waiting\x27))"
  " FROM mandates m JOIN clients c ON c.id = m.client_id"
  " WHERE substr(m.created, 1, 10) >= ?1 AND substr(m.created, 1, 10) <= ?2 AND (?3 = \x27\x27 OR c.key = ?3)"
  " ORDER BY m.created, m.rowid"),
}
head, sql = Q[table]
rows = con.execute(sql, (frm or "0000", to or "9999", client)).fetchall()
def cell(v):
    v = "" if v is None else str(v)
    return "\x27" + v if raw != "1" and v[:1] in ("=", "+", "-", "@", "\t", "\r") and v else v
want = [head.split(",")]
for r in rows:
    r = list(r)
    if table == "hours":
        r[4] = two(r[4])
    want.append([cell(v) for v in r])
out = __import__("io").StringIO()
csv.writer(out, lineterminator="\r\n").writerows(want)
if got == want and out.getvalue() != text:
    print("the same cells, other bytes (quoting, line ends): %r" % text[:300])
elif got == want:
    print("ok %d" % len(rows))
else:
    for i, (g, w) in enumerate(zip(got, want)):
        if g != w:
            print("row %d: got %r, want %r" % (i, g, w)); break
    else:
        print("got %d rows, want %d" % (len(got), len(want)))
'
compare_csv() { py "" "$_compare_py" "$1" "$db" "${@:2}"; }
# rows TABLE CLIENT FROM TO: how many rows sqlite3 has there.
rows() {
	local t=$1 k=$2 f=${3:-0000} to=${4:-9999} col
	case $t in
	hours) t=time_entries col=day ;;
	actions) col=created ;;
	risks) col=opened ;;
	mandates) col="substr(created, 1, 10)" ;;
	esac
	sqlite3 -readonly "$db" "SELECT count(*) FROM $t x JOIN clients c ON c.id = x.client_id
		WHERE $col >= '$f' AND $col <= '$to' AND ('$k' = '' OR c.key = '$k')"
}

for t in hours actions risks mandates; do
	at "$now" export --format csv --what "$t" -o "all-$t.csv"
	expect_ok "csv $t: every client into a file"
	expect_err "csv $t: says what it wrote" "wrote all-$t.csv"
	expect_eq "csv $t: every row and value as sqlite3 reads them" \
		"$(compare_csv "all-$t.csv" "$t" "" "" "" 0 0)" "ok $(rows "$t" "")"
	check "csv $t: the file is private (0600)" test "$(file_mode "all-$t.csv")" = 600
	at "$now" -C acme export --format csv --what "$t" --raw
	expect_ok "csv $t: -C acme --raw to stdout"
	printf '%s' "$OUT" >"acme-$t.csv"
	expect_eq "csv $t: -C acme, raw: acme's rows only, as stored" \
		"$(compare_csv "acme-$t.csv" "$t" acme "" "" 1 0)" "ok $(rows "$t" acme)"
	at "$now" -C acme export --format csv --what "$t" --all-clients
	expect_ok "csv $t: --all-clients over -C"
	printf '%s' "$OUT" >"over-$t.csv"
	check "csv $t: --all-clients writes what the file has" cmp -s "over-$t.csv" "all-$t.csv"
done
check "csv: -C acme is fewer hours than every client" \
	test "$(rows hours acme)" -gt 0 -a "$(rows hours acme)" -lt "$(rows hours "")"

# The hostile cells, as a spreadsheet would read them.
_cells_py='
import csv, io, sys
rows = list(csv.reader(io.StringIO(open(sys.argv[1], encoding="utf-8-sig", newline="").read(), newline="")))
col = rows[0].index(sys.argv[2])
print("\n".join(repr(r[col]) for r in rows[1:] if sys.argv[3] in r[col]))
'
cells() { py "" "$_cells_py" "$@"; }
q() { py "" 'import sys; print(repr(sys.argv[1]))' "$1"; }
expect_eq "csv: a formula note neutralised" "$(cells all-hours.csv note HYPERLINK)" "$(q "'$formula")"
expect_eq "csv: --raw leaves it" "$(cells acme-hours.csv note HYPERLINK)" "$(q "$formula")"
expect_eq "csv: a tab first neutralised" "$(cells all-hours.csv note 'tab first')" "$(q $'\'\ttab first')"
expect_eq "csv: wide characters and a line break kept" "$(cells all-hours.csv note Zoë)" "$(q "$wide")"
expect_eq "csv: an imported entry's start" "$(cells all-hours.csv start 09)" "'09:00'"
expect_eq "csv: ... and end" "$(cells all-hours.csv end 10)" "'10:30:00'"
expect_eq "csv: hours with two places beside the minutes" \
	"$(py "" 'import csv,sys; r=[x for x in csv.DictReader(open(sys.argv[1], newline="")) if x["minutes"] == "90"]; print(r[0]["hours"] if r else "none")' all-hours.csv)" "1.50"
expect_eq "csv: action owner and waiting_for neutralised" \
	"$(cells all-actions.csv owner owner) $(cells all-actions.csv waiting_for Someone)" "\"'@owner\" \"'-Someone\""
expect_eq "csv: a mitigation's CR LF kept" "$(cells all-risks.csv mitigation 'step one')" "$(q $'\'-step one\r\nstep two')"
expect_eq "csv: a measure neutralised" "$(cells all-mandates.csv measure measure)" "$(q "'@measure, with comma")"
expect_eq "csv: no byte order mark by default" "$(head -c 5 all-hours.csv)" "date,"

# --bom: the same bytes after EF BB BF.
at "$now" export --format csv --what hours --bom -o bom.csv
expect_ok "csv --bom"
expect_eq "csv --bom: EF BB BF first" "$(head -c 3 bom.csv | od -An -tx1 | tr -d ' ')" "efbbbf"
check "csv --bom: then the same table" cmp -s <(tail -c +4 bom.csv) all-hours.csv
expect_eq "csv --bom: as a spreadsheet reads it" "$(compare_csv bom.csv hours "" "" "" 0 1)" "ok $(rows hours "")"

# --from/--to, inclusive, by each table's day.
for t in hours actions risks mandates; do
	at "$now" export --format csv --what "$t" --from 2026-11-01 --to 2026-11-11 -o "range-$t.csv"
	expect_ok "csv $t --from --to"
	expect_eq "csv $t --from 2026-11-01 --to 2026-11-11: the rows of those days" \
		"$(compare_csv "range-$t.csv" "$t" "" 2026-11-01 2026-11-11 0 0)" \
		"ok $(rows "$t" "" 2026-11-01 2026-11-11)"
done
check "csv hours --from --to: some rows, not all" \
	test "$(rows hours "" 2026-11-01 2026-11-11)" -gt 0 -a "$(rows hours "" 2026-11-01 2026-11-11)" -lt "$(rows hours "")"
at "$now" export --format csv --what hours --from 2026-11-11 --to 2026-11-11
expect_eq "csv: --from and --to the same day hold that day" \
	"$(py "$OUT" 'import csv,io,sys; print(sorted({r["date"] for r in csv.DictReader(io.StringIO(sys.stdin.buffer.read().decode(), newline=""))}))')" \
	"['2026-11-11']"
at "$now" export --format csv --what mandates --from 2026-11-19
expect_eq "csv: mandates made before --from: the header only" "$OUT" \
	$'id,client,title,area,status,due,measure,created,open_actions\r\n'

# Never over an existing file; --force replaces it.
echo keep >exists.csv
at "$now" export --format csv --what risks -o exists.csv
expect_rc 73 "csv: an existing file refused"
expect_err "csv: ... naming it" '"exists.csv" already exists'
expect_eq "csv: ... and left as it was" "$(cat exists.csv)" keep
at "$now" export --format csv --what risks -o exists.csv --force
expect_ok "csv: --force replaces it"
check "csv: ... with the table" cmp -s exists.csv all-risks.csv

# A failed write is said, with exit 74.
run bash -c '"$CXO" export --format csv --what hours >/dev/full'
expect_rc 74 "csv: a full disk is exit 74"
expect_err "csv: ... said" "cannot write the CSV"

# Refused before anything is read.
at "$now" export --format csv --what notes
expect_rc 64 "csv: an unknown table refused"
expect_err "csv: ... naming it" '"notes"'
at "$now" export --format csv --what hours --from 2026-11-12 --to 2026-11-11
expect_rc 64 "csv: --to before --from refused"
at "$now" export --format ics --what hours
expect_rc 64 "ics: --what refused"

# ---- iCalendar ----

ics_check=${CXO_ICS_CHECK:-$(dirname "$CXO")/ics-check}
at "$now" export --format ics -o all.ics
expect_ok "ics: every client into a file"
expect_err "ics: says what it wrote" "wrote all.ics"
_lines_py='
import sys
data = open(sys.argv[1], "rb").read()
lines = data.split(b"\r\n")
bad = []
if lines[-1] != b"": bad.append("no CRLF at the end")
for i, l in enumerate(lines[:-1]):
    if len(l) > 75: bad.append("line %d: %d octets" % (i + 1, len(l)))
    if b"\n" in l or b"\r" in l: bad.append("line %d: a bare CR or LF" % (i + 1))
    if l[:1] == b" " and l[1:2] and 0x80 <= l[1] < 0xc0: bad.append("line %d: a split sequence" % (i + 1))
    try: l.decode("utf-8")
    except UnicodeDecodeError: bad.append("line %d: a split sequence" % (i + 1))
print("\n".join(bad) or "ok")
'
expect_eq "ics: CRLF, no line over 75 octets, no split UTF-8" "$(py "" "$_lines_py" all.ics)" ok

# open_actions / day_items: what the calendar should hold, from sqlite3.
want_todos=$(sqlite3 -readonly "$db" "SELECT count(*) FROM actions WHERE status IN ('todo', 'waiting') AND due IS NOT NULL")
want_events=$(sqlite3 -readonly "$db" "SELECT (SELECT count(*) FROM mandates WHERE status = 'active' AND due IS NOT NULL)
	+ (SELECT count(*) FROM risks WHERE status IN ('open', 'mitigating') AND review_date IS NOT NULL)")
at "$now" -C acme export --format ics
expect_ok "ics: -C acme"
printf '%s' "$OUT" >acme.ics
if [ -x "$ics_check" ]; then
	run "$ics_check" all.ics
	expect_ok "ics: libical parses it, every component with its UID and DTSTAMP"
	expect_err_empty "ics: ... without an error"
	_ics_py='
import json, sqlite3, sys, datetime
db, what = sys.argv[1], sys.argv[2]
items = [json.loads(l) for l in sys.stdin.read().splitlines()]
cal, comps = items[0], items[1:]
con = sqlite3.connect("file:%s?mode=ro" % db, uri=True)
# What a calendar gets of a stored text: its controls (but TAB and line
# breaks) left out.
import re
con.create_function("ics_text", 1, lambda s: s if s is None else re.sub("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]", "", s))
today = datetime.date(2026, 11, 18)
if what == "head":
    print(cal["prodid"], cal["version"], len([c for c in comps if c["kind"] == "VTODO"]),
          len([c for c in comps if c["kind"] == "VEVENT"]), sorted({c["dtstamp"] for c in comps}))
elif what == "todos":
    bad = []
    for c in comps:
        if c["kind"] != "VTODO": continue
        i = c["uid"][:-len("@cxo")]
        t, due, st, key, name = con.execute("SELECT ics_text(a.title), a.due, a.status, c.key, ics_text(c.name) FROM actions a JOIN clients c ON c.id = a.client_id WHERE a.id = ?", (i,)).fetchone()
        d = datetime.date.fromisoformat(due)
        prio = 1 if d < today else 5 if (d - today).days < 7 else 9
        want = [t, due, "IN-PROCESS" if st == "waiting" else "NEEDS-ACTION", prio, [key, name]]
        got = [c["summary"], c["due"], c["status"], c["priority"], c["categories"]]
        if got != want: bad.append("%s: got %r, want %r" % (i, got, want))
    print("\n".join(bad) or "ok")
elif what == "events":
    bad = []
    for c in comps:
        if c["kind"] != "VEVENT": continue
        uid = c["uid"]
        if uid.endswith("-due@cxo"):
            row = con.execute("SELECT \x27Mandate due: \x27 || ics_text(m.title), m.due, c.key, ics_text(c.name) FROM mandates m JOIN clients c ON c.id = m.client_id WHERE m.id = ?", (uid[:-8],)).fetchone()
        else:
            row = con.execute("SELECT \x27Risk review: \x27 || ics_text(r.title), r.review_date, c.key, ics_text(c.name) FROM risks r JOIN clients c ON c.id = r.client_id WHERE r.id = ?", (uid[:-11],)).fetchone()
        if not row: bad.append("%s: no such item" % uid); continue
        end = (datetime.date.fromisoformat(row[1]) + datetime.timedelta(days=1)).isoformat()
        want = [row[0], row[1], end, [row[2], row[3]]]
        got = [c["summary"], c["dtstart"], c["dtend"], c["categories"]]
        if got != want: bad.append("%s: got %r, want %r" % (uid, got, want))
    print("\n".join(bad) or "ok")
elif what == "uids":
    print(" ".join(sorted(c["uid"] for c in comps)))
elif what == "clients":
    print(sorted({c["categories"][0] for c in comps}))
'
	ics() { py "$1" "$_ics_py" "$db" "$2"; }
	listing=$OUT
	expect_eq "ics: PRODID with the version, the open dated actions as VTODOs, due days and reviews as VEVENTs, DTSTAMP the clock's, in UTC" \
		"$(ics "$listing" head)" \
		"-//cxo//cxo $("$CXO" --version | sed 's/^cxo //')//EN 2.0 $want_todos $want_events ['2026-11-18T12:00:00Z']"
	expect_eq "ics: each VTODO: title, DUE, status, priority (overdue 1, due soon 5, else 9), client's key and name" \
		"$(ics "$listing" todos)" ok
	expect_eq "ics: each VEVENT: all day (DTEND the next day), the item's title, the client" \
		"$(ics "$listing" events)" ok
	# The hostile titles come back exact, but for the escape character,
	# which RFC 5545 forbids and a terminal calendar would obey.
	hostile_ics=${hostile//$'\e'/}
	for kind in action risk mandate; do
		case $kind in
		action) id=$(sqlite3 -readonly "$db" "SELECT id FROM actions WHERE title LIKE 'Esc %'") pre= ;;
		risk) id=$(sqlite3 -readonly "$db" "SELECT id FROM risks WHERE title LIKE 'Esc %'")-review pre="Risk review: " ;;
		mandate) id=$(sqlite3 -readonly "$db" "SELECT id FROM mandates WHERE title LIKE 'Esc %'")-due pre="Mandate due: " ;;
		esac
		expect_eq "ics: a hostile $kind title escaped, without its ESC, and exact through libical" \
			"$(py "$listing" 'import json,sys; print([repr(c["summary"]) for c in map(json.loads, sys.stdin.read().splitlines()) if c.get("uid") == sys.argv[1]])' "$id@cxo")" \
			"$(py "" 'import sys; print([repr(sys.argv[1])])' "$pre$hostile_ics")"
	done
	check "ics: no escape character in the file" sh -c "! grep -q \$(printf '\\033') all.ics"
	check "ics: the hostile title escaped in the file" grep -qF 'Esc ' all.ics
	check "ics: ... its ; , \\ and line break" grep -qF '\; semi\, comma \\ back \\n literal\nnext line' all.ics
	expect_eq "ics: a description's line breaks and owner" \
		"$(py "$listing" 'import json,sys; print([c["description"] for c in map(json.loads, sys.stdin.read().splitlines()) if c.get("summary", "").startswith("Esc ")][0])')" \
		$'Owner: @owner\nWaiting for: -Someone since 2026-11-18'

	# The same UIDs from another export, a day later; -C: one client.
	at "2026-11-19 08:00:00" export --format ics -o later.ics
	expect_ok "ics: a day later"
	run "$ics_check" later.ics
	expect_eq "ics: UIDs stable across exports" "$(ics "$OUT" uids)" "$(ics "$listing" uids)"
	check "ics: DTSTAMP the new time" grep -q "^DTSTAMP:20261119T080000Z"$'\r$' later.ics
	run "$ics_check" acme.ics
	expect_ok "ics: -C acme parses"
	expect_eq "ics: -C acme holds acme's items only" "$(ics "$OUT" clients)" "['acme']"
else
	skip "libical's ics-check not built ($ics_check): the calendar not parsed by libical"
fi

# calcurse imports acme's calendar (it refuses a line break in a
# summary, which the other clients' hostile titles have): the counts, a
# todo by its summary, a day's events.
if command -v calcurse >/dev/null 2>&1; then
	acme_todos=$(sqlite3 -readonly "$db" "SELECT count(*) FROM actions a JOIN clients c ON c.id = a.client_id
		WHERE c.key = 'acme' AND a.status IN ('todo', 'waiting') AND a.due IS NOT NULL")
	acme_events=$(sqlite3 -readonly "$db" "SELECT (SELECT count(*) FROM mandates m JOIN clients c ON c.id = m.client_id
		WHERE c.key = 'acme' AND m.status = 'active' AND m.due IS NOT NULL)
		+ (SELECT count(*) FROM risks r JOIN clients c ON c.id = r.client_id
		WHERE c.key = 'acme' AND r.status IN ('open', 'mitigating') AND r.review_date IS NOT NULL)")
	IFS='|' read -r mdue mtitle <<<"$(sqlite3 -readonly "$db" "SELECT m.due, m.title FROM mandates m
		JOIN clients c ON c.id = m.client_id WHERE c.key = 'acme' AND m.status = 'active'
		AND m.due IS NOT NULL ORDER BY m.due LIMIT 1")"
	IFS='|' read -r rdue rtitle <<<"$(sqlite3 -readonly "$db" "SELECT r.review_date, r.title FROM risks r
		JOIN clients c ON c.id = r.client_id WHERE c.key = 'acme' AND r.status IN ('open', 'mitigating')
		AND r.review_date IS NOT NULL ORDER BY r.review_date LIMIT 1")"
	mkdir -p cal
	run calcurse -D "$PWD/cal" -i acme.ics
	expect_ok "calcurse imports the calendar"
	expect_out "calcurse: every event and todo, none skipped" "0 apps / $acme_events events / $acme_todos todos / 0 skipped"
	run calcurse -D "$PWD/cal" -t
	expect_out "calcurse: a todo found by its summary, with its priority" "5. Zoë's review in 東京"
	run calcurse -D "$PWD/cal" -Q --input-datefmt 4 --from "$mdue" --days 1
	expect_out "calcurse: a mandate's due day" "Mandate due: $mtitle"
	run calcurse -D "$PWD/cal" -Q --input-datefmt 4 --from "$rdue" --days 1
	expect_out "calcurse: a risk's review day" "Risk review: $rtitle"
else
	skip "calcurse not installed: the calendar not imported"
fi

# A schema 1 file, read as it is: no entry sources, the person waited
# for kept in the owner (direct SQL, as t-errors.sh makes it).
sqlite3 "$db" "VACUUM INTO '$PWD/old.db'"
v1_entries='CREATE TABLE time_entries ( id TEXT NOT NULL PRIMARY KEY CHECK (length(id) = 36 AND id NOT GLOB '\''*[^0-9a-f-]*'\''), client_id TEXT NOT NULL REFERENCES clients(id) ON DELETE CASCADE, mandate_id TEXT REFERENCES mandates(id) ON DELETE SET NULL, day TEXT NOT NULL CHECK (day GLOB '\''[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'\''), minutes INTEGER NOT NULL  CHECK (typeof(minutes) = '\''integer'\'' AND minutes > 0 AND minutes <= 1440), note TEXT CHECK (length(note) <= 10000), billable INTEGER NOT NULL DEFAULT 1 CHECK (billable IN (0, 1)), created TEXT NOT NULL CHECK (created GLOB '\''[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]:[0-6][0-9]Z'\''))'
sqlite3 old.db "$schema_5_undo"'DROP INDEX actions_open_client_list;
	UPDATE actions SET owner = waiting_for WHERE status = '"'waiting'"';
	ALTER TABLE actions DROP COLUMN waiting_for;
	DROP TRIGGER risk_cells_insert; DROP TRIGGER risk_cells_delete;
	DROP TRIGGER risk_cells_update_old; DROP TRIGGER risk_cells_update_new; DROP TABLE risk_cells;
	DROP TRIGGER entry_days_insert; DROP TRIGGER entry_days_delete;
	DROP TRIGGER entry_days_update; DROP TABLE entry_days;
	DROP INDEX risks_open_client_score;
	DROP INDEX mandates_id_title; DROP INDEX risks_id_title;
	ALTER TABLE time_entries RENAME TO te2;
	'"$v1_entries"';
	INSERT INTO time_entries SELECT id, client_id, mandate_id, day, minutes, note, billable, created
	 FROM te2;
	DROP TABLE te2;
	CREATE INDEX time_entries_client_day ON time_entries(client_id, day, minutes, billable);
	CREATE INDEX time_entries_day ON time_entries(day, minutes, billable);
	CREATE INDEX time_entries_mandate ON time_entries(mandate_id) WHERE mandate_id IS NOT NULL;
	PRAGMA user_version = 1;'
chmod 600 old.db
# _same_py OLD NEW COLUMN[:STATUS]...: "same" when the two CSV files
# differ only in those columns, empty in OLD (COLUMN:STATUS: only in the
# rows of that status, as a waiting action's owner).
_same_py='
import csv, sys
old, new, cols = sys.argv[1], sys.argv[2], sys.argv[3:]
a = list(csv.reader(open(old, newline="", encoding="utf-8")))
b = list(csv.reader(open(new, newline="", encoding="utf-8")))
idx = [b[0].index(c.split(":")[0]) for c in cols]
for r in b[1:]:
    for c, i in zip(cols, idx):
        if ":" not in c or r[b[0].index("status")] == c.split(":")[1]:
            r[i] = ""
print("same" if a == b else "differ: %r" % [x for x in zip(a, b) if x[0] != x[1]][:1])
'
for t in hours actions risks mandates; do
	at "$now" -d "$PWD/old.db" export --format csv --what "$t" -o "old-$t.csv"
	expect_ok "csv $t: a schema 1 file"
done
expect_eq "csv hours, schema 1: the same rows, no start or end" \
	"$(py "" "$_same_py" old-hours.csv all-hours.csv start end)" same
expect_eq "csv actions, schema 1: the same rows, a waiting action's owner unknown" \
	"$(py "" "$_same_py" old-actions.csv all-actions.csv owner:waiting)" same
check "csv risks, schema 1: the same rows" cmp -s old-risks.csv all-risks.csv
check "csv mandates, schema 1: the same rows" cmp -s old-mandates.csv all-mandates.csv
at "$now" -d "$PWD/old.db" export --format ics -o old.ics
expect_ok "ics: a schema 1 file"
check "ics, schema 1: the same calendar but the waiting actions' owners" \
	cmp -s <(grep -av '^DESCRIPTION:Owner' old.ics) <(grep -av '^DESCRIPTION:Owner' all.ics)

run bash -c '"$CXO" export --format ics >/dev/full'
expect_rc 74 "ics: a full disk is exit 74"
expect_err "ics: ... said" "cannot write the calendar"

echo keep >exists.ics
at "$now" export --format ics -o exists.ics
expect_rc 73 "ics: an existing file refused"
expect_eq "ics: ... and left as it was" "$(cat exists.ics)" keep

finish

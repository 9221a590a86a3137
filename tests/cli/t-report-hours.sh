# t-report-hours.sh: `cxo report hours`, the statement that goes with an
# invoice: every figure against sums made here with sqlite3 (per client
# and month, billable and not), on the sample portfolio and on a small
# generated one; CSV read back with python3's csv module; JSON minutes
# and cents; Markdown through cmark; HTML printed by Chromium; the file
# never overwritten without --force; bad periods refused; hostile text
# never reaching the output raw.
. "$(dirname "$0")/lib.sh"

db=$PWD/cxo.db
export CXO_DB=$db
run cxo init --sample
expect_ok "init --sample"

this=$(date +%Y-%m)
last=$(date -d "$(date +%Y-%m-01) -1 day" +%Y-%m)
next_of() { date -d "$1-01 +1 month" +%Y-%m-%d; }

# sums KEY FROM TO: "entries|minutes|billable minutes" of from <= day < to.
sums() {
	sqlite3 -readonly "$db" "SELECT count(*), coalesce(sum(minutes), 0),
		coalesce(sum(CASE WHEN billable = 1 THEN minutes ELSE 0 END), 0)
		FROM time_entries e JOIN clients c ON c.id = e.client_id
		WHERE c.key = '$1' AND e.day >= '$2' AND e.day < '$3'"
}
# terms KEY: "budget minutes|rate cents|currency".
terms() {
	sqlite3 -readonly "$db" "SELECT budget_minutes, rate_cents, currency FROM clients WHERE key = '$1'"
}
# cents MINUTES RATE: minutes at an hourly rate, half up to the cent.
cents() { echo $((($1 * $2 + 30) / 60)); }
# hours MINUTES: as cxo shows them (hundredths half up, no trailing zero).
hours() {
	local h=$((($1 * 100 + 30) / 60))
	local w=$((h / 100)) f=$((h % 100))
	if [ $f = 0 ]; then echo "${w}h"
	elif [ $((f % 10)) = 0 ]; then echo "$w.$((f / 10))h"
	else printf '%d.%02dh\n' $w $f; fi
}
# money CENTS CUR: "4,050.00 USD".
money() { LC_ALL=C.UTF-8 python3 -c 'import sys; c=int(sys.argv[1]); print(f"{c//100:,}.{c%100:02d} {sys.argv[2]}")' "$1" "$2"; }

# check_month KEY MONTH [TAG]: the JSON statement of the month against
# the sums (no rollover: the sample's terms are the defaults).
check_month() {
	local key=$1 month=$2 tag=${3:-sample} from to n m b bud rate cur want
	from=$month-01
	to=$(next_of "$month")
	IFS='|' read -r n m b <<<"$(sums "$key" "$from" "$to")"
	IFS='|' read -r bud rate cur <<<"$(terms "$key")"
	if [ "$bud" -gt 0 ]; then
		over=$((b > bud ? b - bud : 0))
		want=$(($(cents "$bud" "$rate") + $(cents "$over" "$rate")))
	else
		want=$(cents "$b" "$rate")
	fi
	run cxo report hours -C "$key" --month "$month" --format json
	expect_ok "$tag: report hours $key $month (json)"
	expect_eq "$tag: $key $month: entries, minutes, billable, non-billable, cents" \
		"$(json '[len(d["entries"]), sum(e["minutes"] for e in d["entries"]), d["totals"]["minutes"], d["totals"]["billable_minutes"], d["totals"]["nonbillable_minutes"], d["totals"]["amount_cents"], d["totals"]["budget_minutes"]]')" \
		"[$n, $m, $m, $b, $((m - b)), $want, $([ "$bud" -gt 0 ] && echo "$bud" || echo null)]"
}

for key in acme medix northwind cloudly; do
	check_month "$key" "$this"
	check_month "$key" "$last"
done

# ---- Markdown: the totals, tables cmark reads ----
IFS='|' read -r n m b <<<"$(sums acme "$last-01" "$(next_of "$last")")"
IFS='|' read -r bud rate cur <<<"$(terms acme)"
run cxo report hours -C acme --month last --output stmt.md
expect_ok "report hours --output stmt.md"
expect_err "says what it wrote" "wrote stmt.md"
check "stmt.md is private (0600)" test "$(stat -c %a stmt.md)" = 600
_slurp md stmt.md
expect_eq "md: the recorded total" "$([[ $md == *"**Hours recorded:** $(hours "$m")"* ]] && echo yes)" yes
expect_eq "md: the billable total" "$([[ $md == *"**Billable:** $(hours "$b")"* ]] && echo yes)" yes
expect_eq "md: the retainer at the rate" "$([[ $md == *"$(money "$(cents "$bud" "$rate")" "$cur")"* ]] && echo yes)" yes
expect_eq "md: a row per entry in the entries table" \
	"$(grep -cE '^\| [0-9]{4}-[0-9]{2}-[0-9]{2} \| [^|]+ \| (yes|no) \|' stmt.md)" "$n"
check_md stmt.md

# --group: subtotals that add up
for g in mandate week day; do
	run cxo report hours -C acme --month last --group "$g" --format json
	expect_eq "--group $g: the subtotals add up to the total" \
		"$(json '[d["group"], sum(x["minutes"] for x in d["groups"]), sum(x["billable_minutes"] for x in d["groups"]), sum(x["entries"] for x in d["groups"])]')" \
		"[\"$g\", $m, $b, $n]"
done
run cxo report hours -C acme --month last --group week
expect_out_re "--group week: ISO weeks" "^\| [0-9]{4}-W[0-9]{2} \(from [0-9-]{10}\) \|"

# --from/--to: inclusive days
from=$last-05
to=$last-20
IFS='|' read -r n m b <<<"$(sums acme "$from" "$last-21")"
run cxo report hours -C acme --from "$from" --to "$to" --format json
expect_eq "--from/--to: both days in" \
	"$(json '[d["period"]["from"], d["period"]["to"], d["period"]["month"], len(d["entries"]), d["totals"]["minutes"], d["totals"]["billable_minutes"], d["totals"]["amount_cents"]]')" \
	"[\"$from\", \"$to\", null, $n, $m, $b, $(cents "$b" "$rate")]"

# --all-clients: an element per active client
run cxo report hours --all-clients --month last --format json
expect_eq "--all-clients: each client's minutes" \
	"$(json '[[c["client"], c["totals"]["minutes"]] for c in d["clients"]]')" \
	"[$(for k in acme medix northwind cloudly; do IFS='|' read -r n m b <<<"$(sums $k "$last-01" "$(next_of "$last")")"; printf '["%s", %s], ' $k $m; done | sed 's/, $//')]"

# ---- a lock and a rollover, set in the store ----
acme=$(sqlite3 -readonly "$db" "SELECT id FROM clients WHERE key = 'acme'")
sqlite3 "$db" "INSERT INTO month_locks(client_id, month, invoice, locked) VALUES ('$acme', '$last', 'INV-2041', '$(date -u +%Y-%m-%dT12:00:00Z)')"
sqlite3 "$db" "INSERT INTO client_terms(client_id, legal_name, rollover_cap_minutes) VALUES ('$acme', 'Acme Advisory Group LLC', 300)"
run cxo report hours -C acme --month last
expect_out "the lock and its invoice" "Locked as invoiced on $(date +%F), invoice INV-2041."
expect_out "the legal name" "**Client:** Acme Advisory Group LLC"
run cxo report hours -C acme --month this
expect_out_not "this month is not locked" "Locked as invoiced"
# rollover: last month's unused budget, at most 300 minutes, rolls in
prev=$(date -d "$last-01 -1 day" +%Y-%m)
IFS='|' read -r pn pm pb <<<"$(sums acme "$prev-01" "$last-01")"
IFS='|' read -r n m b <<<"$(sums acme "$last-01" "$(next_of "$last")")"
in=$((bud - pb > 0 ? bud - pb : 0)); in=$((in > 300 ? 300 : in))
out=$((bud - b > 0 ? bud - b : 0)); out=$((out > 300 ? 300 : out))
run cxo report hours -C acme --month last --format json
expect_eq "rollover in and out, the lock (json)" \
	"$(json '[d["legal_name"], d["totals"]["rolled_in_minutes"], d["totals"]["available_minutes"], d["totals"]["rolled_out_minutes"], d["lock"]["invoice"]]')" \
	"[\"Acme Advisory Group LLC\", $in, $((bud + in)), $out, \"INV-2041\"]"

# ---- the file: never overwritten without --force ----
printf 'keep me\n' >kept.md
run cxo report hours -C acme --output kept.md
expect_rc 73 "an existing --output file is refused (73)"
expect_err "the refusal names the file" "kept.md"
expect_eq "the file is unchanged" "$(cat kept.md)" "keep me"
run cxo report hours -C acme --output kept.md --force
expect_ok "--force replaces it"
expect_eq "replaced by the statement" "$(head -1 kept.md)" "# Hours statement: Acme Advisory Group, $(date +'%B %Y')"

# ---- bad input: named, 64, nothing written ----
run cxo report hours --month 2026-13 --output bad.md
expect_rc 64 "a bad --month is a usage error"
expect_err "it names the value" '"2026-13"'
check "and writes nothing" test ! -e bad.md
run cxo report hours --month nov
expect_rc 64 "--month nov"
expect_err "names nov" '"nov"'
run cxo report hours --from 2026-11-10 --to 2026-11-01
expect_rc 64 "--to before --from"
expect_err "names both days" "--to 2026-11-01 is before --from 2026-11-10"
run cxo report hours --month last --from 2026-11-01
expect_rc 64 "--month with --from"
run cxo report hours --format pdf
expect_rc 64 "--format pdf"
expect_err "names it and what is accepted" '"pdf" (expected md, html, json or csv)'
run cxo report hours --group year
expect_rc 64 "--group year"
expect_err "names it" '"year" (expected mandate, week or day)'
run cxo report hours --force
expect_rc 64 "--force without --output"
run cxo report
expect_rc 64 "report alone asks for a subcommand"
expect_err "naming them" "expected one of hours, risks, board, week"

# ---- only its whole name runs report: r stays risk ----
run cxo r list
expect_ok "cxo r is still risk"
run cxo rep hours
expect_rc 64 "no prefix runs report"
run cxo report h --format json
expect_ok "its subcommands take prefixes"

# ---- completion, from the command table ----
run cxo __complete report ''
expect_eq "completes the reports" "$(printf '%s' "$OUT" | tr '\n' ' ')" "hours risks board week "
run cxo __complete report hours --format ''
expect_eq "completes the formats of hours" "$(printf '%s' "$OUT" | tr '\n' ' ')" "md html json csv "
run cxo __complete report hours --group ''
expect_eq "completes the groupings" "$(printf '%s' "$OUT" | tr '\n' ' ')" "mandate week day "

# ---- a generated portfolio: a year of entries ----
gen=$PWD/gen.db
python3 "$CXO_SOURCE_DIR/sample-data/generate-portfolio" --cxo "$CXO" --entries 400 \
	--actions 60 --open 12 --risks 12 --mandates 8 --notes 12 --years 1 "$gen" >/dev/null 2>&1
check "the generated portfolio" test -s "$gen"
db=$gen
export CXO_DB=$gen
for key in acme medix northwind cloudly; do
	for month in "$this" "$last" "$(date -d "$last-01 -1 month" +%Y-%m)"; do
		check_month "$key" "$month" generated
	done
done
db=$PWD/cxo.db
export CXO_DB=$db

# ---- hostile text: CSV, Markdown and HTML ----
run cxo client add evil --name 'Evil <b>Co</b> | ®' --budget 10 --rate 100
run cxo -C evil mandate add '<script>alert(1)</script> | *bold* [x](javascript:y)'
esc=$(printf '\033]0;owned\007\033[31m')
run cxo -C evil log --mandate script --date "$this-01" 1h "=HYPERLINK(\"http://x\",\"y\")"
run cxo -C evil log --date "$this-01" 30m -- "-2+3 ${esc}red <script>x</script> | pipe"
run cxo -C evil log --date "$this-01" --non-billable 45m '@SUM(A1) he said "hi", then left'
run cxo -C evil log --date "$this-01" 15m "+1 line one
line two"
IFS='|' read -r n m b <<<"$(sums evil "$this-01" "$(next_of "$this")")"
expect_eq "the hostile entries are stored" "$n|$m|$b" "4|150|105"

run cxo -C evil report hours --output evil.csv
expect_ok "report hours --output evil.csv (the format from the name)"
_csv_py='
import csv, io, sys
raw = open(sys.argv[1], encoding="utf-8", newline="").read()
rows = list(csv.reader(io.StringIO(raw, newline="")))
lines = raw.split("\r\n")
out = [str(raw.count("\r\n") == raw.count("\n")), str(raw.endswith("\r\n")),
       str("\x1b" in raw), ",".join(rows[0]), str(len(rows) - 1),
       str(sum(int(r[2]) for r in rows[1:]))]
out += sorted("%s|%s|%s" % (r[1], r[3], r[5]) for r in rows[1:])
out.append(str(all(r[1] == "%d.%02d" % divmod((int(r[2]) * 100 + 30) // 60, 100) for r in rows[1:])))
print("\n".join(out))
'
expect_eq "csv: CRLF, no ESC, header, rows, minutes, cells neutralised, hours to 2 places" \
	"$(py "" "$_csv_py" evil.csv)" \
	"True
True
False
date,hours,minutes,billable,mandate,note
4
150
0.25|yes|'+1 line one line two
0.50|yes|'-2+3 ]0;owned[31mred <script>x</script> | pipe
0.75|no|'@SUM(A1) he said \"hi\", then left
1.00|yes|'=HYPERLINK(\"http://x\",\"y\")
True"
run cxo -C evil report hours --format csv
expect_out "csv: quotes doubled" '"'"'"'=HYPERLINK(""http://x"",""y"")"'
expect_out "csv: the mandate is a cell of its own" ',<script>alert(1)</script> | *bold* [x](javascript:y),'

run cxo -C evil report hours --output evil.md
expect_ok "hostile: markdown"
_slurp md evil.md
expect_eq "md: no ESC" "$([[ $md == *$'\e'* ]] && echo raw || echo none)" none
expect_eq "md: no raw <script>" "$([[ $md == *'<script>'* ]] && echo raw || echo none)" none
expect_eq "md: the pipe escaped in cells" "$([[ $md == *'\| pipe'* ]] && echo yes)" yes
check_md evil.md

run cxo -C evil report hours --output evil.html
expect_ok "hostile: html"
_slurp html evil.html
expect_eq "html: no ESC" "$([[ $html == *$'\e'* ]] && echo raw || echo none)" none
expect_eq "html: the text escaped" "$([[ $html == *'&lt;script&gt;alert(1)&lt;/script&gt;'* ]] && echo yes)" yes
check_html_pdf evil.html "Hours recorded 2.5h" "Billable 1.75h" "Non-billable 0.75h" \
	"Amount 1,000.00 USD" "Total 4 2.5h 1.75h 0.75h"

run cxo -C evil report hours --format html
expect_ok "html on stdout"
expect_out "a whole document" "<!DOCTYPE html>"

finish

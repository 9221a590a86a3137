# t-hours.sh: how hours are shown: decimal hours with up to two places
# (2h, 2.5h, 0.75h, 5.08h) or H:MM, totals that add up to the rows as
# shown or say they are exact, and the same text wherever a number of
# minutes appears.
. "$(dirname "$0")/lib.sh"

today=$(date +%F)
month=${today:0:7}

run cxo client add acme --name "Acme" --budget 12.5 --rate 225.50
expect_ok "client add acme (12.5h a month at 225.50)"
run cxo use acme
expect_ok "use acme"

# ---- the display: two places where needed ----
run cxo log 2.5h "workshop"
expect_out "log 2.5h shows 2.5h" "logged 2.5h for acme"
for n in 1 2 3; do
	run cxo log 45m "call $n"
	expect_out "log 45m shows 0.75h, not 0.8h ($n)" "logged 0.75h for acme"
done
run cxo log 20m "short call" --non-billable
expect_out "log 20m shows 0.33h" "logged 0.33h non-billable for acme"
expect_out "the month so far: 5.08h, the truth (5:05)" "; 5.08h of 12.5h this month"

run cxo hours
expect_ok "hours"
expect_eq "the rows: 2.5h, three 0.75h, 0.33h" \
	"$(printf '%s\n' "$OUT" | awk 'length($1) == 8 && $1 ~ /^[0-9a-f]+$/ { print $3 }' | sort | tr '\n' ' ')" \
	"0.33h 0.75h 0.75h 0.75h 2.5h "
expect_out "the total is the sum of the rows as shown: 5.08h" "acme $month: 5.08h of 12.5h"
expect_out "billable: 4.75h" "billable 4.75h"
expect_out_not "no exactness note when the rows add up" "exactly"
expect_out_not "no tenths left: 0.8h" "0.8h"

# Three rows of 20 minutes show 0.33h each, 0.99h together: the total of
# one hour says it is the exact one.
run cxo client add beta --name "Beta" --budget 10
expect_ok "client add beta"
for n in 1 2 3; do
	run cxo -C beta log 20m "twenty $n"
done
run cxo -C beta hours
expect_out "rows that do not add up: the total says it is exact" \
	"beta $month: 1h (1:00 exactly) of 10h (10%), billable 1h (1:00 exactly)"
run cxo hours --all-clients
expect_out "all clients: each client's total" "beta $month: 1h (1:00 exactly) of 10h"
expect_out "all clients: the grand total says so too" "total $month: 6.08h (6:05 exactly) of 120h capacity"
run cxo overview
expect_out "overview: hours against the budget" "5.08/12.5h"
expect_out "overview: the logged total adds up the rows (5.08 + 1)" "; 6.08h logged this month"
run cxo status --format '%h/%b'
expect_out "status: the same numbers" "5.08/12.5h"

# A 20-second timer is a one-minute entry: 0.02h, never 0.0h.
if have_faketime; then
	run fake "@$today 06:00:00" "$CXO" -C beta start "quick check"
	expect_ok "start (pinned clock)"
	run fake "@$today 06:00:20" "$CXO" stop
	expect_ok "stop after 20 seconds"
	expect_out "a 20-second timer logs 0.02h" "stopped timer: logged 0.02h for beta"
	expect_out_not "and not 0.0h" "0.0h"
	run cxo -C beta hours --format json
	expect_eq "stored as one minute" "$(json '[e["minutes"] for e in d["entries"] if e["note"]=="quick check"]')" "[1]"
else
	skip "timer checks need faketime"
fi

# ---- TSV for invoices: numbers, not text ----
# field NAME LINE...: the field named NAME (by the header) of each row.
field() {
	printf '%s\n' "$OUT" | awk -F'\t' -v name="$1" -v note="$2" '
		NR == 1 { for (i = 1; i <= NF; i++) col[$i] = i; next }
		NF == 0 { next }
		note == "" || $col["note"] == note { print $col[name] }'
}
run cxo hours --format tsv
expect_ok "hours --format tsv"
expect_eq "tsv: the columns" "$(printf '%s\n' "$OUT" | head -1)" \
	"$(printf 'id\tdate\tminutes\thours\tbillable\trate\tamount\tcurrency\tmandate\tnote')"
expect_eq "tsv: minutes as an integer" "$(field minutes "call 1")" "45"
expect_eq "tsv: hours with two places, no unit" "$(field hours "call 1")" "0.75"
expect_eq "tsv: whole hours with two places too" "$(field hours "workshop")" "2.50"
expect_eq "tsv: billable is true" "$(field billable "call 1")" "true"
expect_eq "tsv: non-billable is false" "$(field billable "short call")" "false"
expect_eq "tsv: the client's rate" "$(field rate "call 1")" "225.50"
expect_eq "tsv: amount = hours x rate, to the cent (0.75 x 225.50 = 169.125)" \
	"$(field amount "call 1")" "169.13"
expect_eq "tsv: amount of 2.5h" "$(field amount "workshop")" "563.75"
expect_eq "tsv: a non-billable entry bills nothing" "$(field amount "short call")" "0.00"
expect_eq "tsv: the currency" "$(field currency "call 1")" "USD"
expect_eq "tsv: the amounts add up to the hours billed at the rate" \
	"$(field amount | awk '{ s += $1 } END { printf "%.2f", s }')" "1071.14"
check "tsv: no unit, star or thousands separator anywhere" \
	eval '[[ $OUT != *"*"* && $OUT != *"0.75h"* && $OUT != *","* ]]'
run cxo -C beta hours --format tsv
expect_eq "tsv: no rate, no amount: empty fields" \
	"$(field rate "twenty 1")|$(field amount "twenty 1")|$(field currency "twenty 1")" "||"
expect_eq "tsv: 20 minutes is 0.33" "$(field hours "twenty 1")" "0.33"

# JSON: each total named for what it is.
run cxo hours --all-clients --format json
expect_json "hours --all-clients --format json"
expect_eq "json: an entry's rate and amount in cents" \
	"$(json '[(e["rate_cents"], e["amount_cents"], e["currency"]) for e in d["entries"] if e["note"]=="call 1"]')" \
	'[[22550, 16913, "USD"]]'
expect_eq "json: no rate is null" \
	"$(json '[(e["rate_cents"], e["amount_cents"]) for e in d["entries"] if e["note"]=="twenty 1"]')" \
	'[[null, null]]'
expect_eq "json: the total's budgets are the sum of the clients' budgets (12.5h + 10h)" \
	"$(json 'd["total"]["budgets_minutes"]')" "1350"
expect_eq "json: the capacity is the setting (120h)" "$(json 'd["total"]["capacity_minutes"]')" "7200"
expect_eq "json: no budget_minutes in the total any more" "$(json '"budget_minutes" in d["total"]')" "false"
expect_eq "json: the total's percent is of the capacity" "$(json 'd["total"]["percent_used"]')" \
	"$(json 'd["total"]["minutes"] * 100 // 7200')"
expect_eq "json: a client's summary keeps its budget" \
	"$(json '[s["budget_minutes"] for s in d["summary"] if s["client"]=="acme"]')" "[750]"

# The other lists print no decorations in TSV either.
run cxo overview --format tsv
expect_eq "overview tsv: current is true or false, not *" "$(field current | sort -u | tr '\n' ' ')" "false true "
expect_eq "overview tsv: minutes, not 5.08/12.5h" \
	"$(printf '%s\n' "$OUT" | awk -F'\t' '$2 == "acme" { print $5 "/" $6 }')" "305/750"
run cxo client list --format tsv
expect_eq "client list tsv: the budget in minutes, the rate apart from its currency" \
	"$(printf '%s\n' "$OUT" | awk -F'\t' '$2 == "acme" { print $6 "|" $7 "|" $8 }')" "750|225.50|USD"
run cxo risk add "Old firewall" --likelihood 3 --impact 4 --review 2020-01-01
expect_ok "risk add, review long past"
run cxo risk list --format tsv
expect_eq "risk list tsv: the review day alone, due as true" \
	"$(printf '%s\n' "$OUT" | awk -F'\t' 'NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next } NF { print $c["review"] "|" $c["review_due"] "|" $c["residual_score"] }')" \
	"2020-01-01|true|"

# ---- the clock style ----
mkdir -p "$XDG_CONFIG_HOME/cxo"
printf 'hours_style = "clock";\n' >"$XDG_CONFIG_HOME/cxo/config"
run cxo hours
expect_out "clock: the total as H:MM" "acme $month: 5:05 of 12:30"
expect_out "clock: a row of 45 minutes" "0:45"
run cxo -C beta hours
expect_out_not "clock: exact already, no note" "exactly"
run cxo status --format '%h/%b'
expect_out "clock: the status line too" "5:05/12:30"
run cxo hours --format tsv
expect_eq "clock: tsv keeps decimal hours, for spreadsheets" "$(field hours "call 1")" "0.75"
rm -f "$XDG_CONFIG_HOME/cxo/config"

# ---- hours per mandate: this month and in all ----
last_month=$(date -d "$month-01 -1 day" +%F)
run cxo mandate add "Vendor selection" --due +30d
expect_ok "mandate add"
run cxo mandate add "Nothing logged yet"
run cxo log 45m "vendor call" --mandate "Vendor selection"
expect_ok "log against the mandate"
run cxo log 1.5h "vendor demo" --mandate "Vendor selection" --date "$last_month"
expect_ok "log against the mandate last month"
run cxo mandate list
expect_ok "mandate list"
expect_out "mandate list: the hours columns" "MONTH  TOTAL"
expect_out_re "mandate list: 0.75h this month, 2.25h in all" 'Vendor selection .* 0\.75h +2\.25h'
expect_out_re "mandate list: none yet shows 0h" 'Nothing logged yet .* 0h +0h'
run cxo mandate list --format tsv
expect_eq "mandate list tsv: minutes this month and in all" \
	"$(printf '%s\n' "$OUT" | awk -F'\t' 'NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next }
		$c["title"] == "Vendor selection" { print $c["month_minutes"] "|" $c["total_minutes"] }')" "45|135"
run cxo mandate list --all-clients --format json
expect_eq "mandate list json: minutes this month and in all" \
	"$(json '[(m["month_minutes"], m["total_minutes"]) for m in d if m["title"]=="Vendor selection"]')" "[[45, 135]]"
run cxo hours edit "$(cxo hours --format json | python3 -c 'import json,sys; print([e["id"] for e in json.load(sys.stdin)["entries"] if e["note"]=="vendor call"][0][:8])')" --mandate none
expect_ok "unlink the entry from the mandate"
run cxo mandate list --format json
expect_eq "mandate list json: the unlinked entry no longer counts" \
	"$(json '[(m["month_minutes"], m["total_minutes"]) for m in d if m["title"]=="Vendor selection"]')" "[[0, 90]]"

finish

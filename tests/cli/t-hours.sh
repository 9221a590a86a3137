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
rm -f "$XDG_CONFIG_HOME/cxo/config"

finish

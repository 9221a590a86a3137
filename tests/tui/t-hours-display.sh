# t-hours-display.sh: the dashboard shows hours as the shell does (0.75h,
# 12.5h) and its forms pre-fill them the same way: the hours entry form a
# duration of 45 minutes as 0.75h, the client form a budget of 12.5 hours
# as 12.5h; saved unchanged, they keep their minutes.  A mandate's detail
# (Enter) has its hours this month and in all.
. "$(dirname "$0")/lib.sh"

# json EXPR: python3 over the JSON of the last command's output (d).
json() { printf '%s' "$OUT" | python3 -c "import json, sys; d = json.load(sys.stdin); print($1)"; }

sample_db
# A mandate due tomorrow, first in its panel, with hours this month and last.
run cxo -d "$DB" -C acme mandate add "Hours-tracked decision" --due +1d
expect_ok "mandate add"
run cxo -d "$DB" -C acme log 45m "On the decision" --mandate "Hours-tracked decision"
expect_ok "log against the mandate"
run cxo -d "$DB" -C acme log 1.5h "Earlier on the decision" --mandate "Hours-tracked decision" \
	--date "$(date -d "$(date +%Y-%m-01) -1 day" +%F)"
expect_ok "log against the mandate last month"
run cxo -d "$DB" -C acme log 45m "Forty-five minute check-in"
expect_ok "log 45m through the shell"
run cxo -d "$DB" client edit acme --budget 12.5
expect_ok "acme's budget to 12.5 hours"

tui_start 120 40 -C acme
wait_for "dashboard up on acme" "Hours-tracked decision" 15 || exit 0
expect_screen "an entry of 45 minutes shows 0.75h" "0.75h  Forty-five minute check-in"
expect_screen "the budget shows 12.5h" "budget 12.5h a month"
expect_screen_not "no tenths of an hour" "0.8h"

# Enter on the mandate (the first of the focused Mandates panel): its
# hours this month and in all.
keys Enter
wait_for "Enter opens the mandate's detail" "Hours-tracked decision"
wait_for "the detail has the mandate's hours" "0.75h this month, 2.25h in all"
keys Escape
wait_gone "Esc closes the detail" "this month, 2.25h in all"

# l moves from Mandates to Hours; the latest entry is the first.
keys l e
wait_for "e on the entry opens its form" "Edit hours entry"
expect_screen "the duration pre-filled as shown: 0.75h" "[0.75h"
expect_screen_not "not as 0h45m" "0h45m"
keys Enter
wait_gone "saved unchanged" "Edit hours entry"
run cxo -d "$DB" -C acme hours --format json
expect_eq "still 45 minutes" \
	"$(json '[e["minutes"] for e in d["entries"] if e["note"]=="Forty-five minute check-in"]')" "[45]"

# The client form, from the portfolio.
keys 0
wait_for "the portfolio" "Capacity:"
keys e
wait_for "e on the acme card opens the client form" "Budget:"
expect_screen "the budget pre-filled as shown: 12.5h" "[12.5h"
expect_screen_not "not as a clock" "12:30"
keys Enter
wait_gone "saved unchanged" "Budget:"
run cxo -d "$DB" client list --format json
expect_eq "still 750 minutes" "$(json '[c["budget_minutes"] for c in d if c["key"]=="acme"]')" "[750]"
quit_dashboard

# The clock style: the same figures as H:MM, in the panels and the forms.
mkdir -p "$XDG_CONFIG_HOME/cxo"
printf 'hours_style = "clock";\n' >"$XDG_CONFIG_HOME/cxo/config"
tui_start 120 40 -C acme
wait_for "clock: dashboard up" "Forty-five minute check-in" 15 || exit 0
expect_screen "clock: the entry as 0:45" "0:45  Forty-five minute check-in"
expect_screen "clock: the budget as 12:30" "budget 12:30 a month"
keys e
wait_for "clock: the entry form" "Edit hours entry"
expect_screen "clock: pre-filled as 0:45" "[0:45"
keys Escape
wait_gone "clock: Esc closes it" "Edit hours entry"
quit_dashboard "clock"
rm -f "$XDG_CONFIG_HOME/cxo/config"
exit 0

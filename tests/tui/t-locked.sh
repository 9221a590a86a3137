# t-locked.sh: a month locked as invoiced refuses the dashboard's writes
# into it: the hours form (a new entry and an edited one) and x on an
# entry.  Each refusal shows in the status bar, naming the invoice, the
# dashboard keeps running, and nothing is written.  The Hours panel says
# the month is locked and, under billing terms that round or roll hours
# over, paces the billed hours against the available ones as `cxo hours`
# does.
. "$(dirname "$0")/lib.sh"

sample_db
# The sample's latest entries are this month's and last month's: lock both.
run cxo -d "$DB" -C acme hours lock --month this --invoice INV-THIS
expect_ok "lock this month"
run cxo -d "$DB" -C acme hours lock --month last --invoice INV-LAST
expect_ok "lock last month"
run cxo -d "$DB" -C acme client edit acme --round 1h --round-mode up --rollover-cap 3h
expect_ok "terms that round to the hour and roll 3h over"
run cxo -d "$DB" -C acme hours --format json
read -r billed available percent < <(printf '%s' "$OUT" | python3 -c '
import json, sys
b = json.load(sys.stdin)["summary"][0]["billing"]
print(b["billed_minutes"], b["available_minutes"], b["percent_used"])')
run cxo -d "$DB" -C acme hours --format json --from "$(date -d '-70 days' +%F)"
before=$OUT

tui_start 120 40 -C acme
wait_for "dashboard up" "1 Acme" 15 || exit 0
settle "Send the board deck draft"
month="$(date +'%B %Y') (locked)"
expect_screen "the Hours panel says the month is locked" "$month"
shown=$(screen_line "$(date +'%B %Y') \\(locked\\)")
check "it shows the billed hours against the available ones, $((billed / 60))h of $((available / 60))h, $percent% ($shown)" \
	eval '[[ $shown == *"billed $((billed / 60))h of $((available / 60))h  $percent%"* ]]'

# A new entry today.
keys L
wait_for "the hours form" "Log hours"
type_text "1h"
keys Tab
type_text "Refused work"
keys Enter
wait_for "a new entry is refused in the status bar" "are locked as invoiced (invoice INV-THIS)"
keys Escape
wait_gone "Esc closes the form" "Log hours"
expect_screen "the dashboard runs on" "1 Acme"

# The latest entry, edited: focus the Hours panel, its first entry.
keys l g e
wait_for "the entry's form" "Duration:"
keys C-u
type_text "7h"
keys Enter
wait_re "an edit is refused in the status bar" "are locked as invoiced \\(invoice INV-(THIS|LAST)\\)"
keys Escape
wait_gone "Esc closes the form" "Duration:"

# x on it, confirmed.
keys x
wait_for "x asks first" "(y/N)"
keys y
wait_re "a deletion is refused in the status bar" "are locked as invoiced \\(invoice INV-(THIS|LAST)\\)"
expect_screen "the dashboard runs on" "1 Acme"
keys r
wait_for "it still answers keys" "Send the board deck draft"
run cxo -d "$DB" -C acme hours --format json --from "$(date -d '-70 days' +%F)"
expect_eq "nothing was written" "$OUT" "$before"
quit_dashboard
exit 0

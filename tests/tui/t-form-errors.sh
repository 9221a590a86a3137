# t-form-errors.sh: the forms check fields with the shell's parsers: an
# invalid date is rejected with the parser's message and nothing typed is
# lost; a required field left empty is named; a bad duration is refused.
# A rule of two fields marks both of them, not only the status bar; a
# field stops at what the store takes, with a counter near the limit.
. "$(dirname "$0")/lib.sh"

sample_db
tui_start 120 40
wait_for "dashboard up" "1 Acme" 15 || exit 0
settle "Send the board deck draft"
keys l l l a
wait_for "action form" "New action"
type_text "Renew the cyber policy"
keys Tab
type_text "2026-13-01"
keys Enter
wait_for "the date parser's message" 'bad date "2026-13-01"'
expect_screen "the form stays open" "Title:"
expect_screen "the typed date is kept" "[2026-13-01"
expect_screen "the typed title is kept" "[Renew the cyber policy"
run cxo -d "$DB" -C acme action list --all
check "nothing saved while invalid" eval '[[ $OUT != *"Renew the cyber policy"* ]]'

# Fix it: Ctrl-U clears the field, a date word is accepted.
keys C-u
type_text "+3d"
keys Enter
wait_gone "the form closes once valid" "Title:"
wait_for "the action shows" "Renew the cyber policy"
expect_eq "saved with the fixed date" "$(action_due acme "Renew the cyber policy")" "$(date -d '+3 days' +%F)"

# A required field left empty.
keys a
wait_for "action form again" "New action"
keys Enter
wait_for "an empty title is refused" "Title is required"
keys Escape
wait_gone "Esc closes it" "Title:"

# The hours form: a duration the parser refuses.
logkey=$(cxo ui --list-keys | awk -F'\t' '/log hours/ { split($1, k, ", "); print k[1]; exit }')
check "a key logs hours ($logkey)" [ -n "$logkey" ]
keys "$logkey"
wait_for "hours form" "Log hours"
expect_screen "Tab completes a mandate's title" "Tab completes a title"
expect_screen_not "no hint of Tab cycling" "Tab cycles"
expect_screen "a form of fields: Tab goes to the next" "Enter save"
type_text "lots"
keys Enter
wait_re "the duration parser's message" '"lots"'
expect_screen "the typed duration is kept" "[lots"
keys Escape
wait_gone "Esc closes the hours form" "Log hours"

# A title stops at the store's 500 characters, with a counter from 450.
keys h h h a
wait_for "mandate form" "New mandate"
type_text "$(printf 'm%.0s' {1..449})"
wait_for "the title field is filled" "mmmmmmmmmm"
expect_screen_not "no counter far from the limit" "/500"
type_text "m"
wait_for "a counter near the limit" "450/500"
type_text "$(printf 'n%.0s' {1..60})"
wait_for "the field stops at the limit" "500/500"
expect_screen_not "nothing past the limit" "501/500"
keys Enter
wait_gone "the 500-character title is saved" "New mandate"
run cxo -d "$DB" -C acme mandate list --format json
title_len=$(printf '%s' "$OUT" | python3 -c '
import json, sys
print(max(len(m["title"]) for m in json.load(sys.stdin)))')
expect_eq "the saved title is the 500 characters typed" "$title_len" 500
expect_screen_not "no store error in the status bar" "at most 500"

# The client form: a planned end before the start marks both fields.
keys 0
wait_for "the overview" "Capacity"
keys a
wait_for "client form" "New client"
type_text "newco"
keys Tab
type_text "New Co"
for _ in 1 2 3 4 5; do keys Tab; done
keys C-u
type_text "2026-06-01"
keys Tab
type_text "2026-01-01"
keys Enter
wait_for "the planned end is marked" "planned end 2026-01-01 is before the start 2026-06-01"
expect_screen "the start is marked too" "the start 2026-06-01 is after the planned end 2026-01-01"
expect_screen "the form stays open" "New client"
run cxo -d "$DB" client list
check "nothing saved while the dates disagree" eval '[[ $OUT != *newco* ]]'
# Focus is on the first of them; changing either clears both messages
# until the next Enter.
keys BSpace
type_text "1"
wait_gone "a change clears the end's message" "is before the start"
expect_screen_not "... and the start's" "is after the planned end"
keys Tab C-u
type_text "2026-12-31"
keys Enter
wait_gone "saved once the dates agree" "New client"
run cxo -d "$DB" client list
expect_out "the client is saved" "newco"

# A risk accepted with no day to look at it again: Status and Accepted
# until are both marked.
keys 1
wait_for "back on acme" "Risks"
keys l l e
wait_for "risk form" "Edit risk"
for _ in 1 2 3 4 5 6 7 8 9 10; do keys Tab; done
keys C-u
type_text "accepted"
keys Enter
wait_for "Status is marked" "accepted needs a day after today in Accepted until"
expect_screen "Accepted until is marked" "an accepted risk needs a day"
keys Escape
wait_gone "Esc closes the risk form" "Edit risk"
quit_dashboard
exit 0

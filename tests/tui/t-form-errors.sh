# t-form-errors.sh: the forms check fields with the shell's parsers: an
# invalid date is rejected with the parser's message and nothing typed is
# lost; a required field left empty is named; a bad duration is refused.
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
type_text "lots"
keys Enter
wait_re "the duration parser's message" '"lots"'
expect_screen "the typed duration is kept" "[lots"
keys Escape
wait_gone "Esc closes the hours form" "Log hours"
quit_dashboard
exit 0

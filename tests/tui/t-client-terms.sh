# t-client-terms.sh: the client form edits the billing terms as the shell
# does: a rounding increment the shell refuses is refused with the same
# message and nothing saved; good terms are saved with the client, shown
# by `cxo client show`, and the form opens with them again.
. "$(dirname "$0")/lib.sh"

sample_db
tui_start 120 40
wait_for "dashboard up" "1 Acme" 15 || exit 0
keys 0
wait_for "the overview" "Capacity"
keys e
wait_for "the client form" "Edit client acme"
# Key, Name, Role, Budget, Rate, Currency, Start, Planned end, Industry,
# Employees, then the terms.
for _ in 1 2 3 4 5 6 7 8 9 10; do keys Tab; done
type_text "Acme Advisory Group LLC"
keys Tab
type_text "15"
keys Enter
wait_for "a bare number is refused as the shell refuses it" 'bad increment "15" (expected minutes with their unit'
expect_screen "the form stays open" "Edit client acme"
run cxo -d "$DB" client show acme
check "nothing saved" eval '[[ $OUT != *"legal name"* ]]'
keys C-u
type_text "15m"
keys Tab C-u
type_text "nearest"
keys Tab C-u
type_text "day"
keys Tab
type_text "3"
keys Tab
type_text "300"
keys Enter
wait_gone "saved" "Edit client acme"
run cxo -d "$DB" client show acme
expect_out "the legal name" "legal name  Acme Advisory Group LLC"
expect_out "the rounding" "rounding    to the nearest 15m, per day"
expect_out "the rollover" "up to 3h"
expect_out "the overage rate" "300.00 USD an hour past the budget"
keys e
wait_for "the form again" "Edit client acme"
expect_screen "it shows the increment" "[15m"
expect_screen "... and the overage rate" "[300.00"
keys Escape
wait_gone "Esc closes it" "Edit client acme"
quit_dashboard
exit 0

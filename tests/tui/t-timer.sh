# t-timer.sh: t starts the timer (shown on the tab bar), t again stops it
# through the hours form and logs the entry; T cancels after asking.
. "$(dirname "$0")/lib.sh"

sample_db
tui_start 120 40
wait_for "dashboard up" "1 Acme" 15 || exit 0
settle "Send the board deck draft"
keys t
wait_for "t starts the timer" "timer started on acme"
wait_re "the tab bar shows the running timer" "acme 0:0[0-9]"
keys t
wait_for "t again: the form to log it" "Stop the timer on acme"
wait_re "the duration is filled in, as the panels show hours" "Duration[^0-9]*[0-9]+(\.[0-9]{1,2})?h"
keys Tab
type_text "Timer-logged call"
keys Enter
wait_for "the timed entry shows in the latest entries" "Timer-logged call"
wait_gone "the timer is off the tab bar" "acme 0:0"
run cxo -d "$DB" -C acme hours
expect_out "cxo hours has the timed entry" "Timer-logged call"

# T cancels the running timer, after asking.
keys t
wait_re "timer running again" "acme 0:0[0-9]"
keys T
wait_for "T asks first" "Cancel the timer on acme"
keys y
wait_gone "y cancels it" "acme 0:0"
quit_dashboard
exit 0

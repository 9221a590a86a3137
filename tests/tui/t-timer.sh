# t-timer.sh: t asks what the time is for, then starts the timer (shown on
# the tab bar; Esc starts nothing, an empty description is fine); t again
# stops it through the hours form and logs the entry; T cancels after
# asking.
. "$(dirname "$0")/lib.sh"

sample_db
tui_start 120 40
wait_for "dashboard up" "1 Acme" 15 || exit 0
settle "Send the board deck draft"

# Esc on the question starts nothing.
keys t
wait_for "t asks for a description" "Start the timer on acme"
keys Escape
wait_for "Esc starts no timer" "no timer started"
run cxo -d "$DB" cancel
check "no timer in the store after Esc" eval '[[ $RC -ne 0 && $ERR == *"no timer is running"* ]]'

# The description typed is the timer's, as `cxo start TEXT` stores it.
keys t
wait_for "t asks again" "Start the timer on acme"
type_text "Vendor prep call"
keys Enter
wait_for "t starts the timer" "timer started on acme"
wait_re "the tab bar shows the running timer" "acme 0:0[0-9]"
keys j
wait_for "the status bar shows the description" "Vendor prep call"
run cxo -d "$DB" cancel
expect_out "the store has the description" '"Vendor prep call"'
wait_gone "the dashboard sees the timer cancelled" "acme 0:0"

# Enter on an empty description starts the timer without one.
keys t
wait_for "t asks a third time" "Start the timer on acme"
keys Enter
wait_for "Enter starts it" "timer started on acme"
wait_re "timer running" "acme 0:0[0-9]"
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
wait_for "the question once more" "Start the timer on acme"
keys Enter
wait_re "timer running again" "acme 0:0[0-9]"
keys T
wait_for "T asks first" "Cancel the timer on acme"
keys y
wait_gone "y cancels it" "acme 0:0"
quit_dashboard
exit 0

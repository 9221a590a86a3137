# t-live.sh: changes made from the shell by another process while the
# dashboard is open show up within a few seconds, and the selection stays
# on the same item.
. "$(dirname "$0")/lib.sh"

sample_db
tui_start 120 40
wait_for "dashboard up" "1 Acme" 15 || exit 0
settle "Send the board deck draft"

# Select an action and read its title from the detail view.
keys l l l j j Enter
settle "Id " 5
detail_before=$(detail_id)
check "the detail shows the action's id ($detail_before)" [ -n "$detail_before" ]
keys Escape
sleep 0.3

# Another process logs time and adds an overdue action (which sorts above
# the selection).
run cxo -d "$DB" -C acme log 45m "Logged from another shell"
expect_ok "cxo log from the shell"
start=$SECONDS
wait_for "the entry appears live" "Logged from another shell" 5
note "appeared after $((SECONDS - start))s"
run cxo -d "$DB" -C acme action add "Overdue from the shell" --due -2d
expect_ok "cxo action add from the shell"
wait_for "the action appears live" "Overdue from the shell" 5

# The same item is still selected: its detail is the same.
keys Enter
settle "Id " 5
detail_after=$(detail_id)
expect_eq "the selection stayed on the same action" "$detail_after" "$detail_before"
keys Escape
quit_dashboard
exit 0

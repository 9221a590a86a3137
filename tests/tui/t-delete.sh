# t-delete.sh: destructive keys ask once: x asks, n (or any key but y)
# keeps the item, y deletes it from the panel and the store.
. "$(dirname "$0")/lib.sh"

sample_db
tui_start 120 40
wait_for "dashboard up" "1 Acme" 15 || exit 0
settle "Send the board deck draft"
# The fourth action in due order is "Send the board deck draft ...".
keys l l l j j j x
wait_for "x asks first" "Delete action"
expect_screen "the question names the item" "Send the board deck draft"
keys n
wait_gone "n closes the question" "Delete action"
expect_screen "n keeps the action" "Send the board deck draft"
keys x
wait_for "x asks again" "Delete action"
keys Escape
wait_gone "Esc closes the question" "Delete action"
expect_screen "Esc keeps the action" "Send the board deck draft"
keys x
wait_for "x a third time" "Delete action"
keys y
wait_gone "y deletes the action from the panel" "Send the board deck draft"
run cxo -d "$DB" -C acme action list --all
expect_ok "cxo action list"
check "the action is gone from the store" eval '[[ $OUT != *"Send the board deck draft"* ]]'
quit_dashboard
exit 0

# t-delete.sh: destructive keys ask once: x asks, n (or any key but y)
# keeps the item, y deletes it from the panel and the store.  The question
# says what stays, unlinked: a mandate's actions and entries.
. "$(dirname "$0")/lib.sh"

sample_db
tui_start 120 40
wait_for "dashboard up" "1 Acme" 15 || exit 0
settle "Send the board deck draft"
# The first mandate has an open action and 2h of entries.
keys x
wait_for "x on a mandate asks first" 'Delete mandate "Board technology update"?'
wait_for "the question counts what stays" "Its 1 action and 1"
expect_screen "... with their hours" "entry (2h) stay, unlinked from it. (y/N)"
keys y
wait_gone "y deletes the mandate" "Board technology update"
run cxo -d "$DB" -C acme action show "Send the board deck draft to Dana for review"
expect_ok "its action stays"
check "... with no mandate" eval '[[ $OUT != *"Board technology update"* ]]'
run cxo -d "$DB" -C acme hours
check "its entries stay" eval '[[ $OUT == *"Board deck"* ]]'
# The fourth action in due order is "Send the board deck draft ...".
keys l l l j j j x
wait_for "x asks first" 'Delete action "Send the board deck draft'
expect_screen "y or N" "(y/N)"
expect_screen_not "nothing links to an action" "unlinked"
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

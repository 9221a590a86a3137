# t-undo.sh: u undoes the latest change, Ctrl-R redoes it.  A mandate
# deleted by mistake (x, then y) comes back with u, linked to its action
# again, and Ctrl-R deletes it again, the status bar saying which; u
# takes back a change made in the shell too; after u, d no longer offers
# to reopen the item it closed just before.
. "$(dirname "$0")/lib.sh"

sample_db
tui_start 120 40
wait_for "dashboard up" "1 Acme" 15 || exit 0
settle "Send the board deck draft"

# ---- a delete by mistake, undone and redone ----
keys x
wait_for "x on a mandate asks first" 'Delete mandate "Board technology update"?'
keys y
wait_gone "y deletes the mandate" "Board technology update"
keys u
wait_for "u says what it undid" "Undone: deleted mandate"
wait_for "the mandate is back on the screen" "Board technology update"
run cxo -d "$DB" -C acme mandate list
expect_out "cxo: the mandate is back" "Board technology update"
run cxo -d "$DB" -C acme action show "Send the board deck draft to Dana for review"
expect_out "cxo: ... and its action linked to it again" "Board technology update"
run cxo -d "$DB" doctor
expect_ok "cxo doctor after the undo"
keys C-r
wait_for "Ctrl-R says what it redid" "Redone: deleted mandate"
# (the status bar names it: the panel's count says it is gone)
wait_for "the mandate is gone again" "3 active ─"
run cxo -d "$DB" -C acme mandate list --all
check "cxo: the mandate is deleted again" eval '[[ $OUT != *"Board technology update"* ]]'
keys C-r
wait_for "nothing more to redo" "nothing to redo"

# ---- a change made in the shell ----
run cxo -d "$DB" -C acme action add "Written in the shell" --due today
expect_ok "an action added in the shell"
wait_for "the dashboard shows it" "Written in the shell" 10
keys u
wait_for "u undoes the shell's change" 'Undone: added action'
wait_for "the action is gone" "3 overdue, 7 open ─"
run cxo -d "$DB" -C acme action list --all
check "cxo: the action is gone" eval '[[ $OUT != *"Written in the shell"* ]]'

# ---- u and d's offer to reopen do not fight ----
keys l l l j j j d
wait_for "d offers the reversal" "d again to reopen"
keys u
wait_for "u undoes the close" 'Undone: completed action'
wait_gone "... and the offer is gone" "d again to reopen"
run cxo -d "$DB" -C acme action list
expect_out "cxo: the action is open again" "Send the board deck draft"
run cxo -d "$DB" history -n 1 --format tsv
expect_out "the history names the dashboard" $'\tdashboard\t'

quit_dashboard
exit 0

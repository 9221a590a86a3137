# t-action.sh: adding an action through the form: it shows in the Next
# actions panel and in `cxo action list`; UTF-8 survives the trip; Esc
# cancels without saving; waiting needs the person waited for.
. "$(dirname "$0")/lib.sh"

sample_db
fri=$(date -d 'next friday' +%F)

tui_start 120 40
wait_for "dashboard up" "1 Acme" 15 || exit 0
settle "Send the board deck draft"
# l moves panel by panel in reading order: Mandates, Hours, Risks, Next actions.
keys l l l a
wait_for "a on Next actions opens the action form" "New action"
expect_screen "the form shows the Title field" "Title:"
expect_screen "the form shows the Due field" "Due:"
expect_screen "the date hint" "fri, +3d, eom"
type_text "Call the insurer about the renewal"
keys Tab
type_text "fri"
keys Enter
wait_gone "the form closes on Enter" "Title:"
wait_for "the new action in the panel" "Call the insurer about"
run cxo -d "$DB" -C acme action list
expect_ok "cxo action list"
expect_out "action list has the new action" "Call the insurer about the renewal"
expect_eq "its due date is the next Friday" "$(action_due acme "Call the insurer about the renewal")" "$fri"

# UTF-8 in the line editor: accented and wide characters, edited.
keys a
wait_for "second action form" "New action"
type_text "Réunion 漢字 with Zoë"
keys BSpace BSpace BSpace
type_text "Zoé"
keys Enter
wait_for "the UTF-8 title in the panel" "Réunion 漢字 with Zoé"
run cxo -d "$DB" -C acme action list
expect_out "action list has the UTF-8 title" "Réunion 漢字 with Zoé"

# Esc cancels: nothing saved.
keys a
wait_for "third action form" "New action"
type_text "Never saved action"
keys Escape
wait_gone "Esc closes the form" "Title:"
expect_screen_not "the cancelled action is not in the panel" "Never saved action"
run cxo -d "$DB" -C acme action list
expect_ok "cxo action list after Esc"
check "the cancelled action is not in the list" eval '[[ $OUT != *"Never saved action"* ]]'

# Waiting needs the person: the form marks Waiting for when it is empty,
# then keeps the owner (me) apart from the person waited for.
keys a
wait_for "fourth action form" "New action"
type_text "Signed quote from the broker"
keys Tab Tab Tab Down
expect_screen "the form has a Waiting for field" "Waiting for:"
keys Enter
wait_for "waiting with no one named: the field says so" "waiting for whom?"
expect_screen "the form stays open" "Title:"
type_text "Dana Whitfield"
keys Enter
wait_gone "the form closes once the person is named" "Title:"
wait_for "the panel names the person waited for" "waiting: Dana"
owner_and_person() {
	"$CXO" -d "$DB" -C acme action list --format json 2>/dev/null | python3 -c '
import json, sys
for a in json.load(sys.stdin):
    if a["title"] == sys.argv[1]:
        print(a["owner"], a["waiting_for"], a["status"])' "$1"
}
expect_eq "saved waiting for Dana, still mine" \
	"$(owner_and_person "Signed quote from the broker")" "None Dana Whitfield waiting"

# The same at 80x24, where the panels are tabs.
quit_dashboard "120x40"
tui_start 80 24
wait_for "80x24: dashboard up" "1 Acme" 15 || exit 0
keys a
wait_for "80x24: the form opens on the remembered panel" "New action"
type_text "Small screen action"
keys Enter
wait_for "80x24: the action shows" "Small screen action"
run cxo -d "$DB" -C acme action list
expect_out "80x24: action list has it" "Small screen action"
quit_dashboard "80x24"
exit 0

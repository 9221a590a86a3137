# t-done.sh: d closes an item and the status bar offers to put it back;
# d again reopens it as it was; D lists the done and closed items of a
# panel (its title says "(all)"), where d reopens one.
. "$(dirname "$0")/lib.sh"

sample_db
tui_start 120 40
wait_for "dashboard up" "1 Acme" 15 || exit 0
settle "Send the board deck draft"

# An action: done, offered back, d again reopens it where it was.
keys l l l j j j d
wait_for "d offers the reversal" 'Done: "Send the board deck draft to Dana for review" — d again to reopen'
expect_screen_not "the done action left the list" "in 2d     Send the board deck draft"
run cxo -d "$DB" -C acme action list --all --format tsv
check "the store has it done" eval '[[ $OUT == *$'"'"'\tdone\t'"'"'*"Send the board deck draft"* || $OUT == *"Send the board deck draft"*$'"'"'\tdone'"'"'* ]]'
keys d
wait_for "d again reopens it" 'reopened (todo): Send the board deck draft'
wait_for "it is listed again" "in 2d     Send the board deck draft"
run cxo -d "$DB" -C acme action list
expect_out "the store has it open again" "Send the board deck draft"
# ... and the selection is on it: d closes it again.
keys d
wait_for "the selection stayed on it" 'Done: "Send the board deck draft'
# A move ends the offer: d then acts on the selected item.
keys k
wait_gone "moving ends the offer" "d again to reopen"
keys j d
wait_re "d on another item closes that one" 'Done: "(Signed|Write|Move)'

# A form that drops the action makes the same offer.
keys e
wait_for "the action form" "Edit action for acme"
keys Tab Tab Tab C-u
type_text "dropped"
keys Enter
wait_re "the form's drop is offered back" 'Dropped: ".*" — d again to reopen'
keys d
wait_for "d reopens the dropped one" "reopened (todo)"

# D shows the done ones, marked; d on one reopens it.
keys D
wait_for "the title says all are shown" "Next actions (all)"
wait_re "done ones are listed, marked" "done +Send the board deck draft"
keys G
settle "Next actions (all)"
# The last row is the oldest done action; find the board deck by filter.
keys /
wait_for "filter form" "Filter Next actions"
type_text "board deck"
keys Enter
wait_for "filtered to it" "(all) /board deck"
keys g d
wait_for "d on a done one reopens it" "reopened (todo): Send the board deck draft"
run cxo -d "$DB" -C acme action list
expect_out "the store has it open" "Send the board deck draft"
keys Escape D
wait_gone "D again hides the done ones" "Next actions (all)"

# A risk: d closes it, d again reopens it as it was.
keys h
settle "─ Risks"
keys g d
wait_re "d closes the risk, offered back" 'Closed: "No MFA on email.*d again to reopen'
run cxo -d "$DB" -C acme risk list --all --format tsv
check "the store has it closed" eval '[[ $OUT == *"No MFA"*closed* ]]'
keys d
wait_for "d again reopens it as it was" "reopened (mitigating): No MFA"
run cxo -d "$DB" -C acme risk list
expect_out "the store has it open again" "No MFA"

# A mandate: done leaves the list; D shows it; d reopens it to active.
keys k k
settle "─ Mandates"
keys g d
wait_for "d finishes the mandate" 'Done: "Board technology update" — d again to reopen'
keys k
wait_gone "the offer ends on a move" "d again to reopen"
# (Next actions name it too: "mandate Board technology update".)
expect_screen_not "a done mandate leaves the list" "│ Board technology update"
keys D
wait_for "D: the mandates' title says all" "Mandates (all)"
wait_for "the done mandate is listed" "│ Board technology update"
expect_screen "the sample's done mandate too" "Security posture assessment"
quit_dashboard

# At 80 columns, on the Linux console without colour or UTF-8: the offer
# still names the key, the title cut to fit; done items are marked in
# words.
TUI_ENV="NO_COLOR=1 TERM=linux LC_ALL=C" tui_start 80 24
wait_for "dashboard up at 80 columns" "1 Acme" 15 || exit 0
keys l l l g d
wait_re "the offer fits 80 columns" 'Done: "Revenue report extracts.*" - d again to reopen'
keys d
wait_for "d reopens it as it was: waiting" "reopened (waiting)"
wait_re "... for the same person, as long" "waiting [0-9]+d: Marcus Lee"
keys d D
wait_re "D marks the done one in words" "done +Revenue report extracts"
expect_screen "the tab title says all" "Next actions (all)"
quit_dashboard
# At 200 columns the whole title shows.  The dashboard opens on the
# panel it was left on, Next actions, whose first open action is now the
# MFA one.
tui_start 200 50
wait_for "dashboard up at 200 columns" "1 Acme" 15 || exit 0
settle "Confirm the MFA enforcement date"
keys g d
wait_for "the offer whole at 200 columns" 'Done: "Confirm the MFA enforcement date with Priya" — d again to reopen'
quit_dashboard
exit 0

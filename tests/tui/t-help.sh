# t-help.sh: ? shows every key of the key table the input loop uses, and
# the keys of forms, arrows included; Esc, ? and q close it without
# quitting.  At 80x24 it scrolls, says so on its border, and wraps a long
# description rather than cutting it.
. "$(dirname "$0")/lib.sh"

sample_db
tui_start 120 40
wait_for "dashboard up" "1 Acme" 15 || exit 0
settle "Send the board deck draft"
keys '?'
wait_for "? opens the help" "─ Keys "
# Every binding's label and help line, from `cxo ui --list-keys`.
seen=$SCREEN
missing=0
while IFS=$'\t' read -r label help; do
	[ -z "$label" ] && continue
	if [[ $seen != *"$label"* || $seen != *"${help:0:30}"* ]]; then
		# Perhaps further down: page through the help.
		keys PageDown
		sleep 0.3
		_capture
		seen+=$SCREEN
	fi
	if [[ $seen != *"$label"* || $seen != *"${help:0:30}"* ]]; then
		missing=$((missing + 1))
		_fail "help lists $label" "not in the help overlay: $label / $help"
	fi
done < <(cxo ui --list-keys)
[ "$missing" = 0 ] && _pass
# The overlay's text as one line: wrapped words joined again, read
# between its borders (the panels beside it have text of their own).
help_text() {
	_capture
	printf '%s\n' "$SCREEN" | python3 -c '
import sys
lines = sys.stdin.read().splitlines()
top = next(k for k, l in enumerate(lines) if "─ Keys" in l)
x0 = lines[top].rindex("┌", 0, lines[top].index("─ Keys"))
x1 = lines[top].index("┐", x0)
out = []
for l in lines[top + 1:]:
    if l[x0:x0 + 1] == "└":
        break
    out.append(l[x0 + 1:x1].strip())
print(" ".join(out))'
}
help_has() { [[ $(help_text) == *"$1"* ]]; }
# The forms' keys come last: at the end of the help, wherever it scrolls.
keys End
settle "In forms:"
check "the forms' keys name the arrows" help_has "Left, Right, Home and End move in the text"
check "... and Up and Down" help_has "Up and Down cycle a field's choices"
keys Escape
wait_gone "Esc closes the help" "─ Keys "
expect_screen "the dashboard is still there" "Send the board deck"
keys '?'
wait_for "? again" "─ Keys "
keys q
wait_gone "q closes the help first" "─ Keys "
if _poll 1 _has "cxo exited"; then
	_fail "q on the help does not quit" "the dashboard exited"
else
	_pass
fi
quit_dashboard

tui_start 80 24
wait_for "dashboard up at 80x24" "1 Acme" 15 || exit 0
keys '?'
wait_for "the help at 80x24" "show client 1 to 9"
expect_screen "more below, said on the border" "↓ more"
expect_screen_not "no description cut short" "…"
keys End
wait_for "End goes to the last line" "THE DASHBOARD."
expect_screen "more above, said on the border" "↑ more"
expect_screen_not "nothing more below" "↓ more"
check "the forms' keys at 80x24" help_has "Left, Right, Home and End"
expect_screen_not "no description cut short at the end" "…"
keys Home
wait_for "Home goes back to the first line" "show client 1 to 9"
expect_screen_not "nothing above the first line" "↑"
keys Escape
wait_gone "Esc closes the help at 80x24" "THE DASHBOARD"
quit_dashboard "80x24 quit"
exit 0

# t-help.sh: ? shows every key of the key table the input loop uses;
# Esc, ? and q close it without quitting.
. "$(dirname "$0")/lib.sh"

sample_db
tui_start 120 40
wait_for "dashboard up" "1 Acme" 15 || exit 0
settle "Send the board deck draft"
keys '?'
wait_for "? opens the help" "list the keys"
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
keys Escape
wait_gone "Esc closes the help" "list the keys"
expect_screen "the dashboard is still there" "Send the board deck"
keys '?'
wait_for "? again" "list the keys"
keys q
wait_gone "q closes the help first" "list the keys"
if _poll 1 _has "cxo exited"; then
	_fail "q on the help does not quit" "the dashboard exited"
else
	_pass
fi
quit_dashboard
exit 0

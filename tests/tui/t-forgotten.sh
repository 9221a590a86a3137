# t-forgotten.sh: a timer left running (started 11 hours ago, past the
# 10-hour limit) is flagged on the tab bar and the status bar, and
# stopping it asks to check the time; a fresh timer is not flagged.
. "$(dirname "$0")/lib.sh"

sample_db
if ! command -v faketime >/dev/null 2>&1; then
	note "skipped: the forgotten timer needs faketime to start a timer 11 hours ago"
	exit 0
fi
ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0" \
	faketime -f "-11h" "$CXO" -d "$DB" -C acme start "Vendor call" >/dev/null 2>&1
run cxo -d "$DB" status
expect_ok "a timer started 11 hours ago"

tui_start 120 40
wait_for "dashboard up" "1 Acme" 15 || exit 0
wait_re "the tab bar flags the forgotten timer" "acme 1[01]:[0-9]{2}!"
wait_for "the status bar says it was left running" "left running?"
keys t
wait_re "stopping it asks to check the time" "it ran 1[01]:[0-9]{2}, check the time"
keys Escape
wait_for "the form cancelled" "cancelled"
keys T
wait_for "T asks first" "Cancel the timer on acme"
keys y
wait_for "cancelled" "timer cancelled"
keys t
wait_re "a fresh timer runs" "acme 0:0[0-9]"
expect_screen_not "a fresh timer is not flagged" "left running?"
check "no flag after a fresh timer" eval '! printf "%s" "$SCREEN" | grep -qE "acme 0:0[0-9]!"'

# 80x24: the flag still fits the tab bar.
keys T
settle "Cancel the timer on acme"
keys y
settle "timer cancelled"
quit_dashboard "quit at 120x40"
ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0" \
	faketime -f "-11h" "$CXO" -d "$DB" -C acme start "Vendor call" >/dev/null 2>&1
tui_start 80 24
wait_for "dashboard up at 80x24" "Acme" 15 || exit 0
wait_re "80x24: the tab bar flags the forgotten timer" "acme 1[01]:[0-9]{2}!"
quit_dashboard
exit 0

# t-forgotten.sh: a timer left running (started 11 hours ago, past the
# 10-hour limit) is flagged on the tab bar and the status bar, and
# stopping it asks to check the time; a fresh timer is not flagged.  The
# old timer is made by moving a new one's start back in the database.
. "$(dirname "$0")/lib.sh"

# start_old: a timer on acme that started 11 hours ago.
start_old() {
	run cxo -d "$DB" -C acme start "Vendor call"
	expect_ok "start a timer"
	python3 - "$DB" <<'EOF_PY'
import sqlite3, sys
con = sqlite3.connect(sys.argv[1])
con.execute("UPDATE timer SET started = started - 11 * 3600")
con.commit()
EOF_PY
	check "the timer started 11 hours ago" [ $? = 0 ]
}

sample_db
start_old
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
wait_for "t asks what the new timer is for" "Start the timer on acme"
keys Enter
wait_re "a fresh timer runs" "acme 0:0[0-9]"
expect_screen_not "a fresh timer is not flagged" "left running?"
check "no flag after a fresh timer" eval '! printf "%s" "$SCREEN" | grep -qE "acme 0:0[0-9]!"'

keys T
settle "Cancel the timer on acme"
keys y
settle "timer cancelled"
quit_dashboard "quit at 120x40"

# 80x24: the flag still fits the tab bar.
start_old
tui_start 80 24
wait_for "dashboard up at 80x24" "Acme" 15 || exit 0
wait_re "80x24: the tab bar flags the forgotten timer" "acme 1[01]:[0-9]{2}!"
quit_dashboard
exit 0

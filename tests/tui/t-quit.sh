# t-quit.sh: quitting, or a fatal signal, gives the terminal back: the
# alternate screen is gone, the shell's prompt and earlier lines are back,
# and the tty is in its normal (canonical, echoing) mode.
. "$(dirname "$0")/lib.sh"

sample_db
tui_shell 100 30
settle 'tui-test$' 10
type_text "echo before-the-dashboard; cxo -d $DB; echo \"dashboard-status \$?\""
keys Enter
wait_for "dashboard up from a shell" "1 Acme" 15 || exit 0
check "the dashboard uses the alternate screen" [ "$(pane_value '#{alternate_on}')" = 1 ]
keys q
wait_for "q returns to the shell" "dashboard-status 0"
check "the alternate screen is gone" [ "$(pane_value '#{alternate_on}')" = 0 ]
expect_screen "the lines before are back" "before-the-dashboard"
expect_screen_not "no panel left on the screen" "Next actions"
type_text 'echo "tty-raw-$(stty -a | grep -c -e " -icanon" -e " -echo ")"'
keys Enter
wait_for "the tty is back to canonical mode with echo" "tty-raw-0"

# A quit signal (Ctrl-\ sends QUIT) or a fatal one restores the terminal
# as well, and shows the cursor again.
for sig in TERM QUIT HUP INT SEGV; do
	keys C-l
	type_text "ulimit -c 0; cxo -d $DB; echo \"after-$sig \$?\""
	keys Enter
	wait_for "$sig: dashboard up" "1 Acme" 15 || continue
	shell_pid=$(pane_value '#{pane_pid}')
	cxo_pid=$(pgrep -P "$shell_pid" -x cxo | head -1)
	check "$sig: found the dashboard's process" [ -n "$cxo_pid" ]
	[ -n "$cxo_pid" ] && kill -"$sig" "$cxo_pid"
	wait_re "$sig: back at the shell" "after-$sig [0-9]+"
	check "$sig: the alternate screen is gone" [ "$(pane_value '#{alternate_on}')" = 0 ]
	check "$sig: the cursor shows" [ "$(pane_value '#{cursor_flag}')" = 1 ]
	type_text 'echo "tty-raw-$(stty -a | grep -c -e " -icanon" -e " -echo ")-'$sig'"'
	keys Enter
	wait_for "$sig: the tty is sane" "tty-raw-0-$sig"
done

# The keys: Ctrl-C and Ctrl-\ from the keyboard quit cleanly, with the
# status of their signal.
for key in C-c 'C-\'; do
	keys C-l
	type_text "cxo -d $DB; echo \"after-key \$?\""
	keys Enter
	wait_for "$key: dashboard up" "1 Acme" 15 || continue
	keys "$key"
	wait_re "$key: back at the shell with a signal's status" "after-key 1[0-9][0-9]$"
	check "$key: the alternate screen is gone" [ "$(pane_value '#{alternate_on}')" = 0 ]
	check "$key: the cursor shows" [ "$(pane_value '#{cursor_flag}')" = 1 ]
	expect_screen_not "$key: no panel left on the screen" "Next actions"
done

# A terminal without an alternate screen: the dashboard's last frame is
# cleared, not left under the prompt.
for term in linux vt100; do
	TUI_TERM=$term tui_shell 100 30
	settle 'tui-test$' 10
	type_text "echo before-$term; cxo -d $DB; echo \"after-$term \$?\""
	keys Enter
	wait_for "$term: dashboard up" "1 Acme" 15 || continue
	check "$term: no alternate screen" [ "$(pane_value '#{alternate_on}')" = 0 ]
	keys q
	wait_for "$term: q returns to the shell" "after-$term 0"
	expect_screen_not "$term: the dashboard is cleared" "Next actions"
	expect_screen_not "$term: no tab left on the screen" "1 Acme"
	check "$term: the cursor shows" [ "$(pane_value '#{cursor_flag}')" = 1 ]
done
exit 0

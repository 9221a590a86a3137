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

# A fatal signal restores the terminal as well.
for sig in TERM SEGV; do
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
	type_text 'echo "tty-raw-$(stty -a | grep -c -e " -icanon" -e " -echo ")-'$sig'"'
	keys Enter
	wait_for "$sig: the tty is sane" "tty-raw-0-$sig"
done
exit 0

# t-demo-end.sh: however `cxo --demo` ends (q, Ctrl-C, Ctrl-\, SIGTERM,
# SIGHUP, its pane closed, with or without a mouse button held), the
# terminal is given back and the demo's temporary directory is gone.
. "$(dirname "$0")/lib.sh"

demo_dirs() {
	local d found=''
	for d in "$TMPDIR"/cxo-demo.*; do
		[ -e "$d" ] && found+="$d "
	done
	printf '%s' "$found"
}

# start_demo NAME: the demo from a shell, its process id in $DEMO_PID.
start_demo() {
	tui_shell 100 30
	settle 'tui-test$' 10
	type_text "cxo --demo; echo \"demo-status \$?\""
	keys Enter
	DEMO_PID=''
	wait_for "$1: the demo is up" "1 Acme" 15 || return 1
	local shell_pid
	shell_pid=$(pane_value '#{pane_pid}')
	DEMO_PID=$(pgrep -P "$shell_pid" -x cxo | head -1)
	check "$1: the demo's directory exists while it runs" [ -n "$(demo_dirs)" ]
}

# gone NAME: the process has ended and left no directory (polled: a
# closed pane's process may take a moment).
gone() {
	local i
	for ((i = 0; i < 50 * TUI_SLOW; i++)); do
		if [ -z "$DEMO_PID" ] || ! kill -0 "$DEMO_PID" 2>/dev/null; then
			break
		fi
		sleep 0.1
	done
	check "$1: the demo's process has ended" eval '[ -z "$DEMO_PID" ] || ! kill -0 "$DEMO_PID" 2>/dev/null'
	check "$1: no demo directory is left behind ($(demo_dirs))" [ -z "$(demo_dirs)" ]
}

for way in q C-c 'C-\' TERM HUP; do
	start_demo "$way" || continue
	case $way in
	q | C-*) keys "$way" ;;
	*) kill -"$way" "$DEMO_PID" ;;
	esac
	wait_re "$way: back at the shell" "demo-status [0-9]+$"
	check "$way: the alternate screen is gone" [ "$(pane_value '#{alternate_on}')" = 0 ]
	check "$way: the cursor shows" [ "$(pane_value '#{cursor_flag}')" = 1 ]
	gone "$way"
	rm -rf "$TMPDIR"/cxo-demo.*
done

# The pane closed under the demo, with a mouse button pressed and not
# released, or not: the kernel's hangup and the shell's come one after
# the other, and neither may stop the clean-up.  A few times, as it is a
# race.
for round in 1 2 3; do
	for press in yes no; do
		start_demo "closed pane $round (press: $press)" || continue
		if [ "$press" = yes ]; then
			# An X10 mouse report: button 1 pressed on row 5, column 20.
			type_text $'\e[M 4%'
			sleep 0.2
		fi
		_tmux kill-pane -t t
		gone "closed pane $round (press: $press)"
		rm -rf "$TMPDIR"/cxo-demo.*
	done
done
exit 0

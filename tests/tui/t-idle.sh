# t-idle.sh: an idle dashboard uses no measurable CPU (it wakes once a
# second to look for other processes' writes, and that is all).
. "$(dirname "$0")/lib.sh"

sample_db
tui_start 120 40
wait_for "dashboard up" "1 Acme" 15 || exit 0
settle "Send the board deck draft"
pid=$(pgrep -P "$(pane_value '#{pane_pid}')" | head -1)
check "found the dashboard's process ($pid)" [ -n "$pid" ]
# utime + stime, in clock ticks, from /proc/PID/stat (fields 14 and 15,
# counted after the command name in parentheses).
cpu_ticks() { sed 's/.*) //' "/proc/$pid/stat" | awk '{ print $12 + $13 }'; }
if [ -n "$pid" ] && [ -r "/proc/$pid/stat" ]; then
	sleep 1
	t0=$(cpu_ticks)
	sleep 4
	t1=$(cpu_ticks)
	hz=$(getconf CLK_TCK)
	used=$((t1 - t0))
	# 4 s idle: at most 2% of one CPU, i.e. 0.08 s.
	note "idle for 4 s: $used ticks of CPU ($hz a second)"
	check "idle for 4 s used $used ticks (of $hz a second)" [ $((used * 100)) -le $((hz * 8)) ]
else
	note "no /proc: idle CPU not measured"
fi
quit_dashboard
exit 0

# t-sizes.sh: the dashboard opens on the sample portfolio at 80x24,
# 120x40 and 200x60 and shows the client tabs and the four panels.
. "$(dirname "$0")/lib.sh"

sample_db

for size in 200x60 120x40 80x24; do
	cols=${size%x*} rows=${size#*x}
	tui_start "$cols" "$rows"
	wait_for "$size: tab bar" "1 Acme" 15 || { quit_dashboard "$size"; continue; }
	expect_screen "$size: all four clients in the tabs" "Cloudly"
	expect_screen "$size: all four clients in the tabs" "Northwind"
	expect_screen "$size: status bar names the help key" "? help"
	if [ "$cols" -ge 100 ]; then
		# The 2x2 grid: every panel and something from each.
		for p in Mandates Hours Risks "Next actions"; do
			expect_screen "$size: $p panel" "$p"
		done
		expect_screen "$size: a mandate" "Technology roadmap"
		# Its row, score first (the actions' lines name risks too).
		wait_re "$size: the top risk" "20 crit(ical)? +No MFA on email" 1
		expect_screen "$size: an action" "Send the board deck"
	else
		# Narrow: the panels become tabs, every title on the border.
		for p in Mandates Hours Risks "Next actions"; do
			expect_screen "$size: $p title" "$p"
		done
		expect_screen "$size: the mandates list" "Technology roadmap"
	fi
	# Nothing drawn past the right edge or below the last row.
	lines=$(printf '%s\n' "$SCREEN" | wc -l)
	check "$size: at most $rows rows" [ "$lines" -le "$rows" ]
	widest=$(printf '%s\n' "$SCREEN" | python3 -c '
import sys, unicodedata
w = 0
for line in sys.stdin.read().splitlines():
    w = max(w, sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in line))
print(w)')
	check "$size: no line wider than $cols columns ($widest)" [ "$widest" -le "$cols" ]
	quit_dashboard "$size"
done
exit 0

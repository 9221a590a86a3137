# t-wide.sh: a wide terminal is used: the weekly hours chart reaches the
# right edge of its panel, as the budget bar does; the heat map names its
# axes; at 80x24 the chart still fits and the map still shows.
. "$(dirname "$0")/lib.sh"

sample_db

# panel_cols TITLE: "first last" inner columns of the panel titled TITLE
# (from its top border), on $SCREEN.
panel_cols() {
	printf '%s\n' "$SCREEN" | python3 -c '
import sys
t = sys.argv[1]
for line in sys.stdin.read().splitlines():
    i = line.find("┌─ " + t + " ")
    if i >= 0:
        j = line.find("┐", i)
        print(i + 2, j - 2)
        break' "$1"
}

# chart_ends TITLE: "bar chart" the last column with a character on the
# budget bar row and on the chart's bottom row (the one with the 0 axis
# label) inside panel TITLE.
chart_ends() {
	printf '%s\n' "$SCREEN" | python3 -c '
import sys
t = sys.argv[1]
lines = sys.stdin.read().splitlines()
top = next(k for k, l in enumerate(lines) if "┌─ " + t + " " in l)
i = lines[top].find("┌─ " + t + " ")
j = lines[top].find("┐", i)
inner = [l[i + 2:j - 1] for l in lines[top + 1:]]
bar = inner[1].rstrip()
zero = next(l for l in inner if l.startswith("0 "))
print(len(bar) - 1, len(zero.rstrip()) - 1)' "$1"
}

for size in 200x60 120x40; do
	cols=${size%x*} rows=${size#*x}
	tui_start "$cols" "$rows"
	if wait_for "$size: the dashboard" "Next actions" 15; then
		read -r bar chart <<<"$(chart_ends Hours)"
		read -r first last <<<"$(panel_cols Hours)"
		check "$size: the weekly chart ends where the budget bar does ($chart, $bar)" \
			[ "${chart:-0}" = "${bar:-1}" ]
		width=$((last - first + 1))
		check "$size: the chart spans 90% of the panel ($((chart + 1)) of $width)" \
			[ $((100 * (chart + 1))) -ge $((90 * width)) ]
		expect_screen "$size: the heat map names its likelihood axis" "likelihood →"
		expect_screen "$size: ... and its impact axis" "impact ↑"
	fi
	quit_dashboard "$size"
done

# 80x24: one panel at a time; the hours chart fits and the map shows.
tui_start 80 24
if wait_for "80x24: the dashboard" "Mandates ─ Hours" 15; then
	keys Right
	wait_for "80x24: the hours panel" "h of 18h"
	read -r bar chart <<<"$(chart_ends 'Mandates ─ Hours')"
	check "80x24: the weekly chart ends where the budget bar does ($chart, $bar)" \
		[ "${chart:-0}" = "${bar:-1}" ]
	keys Right
	wait_for "80x24: the heat map" "likelihood →"
fi
quit_dashboard 80x24
exit 0

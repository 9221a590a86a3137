# t-wide.sh: a wide terminal is used: the weekly hours chart reaches the
# right edge of its panel, as the budget bar does; the heat map names its
# axes; at 200x60 the lists put lines under their items and Notes shows
# the older notes in full, and a click on such a line selects its item;
# the portfolio's cards list each client's actions, risks, mandates and
# notes; at 80x24 the chart still fits and the map still shows.
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
		expect_screen "$size: a mandate's area and due day under it" "board · due "
	fi
	if [ "$size" = 200x60 ]; then
		expect_screen "$size: a mandate's measure of success" \
			"success: Technology section of the board pack"
		expect_screen "$size: a risk's owner" "mitigating · owner Priya Shah"
		expect_screen "$size: ... and its mitigation" "mitigation: Enforce MFA through the"
		expect_screen "$size: what an action serves" "mandate Board technology update · added"
		expect_screen "$size: an older note in full" "Elena owns"
		# A click (an X10 mouse report) on the line under a mandate
		# selects that mandate: Enter shows it.
		row=$(printf '%s\n' "$SCREEN" | grep -n "│ Second-office IT readiness" | cut -d: -f1)
		if check "$size: the mandate is listed" [ -n "$row" ]; then
			type_text $'\e[M '"$(printf "\\$(printf %o $((32 + 11)))")$(printf "\\$(printf %o $((32 + row + 1)))")"
			keys Enter
			wait_re "$size: a click on its line under selects it" "Title +Second-office IT readiness"
			keys Escape
		fi
		# The portfolio: the cards are as tall as the screen and list.
		keys 0
		if wait_for "$size: the portfolio" "Enter opens a client"; then
			expect_screen "$size: a card lists the open actions" "Open actions"
			expect_screen "$size: ... the open risks" "20 crit No MFA on email and VPN"
			expect_screen "$size: ... the mandates" "Mandates"
			expect_screen "$size: ... the latest notes" "Latest notes"
		fi
		# Back to the client: the next sessions open where this one ends.
		keys 1
		settle "Next actions"
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

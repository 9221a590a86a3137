# t-switch.sh: one key switches client: 1-4, Tab and Shift-Tab, and the
# portfolio overview with 0 / o and Enter.
. "$(dirname "$0")/lib.sh"

sample_db

# One action of each client, shown in its Next actions panel.
declare -A mark=(
	[Acme]="Send the board deck draft"
	[Medix]="Review the draft risk analysis"
	[Northwind]="Book reference calls"
	[Cloudly]="Choose the SOC 2 auditor"
)

tui_start 120 40
wait_for "dashboard up" "1 Acme" 15 || exit 0
wait_for "acme first (the sample's current client)" "${mark[Acme]}"

# The tab order, read from the tab bar: "1 Acme · CIO  2 Medix · ...".
tabs=$(printf '%s\n' "$SCREEN" | head -1)
order=()
for n in 1 2 3 4; do
	name=$(printf '%s\n' "$tabs" | grep -oE "(^| )$n [A-Z][a-z]+" | awk '{print $2}')
	order[n]=$name
done
check "four numbered tabs (${order[*]})" [ -n "${order[4]:-}" ]

# shows N: client N's action shows and no other client's does.
shows() {
	local want=${order[$1]} name
	wait_for "$2: ${want} shown" "${mark[$want]}" || return
	for name in "${!mark[@]}"; do
		[ "$name" = "$want" ] && continue
		expect_screen_not "$2: not ${name}" "${mark[$name]}"
	done
}

for n in 2 3 4 1; do
	keys "$n"
	shows "$n" "key $n"
done
keys Tab
shows 2 "Tab from 1"
keys Tab
shows 3 "Tab from 2"
keys BTab
shows 2 "Shift-Tab from 3"
keys BTab
shows 1 "Shift-Tab from 2"
keys 4
shows 4 "key 4 again"
keys Tab
shows 1 "Tab on the last client wraps to the first"

# A key beyond the last client changes nothing.
keys 1
shows 1 "back to 1"
keys 9
sleep 0.3
shows 1 "key 9 with four clients"

# The portfolio overview: every client side by side; Enter opens one.
keys 0
wait_re "0: the overview" "Portfolio +[A-Z][a-z]+ [0-9]{4}, 4 clients" || true
# (The cards list actions too: a panel is told by its border.)
expect_screen_not "overview: no client panel" "─ Next actions"
expect_screen "overview: every client card" "Medix Health"
expect_screen "overview: every client card" "Northwind Distribution"
expect_screen "overview: every client card" "Cloudly"
keys 3
shows 3 "3 from the overview"
keys o
wait_gone "o: the overview again" "─ Next actions"
keys Enter
wait_for "Enter on the overview opens a client" "─ Next actions"
quit_dashboard

# The last client and panel are remembered across runs: at 80x24 only
# the focused panel shows, so both can be seen.
tui_start 80 24
wait_for "80x24: up" "1 Acme" 15 || exit 0
keys 3
settle "Northwind Distribution"
keys l l
wait_for "80x24: northwind's risks" "ERP on an unsupported version"
quit_dashboard "80x24"
tui_start 80 24
wait_for "restarted: the same client and panel" "ERP on an unsupported version" 15
quit_dashboard "restarted"
exit 0

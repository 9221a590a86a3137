# t-hours.sh: logging hours in the dashboard changes the Hours panel:
# the month total and its bar grow, the entry shows in the latest ones,
# and `cxo hours` has it.
. "$(dirname "$0")/lib.sh"

sample_db
logkey=$(cxo ui --list-keys | awk -F'\t' '/log hours/ { split($1, k, ", "); print k[1]; exit }')

# Northwind runs under pace: its bar has room to grow.
tui_start 120 40 -C northwind
wait_for "dashboard up on northwind" "Book reference calls" 15 || exit 0

# The month line of the Hours panel, e.g. "March  6.5h of 25h", and the
# filled cells of the budget bar under it.
hours_line() { screen_line "[0-9.:]+h? (of|/) [0-9.]+h"; }
bar_cells() { printf '%s\n' "$SCREEN" | grep -oE '[█▉▊▋▌▍▎▏]+' | head -1 | wc -m; }
before_line=$(hours_line)
before_bar=$(bar_cells)
check "the Hours panel shows the month against the budget ($before_line)" [ -n "$before_line" ]

keys "$logkey"
wait_for "the log form" "Log hours"
type_text "4h"
keys Tab
type_text "Scanner vendor demo"
keys Enter
wait_for "the new entry in the latest entries" "Scanner vendor demo"
_poll 5 eval '[ "$(hours_line)" != "$before_line" ]'
after_line=$(hours_line)
after_bar=$(bar_cells)
check "the month total changed ($before_line -> $after_line)" [ "$after_line" != "$before_line" ]
check "the bar grew ($before_bar -> $after_bar cells)" [ "$after_bar" -gt "$before_bar" ]
run cxo -d "$DB" -C northwind hours
expect_out "cxo hours has the entry" "Scanner vendor demo"
quit_dashboard
exit 0

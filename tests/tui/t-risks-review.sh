# t-risks-review.sh: a risk due for review says so in the Risks panel at
# every size the dashboard is tested at: at 120x40 the level shortens to
# make room ("review 3d late" used to be left out), at 80x24 the panel
# shows alone.
. "$(dirname "$0")/lib.sh"

sample_db
# The sample gives each client one risk whose review has passed.
tui_start 120 40
wait_for "dashboard up at 120x40" "1 Acme" 15 || exit 0
for n in 1 2 3 4; do
	keys "$n"
	wait_re "120x40 client $n: the due review shows" "review [0-9]+d late"
	expect_screen "120x40 client $n: the level, shortened" " crit "
done
quit_dashboard "120x40 quit"

tui_start 80 24
wait_for "dashboard up at 80x24" "1 Acme" 15 || exit 0
keys l l
wait_for "the Risks panel" "impact"
for n in 1 2 3 4; do
	keys "$n"
	wait_re "80x24 client $n: the due review shows" "review [0-9]+d late"
done
quit_dashboard "80x24 quit"
exit 0

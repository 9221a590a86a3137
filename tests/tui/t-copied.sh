# t-copied.sh: a binary copied away from the source tree and never
# installed finds no theme files, and still opens the dashboard on the
# built-in default theme.
. "$(dirname "$0")/lib.sh"

sample_db
mkdir -p "$TMPDIR/elsewhere/bin"
cp "$CXO" "$TMPDIR/elsewhere/bin/cxo"
CXO=$TMPDIR/elsewhere/bin/cxo
tui_start 120 40
wait_for "dashboard up without theme files" "1 Acme" 15 || exit 0
settle "Send the board deck draft"
expect_screen "panels drawn" "Mandates"
quit_dashboard
exit 0

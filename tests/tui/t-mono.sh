# t-mono.sh: NO_COLOR and a non-UTF-8 locale: ASCII borders and bars, no
# colour at all, attributes (bold, underline, reverse) carrying the
# meaning; forms work the same.
. "$(dirname "$0")/lib.sh"

sample_db
TUI_ENV="LANG=C LC_ALL=C NO_COLOR=1"
tui_start 120 40
wait_for "dashboard up in the C locale" "1 Acme" 15 || exit 0
settle "Send the board deck draft"
expect_screen "ASCII corners" "+- Mandates"
expect_screen "ASCII bar in the Hours panel" "###"
check "no UTF-8 box drawing or blocks" eval '! printf "%s" "$SCREEN" | grep -q "[─│┌┐└┘█░▏·…]"'
sgr=$(screen_sgr)
# SGR parameters 30-37/90-97 (foreground), 40-47/100-107 (background) and
# 38;5 / 48;5 (256 colours) would be colour; 39 and 49 are the defaults.
colours=$(printf '%s' "$sgr" | grep -oE $'\e\\[[0-9;]*m' | tr -d '\033[m' | tr ';' '\n' |
	grep -cE '^(3[0-8]|4[0-8]|9[0-7]|10[0-7])$')
check "NO_COLOR: no colour in any escape sequence ($colours)" [ "$colours" = 0 ]
# The SGR in force where an overdue "3d late" is drawn includes 1 or 4.
stands_out() {
	printf '%s' "$sgr" | grep -aqP '\x1b\[(?:[0-9;]*;)?[14](?:;[0-9;]*)?m[^\x1b]*\dd late'
}
check "overdue actions still stand out (bold or underline)" stands_out
keys l l l a
wait_for "the form in ASCII" "+- New action"
expect_screen "ASCII footer" "Enter save | Tab next field"
type_text "Plain ASCII action"
keys Tab
type_text "today"
keys Enter
wait_for "saved and shown" "Plain ASCII action"
quit_dashboard
exit 0

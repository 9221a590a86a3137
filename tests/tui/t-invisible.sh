# t-invisible.sh: zero-width characters, bidi controls and the line and
# paragraph separators in a client's name never reach the terminal: the
# tab bar and the status bar show the visible text, with nothing hidden
# between its letters.
. "$(dirname "$0")/lib.sh"

zw=$'\u200b' zwj=$'\u200d' zwnj=$'\u200c' bom=$'\ufeff' ls=$'\u2028' ps=$'\u2029'
rlo=$'\u202e' lrm=$'\u200e'
run cxo -d "$DB" init
expect_ok "an empty database"
run cxo -d "$DB" client add zw --name "Zw${zw}${zwj}${zwnj}${ls}${ps}${bom}${rlo}${lrm}Co Labs" \
	--role cio --budget 10 --industry "Ind${zw}${ls}ustry"
expect_ok "a client with invisible characters in its name"

tui_start 100 30
wait_for "the client's tab shows its visible text" "1 ZwCo" 15 || exit 0
# raw: capture-pane -e keeps what tmux was sent, combining characters
# included.
raw=$(screen_sgr)
bad=$(python3 -c '
import sys
text = sys.argv[1]
print(" ".join(hex(ord(c)) for c in text
      if 0x200b <= ord(c) <= 0x200f or 0x2028 <= ord(c) <= 0x202e or ord(c) == 0xfeff))' "$raw")
expect_eq "no invisible character reaches the terminal" "$bad" ""
expect_screen "the header line shows the name whole" "ZwCo Labs"
quit_dashboard
exit 0

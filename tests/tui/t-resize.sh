# t-resize.sh: shrinking below 80x24 shows "terminal too small" (no
# crash, no garbage); growing back redraws the dashboard; a resize in the
# middle of a form keeps what was typed.
. "$(dirname "$0")/lib.sh"

sample_db
tui_start 120 40
wait_for "dashboard up" "1 Acme" 15 || exit 0
settle "Send the board deck draft"
resize 60 20
wait_for "60x20: the too-small message" "terminal too small (need 80x24)"
expect_screen_not "60x20: no panel left over" "Next actions"
resize 120 40
wait_for "back to 120x40: panels" "Next actions"
wait_for "back to 120x40: content" "Send the board deck"
expect_screen_not "120x40: the message is gone" "terminal too small"
resize 80 24
wait_for "80x24: the dashboard fits" "Mandates"
expect_screen_not "80x24: not too small" "terminal too small"
resize 200 60
wait_for "200x60: the grid" "Next actions"

# Resizing with a form open.
keys l l l a
wait_for "form open" "New action"
type_text "Typed before the resize"
resize 60 20
wait_for "form, 60x20: too small" "terminal too small"
resize 100 30
wait_for "form, 100x30: the form is back" "New action"
expect_screen "form: the text typed is kept" "Typed before the resize"
expect_screen "form: the dashboard is drawn under it" "1 Acme"
keys Escape
wait_gone "form closed" "Title:"
resize 120 40
wait_for "120x40 again" "Send the board deck"
quit_dashboard
exit 0

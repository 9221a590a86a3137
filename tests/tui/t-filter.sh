# t-filter.sh: the filter (/) folds case in every script, not only ASCII
# ("ZOË" finds "Zoë"), matches owners where a panel shows them, and its
# hint says what it matches.
. "$(dirname "$0")/lib.sh"

sample_db
run cxo -d "$DB" -C acme risk add "Zoë's laptops are unmanaged" --likelihood 2 --impact 2 \
	--owner "Łukasz Nowak"
expect_ok "a risk with non-ASCII letters"
tui_start 120 40
wait_for "dashboard up" "1 Acme" 15 || exit 0
settle "Send the board deck draft"
keys l l /
wait_for "the filter form on Risks" "Filter Risks"
expect_screen "the hint says owners match too" "part of a title or an owner"
expect_screen "the footer: Enter filters" "Enter filter"
expect_screen_not "no other field to Tab to" "Tab next field"
type_text "ZOË"
keys Enter
wait_for "ZOË finds Zoë" "Zoë's laptops"
expect_screen "the panel's title shows the filter" "Risks /ZOË"
# A risk's row (the actions' lines name it too): its score and level.
risk_row_gone() {
	_capture
	! _has_re "$1"
}
check "the other risks are filtered out" risk_row_gone "20 crit(ical)? +No MFA on email"
keys /
wait_for "the filter form again" "Filter Risks"
keys C-u
type_text "łukasz"
keys Enter
wait_for "an owner, typed in lower case, matches" "Zoë's laptops"
check "... and only it" risk_row_gone "20 crit(ical)? +No MFA on email"
keys Escape
wait_re "Esc clears the filter" "20 crit(ical)? +No MFA on email"
# The Hours panel matches notes and their mandate's title.
keys h /
wait_for "the filter form on Hours" "Filter Hours"
expect_screen "the Hours hint" "part of a note or its mandate's title"
keys Escape
quit_dashboard
exit 0

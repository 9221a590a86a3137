# t-vendors.sh: the Vendors view (v) at 80x24 and 120x40: the renewals
# first (a contract renewed by default, then the deadlines soonest first)
# with the right notice deadline and days left, the data flag, the tab
# bar's count gaining a deadline within 14 days, the detail, the vendor
# form adding and editing (read back with sqlite3), d ending, x deleting
# after asking, Esc and v going back; a hostile name drawn as text; the
# view under NO_COLOR and TERM=linux.
. "$(dirname "$0")/lib.sh"

sample_db
# The sample's own vendors go: these checks count and order their own.
sqlite3 "$DB" "PRAGMA foreign_keys = ON; DELETE FROM decisions; DELETE FROM vendors"
acme=$(sqlite3 "$DB" "SELECT id FROM clients WHERE key = 'acme'")
iso() { date -u -d "$1" +%F; }
# vendor NAME TERM_END NOTICE AUTO DATA DILIGENCE [STATUS]
vendor() {
	local id term=NULL
	id=$(cat /proc/sys/kernel/random/uuid)
	[ -n "$2" ] && term="'$2'"
	sqlite3 "$DB" "PRAGMA foreign_keys = ON; INSERT INTO vendors (id, client_id, name, category,
		annual_cents, currency, term_end, auto_renew, notice_days, status, diligence, data,
		created) VALUES ('$id', '$acme', '$1', 'saas', 1200000, 'EUR', $term, $4, $3,
		'${7:-active}', '$6', '$5', '$(iso today)')"
}
db() { sqlite3 "$DB" "$1"; }
# The screen row (0-based) of the first line holding $1; 99 when none.
row_of() {
	local i=0 line
	while IFS= read -r line; do
		if [[ $line == *"$1"* ]]; then
			echo "$i"
			return
		fi
		i=$((i + 1))
	done <<<"$SCREEN"
	echo 99
}

vendor "Alpha Telecom" "" 0 0 none none
vendor "Zeta Backup" "$(iso '+400 days')" 30 1 internal none
# Notice 90 days before a term ending in 60: passed, renewed by default.
vendor "Dynamo ERP" "$(iso '+60 days')" 90 1 confidential none
vendor "Old Fax" "$(iso '+20 days')" 5 1 none none ended

tui_start 80 24
wait_for "dashboard up" "1 Acme" 15 || exit 0
# The attention count beside acme: its overdue actions, and then one
# more for a notice deadline within 14 days.
_first_line '1 Acme' "$SCREEN"$'\n'
count=${LINE#*1 Acme · CIO !}
count=${count%% *}
check "acme has its overdue actions counted ($count)" [ "$count" -gt 0 ]
# A term ending in 100 days, 90 days' notice: due in 10 days.
vendor "Medrec EHR" "$(iso '+100 days')" 90 1 regulated sent
wait_for "a deadline within 14 days adds one" "1 Acme · CIO !$((count + 1))"
keys 0
wait_for "the portfolio card shows the next notice deadline" "Notice by $(iso '+10 days'), in 10d"
_first_line 'Notice by' "$SCREEN"$'\n'
left_card() { [[ ${LINE:0:40} == *"Notice by"* ]]; }
check "on acme's card, the first" left_card
keys 1
settle "─ Mandates"

keys v
wait_for "v opens the Vendors view" "─ Vendors "
expect_screen "its note counts the renewals" "2 renewing"
expect_screen "the headings" "Notice by"
expect_screen "the deadline passed on an auto-renewing contract: renewed" "renewed"
expect_screen "the deadline of the EHR contract" "$(iso '+10 days')"
expect_screen "and the days left" "in 10d"
check "renewed by default first, then the soonest" [ "$(row_of 'Dynamo ERP')" -lt "$(row_of 'Medrec EHR')" ]
check "then the others" [ "$(row_of 'Medrec EHR')" -lt "$(row_of 'Alpha Telecom')" ]
check "by name" [ "$(row_of 'Alpha Telecom')" -lt "$(row_of 'Zeta Backup')" ]
expect_screen_not "an ended contract is not listed" "Old Fax"
expect_screen "the cost" "12,000.00"
expect_screen "regulated data without approved diligence is flagged" "! Medrec EHR"
expect_screen_not "the panels are not shown beside it" "─ Mandates"

keys Enter
wait_for "Enter opens the detail" "─ Vendor "
expect_screen "every field: the renewal" "renewed-by-default"
expect_screen "the notice period" "90 days"
expect_screen "the linked risks" "Linked risks (0)"
keys Escape
wait_gone "Esc closes it" "─ Vendor "
expect_screen "the view stays" "─ Vendors "

# a: the vendor form; the rest keeps its defaults.
keys a
wait_for "a opens the vendor form" "New vendor for acme"
type_text "Slack Grid"
keys Tab
keys C-u
type_text "saas"
keys Tab Tab
type_text "8,400"
keys Enter
wait_for "the form adds the vendor" "vendor added"
currency=$(db "SELECT currency FROM clients WHERE key = 'acme'")
expect_eq "the store has it, in the client's currency" "$(db "SELECT category, annual_cents, currency, notice_days FROM vendors WHERE name = 'Slack Grid'")" "saas|840000|$currency|30"
wait_for "the view lists it" "Slack Grid"

keys e
wait_for "e edits the selected one" "Edit vendor for acme"
keys Tab Tab Tab
keys C-u
type_text "9,000"
keys Enter
wait_for "the form saves it" "vendor saved"
expect_eq "the store has the new cost" "$(db "SELECT annual_cents FROM vendors WHERE name = 'Slack Grid'")" "900000"

keys d
wait_for "d ends the contract" "contract ended"
expect_eq "ended today" "$(db "SELECT status, ended FROM vendors WHERE name = 'Slack Grid'")" "ended|$(iso today)"
wait_gone "an ended one leaves the list" "│   Slack Grid"
keys D
wait_for "D lists the ended ones" "Slack Grid"
expect_screen "the view says so" "Vendors (all)"

keys g
settle "Dynamo ERP"
keys x
wait_for "x asks first" 'Delete vendor "Dynamo ERP"'
keys n
wait_gone "n keeps it" "Delete vendor"
expect_eq "kept" "$(db "SELECT count(*) FROM vendors WHERE name = 'Dynamo ERP'")" "1"
keys x
wait_for "x asks again" "Delete vendor"
keys y
wait_for "y deletes it" "vendor deleted"
expect_eq "deleted" "$(db "SELECT count(*) FROM vendors WHERE name = 'Dynamo ERP'")" "0"

# A name made of escapes reaches the screen as text.
vendor $'\e[2J\e[HCleared?' "" 0 0 none none
wait_for "a hostile name is listed" "Cleared?"
expect_screen "nothing was cleared" "1 Acme"

resize 120 40
wait_for "120x40: the view, wider" "─ Vendors "
expect_screen "120x40: the line under a row" "auto-renews"
keys v
wait_for "v again goes back to the panels" "─ Mandates"
keys v
wait_for "v opens it again" "─ Vendors "
keys Escape
wait_for "Esc goes back too" "─ Mandates"
quit_dashboard

# No colour, and the Linux console's 8 colours.
TUI_ENV="NO_COLOR=1" TUI_TERM=linux tui_start 80 24
wait_for "NO_COLOR, TERM=linux: up" "1 Acme" 15 || exit 0
keys v
wait_for "NO_COLOR, TERM=linux: the view" "Vendors"
expect_screen "NO_COLOR, TERM=linux: the rows" "Medrec EHR"
quit_dashboard
exit 0

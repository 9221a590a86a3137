# t-billing.sh: a client's billing terms (client add/edit/show), the
# hours a month bills under them (cxo hours: rounding, the rollover, the
# pace of billed against available hours), and month locks: hours lock,
# unlock and locks, and every write into a locked month refused with
# exit 65, writing nothing.
. "$(dirname "$0")/lib.sh"

if ! have_faketime; then
	skip "the months of these checks need faketime"
	finish
	exit
fi

db=$PWD/billing.db
export CXO_DB=$db
# at DAY ARGS...: cxo on DAY at 10:00.
at() { run fake "@$1 10:00:00" "$CXO" "${@:2}"; }

at 2026-09-01 client add acme --name "Acme" --budget 10 --rate 200 --start 2026-09-01
expect_ok "setup: a client with no terms"
at 2026-09-01 client add plain --name "Plain" --budget 10
at 2026-11-05 log 1h "October work" --date 2026-10-05
at 2026-11-05 log 7m "short call" --date 2026-11-02
at 2026-11-05 log 8m "another" --date 2026-11-02
at 2026-11-05 log 20m "not billed" --date 2026-11-03 --non-billable

# ---- no terms: the summary as it always was ----
at 2026-11-05 hours
expect_out "no terms: the plain summary" "acme 2026-11: 0.58h of 10h (5%), billable 0.25h;"
expect_out_not "no terms: nothing billed is said" ", billed"
at 2026-11-05 client show acme
expect_out_not "no terms: no rounding line" "rounding"
at 2026-11-05 hours --format json
check "no terms: no billing object in JSON" eval '[[ $OUT != *"\"billing\""* ]]'

# ---- bad terms are refused, naming the value, writing nothing ----
snap=$(db_dump "$db")
at 2026-11-05 client edit acme --round 15
expect_rc 65 "--round 15 (a bare number) is refused"
expect_err "... naming it and the forms" '--round: bad increment "15" (expected minutes with their unit'
at 2026-11-05 client edit acme --round 5h
expect_rc 65 "--round over 240 minutes is refused"
at 2026-11-05 client edit acme --round-mode sideways
expect_rc 65 "an unknown rounding mode is refused"
expect_err "... naming the modes" 'bad mode "sideways" (expected up, down or nearest)'
at 2026-11-05 client edit acme --round-per week
expect_rc 65 "an unknown rounding scope is refused"
expect_err "... naming the scopes" '(expected entry or day)'
at 2026-11-05 client edit acme --rollover-cap lots
expect_rc 65 "a bad rollover cap is refused"
expect_err "... naming it" '--rollover-cap: '
at 2026-11-05 client edit acme --overage-rate -5
expect_rc 65 "a negative overage rate is refused"
at 2026-11-05 client edit acme --round 15m --round-mode sideways
expect_rc 65 "one bad term refuses the others too"
expect_eq "nothing was written" "$(db_dump "$db")" "$snap"

# ---- terms set, shown, and applied ----
at 2026-11-05 client edit acme --legal-name "Acme Advisory Group LLC" --round 15m \
	--round-mode up --round-per entry --rollover-cap 2h --overage-rate 300
expect_ok "client edit sets the terms"
at 2026-11-05 client show acme
expect_out "the legal name" "legal name  Acme Advisory Group LLC"
expect_out "the rounding" "rounding    up to 15m, per entry"
expect_out "the rollover" "rollover    unused budget rolls over, up to 2h"
expect_out "the overage rate" "overage     300.00 USD an hour past the budget"
# October billed 1h of 10h: 9h unused, 2h (the cap) roll into November.
expect_out "this month billed, with the rollover" "billed      0.5h of 12h (10h + 2h rolled over)"
at 2026-11-05 client show acme --format json
expect_json "client show --format json"
expect_eq "JSON: the terms" \
	"$(json '[d["terms"][k] for k in ("legal_name", "round_minutes", "round_mode", "round_per", "rollover_cap_minutes", "overage_rate_cents")]')" \
	'["Acme Advisory Group LLC", 15, "up", "entry", 120, 30000]'
expect_eq "JSON: this month billed, rolled in" \
	"$(json '[d["this_month"]["minutes"], d["this_month"]["billing"]["billed_minutes"], d["this_month"]["billing"]["rolled_in_minutes"]]')" \
	'[35, 30, 120]'
at 2026-11-05 -C plain client show plain --format json
expect_eq "JSON: default terms, no billing" \
	"$(json '[d["terms"]["round_minutes"], d["terms"]["legal_name"], "billing" in d["this_month"]]')" \
	'[0, null, false]'
at 2026-11-05 client show acme --format tsv
expect_rc 64 "client show has no TSV"
at 2026-11-05 hours
# Per entry, up: 7m and 8m bill 15m each; the 20 non-billable minutes never.
expect_out "per entry: billed 0.5h of 12h" \
	"acme 2026-11: 0.58h, billable 0.25h, billed 0.5h of 12h (10h + 2h rolled over) (4%);"
at 2026-11-05 client edit acme --round-per day
at 2026-11-05 hours
expect_out "per day: the day's 15 minutes are one increment" "billed 0.25h of 12h"
at 2026-11-05 client edit acme --round-mode down --round-per entry
at 2026-11-05 hours
expect_out "down, per entry: 7m and 8m bill nothing" "billed 0h of 12h"
at 2026-11-05 client edit acme --round-mode nearest
at 2026-11-05 hours
expect_out "nearest: 7m to 0, 8m to 15m" "billed 0.25h of 12h"
at 2026-11-05 hours --format json
expect_eq "JSON: billed minutes" "$(json 'd["summary"][0]["billing"]["billed_minutes"]')" 15
expect_eq "JSON: rolled in" "$(json 'd["summary"][0]["billing"]["rolled_in_minutes"]')" 120
expect_eq "JSON: available" "$(json 'd["summary"][0]["billing"]["available_minutes"]')" 720
expect_eq "JSON: the retainer, 10h at 200.00" \
	"$(json 'd["summary"][0]["billing"]["retainer_cents"]')" 200000
expect_eq "JSON: the recorded minutes unchanged" "$(json 'd["summary"][0]["minutes"]')" 35
at 2026-11-05 hours --month 2026-10
expect_out "October: its first month with hours, nothing rolled in before September's" \
	"acme 2026-10: 1h, billable 1h, billed 1h of 12h (10h + 2h rolled over)"
at 2026-11-05 hours --month 2026-09
expect_out "September: the engagement's first month, nothing rolls in" \
	"acme 2026-09: 0h, billable 0h, billed 0h of 10h (0%)"
# Overage: 12h30m billed in December against 10h + 2h rolled in.
at 2026-12-20 log 12.5h "a long month" --date 2026-12-15
at 2026-12-20 hours --format json
expect_eq "JSON: 30 minutes over" "$(json 'd["summary"][0]["billing"]["overage_minutes"]')" 30
expect_eq "JSON: at the overage rate" "$(json 'd["summary"][0]["billing"]["overage_cents"]')" 15000
at 2026-12-20 hours
expect_out "the pace judges billed against available" \
	"billed 12.5h of 12h (10h + 2h rolled over), 0.5h over (104%); expected by today"
expect_out "... and is over" "projected 20.53h: over"
at 2026-12-20 client edit acme --round 0 --rollover-cap none --overage-rate none
at 2026-12-20 hours
expect_out "terms cleared: the plain summary again" "acme 2026-12: 12.5h of 10h (125%)"
at 2026-12-20 client show acme
expect_out_not "terms cleared: no rounding line" "rounding"
expect_out "the legal name stays" "legal name"
at 2026-12-20 client add newco --name "New Co" --round 6m --round-per day --rollover-cap 1h
expect_ok "client add takes the terms too"
at 2026-12-20 client show newco
expect_out "... and shows them" "rounding    up to 6m, per day"

# ---- locks ----
at 2026-12-02 hours lock --month 2026-11 --invoice INV-11
expect_ok "hours lock"
expect_out "it says how to open it" "locked acme's hours of 2026-11 (locked on 2026-12-02, invoice INV-11)"
at 2026-12-02 hours --month 2026-11
expect_out "cxo hours shows the lock" "acme 2026-11: locked on 2026-12-02, invoice INV-11"
at 2026-12-02 hours --month 2026-11 --format json
expect_eq "JSON: the invoice" "$(json 'd["summary"][0]["lock"]["invoice"]')" "INV-11"
at 2026-12-03 hours lock --month 2026-11
expect_ok "locking again without --invoice"
expect_out "... says it is locked and keeps the reference" "already locked (locked on 2026-12-02, invoice INV-11)"
at 2026-12-03 hours lock --month 2026-11 --invoice INV-11b
expect_ok "locking again with --invoice"
expect_out "... replaces the reference, keeps the day" "locked on 2026-12-02, invoice INV-11b"
at 2026-12-03 hours locks
expect_out "hours locks lists it" "2026-11  2026-12-02  INV-11b"
at 2026-12-03 hours locks --all-clients --format json
expect_eq "hours locks JSON" "$(json '[(l["client"], l["month"], l["invoice"]) for l in d]')" \
	'[["acme", "2026-11", "INV-11b"]]'
at 2026-12-03 -C plain hours locks
expect_out "another client has none" "no locked months for plain"
at 2026-12-03 hours lock --month 2027-01
expect_rc 65 "a month not begun is refused"
expect_err "... naming it" "2027-01 has not begun"
at 2026-12-03 hours lock
expect_rc 64 "hours lock without --month is a usage error"
at 2026-12-03 hours lock --month 2026-13
expect_rc 65 "a bad month is refused"

# Every write into the locked month is refused, writing nothing.
at 2026-12-03 hours --month 2026-11 --format json
nov_id=$(json 'd["entries"][0]["id"]')
at 2026-12-03 hours --month 2026-12 --format json
dec_id=$(json 'd["entries"][0]["id"]')
snap=$(db_dump "$db")
locked_msg="acme's hours of 2026-11 are locked as invoiced (invoice INV-11b): 'cxo hours unlock --month 2026-11 --client acme'"
at 2026-12-03 log 1h "late" --date 2026-11-20
expect_rc 65 "log into a locked month"
expect_err "... says why and how to open it" "$locked_msg"
at 2026-12-03 hours edit "$nov_id" --duration 2h
expect_rc 65 "hours edit of an entry in a locked month"
expect_err "... says why" "$locked_msg"
at 2026-12-03 hours edit "$dec_id" --date 2026-11-30
expect_rc 65 "hours edit moving an entry into a locked month"
at 2026-12-03 hours edit "$nov_id" --date 2026-12-01
expect_rc 65 "hours edit moving an entry out of a locked month"
at 2026-12-03 hours rm "$nov_id"
expect_rc 65 "hours rm in a locked month"
expect_err "... says why" "$locked_msg"
expect_eq "none of them wrote anything" "$(db_dump "$db")" "$snap"
run fake "@2026-11-30 23:00:00" "$CXO" -C plain start "late session"
expect_ok "setup: a timer for plain started on 30 November"
at 2026-12-01 -C plain hours lock --month 2026-11
snap=$(db_dump "$db")
run fake "@2026-12-01 00:30:00" "$CXO" -C plain stop --at 00:30
expect_rc 65 "stop of a timer whose entry falls in a locked month"
expect_err "... says why" "plain's hours of 2026-11 are locked as invoiced"
expect_eq "no write went through" "$(db_dump "$db")" "$snap"
run fake "@2026-12-01 00:31:00" "$CXO" -C plain status
at 2026-12-01 -C plain hours unlock --month 2026-11
expect_ok "hours unlock"
expect_out "it says so" "unlocked plain's hours of 2026-11"
run fake "@2026-12-01 00:30:00" "$CXO" -C plain stop --at 00:30
expect_ok "stop goes through once the month is open"
at 2026-12-03 -C plain hours unlock --month 2026-11
expect_ok "unlocking an open month is no error"
expect_out "... and says it was not locked" "plain's hours of 2026-11 were not locked"
at 2026-12-03 hours unlock --month 2026-11
at 2026-12-03 hours rm "$nov_id"
expect_ok "hours rm goes through once unlocked"
finish

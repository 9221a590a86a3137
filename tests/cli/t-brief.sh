# t-brief.sh: `cxo brief` on crafted histories: a client never worked
# on, nothing changed since the last time, everything changed, --since;
# its counts checked against sqlite3 over the file, and `cxo use` keeping
# the day worked on.
. "$(dirname "$0")/lib.sh"

export CXO_DB=$PWD/brief.db
db=$CXO_DB
today=$(date +%F)
days_ago() { py "" "import datetime, sys; print(datetime.date.today() - datetime.timedelta(days=int(sys.argv[1])))" "$1"; }
sql() { sqlite3 "$db" "$@"; }
old=$(days_ago 40)
last=$(days_ago 10)
prev=$(days_ago 20)

run cxo init
run cxo client add acme --name "Acme" --role cio --budget 18 --start "$old"
run cxo client add beta --name "Beta" --role cto --budget 10
run cxo use acme
expect_ok "two clients, acme current"
acme=$(sql "select id from clients where key = 'acme'")

# ---- a client never worked on ----
sql "delete from client_seen"
run cxo brief --format json
expect_ok "brief of a client never seen"
expect_eq "never seen: says so" "$(json 'd["since"]["from"]')" "never seen"
expect_eq "never seen: counts from the client's start" "$(json 'd["since"]["day"]')" "$old"
expect_eq "never seen: no day worked" "$(json 'd["since"]["last_worked"] is None')" "true"
run cxo brief
expect_out "text: never worked on before" "Never worked on before"
expect_out "text: nothing written yet" "Nothing written for this client yet."

# ---- nothing since the last time ----
run cxo log 2h "Kickoff workshop" --date "$(days_ago 30)"
run cxo action add "Old action" --due "$(days_ago 25)"
run cxo action done "Old action"
run cxo note add "First meeting: the plan"
expect_ok "an old history"
# All of it done long ago, the last day worked 10 days ago.
sql "update item_changes set at = '$(days_ago 30)'"
sql "update notes set created = '$(days_ago 30)T10:00:00Z'"
sql "insert or replace into client_seen values ('$acme', '$last', '$prev')"
run cxo brief --format json
expect_ok "brief after nothing changed"
expect_eq "nothing changed: since the last day worked" "$(json 'd["since"]["day"]')" "$last"
expect_eq "nothing changed: from the day worked" "$(json 'd["since"]["from"]')" "last worked"
expect_eq "nothing changed: no change counted" \
	"$(json 'sum(n for k in d["since"]["counts"].values() for n in k.values())')" "0"
expect_eq "nothing changed: no hours since" "$(json 'd["since"]["hours"]["minutes"]')" "0"
expect_eq "left off: the last entry" "$(json 'd["left_off"]["entry"]["note"]')" "Kickoff workshop"
expect_eq "left off: the last note" "$(json 'd["left_off"]["note"]["text"]')" "First meeting: the plan"
run cxo brief
expect_out "text: nothing changed" "Nothing changed since then."
expect_out "text: the last day worked" "Last worked on $last"
expect_out "text: where you left off" "Last entry  $(days_ago 30)"

# ---- everything changed ----
run cxo mandate add "Vendor selection" --due "$(days_ago -5)"
run cxo mandate add "Security policy"
run cxo mandate done "Security policy"
run cxo risk add "No MFA" --likelihood 4 --impact 5 --review "$(days_ago 2)" --owner "Priya"
run cxo risk add "Old backups" --likelihood 2 --impact 2
run cxo risk accept "Old backups" --until "$(days_ago -20)"
run cxo risk add "Laptop theft" --likelihood 3 --impact 3
run cxo risk close "Laptop theft"
run cxo action add "Ask for the SLA" --due "$(days_ago 3)"
run cxo action add "Send the deck" --due "$(days_ago -2)"
run cxo action add "Get the quote" --waiting "Elena" --since "$(days_ago 4)"
run cxo action edit "Send the deck" --title "Send the board deck"
run cxo note add "Call with the CEO"
run cxo note add "To delete"
nid=$(sql "select id from notes where body = 'To delete'")
run cxo note rm "$nid"
run cxo log 1.5h "Board prep"
run cxo log 1h "Vendor call" --non-billable
expect_ok "a busy day"
run cxo brief --format json
expect_ok "brief after everything changed"
since=$(json 'd["since"]["day"]')
expect_eq "everything: since the last day worked" "$since" "$last"
for kind in mandate risk action note; do
	for change in added edited closed accepted reopened deleted; do
		want=$(sql "select count(distinct item_id) from item_changes where client_id = '$acme' and at >= '$since' and kind = '$kind' and change = '$change'")
		expect_eq "everything: $kind $change as sqlite3 counts" \
			"$(json 'd["since"]["counts"][args[0]][args[1]]' "$kind" "$change")" "$want"
	done
done
expect_eq "everything: some were added" "$(json 'd["since"]["counts"]["action"]["added"]')" "3"
expect_eq "everything: a risk accepted" "$(json 'd["since"]["counts"]["risk"]["accepted"]')" "1"
expect_eq "everything: a note deleted" "$(json 'd["since"]["counts"]["note"]["deleted"]')" "1"
expect_eq "everything: hours since as sqlite3 sums them" "$(json 'd["since"]["hours"]["minutes"]')" \
	"$(sql "select sum(minutes) from time_entries where client_id = '$acme' and day >= '$since'")"
expect_eq "everything: billable hours since" "$(json 'd["since"]["hours"]["billable_minutes"]')" \
	"$(sql "select sum(minutes) from time_entries where client_id = '$acme' and day >= '$since' and billable")"
expect_eq "everything: the latest titles, at most 5" "$(json 'len(d["since"]["recent"])')" "5"
expect_eq "overdue actions as sqlite3 finds them" "$(json 'len(d["actions_overdue"])')" \
	"$(sql "select count(*) from actions where client_id = '$acme' and status in ('todo', 'waiting') and due <> '' and due < '$today'")"
expect_eq "overdue: the SLA" "$(json 'd["actions_overdue"][0]["title"]')" "Ask for the SLA"
expect_eq "due this week: the deck" "$(json 'd["actions_due_week"][0]["title"]')" "Send the board deck"
expect_eq "waiting: for Elena" "$(json 'd["waiting_for"][0]["waiting_for"]')" "Elena"
expect_eq "waiting: 4 days" "$(json 'd["waiting_for"][0]["days_waited"]')" "4"
expect_eq "review due: No MFA" "$(json '",".join(r["title"] for r in d["risks_review_due"])')" "No MFA"
expect_eq "acceptance ending: Old backups" "$(json '",".join(r["title"] for r in d["acceptances_ending"])')" "Old backups"
expect_eq "top risk: No MFA, score 20" "$(json 'd["top_risks"][0]["score"]')" "20"
expect_eq "mandate due: Vendor selection" "$(json '",".join(m["title"] for m in d["mandates_due"])')" "Vendor selection"
expect_eq "month: minutes as sqlite3 sums them" "$(json 'd["hours"]["minutes"]')" \
	"$(sql "select coalesce(sum(minutes), 0) from time_entries where client_id = '$acme' and day >= '${today:0:7}-01'")"
expect_eq "month: the budget" "$(json 'd["hours"]["budget_minutes"]')" "1080"

run cxo brief
expect_out "text: the kinds counted" "Actions       3 added, 1 edited"
expect_out "text: hours logged" "Hours logged  2.5h, billable 1.5h"
expect_out "text: the overdue action" "3d late: Ask for the SLA"
expect_out "text: waiting for Elena" "Elena: Get the quote, 4 days"
expect_out "text: the pace as cxo hours says it" "of 18h ("
long=$(printf '%s\n' "$OUT" | awk 'length($0) > 80' | grep -c '')
expect_eq "text: wrapped to 80 columns off a terminal" "$long" "0"
run cxo brief --format md
expect_ok "brief --format md"
expect_out "md: headings" "## Where you left off"

# ---- --since ----
run cxo brief --since "$today" --format json
expect_eq "--since: the day given" "$(json 'd["since"]["day"]')" "$today"
expect_eq "--since: said as given" "$(json 'd["since"]["from"]')" "given"
expect_eq "--since today: the notes deleted today" "$(json 'd["since"]["counts"]["note"]["deleted"]')" \
	"$(sql "select count(distinct item_id) from item_changes where client_id = '$acme' and at >= '$today' and kind = 'note' and change = 'deleted'")"
run cxo brief --since "$(days_ago -1)" --format json
expect_eq "--since tomorrow: nothing" \
	"$(json 'sum(n for k in d["since"]["counts"].values() for n in k.values())')" "0"

# ---- another client, by its key; long lists cut ----
for i in 1 2 3 4 5 6 7 8 9 10 11 12; do
	cxo -C beta action add "Late $i" --due "$(days_ago $((20 - i)))" >/dev/null
done
run cxo brief beta --format json
expect_ok "brief beta"
expect_eq "KEY names the client" "$(json 'd["client"]["key"]')" "beta"
expect_eq "ten overdue actions shown" "$(json 'len(d["actions_overdue"])')" "10"
expect_eq "the oldest due first" "$(json 'd["actions_overdue"][0]["title"]')" "Late 1"
expect_eq "more than shown" "$(json 'd["actions_due_more"]')" "true"
run cxo brief beta
expect_out "text: and more" "and more"

# ---- cxo use keeps the day worked on ----
sql "insert or replace into client_seen values ('$acme', '$last', '$prev')"
run cxo use acme
expect_ok "use acme"
expect_eq "use: today is the last day worked" "$(sql "select last_day || ' ' || previous_day from client_seen where client_id = '$acme'")" "$today $last"
run cxo brief --format json
expect_eq "worked today: counts from the day before" "$(json 'd["since"]["day"]')" "$last"

# ---- refused ----
run cxo brief --format html
expect_rc 64 "--format html is refused"
expect_err "--format: names the value" '"html"'
expect_err "--format: says what is expected" "expected text, md or json"
run cxo brief nosuch
expect_rc 66 "an unknown client"
expect_err "an unknown client: named" '"nosuch"'
run cxo brief --since someday
expect_rc 65 "a bad --since"
expect_err "--since: names the value" '"someday"'


# ---- vendors and decisions: the sample on a fixed day ----
if have_faketime; then
	sdb=$PWD/sample.db
	on() { run fake "@2026-11-18 10:00:00" "$CXO" -d "$sdb" "$@"; }
	on init --sample
	expect_ok "the sample portfolio on 2026-11-18"
	on brief northwind
	expect_ok "brief northwind"
	# The whole document: the ERP notice caught a month ahead, the
	# scanners' contract that ends unless renewed, the decision whose
	# review is two weeks late.
	expect_eq "brief northwind, whole" "$(printf '%s' "$OUT")" "$(cat <<'DOC'
Brief: Northwind Distribution
=============================

Where you left off
------------------

Last note   2026-11-18 (today): Leadership meeting: peak season starts in eight
            weeks, so no ERP cutover before January. Lucy wants the budget
            contingency kept for the DR work.
Last entry  2026-11-14 (4d ago): 1.5h ERP shortlist call with the controller

Since 2026-11-12
----------------

Last worked on 2026-11-12: changes from that day on.

Mandates      4 added
Risks         5 added
Actions       6 added
Notes         2 added
Hours logged  1.5h, billable 1.5h

- 2026-11-18 note added: Leadership meeting: peak season starts in eight weeks,
  so no ERP cutover before
- 2026-11-18 action added: Replace the MSP's shared remote-access accounts
- 2026-11-18 action added: Ask the payment processor about P2PE terminals
- 2026-11-18 action added: Schedule a restore test of the ERP database
- 2026-11-18 action added: Book reference calls for both ERP finalists

and 12 more

Actions overdue and due in 7 days
---------------------------------

- 7d late: Ask the payment processor about P2PE terminals
- 4d late: Book reference calls for both ERP finalists
- in 3d: Replace the MSP's shared remote-access accounts (Bob Tanaka)
- in 5d: Wi-Fi survey quote for both warehouses

Waiting for
-----------

- Lucy Chen: Five-year cost comparison of the ERP finalists, 5 days
- Ken Walsh: Wi-Fi survey quote for both warehouses, 2 days

Risks
-----

Review due
~~~~~~~~~~

- score 16: No tested recovery for the ERP (Bob Tanaka), review 7d late

Acceptances ending within 30 days
~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~

No acceptance ends within 30 days.

Top open risks
~~~~~~~~~~~~~~

- score 16: No tested recovery for the ERP (Bob Tanaka), open
- score 15: ERP on an unsupported version (Sara Olsen), mitigating
- score 12: Card data on the will-call counter terminals (Lucy Chen), open

Vendors
-------

Renewals: notice deadlines within 60 days
~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~

- in 4w: Sterling ERP, notice by 2026-12-18, term ends 2027-03-18, renews
  automatically, 96,000.00 USD a year (Sara Olsen)
- in 5w: Zebra Technologies, notice by 2026-12-28, term ends 2027-01-27, ends
  unless renewed, 22,000.00 USD a year (Ken Walsh)

Regulated data without approved due diligence
~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~

Every vendor holding regulated data has approved due diligence.

Decisions due for review
------------------------

- review 2w late: Extend ERP support until the new ERP is live (decided
  2026-03-18 by Sara Olsen)

Mandates due within 14 days
---------------------------

No mandate is due within 14 days.

Hours this month
----------------

November 2026  3.5h of 25h (14%), billable 3.5h; expected by today 15.48h,
               projected 5.65h: behind
DOC
)"
	on brief medix --format md
	expect_out "md: the EHR integration without approved diligence, its note" \
		"- CareBridge EHR Connect (Raj Mehta): questionnaire sent on 2026-11-14; BAA unsigned: redlines still open"
	expect_out "md: a heading of its own" "### Regulated data without approved due diligence"
	expect_out "md: no renewal at medix said so" "No notice deadline within 60 days, and nothing renewed by default."
	on brief cloudly
	expect_out "text: renewed by default, the days late" \
		"- renewed by default: Datadog, notice was due by 2026-11-09 (9d late), term ends"
	on brief cloudly --format json
	expect_eq "json: the renewal renewed by default" \
		"$(json '[[v["name"], v["notice_by"], v["days_left"], v["renewal"], v["annual_cents"]] for v in d["renewals"]]')" \
		'[["Datadog", "2026-11-09", -9, "renewed-by-default", 4200000]]'
	on brief northwind --format json
	expect_eq "json: northwind's renewals, the soonest first" \
		"$(json '[[v["name"], v["days_left"], v["renewal"], v["auto_renew"]] for v in d["renewals"]]')" \
		'[["Sterling ERP", 30, "soon", true], ["Zebra Technologies", 40, "soon", false]]'
	expect_eq "json: the decision due for review" \
		"$(json '[[x["title"], x["review"], x["decided_by"]] for x in d["decisions_review_due"]]')" \
		'[["Extend ERP support until the new ERP is live", "2026-11-04", "Sara Olsen"]]'
	on brief medix --format json
	expect_eq "json: the regulated data without approved diligence" \
		"$(json '[[v["name"], v["data"], v["diligence"], v["diligence_on"]] for v in d["regulated_without_diligence"]]')" \
		'[["CareBridge EHR Connect", "regulated", "sent", "2026-11-14"]]'
	# A review due today is due; tomorrow's is not; a superseded
	# decision is never due.
	sqlite3 "$sdb" "UPDATE decisions SET review = '2026-11-18' WHERE title = 'Adopt SSO before SOC 2';
		UPDATE decisions SET review = '2026-11-19' WHERE title = 'Stay on a single cloud provider';
		UPDATE decisions SET review = '2026-11-01', status = 'superseded' WHERE title LIKE 'Hire an engineering lead%'"
	on brief cloudly
	expect_out "a review due today is listed" "- review today: Adopt SSO before SOC 2 (decided 2026-10-28 by Ravi Kumar)"
	expect_out_not "tomorrow's is not" "single cloud provider"
	expect_out_not "nor a superseded decision" "Hire an engineering lead"
	# An owner stored empty is nobody named.
	sqlite3 "$sdb" "UPDATE vendors SET owner = '' WHERE name = 'CareBridge EHR Connect'"
	on brief medix
	expect_out "an empty owner is not shown" "- CareBridge EHR Connect: questionnaire sent on 2026-11-14;"
	# Past 60 days: not a renewal; a term over: not renewed by default.
	sqlite3 "$sdb" "UPDATE vendors SET term_end = '2027-04-18' WHERE name = 'Sterling ERP';
		UPDATE vendors SET term_end = '2026-11-17' WHERE name = 'Datadog'"
	on brief northwind --format json
	expect_eq "a deadline 61 days ahead is not listed" "$(json '[v["name"] for v in d["renewals"]]')" '["Zebra Technologies"]'
	on brief cloudly --format json
	expect_eq "a renewed by default whose term is over is not" "$(json 'd["renewals"]')" '[]'
else
	skip "faketime is needed for the brief's vendors on a fixed day"
fi

finish

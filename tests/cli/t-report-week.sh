# t-report-week.sh: `cxo report week`, the weekly update to paste into an
# email: what was done, the hours by mandate (against sqlite3 sums), the
# notes marked shareable and no others (`note add --share`, `note share
# ID [--off]`), what is next, what waits on the client's people with the
# days waited, the risks that changed; no internal ids; Markdown through
# cmark, HTML printed; bad options refused.
. "$(dirname "$0")/lib.sh"

db=$PWD/cxo.db
export CXO_DB=$db
today=$(date +%F)
monday=$(date -d "$today -$(($(date +%u) - 1)) days" +%F)
sunday=$(date -d "$monday +6 days" +%F)
next_monday=$(date -d "$monday +7 days" +%F)

run cxo client add wk --name "Weekly Co" --budget 20 --rate 150
expect_ok "client add wk"
run cxo use wk
run cxo mandate add "Cloud migration plan" --due "$(date -d "$today +10 days" +%F)"
run cxo mandate add "Vendor review"
run cxo mandate done "Vendor review"
expect_ok "a mandate closed this week"
run cxo action add "Draft the migration memo"
run cxo action done "Draft the migration memo"
expect_ok "an action done this week"
run cxo action add "Book the steering meeting" --due "$(date -d "$today +3 days" +%F)" --owner "Sam Lee"
run cxo action add "Plan the Q3 offsite" --due "$(date -d "$today +20 days" +%F)"
run cxo action add "Signed cloud contract" --waiting "Dana Fox" --since "$(date -d "$today -5 days" +%F)"
run cxo risk add "Key engineer may leave" --likelihood 3 --impact 4
run cxo log --date "$monday" --mandate "Cloud migration" 2h "Workshop"
run cxo log --date "$monday" 45m "Call"
run cxo log --date "$monday" --non-billable 20m "Admin"
run cxo log --date "$(date -d "$monday -1 day" +%F)" 3h "Last week's work"
run cxo note add "Internal: the CFO is difficult"
run cxo note add --share "Agreed the migration order with the CTO"
expect_ok "note add --share"
shared_id=$(sqlite3 -readonly "$db" "SELECT note_id FROM note_shares")
expect_eq "note add --share marks it shared" "$(sqlite3 -readonly "$db" "SELECT count(*) FROM note_shares")" 1

# ---- note list / show say it ----
run cxo note list
expect_out "note list marks the shared note" "[shared] Agreed the migration order"
expect_out_not "and no other" "[shared] Internal"
run cxo note list --format json
expect_eq "note list json: shared" "$(json '[[n["text"][:6], n["shared"]] for n in d]')" \
	'[["Agreed", true], ["Intern", false]]'
run cxo note show "${shared_id:0:8}"
expect_out "note show says shared" "shared    yes"

# ---- the document ----
run cxo report week
expect_ok "report week"
expect_out "the title names the client and the week" "# Weekly update: Weekly Co, $monday to $sunday"
expect_out "done: the action" "- Draft the migration memo ($today)"
expect_out "done: the mandate closed" "- Mandate closed: Vendor review ($today)"
expect_out "shared note" "$today: Agreed the migration order with the CTO"
expect_out_not "an unshared note stays out" "CFO is difficult"
expect_out "next: due in 3 days, with its owner" "- Book the steering meeting, with Sam Lee (due $(date -d "$today +3 days" +%F))"
expect_out_not "next: not what is due in 20 days" "Q3 offsite"
expect_out "next: the mandate due" "- Mandate: Cloud migration plan (due"
expect_out "waiting: who, what, days waited" "- Dana Fox: Signed cloud contract (waiting 5 days)"
expect_out "risks: the new one" "- Key engineer may leave: added"
expect_out "hours: by mandate" "| Cloud migration plan | 2h |"
expect_out "hours: the rest" "| Other work | 1.08h |"
IFS='|' read -r m b <<<"$(sqlite3 -readonly "$db" "SELECT sum(minutes), sum(minutes * billable) FROM time_entries WHERE day >= '$monday' AND day < '$next_monday'")"
expect_eq "the week's minutes (sqlite3)" "$m|$b" "185|165"
expect_out "hours: the total" "| **Total** | **3.08h** |"
ids=$(sqlite3 -readonly "$db" "SELECT substr(id, 1, 8) FROM mandates UNION ALL SELECT substr(id, 1, 8) FROM actions UNION ALL SELECT substr(id, 1, 8) FROM risks UNION ALL SELECT substr(id, 1, 8) FROM notes")
leaked=
for id in $ids; do [[ $OUT == *"$id"* ]] && leaked="$leaked $id"; done
expect_eq "no internal id in the update" "$leaked" ""

run cxo report week --format json
expect_ok "report week --format json"
expect_eq "json: the week's minutes equal the sums" \
	"$(json '[d["week"]["from"], d["week"]["to"], d["hours"]["minutes"], d["hours"]["billable_minutes"], sum(h["minutes"] for h in d["hours"]["by_mandate"])]')" \
	"[\"$monday\", \"$sunday\", $m, $b, $m]"
expect_eq "json: waiting with days" "$(json '[[w["waiting_for"], w["days_waited"]] for w in d["waiting"]]')" '[["Dana Fox", 5]]'
expect_eq "json: done" "$(json '[[a["title"] for a in d["done"]["actions"]], [m["title"] for m in d["done"]["mandates"]]]')" \
	'[["Draft the migration memo"], ["Vendor review"]]'
expect_eq "json: one shared note" "$(json '[n["text"] for n in d["notes"]]')" '["Agreed the migration order with the CTO"]'

# note share --off takes it out again; note share puts it back
run cxo note share "${shared_id:0:8}" --off
expect_ok "note share --off"
expect_out "says so" "no longer shared"
run cxo report week
expect_out_not "an unshared note is out of the update" "Agreed the migration order"
unshared_id=$(sqlite3 -readonly "$db" "SELECT id FROM notes WHERE body LIKE 'Internal%'")
run cxo note share "${unshared_id:0:8}"
expect_ok "note share"
run cxo report week --format json
expect_eq "now that one is in" "$(json '[n["text"] for n in d["notes"]]')" '["Internal: the CFO is difficult"]'

# last week: the 3h only, nothing done
run cxo report week --week last --format json
expect_eq "--week last: its hours only, nothing done" \
	"$(json '[d["week"]["from"], d["hours"]["minutes"], len(d["done"]["actions"]), len(d["done"]["mandates"]), len(d["notes"])]')" \
	"[\"$(date -d "$monday -7 days" +%F)\", 180, 0, 0, 0]"
run cxo report week --week "$(date -d "$monday -3 days" +%F)"
expect_out "--week DAY: the week holding it" "Weekly Co, $(date -d "$monday -7 days" +%F) to $(date -d "$monday -1 day" +%F)"
expect_out "an empty week says so" "Nothing was closed this week."

# ---- hostile text, Markdown and HTML ----
esc=$(printf '\033[2J\033]0;x\007')
run cxo mandate add "<script>alert(1)</script> | ${esc}x"
run cxo log --date "$today" --mandate script 1h "hostile"
run cxo note add --share "# not a heading <img src=x onerror=alert(1)> ${esc}| cell"
run cxo report week --output week.md
expect_ok "report week --output week.md"
_slurp md week.md
expect_eq "md: no ESC" "$([[ $md == *$'\e'* ]] && echo raw || echo none)" none
expect_eq "md: every < escaped" "$(grep -cE '(^|[^\\])<(script|img)' week.md)" 0
check_md week.md
run cxo report week --output week.html
expect_ok "report week --output week.html"
_slurp html week.html
expect_eq "html: no ESC" "$([[ $html == *$'\e'* ]] && echo raw || echo none)" none
check_html_pdf week.html "Weekly update" "Dana Fox: Signed cloud contract (waiting 5 days)" "4.08h"

# ---- the decisions taken in the week ----
# Monday to Sunday of this week: decided, and decided then superseded,
# count; a proposal does not, nor a decision of the Sunday before or of
# the Monday after.
wk_id=$(sqlite3 "$db" "SELECT id FROM clients WHERE key = 'wk'")
n=0
decision() {
	n=$((n + 1))
	sqlite3 "$db" "INSERT INTO decisions(id, client_id, title, day, status, decided_by, created)
		VALUES (printf('00000000-0000-4000-8000-%012d', $n), '$wk_id', '$1', '$2', '$3',
		nullif('$4', ''), '$2T09:00:00Z')"
}
decision "Move the CRM to the cloud" "$monday" decided "Dana Fox"
decision "Keep the old ERP a year" "$sunday" superseded "Sam Lee"
decision "Adopt a password manager" "$monday" proposed ""
decision "Choice of the week before" "$(date -d "$monday -1 day" +%F)" decided "Dana Fox"
decision "Choice of the week after" "$next_monday" decided "Dana Fox"
run cxo report week
expect_ok "report week with decisions"
expect_eq "the decisions taken, the earliest first" \
	"$(printf '%s\n' "$OUT" | sed -n '/^## Decisions/,/^## Hours/p')" "$(cat <<DOC
## Decisions

- Move the CRM to the cloud (decided by Dana Fox, $monday)
- Keep the old ERP a year (decided by Sam Lee, $sunday, since superseded)

## Hours
DOC
)"
run cxo report week --format json
expect_eq "json: the decisions taken" "$(json '[[x["title"], x["day"], x["decided_by"], x["status"]] for x in d["decisions"]]')" \
	"[[\"Move the CRM to the cloud\", \"$monday\", \"Dana Fox\", \"decided\"], [\"Keep the old ERP a year\", \"$sunday\", \"Sam Lee\", \"superseded\"]]"
run cxo report week --week last
expect_out "last week: its decision" "- Choice of the week before (decided by Dana Fox,"
expect_out_not "last week: not this week's" "Move the CRM"
run cxo report week --week "$next_monday"
expect_out "next week: a decision recorded ahead" "- Choice of the week after (decided by Dana Fox, $next_monday)"

# ---- the whole update, the sample on a fixed day ----
if have_faketime; then
	sdb=$PWD/sample.db
	run fake "@2026-11-18 10:00:00" "$CXO" -d "$sdb" init --sample
	expect_ok "the sample on 2026-11-18"
	run fake "@2026-11-18 10:00:00" "$CXO" -d "$sdb" -C northwind report week
	expect_ok "northwind's weekly update"
	expect_eq "northwind's weekly update, whole" "$(printf '%s' "$OUT")" "$(cat <<'DOC'
# Weekly update: Northwind Distribution, 2026-11-16 to 2026-11-22

## Done

Nothing was closed this week.

## Decisions

- No ERP cutover during peak season (decided by Lucy Chen, 2026-11-18)

## Hours

No hours were logged this week.

## Next

- Ask the payment processor about P2PE terminals (overdue since 2026-11-11)
- Book reference calls for both ERP finalists (overdue since 2026-11-14)
- Replace the MSP's shared remote-access accounts, with Bob Tanaka (due 2026-11-21)
- Schedule a restore test of the ERP database, with Bob Tanaka (due 2026-11-25)

## What we need from you

- Ken Walsh: Wi-Fi survey quote for both warehouses (waiting 2 days)
- Lucy Chen: Five-year cost comparison of the ERP finalists (waiting 5 days)

## Risks

- ERP on an unsupported version: added
- No tested recovery for the ERP: added
- Card data on the will-call counter terminals: added
- MSP remote-access tool with shared credentials: added
- Warehouse scanners on a flat network: added
DOC
)"
	run fake "@2026-11-18 10:00:00" "$CXO" -d "$sdb" -C acme report week
	expect_out "acme: a proposal is not a decision taken" "No decision was taken this week."
else
	skip "faketime is needed for the sample's weekly update on a fixed day"
fi

# ---- refused ----
run cxo report week --format csv
expect_rc 64 "week has no csv"
expect_err "says what it has" "(expected md, html or json)"
run cxo report week --week someday
expect_rc 64 "a bad --week"
expect_err "names it" "someday"
run cxo note share
expect_rc 64 "note share needs an id"

finish

# t-report-board.sh: `cxo report board`, the one-page client pack: its
# figures against sqlite3 queries written here (the month's hours, the
# twelve weeks, the open risks per cell, the actions due in 30 days, the
# waiting ones), the mandate closed in the month, the renewals with a
# notice deadline within 60 days, the vendors holding regulated data
# without approved due diligence and the decisions of the period, the
# HTML printed by Chromium, the Markdown parsed, hostile text neutralised
# in every format, and a client with no risks and no hours.
. "$(dirname "$0")/lib.sh"

if ! have_faketime; then
	skip "faketime is needed to place the changes on fixed days"
	finish
	exit
fi

db=$PWD/board.db
at() { run fake "@$1 10:00:00" "$CXO" -d "$db" "${@:2}"; }
q() { sqlite3 -readonly "$db" "$1"; }
acme="(SELECT id FROM clients WHERE key = 'acme')"

at 2026-11-18 init --sample
expect_ok "the sample portfolio"
at 2026-11-18 -C acme mandate add "Printer fleet refresh" --due 2026-11-30
at 2026-11-19 -C acme mandate done "Printer fleet refresh"
expect_ok "a mandate closed in November"
hostile=$'Call \e[2J\e[Hback <script>x()</script> | *now*'
at 2026-11-19 -C acme action add "$hostile" --due 2026-11-21 --waiting $'Eve \e[31m<b>|</b>' \
	--since 2026-11-12
expect_ok "an action with hostile text, waiting since the 12th"
# An action due the 17th of December, the last day of the 30 (from the
# 18th), and one due the 18th, the first day after them.
at 2026-11-19 -C acme action add "Due on the thirtieth day" --due 2026-12-17
at 2026-11-19 -C acme action add "Due after the thirty days" --due 2026-12-18
at 2026-11-19 -C acme log 45m "a hostile | note <i>" --date 2026-11-02
at 2026-11-19 client add quiet --name "Quiet Co" --role cto --budget 10
expect_ok "a client with no risks and no hours"

# ---- JSON: every figure against the database ----
at 2026-11-18 -C acme report board --format json
expect_ok "report board --format json"
expect_json "the board pack is JSON"
expect_eq "format, kind, client, period" "$(json '[d["format"], d["kind"], d["client"], d["period"]]')" \
	'["cxo-report", "board", "acme", {"from": "2026-11-01", "to": "2026-11-30"}]'
minutes=$(q "SELECT sum(minutes) FROM time_entries WHERE client_id = $acme AND day >= '2026-11-01' AND day < '2026-12-01'")
expect_eq "the month's minutes, as sqlite3 sums them" "$(json 'd["hours"]["minutes"]')" "$minutes"
# The hours as the documents show them: decimal, at most two places.
total=$(python3 -c 'import sys; print(("%.2f" % (int(sys.argv[1]) / 60)).rstrip("0").rstrip(".") + "h")' "$minutes")
expect_eq "the billable minutes, as sqlite3 sums them" "$(json 'd["hours"]["billable_minutes"]')" \
	"$(q "SELECT sum(minutes) FROM time_entries WHERE client_id = $acme AND billable AND day >= '2026-11-01' AND day < '2026-12-01'")"
expect_eq "the pace of a month with a budget" "$(json '[d["hours"]["budget_minutes"], d["hours"]["level"]]')" '[1080, "over"]'
weeks=$(q "WITH w(n, f) AS (SELECT 0, '2026-08-31' UNION ALL SELECT n + 1, date(f, '+7 days') FROM w WHERE n < 11)
	SELECT group_concat(f || '=' || (SELECT coalesce(sum(minutes), 0) FROM time_entries
	       WHERE client_id = $acme AND day >= f AND day < date(f, '+7 days')), ' ') FROM w")
expect_eq "the twelve weeks to the week of the 16th, as sqlite3 sums them" \
	"$(json '" ".join("%s=%d" % (w["from"], w["minutes"]) for w in d["hours"]["weeks"])')" "$weeks"
expect_eq "the budget's weekly share: 18h x 12 / 52" "$(json 'd["hours"]["week_budget_minutes"]')" 249
expect_eq "the engagement" "$(json '[d["legal_name"]] + [d["engagement"][k] for k in ("role", "budget_minutes", "rate_cents", "currency")]')" \
	'[null, "cio", 1080, 22500, "USD"]'
expect_eq "the mandate closed in November" "$(json '[[m["title"], m["day"]] for m in d["mandates_closed"]]')" \
	'[["Printer fleet refresh", "2026-11-19"]]'
expect_eq "the active mandates, as sqlite3 counts them" "$(json 'len(d["mandates"])')" \
	"$(q "SELECT count(*) FROM mandates WHERE client_id = $acme AND status = 'active'")"
cells=$(q "SELECT group_concat(likelihood || 'x' || impact || '=' || n, ' ') FROM
	(SELECT likelihood, impact, count(*) AS n FROM risks WHERE client_id = $acme
	 AND status IN ('open', 'mitigating') GROUP BY 1, 2 ORDER BY 1, 2)")
expect_eq "the heat map holds the open risks of each cell" \
	"$(json '" ".join("%dx%d=%d" % (l + 1, i + 1, d["risks"]["heatmap"][l][i]) for l in range(5) for i in range(5) if d["risks"]["heatmap"][l][i])')" \
	"$cells"
expect_eq "the top five risks" "$(json 'len(d["risks"]["top"])')" 5
due=$(q "SELECT group_concat(title, '|') FROM (SELECT title FROM actions WHERE client_id = $acme
	AND status IN ('todo', 'waiting') AND due < date('2026-11-18', '+30 days') ORDER BY due, title)")
expect_eq "the actions due in 30 days (overdue first), as sqlite3 finds them" \
	"$(json '"|".join(sorted((a["title"] for a in d["actions"]), key=lambda t: [x["due"] for x in d["actions"] if x["title"] == t][0] + t))')" \
	"$due"
expect_eq "overdue first" "$(json 'd["actions"][0]["overdue"] and all(a["due"] <= b["due"] for a, b in zip(d["actions"], d["actions"][1:]))')" true
expect_eq "the thirtieth day is in, the day after out" \
	"$(json '[any(a["title"] == "Due on the thirtieth day" for a in d["actions"]), any(a["title"] == "Due after the thirty days" for a in d["actions"])]')" \
	'[true, false]'
waiting=$(q "SELECT group_concat(n, ' ') FROM (SELECT CAST(julianday('2026-11-18') - julianday(waiting_since) AS INTEGER) AS n
	FROM actions WHERE client_id = $acme AND status = 'waiting' ORDER BY waiting_since)")
expect_eq "the days waited, longest first, as sqlite3 counts them" \
	"$(json '" ".join(str(a["days_waited"]) for a in d["waiting"])')" "$waiting"
expect_eq "the hostile action is kept whole in JSON" "$(json 'any(a["title"] == args[0] for a in d["waiting"])' "$hostile")" true
check "JSON carries no raw escape byte" eval '[[ $OUT != *$'"'"'\e'"'"'* ]]'

# The legal name of the billing terms names the client when there is one
# (set here in the table, as `cxo client edit` would).
sqlite3 "$db" "INSERT INTO client_terms(client_id, legal_name) VALUES ($acme, 'Acme Advisory Group LLC')"
at 2026-11-18 -C acme report board --format json
expect_eq "the legal name, from the terms" "$(json 'd["legal_name"]')" "Acme Advisory Group LLC"

# ---- Markdown ----
at 2026-11-18 -C acme report board --format md --output board.md
expect_ok "report board --format md --output"
check_md board.md
_slurp md board.md
check "Markdown: no escape byte" eval '[[ $md != *$'"'"'\e'"'"'* ]]'
check "Markdown: the hostile <script> is escaped" eval '[[ $md == *"back \\<script\\>x()\\</script\\> \\| \\*now\\*"* ]]'
check "Markdown: the hours and the pace" eval '[[ $md == *"$total of 18h ("*": over"* ]]'
check "Markdown: the twelve weeks as a table" eval '[[ $md == *"| 16 Nov | 5h |"* ]]'
check "Markdown: the client by its legal name" eval '[[ $md == *"**Client:** Acme Advisory Group LLC"* ]]'
check "Markdown: the mandate closed" eval '[[ $md == *"Closed 2026-11-19: Printer fleet refresh"* ]]'
check "Markdown: an overdue action waiting for someone" eval '[[ $md == *"overdue, waiting for Marcus Lee"* ]]'

# ---- HTML, printed ----
at 2026-11-18 -C acme report board --format html --output board.html
expect_ok "report board --format html --output"
check_html_pdf board.html "Board pack: Acme Advisory Group" "$total of 18h" "No MFA on email and VPN" \
	"x()" "Waiting on"
if [ -n "$CHECK_PDF_PAGES" ]; then
	check "HTML: the pack prints on one page" [ "$CHECK_PDF_PAGES" = 1 ]
fi
_slurp html board.html
check "HTML: no escape byte" eval '[[ $html != *$'"'"'\e'"'"'* ]]'
check "HTML: the hostile <script> is text" eval '[[ $html == *"&lt;script&gt;x()"* ]]'

# ---- a client with no risks and no hours ----
at 2026-11-18 -C quiet report board --format json
expect_ok "report board for a client with nothing"
expect_eq "nothing: zeros and empty lists" \
	"$(json '[d["hours"]["minutes"], sum(w["minutes"] for w in d["hours"]["weeks"]), d["risks"]["open"], d["mandates"], d["actions"], d["waiting"]]')" \
	'[0, 0, 0, [], [], []]'
expect_eq "nothing: no renewals, vendors or decisions" \
	"$(json '[d["renewals"], d["regulated_without_diligence"], d["decisions"]]')" '[[], [], []]'
at 2026-11-18 -C quiet report board --format md --output quiet.md
expect_ok "report board --format md, nothing"
check_md quiet.md
_slurp md quiet.md
for said in "No active mandates." "No hours logged in the period or the last twelve weeks." \
	"No open risks." "No actions due in the next 30 days." "Waiting on no one." \
	"No notice deadline within 60 days, and nothing renewed by default." \
	"Every vendor holding regulated data has approved due diligence." \
	"No decision recorded in the period."; do
	check "nothing: says $said" eval '[[ $md == *"$said"* ]]'
done
# (Printed once above: Chromium takes seconds.)
at 2026-11-18 -C quiet report board --format html
expect_out "nothing, HTML: said so" "<p>No open risks.</p>"
expect_out_not "nothing, HTML: no chart" "<svg"


# ---- vendors and decisions ----
# The whole sections of northwind's pack: the ERP notice a month ahead,
# the scanners' contract ending unless renewed, the decision of November.
at 2026-11-18 -C northwind report board --format md
expect_ok "northwind's board pack"
expect_eq "northwind: the vendors and the decisions, whole" \
	"$(printf '%s\n' "$OUT" | sed -n '/^## Vendors/,/^## Next 30 days/p')" "$(cat <<'DOC'
## Vendors

| Notice by | Vendor | Term ends | Renewal | Annual cost |
| --- | --- | --- | --- | ---: |
| 2026-12-18 (in 4w) | Sterling ERP | 2027-03-18 | renews automatically | 96,000.00 USD |
| 2026-12-28 (in 5w) | Zebra Technologies | 2027-01-27 | ends unless renewed | 22,000.00 USD |

*Every vendor holding regulated data has approved due diligence.*

## Decisions

| Date | Decision | Decided by | Status |
| --- | --- | --- | --- |
| 2026-11-18 | No ERP cutover during peak season | Lucy Chen | decided |

## Next 30 days
DOC
)"
# October's pack: October's decision, and the renewals as of today.
at 2026-11-18 -C northwind report board --month 2026-10 --format json
expect_eq "October: its decisions only" "$(json '[[x["day"], x["title"], x["status"]] for x in d["decisions"]]')" \
	'[["2026-10-14", "Shortlist two ERP finalists", "decided"]]'
expect_eq "the renewals, soonest first, as of today" \
	"$(json '[[v["name"], v["notice_by"], v["days_left"], v["renewal"]] for v in d["renewals"]]')" \
	'[["Sterling ERP", "2026-12-18", 30, "soon"], ["Zebra Technologies", "2026-12-28", 40, "soon"]]'
# medix: the EHR integration holding PHI, its questionnaire sent.
at 2026-11-18 -C medix report board --format md
expect_eq "medix: the regulated data without approved diligence, whole" \
	"$(printf '%s\n' "$OUT" | sed -n '/^## Vendors/,/^## Decisions/p')" "$(cat <<'DOC'
## Vendors

*No notice deadline within 60 days, and nothing renewed by default.*

| Holds regulated data | Owner | Due diligence | Notes |
| --- | --- | --- | --- |
| CareBridge EHR Connect | Raj Mehta | questionnaire sent on 2026-11-14 | BAA unsigned: redlines still open on section 4 (subcontract… |

## Decisions
DOC
)"
at 2026-11-18 -C medix report board --format json
expect_eq "medix json: the vendor, its data and diligence" \
	"$(json '[[v["name"], v["data"], v["diligence"], v["owner"]] for v in d["regulated_without_diligence"]]')" \
	'[["CareBridge EHR Connect", "regulated", "sent", "Raj Mehta"]]'
# cloudly: renewed by default, its deadline passed, its term running.
at 2026-11-18 -C cloudly report board --format md
expect_out "cloudly: renewed by default" \
	"| 2026-11-09 (9d late) | Datadog | 2026-12-09 | renewed by default | 42,000.00 USD |"
expect_out "cloudly: a proposed decision of the period, nobody deciding yet" \
	"| 2026-11-14 | Hire an engineering lead before two more seniors | not recorded | proposed |"
# Hostile text in a vendor's name and notes, in every format.
sqlite3 "$db" "UPDATE vendors SET name = 'Evil '||char(27)||'[2J<b>Co</b> | *x*',
	notes = 'call <script>y()</script> | now', diligence = 'none' WHERE name = 'CareBridge EHR Connect'"
at 2026-11-18 -C medix report board --format md
expect_out "md: a hostile vendor name escaped, its escape byte dropped" \
	"| Evil \\[2J\\<b\\>Co\\</b\\> \\| \\*x\\* | Raj Mehta | no due diligence | call \\<script\\>y()"
check "md: no escape byte" eval '[[ $OUT != *$'"'"'\e'"'"'* ]]'
at 2026-11-18 -C medix report board --format html
expect_out "html: a hostile vendor name is text" "<td>Evil [2J&lt;b&gt;Co&lt;/b&gt; | *x*</td>"
expect_out "html: hostile notes are text" "call &lt;script&gt;y()&lt;/script&gt; | now"
check "html: no escape byte" eval '[[ $OUT != *$'"'"'\e'"'"'* ]]'

finish

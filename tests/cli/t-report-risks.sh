# t-report-risks.sh: `cxo report risks`, the risk summary: its counts
# against sqlite3 queries written here (the open risks per heat-map cell,
# those opened, closed and accepted in the period), the top risks and
# acceptances, the HTML printed by Chromium, the Markdown parsed, hostile
# titles neutralised in every format, and a client with no risks.
. "$(dirname "$0")/lib.sh"

if ! have_faketime; then
	skip "faketime is needed to place the changes on fixed days"
	finish
	exit
fi

db=$PWD/risks.db
at() { run fake "@$1 10:00:00" "$CXO" -d "$db" "${@:2}"; }
q() { sqlite3 -readonly "$db" "$1"; }
acme="(SELECT id FROM clients WHERE key = 'acme')"

at 2026-11-18 init --sample
expect_ok "the sample portfolio"
# October: a risk opened on the 10th and closed on the 20th.
at 2026-10-10 -C acme risk add "Old printer firmware" --likelihood 2 --impact 2
expect_ok "a risk opened in October"
at 2026-10-20 -C acme risk close "Old printer firmware"
expect_ok "closed in October"
# November: one closed, one accepted (ending within 30 days of the 25th),
# one with a hostile title, the highest score of all.
at 2026-11-20 -C acme risk close "Untested restores of the file server backups"
expect_ok "a sample risk closed in November"
at 2026-11-21 -C acme risk accept "CRM contract renews at a higher tier" --until 2026-12-10
expect_ok "a sample risk accepted in November"
hostile=$'Evil \e[31mred\e[0m <script>alert(1)</script> a | b *c* \e]0;t\a'
at 2026-11-22 -C acme risk add "$hostile" --likelihood 5 --impact 5 --owner $'Mallory <b>\e[5m' \
	--framework 'SOC | 2'
expect_ok "a risk with a hostile title"
at 2026-11-22 client add quiet --name "Quiet Co" --role cto --budget 10
expect_ok "a client with no risks and no hours"

# ---- JSON: every figure against the database ----
at 2026-11-25 -C acme report risks --month 2026-11 --format json
expect_ok "report risks --format json"
expect_json "the risk summary is JSON"
expect_eq "format and kind" "$(json '[d["format"], d["kind"], d["client"]]')" \
	'["cxo-report", "risks", "acme"]'
cells=$(q "SELECT group_concat(likelihood || 'x' || impact || '=' || n, ' ') FROM
	(SELECT likelihood, impact, count(*) AS n FROM risks WHERE client_id = $acme
	 AND status IN ('open', 'mitigating') GROUP BY 1, 2 ORDER BY 1, 2)")
expect_eq "the heat map holds the open risks of each cell" \
	"$(json '" ".join("%dx%d=%d" % (l + 1, i + 1, d["heatmap"][l][i]) for l in range(5) for i in range(5) if d["heatmap"][l][i])')" \
	"$cells"
expect_eq "open: the open and mitigating risks" "$(json 'd["open"]')" \
	"$(q "SELECT count(*) FROM risks WHERE client_id = $acme AND status IN ('open', 'mitigating')")"
expect_eq "opened in November, as sqlite3 counts them" "$(json 'len(d["opened"])')" \
	"$(q "SELECT count(*) FROM risks WHERE client_id = $acme AND opened >= '2026-11-01' AND opened < '2026-12-01'")"
expect_eq "closed in November: one" "$(json '[r["title"] for r in d["closed"]]')" \
	'["Untested restores of the file server backups"]'
expect_eq "closed in November, as sqlite3 counts them" "$(json 'len(d["closed"])')" \
	"$(q "SELECT count(*) FROM risks WHERE client_id = $acme AND closed >= '2026-11-01' AND closed < '2026-12-01'")"
expect_eq "accepted in November: one, on the 21st" "$(json '[[a["title"], a["day"]] for a in d["accepted"]]')" \
	'[["CRM contract renews at a higher tier", "2026-11-21"]]'
expect_eq "the top risk is the 5x5 one, its title kept whole in JSON" \
	"$(json 'd["top"][0]["title"] == args[0] and d["top"][0]["score"]' "$hostile")" 25
expect_eq "the top risks: at most ten, the highest first" \
	"$(json 'len(d["top"]) <= 10 and all(a["score"] >= b["score"] for a, b in zip(d["top"], d["top"][1:]))')" true
expect_eq "an overdue review is marked (the review of the 15th)" \
	"$(json '[r["review_overdue"] for r in d["top"] if r["title"].startswith("Single IT manager")]')" '[true]'
expect_eq "residual scores are numbers" \
	"$(json '[r["residual_score"] for r in d["top"] if r["title"] == "No MFA on email and VPN"]')" '[10]'
expect_eq "by category adds up to the open risks" "$(json 'sum(c["count"] for c in d["by_category"]) == d["open"]')" true
expect_eq "by framework, as sqlite3 counts them" \
	"$(json '",".join("%s=%d" % (c["name"] or "", c["count"]) for c in sorted(d["by_framework"], key=lambda c: (c["name"] or "")))')" \
	"$(q "SELECT group_concat(f || '=' || n, ',') FROM (SELECT coalesce(framework, '') AS f, count(*) AS n
	     FROM risks WHERE client_id = $acme AND status IN ('open', 'mitigating') GROUP BY 1 ORDER BY 1)")"
expect_eq "the acceptance ending on 10 December is expiring, 15 days left" \
	"$(json '[[a["accepted_until"], a["days_left"], a["expiring"]] for a in d["acceptances"] if a["title"].startswith("CRM")]')" \
	'[["2026-12-10", 15, true]]'
check "JSON carries no raw escape byte" eval '[[ $OUT != *$'"'"'\e'"'"'* ]]'

# A past month: what October saw, and nothing of November's.
at 2026-11-25 -C acme report risks --month 2026-10 --format json
expect_eq "October: one opened, one closed, none accepted" \
	"$(json '[[r["title"] for r in d["opened"]], [r["closed"] for r in d["closed"]], d["accepted"]]')" \
	'[["Old printer firmware"], ["2026-10-20"], []]'

# ---- Markdown ----
at 2026-11-25 -C acme report risks --month 2026-11 --format md --output risks.md
expect_ok "report risks --format md --output"
check_md risks.md
_slurp md risks.md
check "Markdown: no escape byte" eval '[[ $md != *$'"'"'\e'"'"'* ]]'
check "Markdown: the title's <script> is escaped" eval '[[ $md == *"\\<script\\>"* ]]'
check "Markdown: the title's | is escaped" eval '[[ $md == *"a \\| b"* ]]'
check "Markdown: the top risks table" eval '[[ $md == *"| Risk | Owner | Treatment | Inherent | Residual | Framework | Next review |"* ]]'
check "Markdown: the period's counts" eval '[[ $md == *"**Opened:** 6"* && $md == *"**Closed:** 1"* && $md == *"**Accepted:** 1"* ]]'
check "Markdown: the expiring acceptance" eval '[[ $md == *"2026-12-10 (expiring in 15d)"* ]]'
check "Markdown: the overdue review" eval '[[ $md == *"2026-11-15 (overdue)"* ]]'

# ---- HTML, printed ----
at 2026-11-25 -C acme report risks --month 2026-11 --format html --output risks.html
expect_ok "report risks --format html --output"
check_html_pdf risks.html "Risk summary" "alert(1)" "No MFA on email and VPN" "Acceptances"
_slurp html risks.html
check "HTML: no escape byte" eval '[[ $html != *$'"'"'\e'"'"'* ]]'
check "HTML: the title's <script> is text" eval '[[ $html == *"&lt;script&gt;alert(1)"* ]]'

# ---- a client with no risks ----
at 2026-11-25 -C quiet report risks --format json
expect_ok "report risks for a client with no risks"
expect_eq "no risks: zeros and empty lists" \
	"$(json '[d["open"], sum(map(sum, d["heatmap"])), d["top"], d["opened"], d["acceptances"]]')" '[0, 0, [], [], []]'
at 2026-11-25 -C quiet report risks --format md
expect_ok "report risks --format md, no risks"
expect_out "no risks: said so" "No open risks."
expect_out "no acceptances: said so" "No accepted risks."
expect_out "no risks: the period's counts are zero" "**Opened:** 0"
printf '%s' "$OUT" >quiet.md
check_md quiet.md
# (Printed once above: Chromium takes seconds.)
at 2026-11-25 -C quiet report risks --format html
expect_out "no risks, HTML: said so" "<p>No open risks.</p>"
expect_out "no risks, HTML: a whole document" "</html>"
expect_out_not "no risks, HTML: no SVG" "<svg"

finish

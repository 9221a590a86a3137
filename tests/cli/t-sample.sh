# t-sample.sh: the sample portfolio's vendors and decisions, loaded on
# today and on a month's last day: northwind's ERP support contract with a
# 90-day notice falling about a month ahead, auto-renewing; medix's EHR
# integration holding regulated data without approved due diligence, its
# note naming the unsigned BAA and a risk linked; three collaboration
# tools in use at acme; cloudly's cloud bill; decisions with their texts,
# two past their review date; every link made.
. "$(dirname "$0")/lib.sh"

# check_sample DB TODAY: the figures of a sample loaded on TODAY.
check_sample() {
	local db=$1 today=$2 when=$3
	q() { sqlite3 -readonly "$db" "$1"; }
	local of="JOIN clients c ON c.id = v.client_id"
	expect_eq "$when: 3 to 6 vendors a client" \
		"$(q "SELECT group_concat(n) FROM (SELECT count(*) BETWEEN 3 AND 6 AS n FROM vendors v $of GROUP BY c.key)")" \
		"1,1,1,1"
	# The ERP: 90 days' notice, renewing by itself, the deadline 28 to
	# 33 days ahead (its term ends in four months).
	local erp="SELECT %s FROM vendors v $of WHERE c.key = 'northwind' AND v.name = 'Sterling ERP'"
	# shellcheck disable=SC2059
	expect_eq "$when: northwind's ERP contract" \
		"$(q "$(printf "$erp" "notice_days || ' ' || auto_renew || ' ' || v.status || ' ' || (SELECT count(*) FROM vendor_risks WHERE vendor_id = v.id)")")" \
		"90 1 active 1"
	# shellcheck disable=SC2059
	local left
	left=$(q "$(printf "$erp" "julianday(date(term_end, '-' || notice_days || ' days')) - julianday('$today')")")
	check "$when: its notice deadline about a month ahead ($left days)" \
		eval "[ \"\${left%.*}\" -ge 28 ] && [ \"\${left%.*}\" -le 33 ]"
	expect_eq "$when: medix's EHR integration: PHI, questionnaire sent, BAA unsigned, its risk" \
		"$(q "SELECT data || ' ' || diligence || ' ' || (notes LIKE '%BAA unsigned%') || ' ' || r.title FROM vendors v $of JOIN vendor_risks vr ON vr.vendor_id = v.id JOIN risks r ON r.id = vr.risk_id WHERE c.key = 'medix' AND v.name LIKE 'CareBridge%'")" \
		"regulated sent 1 EHR integration vendor without a signed BAA"
	expect_eq "$when: the one regulated vendor without approved diligence is medix's" \
		"$(q "SELECT group_concat(c.key || ':' || v.name) FROM vendors v $of WHERE data = 'regulated' AND diligence <> 'approved' AND v.status <> 'ended'")" \
		"medix:CareBridge EHR Connect"
	expect_eq "$when: acme's collaboration tools, all in use" \
		"$(q "SELECT group_concat(v.name, ',') FROM (SELECT v.name FROM vendors v $of WHERE c.key = 'acme' AND v.status = 'active' AND v.name IN ('Slack', 'Zoom', 'Microsoft 365') ORDER BY v.name) v")" \
		"Microsoft 365,Slack,Zoom"
	expect_eq "$when: cloudly's cloud bill" \
		"$(q "SELECT category || ' ' || billing || ' ' || (annual_cents > 0) FROM vendors v $of WHERE c.key = 'cloudly' AND v.name = 'AWS'")" \
		"infrastructure usage 1"
	expect_eq "$when: cloudly's monitoring renewed by default" \
		"$(q "SELECT auto_renew || ' ' || (date(term_end, '-' || notice_days || ' days') < '$today') || ' ' || (term_end >= '$today') FROM vendors v $of WHERE c.key = 'cloudly' AND v.name = 'Datadog'")" \
		"1 1 1"
	expect_eq "$when: three decisions a client, each with its four texts" \
		"$(q "SELECT group_concat(n) FROM (SELECT count(*) AS n FROM decisions d JOIN clients c ON c.id = d.client_id WHERE context <> '' AND options <> '' AND decision <> '' AND consequences <> '' GROUP BY c.key)")" \
		"3,3,3,3"
	expect_eq "$when: two decisions past their review date" \
		"$(q "SELECT group_concat(title, '|') FROM (SELECT title FROM decisions WHERE review < '$today' AND status IN ('proposed', 'decided') ORDER BY title)")" \
		"Extend ERP support until the new ERP is live|Move email to Microsoft 365"
	expect_eq "$when: decisions linked to mandates, risks and vendors" \
		"$(q "SELECT (SELECT count(*) FROM decision_mandates) > 0, (SELECT count(*) FROM decision_risks) > 0, (SELECT count(*) FROM decision_vendors) > 0")" \
		"1|1|1"
	expect_eq "$when: who decided, for those decided" \
		"$(q "SELECT count(*) FROM decisions WHERE status = 'decided' AND coalesce(decided_by, '') = ''")" "0"
	expect_eq "$when: no decision dated after today" \
		"$(q "SELECT count(*) FROM decisions WHERE day > '$today' OR substr(created, 1, 10) > '$today'")" "0"
}

today=$(date +%F)
run cxo -d "$PWD/today.db" init --sample
expect_ok "init --sample today"
check_sample "$PWD/today.db" "$today" "today"

if have_faketime; then
	# A month's last day: "+4m" is the last day of a shorter month.
	run fake "@2027-01-31 10:00:00" "$CXO" -d "$PWD/jan.db" init --sample
	expect_ok "init --sample on 2027-01-31"
	check_sample "$PWD/jan.db" "2027-01-31" "2027-01-31"
else
	skip "faketime is needed to load the sample on a month's last day"
fi

finish

# t-day.sh: a whole day of the user's work, from an empty machine.
# shellcheck disable=SC1010 # "done" is an argument
. "$(dirname "$0")/lib.sh"

today=$(date +%F)

# Morning: set up the portfolio.
run cxo init
expect_ok "init on a fresh machine"
check "init creates the database at the XDG path" test -f "$XDG_DATA_HOME/cxo/cxo.db"

run cxo client add acme --name "Acme Services" --role cio --budget 18
expect_ok "client add acme"
expect_out "client add names the client" "acme"
run cxo client add medix --name "Medix Health" --role interim --budget 40 --industry "healthcare tech" --employees 220
expect_ok "client add medix"
run cxo client add cloudly --name "Cloudly" --role cto --budget 20 --rate 180
expect_ok "client add cloudly"

run cxo client list --format json
expect_json "client list json"
expect_eq "three clients listed" "$(json 'sorted(c["key"] for c in d)')" '["acme", "cloudly", "medix"]'

run cxo use medix
expect_ok "use medix"
expect_out "use confirms the client" "medix"

run cxo mandate add "Stabilise IT operations" --due +30d --area operations --measure "no P1 incident for 60 days"
expect_ok "mandate add"
expect_out "mandate add names the client" "medix"

run cxo risk add "Unencrypted PHI backups" --likelihood 4 --impact 5 --residual 2,2 \
	--framework HIPAA --category compliance --owner "IT manager" --mitigation "encrypt the backup set"
expect_ok "risk add with residual and framework"
run cxo risk add "Single admin account" --likelihood 2 --impact 3
expect_ok "risk add (low score)"

run cxo risk list --format json
expect_json "risk list json"
expect_eq "two risks for medix" "$(json 'len(d)')" "2"
expect_eq "residual stored" "$(json '[(r.get("residual_likelihood"), r.get("residual_impact")) for r in d if r["title"]=="Unencrypted PHI backups"][0]')" '[2, 2]'
expect_eq "framework stored" "$(json '[r["framework"] for r in d if r["title"]=="Unencrypted PHI backups"][0]')" "HIPAA"
expect_eq "scores: inherent 20, residual 4" \
	"$(json '[(r["score"], r["residual_score"]) for r in d if r["title"]=="Unencrypted PHI backups"]')" "[[20, 4]]"
expect_eq "a score-20 risk is reviewed in 90 days" \
	"$(json '[r["review"] for r in d if r["title"]=="Unencrypted PHI backups"]')" "[\"$(date -d '+90 days' +%F)\"]"
expect_eq "highest score listed first" "$(json 'd[0]["title"]')" "Unencrypted PHI backups"

run cxo risk list --min-score 10
expect_ok "risk list --min-score"
expect_out "--min-score 10 keeps the 4x5 risk" "Unencrypted PHI backups"
expect_out_not "--min-score 10 hides the 2x3 risk" "Single admin account"

run cxo action add "Send DR plan to the board" --due fri --mandate "Stabilise IT operations"
expect_ok "action add --due fri --mandate TITLE"
expect_out "action add names the client" "medix"
run cxo action add "Signed vendor contract" --waiting "Dana (CFO)"
expect_ok "action add --waiting"
run cxo action add "Patch the VPN appliance" --due yesterday
expect_ok "action add (already overdue)"

run cxo action list --format json
expect_json "action list json"
expect_eq "three open actions" "$(json 'len(d)')" "3"
dr_id=$(json '[a["id"] for a in d if a["title"]=="Send DR plan to the board"][0]')
expect_eq "the DR action is linked to the mandate" \
	"$(json '[a["mandate"] for a in d if a["title"]=="Send DR plan to the board"]')" '["Stabilise IT operations"]'
expect_eq "the waiting action waits for Dana since today, and is still mine" \
	"$(json '[(a["waiting_for"], a["owner"], a["status"], a["waiting_since"]) for a in d if a["title"]=="Signed vendor contract"]')" \
	"[[\"Dana (CFO)\", null, \"waiting\", \"$today\"]]"
fri=$(py "" '
import datetime
t = datetime.date.today()
d = (4 - t.weekday()) % 7 or 7
print(t + datetime.timedelta(days=d))')
expect_eq "--due fri is the next Friday" "$(json '[a["due"] for a in d if a["title"]=="Send DR plan to the board"][0]')" "$fri"

run cxo action list --overdue
expect_ok "action list --overdue"
expect_out "the overdue action is listed" "Patch the VPN appliance"
expect_out_not "an action due Friday is not overdue" "Send DR plan"

run cxo action list --waiting
expect_ok "action list --waiting"
expect_out "waiting list shows the person" "Dana (CFO)"
expect_out_not "waiting list leaves out the others" "Patch the VPN"

# During the day: a timer for cloudly, kept on cloudly.
if have_faketime; then
	run fake "@$today 00:10:00" "$CXO" -C cloudly start "architecture review"
	expect_ok "start a timer for cloudly"
	run cxo status
	expect_ok "status while the timer runs"
	expect_out "status mentions the running timer's client or the current one" "medix"
	run fake "@$today 02:10:00" "$CXO" stop
	expect_ok "stop turns the timer into an entry"
	run cxo -C cloudly hours --format json
	expect_eq "the timer became 120 minutes on cloudly" "$(json 'sum(e["minutes"] for e in d["entries"])')" "120"
else
	skip "timer checks need faketime"
fi

# After the calls: log time.
run cxo log 1h30m "vendor call" --mandate "Stabilise IT operations"
expect_ok "log 1h30m with a note and --mandate"
expect_out "log names the client" "medix"
run cxo log 45m
expect_ok "log 45m"

run cxo hours
expect_ok "hours"
expect_out "hours shows the total (135 minutes)" "2.25h"
expect_out "hours shows the budget" "of 40h"
expect_out "hours lists the entry note" "vendor call"
run cxo hours --format json
expect_json "hours json"
expect_eq "hours json: two entries" "$(json 'len(d["entries"])')" "2"
expect_eq "hours json: 135 minutes" "$(json 'sum(e["minutes"] for e in d["entries"])')" "135"
expect_eq "hours json: both today" "$(json 'sorted(set(e["date"] for e in d["entries"]))')" "[\"$today\"]"
expect_eq "hours json: total against the budget" "$(json '(d["total"]["minutes"], d["total"]["budgets_minutes"])')" "[135, 2400]"

# The DR plan goes out.
run cxo action done "$dr_id"
expect_ok "action done by full id"
run cxo action list --format json
expect_eq "done action leaves the open list" "$(json '[a["title"] for a in d if a["id"]=="'"$dr_id"'"]')" "[]"
run cxo action list --overdue
expect_out "the overdue action is still overdue" "Patch the VPN appliance"

run cxo note add "Board wants the DR plan walkthrough next meeting"
expect_ok "note add"
run cxo note list
expect_ok "note list"
expect_out "note list shows the note" "DR plan walkthrough"
run cxo -C acme note list --format json
expect_eq "acme has no notes" "$(json 'len(d)')" "0"

# End of day: the portfolio.
run cxo overview
expect_ok "overview"
expect_out "overview lists acme" "acme"
expect_out "overview lists medix" "medix"
expect_out "overview lists cloudly" "cloudly"
expect_out "overview shows medix's hours against its budget" "2.25/40h"
run cxo overview --format json
expect_json "overview json"
expect_eq "overview: medix 135 minutes this month" \
	"$(json '[c["month_minutes"] for c in d if c["key"]=="medix"][0]')" "135"
expect_eq "overview: acme 0 minutes" \
	"$(json '[c["month_minutes"] for c in d if c["key"]=="acme"][0]')" "0"
if have_faketime; then
	expect_eq "overview: cloudly 120 minutes" \
		"$(json '[c["month_minutes"] for c in d if c["key"]=="cloudly"][0]')" "120"
fi
expect_eq "overview: medix has one overdue action" \
	"$(json '[c["overdue"] for c in d if c["key"]=="medix"][0]')" "1"
expect_eq "overview: medix top risk score 20" \
	"$(json '[c["top_score"] for c in d if c["key"]=="medix"][0]')" "20"

run cxo status
expect_ok "status"
expect_out "status names the current client" "medix"
expect_eq "status is one line" "$(line_count "$OUT")" "1"
expect_err_empty "status says nothing on stderr"

finish

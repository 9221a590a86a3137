# t-vendor.sh: `cxo vendor` on a fixed day (Wednesday 18 November 2026):
# add with every option, list (whole tables, TSV, JSON), --renewing with
# renewed-by-default rows first (red only when colour is on), show in
# words, edit (clearing, linking and unlinking risks), end, rm (asked,
# refused, --yes), spend per currency with the overlaps; each bad value
# refused with its exit code, a message naming it and nothing written;
# hostile names kept from the terminal and escaped in JSON.
. "$(dirname "$0")/lib.sh"

if ! have_faketime; then
	skip "the notice deadlines of these checks need a fixed day"
	finish
	exit
fi

db=$PWD/vendors.db
export CXO_DB=$db
NOW='2026-11-18 10:00:00'
c() { run fake "@$NOW" "$CXO" "$@"; }
# The output with every short id (8 hex digits) as IDIDIDID.
masked() { printf '%s' "$OUT" | sed -E 's/(^|[^0-9a-f-])[0-9a-f]{8}([^0-9a-f-]|$)/\1IDIDIDID\2/g'; }
last_id() {
	[[ $OUT =~ [^0-9a-f]([0-9a-f]{8})[^0-9a-f] ]] && printf '%s' "${BASH_REMATCH[1]}"
}

c client add acme --name "Acme" --budget 20 --rate 200
c client add beta --name "Beta" --budget 10 --rate 150 --currency EUR
c use acme
c risk add "Chat history kept forever" --likelihood 3 --impact 3
risk=$(last_id)

# ---- add ----
c vendor add "Slack" --category saas --owner "Dana Ops" --cost 12,000 --billing annual --units 80 \
	--start 2026-01-01 --term 12m --auto-renew --notice 60d --diligence approved \
	--diligence-on 2025-12-15 --data confidential --risk "$risk" --note "Enterprise Grid"
expect_ok "vendor add with every option"
expect_out "... says what it added and the renewal" \
	'"Slack" for acme (saas, 12,000.00 USD a year, active; notice was due by 2026-11-01 (17 days late), term ends 2026-12-31, renewed by default)'
slack=$(last_id)
c vendor add "Teams" --category saas --cost 8000.50 --term-end 2027-01-31 --notice 30 --auto-renew
expect_ok "a second collaboration tool"
c vendor add "Zoom" --category saas --cost 3000 --currency eur --term-end 2027-06-30 --notice 3m
expect_ok "a cost in another currency, a notice in months"
expect_out "... 3m back from 30 June is 30 March" "notice due by 2027-03-30 (in 132 days)"
c vendor add "Okta" --category security --cost 18000 --term-end 2026-12-15 --notice 2w --no-auto-renew
expect_out "... 2w: in 13 days" "notice due by 2026-12-01 (in 13 days), term ends 2026-12-15, does not renew automatically"
c vendor add "Old CRM" --category saas --cost 500 --term-end 2026-12-31 --notice 60d --status leaving
expect_ok "a leaving vendor, not renewing, its deadline passed"
c vendor add "Pilot tool" --category saas --status evaluating
expect_ok "a vendor under evaluation, no term"
c vendor add "Short notice" --category other --start 2026-10-01 --term-end 2026-12-31 --notice 120d
expect_ok "a notice reaching back before the start is saved"
expect_err "... with a warning naming the days" "the notice period (120 days before 2026-12-31) reaches back to 2026-09-02, before the start 2026-10-01"
c vendor add "Stale" --category other --cost 100 --term-end 2026-10-31 --notice 30 --auto-renew
expect_out "an auto-renewing term over, never edited: renewed by default" "term ended 2026-10-31, renewed by default"
c -C beta vendor add "ERP" --category infrastructure --cost 40000 --term-end 2027-02-15 --notice 3m --auto-renew
expect_out "beta's currency by default" "40,000.00 EUR a year"
c -C beta vendor add "Hosting" --category infrastructure --cost 6000 --term-end 2027-01-17 --notice 60d
expect_out "a deadline of today" "notice due by 2026-11-18 (today)"

# ---- list ----
c vendor list
expect_ok "vendor list"
expect_eq "vendor list: every running contract with its renewal state" "$(masked)" \
	"ID        NAME          CATEGORY  STATUS             ANNUAL  TERM END    NOTICE BY   RENEWAL             DATA          DILIGENCE
IDIDIDID  Okta          security  active      18,000.00 USD  2026-12-15  2026-12-01  soon                none          none
IDIDIDID  Old CRM       saas      leaving        500.00 USD  2026-12-31  2026-11-01  lapsing             none          none
IDIDIDID  Pilot tool    saas      evaluating       0.00 USD                                              none          none
IDIDIDID  Short notice  other     active           0.00 USD  2026-12-31  2026-09-02  lapsing             none          none
IDIDIDID  Slack         saas      active      12,000.00 USD  2026-12-31  2026-11-01  renewed by default  confidential  approved
IDIDIDID  Stale         other     active         100.00 USD  2026-10-31  2026-10-01  renewed by default  none          none
IDIDIDID  Teams         saas      active       8,000.50 USD  2027-01-31  2027-01-01  later               none          none
IDIDIDID  Zoom          saas      active       3,000.00 EUR  2027-06-30  2027-03-30  later               none          none"
c vendor list --status evaluating --format tsv
expect_eq "--status keeps one status; TSV has JSON's fields" "$(printf '%s' "$OUT" | cut -f2-6 | tr '\t' '|')" \
	"name|category|status|annual|currency
Pilot tool|saas|evaluating|0.00|USD"
c vendor list --renewing 90d --all-clients
expect_ok "vendor list --renewing 90d --all-clients"
expect_eq "--renewing: renewed by default first, then the deadlines soonest first" "$(masked)" \
	"CLIENT  ID        VENDOR   NOTICE BY            DAYS LEFT  TERM END    AUTO  ANNUAL
acme    IDIDIDID  Slack    2026-11-01  renewed by default  2026-12-31  yes   12,000.00 USD
beta    IDIDIDID  ERP      2026-11-15  renewed by default  2027-02-15  yes   40,000.00 EUR
beta    IDIDIDID  Hosting  2026-11-18                   0  2027-01-17  no    6,000.00 EUR
acme    IDIDIDID  Okta     2026-12-01                  13  2026-12-15  no    18,000.00 USD
acme    IDIDIDID  Teams    2027-01-01                  44  2027-01-31  yes   8,000.50 USD"
expect_out_not "... no colour into a pipe" $'\e['
# ---- the overview's next notice deadline ----
c overview
expect_out_re "overview: acme's next notice is Okta's, in 13 days" '^\* +acme .* in 13d +'
expect_out_re "overview: beta's is today" '^ +beta .* today +'
c overview --format json
expect_eq "overview JSON: the day, and the deadlines within 14 days" \
	"$(json '[[c["key"], c["next_notice"], c["notices_soon"]] for c in d]')" \
	'[["acme", "2026-12-01", 1], ["beta", "2026-11-18", 1]]'
c --color=always overview
expect_out "--color=always: a notice within 14 days in yellow" $'\e[33min 13d'
c vendor list --renewing 12w --format json
expect_json "--renewing --format json"
expect_eq "JSON: the days left as numbers, the state named, cents and currency" \
	"$(json '[[v["name"], v["days_left"], v["renewal"], v["annual_cents"], v["currency"], v["auto_renew"]] for v in d]')" \
	'[["Slack", -17, "renewed-by-default", 1200000, "USD", true], ["Okta", 13, "soon", 1800000, "USD", false], ["Teams", 44, "soon", 800050, "USD", true]]'
c vendor list --renewing 3m
expect_out "3m reaches 18 February: Teams in, Zoom not" "Teams"
expect_out_not "... Zoom is later" "Zoom"
c --color=always vendor list --renewing 90d
expect_out "--color=always: renewed by default in red" $'\e[31mrenewed by default'
c vendor list --renewing 5d
expect_eq "a window with only the defaulted" "$(masked)" \
	"ID        VENDOR  NOTICE BY            DAYS LEFT  TERM END    AUTO  ANNUAL
IDIDIDID  Slack   2026-11-01  renewed by default  2026-12-31  yes   12,000.00 USD"
c -C beta vendor end Hosting --on 2026-11-01
c -C beta vendor end ERP
c -C beta vendor list --renewing 90d
expect_eq "none left: said in a sentence" "$OUT" "no notice deadlines for beta in the next 90 days
"

# ---- show ----
c vendor show slack
expect_ok "vendor show by name, any case"
expect_eq "vendor show: every field, the renewal in words, the linked risks" "$(masked | sed 1d)" \
	"client       acme
name         Slack
category     saas
owner        Dana Ops
annual cost  12,000.00 USD
billing      annual
units        80
status       active
start        2026-01-01
term end     2026-12-31
auto-renew   yes
notice       60 days
renewal      notice was due by 2026-11-01 (17 days late), term ends 2026-12-31, renewed by default
diligence    approved since 2025-12-15
data         confidential
created      2026-11-18
notes        Enterprise Grid
risks        1
  IDIDIDID   9  open       Chat history kept forever"
c vendor show Teams
expect_out "renews automatically, in days" "renewal      notice due by 2027-01-01 (in 44 days), term ends 2027-01-31, renews automatically"

# ---- edit ----
c vendor edit "$slack" --owner none --note - --unlink-risk "$risk" --term-end 2027-12-31 --diligence sent
expect_ok "edit: clear, unlink, move the term end"
expect_out "... renewed: the deadline moves" "notice due by 2027-11-01 (in 348 days), term ends 2027-12-31, renews automatically"
c vendor show "$slack"
expect_out "... the owner cleared" "owner        -"
expect_out "... the note cleared" "notes        -"
expect_out "... no risk linked" "risks        0"
expect_out "... a new diligence state from today" "diligence    questionnaire sent since 2026-11-18"
c vendor edit "$slack" --diligence-on 2026-11-10
expect_ok "--diligence-on alone moves the day of the state"
c vendor show "$slack"
expect_out "... the state kept" "diligence    questionnaire sent since 2026-11-10"
c vendor edit Teams --name "Microsoft Teams" --risk "$risk" --status renewing --term 1y --start 2026-02-01
expect_out "--term counts from --start" "term ends 2027-01-31"
c vendor list --format json
expect_eq "JSON: the renamed vendor with its risk and status" \
	"$(json '[[v["name"], v["risks"], v["status"], v["start"]] for v in d if v["name"].endswith("Teams")]')" \
	'[["Microsoft Teams", 1, "renewing", "2026-02-01"]]'

# ---- spend ----
c vendor spend
expect_ok "vendor spend"
expect_eq "spend: by category per currency, totals, the overlaps named" "$OUT" \
	"CATEGORY  VENDORS  ANNUAL
saas            1  3,000.00 EUR
saas            3  20,500.50 USD
security        1  18,000.00 USD
other           2  100.00 USD
total           1  3,000.00 EUR
total           6  38,600.50 USD

overlaps: two or more vendors in use in one category
  saas (3): Microsoft Teams, Slack, Zoom
"
expect_out_not "... two vendors of other are no overlap" "other (2)"
c -C beta vendor add "Backup" --category infrastructure --cost 1200
c vendor spend --all-clients --format json
expect_json "spend --format json"
expect_eq "JSON: never two currencies added; beta's ended vendors out" \
	"$(json '[[t["client"], t["currency"], t["annual_cents"]] for t in d["totals"]] + [[g["currency"], g["annual_cents"]] for g in d["all_clients"]]')" \
	'[["acme", "EUR", 300000], ["acme", "USD", 3860050], ["beta", "EUR", 120000], ["EUR", 420000], ["USD", 3860050]]'
expect_eq "JSON: the overlap's vendors" "$(json '[v["name"] for v in d["overlaps"][0]["vendors"]]')" \
	'["Microsoft Teams", "Slack", "Zoom"]'
c -C beta vendor end Backup
c -C beta vendor spend
expect_eq "no vendor under contract: said" "$OUT" "no vendors under contract for beta
"

# ---- end and rm ----
c vendor end Okta --on 2026-11-10
expect_out "end --on" 'ended vendor'
expect_out "... the day" 'for acme on 2026-11-10'
c vendor list --all --format json
expect_eq "the ended one kept, with its day" "$(json '[v["ended"] for v in d if v["name"] == "Okta"]')" '["2026-11-10"]'
snap=$(db_dump "$db")
run_stdin $'n\n' "$CXO" vendor rm Zoom
expect_rc 65 "rm not confirmed"
expect_err "... asks" 'Remove vendor'
expect_err "... says nothing was removed" "not confirmed: nothing removed"
expect_eq "... writing nothing" "$(db_dump "$db")" "$snap"
run "$CXO" vendor rm Zoom
expect_rc 65 "rm with no answer (stdin at its end)"
run_stdin $'yes\n' "$CXO" vendor rm Zoom
expect_ok "rm confirmed"
expect_out "... says so" '"Zoom" for acme'
c vendor rm "Pilot" --yes
expect_ok "rm --yes, by the start of a name"

# ---- bad values: exit code, the value named, nothing written ----
snap=$(db_dump "$db")
bad() {
	local code=$1 msg=$2
	shift 2
	c "$@"
	expect_rc "$code" "refused: $*"
	expect_err "... naming it: $*" "$msg"
}
bad 65 '--cost: ' vendor add X --cost 12.345
bad 65 '"-5"' vendor add X --cost -5
bad 65 'bad currency "dollars"' vendor add X --currency dollars
bad 65 'unknown vendor category "cloud"' vendor add X --category cloud
bad 65 'unknown billing cycle "weekly"' vendor add X --billing weekly
bad 65 'bad number "many"' vendor add X --units many
bad 65 '--start: ' vendor add X --start 2026-02-30
bad 65 '--term-end: ' vendor add X --term-end someday
bad 65 'bad term "12x"' vendor add X --start 2026-01-01 --term 12x
bad 65 'give --start DAY too' vendor add X --term 12m
bad 64 '--term and --term-end: give one' vendor add X --start 2026-01-01 --term 12m --term-end 2026-12-31
bad 64 'give one' vendor add X --auto-renew --no-auto-renew
bad 65 'notice period "soon"' vendor add X --notice soon
bad 65 'at most 3650' vendor add X --notice 5000
bad 65 'months are counted back from the term end' vendor add X --notice 3m
bad 65 'unknown vendor status "gone"' vendor add X --status gone
bad 65 'unknown' vendor add X --diligence maybe
bad 64 '--diligence-on DAY goes with --diligence' vendor add X --diligence-on 2026-11-01
bad 65 'in the future' vendor add X --diligence approved --diligence-on 2026-12-01
bad 65 'unknown' vendor add X --data secret
bad 65 'the term end 2026-01-01 is before the start 2026-06-01' vendor add X --start 2026-06-01 --term-end 2026-01-01
bad 65 'the vendor name is empty' vendor add "  "
bad 65 'a vendor needs a name' vendor edit Slack --name ""
bad 65 'is in the future' vendor end Slack --on 2026-12-01
bad 65 'before the contract' vendor end Slack --on 2025-12-01
bad 65 '--renewing: bad window "soon"' vendor list --renewing soon
bad 65 '--renewing: bad window "-3d"' vendor list --renewing -3d
bad 64 'an ended contract does not renew' vendor list --renewing 30d --all
bad 66 'nosuch' vendor show nosuch
bad 66 '' vendor rm 0000 --yes
bad 64 'unknown option "--colour-me"' vendor list --colour-me
expect_eq "no refusal wrote anything" "$(db_dump "$db")" "$snap"

# ---- hostile text ----
hostile=$'Evil \e[31mred\e[0m \e]0;title\a vendor'
c vendor add "$hostile" --category saas --owner $'Mal\e[5mlory' --note $'line\rover'
expect_ok "a hostile name is stored"
check "... no escape byte on stdout" eval '[[ $OUT != *$'"'"'\e'"'"'* ]]'
c vendor list
check "list: no escape byte" eval '[[ $OUT != *$'"'"'\e'"'"'* && $OUT != *$'"'"'\a'"'"'* ]]'
c vendor show Evil
check "show: no escape or CR" eval '[[ $OUT != *$'"'"'\e'"'"'* && $OUT != *$'"'"'\r'"'"'* ]]'
c vendor spend
check "spend's overlaps: no escape byte" eval '[[ $OUT != *$'"'"'\e'"'"'* ]]'
c vendor list --format json
expect_eq "JSON keeps the name whole, escaped" "$(json '[v["name"] == args[0] for v in d if v["name"].startswith("Evil")]' "$hostile")" '[true]'
check "JSON: no raw escape byte" eval '[[ $OUT != *$'"'"'\e'"'"'* ]]'
c vendor show $'\e[31m'
check "a hostile id in an error is cleaned" eval '[[ $ERR != *$'"'"'\e'"'"'* ]]'

finish

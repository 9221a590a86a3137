# t-backdate.sh: writing down today what happened earlier: a request made
# days ago (action add --waiting --since) and a meeting written up later
# (note add --date).
. "$(dirname "$0")/lib.sh"

today=$(date +%F)
days_ago() { py "" "import datetime, sys; print(datetime.date.today() - datetime.timedelta(days=int(sys.argv[1])))" "$1"; }

run cxo init
run cxo client add acme --name "Acme" --role cio --budget 18
expect_ok "a client to work on"

run cxo action add "Signed network quote" --waiting "Elena Ruiz" --since -5d
expect_ok "action add --waiting --since -5d"
run cxo action list --format json
expect_eq "waiting since five days ago, created then too" \
	"$(json '[(a["waiting_since"], a["status"], a["waiting_for"], a["owner"]) for a in d]')" \
	"[[\"$(days_ago 5)\", \"waiting\", \"Elena Ruiz\", null]]"
run cxo action list --waiting
expect_out "the list counts the days waited" "Elena Ruiz 5d"
run cxo action list --format json
id=$(json 'd[0]["id"]')
run cxo action edit "${id:0:8}" --due -2d
expect_ok "a due day two days ago"
run cxo action show "${id:0:8}"
expect_out_re "show: a past due day is late" '^due +[0-9-]+ \(2d late\)$'
expect_out_re "show: the day it was created is ago, not late" '^created +[0-9-]+ \(5d ago\)$'

run cxo action add "Quote" --waiting "Ken" --since "$today"
expect_ok "--since today is allowed"
run cxo action add "Quote" --waiting "Ken" --since +2d
expect_rc 65 "--since a future day is refused"
expect_err "the refusal names the day" "is in the future"
run cxo action add "Quote" --since -2d
expect_rc 64 "--since without --waiting is a usage error"
expect_err "it says what --since goes with" "--waiting PERSON"
run cxo action add "Quote" --waiting "Ken" --since someday
expect_rc 65 "a bad --since day is refused"
expect_err "the bad day is named" '"someday"'
run cxo action list --format json
expect_eq "no refused action was stored" "$(json 'len(d)')" "2"

run cxo note add "Leadership meeting: budget questions" --date -3d
expect_ok "note add --date -3d"
run cxo note add "Today's note"
expect_ok "note add without --date"
run cxo note list --format json
expect_eq "the written-up note is filed on its day, newest first" \
	"$(json "[n['date'] for n in d]")" "[\"$today\", \"$(days_ago 3)\"]"
run cxo note list
expect_out "the table shows the note's day" "$(days_ago 3)"
run cxo note add "From the future" --date tomorrow
expect_rc 65 "a note dated tomorrow is refused"
expect_err "the refusal says why" "is in the future"
run cxo note add "x" --date nonsense
expect_rc 65 "a bad --date is refused"
run cxo note list --format json
expect_eq "refused notes were not stored" "$(json 'len(d)')" "2"

finish

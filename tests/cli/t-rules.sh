# t-rules.sh: the business rules (rules.h) as the shell applies them:
# waiting needs a person; accepting a risk needs a day it ends, closing
# records today and reopening forgets both; due soon is one window.
# shellcheck disable=SC1010 # "done" is an argument
. "$(dirname "$0")/lib.sh"

db=$PWD/rules.db
export CXO_DB=$db
today=$(date +%F)
days() { python3 -c "import datetime, sys; print(datetime.date.today() + datetime.timedelta(days=int(sys.argv[1])))" "$1"; }
months() { # N: the day N months from today (the month's last day when shorter), as +Nm
	python3 -c '
import calendar, datetime, sys
t = datetime.date.today()
y, m = divmod(t.month - 1 + int(sys.argv[1]), 12)
print(datetime.date(t.year + y, m + 1, min(t.day, calendar.monthrange(t.year + y, m + 1)[1])))' "$1"
}

run cxo client add acme --name "Acme" --budget 20
expect_ok "setup: a client"

# id_of VAR LIST... TITLE: the id of the item with that title.
id_of() {
	local var=$1 title=${!#}
	run cxo "${@:2:$#-2}" --all --format json
	printf -v "$var" '%s' "$(json '[x["id"] for x in d if x.get("title") == args[0]][0]' "$title")"
}
field() { # LIST... ID FIELD: one field of the item with that id
	local id=${*: -2:1} f=${*: -1}
	run cxo "${@:1:$#-2}" --all --format json
	json "[x.get('$f') for x in d if x['id'] == '$id'][0]"
}

# ---- actions: waiting needs a person ----
run cxo action add "Mine"
id_of a1 action list "Mine"
snap=$(db_dump "$db")
run cxo action edit "${a1:0:8}" --status waiting
expect_rc 65 "waiting with no one to wait for: refused"
expect_err "the rule's message" "waiting needs a person"
expect_eq "nothing written" "$(db_dump "$db")" "$snap"
run cxo action edit "${a1:0:8}" --status waiting --owner me
expect_rc 65 "waiting for me: refused"
run cxo action edit "${a1:0:8}" --status waiting --owner "Dana"
expect_ok "waiting, with no one else named than the owner"
expect_eq "status waiting" "$(field action list "$a1" status)" "waiting"
expect_eq "the owner is who is awaited" "$(field action list "$a1" owner)" "Dana"
expect_eq "it waits for its owner" "$(field action list "$a1" waiting_for)" "Dana"
expect_eq "waiting since today" "$(field action list "$a1" waiting_since)" "$today"
run cxo action edit "${a1:0:8}" --status todo
expect_ok "back to todo"
expect_eq "no longer waiting since anything" "$(field action list "$a1" waiting_since)" "null"
expect_eq "no longer waiting for anyone" "$(field action list "$a1" waiting_for)" "null"
expect_eq "the owner stays" "$(field action list "$a1" owner)" "Dana"
run cxo action edit "${a1:0:8}" --status waiting
expect_ok "waiting again: the owner set before is the person"
run cxo action wait "${a1:0:8}" "Raj"
expect_ok "action wait ID PERSON"
expect_eq "wait sets the person" "$(field action list "$a1" waiting_for)" "Raj"
expect_eq "wait leaves the owner" "$(field action list "$a1" owner)" "Dana"
run cxo action done "${a1:0:8}"
expect_ok "done"
expect_eq "done today" "$(field action list "$a1" done_on)" "$today"
run cxo action edit "${a1:0:8}" --status todo
expect_ok "reopened"
expect_eq "reopening forgets the day it was done" "$(field action list "$a1" done_on)" "null"
run cxo action add "Both" --owner Sam --waiting Dana
expect_ok "--waiting with --owner: two people"
id_of a2 action list "Both"
expect_eq "--owner is who does it" "$(field action list "$a2" owner)" "Sam"
expect_eq "--waiting is who it waits for" "$(field action list "$a2" waiting_for)" "Dana"

# ---- actions: the owner and the person waited for apart ----
run cxo action add "Board deck review" --owner "Helen Park"
id_of a3 action list "Board deck review"
run cxo action wait "${a3:0:8}" "Dana"
expect_ok "an action of Helen's waits for Dana"
expect_eq "Helen is still the owner" "$(field action list "$a3" owner)" "Helen Park"
run cxo action edit "${a3:0:8}" --status todo
expect_ok "back to todo"
expect_eq "Helen is the owner, as before the wait" "$(field action list "$a3" owner)" "Helen Park"
expect_eq "no one is waited for" "$(field action list "$a3" waiting_for)" "null"
run cxo action edit "${a3:0:8}" --waiting-for "Raj"
expect_ok "edit --waiting-for NAME: waiting for Raj"
expect_eq "--waiting-for sets status waiting" "$(field action list "$a3" status)" "waiting"
expect_eq "--waiting-for names the person" "$(field action list "$a3" waiting_for)" "Raj"
run cxo action edit "${a3:0:8}" --owner "Sam"
expect_ok "edit --owner while waiting"
expect_eq "--owner changes the owner only" \
	"$(field action list "$a3" owner) / $(field action list "$a3" waiting_for)" "Sam / Raj"
snap=$(db_dump "$db")
run cxo action edit "${a3:0:8}" --status done --waiting-for "Raj"
expect_rc 64 "--waiting-for with another status: a usage error"
run cxo action edit "${a3:0:8}" --waiting-for me
expect_rc 65 "--waiting-for me: refused"
expect_eq "nothing written by either" "$(db_dump "$db")" "$snap"
run cxo action done "${a3:0:8}"
expect_eq "done forgets the person" "$(field action list "$a3" waiting_for)" "null"
expect_eq "done keeps the owner" "$(field action list "$a3" owner)" "Sam"

# ---- due soon: one window, today and the 6 days after ----
run cxo action add "In three days" --due +3d
run cxo action add "In a week" --due +7d
run cxo action add "Late" --due -1d
run cxo --color=always action list
yellow=$'\e[33m' red=$'\e[31m'
expect_eq "due in 3 days: yellow" "$(printf '%s\n' "$OUT" | grep -F 'In three days' | grep -cF "$yellow")" "1"
expect_eq "due in 7 days: not yellow" "$(printf '%s\n' "$OUT" | grep -F 'In a week' | grep -cF "$yellow")" "0"
expect_eq "overdue: red" "$(printf '%s\n' "$OUT" | grep -F 'Late' | grep -cF "$red")" "1"

# ---- risks: accepting needs an end, closing a day, reopening neither ----
run cxo risk add "Vendor lock-in" --likelihood 3 --impact 3
id_of r1 risk list "Vendor lock-in"
snap=$(db_dump "$db")
run cxo risk edit "${r1:0:8}" --status accepted
expect_rc 65 "accepted with no end: refused"
expect_err "the rule's message" "an accepted risk needs a day"
expect_eq "nothing written" "$(db_dump "$db")" "$snap"
run cxo risk edit "${r1:0:8}" --until +6m
expect_rc 65 "--until on a risk that is not accepted: refused"
expect_err "it says what to add" "--status accepted"
run cxo risk edit "${r1:0:8}" --status open --until +6m
expect_rc 64 "--until with another status: a usage error"
run cxo risk edit "${r1:0:8}" --status accepted --until -1d
expect_rc 65 "an acceptance ending in the past: refused"
expect_err "it says why" "is not in the future"
expect_eq "nothing written by the refusals" "$(db_dump "$db")" "$snap"
until=$(months 6)
run cxo risk edit "${r1:0:8}" --status accepted --until +6m
expect_ok "risk edit --status accepted --until +6m"
expect_eq "accepted" "$(field risk list "$r1" status)" "accepted"
expect_eq "until six months from today" "$(field risk list "$r1" accepted_until)" "$until"
expect_eq "the treatment is accept" "$(field risk list "$r1" treatment)" "accept"
review=$(field risk list "$r1" review)
check "the review is no later than the end of the acceptance" test "$review" \< "$until" -o "$review" = "$until"
run cxo risk edit "${r1:0:8}" --status accepted
expect_ok "accepted again, keeping its end"
run cxo risk edit "${r1:0:8}" --until +12m
expect_ok "--until alone moves a current acceptance's end"
expect_eq "the new end" "$(field risk list "$r1" accepted_until)" "$(months 12)"
run cxo risk edit "${r1:0:8}" --status closed
expect_ok "closed"
expect_eq "closed today" "$(field risk list "$r1" closed)" "$today"
expect_eq "closing ends the acceptance" "$(field risk list "$r1" accepted_until)" "null"
run cxo risk close "${r1:0:8}"
expect_ok "closing a closed risk"
expect_out "it says since when" "is already closed since"
run cxo risk edit "${r1:0:8}" --status mitigating
expect_ok "reopened"
expect_eq "reopening forgets the closing day" "$(field risk list "$r1" closed)" "null"
run cxo risk accept "${r1:0:8}" --until "$(days 30)"
expect_ok "risk accept --until"
run cxo risk edit "${r1:0:8}" --status open
expect_ok "reopened from accepted"
expect_eq "reopening forgets the acceptance" "$(field risk list "$r1" accepted_until)" "null"

run cxo risk add "Accepted at once" --likelihood 2 --impact 2 --status accepted
expect_rc 65 "risk add --status accepted without --until: refused"
run cxo risk add "Accepted at once" --likelihood 2 --impact 2 --until +3m
expect_rc 64 "risk add --until without --status accepted: a usage error"
run cxo risk add "Accepted at once" --likelihood 2 --impact 2 --status accepted --until +3m
expect_ok "risk add --status accepted --until +3m"
id_of r2 risk list "Accepted at once"
expect_eq "added accepted, with its end" "$(field risk list "$r2" accepted_until)" "$(months 3)"
run cxo risk add "Closed at once" --likelihood 2 --impact 2 --status closed
expect_ok "risk add --status closed"
id_of r3 risk list "Closed at once"
expect_eq "added closed: closed today" "$(field risk list "$r3" closed)" "$today"

# risk show's open actions name the owner and the person waited for.
run cxo risk add "Vendor outage" --likelihood 3 --impact 4
run cxo action add "Ask for the SLA" --risk "Vendor outage" --owner Sam --waiting Dana
run cxo action add "Check the failover" --risk "Vendor outage" --waiting Raj
run cxo action add "Review the contract" --risk "Vendor outage" --owner Sam
run cxo risk show "Vendor outage"
expect_ok "risk show with waiting actions"
expect_out "someone else's action waiting for a third person" "Ask for the SLA (Sam, waiting for Dana)"
expect_out "my action waiting for someone" "Check the failover (waiting for Raj)"
expect_out "someone else's action" "Review the contract (Sam)"

# The month's hours stay in the overview's total when a client is paused.
run cxo client add brief --name "Brief Co" --budget 10
run cxo -C brief log 2h "kickoff"
run cxo overview
expect_out_not "nothing unlisted while every client is active" "paused or ended"
run cxo client edit brief --status paused
expect_ok "pause a client"
run cxo overview
expect_out "a paused client's hours still count this month" "and 2h for paused or ended clients"

finish

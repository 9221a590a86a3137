# t-undo.sh: cxo undo and cxo redo of every kind of write the shell makes,
# each checked by reading the item back, by the data (the derived daily
# totals and heat-map cells included) being exactly as before, and by
# cxo doctor; undo of an older change by its ID, the refusals (a later
# change on the same items, a locked month), redo after undo and not
# after a new change, cxo history (the command recorded, the marks),
# journal_days = 0 and pruning.
. "$(dirname "$0")/lib.sh"

if ! have_faketime; then
	skip "the days of these checks need faketime"
	finish
	exit
fi

db=$PWD/undo.db
export CXO_DB=$db
NOW='2026-12-06 10:00:00'
# c ARGS...: cxo at NOW (the clock running from there).
c() { run fake "@$NOW" "$CXO" "$@"; }

# The user's data and what triggers keep of it; not the journal, the
# settings or the record of what changed when (an undo is a change too).
data() {
	local t sql=''
	for t in clients time_entries risks actions mandates notes month_locks client_terms \
		note_shares timer entry_sources entry_days risk_cells vendors vendor_risks; do
		sql+="SELECT '$t', * FROM $t;"
	done
	sqlite3 -readonly "$db" ".mode quote" "$sql" 2>&1 | LC_ALL=C sort
}

# doctor_ok NAME: cxo doctor finds the derived totals right.
doctor_ok() {
	c doctor
	expect_ok "$1: cxo doctor passes"
	expect_out "$1: ... the daily totals" "ok   daily totals"
	expect_out "$1: ... the risk counts" "ok   open risk counts"
}

# step NAME READ -- CMD...: runs the write CMD, then undoes it: the data
# (the derived tables included) and READ's output (a cxo command line,
# unquoted words) are as before it, and cxo doctor agrees; then redoes
# it: the data as after it.
step() {
	local name=$1 read=$2
	shift 3
	local before after read_before
	before=$(data)
	# shellcheck disable=SC2086
	c $read
	read_before=$OUT
	c "$@"
	expect_ok "$name: the write"
	after=$(data)
	expect_ne "$name: the write changed the data" "$after" "$before"
	c undo
	expect_ok "$name: undo"
	expect_out_re "$name: undo says what it undid" '^undid #[0-9]+: '
	expect_eq "$name: undo puts the data back" "$(data)" "$before"
	# shellcheck disable=SC2086
	c $read
	expect_eq "$name: undo: read back as before" "$OUT" "$read_before"
	doctor_ok "$name: after undo"
	c redo
	expect_ok "$name: redo"
	expect_out_re "$name: redo says what it redid" '^redid #[0-9]+: '
	expect_eq "$name: redo makes it again" "$(data)" "$after"
}

# The id in "(entry 3f2a19c0)", "added risk 3f2a19c0 ..." of the last output.
last_id() {
	[[ $OUT =~ [^0-9a-f]([0-9a-f]{8})[^0-9a-f] ]] && printf '%s' "${BASH_REMATCH[1]}"
}

# ---- nothing yet ----
c init
c undo
expect_rc 66 "nothing to undo in a new database"
expect_err "... saying so" "nothing to undo"
c redo
expect_rc 66 "nothing to redo in a new database"

# ---- clients ----
step "client add" "client list --all" -- client add acme --name "Acme" --budget 20 --rate 200
c client add acme --name "Acme" --budget 20 --rate 200 2>/dev/null
c client add beta --name "Beta" --budget 10
c client archive beta
c use acme
step "client edit" "client show acme" -- client edit acme --name "Acme Group" --employees 40
step "client end" "client show acme" -- client edit acme --status ended
c client add gone --name "Added by mistake"
step "client rm" "client list --all" -- client rm gone
step "billing terms" "client show acme" -- client edit acme --round 15m --rollover-cap 2h

# ---- hours ----
step "log" "hours --month 2026-12" -- log 1h30 "roadmap" --date 2026-12-02
c log 2h "vendor call" --date 2026-12-03
entry=$(last_id)
step "hours edit" "hours --month 2026-12" -- hours edit "$entry" --duration 45m --note "shorter"
step "hours rm" "hours --month 2026-12" -- hours rm "$entry"

# ---- the timer ----
step "start" "status" -- start "EHR vendor call"
c start "EHR vendor call"
NOW='2026-12-06 10:40:00'
step "stop" "hours --month 2026-12" -- stop
c start "another call"
c cancel

# ---- risks ----
c risk add "No MFA" --likelihood 4 --impact 5
risk=$(last_id)
c undo
step "risk add" "risk list --all" -- risk add "No MFA" --likelihood 4 --impact 5
c risk add "Old VPN" --likelihood 3 --impact 3
risk=$(last_id)
step "risk edit" "risk show $risk" -- risk edit "$risk" --likelihood 2 --owner "Dana"
step "risk accept" "risk show $risk" -- risk accept "$risk" --until 2027-06-30
step "risk close" "risk show $risk" -- risk close "$risk"

# ---- actions ----
step "action add" "action list --all" -- action add "Enable MFA" --due 2026-12-20
c action add "Call the vendor" --due 2026-12-10
action=$(last_id)
step "action wait" "action show $action" -- action wait "$action" "Raj Mehta"
step "action done" "action show $action" -- action done "$action"
c action add "Not needed" --due 2026-12-11
action2=$(last_id)
step "action drop" "action show $action2" -- action drop "$action2"

# ---- mandates ----
step "mandate add" "mandate list --all" -- mandate add "Technology roadmap" --due 2027-01-31
c mandate add "Vendor selection" --due 2027-02-28
mandate=$(last_id)
step "mandate close" "mandate show $mandate" -- mandate done "$mandate"

# ---- notes ----
step "note add" "note list" -- note add "Vendor sends the BAA redlines by Friday, with the SLA."
c note add "Board meets in January."
note=$(last_id)
step "note edit" "note show $note" -- note edit "$note" "Board meets on 14 January."
step "note share" "note list --format json" -- note share "$note"
step "note rm" "note list" -- note rm "$note"

# ---- vendors ----
step "vendor add" "vendor list --all" -- vendor add "Okta" --category security --cost 18,000 \
	--start 2026-03-01 --term 12m --auto-renew --notice 60d --risk "$risk"
c vendor add "Slack" --category saas --cost 9000 --term-end 2027-01-31 --notice 30d
vendor=$(last_id)
step "vendor edit" "vendor show $vendor" -- vendor edit "$vendor" --cost 9500 --owner "Dana" \
	--risk "$risk" --diligence sent
step "vendor end" "vendor show $vendor" -- vendor end "$vendor" --on 2026-12-01
step "vendor rm" "vendor list --all" -- vendor rm "$vendor" --yes

# ---- month locks ----
c log 3h "November work" --date 2026-11-20
step "hours lock" "hours locks" -- hours lock --month 2026-11 --invoice INV-7
c hours lock --month 2026-11 --invoice INV-7
step "hours unlock" "hours locks" -- hours unlock --month 2026-11

# ---- the history ----
c history -n 3 --format json
expect_json "history --format json"
expect_eq "history: the newest first, -n 3" "$(json 'len(d)')" 3
expect_eq "history: the unlock's undo and redo" \
	"$(json '[(e["kind"], e["what"].split(":")[0]) for e in d]')" \
	"[[\"redo\", \"redid #$(json 'd[1]["target"]')\"], [\"undo\", \"undid #$(json 'd[1]["target"]')\"], [\"change\", \"unlocked 2026-11 of acme\"]]"
expect_eq "history: ids are integers, the undone a boolean" \
	"$(json '[type(d[0]["id"]).__name__, type(d[0]["target"]).__name__, d[2]["undone"], d[0]["by"]]')" \
	'["int", "int", true, "cxo redo"]'
c history -n 200 --format tsv
expect_out "history: the command that made a change" $'\tcxo hours unlock --month 2026-11\t'
expect_out "history: a note's text in the command is cut" 'cxo note add "Vendor sends the BAA redlines by Friday,..."'
c history -n 1 --client beta
expect_out "history --client: that client's only" "ended client beta"
c history -n 1 -C nosuch
expect_rc 66 "history --client of no client"

# ---- imports: one line each, undone whole ----
printf 'Date,Client,Hours,Notes\n2026-12-01,Acme,1.5,a\n2026-12-02,Acme,2,b\n' >harvest.csv
step "import --from harvest" "hours --month 2026-12" -- import --from harvest --map "Acme=acme" harvest.csv
c history -n 3 --format tsv
expect_out "history: the harvest import in one line" $'\timported 2 entries (3.5h) from harvest\t'
c export -C acme -o acme.json
c -d "$PWD/other.db" import acme.json
c -d "$PWD/other.db" history
expect_out "history: an archive's import in one line" 'imported archive acme.json'
c -d "$PWD/other.db" undo
expect_ok "undo of an archive's import"
c -d "$PWD/other.db" client list --all
expect_out_not "... its clients are gone" "acme"
c -d "$PWD/other.db" doctor
expect_ok "... cxo doctor agrees"

# ---- undo an older change by its ID; a refusal naming the later one ----
c log 1h "first" --date 2026-12-04
first=$(last_id)
c history -n 1 --format tsv
first_seq=$(json_line=$(printf '%s' "$OUT" | sed -n 2p) && printf '%s' "${json_line%%$'\t'*}")
c hours edit "$first" --duration 2h
c history -n 1 --format tsv
later_seq=$(printf '%s' "$OUT" | sed -n 2p | cut -f1)
c note add "unrelated"
snap=$(data)
c undo "$first_seq"
expect_rc 65 "undo of a change a later one built on is refused"
expect_err "... naming the later change" "the later change #$later_seq (edited entry $first of acme"
expect_eq "... writing nothing" "$(data)" "$snap"
c undo "$later_seq"
expect_ok "undo of an older change by its ID (a later unrelated one stays)"
expect_out "... saying which" "undid #$later_seq: edited entry $first of acme"
c note list
expect_out "... the later unrelated change stays" "unrelated"
c undo "#$first_seq"
expect_ok "then the earlier one, named #ID"
c undo 99999
expect_rc 66 "undo of no such change"
expect_err "... naming it" "no change #99999 in the journal"
c undo abc
expect_rc 65 "a bad ID"
expect_err "... naming it and what was expected" 'bad ID "abc" (expected the number of a change'

# ---- redo only while nothing new was made ----
c log 1h "to undo" --date 2026-12-05
c undo
c note add "something new"
c redo
expect_rc 66 "nothing to redo after a new change"
expect_err "... saying so" "nothing to redo"

# ---- a locked month ----
c log 2h "late November" --date 2026-11-25
c hours lock --month 2026-11
snap=$(data)
c undo 0 2>/dev/null
c history -n 2 --format tsv
log_seq=$(printf '%s' "$OUT" | sed -n 3p | cut -f1)
c undo "$log_seq"
expect_rc 65 "undo of hours in a locked month is refused"
expect_err "... saying the month is locked" "its hours are in a locked month (cxo hours unlock opens it)"
expect_eq "... writing nothing" "$(data)" "$snap"

# ---- journal_days = 0 ----
mkdir -p "$XDG_CONFIG_HOME/cxo"
printf 'journal_days = 0;\n' >"$XDG_CONFIG_HOME/cxo/config"
c history --format json
n_before=$(json 'len(d)')
c log 1h "not recorded" --date 2026-12-05
c undo
expect_rc 78 "undo with the journal off"
expect_err "... saying so" "the journal is off (journal_days = 0"
c redo
expect_rc 78 "redo with the journal off"
c doctor
expect_out "doctor: the history off" "off (journal_days = 0)"
printf 'journal_days = 4000;\n' >"$XDG_CONFIG_HOME/cxo/config"
c history
expect_rc 78 "journal_days over 3650 is refused"
expect_err "... naming it and what is expected" "journal_days: bad value 4000 (expected a whole number of days from 0 (no history) to 3650)"

# ---- pruning ----
printf 'journal_days = 30;\n' >"$XDG_CONFIG_HOME/cxo/config"
sqlite3 "$db" "UPDATE journal SET at = '2026-10-01T00:00:00Z' WHERE seq <= 3"
c doctor
expect_out_re "doctor: the history's size and oldest" 'ok   history [0-9]+ changes, [0-9.]+ KiB, oldest 2026-10-01 00:00, kept 30 days; 0 not yet synced, 0 sync conflicts'
c note add "a write prunes"
expect_eq "changes older than journal_days go at the next write" \
	"$(sqlite3 -readonly "$db" "SELECT count(*) FROM journal WHERE seq <= 3")" 0
expect_ne "... the others stay" "$(sqlite3 -readonly "$db" "SELECT count(*) FROM journal")" 0

finish

# t-commands.sh: every command's happy path.
# shellcheck disable=SC1010,SC2154 # "done" is an argument; id_of assigns
. "$(dirname "$0")/lib.sh"

db=$PWD/cmd.db
export CXO_DB=$db
today=$(date +%F)

# id_of VAR LIST-COMMAND... TITLE: the full id of the item with that title,
# taken from the list's JSON (not in a subshell, so its checks count).
id_of() {
	local var=$1 title=${!#}
	run cxo "${@:2:$#-2}" --format json
	expect_json "$* --format json parses"
	printf -v "$var" '%s' "$(json '[x["id"] for x in d if x.get("title") == args[0]][0]' "$title")"
}

# tsv_column N TEXT: field N of each non-empty line after the header,
# joined by "|" (awk -F'\t' 'NR > 1 && NF { print $N }' | paste -sd'|').
tsv_column() {
	local n=$1 s=$2$'\n' line f i out='' sep='' first=1
	while [[ $s == *$'\n'* ]]; do
		line=${s%%$'\n'*}
		s=${s#*$'\n'}
		if ((first)); then
			first=0
			continue
		fi
		[ -n "$line" ] || continue
		f=$line
		for ((i = 1; i < n; i++)); do
			if [[ $f == *$'\t'* ]]; then f=${f#*$'\t'}; else f=''; fi
		done
		out+=$sep${f%%$'\t'*}
		sep='|'
	done
	printf '%s\n' "$out"
}

# ---- init, client ----
run cxo init
expect_ok "init"
expect_eq "init says it created the database, once, on stdout" "$OUT" \
	"created database $db"$'\n'
expect_err_empty "init: nothing on stderr"
run cxo client add acme --name "Acme Services" --role cio --budget 18 --rate 150 \
	--currency EUR --start 2026-01-05 --end 2027-06-30 --industry "B2B services" --employees 120
expect_ok "client add with every option"
run cxo client add beta --name "Beta Logistics" --role ciso --budget 10
expect_ok "client add beta"
run cxo init
expect_ok "init again on an existing database"
expect_eq "init again says it uses the database" "$OUT" \
	"using the existing database $db"$'\n'
expect_err_empty "init again: nothing on stderr"
run cxo client list --format json
expect_eq "init again keeps the clients" "$(json 'len(d)')" "2"

run cxo client list
expect_ok "client list"
expect_out "client list shows acme" "acme"
expect_out "client list shows beta's name" "Beta Logistics"

run cxo client show acme
expect_ok "client show"
expect_out "client show: name" "Acme Services"
expect_out "client show: industry" "B2B services"
expect_out "client show: budget" "18"
expect_out "client show: end date" "2027-06-30"

run cxo client edit acme --name "Acme Group" --budget 25 --role cto
expect_ok "client edit"
run cxo client list --format json
expect_eq "client edit changed the name" "$(json '[c["name"] for c in d if c["key"]=="acme"][0]')" "Acme Group"
expect_eq "client edit changed the role" "$(json '[c["role"] for c in d if c["key"]=="acme"][0]')" "cto"
expect_eq "client edit kept the industry" "$(json '[c.get("industry") for c in d if c["key"]=="acme"][0]')" "B2B services"

run cxo client archive beta
expect_ok "client archive"
run cxo client list --format json
expect_eq "an archived client leaves the list" "$(json '[c["key"] for c in d]')" '["acme"]'
run cxo client list --all --format json
expect_eq "client list --all shows the archived client" "$(json 'sorted(c["key"] for c in d)')" '["acme", "beta"]'
expect_ne "the archived client is not active" "$(json '[c["status"] for c in d if c["key"]=="beta"][0]')" "active"
run cxo client restore beta
expect_ok "client restore"
run cxo client list --format json
expect_eq "a restored client is listed again" "$(json 'sorted(c["key"] for c in d)')" '["acme", "beta"]'

run cxo use acme
expect_ok "use acme"

# ---- mandate ----
run cxo mandate add "Vendor consolidation" --due 2026-12-31 --area vendors --measure "3 vendors fewer"
expect_ok "mandate add with every option"
run cxo mandate add "Security policy"
expect_ok "mandate add, title only"
run cxo mandate add "Board deck"
expect_ok "mandate add, third"
run cxo mandate list
expect_ok "mandate list"
expect_out "mandate list shows a mandate" "Vendor consolidation"
id_of m1 mandate list "Vendor consolidation"
id_of m2 mandate list "Security policy"
id_of m3 mandate list "Board deck"
run cxo mandate edit "${m1:0:8}" --title "Vendor consolidation 2027" --due 2027-01-31
expect_ok "mandate edit by short id"
run cxo mandate list --format json
expect_eq "mandate edit: title" "$(json '[m["title"] for m in d if m["id"]=="'"$m1"'"][0]')" "Vendor consolidation 2027"
expect_eq "mandate edit: due" "$(json '[m["due"] for m in d if m["id"]=="'"$m1"'"][0]')" "2027-01-31"
expect_eq "mandate edit kept the measure" "$(json '[m.get("measure") for m in d if m["id"]=="'"$m1"'"][0]')" "3 vendors fewer"
run cxo mandate done "${m2:0:8}"
expect_ok "mandate done"
run cxo mandate drop "${m3:0:8}"
expect_ok "mandate drop"
run cxo mandate list --format json
expect_eq "done mandate: gone from the list or marked done" \
	"$(json '[m["status"] for m in d if m["id"]=="'"$m2"'"] in ([], ["done"])')" "true"
expect_eq "dropped mandate: gone from the list or marked dropped" \
	"$(json '[m["status"] for m in d if m["id"]=="'"$m3"'"] in ([], ["dropped"])')" "true"
expect_eq "the active mandate is still active" "$(json '[m["status"] for m in d if m["id"]=="'"$m1"'"]')" '["active"]'

# The order: active ones by due date (undated last), then done ones and
# then dropped ones, each the latest first, as the dashboard shows them.
for spec in "Early active|2027-02-01|" "Late active|2027-06-01|" "Undated active||" \
	"Finished long ago|2025-01-15|done" "Dropped last month|2026-10-01|drop" \
	"Finished lately|2026-11-01|done"; do
	IFS='|' read -r title due end <<<"$spec"
	run cxo -C beta mandate add "$title" ${due:+--due $due}
	if [ -n "$end" ]; then
		id_of mx mandate list --all-clients "$title"
		run cxo mandate "$end" "${mx:0:8}"
	fi
done
run cxo -C beta mandate list --all --format tsv
expect_eq "mandate list --all: active by due, then done and dropped ones latest first" \
	"$(tsv_column 2 "$OUT")" \
	"Early active|Late active|Undated active|Finished lately|Finished long ago|Dropped last month"

# ---- hours ----
run cxo log 2h "March call one" --date 2025-03-10
expect_ok "log --date"
expect_out "log --date: that month's total against the budget" "; 2h of 25h in 2025-03"
run cxo log 1h30m "March call two" --date 2025-03-20 --non-billable
expect_ok "log --non-billable"
run cxo log 1:15 "April call" --date 2025-04-02
expect_ok "log 1:15"
run cxo log 1.5h "today's work"
expect_ok "log 1.5h"
run cxo log 2 "two hours"
expect_ok "log a bare number of hours"
expect_out "log: this month's total against the budget" "; 3.5h of 25h this month"

run cxo hours --month 2025-03 --format json
expect_ok "hours --month"
expect_eq "hours --month 2025-03: two entries, 210 minutes" "$(json '(len(d["entries"]), sum(e["minutes"] for e in d["entries"]))')" "[2, 210]"
expect_eq "hours: --non-billable stored" "$(json '[e.get("billable") for e in d["entries"] if e["note"]=="March call two"]')" "[false]"
run cxo hours --month 2025-03
expect_ok "hours --month table"
expect_out "hours --month table: total" "3.5h"
run cxo hours --from 2025-03-15 --to 2025-04-05 --format json
expect_ok "hours --from --to"
expect_eq "hours --from --to: the two entries inside" "$(json 'sorted(e["note"] for e in d["entries"])')" '["April call", "March call two"]'
run cxo hours --week --format json
expect_ok "hours --week"
expect_eq "hours --week: this week's entries" "$(json 'sorted(e["note"] for e in d["entries"])')" "[\"today's work\", \"two hours\"]"
run cxo hours --format json
expect_eq "hours (this month): 210 minutes today" "$(json 'sum(e["minutes"] for e in d["entries"])')" "210"

run cxo hours --month 2025-04 --format json
e1=$(json '[e["id"] for e in d["entries"] if e["note"]=="April call"][0]')
run cxo hours edit "${e1:0:8}" --duration 45m --note "April call (short)"
expect_ok "hours edit"
run cxo hours --month 2025-04 --format json
expect_eq "hours edit changed minutes and note" "$(json '[(e["minutes"], e["note"]) for e in d["entries"]]')" '[[45, "April call (short)"]]'
run cxo hours rm "${e1:0:8}"
expect_ok "hours rm"
run cxo hours --month 2025-04 --format json
expect_eq "hours rm removed the entry" "$(json 'len(d["entries"])')" "0"

# ---- timer ----
run cxo start "deep work"
expect_ok "start"
run cxo status
expect_ok "status while a timer runs"
run cxo cancel
expect_ok "cancel"
run cxo stop
expect_rc 66 "stop with no timer is missing input"
run cxo hours --format json
expect_eq "cancel logged nothing" "$(json 'sum(e["minutes"] for e in d["entries"])')" "210"
if have_faketime; then
	run fake "@$today 00:05:00" "$CXO" start "timed"
	expect_ok "start (pinned clock)"
	run fake "@$today 00:50:00" "$CXO" stop
	expect_ok "stop (pinned clock)"
	expect_out_re "stop: the month's total, as log has it" '; 4\.25h of 25h this month$'
	run cxo hours --format json
	expect_eq "stop logged 45 minutes" "$(json '[e["minutes"] for e in d["entries"] if e["note"]=="timed"]')" "[45]"
	run fake "@$today 03:00:00" "$CXO" start "with --at"
	run fake "@$today 04:00:00" "$CXO" stop --at 03:30
	expect_ok "stop --at HH:MM"
	run cxo hours --format json
	expect_eq "stop --at logged 30 minutes" "$(json '[e["minutes"] for e in d["entries"] if e["note"]=="with --at"]')" "[30]"
fi

# ---- risk ----
run cxo risk add "Ransomware on file server" --likelihood 3 --impact 5 --category security \
	--owner "IT lead" --framework "ISO 27001" --mitigation "offline backups" --treatment mitigate \
	--residual 2,3 --review 2027-02-01
expect_ok "risk add with every option"
run cxo risk add "Key vendor insolvency" --likelihood 2 --impact 4 --category vendor
expect_ok "risk add, vendor"
run cxo risk add "Shadow IT" --likelihood 3 --impact 2
expect_ok "risk add, minimal"
run cxo risk list
expect_ok "risk list"
expect_out "risk list shows the score" "15"
id_of r1 risk list "Ransomware on file server"
id_of r2 risk list "Key vendor insolvency"
id_of r3 risk list "Shadow IT"
run cxo risk list --format json
expect_eq "review date stored" "$(json '[r["review"] for r in d if r["id"]=="'"$r1"'"][0]')" "2027-02-01"
expect_eq "a new risk's review date defaults from its level (90/90/180/360 days)" \
	"$(json '[(r["review"] == str(__import__("datetime").date.today() + __import__("datetime").timedelta(days={"critical": 90, "high": 90, "medium": 180, "low": 360}[r["level"]]))) for r in d if r["id"]=="'"$r3"'"]')" "[true]"
run cxo risk edit "${r1:0:8}" --likelihood 4 --owner "CISO office"
expect_ok "risk edit"
run cxo risk list --format json
expect_eq "risk edit: likelihood and owner" "$(json '[(r["likelihood"], r["owner"]) for r in d if r["id"]=="'"$r1"'"][0]')" '[4, "CISO office"]'
expect_eq "risk edit kept the impact" "$(json '[r["impact"] for r in d if r["id"]=="'"$r1"'"][0]')" "5"
run cxo risk accept "${r2:0:8}"
expect_rc 64 "risk accept without --until: a usage error"
expect_err "risk accept without --until: says what is missing" "risk accept needs --until DAY"
expect_err "risk accept without --until: its own usage" "usage: cxo risk accept ID --until DAY"
expect_err_not "risk accept without --until: not every risk subcommand's usage" "risk add"
run cxo risk accept "${r2:0:8}" --until 2027-03-31
expect_ok "risk accept --until"
run cxo risk list --format json
expect_eq "risk accept: status and expiry" \
	"$(json '[(r["status"], r.get("accepted_until")) for r in d if r["id"]=="'"$r2"'"]')" '[["accepted", "2027-03-31"]]'
run cxo risk list
expect_out_re "risk list: an accepted risk's status says until when" "^${r2:0:8} .*accepted until 2027-03-31 "
run cxo risk list --format tsv
expect_eq "risk list tsv: the acceptance's end has a column" \
	"$(py "$OUT" 'import sys; rows = [l.split("\t") for l in sys.stdin.read().splitlines()]; k = rows[0].index("accepted_until"); i = rows[0].index("id"); print([r[k] for r in rows[1:] if r[i].startswith(sys.argv[1])])' "${r2:0:8}")" \
	"['2027-03-31']"
expect_out_not "risk list tsv: the status is the bare word" "accepted until"
run cxo risk close "${r3:0:8}"
expect_ok "risk close"
run cxo risk list --format json
expect_eq "closed risk: gone from the list or marked closed" \
	"$(json '[r["status"] for r in d if r["id"]=="'"$r3"'"] in ([], ["closed"])')" "true"
run cxo risk list --due-review
expect_ok "risk list --due-review"

# ---- action ----
run cxo action add "Draft vendor shortlist" --due 2026-12-15 --owner "Sam" --mandate "${m1:0:8}"
expect_ok "action add --owner --mandate ID"
run cxo action add "Test restore" --risk "${r1:0:8}" --due +3d
expect_ok "action add --risk"
run cxo action add "Write policy"
expect_ok "action add, title only"
run cxo action add "Obsolete idea"
expect_ok "action add, to drop"
id_of a1 action list "Draft vendor shortlist"
id_of a2 action list "Test restore"
id_of a3 action list "Write policy"
id_of a4 action list "Obsolete idea"
run cxo action list
expect_ok "action list"
expect_out "action list shows the short id" "${a1:0:8}"
expect_out_not "action list shows short ids, not full ones" "$a1"

run cxo action edit "${a1:0:8}" --title "Draft the vendor shortlist" --due 2026-12-20
expect_ok "action edit"
run cxo action defer "${a2:0:8}" 2027-01-10
expect_ok "action defer ID DATE"
run cxo action wait "${a3:0:8}" "Legal (Maria)"
expect_ok "action wait ID PERSON"
run cxo action drop "${a4:0:8}"
expect_ok "action drop"
run cxo action list --format json
expect_eq "action edit: title and due" \
	"$(json '[(a["title"], a["due"]) for a in d if a["id"]=="'"$a1"'"]')" '[["Draft the vendor shortlist", "2026-12-20"]]'
expect_eq "action defer: new due" "$(json '[a["due"] for a in d if a["id"]=="'"$a2"'"]')" '["2027-01-10"]'
expect_eq "action wait: status" "$(json '[a["status"] for a in d if a["id"]=="'"$a3"'"]')" '["waiting"]'
expect_eq "dropped action: gone from the list or marked dropped" \
	"$(json '[a["status"] for a in d if a["id"]=="'"$a4"'"] in ([], ["dropped"])')" "true"
run cxo action list --waiting
expect_ok "action list --waiting"
expect_out "waiting-for list shows the person" "Legal (Maria)"
expect_out_re "waiting-for list shows days waited" '(^|[^0-9])0 ?d|today|0 days'

run cxo -C beta action add "Beta thing"
expect_ok "action add -C beta"
run cxo action list --all-clients
expect_ok "action list --all-clients"
expect_out "--all-clients has a CLIENT column" "CLIENT"
expect_out "--all-clients shows beta's action" "Beta thing"
expect_out "--all-clients shows acme's action" "Write policy"
run cxo action list
expect_out_not "without --all-clients, only acme" "Beta thing"

# The list order: overdue first, then by due date, the undated last; the
# same due date and day made in title order.
run cxo -C beta action add "Zebra review" --due 2030-01-02
run cxo -C beta action add "Alpha review" --due 2030-01-02
run cxo -C beta action add "Undated thing"
run cxo -C beta action add "Late thing" --due 2020-01-01
run cxo -C beta action add "Middle review" --due 2030-01-02
run cxo -C beta action list --format tsv
expect_ok "action list --format tsv, beta"
expect_eq "action list order: overdue, by due, title on ties, undated last" \
	"$(tsv_column 3 "$OUT")" \
	"Late thing|Alpha review|Middle review|Zebra review|Beta thing|Undated thing"
run cxo -C beta action list --all --format tsv
expect_eq "action list --all: the same order for the open ones" \
	"$(tsv_column 3 "$OUT")" \
	"Late thing|Alpha review|Middle review|Zebra review|Beta thing|Undated thing"

# ---- notes ----
run cxo note add "Met the CEO: budget approved"
expect_ok "note add"
run cxo note list --format json
expect_eq "note list json" "$(json '[n["text"] for n in d]')" '["Met the CEO: budget approved"]'
run cxo note add "Second note"
run cxo note list --limit 1 --format json
expect_eq "note list --limit 1: the newest only" "$(json '[n["text"] for n in d]')" '["Second note"]'
run cxo note list --limit 0 --format json
expect_eq "note list --limit 0: all of them" "$(json 'len(d)')" "2"
run cxo note list --help
expect_out_re "note list --help says what --limit 0 means" '--limit N +.*0.*all'

# ---- overview, status ----
run cxo overview
expect_ok "overview"
expect_out "overview: acme" "acme"
expect_out "overview: beta" "beta"
run cxo status
expect_ok "status"
expect_out "status: current client" "acme"

# ---- backup ----
run cxo backup "$PWD/backup.db"
expect_ok "backup FILE"
check "backup file exists" test -s "$PWD/backup.db"
expect_eq "backup file is 0600" "$(file_mode "$PWD/backup.db")" "600"
# SQLite's own check of the copy, independent of cxo (direct SQL on purpose).
expect_eq "backup is a sound database" "$(sqlite3 -readonly "$PWD/backup.db" 'PRAGMA integrity_check' 2>&1)" "ok"
run cxo -d "$PWD/backup.db" client list --format json
expect_eq "backup holds the clients" "$(json 'sorted(c["key"] for c in d)')" '["acme", "beta"]'
before=$(file_sum "$PWD/backup.db")
run cxo backup "$PWD/backup.db"
expect_rc 73 "backup refuses an existing file"
expect_eq "the existing backup is untouched" "$(file_sum "$PWD/backup.db")" "$before"

run cxo backup
expect_ok "backup to the default place"
bk=("$XDG_DATA_HOME"/cxo/backups/cxo-*.db)
[ -e "$bk" ] || bk=
check "default backup in \$XDG_DATA_HOME/cxo/backups" test -n "$bk"
expect_eq "default backup is 0600" "$(file_mode "$bk")" "600"
expect_eq "backup directory is 0700" "$(file_mode "$XDG_DATA_HOME/cxo/backups")" "700"
# SQLite's own check of the copy, independent of cxo (direct SQL on purpose).
expect_eq "default backup is a sound database" "$(sqlite3 -readonly "$bk" 'PRAGMA integrity_check' 2>&1)" "ok"

# ---- doctor ----
run cxo doctor
expect_ok "doctor on a healthy database"
expect_out_re "doctor reports the checks" '[Oo][Kk]|healthy'
expect_out "doctor checks the integrity" "integrity"
expect_out_not "doctor finds nothing wrong" "FAIL"
expect_out "doctor checks the daily totals" "ok   daily totals"

# Damaged daily totals: found, named, rebuilt from the entries.
# Direct SQL: no command can make the kept totals disagree with the entries.
sqlite3 "$CXO_DB" "UPDATE entry_days SET minutes = minutes + 7 WHERE day = (SELECT max(day) FROM entry_days)"
run cxo doctor
expect_rc 65 "doctor fails on totals that disagree"
expect_out "doctor names the repair" "cxo doctor --rebuild-totals"
run cxo doctor --rebuild-totals
expect_ok "doctor --rebuild-totals"
expect_out "rebuilt said so" "daily totals rebuilt"
run cxo doctor
expect_ok "doctor is content after the rebuild"
expect_out "the totals agree again" "ok   daily totals"

# Damaged open risk counts: the same.
expect_out "doctor checks the open risk counts" "ok   open risk counts"
run cxo overview --format tsv
want=$OUT
# Direct SQL: no command can make the kept counts disagree with the risks.
sqlite3 "$CXO_DB" "UPDATE risk_cells SET open = open + 3"
run cxo doctor
expect_rc 65 "doctor fails on risk counts that disagree"
expect_out "doctor names the cells and the repair" "heat-map cells disagree with the risks (which are intact): cxo doctor --rebuild-totals"
run cxo doctor --rebuild-totals
expect_ok "doctor --rebuild-totals, risk counts"
expect_out "rebuilt said so, risk counts" "open risk counts from the risks"
run cxo doctor
expect_out "the risk counts agree again" "ok   open risk counts"
run cxo overview --format tsv
expect_eq "the overview counts as before" "$OUT" "$want"
run cxo doctor --repair-everything
expect_rc 64 "doctor: an unknown option is a usage error"
run cxo -d "$PWD/nowhere/none.db" doctor --rebuild-totals
expect_rc 66 "doctor --rebuild-totals without a database: no input"
check "and it made no database" test ! -e "$PWD/nowhere"
run cxo doctor --rebuild-totals extra
expect_rc 64 "doctor --rebuild-totals takes no argument"

# ---- help ----
run cxo help
expect_ok "cxo help"
for c in init client use mandate log hours start stop cancel risk action note overview status backup restore doctor; do
	expect_out "cxo help lists $c" "  $c "
done
run cxo --help
expect_ok "cxo --help"
expect_out "cxo --help shows usage" "usage:"
run cxo help risk
expect_ok "cxo help risk"
expect_out "help risk shows risk add" "risk add"
expect_out "help risk shows --residual" "--residual"
run cxo risk --help
expect_ok "cxo risk --help"
expect_out "risk --help shows risk accept" "risk accept"
run cxo action add --help
expect_ok "cxo action add --help"
expect_out "action add --help shows --waiting" "--waiting"
run cxo client add -h
expect_ok "cxo client add -h"
expect_out "client add -h shows --employees" "--employees"
run cxo log --help
expect_ok "cxo log --help"
expect_out "log --help shows --non-billable" "--non-billable"
run cxo -V
expect_ok "cxo -V"
expect_out_re "-V prints the version" '^cxo [0-9]+\.[0-9]+'
run cxo --version
expect_ok "cxo --version"

finish

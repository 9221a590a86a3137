# t-decision.sh: the decision log: add (options, --file, standard input,
# the editor), list, show, edit, supersede and rm on a fixed day; bad
# values and their exit codes; hostile text; the editor driven by a
# scripted $VISUAL on a terminal made by ontty.py (a record written, a
# file left empty or unchanged, an editor failing, a bad date kept in its
# file); undo of a decision written.
. "$(dirname "$0")/lib.sh"

if ! have_faketime; then
	skip "no faketime: the decision log is checked on a fixed day"
	finish
	exit
fi

export CXO_DB=$PWD/decision.db
db=$CXO_DB
ontty() { python3 "$(dirname "$0")/ontty.py" "$@"; }
# at ARGS...: cxo on Wednesday 18 November 2026.
at() { run fake "@2026-11-18 10:00:00" "$CXO" "$@"; }
ids() { json '" ".join(x["id"][:8] for x in d)'; }

at init
at client add acme --name "Acme" --role cio --budget 18
at client add beta --name "Beta" --role cto --budget 10
at use acme
at mandate add "Vendor selection"
at risk add "ERP out of support" --likelihood 4 --impact 4
expect_ok "setup: two clients, a mandate and a risk"

# ---- add from options ----
at decision add "Move the ERP to the cloud" --by "Dana (CEO)" --consulted "finance, IT" \
	--review 2026-11-01 --context $'The server is out of support.\n\n- March' \
	--options "Renew; move" --decision "Move: cheaper" --mandate vendor --risk "ERP out"
expect_ok "add from options"
expect_out_re "it says what it added" '^added decision [0-9a-f]{8} "Move the ERP to the cloud" for acme \(decided 2026-11-18\)$'
erp=$(printf '%s' "$OUT" | sed -n 's/^added decision \([0-9a-f]*\) .*/\1/p')
at decision add "Pick a CRM" --status proposed --day 2026-10-05 --review 2026-11-10 --decision "Later"
expect_ok "a proposed one, with a day and a review of its own"
crm=$(printf '%s' "$OUT" | sed -n 's/^added decision \([0-9a-f]*\) .*/\1/p')
at -C beta decision add "Beta: keep the MSP" --decision "Keep it" --review 2027-01-01
expect_ok "beta's decision"

# ---- list ----
at decision list
expect_ok "list"
expect_out "the table's header" "ID        DAY         STATUS    TITLE"
expect_out "acme's decisions" "Move the ERP to the cloud"
expect_out_not "not beta's" "keep the MSP"
at decision list --format json
expect_eq "newest first" "$(ids)" "$erp $crm"
expect_eq "JSON fields" "$(json 'sorted(d[0].keys())')" \
	'["consulted", "created", "day", "decided_by", "id", "review", "review_due", "status", "superseded_by", "title"]'
expect_eq "review_due: a passed review" "$(json 'd[0]["review_due"]')" "true"
at decision list --review --format json
expect_eq "--review: passed reviews, oldest first" "$(ids)" "$erp $crm"
at decision list --review --all-clients --format tsv
expect_eq "--review --all-clients: beta's review is not due" "$(line_count "$OUT")" "3"
expect_out "TSV has the client" "acme"
at decision list --status proposed --format json
expect_eq "--status" "$(ids)" "$crm"
at decision list --from 2026-10-01 --to 2026-10-05 --format json
expect_eq "--from --to, both days included" "$(ids)" "$crm"
at decision list --to 2026-10-04
expect_out "nothing in range" "no decisions for acme"
at decision list --all-clients
expect_out "--all-clients: a CLIENT column" "CLIENT"
expect_out "--all-clients: beta's too" "Beta: keep the MSP"
at decision
expect_out "decision alone lists" "Pick a CRM"

# ---- show ----
at decision show "$erp"
expect_ok "show"
expect_out "the title" "# Move the ERP to the cloud"
expect_out "the metadata" $'Status: decided\nDate: 2026-11-18\nDecided by: Dana (CEO)\nConsulted: finance, IT\nReview: 2026-11-01'
expect_out "the links" "Mandates: "
expect_out "the risk linked" "ERP out of support"
expect_out "the sections" $'## Context\n\nThe server is out of support.\n\n- March\n\n## Options considered\n\nRenew; move\n\n## Decision\n\nMove: cheaper\n\n## Consequences'
at decision show "pick a crm" --format json
expect_eq "by title, any case; JSON" "$(json 'd["title"], d["status"], d["decision"], d["links"]')" \
	'["Pick a CRM", "proposed", "Later", []]'
at decision show "$erp" --format json
expect_eq "JSON links" "$(json '[(l["kind"], l["title"]) for l in d["links"]]')" \
	'[["mandate", "Vendor selection"], ["risk", "ERP out of support"]]'

# ---- --file and standard input ----
cat >"$PWD/rec.md" <<'EOF'
# Adopt SSO everywhere
<!-- a comment, dropped -->
status: Decided
Date: 2026-11-02

## context
Too many passwords.

## Options
Okta or Entra.

## Risks of it
A single point of failure.
EOF
at decision add --file "$PWD/rec.md"
expect_ok "--file FILE"
at decision show "Adopt SSO" --format json
expect_eq "the file read" "$(json 'd["day"], d["context"], d["options"]')" \
	'["2026-11-02", "Too many passwords.", "Okta or Entra.\n\n## Risks of it\nA single point of failure."]'
sso=$(json 'd["id"][:8]')
run_stdin $'# From a script\n\n## Decision\nYes\n' fake "@2026-11-18 10:00:00" "$CXO" decision add --file -
expect_ok "--file - reads standard input"
at decision show "From a script" --format json
expect_eq "standard input's record" "$(json 'd["decision"], d["day"]')" '["Yes", "2026-11-18"]'

# ---- bad values: a message, a code, nothing written ----
snap=$(db_dump "$db")
at decision add "X" --status maybe --decision y
expect_rc 65 "a bad --status"
expect_err "names it" 'unknown decision status "maybe"'
at decision add "X" --day 2026-02-30 --decision y
expect_rc 65 "a bad --day"
at decision add "X" --review soon --decision y
expect_rc 65 "a bad --review"
at decision add --decision y
expect_rc 64 "a body without a title"
expect_err "says so" "decision add: missing TITLE"
at decision add "X" --decision y --file "$PWD/rec.md"
expect_rc 64 "--file and a body option"
at decision add "X"
expect_rc 64 "no body and no terminal: no editor"
expect_err "says why" "standard input is no terminal to open the editor on"
at decision add "X" --decision y --mandate nothing-like-it
expect_rc 66 "an unknown mandate"
at -C beta decision add "X" --decision y --mandate "Vendor selection"
expect_rc 66 "another client's mandate is not found by title"
at decision add --file "$PWD/missing.md"
expect_rc 66 "a missing --file"
printf '# T\nDate: 2026-02-30\n' >"$PWD/bad.md"
at decision add --file "$PWD/bad.md"
expect_rc 65 "a bad date in the file"
expect_err "names the line" 'bad.md: line 2: bad Date "2026-02-30": expected a day as YYYY-MM-DD'
at decision show nonexistent
expect_rc 66 "an unknown decision"
at decision show "$erp" --format yaml
expect_rc 64 "a bad show --format"
at decision list --from 2026-11-02 --to 2026-11-01
expect_rc 65 "--from after --to"
at decision supersede "$erp" "$erp"
expect_rc 65 "a decision cannot supersede itself"
expect_eq "nothing was written by any of them" "$(db_dump "$db")" "$snap"

# ---- hostile text ----
at decision add $'Evil \e[31mred\e]0;pwned\a title\nsecond' --decision $'a\e[2Jb\r\nc' --by $'\e[1mMe'
expect_ok "hostile text is stored"
no_esc() { [[ $OUT != *$'\e'* && $ERR != *$'\e'* && $OUT != *$'\a'* ]]; }
check "add: no escape reaches the terminal" no_esc
at decision list
check "list: no escape" no_esc
at decision show "Evil"
check "show: no escape" no_esc
expect_out "the title on one line" "# Evil [31mred]0;pwned title second"
at decision rm "Evil" --yes
expect_ok "rm --yes"
expect_out "rm says so" "removed decision"

# ---- edit from options ----
at decision edit "$crm" --status decided --review none --by Ana --unlink nothing
expect_rc 66 "--unlink of what is not linked"
at decision edit "$erp" --unlink "vendor selection" --consulted "" --title "Move the ERP"
expect_ok "edit: unlink, clear, retitle"
at decision show "$erp" --format json
expect_eq "edited" "$(json 'd["title"], d["consulted"], [l["kind"] for l in d["links"]]')" \
	'["Move the ERP", null, ["risk"]]'
at decision edit "$crm" --review none --status decided
expect_ok "edit: --review none"
at decision show "$crm" --format json
expect_eq "no review, decided" "$(json 'd["review"], d["status"]')" '[null, "decided"]'
at decision edit "$crm" --title " "
expect_rc 65 "an empty --title"

# ---- supersede ----
at decision supersede "$crm" "$sso"
expect_ok "supersede OLD NEW"
expect_out_re "says so" "^superseded decision $crm \"Pick a CRM\" for acme by $sso\$"
at decision show "$crm"
expect_out "what superseded it" "Superseded by: $sso Adopt SSO everywhere"
expect_out "superseded" "Status: superseded"
at decision list --format json
expect_out_not "a superseded one is not listed" "Pick a CRM"
at decision list --all --format json
expect_out "--all lists it" "Pick a CRM"
at decision supersede "$sso" "$crm"
expect_rc 65 "no circle"
printf '# Move the ERP, in two steps\n\n## Decision\nStep by step.\n' >"$PWD/new.md"
at decision supersede "$erp" --file "$PWD/new.md"
expect_ok "supersede OLD with a new one from --file"
at decision show "$erp" --format json
new=$(json 'd["superseded_by"][:8]')
at decision show "$new" --format json
expect_eq "the new one: its title from the file, the old context and links carried" \
	"$(json 'd["title"], d["context"], d["decided_by"], [l["kind"] for l in d["links"]]')" \
	'["Move the ERP, in two steps", "The server is out of support.\n\n- March", "Dana (CEO)", ["risk"]]'

# ---- undo ----
at decision add "To be undone" --decision x
expect_ok "a decision added"
at undo
expect_ok "undo"
expect_out "undo names it" 'added decision'
at decision show "To be undone"
expect_rc 66 "undo took it back"
at decision rm "$sso" </dev/null
expect_rc 65 "rm without an answer removes nothing"
expect_err "says so" "no answer: nothing removed"

# ---- the editor ----
# The scripted editor: records the file's path, mode and text, writes
# $PWD/next into it when there is one, and exits with $PWD/status.
cat >"$PWD/ed.sh" <<'EOF_ED'
#!/bin/sh
d=$(dirname "$0")
for f; do :; done
echo "$f" >"$d/path"
stat -c %a "$f" >"$d/mode"
cat "$f" >"$d/seen"
if [ -e "$d/next" ]; then cat "$d/next" >"$f"; fi
exit "$(cat "$d/status" 2>/dev/null || echo 0)"
EOF_ED
chmod 700 "$PWD/ed.sh"
export VISUAL="$PWD/ed.sh" EDITOR=false
next() { printf "$@" >"$PWD/next"; }
gone() { [ ! -e "$(cat "$PWD/path")" ]; }
kept() { [ -e "$(cat "$PWD/path")" ]; }

next '# Written in the editor\n\nStatus: proposed\nReview: 2027-01-01\n\n## Context\n\nWhy.\n\n## Decision\n\nThis.\n'
run ontty "$CXO" decision add --by Sam
expect_ok "add in the editor"
expect_out "added" '"Written in the editor" for acme (proposed'
expect_eq "the file is private" "$(cat "$PWD/mode")" "600"
check "the file ends in .md" grep -q '/cxo-decision-.*\.md$' "$PWD/path"
check "the template guides in comments" grep -q '^<!--' "$PWD/seen"
check "the template has the option's value" grep -qx 'Decided by: Sam' "$PWD/seen"
check "the file is removed" gone
run cxo decision show "Written in the editor" --format json
expect_eq "what was saved" "$(json 'd["status"], d["review"], d["context"], d["decision"], d["decided_by"]')" \
	'["proposed", "2027-01-01", "Why.", "This.", "Sam"]'

snap=$(db_dump "$db")
next ''
run ontty "$CXO" decision add "Emptied"
expect_rc 65 "an emptied file cancels"
expect_err "says so" "the file was left empty: nothing added"
check "the emptied file is removed" gone
rm -f "$PWD/next"
run ontty "$CXO" decision add "Unchanged"
expect_rc 65 "an unchanged file cancels"
expect_err "says so" "the file was left unchanged: nothing added"
check "the unchanged file is removed" gone
echo 1 >"$PWD/status"
run ontty "$CXO" decision add "Failing"
expect_rc 69 "an editor exiting 1 adds nothing"
expect_err "names its status" "exited with status 1"
check "nothing typed: the file is removed" gone
next '# Typed, then the editor failed\n'
run ontty "$CXO" decision add "Failing"
expect_rc 69 "an editor failing after text was typed"
expect_err "the text is kept" "your text is in $TMPDIR/cxo-decision-"
check "the typed file is kept" kept
rm -f "$(cat "$PWD/path")" "$PWD/status"
next '# Bad date\n\nDate: 2026-02-30\n\n## Decision\n\nKeep me.\n'
run ontty "$CXO" decision add
expect_rc 65 "a bad date from the editor"
expect_err "names the line" 'line 3: bad Date "2026-02-30"'
expect_err "says where the text is" "your text is in $TMPDIR/cxo-decision-"
check "the file is kept" kept
kept_file=$(cat "$PWD/path")
check "with what was typed" grep -q 'Keep me.' "$kept_file"
expect_eq "nothing was added" "$(db_dump "$db")" "$snap"
sed -i 's/2026-02-30/2026-02-28/' "$kept_file"
run cxo decision add --file "$kept_file"
expect_ok "the kept file, fixed, given back"
rm -f "$kept_file"

# A termination while the editor runs: nothing is added, what was typed
# stays in its file, then the signal ends cxo.
if [ -r /proc/self/stat ]; then
	cat >"$PWD/killer.sh" <<'EOF_ED'
#!/bin/sh
d=$(dirname "$0")
for f; do :; done
echo "$f" >"$d/path"
echo "# Typed before the end" >"$f"
p=$PPID
while [ "$p" -gt 1 ] && [ "$(cat /proc/$p/comm)" != cxo ]; do
	p=$(cut -d' ' -f4 /proc/$p/stat)
done
kill -TERM "$p"
sleep 0.2
EOF_ED
	chmod 700 "$PWD/killer.sh"
	snap=$(db_dump "$db")
	run ontty env VISUAL="$PWD/killer.sh" "$CXO" decision add
	expect_rc 143 "a SIGTERM while the editor runs ends cxo afterwards"
	expect_err "what was typed is kept" "your text is in $TMPDIR/cxo-decision-"
	check "the typed file stays after a SIGTERM" kept
	expect_eq "nothing was added after a SIGTERM" "$(db_dump "$db")" "$snap"
	rm -f "$(cat "$PWD/path")"
else
	skip "no /proc: the SIGTERM case is not checked"
fi

rm -f "$PWD/next"
run ontty "$CXO" decision edit "$sso"
expect_ok "edit in the editor, saved unchanged"
expect_out "nothing changed" "nothing changed in decision $sso"
check "the editor had the record" grep -qx '# Adopt SSO everywhere' "$PWD/seen"
sed 's/^Too many passwords\.$/Too many passwords, and no MFA./' "$PWD/seen" >"$PWD/next"
run ontty "$CXO" decision edit "$sso"
expect_ok "edit in the editor"
expect_out "updated" "updated decision $sso"
run cxo decision show "$sso" --format json
expect_eq "the edit stored" "$(json 'd["context"]')" "Too many passwords, and no MFA."

next '# Replace the ERP plan\n\n## Decision\n\nSaaS ERP.\n'
run ontty "$CXO" decision supersede "$new"
expect_ok "supersede in the editor"
check "the template's title" grep -qx '# Supersedes: Move the ERP, in two steps' "$PWD/seen"
expect_out "the new one added" '"Replace the ERP plan"'
expect_out "the old one superseded" "superseded decision $new"

finish

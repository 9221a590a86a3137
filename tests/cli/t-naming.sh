# t-naming.sh: naming items by title.  Actions by their exact title
# within the current client; mandates and risks also by the start or a
# part of a title (the exact title winning), with the title found said
# on stderr; an ambiguous name lists the candidates with their short ids.
# shellcheck disable=SC1010 # "done" is an argument
. "$(dirname "$0")/lib.sh"

db=$PWD/naming.db
export CXO_DB=$db

run cxo client add acme --name "Acme"
run cxo client add beta --name "Beta"
run cxo use acme
expect_ok "setup: two clients, acme current"

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

# ---- actions by their exact title ----
run cxo action add "Send the SOW to Dana"
run cxo action add "Call the auditor"
run cxo -C beta action add "Book the offsite"
id_of sow action list "Send the SOW to Dana"
run cxo action show "send the sow to dana"
expect_ok "action show by its exact title, in any case"
expect_out "action show: the action titled so" "Send the SOW to Dana"
run cxo action done "Send the SOW to Dana"
expect_ok "action done by its title"
expect_eq "the action titled so is done" "$(field action list "$sow" status)" "done"
run cxo action edit "Call the auditor" --due 2030-01-15
expect_ok "action edit by its title"
run cxo action defer "call the auditor" 2030-02-01
expect_ok "action defer by its title"
run cxo action show "Send the SOW"
expect_rc 66 "an action's title only as it is: the start of one is not it"
expect_err "no such action: says so" "no action with the id or title \"Send the SOW\""
run cxo action show "Book the offsite"
expect_rc 66 "another client's action is not named by its title"
run cxo -C beta action show "Book the offsite"
expect_ok "... but is within that client"
# Two of one title: both listed, with their short ids, the closed one
# with its status.
run cxo action add "Send the SOW to Dana"
id_of sow2 action list "Send the SOW to Dana"
run cxo action list --all --format json
ids=$(json '" ".join(sorted(x["id"][:8] for x in d if x["title"] == "Send the SOW to Dana"))')
snap=$(db_dump "$db")
run cxo action done "send the sow to dana"
expect_rc 64 "an ambiguous action title: refused"
expect_err "ambiguous: says so" "action title \"send the sow to dana\" is ambiguous"
expect_err_re "ambiguous: the open one, with its short id" "^  ${sow2:0:8}  Send the SOW to Dana$"
expect_err_re "ambiguous: the done one, with its status" "^  ${sow:0:8}  Send the SOW to Dana \(done\)$"
expect_eq "ambiguous: nothing written" "$(db_dump "$db")" "$snap"
expect_eq "setup: two candidates" "$(line_count "${ids// /$'\n'}")" "2"
run cxo action done "${sow2:0:8}"
expect_ok "the short id the list gave resolves"

# ---- mandates and risks: the start or a part of a title ----
run cxo mandate add "Technology roadmap for the growth plan"
run cxo mandate add "Vendor selection"
run cxo mandate add "Vendor contracts review"
run cxo mandate add "Security"
run cxo mandate add "Security policy"
run cxo -C beta mandate add "Board deck"
run cxo risk add "No MFA on admin accounts" --likelihood 4 --impact 4
run cxo risk add "Key vendor insolvency" --likelihood 2 --impact 4
id_of road mandate list "Technology roadmap for the growth plan"
id_of vsel mandate list "Vendor selection"
id_of sec mandate list "Security"
id_of mfa risk list "No MFA on admin accounts"

run cxo log 45m "planning" --mandate roadmap
expect_ok "log --mandate: a part of a title"
expect_err "says which mandate a part found" "mandate: Technology roadmap for the growth plan"
run cxo hours --format json
expect_eq "the entry is the mandate's" \
	"$(json '[e["mandate_id"] for e in d["entries"] if e["note"] == "planning"]')" "[\"$road\"]"
run cxo log 30m "kickoff" --mandate TECHNOLOGY
expect_ok "log --mandate: the start of a title, in any case"
expect_err "says which mandate the start found" "mandate: Technology roadmap for the growth plan"
run cxo log 30m "policy" --mandate security
expect_ok "log --mandate: the exact title wins over the start of another"
expect_err_empty "an exact title: nothing said"
run cxo hours --format json
expect_eq "the exact title's mandate" \
	"$(json '[e["mandate_id"] for e in d["entries"] if e["note"] == "policy"]')" "[\"$sec\"]"
snap=$(db_dump "$db")
run cxo log 30m "nowhere" --mandate vendor
expect_rc 64 "log --mandate: a start several titles share is ambiguous"
expect_err "ambiguous: says so" "mandate title \"vendor\" is ambiguous; it matches:"
expect_err_re "ambiguous: one candidate with its short id" "^  ${vsel:0:8}  Vendor selection$"
expect_err "ambiguous: the other" "  Vendor contracts review"
expect_eq "ambiguous: nothing logged" "$(db_dump "$db")" "$snap"
run cxo log 30m "nowhere" --mandate "board"
expect_rc 66 "another client's mandate is not found by a part of its title"
expect_err "no such mandate: says so" "no mandate with the id or title \"board\""
expect_eq "not found: nothing logged" "$(db_dump "$db")" "$snap"

run cxo action add "Draft the shortlist" --mandate "vendor sel" --risk insolvency
expect_ok "action add --mandate and --risk by parts of titles"
expect_err "says which mandate" "mandate: Vendor selection"
expect_err "says which risk" "risk: Key vendor insolvency"
id_of short action list "Draft the shortlist"
expect_eq "linked to the mandate" "$(field action list "$short" mandate_id)" "$vsel"
run cxo action edit "Draft the shortlist" --risk "no mfa" --mandate none
expect_ok "action edit by title, --risk by the start of one"
expect_err "edit: says which risk" "risk: No MFA on admin accounts"
expect_eq "edit: linked to that risk" "$(field action list "$short" risk_id)" "$mfa"
expect_eq "edit: --mandate none unlinks" "$(field action list "$short" mandate_id)" "null"

run cxo mandate edit "growth plan" --due 2030-06-30
expect_ok "mandate edit by a part of the title"
expect_err "mandate edit: says which" "mandate: Technology roadmap for the growth plan"
expect_eq "mandate edit: that mandate changed" "$(field mandate list "$road" due)" "2030-06-30"
run cxo risk show "admin accounts"
expect_ok "risk show by a part of the title"
expect_out "risk show: that risk" "No MFA on admin accounts"
expect_err "risk show: says which" "risk: No MFA on admin accounts"
run cxo risk close "vendor"
expect_ok "risk close by a part only one risk's title holds"
expect_err "risk close: says which" "risk: Key vendor insolvency"
run cxo mandate done "secu"
expect_rc 64 "mandate done: a start two titles share is ambiguous"
expect_err "it lists both" "Security policy"
run cxo mandate done "${road:0:8}"
expect_ok "an id prefix still names any mandate"
expect_err_empty "an id: nothing said"

# ---- mandate show ----
run cxo mandate edit "${vsel:0:8}" --due +2w --area vendors --measure "Signed by the CFO"
run cxo action add "Call the references" --mandate "Vendor selection" --owner Priya --due +3d
run cxo action add "Send the RFP" --mandate "Vendor selection" --waiting Dana
run cxo action add "Old step" --mandate "Vendor selection"
run cxo action done "Old step"
run cxo log 45m "vendor call" --mandate "Vendor selection"
run cxo log 1h "vendor call" --mandate "Vendor selection" --date -40d
run cxo mandate show "vendor sel"
expect_ok "mandate show by the start of its title"
expect_err "says which mandate" "mandate: Vendor selection"
expect_out_re "the id in full" "^id          $vsel$"
expect_out_re "the client" "^client      acme$"
expect_out_re "the title" "^title       Vendor selection$"
expect_out_re "the area" "^area        vendors$"
expect_out_re "the status" "^status      active$"
expect_out_re "the due day, with how far it is" "^due         [0-9-]{10} \(in 2w\)$"
expect_out_re "the measure" "^measure     Signed by the CFO$"
expect_out_re "its hours, this month and in all" "^hours       0\.75h this month, 1\.75h in all$"
expect_out_re "its open actions, counted" "^actions     2 open$"
expect_out_re "an open action: short id, due, title, owner" "^  [0-9a-f]{8}  in 3d       Call the references \(Priya\)$"
expect_out_re "a waiting one: with whom" "^  [0-9a-f]{8}  no date     Send the RFP \(waiting for Dana\)$"
expect_out_not "not the done one" "Old step"
run cxo mandate show "${sec:0:8}"
expect_ok "mandate show by id"
expect_out_re "no area: a dash" "^area        -$"
expect_out_re "no date" "^due         no date$"
expect_out_re "the half hour logged above" "^hours       0\.5h this month, 0\.5h in all$"
expect_out_re "no actions" "^actions     0 open$"
run cxo mandate done "${sec:0:8}"
run cxo mandate edit "${sec:0:8}" --due -3d
run cxo mandate show "${sec:0:8}"
expect_out_re "a closed mandate's due day is past, not late" "^due         [0-9-]{10} \(3d ago\)$"
run cxo mandate show nothing-like-it
expect_rc 66 "mandate show: no such mandate"
run cxo -C beta mandate show "board"
expect_ok "mandate show within another client"
expect_out_re "its client" "^client      beta$"

finish

# t-housekeeping.sh: putting mistakes right.  client rm deletes a client
# with no history and refuses one with any (vendors and decisions too),
# saying what it holds; a
# renamed key warns of the .cxo-client files that named the old one; a
# currency code is taken in any case and kept upper case.
. "$(dirname "$0")/lib.sh"

db=$PWD/house.db
export CXO_DB=$db
top=$PWD

run cxo client add acme --name "Acme"
expect_ok "setup: acme, the current client"

# ---- client rm ----
run cxo client add acmee --name "Acme, a typo"
expect_ok "setup: a client added by mistake"
run cxo client rm acmee
expect_ok "client rm of a client with no history"
expect_out "says so" "removed client acmee \"Acme, a typo\""
expect_out_not "not the current client: nothing more" "current"
run cxo client list --all --format json
expect_eq "it is gone, archived ones included" "$(json '[c["key"] for c in d]')" '["acme"]'
run cxo client rm acmee
expect_rc 66 "client rm of a key that is no more"
expect_err "no such client" "no client \"acmee\""

run cxo client add oops --name "Oops"
run cxo use oops
run cxo client rm oops
expect_ok "client rm of the current client"
expect_out "says it was the current client" "it was the current client: choose one with 'cxo use KEY'"
run cxo use
expect_rc 64 "no current client afterwards"
expect_err "none chosen" "no client chosen"
run cxo use acme

run cxo client add busy --name "Busy"
run cxo -C busy log 1h "one"
run cxo -C busy log 30m "two"
run cxo -C busy mandate add "Roadmap"
run cxo -C busy note add "met the CEO"
run cxo -C busy start
snap=$(db_dump "$db")
run cxo client rm busy
expect_rc 65 "client rm of a client with history: refused"
expect_err "says what it holds and what to do" \
	"busy has 2 entries, 1 mandate, 1 note and the running timer: archive it with 'cxo client archive busy'"
expect_eq "refused: nothing written" "$(db_dump "$db")" "$snap"
run cxo cancel
run cxo -C busy risk add "No MFA" --likelihood 3 --impact 3
run cxo -C busy action add "Call"
run cxo client rm busy
expect_rc 65 "refused still"
expect_err "risks and actions are counted too" "busy has 2 entries, 1 mandate, 1 risk, 1 action and 1 note:"
run cxo client archive busy
expect_ok "archiving it is the way"
run cxo client rm busy
expect_rc 65 "archived, it still holds its history"

run cxo client add quiet --name "Quiet"
run cxo -C quiet start
run cxo client rm quiet
expect_rc 65 "a running timer alone keeps a client"
expect_err "says so" "quiet has the running timer:"
run cxo cancel
run cxo client rm quiet
expect_ok "once the timer is cancelled it goes"

# A vendor or a decision alone keeps a client too (they would go with it).
run cxo client add lean --name "Lean"
expect_ok "setup: a client with only a vendor and a decision"
sqlite3 "$db" "INSERT INTO vendors(id, client_id, name, created)
 SELECT '11111111-1111-4111-8111-111111111111', id, 'Slack', '2026-01-01' FROM clients WHERE key = 'lean';
INSERT INTO decisions(id, client_id, title, day, created)
 SELECT '22222222-2222-4222-8222-222222222222', id, 'Keep Slack', '2026-01-02',
 '2026-01-02T10:00:00Z' FROM clients WHERE key = 'lean';"
snap=$(db_dump "$db")
run cxo client rm lean
expect_rc 65 "client rm of a client holding a vendor and a decision: refused"
expect_err "says what it holds" "lean has 1 vendor and 1 decision:"
expect_eq "... nothing written" "$(db_dump "$db")" "$snap"

# ---- client edit --key: the .cxo-client files ----
run cxo client add north --name "North"
mkdir -p work/proj/src
printf 'north\n' >work/.cxo-client
printf 'acme\n' >work/proj/.cxo-client
cd work/proj/src || exit 1
run "$CXO" client edit north --key northwind
expect_ok "client edit --key renames"
expect_out "says so on stdout" "updated client north (now northwind)"
expect_err "warns that files naming the old key no longer choose it" \
	"cxo: warning: .cxo-client files naming north no longer choose it: write northwind in them"
expect_err "names the one found above, which names the old key" "$top/work/.cxo-client names it"
expect_err_not "not the one naming another client" "$top/work/proj/.cxo-client"
run "$CXO" client edit northwind --name "Northwind"
expect_ok "an edit that keeps the key"
expect_err_empty "warns of nothing"
cd "$top" || exit 1
run env CXO_CLIENT=northwind "$CXO" client edit northwind --key nw
expect_ok "renamed again, with CXO_CLIENT naming it"
expect_err "the variable no longer chooses it either" "CXO_CLIENT=northwind no longer chooses it"
expect_err_not "no file found from here" "names it"

# ---- currency codes in any case ----
run cxo client add euro --name "Euro" --currency eur --rate 200
expect_ok "client add --currency in lower case"
run cxo client edit acme --currency Gbp
expect_ok "client edit --currency in mixed case"
run cxo client list --format json
expect_eq "kept upper case" "$(json '[(c["key"], c["currency"]) for c in d if c["key"] in ("euro", "acme")]')" \
	'[["acme", "GBP"], ["euro", "EUR"]]'
run cxo client edit acme --currency eu
expect_rc 65 "two letters: refused"
expect_err "says what a code is" "expected three letters such as USD or EUR"

finish

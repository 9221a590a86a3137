# t-global-options.sh: -d, -c, -C and --color after the command, anywhere
# before "--": as if given before it; given both before and after, the
# later counts; a value of the command's own option is not one of them.
# shellcheck disable=SC1010 # "done" is an argument
. "$(dirname "$0")/lib.sh"

db=$PWD/main.db
other=$PWD/other.db
export CXO_DB=$db

run cxo client add acme --name "Acme"
run cxo client add beta --name "Beta"
expect_ok "setup: two clients, acme current"

# ---- -C ----
run cxo mandate add "Roadmap" -C beta
expect_ok "mandate add TITLE -C KEY"
expect_out "the mandate is beta's" "for beta"
run cxo mandate list --all-clients --format json
expect_eq "only beta has it" "$(json '[m["client"] for m in d if m["title"] == "Roadmap"]')" '["beta"]'
run cxo note add "after" --client beta
expect_ok "--client KEY after the operand"
run cxo note add "after, glued" --client=beta
expect_ok "--client=KEY"
run cxo note add "glued short" -Cbeta
expect_ok "-CKEY"
run cxo note list --all-clients --format json
expect_eq "every one of them is beta's" \
	"$(json '[n["client"] for n in d if n["text"] in ("after", "after, glued", "glued short")]')" \
	'["beta", "beta", "beta"]'
run cxo mandate -C beta list
expect_ok "between a command and its subcommand"
expect_out "that client's list" "Roadmap"
run cxo -C acme note add "twice" -C beta
expect_ok "before and after the command"
run cxo note list -C beta --format json
expect_eq "the later one counts" "$(json '[n["text"] for n in d if n["text"] == "twice"]')" '["twice"]'
run cxo -C acme hours
expect_ok "before the command still works"
run cxo log 1h -C
expect_rc 64 "-C with no value: a usage error"
expect_err "says what is missing" "option -C needs a value"
run cxo log 1h -C nobody
expect_rc 66 "an unknown key after the command: refused as before it"
expect_err "names the key" "nobody"

# A command's own values and operands stay the command's.
run cxo action add "Odd owner" --owner -C
expect_ok "the value of the command's own option is not a global option"
run cxo action list --all-clients --format json
expect_eq "the owner is -C, the client the current one" \
	"$(json '[(a["owner"], a["client"]) for a in d if a["title"] == "Odd owner"]')" '[["-C", "acme"]]'
run cxo note add -- "-C beta"
expect_ok "after --, an operand"
run cxo note list --all-clients --format json
expect_eq "a note of acme's that reads -C beta" "$(json '[n["client"] for n in d if n["text"] == "-C beta"]')" '["acme"]'
run cxo -C beta action add "Call Dana"
run cxo action defer "Call Dana" -3d -C beta
expect_ok "defer ID DAY -C KEY: the title found in that client"
run cxo action list -C beta --format json
expect_eq "deferred by three days" \
	"$(json '[a["due"] for a in d if a["title"] == "Call Dana"]')" "[\"$(python3 -c 'import datetime; print(datetime.date.today() - datetime.timedelta(days=3))')\"]"

# ---- -d ----
run cxo client add gamma --name "Gamma" -d "$other"
expect_ok "client add KEY ... -d FILE"
check "that file is made" test -e "$other"
run cxo client list --format json
expect_eq "not in the default database" "$(json '[c["key"] for c in d]')" '["acme", "beta"]'
run cxo hours -d "$other"
expect_ok "hours -d FILE"
expect_out "that database's client" "gamma"
run cxo hours --db="$other" --all-clients --format json
expect_ok "--db=FILE"

# ---- -c and --color ----
printf 'hours_style = "clock";\n' >clock.conf
run cxo log 90m "clocked" -c "$PWD/clock.conf"
expect_ok "log ... -c CONFIG"
expect_out "the settings of that file: hours as H:MM" "logged 1:30"
run cxo hours --config "$PWD/missing.conf"
expect_rc 78 "--config FILE after the command: a missing file is refused as before it"
run cxo risk add "No MFA" --likelihood 5 --impact 5
run cxo risk list --color always
expect_ok "--color always after the command"
expect_out "colour on a pipe" $'\e['
run cxo risk list --color=bad
expect_rc 64 "--color=bad after the command: refused"
expect_err "says which values" "expected auto, always or never"

# ---- help and completion ----
run cxo help
expect_out "cxo help says they may follow the command" "(-d, -c, -C and --color may also follow it)"
run cxo __complete log 1h -C ''
expect_out "completion: -C after the command offers the keys" "beta"
run cxo __complete log 1h -d "$other" -C ''
expect_out "completion: -d after the command chooses the database of the keys" "gamma"
run cxo __complete log 1h --client=b
expect_out "completion: --client=KEY after the command" "--client=beta"

finish

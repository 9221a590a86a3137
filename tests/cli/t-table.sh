# t-table.sh: what the command table gives every command: unique
# prefixes of commands and subcommands, ambiguity named, help for each
# command and subcommand, one wording for option and operand errors.
# shellcheck disable=SC1010 # "done" is an argument
. "$(dirname "$0")/lib.sh"

export CXO_DB=$PWD/table.db
run cxo init --sample
expect_ok "setup: the sample portfolio"
run cxo use acme

# ---- prefixes ----
run cxo ov --format tsv
expect_ok "a command's prefix runs it"
want=$OUT
run cxo overview --format tsv
expect_eq "ov is overview" "$OUT" "$want"
run cxo risk l --format tsv
expect_ok "a subcommand's prefix runs it"
want=$OUT
run cxo risk list --format tsv
expect_eq "risk l is risk list" "$OUT" "$want"
run cxo ac li --all-c --format tsv
expect_ok "command, subcommand and option all shortened"
expect_out "ac li --all-c lists every client's actions" "client"
run cxo act ad "Prefix action"
expect_ok "action add as act ad"
run cxo action list --format json
expect_eq "it was added" "$(json '[a["title"] for a in d if a["title"] == "Prefix action"]')" '["Prefix action"]'
run cxo mandate d 1234abcd
expect_rc 64 "an ambiguous subcommand"
expect_err "it names the choices" 'ambiguous subcommand "d": use one of done, drop'
expect_err "it shows the usage" "usage: cxo mandate add"
run cxo c
expect_rc 64 "an ambiguous command"
expect_err "it names the choices" 'ambiguous command "c": use one of client, cancel'
run cxo action list --al
expect_rc 64 "an ambiguous option"
expect_err "it names the choices" 'ambiguous option "--al": use one of --all, --all-clients'
run cxo frobnicate
expect_rc 64 "an unknown command"
expect_err "unknown command" 'unknown command "frobnicate"'
run cxo risk frobnicate
expect_rc 64 "an unknown subcommand"
expect_err "it names the subcommands" 'unknown subcommand "frobnicate" (expected add, list, show, edit, close or accept)'
run cxo __syn
expect_rc 64 "a hidden command is not found by prefix"
run cxo hours e 1234abcd --note x
expect_rc 66 "hours e is hours edit (and the entry is not there)"

# ---- help ----
run cxo help ui
expect_ok "help ui"
expect_out "help ui: the usage" "usage: cxo ui"
run cxo help help
expect_ok "help help"
expect_out "help help: the usage" "usage: cxo help [COMMAND [SUBCOMMAND]]"
run cxo help action add
expect_ok "help action add"
expect_out "help action add: its usage" "usage: cxo action add TITLE"
expect_out "help action add: its options" "--waiting PERSON"
expect_out_not "help action add: only its own usage" "action list"
run cxo help risk ed
expect_ok "help of a subcommand by prefix"
expect_out "help risk ed: risk edit's options" "--until DAY"
run cxo help act
expect_ok "help of a command by prefix"
expect_out "help act: every subcommand" "usage: cxo action add"
expect_out "help act: the subcommands listed" "  defer"
run cxo help frob
expect_rc 64 "help of an unknown command"
run cxo help risk frob
expect_rc 64 "help of an unknown subcommand"
run cxo help overview list
expect_rc 64 "help of a subcommand of a command without any"
run cxo note add --help
expect_ok "COMMAND SUB --help"
expect_out "note add --help: the usage" "usage: cxo note add TEXT [--date DAY]"
expect_out "note add --help: --date's help" "a past day"
run cxo action defer 1234 -1d -h
expect_ok "-h after an operand that starts with '-'"
expect_out "action defer -h: the usage" "usage: cxo action defer ID DAY"
run cxo client -h
expect_ok "a group's -h"
expect_out "client -h: every subcommand" "usage: cxo client add KEY"
expect_out "client -h: the default" "'cxo client' alone is 'cxo client list'"
run cxo help
expect_ok "cxo help"
expect_out "help lists ui" "  ui "
expect_out "help lists help" "  help "
expect_out_not "help hides __synopsis" "__synopsis"
expect_out_not "help hides __complete" "__complete"
expect_out "help lists the global options" "-d, --db DB"

# ---- one wording for option and operand errors, with the usage ----
for cmd in "note list" "mandate list" "client list" "risk list" "hours" "overview" "action list" "status" "doctor" "init"; do
	# shellcheck disable=SC2086
	run cxo $cmd --bogus
	expect_rc 64 "$cmd --bogus"
	expect_err "$cmd: unknown option" 'unknown option "--bogus"'
	expect_err "$cmd: its usage follows" "usage: cxo $cmd"
done
run cxo log 1h --date
expect_rc 64 "an option without its value"
expect_err "--date needs a value" "--date needs a value"
run cxo stop --force=yes
expect_err "a flag given a value" "--force takes no value"
run cxo overview extra
expect_rc 64 "an extra operand"
expect_err "it names the command" 'overview: unexpected argument "extra"'
run cxo start "one" "two"
expect_err "the words of a note" 'start: unexpected argument "two" (quote a note of several words)'
run cxo use a b
expect_err "use takes one key" 'use: unexpected argument "b"'
run cxo log --due=x 1h
expect_err "an option of another command" 'unknown option "--due=x"'
run cxo client list -- --all
expect_rc 64 "after --, options are operands"
expect_err "and client list takes none" 'client list: unexpected argument "--all"'
run cxo log -- -1h "minus"
expect_rc 65 "after --, a duration that looks like an option"
run cxo note add --date=-2d "equals form"
expect_ok "--opt=value"
run cxo risk list --min-score=30
expect_rc 65 "a number out of range"
expect_err "the number is named" '--min-score: bad number "30"'

# Every help page fits an 80-column terminal.
wide=""
for page in "" ui help $(cxo __complete "" 2>/dev/null | grep -v '^-'); do
	for sub in "" $(cxo __complete "$page" "" 2>/dev/null | grep -v '^-'); do
		[ -n "$page" ] || [ -z "$sub" ] || continue
		while IFS= read -r line; do
			[ ${#line} -le 80 ] || wide="$wide
help $page $sub: $line"
		done < <(cxo help $page $sub 2>&1)
	done
done
expect_eq "every help page fits 80 columns" "$wide" ""

finish

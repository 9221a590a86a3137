# t-ui.sh: the options of `cxo ui`, read by the shell's command table
# (they were tui_parse_args's): what is accepted reaches the dashboard,
# which then wants a terminal (69 here); what is refused is a usage
# error (64) that names the problem, followed by the usage.
. "$(dirname "$0")/lib.sh"

run cxo init
expect_ok "setup: a database"

# Accepted: the dashboard is reached, and finds no terminal.
for args in "" "--bench-switch 400 --report $PWD/r.txt" "--report=out --bench-switch=7" \
	"--bench-switch 1000000 --report r"; do
	# shellcheck disable=SC2086
	run cxo ui $args
	expect_rc 69 "ui $args: accepted, then no terminal"
	expect_err "ui $args: says why" "terminal"
done
run cxo ui --list-keys
expect_ok "ui --list-keys"
run cxo ui --help
expect_ok "ui --help"
expect_out "ui --help: the usage" "usage: cxo ui"
expect_out "ui --help: the benchmark" "--bench-switch N --report FILE"
expect_out "ui --help: the key table" "--list-keys"
expect_out "ui --help: the demo" "cxo --demo"
run cxo help ui
expect_ok "help ui"
expect_out "help ui: the same usage" "usage: cxo ui"
run cxo ui -h
expect_ok "ui -h"
check "no report written by the refused runs so far" test ! -e "$PWD/r.txt"

# Refused.
refused() { # NAME WANT ARGS...: exit 64, WANT on stderr, the usage after it
	local name=$1 want=$2
	shift 2
	run cxo ui "$@"
	expect_rc 64 "$name: a usage error"
	expect_err "$name: says what is wrong" "$want"
	expect_err "$name: shows the usage" "usage: cxo ui"
}
refused "--bench-switch 0" '"0"' --bench-switch 0 --report f
refused "--bench-switch ten" 'bad --bench-switch "ten" (expected a count from 1 to 1000000)' \
	--bench-switch ten --report f
refused "--bench-switch 5x" '"5x"' --bench-switch 5x --report f
refused "--bench-switch 2000000" '"2000000"' --bench-switch 2000000 --report f
refused "--bench-switch alone" "--bench-switch needs a number of switches" --bench-switch
refused "--bench-switch without --report" "--bench-switch needs --report FILE for its result" \
	--bench-switch 5
refused "--report alone" "--report goes with --bench-switch N" --report x
refused "--report without a file" "--report needs a file name" --report
refused "--report with an empty file" "--report needs a file name" --bench-switch 3 --report ""
refused "an unknown option" \
	'unknown option "--frobnicate" for ui (expected --bench-switch N, --report FILE or --list-keys)' \
	--frobnicate
refused "an operand" 'ui: unexpected argument "now"' now

# --demo goes through the same entry; with another command it is refused.
run cxo --demo status
expect_rc 64 "--demo with a command"
expect_err "--demo with a command: says so" "--demo opens the dashboard and takes no command"
run cxo --demo
expect_rc 69 "--demo: the dashboard, which wants a terminal"
run cxo --demo ui --bench-switch 0 --report f
expect_rc 64 "--demo ui: the options are read as for ui"

finish

# t-full.sh: a write to a full standard output (/dev/full) is an I/O
# error: exit 74 (EX_IOERR) and a line on stderr, never a silent 0.
. "$(dirname "$0")/lib.sh"

# run_full ARGS...: `cxo ARGS >/dev/full`, as run does ($ERR, $RC).
run_full() {
	LAST_CMD="$(_quote cxo "$@") >/dev/full"
	"$CXO" "$@" >/dev/full 2>"$_SCRATCH/err" </dev/null
	RC=$?
	OUT=''
	ERR=$(cat "$_SCRATCH/err"; printf x)
	ERR=${ERR%x}
	_sanitizer_check
}

if [ ! -w /dev/full ]; then
	skip "no writable /dev/full on this machine"
	finish
	exit
fi

db=$PWD/full.db
run cxo -d "$db" init --sample
expect_ok "init --sample"

# Each command once; the lists in every format (JSON goes through
# jansson's own writer).
while IFS= read -r line; do
	[ -n "$line" ] || continue
	read -ra args <<<"$line"
	run_full -d "$db" "${args[@]}"
	expect_rc 74 "cxo $line >/dev/full exits 74"
	expect_err "cxo $line >/dev/full says it cannot write" "cannot write"
done <<'EOF'
help
help action
--help
-V
overview
overview --format json
status
use
client list
client list --format tsv
client list --format json
client show acme
mandate list --all-clients
mandate list --format json
hours
hours --format tsv
hours --format json
risk list --all --all-clients
risk list --format json
action list
action list --all-clients --format tsv
action list --format json
note list --all-clients
note list --format json
ui --help
doctor
log 15m written-to-a-full-stdout
EOF

# --list-keys exits 74 too, but prints no message (not checked here).
run_full -d "$db" ui --list-keys
expect_rc 74 "cxo ui --list-keys >/dev/full exits 74"

finish

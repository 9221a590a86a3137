# lib.sh: a small assertion library for the end-to-end tests of cxo.
#
# Sourced by every tests/cli/t-*.sh, which run.sh starts in a fresh
# temporary HOME with the XDG directories inside it.  Every assertion is
# one named check; a failing one prints a line with the command, what was
# expected and what came back.  The counts go to $CXO_TEST_COUNTS, which
# run.sh adds up.
#
#   run CMD ARGS...        run a command: $OUT, $ERR, $RC (stdin /dev/null)
#   run_stdin TEXT CMD...  the same with TEXT on stdin
#   cxo ARGS...            the binary under test ($CXO)
#   expect_rc N NAME       the last command exited with N
#   expect_ok NAME         ... with 0
#   expect_out NAME TEXT   stdout contains TEXT (expect_out_not: does not)
#   expect_err NAME TEXT   stderr contains TEXT (expect_err_not: does not)
#   expect_out_re NAME RE  stdout matches the extended regexp RE
#   expect_err_re NAME RE  stderr matches RE
#   expect_json NAME       stdout parses as JSON
#   json EXPR              python3 expression over the JSON stdout `d`, printed
#   expect_eq NAME GOT WANT
#   check NAME CMD...      passes when CMD succeeds (for files, modes ...)

: "${CXO:?CXO must name the cxo binary}"
TEST_NAME=${TEST_NAME:-$(basename "$0")}
PASSED=0
FAILED=0
OUT='' ERR='' RC=0 LAST_CMD=''
_SCRATCH=$(mktemp -d "${TMPDIR:-/tmp}/cxo-lib.XXXXXX")

cxo() { "$CXO" "$@"; }
# The interpreter run.sh found (no version-manager shim in the way).
if [ -n "${CXO_TEST_PYTHON:-}" ]; then
	python3() { "$CXO_TEST_PYTHON" "$@"; }
fi

_quote() {
	local s='' a
	for a in "$@"; do
		if [[ $a =~ ^[A-Za-z0-9_./:=,+@%-]+$ ]]; then
			s+="$a "
		else
			s+="$(printf '%q' "$a") "
		fi
	done
	printf '%s' "${s% }" | sed "s|$CXO|cxo|g"
}

# Shows at most a few hundred bytes of some output on one line.
_show() {
	local s=$1
	if [ ${#s} -gt 400 ]; then
		s="${s:0:400}..."
	fi
	printf '%s' "$s" | python3 -c 'import sys; print(repr(sys.stdin.buffer.read().decode("utf-8","replace")))'
}

_pass() { PASSED=$((PASSED + 1)); }

# _fail NAME WHAT: one line per failing check.
_fail() {
	FAILED=$((FAILED + 1))
	printf 'FAIL %s: %s\n    command:  %s\n    %s\n' "$TEST_NAME" "$1" "$LAST_CMD" "$2"
}

_sanitizer_check() {
	if grep -qE 'ERROR: (Address|Leak)Sanitizer|runtime error:|SUMMARY: (Address|Undefined)' "$_SCRATCH/err" 2>/dev/null; then
		FAILED=$((FAILED + 1))
		printf 'FAIL %s: sanitizer report\n    command:  %s\n    stderr:   %s\n' \
			"$TEST_NAME" "$LAST_CMD" "$(head -c 2000 "$_SCRATCH/err")"
	fi
}

run() {
	LAST_CMD=$(_quote "$@")
	"$@" >"$_SCRATCH/out" 2>"$_SCRATCH/err" </dev/null
	RC=$?
	OUT=$(cat "$_SCRATCH/out"; printf x)
	OUT=${OUT%x}
	ERR=$(cat "$_SCRATCH/err"; printf x)
	ERR=${ERR%x}
	_sanitizer_check
}

run_stdin() {
	local input=$1
	shift
	LAST_CMD="$(_quote "$@") <<< $(printf '%q' "$input")"
	printf '%s' "$input" | "$@" >"$_SCRATCH/out" 2>"$_SCRATCH/err"
	RC=$?
	OUT=$(cat "$_SCRATCH/out"; printf x)
	OUT=${OUT%x}
	ERR=$(cat "$_SCRATCH/err"; printf x)
	ERR=${ERR%x}
	_sanitizer_check
}

_outputs() {
	printf 'stdout: %s\n    stderr: %s' "$(_show "$OUT")" "$(_show "$ERR")"
}

expect_rc() {
	if [ "$RC" = "$1" ]; then _pass; else
		_fail "$2" "expected exit $1, got $RC; $(_outputs)"
	fi
}

expect_ok() { expect_rc 0 "$1"; }

expect_out() {
	if [[ $OUT == *"$2"* ]]; then _pass; else
		_fail "$1" "expected stdout to contain $(_show "$2"); exit $RC; $(_outputs)"
	fi
}

expect_out_not() {
	if [[ $OUT != *"$2"* ]]; then _pass; else
		_fail "$1" "expected stdout NOT to contain $(_show "$2"); $(_outputs)"
	fi
}

expect_err() {
	if [[ $ERR == *"$2"* ]]; then _pass; else
		_fail "$1" "expected stderr to contain $(_show "$2"); exit $RC; $(_outputs)"
	fi
}

expect_err_not() {
	if [[ $ERR != *"$2"* ]]; then _pass; else
		_fail "$1" "expected stderr NOT to contain $(_show "$2"); $(_outputs)"
	fi
}

expect_out_re() {
	if printf '%s' "$OUT" | grep -qE -- "$2"; then _pass; else
		_fail "$1" "expected stdout to match /$2/; exit $RC; $(_outputs)"
	fi
}

expect_err_re() {
	if printf '%s' "$ERR" | grep -qE -- "$2"; then _pass; else
		_fail "$1" "expected stderr to match /$2/; exit $RC; $(_outputs)"
	fi
}

expect_out_empty() {
	if [ -z "$OUT" ]; then _pass; else
		_fail "$1" "expected no stdout; $(_outputs)"
	fi
}

expect_err_empty() {
	if [ -z "$ERR" ]; then _pass; else
		_fail "$1" "expected nothing on stderr; $(_outputs)"
	fi
}

expect_json() {
	local why
	if why=$(printf '%s' "$OUT" | python3 -c 'import json,sys; json.load(sys.stdin)' 2>&1); then
		_pass
	else
		_fail "$1" "expected JSON on stdout ($(printf '%s' "$why" | tail -n 1)); exit $RC; $(_outputs)"
	fi
}

# json EXPR: evaluates a python3 expression with d = the parsed stdout of
# the last command; prints str() of it (lists and dicts as JSON).  Prints
# "<error: ...>" when stdout is not JSON or the expression fails.
json() {
	printf '%s' "$OUT" | python3 -c '
import json, sys
try:
    d = json.load(sys.stdin)
    v = eval(sys.argv[1])
except Exception as e:
    print("<error: %s: %s>" % (type(e).__name__, e))
    sys.exit(0)
if isinstance(v, (list, dict, tuple)):
    print(json.dumps(v, ensure_ascii=False))
elif v is None:
    print("null")
elif isinstance(v, bool):
    print("true" if v else "false")
else:
    print(v)
' "$1"
}

expect_eq() {
	if [ "$2" = "$3" ]; then _pass; else
		_fail "$1" "expected $(_show "$3"), got $(_show "$2")"
	fi
}

expect_ne() {
	if [ "$2" != "$3" ]; then _pass; else
		_fail "$1" "expected something other than $(_show "$3")"
	fi
}

check() {
	local name=$1
	shift
	if "$@"; then _pass; else
		_fail "$name" "check failed: $(_quote "$@")"
	fi
}

# Snapshots of the database for "nothing was written" checks.
db_dump() {
	if [ -e "$1" ]; then
		sqlite3 -readonly "$1" .dump 2>&1 | LC_ALL=C sort
	else
		echo "<no database>"
	fi
}

file_mode() { stat -c %a "$1" 2>/dev/null || echo "<missing>"; }
file_sig() { [ -e "$1" ] && stat -c '%s %Y %y' "$1" 2>/dev/null || echo "<missing>"; }
file_sum() { [ -e "$1" ] && sha256sum <"$1" | cut -d' ' -f1 || echo "<missing>"; }

# faketime guard: libfaketime is preloaded, so an ASan build must not
# insist on coming first.
have_faketime() { command -v faketime >/dev/null 2>&1; }
fake() {
	local spec=$1
	shift
	ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0" faketime -f "$spec" "$@"
}

# unset_current DB: removes the stored current client (cxo use) from the
# settings table, whatever its name.
unset_current() {
	python3 - "$1" <<'EOF_PY'
import sqlite3, sys
con = sqlite3.connect(sys.argv[1])
n = 0
for (name,) in con.execute("select name from sqlite_master where type='table'").fetchall():
    cols = [r[1] for r in con.execute("pragma table_info(%s)" % name)]
    if "value" in cols:
        for col in cols:
            if col != "value":
                n += con.execute("delete from %s where %s = 'current_client'" % (name, col)).rowcount
con.commit()
sys.exit(0 if n else 1)
EOF_PY
}

skip() {
	printf 'skip %s: %s\n' "$TEST_NAME" "$1"
}

finish() {
	rm -rf "$_SCRATCH"
	if [ -n "${CXO_TEST_COUNTS:-}" ]; then
		echo "$PASSED $FAILED" >"$CXO_TEST_COUNTS"
	else
		echo "$PASSED passed, $FAILED failed"
	fi
	[ "$FAILED" = 0 ]
}

#!/usr/bin/env bash
# run.sh: runs every tests/cli/t-*.sh against the real binary.
#
#   CXO=/abs/build/cxo CXO_SOURCE_DIR=/abs/repo bash tests/cli/run.sh [t-day.sh ...]
#
# Each test file runs in a fresh temporary HOME with its own XDG
# directories, none of the user's cxo variables, and that directory as the
# working directory.  Prints one line per failing check and, last, exactly
# one summary line "N passed, N failed"; exits 1 when any check failed.

set -u

here=$(cd "$(dirname "$0")" && pwd)
CXO_SOURCE_DIR=${CXO_SOURCE_DIR:-$(cd "$here/../.." && pwd)}
CXO=${CXO:-$CXO_SOURCE_DIR/build/cxo}
case $CXO in
/*) ;;
*) CXO=$PWD/$CXO ;;
esac
if [ ! -x "$CXO" ]; then
	echo "run.sh: no cxo binary at $CXO (run make first)" >&2
	echo "0 passed, 1 failed"
	exit 1
fi
for tool in python3 sqlite3; do
	if ! command -v "$tool" >/dev/null 2>&1; then
		echo "run.sh: $tool is needed by the CLI tests" >&2
		echo "0 passed, 1 failed"
		exit 1
	fi
done
export CXO CXO_SOURCE_DIR
# The real interpreter, not a version manager's shim: the checks start
# python3 hundreds of times.
CXO_TEST_PYTHON=$(python3 -c 'import sys; print(sys.executable)' 2>/dev/null)
[ -x "$CXO_TEST_PYTHON" ] || CXO_TEST_PYTHON=$(command -v python3)
export CXO_TEST_PYTHON

if [ $# -gt 0 ]; then
	tests=()
	for t in "$@"; do
		case $t in
		*/*) tests+=("$t") ;;
		*) tests+=("$here/$t") ;;
		esac
	done
else
	tests=("$here"/t-*.sh)
fi

# Leaks and sanitizer reports fail the command they come from (lib.sh
# reads stderr for them too).
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1}

# One file per process, all at once; their reports are printed in order.
root=$(mktemp -d "${TMPDIR:-/tmp}/cxo-cli.XXXXXX")
# Removed however the run ends (an interrupted run too).
cleanup() {
	chmod -R u+rwx "$root" 2>/dev/null
	rm -rf "$root"
}
trap cleanup EXIT
trap 'exit 130' INT TERM
pids=()
i=0
for t in "${tests[@]}"; do
	name=$(basename "$t")
	tmp=$root/$i
	mkdir -p "$tmp/home" "$tmp/work"
	(
		cd "$tmp/work" || exit 1
		unset CXO_DB CXO_CLIENT CXO_CONFIG NO_COLOR CLICOLOR CLICOLOR_FORCE
		export HOME=$tmp/home
		export XDG_DATA_HOME=$tmp/home/data
		export XDG_CONFIG_HOME=$tmp/home/config
		export XDG_STATE_HOME=$tmp/home/state
		export TMPDIR=$tmp
		export TZ=UTC LC_ALL=C.UTF-8 LANG=C.UTF-8 TERM=xterm
		export CXO_TEST_COUNTS=$tmp/counts TEST_NAME=$name
		bash "$t" >"$tmp/report" 2>&1 </dev/null
		echo $? >"$tmp/status"
	) &
	pids+=($!)
	i=$((i + 1))
done
for pid in "${pids[@]}"; do
	wait "$pid"
done

passed=0
failed=0
i=0
for t in "${tests[@]}"; do
	name=$(basename "$t")
	tmp=$root/$i
	i=$((i + 1))
	cat "$tmp/report"
	status=$(cat "$tmp/status" 2>/dev/null || echo "?")
	if [ -s "$tmp/counts" ]; then
		read -r p f <"$tmp/counts"
	else
		# The file died before finishing: count it as one failure.
		p=0 f=1
		echo "FAIL $name: stopped early (exit $status) before reporting its checks"
	fi
	if [ "$status" != 0 ] && [ "$f" = 0 ]; then
		f=1
		echo "FAIL $name: exited $status with no failed check"
	fi
	passed=$((passed + p))
	failed=$((failed + f))
done
echo "$passed passed, $failed failed"
[ "$failed" = 0 ]

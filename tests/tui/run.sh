#!/usr/bin/env bash
# run.sh: end-to-end tests of the dashboard: the real binary in a private
# tmux server at fixed sizes, driven with send-keys and read back with
# capture-pane.
#
#   CXO=/abs/build/cxo CXO_SOURCE_DIR=/abs/repo bash tests/tui/run.sh [t-help.sh ...]
#
# Each test file runs in a fresh temporary HOME with its own XDG
# directories and its own tmux server; a few files run at once.  Prints
# one line per failing check and, last, one summary line
# "N passed, N failed" (", N skipped" when tmux is missing, which is the
# only reason to skip); exits 1 when any check failed.
#
# TUI_JOBS (default 4) files run at once; TUI_SLOW (default 1) multiplies
# every deadline, for slow builds.

set -u

here=$(cd "$(dirname "$0")" && pwd)
CXO_SOURCE_DIR=${CXO_SOURCE_DIR:-$(cd "$here/../.." && pwd)}
CXO=${CXO:-$CXO_SOURCE_DIR/build/cxo}
case $CXO in
/*) ;;
*) CXO=$PWD/$CXO ;;
esac

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

if ! command -v tmux >/dev/null 2>&1; then
	echo "run.sh: tmux is not installed: the ${#tests[@]} dashboard test files are skipped" \
		"(install tmux to run them)" >&2
	echo "0 passed, 0 failed, ${#tests[@]} skipped"
	exit 0
fi
if [ ! -x "$CXO" ]; then
	echo "run.sh: no cxo binary at $CXO (run make first)" >&2
	echo "0 passed, 1 failed"
	exit 1
fi
export CXO CXO_SOURCE_DIR
export TUI_SLOW=${TUI_SLOW:-1}
jobs_max=${TUI_JOBS:-4}

# Sanitizer reports go to the dashboard's stderr, which lib.sh reads.
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1}

root=$(mktemp -d "${TMPDIR:-/tmp}/cxo-tui.XXXXXX")
cleanup() {
	chmod -R u+rwx "$root" 2>/dev/null
	rm -rf "$root"
}
trap cleanup EXIT

run_one() {
	local t=$1 tmp=$2
	mkdir -p "$tmp/home" "$tmp/work"
	(
		cd "$tmp/work" || exit 1
		unset CXO_DB CXO_CLIENT CXO_CONFIG NO_COLOR CLICOLOR CLICOLOR_FORCE TMUX TMUX_PANE
		export HOME=$tmp/home
		export XDG_DATA_HOME=$tmp/home/data
		export XDG_CONFIG_HOME=$tmp/home/config
		export XDG_STATE_HOME=$tmp/home/state
		export TMPDIR=$tmp
		export TZ=UTC LC_ALL=C.UTF-8 LANG=C.UTF-8
		export CXO_TEST_COUNTS=$tmp/counts TEST_NAME=$(basename "$t")
		bash "$t" >"$tmp/report" 2>&1 </dev/null
		echo $? >"$tmp/status"
	)
}

start=$SECONDS
i=0
for t in "${tests[@]}"; do
	while [ "$(jobs -rp | wc -l)" -ge "$jobs_max" ]; do
		wait -n 2>/dev/null || sleep 0.2
	done
	run_one "$t" "$root/$i" &
	i=$((i + 1))
done
wait

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

echo "dashboard tests took $((SECONDS - start))s" >&2
echo "$passed passed, $failed failed"
[ "$failed" = 0 ]

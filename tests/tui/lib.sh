# lib.sh: drive the real dashboard in a private tmux server and check
# what a user would see.
#
# Sourced by every tests/tui/t-*.sh, which run.sh starts in a fresh
# temporary HOME.  Each test file gets its own tmux server (-L), killed
# on exit whatever happens.  Waits are polls of capture-pane with a
# deadline, never bare sleeps.
#
#   sample_db              $DB: a new database with the sample portfolio
#   tui_start COLS ROWS [ARGS...]
#                          bash in a COLSxROWS pane running `cxo -d $DB ARGS`
#                          (the dashboard), then `echo "cxo exited N"`
#                          (TUI_ENV="LC_ALL=C NO_COLOR=1" adds to its environment)
#   tui_shell COLS ROWS    bash alone in the pane (prompt "tui-test$ ")
#   keys KEY...            tmux send-keys (Tab, BTab, Enter, Escape, C-u ...)
#   type_text TEXT         the text typed literally
#   screen                 the pane as text ($SCREEN too)
#   wait_for NAME TEXT [SECS]      passes when TEXT shows (fixed string)
#   wait_re NAME RE [SECS]         ... when the extended regexp RE matches
#   wait_gone NAME TEXT [SECS]     ... when TEXT no longer shows
#   expect_screen NAME TEXT        TEXT shows now (expect_screen_not: does not)
#   resize COLS ROWS
#   pane_value FORMAT      a tmux format of the pane (#{alternate_on} ...)
#   run CMD...; expect_ok NAME; expect_out NAME TEXT   (shell commands)
#   check NAME CMD...      passes when CMD succeeds
#   note TEXT              prints a line into the report (not a check)
#
# The helpers read and match with builtins: the polls start tmux and
# nothing else.

: "${CXO:?CXO must name the cxo binary}"
TEST_NAME=${TEST_NAME:-$(basename "$0")}
PASSED=0
FAILED=0
SCREEN=''
OUT='' ERR='' RC=0 LAST_CMD=''
# Slower builds (sanitizers, valgrind) stretch every deadline.
TUI_SLOW=${TUI_SLOW:-1}
_SCRATCH=$(mktemp -d "${TMPDIR:-/tmp}/cxo-tui.XXXXXX")
# The private servers' sockets live in the scratch directory, so none is
# left behind in the user's /tmp/tmux-UID.
export TMUX_TMPDIR=$_SCRATCH
unset TMUX TMUX_PANE
_SOCK="cxotest$$"
_SERVERS=0
DB=$HOME/cxo.db

cxo() { "$CXO" "$@"; }

_tmux() { tmux -L "$_SOCK" "$@"; }

_finish() {
	local i
	for ((i = 1; i <= _SERVERS; i++)); do
		tmux -L "cxotest$$-$i" kill-server >/dev/null 2>&1
	done
	if [ -n "${CXO_TEST_COUNTS:-}" ]; then
		echo "$PASSED $FAILED" >"$CXO_TEST_COUNTS"
	fi
	rm -rf "$_SCRATCH"
}
trap _finish EXIT
trap 'exit 130' INT TERM

_pass() { PASSED=$((PASSED + 1)); }

# _slurp VAR FILE: the file's bytes into VAR ("" when it is missing).
_slurp() {
	local -a _slurp_parts=()
	mapfile -t -d '' _slurp_parts <"$2" 2>/dev/null
	printf -v "$1" '%s' "${_slurp_parts[@]}"
}

# _match_lines RE TEXT: some line of TEXT matches the extended regexp RE,
# as `printf %s TEXT | grep -qE RE` decides.
_match_lines() {
	local re=$1 s=$2 line
	[ -n "$s" ] || return 1
	s=${s%$'\n'}
	while :; do
		line=${s%%$'\n'*}
		[[ $line =~ $re ]] && return 0
		[[ $s == *$'\n'* ]] || return 1
		s=${s#*$'\n'}
	done
}

# _first_line RE TEXT: the first line of TEXT matching RE, in $LINE.
_first_line() {
	local re=$1 s=$2
	LINE=''
	[ -n "$s" ] || return 1
	s=${s%$'\n'}
	while :; do
		LINE=${s%%$'\n'*}
		[[ $LINE =~ $re ]] && return 0
		[[ $s == *$'\n'* ]] || break
		s=${s#*$'\n'}
	done
	LINE=''
	return 1
}

# _fail NAME WHAT: the failing check, what it wanted, and the screen.
_fail() {
	FAILED=$((FAILED + 1))
	printf 'FAIL %s: %s\n    %s\n' "$TEST_NAME" "$1" "$2"
	if [ -n "$SCREEN" ]; then
		printf '    screen:\n'
		local line
		while IFS= read -r line; do
			printf '    | %s\n' "$line"
		done <<<"$SCREEN"
	fi
}

note() { printf 'NOTE %s: %s\n' "$TEST_NAME" "$*"; }

sample_db() {
	rm -f "$DB" "$DB-wal" "$DB-shm"
	if ! "$CXO" -d "$DB" init --sample >"$_SCRATCH/init.out" 2>&1; then
		local out
		_slurp out "$_SCRATCH/init.out"
		FAILED=$((FAILED + 1))
		printf 'FAIL %s: cxo init --sample failed:\n%s\n' "$TEST_NAME" "${out%$'\n'}"
		exit 1
	fi
}

# The pane's environment: UTF-8, a known terminal, no colour surprises.
_pane_env() {
	printf 'export LANG=C.UTF-8 LC_ALL=C.UTF-8 TZ=%q HOME=%q XDG_DATA_HOME=%q XDG_CONFIG_HOME=%q XDG_STATE_HOME=%q TMPDIR=%q; unset CXO_DB CXO_CLIENT NO_COLOR; ' \
		"${TZ:-UTC}" "$HOME" "$XDG_DATA_HOME" "$XDG_CONFIG_HOME" "$XDG_STATE_HOME" "$TMPDIR"
	if [ -n "${ASAN_OPTIONS:-}" ]; then
		printf 'export ASAN_OPTIONS=%q; ' "$ASAN_OPTIONS"
	fi
	if [ -n "${UBSAN_OPTIONS:-}" ]; then
		printf 'export UBSAN_OPTIONS=%q; ' "$UBSAN_OPTIONS"
	fi
	# TUI_ENV="LC_ALL=C NO_COLOR=1": a test's own settings, last.
	if [ -n "${TUI_ENV:-}" ]; then
		printf 'export %s; ' "$TUI_ENV"
	fi
}

_server() {
	local cols=$1 rows=$2 cmd=$3
	# A new server each time: one being killed may linger a moment.
	_tmux kill-server >/dev/null 2>&1
	_SERVERS=$((_SERVERS + 1))
	_SOCK="cxotest$$-$_SERVERS"
	# -u: UTF-8 whatever the caller's locale; a fixed size that stays
	# fixed (no client is attached to change it).
	if ! tmux -u -L "$_SOCK" -f /dev/null new-session -d -s t -x "$cols" -y "$rows" \
		"bash --norc --noprofile -c $(printf '%q' "$cmd")" 2>"$_SCRATCH/tmux.err"; then
		local err
		_slurp err "$_SCRATCH/tmux.err"
		FAILED=$((FAILED + 1))
		printf 'FAIL %s: tmux new-session failed: %s\n' "$TEST_NAME" "${err%$'\n'}"
		exit 1
	fi
	_tmux set-option -g window-size manual >/dev/null 2>&1
	_tmux set-option -g remain-on-exit on >/dev/null 2>&1
	_tmux set-option -g escape-time 0 >/dev/null 2>&1
}

# tui_start COLS ROWS [ARGS...]: the dashboard, its exit status shown after.
tui_start() {
	local cols=$1 rows=$2 args='' a
	shift 2
	for a in "$@"; do
		args+=" $(printf '%q' "$a")"
	done
	_server "$cols" "$rows" "$(_pane_env) export TERM=${TUI_TERM:-screen-256color}; $(printf '%q' "$CXO") -d $(printf '%q' "$DB")$args 2>$(printf '%q' "$_SCRATCH/stderr"); echo \"cxo exited \$?\"; exec sleep 3600"
}

# tui_shell COLS ROWS: an interactive bash, to run cxo from as a user does.
tui_shell() {
	_server "$1" "$2" "$(_pane_env) export TERM=${TUI_TERM:-screen-256color} PS1='tui-test\$ ' PATH=$(printf '%q' "$(dirname "$CXO")"):\$PATH; exec bash --norc --noprofile -i"
}

keys() { _tmux send-keys -t t "$@"; }
type_text() { _tmux send-keys -t t -l -- "$1"; }
resize() { _tmux resize-window -t t -x "$1" -y "$2"; }
pane_value() { _tmux display-message -p -t t "$1"; }

screen() {
	SCREEN=$(_tmux capture-pane -p -t t 2>/dev/null)
	printf '%s\n' "$SCREEN"
}

# The pane with its attributes as SGR escape sequences.
screen_sgr() { _tmux capture-pane -p -e -t t 2>/dev/null; }

_capture() { SCREEN=$(_tmux capture-pane -p -t t 2>/dev/null); }

# The stderr of the dashboard (sanitizer reports land there).
tui_stderr() {
	local e
	_slurp e "$_SCRATCH/stderr"
	printf '%s' "$e"
}

# _poll DEADLINE_SECS TEST...: true as soon as TEST succeeds on a capture.
_poll() {
	local secs=$1
	shift
	local deadline=$((SECONDS + secs * TUI_SLOW))
	while :; do
		_capture
		if "$@"; then
			return 0
		fi
		if [ "$SECONDS" -ge "$deadline" ]; then
			return 1
		fi
		sleep 0.1
	done
}

_has() { [[ $SCREEN == *"$1"* ]]; }
_has_re() { _match_lines "$1" "$SCREEN"$'\n'; }
_lacks() { [[ $SCREEN != *"$1"* ]]; }

wait_for() {
	if _poll "${3:-10}" _has "$2"; then _pass; return 0; fi
	_fail "$1" "expected on screen within ${3:-10}s: \"$2\""
	return 1
}

wait_re() {
	if _poll "${3:-10}" _has_re "$2"; then _pass; return 0; fi
	_fail "$1" "expected on screen within ${3:-10}s a match for /$2/"
	return 1
}

wait_gone() {
	if _poll "${3:-10}" _lacks "$2"; then _pass; return 0; fi
	_fail "$1" "expected to disappear within ${3:-10}s: \"$2\""
	return 1
}

# Waits without counting a check (to synchronise before the next keys).
settle() { _poll "${2:-10}" _has "$1"; }

expect_screen() {
	_capture
	if _has "$2"; then _pass; return 0; fi
	_fail "$1" "expected on screen: \"$2\""
	return 1
}

expect_screen_not() {
	_capture
	if _lacks "$2"; then _pass; return 0; fi
	_fail "$1" "expected NOT on screen: \"$2\""
	return 1
}

# A line of the screen matching RE (the first), for reading values.
screen_line() { _first_line "$1" "$SCREEN"$'\n' && printf '%s\n' "$LINE"; }

run() {
	LAST_CMD="$*"
	"$@" >"$_SCRATCH/out" 2>"$_SCRATCH/err" </dev/null
	RC=$?
	_slurp OUT "$_SCRATCH/out"
	_slurp ERR "$_SCRATCH/err"
	# as $(cat FILE) has them: no trailing newlines
	while [[ $OUT == *$'\n' ]]; do OUT=${OUT%$'\n'}; done
	while [[ $ERR == *$'\n' ]]; do ERR=${ERR%$'\n'}; done
}

expect_ok() {
	if [ "$RC" = 0 ]; then _pass; return 0; fi
	local s=$SCREEN
	SCREEN=''
	_fail "$1" "command: ${LAST_CMD/#$CXO/cxo} exited $RC; stderr: $ERR"
	SCREEN=$s
	return 1
}

expect_out() {
	if [[ $OUT == *"$2"* ]]; then _pass; return 0; fi
	local s=$SCREEN
	SCREEN=''
	_fail "$1" "command: ${LAST_CMD/#$CXO/cxo}: stdout lacks \"$2\"; stdout: ${OUT:0:600}"
	SCREEN=$s
	return 1
}

expect_eq() {
	if [ "$2" = "$3" ]; then _pass; return 0; fi
	local s=$SCREEN
	SCREEN=''
	_fail "$1" "got \"$2\", expected \"$3\""
	SCREEN=$s
	return 1
}

check() {
	local name=$1
	shift
	if "$@"; then _pass; return 0; fi
	local s=$SCREEN
	SCREEN=''
	_fail "$name" "failed: $*"
	SCREEN=$s
	return 1
}

# No sanitizer or valgrind report from the dashboard's process.
expect_clean_stderr() {
	local e
	_slurp e "$_SCRATCH/stderr"
	while [[ $e == *$'\n' ]]; do e=${e%$'\n'}; done
	if [[ $e == *"ERROR: AddressSanitizer"* || $e == *"ERROR: LeakSanitizer"* || $e == *"runtime error:"* ||
		$e == *"SUMMARY: Address"* || $e == *"SUMMARY: Undefined"* ]]; then
		local s=$SCREEN
		SCREEN=''
		_fail "$1" "sanitizer report: ${e:0:2000}"
		SCREEN=$s
		return 1
	fi
	_pass
}

# The due day (ISO) of the client's open action titled $2, from the JSON
# list; "" when there is none.
action_due() {
	"$CXO" -d "$DB" -C "$1" action list --format json 2>/dev/null | python3 -c '
import json, sys
for a in json.load(sys.stdin):
    if a["title"] == sys.argv[1]:
        print(a["due"] or "")
        break' "$2"
}

# The id shown in an open detail view ("Id   <uuid>").
detail_id() {
	local s=$SCREEN line
	while [ -n "$s" ]; do
		line=${s%%$'\n'*}
		if [[ $line =~ Id\ +[0-9a-f]{8}- && $line =~ [0-9a-f]{8}-[0-9a-f-]{27} ]]; then
			printf '%s\n' "${BASH_REMATCH[0]}"
			return 0
		fi
		[[ $s == *$'\n'* ]] || break
		s=${s#*$'\n'}
	done
}

# Quits with q and checks the process ended with status 0.
quit_dashboard() {
	keys q
	if _poll 10 _has "cxo exited"; then
		local st=''
		_first_line 'cxo exited' "$SCREEN" && st=${LINE##*cxo exited }
		expect_eq "${1:-quit} exit status" "$st" 0
	else
		_fail "${1:-quit}" "the dashboard did not exit after q"
	fi
	expect_clean_stderr "${1:-quit} no sanitizer report"
}

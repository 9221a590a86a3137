#!/usr/bin/env bash
# valgrind.sh: one scripted dashboard session under valgrind, in a private
# tmux server: switch clients, open the help, filter a panel, add an
# action through the form, widen the screen to show the Notes panel, open
# a note, write one in a (scripted) editor and delete it, quit.  Passes
# when valgrind saw no invalid access or use of
# uninitialised memory, and no block definitely lost by cxo's own code
# (ncurses keeps caches "still reachable" on purpose; those are fine).
#
#   CXO=/abs/build/cxo bash tests/tui/valgrind.sh
#
# Prints "N passed, N failed" last; exits 1 on a failure.  Without
# valgrind or tmux it says so and exits 0 (skipped).

set -u

here=$(cd "$(dirname "$0")" && pwd)
CXO_SOURCE_DIR=${CXO_SOURCE_DIR:-$(cd "$here/../.." && pwd)}
CXO=${CXO:-$CXO_SOURCE_DIR/build/cxo}
case $CXO in
/*) ;;
*) CXO=$PWD/$CXO ;;
esac
for tool in valgrind tmux; do
	if ! command -v "$tool" >/dev/null 2>&1; then
		echo "valgrind.sh: $tool is not installed: the valgrind session is skipped" >&2
		echo "0 passed, 0 failed, 1 skipped"
		exit 0
	fi
done
if [ ! -x "$CXO" ]; then
	echo "valgrind.sh: no cxo binary at $CXO (run make first)" >&2
	echo "0 passed, 1 failed"
	exit 1
fi

root=$(mktemp -d "${TMPDIR:-/tmp}/cxo-vg.XXXXXX")
unset CXO_DB CXO_CLIENT CXO_CONFIG NO_COLOR TMUX TMUX_PANE ASAN_OPTIONS
export HOME=$root/home XDG_DATA_HOME=$root/home/data XDG_CONFIG_HOME=$root/home/config
export XDG_STATE_HOME=$root/home/state TMPDIR=$root TZ=UTC LC_ALL=C.UTF-8 LANG=C.UTF-8
export CXO TEST_NAME=valgrind
mkdir -p "$HOME"
cd "$root" || exit 1
# Everything under valgrind is some twenty times slower.
export TUI_SLOW=${TUI_SLOW:-6}
# shellcheck source=tests/tui/lib.sh
. "$here/lib.sh"
vglog=$root/valgrind.log
trap '_finish; [ -n "${KEEP_VG_LOG:-}" ] && cp "$vglog" "$KEEP_VG_LOG"; rm -rf "$root"' EXIT

sample_db
mkdir -p "$XDG_STATE_HOME/cxo"
printf 'client acme\npanel actions\nscreen client\n' >"$XDG_STATE_HOME/cxo/state"

# The editor N opens: writes a note into its file.
cat >"$HOME/ed.sh" <<'EOF_ED'
#!/bin/sh
for f; do :; done
printf 'Checked under valgrind\n- a second line\n' >"$f"
EOF_ED
chmod 700 "$HOME/ed.sh"
TUI_ENV="EDITOR=$HOME/ed.sh"

# The dashboard under valgrind, its exit status printed after it.
_server 120 40 "$(_pane_env) export TERM=screen-256color; valgrind --leak-check=full \
--errors-for-leak-kinds=definite --error-exitcode=99 --num-callers=30 \
--log-file=$(printf '%q' "$vglog") $(printf '%q' "$CXO") -d $(printf '%q' "$DB"); \
echo \"cxo exited \$?\"; exec sleep 3600"

start=$SECONDS
wait_for "dashboard up under valgrind" "Next actions" 15
settle "Send the board deck draft" 15
keys 2
wait_for "client 2 shown" "Review the draft risk analysis" 10
keys Tab
settle "Book reference calls" 10
keys 1
wait_for "back on acme" "Send the board deck draft" 10
keys '?'
wait_for "help overlay" "─ Keys " 10
keys End
wait_for "the help's last lines, wrapped" "Ctrl-W" 10
keys Escape
wait_gone "help closed" "─ Keys " 10
# A filter folded in SQL (cxo_fold), with letters beyond ASCII.
keys /
wait_for "filter form" "Filter Next actions" 10
type_text "DÉCIDE ΣΧΈΔΙΟ"
keys C-w C-w BSpace
type_text "Ë"
keys C-u
type_text "DECIDE"
keys Enter
wait_for "filtered by a folded title" "Decide on the CRM renewal" 10
keys Escape
wait_for "filter cleared" "Send the board deck draft" 10
keys a
wait_for "action form" "New action" 10
type_text "Valgrind checked action"
keys Tab
type_text "+3d"
keys Enter
wait_for "action saved and shown" "Valgrind checked action" 15
resize 200 60
wait_for "wide: the Notes panel" "─ Notes " 15
keys l Enter
wait_for "a note opened" "─ Note " 10
keys Escape
wait_gone "note closed" "─ Note " 10
keys N
wait_for "a note written in the editor" "note added" 15
keys x
wait_for "asked before deleting it" 'Delete note "Checked under valgrind"' 10
keys y
wait_for "the note deleted" "note deleted" 10
keys q
if _poll 15 _has "cxo exited"; then
	_pass
	st=$(screen_line 'cxo exited' | sed 's/.*cxo exited //')
	if [ "$st" = 99 ]; then
		note "valgrind reported errors (exit 99); the log says whose"
	elif [ "$st" != 0 ]; then
		SCREEN=''
		_fail "exit status" "the dashboard exited $st under valgrind"
	fi
else
	_fail "quit" "the dashboard did not exit after q"
fi
SCREEN=''

# Error records of the log: invalid accesses and uninitialised values,
# and definite leaks, whose stack reaches cxo's own code.
if ! grep -q 'ERROR SUMMARY' "$vglog" 2>/dev/null; then
	_fail "valgrind log" "no ERROR SUMMARY in the valgrind log (did the process end normally?): $(head -c 2000 "$vglog" 2>/dev/null)"
else
	report=$(python3 - "$vglog" "$CXO" "$CXO_SOURCE_DIR" <<'EOF'
import glob, os, re, sys
log, binary, srcdir = sys.argv[1], sys.argv[2], sys.argv[3]
# A frame is cxo's when it names one of its source files ("(form.c:450)")
# or lies in its binary; a record is cxo's when its first frame past the
# allocator is.
ours_files = {os.path.basename(p) for p in glob.glob(os.path.join(srcdir, "src", "**", "*.c"),
                                                      recursive=True)}
def is_ours(line):
    m = re.search(r"\(([^():]+\.c):\d+\)", line)
    return (m is not None and m.group(1) in ours_files) or "(in " + binary + ")" in line
blocks, cur = [], []
for line in open(log, errors="replace"):
    line = re.sub(r"^==\d+== ?", "", line.rstrip("\n"))
    if not line.strip():
        if cur:
            blocks.append(cur)
        cur = []
    else:
        cur.append(line)
if cur:
    blocks.append(cur)
kinds = re.compile(r"(Invalid (read|write|free)|Conditional jump|Use of uninitialised|"
                   r"Syscall param|Mismatched free|Source and destination overlap|"
                   r"Argument .* of function|.*definitely lost in loss record)")
for b in blocks:
    if not kinds.match(b[0]):
        continue
    # The first frame past the allocator decides: cxo's code, or a
    # library's own doing.
    frames = [l for l in b[1:] if re.match(r"\s*(at|by) 0x", l) and "vgpreload" not in l]
    ours = bool(frames) and is_ours(frames[0])
    if ours:
        print("ERROR:\n    " + "\n    ".join(b[:25]))
    else:
        print("IGNORED (no frame in cxo): " + b[0])
for line in open(log, errors="replace"):
    if "definitely lost:" in line or "ERROR SUMMARY:" in line:
        print("SUMMARY" + re.sub(r"^==\d+==", "", line.rstrip()))
EOF
)
	if printf '%s\n' "$report" | grep -q '^ERROR'; then
		_fail "valgrind log" "errors attributable to cxo:
$report"
	else
		_pass
	fi
	printf '%s\n' "$report" | grep -v '^ERROR' | sed '/^$/d; /^    /d; s/^/NOTE valgrind: /'
fi
echo "valgrind session took $((SECONDS - start))s" >&2
echo "$PASSED passed, $FAILED failed"
[ "$FAILED" = 0 ]

#!/usr/bin/env bash
# run.sh: golden tests: the WHOLE output of the read commands and the
# WHOLE dashboard screen, compared with the files under expected/, so a
# broken layout (a column one character off, a lost line) fails.
#
#   CXO=/abs/build/cxo CXO_SOURCE_DIR=/abs/repo bash tests/golden/run.sh [--update]
#
# The database is the sample portfolio (cxo init --sample) loaded on a
# fixed day with a frozen clock, in UTC and a UTF-8 locale; every command
# runs on that day too.  The ids are random UUIDs: before comparing, each
# output's ids (the short 8-character ones and the full 36-character ones)
# become tokens of the same width in order of first appearance (id000001,
# id000001-0000-0000-0000-000000000000), so the alignment of an id column
# is still checked.
#
# The dashboard runs in a private tmux server at 80x24, 120x40 and
# 200x60 (wide: the Notes panel on the right), with
# its remembered state in a fresh directory; each view (0 the portfolio,
# 1-4 the sample clients) is read with capture-pane once the screen has
# settled: two captures in a row alike, with the view's own bottom line.
#
# On a difference, prints `diff -u expected actual` and counts a failure;
# last, one line "N passed, N failed" (", N skipped" when faketime, tmux
# or a UTF-8 locale is missing).  --update (make update-golden) writes
# the expected files from this run instead; read `git diff` after it.
#
# GOLDEN_SLOW (default: TUI_SLOW, else 1) multiplies the dashboard's
# deadlines, for slow builds.

set -u

here=$(cd "$(dirname "$0")" && pwd)
CXO_SOURCE_DIR=${CXO_SOURCE_DIR:-$(cd "$here/../.." && pwd)}
CXO=${CXO:-$CXO_SOURCE_DIR/build/cxo}
case $CXO in
/*) ;;
*) CXO=$PWD/$CXO ;;
esac
expected=$here/expected
update=0
for a in "$@"; do
	case $a in
	--update) update=1 ;;
	*)
		echo "usage: run.sh [--update]" >&2
		exit 64
		;;
	esac
done
slow=${GOLDEN_SLOW:-${TUI_SLOW:-1}}

# The day the sample portfolio is loaded and read: a Wednesday in the
# middle of a month, so this month, last month and this week all hold
# entries.
DAY='2026-11-18'
CLOCK="$DAY 10:00:00"

if [ ! -x "$CXO" ]; then
	echo "run.sh: no cxo binary at $CXO (run make first)" >&2
	echo "0 passed, 1 failed"
	exit 1
fi
for tool in python3 diff; do
	if ! command -v "$tool" >/dev/null 2>&1; then
		echo "run.sh: $tool is needed by the golden tests" >&2
		echo "0 passed, 1 failed"
		exit 1
	fi
done
n_expected=$(find "$expected" -type f 2>/dev/null | wc -l)
if ! command -v faketime >/dev/null 2>&1; then
	echo "run.sh: faketime is not installed: the golden tests need a fixed clock" \
		"(Debian package faketime)" >&2
	echo "0 passed, 0 failed, $n_expected skipped"
	exit 0
fi

# A UTF-8 locale: C.UTF-8 where it exists, else another UTF-8 one (the
# expected files hold UTF-8 box drawing and ellipses).
utf8=''
for l in C.UTF-8 C.utf8 en_US.UTF-8 en_US.utf8 $(locale -a 2>/dev/null | grep -iE 'utf-?8$'); do
	if [ "$(LC_ALL=$l locale charmap 2>/dev/null)" = UTF-8 ]; then
		utf8=$l
		break
	fi
done
if [ -z "$utf8" ]; then
	echo "run.sh: no UTF-8 locale on this machine (C.UTF-8 is missing): golden tests skipped" >&2
	echo "0 passed, 0 failed, $n_expected skipped"
	exit 0
fi
[ "$utf8" = C.UTF-8 ] || echo "run.sh: C.UTF-8 is missing; using $utf8" >&2

# libfaketime preloaded directly: the faketime wrapper costs more than the
# command it wraps.  The wrapper stays the fallback where the library is
# not found.
libfaketime=''
for f in /usr/lib/*/faketime/libfaketime.so.1 /usr/lib/faketime/libfaketime.so.1 \
	/usr/local/lib/faketime/libfaketime.so.1 /usr/lib64/faketime/libfaketime.so.1; do
	if [ -f "$f" ]; then
		libfaketime=$f
		break
	fi
done

root=$(mktemp -d "${TMPDIR:-/tmp}/cxo-golden.XXXXXX")
_servers=()
cleanup() {
	local s
	for s in "${_servers[@]}"; do
		tmux -L "$s" kill-server >/dev/null 2>&1
	done
	chmod -R u+rwx "$root" 2>/dev/null
	rm -rf "$root"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# The same environment as the other suites: a private HOME and XDG
# directories, none of the user's cxo variables, UTC and UTF-8.
unset CXO_DB CXO_CLIENT CXO_CONFIG NO_COLOR CLICOLOR CLICOLOR_FORCE TMUX TMUX_PANE COLUMNS LINES
mkdir -p "$root/home" "$root/work" "$root/raw/cli" "$root/raw/tui" "$root/actual" "$root/data"
chmod 700 "$root/data"
export HOME=$root/home
export XDG_DATA_HOME=$root/home/data
export XDG_CONFIG_HOME=$root/home/config
export XDG_STATE_HOME=$root/home/state
export TMPDIR=$root
export TMUX_TMPDIR=$root
export TZ=UTC LC_ALL=$utf8 LANG=$utf8 TERM=xterm
# libfaketime is preloaded, so an ASan build must not insist on coming
# first; leaks and sanitizer reports land on stderr, which the expected
# files would show.
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1}:verify_asan_link_order=0"
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1}
cd "$root/work" || exit 1

DB=$root/data/golden.db

# at SPEC CMD...: CMD with the clock at SPEC (libfaketime's syntax:
# "2026-11-18 10:00:00" frozen, "@2026-11-18 10:00:00" starting there).
at() {
	local spec=$1
	shift
	if [ -n "$libfaketime" ]; then
		LD_PRELOAD=$libfaketime${LD_PRELOAD:+:$LD_PRELOAD} FAKETIME=$spec "$@"
	else
		faketime -f "$spec" "$@"
	fi
}

passed=0
failed=0
skipped=0

if ! at "$CLOCK" "$CXO" -d "$DB" init --sample >"$root/init.out" 2>&1; then
	echo "FAIL golden: cxo init --sample failed:"
	sed 's/^/    /' "$root/init.out"
	echo "0 passed, 1 failed"
	exit 1
fi
if [ "$(at "$CLOCK" date +%F)" != "$DAY" ]; then
	echo "FAIL golden: the fixed clock does not work (faketime says $(at "$CLOCK" date +%F))"
	echo "0 passed, 1 failed"
	exit 1
fi

# ---------------------------------------------------------------------------
# The dashboard, started first: it runs beside the shell commands.

# One session: a COLSxROWS pane on its own copy of the database, with its
# own state directory; the five views captured into raw/tui.
tui_session() {
	local cols=$1 rows=$2 size="$1x$2"
	local sock="cxogolden$$-$size" dir=$root/tui-$size
	mkdir -p "$dir/state"
	if ! at "$CLOCK" "$CXO" -d "$DB" backup "$dir/cxo.db" >/dev/null 2>"$dir/backup.err"; then
		echo "FAIL golden: dashboard $size: cxo backup failed: $(cat "$dir/backup.err")" >"$dir/report"
		echo 1 >"$dir/failed"
		return
	fi
	local env_line
	env_line=$(printf 'export LANG=%q LC_ALL=%q TZ=UTC HOME=%q XDG_DATA_HOME=%q XDG_CONFIG_HOME=%q XDG_STATE_HOME=%q TMPDIR=%q TERM=screen-256color ASAN_OPTIONS=%q UBSAN_OPTIONS=%q; unset CXO_DB CXO_CLIENT CXO_CONFIG NO_COLOR;' \
		"$utf8" "$utf8" "$HOME" "$XDG_DATA_HOME" "$XDG_CONFIG_HOME" "$dir/state" "$TMPDIR" "$ASAN_OPTIONS" "$UBSAN_OPTIONS")
	# The clock starts at CLOCK and runs: the input loop times its waits
	# with the monotonic clock, which a frozen clock would stop.
	local clock_cmd
	if [ -n "$libfaketime" ]; then
		clock_cmd=$(printf 'export LD_PRELOAD=%q FAKETIME=%q;' "$libfaketime" "@$CLOCK")
	else
		clock_cmd=$(printf 'fake() { faketime -f %q "$@"; };' "@$CLOCK")
	fi
	local cxo_cmd
	cxo_cmd=$(printf '%q -d %q 2>%q' "$CXO" "$dir/cxo.db" "$dir/stderr")
	[ -n "$libfaketime" ] || cxo_cmd="fake $cxo_cmd"
	if ! tmux -u -L "$sock" -f /dev/null new-session -d -s t -x "$cols" -y "$rows" \
		"bash --norc --noprofile -c $(printf '%q' "$env_line $clock_cmd $cxo_cmd; echo \"cxo exited \$?\"; exec sleep 3600")" \
		2>"$dir/tmux.err"; then
		echo "FAIL golden: dashboard $size: tmux new-session failed: $(cat "$dir/tmux.err")" >"$dir/report"
		echo 1 >"$dir/failed"
		return
	fi
	tmux -L "$sock" set-option -g window-size manual >/dev/null 2>&1
	tmux -L "$sock" set-option -g remain-on-exit on >/dev/null 2>&1
	tmux -L "$sock" set-option -g escape-time 0 >/dev/null 2>&1
	local fails=0
	# settle OUT MARKER: polls until two captures in a row are alike and
	# the bottom line starts with MARKER; the last capture lands in OUT.
	settle() {
		local out=$1 marker=$2 prev=$dir/prev cur=$dir/cur
		local deadline=$((SECONDS + 10 * slow))
		: >"$prev"
		while :; do
			tmux -L "$sock" capture-pane -p -t t >"$cur" 2>/dev/null
			if cmp -s "$cur" "$prev" && [[ $(grep -v '^$' "$cur" | tail -n 1) == "$marker"* ]]; then
				mv "$cur" "$out"
				return 0
			fi
			if [ "$SECONDS" -ge "$deadline" ]; then
				mv "$cur" "$out"
				return 1
			fi
			mv "$cur" "$prev"
			sleep 0.05
		done
	}
	# The first screen: the current client (acme), nothing remembered.
	if ! settle "$dir/first" " Acme Advisory Group · "; then
		echo "FAIL golden: dashboard $size: the first screen did not settle on acme within $((10 * slow))s" >>"$dir/report"
		sed 's/^/    | /' "$dir/first" >>"$dir/report"
		fails=$((fails + 1))
	fi
	local view key marker
	# VIEW|MARKER: the file's name and the start of the view's bottom line.
	for view in '0-portfolio| Enter opens a client' '1-acme| Acme Advisory Group · ' \
		'2-medix| Medix Health · ' '3-northwind| Northwind Distribution · ' '4-cloudly| Cloudly · '; do
		key=${view%%-*}
		marker=${view#*|}
		view=${view%%|*}
		tmux -L "$sock" send-keys -t t "$key"
		if ! settle "$root/raw/tui/$size-$view.txt" "$marker"; then
			echo "FAIL golden: dashboard $size: key $key: no settled screen with \"$marker\" within $((10 * slow))s" >>"$dir/report"
			fails=$((fails + 1))
		fi
	done
	tmux -L "$sock" send-keys -t t q
	local deadline=$((SECONDS + 10 * slow))
	while ! tmux -L "$sock" capture-pane -p -t t 2>/dev/null | grep -q 'cxo exited'; do
		if [ "$SECONDS" -ge "$deadline" ]; then
			break
		fi
		sleep 0.05
	done
	local st
	st=$(tmux -L "$sock" capture-pane -p -t t 2>/dev/null | sed -n 's/^cxo exited //p')
	if [ "$st" != 0 ]; then
		echo "FAIL golden: dashboard $size: q did not end it with status 0 (status: ${st:-none})" >>"$dir/report"
		fails=$((fails + 1))
	fi
	if grep -qE 'ERROR: (Address|Leak)Sanitizer|runtime error:|SUMMARY: (Address|Undefined)' "$dir/stderr" 2>/dev/null; then
		echo "FAIL golden: dashboard $size: sanitizer report: $(head -c 2000 "$dir/stderr")" >>"$dir/report"
		fails=$((fails + 1))
	fi
	tmux -L "$sock" kill-server >/dev/null 2>&1
	echo "$fails" >"$dir/failed"
}

tui_sizes=(80x24 120x40 200x60)
tui_pids=()
if command -v tmux >/dev/null 2>&1; then
	for size in "${tui_sizes[@]}"; do
		_servers+=("cxogolden$$-$size")
		tui_session "${size%x*}" "${size#*x}" &
		tui_pids+=($!)
	done
else
	echo "run.sh: tmux is not installed: the dashboard screens are skipped" >&2
	skipped=$(find "$expected/tui" -type f 2>/dev/null | wc -l)
fi

# ---------------------------------------------------------------------------
# The shell commands.

# golden NAME ARGS...: `cxo -d DB ARGS` on the fixed day; its stdout, then
# its stderr and exit status when there are any, into raw/cli/NAME.txt.
# Two at a time (the commands only read).
lanes=0
declare -A cases
golden() {
	local name=$1
	shift
	if [ -n "${cases[$name]:-}" ]; then
		echo "FAIL golden: two cases named $name"
		failed=$((failed + 1))
		return
	fi
	cases[$name]=1
	if [ "$lanes" -ge 2 ]; then
		wait -n 2>/dev/null
		lanes=$((lanes - 1))
	fi
	golden_one "$root/raw/cli/$name.txt" "$@" &
	lanes=$((lanes + 1))
}
golden_one() {
	local out=$1 err=$1.err rc
	shift
	at "$CLOCK" "$CXO" -d "${GOLDEN_DB:-$DB}" "$@" >"$out" 2>"$err" </dev/null
	rc=$?
	if [ -s "$err" ]; then
		printf -- '--- stderr ---\n' >>"$out"
		cat "$err" >>"$out"
	fi
	rm -f "$err"
	if [ "$rc" != 0 ]; then
		printf -- '--- exit %s ---\n' "$rc" >>"$out"
	fi
}

# formats NAME ARGS...: NAME.table, NAME.tsv and NAME.json.
formats() {
	local name=$1 f
	shift
	for f in table tsv json; do
		golden "$name.$f" "$@" --format "$f"
	done
}

# ids LIST-COMMAND...: the ids in the first column of a TSV list.
ids() {
	at "$CLOCK" "$CXO" -d "$DB" "$@" --format tsv 2>/dev/null |
		awk -F'\t' 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == "id") k = i; next } k { print $k }'
}

# Help: the overview and every command's usage.
golden help help
golden help-h -h
for c in init client use overview status mandate log hours start stop cancel risk action note vendor history undo redo sync backup doctor; do
	golden "help-$c" help "$c"
done
golden ui-help ui --help
golden help-ui help ui

# Clients.  The sample ends with `use acme`: acme is the current client.
formats client-list client list
formats client-list-all client list --all
for k in acme medix northwind cloudly; do
	golden "client-show-$k" client show "$k"
done
golden use use
golden use-C-medix -C medix use

# The portfolio and the status line.
golden overview overview
formats overview overview
golden overview-C-medix -C medix overview
golden status status
golden status-format status --format '[%c|%C|%t|%T|%!|%h|%b|%p|%e|%P|%o|%O|%%]'
golden status-tmux status --tmux --format '#[fg=red]%c %C#[default] %h/%b'
golden status-ascii status --ascii
golden status-C-northwind -C northwind status

# Mandates.
formats mandate-list mandate list
formats mandate-list-all mandate list --all
formats mandate-list-all-clients mandate list --all-clients
golden mandate-list-all-all-clients.table mandate list --all --all-clients --format table
i=0
for id in $(ids mandate list --all); do
	i=$((i + 1))
	golden "mandate-show-acme-$i" mandate show "$id"
done
# By the start of a title: the title found on stderr.
golden mandate-show-medix-start -C medix mandate show "board risk"
golden mandate-show-medix-part -C medix mandate show "cio search"

# Hours.  The sample gives each entry its own creation second, so entries
# of one day list in the same order on every load.
golden hours hours
formats hours hours
formats hours-month-last hours --month last
golden hours-month-2026-09.table hours --month 2026-09 --format table
formats hours-week hours --week
formats hours-range-all-clients hours --from 2026-11-12 --to 2026-11-13 --all-clients
golden hours-today-all-clients.table hours --from today --all-clients --format table
golden hours-C-medix.table -C medix hours --format table
formats hours-all-clients hours --all-clients
golden hours-week-all-clients.table hours --week --all-clients --format table
golden hours-month-last-all-clients.table hours --month last --all-clients --format table
golden hours-C-northwind-month-last.table -C northwind hours --month last --format table

# Risks.
formats risk-list risk list
formats risk-list-all risk list --all
formats risk-list-all-clients risk list --all-clients
formats risk-list-all-all-clients risk list --all --all-clients
golden risk-list-min-score-12.table risk list --min-score 12 --format table
golden risk-list-min-score-12-all-clients.table risk list --min-score 12 --all-clients --format table
golden risk-list-due-review.table risk list --due-review --format table
golden risk-list-due-review-all-clients.table risk list --due-review --all-clients --format table
i=0
for id in $(ids risk list); do
	i=$((i + 1))
	golden "risk-show-acme-$i" risk show "$id"
done
# By its exact title, and an accepted one.
golden risk-show-medix-title -C medix risk show "Shared accounts on the lab systems"

# Actions.
for v in '' overdue waiting all; do
	formats "action-list${v:+-$v}" action list ${v:+--$v}
	formats "action-list${v:+-$v}-all-clients" action list ${v:+--$v} --all-clients
done
golden action-list action list
i=0
for id in $(ids action list); do
	i=$((i + 1))
	golden "action-show-acme-$i" action show "$id"
done
i=0
for id in $(ids -C northwind action list --waiting); do
	i=$((i + 1))
	golden "action-show-northwind-waiting-$i" -C northwind action show "$id"
done

# The history: the sample's one change, then a copy with a few more (a
# risk closed, hours logged, an action done, then undone and redone, a
# note shared and that undone).
formats history history
hdb=$root/data/history.db
hist() { at "$CLOCK" "$CXO" -d "$hdb" "$@" >/dev/null 2>>"$root/history.err" </dev/null; }
if at "$CLOCK" "$CXO" -d "$DB" backup "$hdb" >/dev/null 2>"$root/history.err"; then
	hist risk close "$(ids risk list | head -n 1)"
	hist log 1.5h "Vendor call" --date 2026-11-18
	hist -C medix action done "$(ids -C medix action list | head -n 1)"
	hist undo
	hist redo
	hist -C northwind note share "$(ids -C northwind note list | head -n 1)"
	hist undo
	GOLDEN_DB=$hdb formats history-changes history
	GOLDEN_DB=$hdb golden history-n-3.table history -n 3 --format table
	GOLDEN_DB=$hdb golden history-client-medix.table history --client medix --format table
fi
[ -s "$root/history.err" ] && sed 's/^/history: /' "$root/history.err" >&2

# Notes.
golden note-list note list
formats note-list note list
formats note-list-all-clients note list --all-clients
golden note-list-limit-1.table note list --limit 1 --format table
golden note-list-all-clients-limit-2.table note list --all-clients --limit 2 --format table
golden note-list-grep.table note list --grep ROADMAP --format table
golden note-list-since-all-clients.table note list --since -5d --all-clients --format table
i=0
for id in $(ids note list); do
	i=$((i + 1))
	golden "note-show-acme-$i" note show "$id"
done

wait
for size in "${tui_sizes[@]}"; do
	if [ ${#tui_pids[@]} -gt 0 ]; then
		cat "$root/tui-$size/report" 2>/dev/null
		f=$(cat "$root/tui-$size/failed" 2>/dev/null || echo 1)
		failed=$((failed + f))
	fi
done

# A dashboard view that never settled is no expected screen.
if [ "$update" = 1 ] && [ "$failed" -gt 0 ]; then
	echo "run.sh: the expected files are NOT updated: fix the failures above first" >&2
	update=0
fi

# ---------------------------------------------------------------------------
# In one pass: the ids to tokens (the database's own ids, so no other run
# of hex digits is touched), then each output against its expected file
# (written first with --update).  One line per file on stdout: "same
# NAME", "differs NAME", "new NAME" (no expected file) or "lost NAME"
# (an expected file this run made nothing for).
python3 - "$DB" "$root/raw" "$root/actual" "$root" "$expected" "$update" "${#tui_pids[@]}" \
	>"$root/verdicts" <<'EOF_PY' || failed=$((failed + 1))
import os, re, sqlite3, sys

db, raw, actual, tmp, expected, update, tui_ran = sys.argv[1:8]
con = sqlite3.connect("file:%s?mode=ro" % db, uri=True)
ids = set()
for (table,) in con.execute("select name from sqlite_master where type = 'table'"):
    cols = [r[1] for r in con.execute('pragma table_info("%s")' % table)]
    if "id" in cols:
        ids.update(r[0] for r in con.execute('select id from "%s"' % table))
short = {i[:8] for i in ids}
pat = re.compile(r"(?<![0-9a-f])([0-9a-f]{8})((?:-[0-9a-f]{4}){3}-[0-9a-f]{12})?(?![0-9a-f])")

def normalise(text):
    tokens = {}
    def repl(m):
        s, rest = m.group(1), m.group(2)
        if (s + (rest or "")) not in ids and not (rest is None and s in short):
            return m.group(0)
        t = tokens.setdefault(s, "id%06d" % (len(tokens) + 1))
        return t + ("-0000-0000-0000-000000000000" if rest else "")
    return pat.sub(repl, text.replace(tmp, "<tmp>"))

def read(path):
    with open(path, "rb") as f:
        return f.read()

made = set()
for sub in sorted(os.listdir(raw)):
    os.makedirs(os.path.join(actual, sub), exist_ok=True)
    for name in sorted(os.listdir(os.path.join(raw, sub))):
        rel = sub + "/" + name
        made.add(rel)
        data = normalise(read(os.path.join(raw, rel)).decode("utf-8", "surrogateescape"))
        data = data.encode("utf-8", "surrogateescape")
        with open(os.path.join(actual, rel), "wb") as f:
            f.write(data)
        want = os.path.join(expected, rel)
        if update == "1" and (not os.path.exists(want) or read(want) != data):
            os.makedirs(os.path.dirname(want), exist_ok=True)
            with open(want, "wb") as f:
                f.write(data)
            print("updated", rel, file=sys.stderr)
        if not os.path.exists(want):
            print("new", rel)
        else:
            print("same" if read(want) == data else "differs", rel)
for sub in sorted(os.listdir(expected)) if os.path.isdir(expected) else []:
    if sub == "tui" and tui_ran == "0":
        continue
    for name in sorted(os.listdir(os.path.join(expected, sub))):
        rel = sub + "/" + name
        if rel in made:
            continue
        if update == "1":
            os.remove(os.path.join(expected, rel))
            print("removed", rel, file=sys.stderr)
        else:
            print("lost", rel)
EOF_PY

while read -r verdict rel; do
	case $verdict in
	same) passed=$((passed + 1)) ;;
	differs)
		diff -u --label "expected/$rel" --label "actual/$rel" "$expected/$rel" "$root/actual/$rel"
		echo "FAIL golden: $rel differs (above: diff -u expected actual)"
		failed=$((failed + 1))
		;;
	new)
		echo "FAIL golden: $rel: no expected file (make update-golden writes it)"
		failed=$((failed + 1))
		;;
	lost)
		echo "FAIL golden: $rel: expected, but this run produced no such output"
		failed=$((failed + 1))
		;;
	esac
done <"$root/verdicts"

if [ "$skipped" -gt 0 ]; then
	echo "$passed passed, $failed failed, $skipped skipped"
else
	echo "$passed passed, $failed failed"
fi
[ "$failed" = 0 ]

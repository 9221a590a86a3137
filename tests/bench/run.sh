#!/usr/bin/env bash
# run.sh: time cxo's hot commands on the generated portfolios.
#
#   bash tests/bench/run.sh /abs/path/cxo [--self|--self-only] [--quick] [--install] [--regen]
#
# Builds the small, large and deep portfolios with
# sample-data/generate-portfolio into $CXO_BENCH_DIR (default
# ${TMPDIR:-/tmp}/cxo-bench-cxo), reusing them while they are from today
# and at this cxo's schema.  Then:
#   - when the shared benchmark kit exists ($CXO_BENCH_KIT, by default
#     ../shared/bench beside the source tree), runs its measure-peers.sh with
#     cxo side by side with the floors and the peer tools;
#   - otherwise, or in addition with --self, measures the medians itself
#     (hyperfine when installed, else a loop over date +%s%N) of
#     cxo status, hours, action list, overview and log on both portfolios,
#     and prints each command's large/small ratio;
#   - then what history alone costs: the read commands on small, deep
#     (large's rows over 50 years, small's density) and large, in
#     alternating runs, and the instructions each executes (callgrind,
#     when valgrind is installed), which no machine noise moves;
#   - then the documents: `report hours` (Markdown and JSON) against
#     tests/bench/report-floor.c printing the same rows, `report board
#     --format html` on small, deep and large, and `brief` against
#     `overview`, in alternating runs and in instructions;
#   - then the renewals: `cxo vendor list --renewing 90d --all-clients`
#     on small and deep against report-floor.c's renewing mode, the same
#     query and rows (vendor-renewals.sh), in wall time and instructions;
#   - then the archive: `cxo export` of large against `sqlite3 -json`
#     over the same rows (tests/bench/archive-floor.sql);
#   - last, a time import: `cxo import --from toggl` of 200,000 generated
#     rows into a copy of small against sqlite3's .import and one INSERT
#     ... SELECT into the same schema (import-time.sh), in wall time and
#     instructions;
#   - then the journal and sync (journal-sync.sh, with SYNC_BENCH naming
#     build/sync-bench, as make bench does): a write with the journal on
#     and off, 10,000 changes of another device applied (store and cxo
#     sync), the large portfolio's first sync to a new device against cp.
# --self-only: skip the shared kit.  --quick: fewer runs.  --install: let measure-peers.sh install the peer
# tools (apt-get).  --regen: build the portfolios again.
# Timings are whole-process wall time; quote medians.  Nothing is written
# into the source tree.
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
CXO=
SELF=0
PEERS=1
QUICK=0
INSTALL=0
REGEN=0
for arg in "$@"; do
	case $arg in
	--self) SELF=1 ;;
	--self-only) SELF=1 PEERS=0 ;;
	--quick) QUICK=1 ;;
	--install) INSTALL=1 ;;
	--regen) REGEN=1 ;;
	-h | --help)
		awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0"
		exit 0
		;;
	-*)
		echo "run.sh: unknown option $arg" >&2
		exit 64
		;;
	*) CXO=$arg ;;
	esac
done
CXO=${CXO:-$ROOT/cxo}
case $CXO in
/*) ;;
*) CXO=$(cd "$(dirname "$CXO")" && pwd)/$(basename "$CXO") ;;
esac
if [ ! -x "$CXO" ]; then
	echo "run.sh: no cxo binary at $CXO (run 'make' first)" >&2
	exit 66
fi

DIR=${CXO_BENCH_DIR:-${TMPDIR:-/tmp}/cxo-bench-cxo}
GEN=$ROOT/sample-data/generate-portfolio
mkdir -p "$DIR"
# Commands must see only the database given with -d and its stored client.
unset CXO_DB CXO_CLIENT CXO_CONFIG
export XDG_CONFIG_HOME=$DIR/config
cd "$DIR"

today=$(date +%F)

# The schema this cxo makes: a portfolio at another one is made again, so
# the timings are of this cxo's own indexes.
schema=$(
	tmp=$(mktemp -d)
	"$CXO" -d "$tmp/probe.db" init >/dev/null 2>&1
	python3 -c 'import sqlite3, sys; print(sqlite3.connect(sys.argv[1]).execute("PRAGMA user_version").fetchone()[0])' "$tmp/probe.db" 2>/dev/null
	rm -rf "$tmp"
)

# portfolio SCALE: DIR/SCALE.db, generated unless it is from today, newer
# than the generator and at this cxo's schema.
portfolio() {
	local scale=$1 db=$DIR/$1.db end=
	if [ -f "$db" ] && [ $REGEN = 0 ] && [ "$db" -nt "$GEN" ]; then
		end=$(python3 - "$db" "$schema" <<-'PY'
			import json, sqlite3, sys
			try:
			    db = sqlite3.connect(f"file:{sys.argv[1]}?mode=ro", uri=True)
			    v = db.execute("SELECT value FROM settings WHERE key = 'generator'").fetchone()
			    version = db.execute("PRAGMA user_version").fetchone()[0]
			    print(json.loads(v[0])["end"] if v and str(version) == sys.argv[2] else "")
			except Exception:
			    print("")
		PY
		)
	fi
	if [ "$end" != "$today" ]; then
		echo "== generating the $scale portfolio ($db)" >&2
		python3 "$GEN" --cxo "$CXO" --scale "$scale" --force "$db" >&2
	fi
}
portfolio small
portfolio large
portfolio deep

SHARED=
KIT=${CXO_BENCH_KIT:-$ROOT/../shared/bench}
if [ $PEERS = 1 ] && [ -x "$KIT/measure-peers.sh" ]; then
	SHARED=$(cd "$KIT" && pwd)
fi

if [ -n "$SHARED" ]; then
	echo "== side by side with the floors and the peers ($SHARED)" >&2
	peer_args=()
	[ $QUICK = 1 ] && peer_args+=(--quick)
	[ $INSTALL = 1 ] && peer_args+=(--install)
	# 'q quit' is the text the dashboard's first frame draws last; the
	# switch benchmark draws every switch to the pty and reports medians.
	if ! CXO=$CXO CXO_DB_small=$DIR/small.db CXO_DB_large=$DIR/large.db \
		CXO_TUI_MARKER='q quit' CXO_SWITCH_ARGS='ui --bench-switch 400' \
		"$SHARED/measure-peers.sh" "${peer_args[@]}"; then
		echo "run.sh: measure-peers.sh failed (missing peer tools? try --install); measuring cxo alone" >&2
		SELF=1
	fi
else
	SELF=1
fi
# ---- cxo alone ----
if [ $QUICK = 1 ]; then RUNS=5 WARM=1; else RUNS=20 WARM=2; fi
HAVE_HF=0
command -v hyperfine >/dev/null 2>&1 && HAVE_HF=1
RES=$DIR/results.tsv
: >"$RES"

# median_ms PREPARE CMD...: median wall time in ms (PREPARE, or "", runs
# before each run, untimed).
median_ms() {
	local prep=$1
	shift
	if [ $HAVE_HF = 1 ]; then
		local json=$DIR/.hf.json args=(-N -w "$WARM" -r "$RUNS" --output=pipe --style none)
		[ -n "$prep" ] && args+=(--prepare "$prep")
		hyperfine "${args[@]}" --export-json "$json" -- "$(printf '%q ' "$@")" >/dev/null 2>"$DIR/.hf.err" || {
			echo "FAILED"
			return 0
		}
		python3 -c 'import json,sys; print("%.2f" % (json.load(open(sys.argv[1]))["results"][0]["median"] * 1000))' "$json"
	else
		local i t0 t1 times=()
		for ((i = 0; i < WARM + RUNS; i++)); do
			[ -n "$prep" ] && sh -c "$prep"
			t0=$(date +%s%N)
			"$@" >/dev/null 2>&1 || true
			t1=$(date +%s%N)
			[ $i -ge $WARM ] && times+=($(((t1 - t0) / 1000)))
		done
		printf '%s\n' "${times[@]}" | sort -n |
			awk '{ a[NR] = $1 } END { m = NR % 2 ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2; printf "%.2f\n", m / 1000 }'
	fi
}

if [ $SELF = 1 ]; then
echo "== cxo alone ($([ $HAVE_HF = 1 ] && echo hyperfine || echo 'date +%s%N loop'), $RUNS runs, medians)" >&2
for scale in small large; do
	db=$DIR/$scale.db
	copy=$DIR/$scale.scratch.db
	# hyperfine -N runs --prepare without a shell, hence the sh -c
	restore="sh -c 'cp \"$db\" \"$copy\" && rm -f \"$copy-wal\" \"$copy-shm\" && sync'"
	for spec in "status|status" "hours|hours" "action list|action list" "overview|overview"; do
		name=${spec%%|*}
		read -r -a words <<<"${spec#*|}"
		ms=$(median_ms "" "$CXO" -d "$db" "${words[@]}")
		printf '%s\t%s\t%s\n' "$scale" "$name" "$ms" >>"$RES"
		printf '  %-6s %-12s %9s ms\n' "$scale" "$name" "$ms" >&2
	done
	ms=$(median_ms "$restore" "$CXO" -d "$copy" log 45m "vendor call")
	printf '%s\t%s\t%s\n' "$scale" "log" "$ms" >>"$RES"
	printf '  %-6s %-12s %9s ms\n' "$scale" "log" "$ms" >&2
	rm -f "$copy" "$copy-wal" "$copy-shm"
done

echo
printf '%-14s %10s %10s %12s\n' command "small ms" "large ms" large/small
python3 - "$RES" <<'PY'
import sys
rows = {}
for line in open(sys.argv[1]):
    scale, name, ms = line.rstrip("\n").split("\t")
    rows.setdefault(name, {})[scale] = ms
for name, v in rows.items():
    s, l = v.get("small", "-"), v.get("large", "-")
    try:
        ratio = "%.2fx" % (float(l) / float(s))
    except ValueError:
        ratio = "-"
    print("%-14s %10s %10s %12s" % ("cxo " + name, s, l, ratio))
PY
echo
echo "portfolios: $DIR/small.db $DIR/large.db; raw medians: $RES"
fi

# ---- history ----
# The large portfolio has ten times small's rows in this month too, so
# its hours and action lists are ten times longer.  The deep one has
# large's history at small's density: its ratio to small is what history
# alone costs.  The runs alternate small, deep, large, so that the drift
# of a noisy machine falls on all three alike.
echo >&2
if [ $QUICK = 1 ]; then ALT=30; else ALT=200; fi
echo "== history: each read command on small, deep (10x the history, small's density) and large, $ALT alternating runs, medians" >&2
python3 - "$CXO" "$DIR" "$ALT" <<'PY'
import os, statistics, subprocess, sys, time
cxo, d, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
scales = ["small", "deep", "large"]
print("%-16s %9s %9s %9s %11s %12s" % ("command", "small ms", "deep ms", "large ms",
                                       "deep/small", "large/small"))
null = open(os.devnull, "w")
# What starting any process from this loop costs, included in every figure.
spawn = []
for _ in range(n):
    t = time.perf_counter()
    subprocess.run(["true"], stdout=null, stderr=null)
    spawn.append((time.perf_counter() - t) * 1000)
print("%-16s %9.2f  (starting a process from this loop, inside every figure)"
      % ("true", statistics.median(spawn)))
for cmd in (["status"], ["hours"], ["action", "list"], ["overview"]):
    times = {s: [] for s in scales}
    for _ in range(n):
        for s in scales:
            t = time.perf_counter()
            subprocess.run([cxo, "-d", os.path.join(d, s + ".db")] + cmd, stdout=null, stderr=null)
            times[s].append((time.perf_counter() - t) * 1000)
    m = {s: statistics.median(times[s]) for s in scales}
    print("%-16s %9.2f %9.2f %9.2f %10.2fx %11.2fx" % ("cxo " + " ".join(cmd), m["small"], m["deep"],
          m["large"], m["deep"] / m["small"], m["large"] / m["small"]))
PY

# ---- instructions ----
# Wall time on a shared machine moves by tens of percent from run to run;
# the instructions a command executes do not.  callgrind counts them (user
# space only: no kernel, no page faults).
if command -v valgrind >/dev/null 2>&1; then
	echo >&2
	echo "== instructions executed (valgrind --tool=callgrind), millions" >&2
	printf '%-16s %9s %9s %9s %11s %12s\n' command small deep large deep/small large/small
	for spec in "status" "hours" "action list" "overview"; do
		read -r -a words <<<"$spec"
		ir=()
		for scale in small deep large; do
			ir+=("$(valgrind --tool=callgrind --callgrind-out-file=/dev/null \
				"$CXO" -d "$DIR/$scale.db" "${words[@]}" 2>&1 >/dev/null |
				sed -n 's/.*Collected : \([0-9]*\).*/\1/p')")
		done
		python3 -c 'import sys
n, s, d, l = sys.argv[1], *map(int, sys.argv[2:])
print("%-16s %9.2f %9.2f %9.2f %10.2fx %11.2fx" % ("cxo " + n, s / 1e6, d / 1e6, l / 1e6, d / s, l / s))' \
			"$spec" "${ir[@]}"
	done
fi

# ---- documents ----
# A month's statement against tests/bench/report-floor.c, the least such
# a statement must do (one query, the same rows printed), on large; the
# board pack's time on small, deep and large (its cost must follow the
# month, not the history); the brief against the overview.  Alternating
# runs, medians, then the instructions each executes.
echo >&2
FLOOR=$DIR/report-floor
if ! cc -O2 -o "$FLOOR" "$HERE/report-floor.c" $(pkg-config --cflags --libs sqlite3 2>/dev/null || echo -lsqlite3) 2>"$DIR/.floor.err"; then
	echo "run.sh: cannot build the report floor: $(cat "$DIR/.floor.err")" >&2
	exit 1
fi
echo "== documents: $ALT alternating runs, medians" >&2
python3 - "$CXO" "$DIR" "$ALT" "$FLOOR" <<'PY'
import os, statistics, subprocess, sys, time
cxo, d, n, floor = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
null = open(os.devnull, "w")
def db(s):
    return os.path.join(d, s + ".db")
def median(cmds):
    times = [[] for _ in cmds]
    for _ in range(n):
        for i, c in enumerate(cmds):
            t = time.perf_counter()
            subprocess.run(c, stdout=null, stderr=null)
            times[i].append((time.perf_counter() - t) * 1000)
    return [statistics.median(t) for t in times]
print("%-40s %9s %9s %8s" % ("large", "cxo ms", "than ms", "ratio"))
for name, c, f in (
        ("report hours --month this / floor md", ["report", "hours", "--month", "this"], [floor, db("large"), "md"]),
        ("report hours --format json / floor json", ["report", "hours", "--month", "this", "--format", "json"],
         [floor, db("large"), "json"]),
        ("brief / overview", ["brief"], [cxo, "-d", db("large"), "overview"])):
    a, b = median([[cxo, "-d", db("large")] + c, f])
    print("%-40s %9.2f %9.2f %7.2fx" % (name, a, b, a / b))
cmd = ["report", "board", "--format", "html"]
m = median([[cxo, "-d", db(s)] + cmd for s in ("small", "deep", "large")])
print("%-40s %9s %9s %9s %11s" % ("report board --format html", "small ms", "deep ms", "large ms", "deep/small"))
print("%-40s %9.2f %9.2f %9.2f %10.2fx" % ("", m[0], m[1], m[2], m[1] / m[0]))
PY
if command -v valgrind >/dev/null 2>&1; then
	echo "== documents: instructions executed (callgrind), millions" >&2
	ir() {
		valgrind --tool=callgrind --callgrind-out-file=/dev/null "$@" 2>&1 >/dev/null |
			sed -n 's/.*Collected : \([0-9]*\).*/\1/p'
	}
	printf '%-28s %9s %9s %9s %11s\n' command small deep large deep/small
	for spec in "report hours --month this" "report hours --month this --format json" \
		"report board --format html" "brief" "overview"; do
		read -r -a words <<<"$spec"
		s=$(ir "$CXO" -d "$DIR/small.db" "${words[@]}")
		dd=$(ir "$CXO" -d "$DIR/deep.db" "${words[@]}")
		l=$(ir "$CXO" -d "$DIR/large.db" "${words[@]}")
		python3 -c 'import sys
n, s, d, l = sys.argv[1], *map(int, sys.argv[2:])
print("%-28s %9.2f %9.2f %9.2f %10.2fx" % (n, s / 1e6, d / 1e6, l / 1e6, d / s))' "$spec" "$s" "$dd" "$l"
	done
	printf '%-28s %9.2f (floor md, large)\n' "report-floor" \
		"$(python3 -c 'import sys; print(int(sys.argv[1]) / 1e6)' "$(ir "$FLOOR" "$DIR/large.db" md)")"
fi

# ---- renewals ----
# `cxo vendor list --renewing 90d --all-clients` against the floor's
# renewing mode on small and deep (tests/bench/vendor-renewals.sh).
echo >&2
renew_args=(--floor "$FLOOR")
[ $QUICK = 1 ] && renew_args+=(--quick)
bash "$HERE/vendor-renewals.sh" "$CXO" "$DIR" "${renew_args[@]}"

# ---- the archive ----
# `cxo export` of the large portfolio (everything, as cxo-json(5))
# against tests/bench/archive-floor.sql: the same rows and columns, one
# SELECT a table, printed by `sqlite3 -json`.  On a scratch copy, since an
# export records itself in the database.  Alternating runs, medians, and
# the peak memory of each (an export streams: it must not grow with the
# portfolio).
if command -v sqlite3 >/dev/null 2>&1; then
	echo >&2
	echo "== the archive: cxo export of large against sqlite3 -json, $ALT alternating runs, medians" >&2
	scratch=$DIR/large.archive.db
	cp "$DIR/large.db" "$scratch" && rm -f "$scratch-wal" "$scratch-shm"
	python3 - "$CXO" "$scratch" "$ALT" "$HERE/archive-floor.sql" <<'PY'
import os, resource, statistics, subprocess, sys, time
cxo, db, n, sql = sys.argv[1], sys.argv[2], max(5, int(sys.argv[3]) // 10), sys.argv[4]
null = open(os.devnull, "w")
cmds = [[cxo, "-d", db, "export"], ["sqlite3", "-json", "-readonly", db, ".read " + sql]]
times = [[] for _ in cmds]
for _ in range(n):
    for i, c in enumerate(cmds):
        t = time.perf_counter()
        subprocess.run(c, stdout=null, stderr=null, check=True)
        times[i].append((time.perf_counter() - t) * 1000)
a, b = (statistics.median(t) for t in times)
print("%-40s %9s %9s %8s" % ("large", "cxo ms", "floor ms", "ratio"))
print("%-40s %9.2f %9.2f %7.2fx" % ("export / sqlite3 -json", a, b, a / b))
for c in cmds if os.path.exists("/usr/bin/time") else []:
    p = subprocess.run(["/usr/bin/time", "-f", "%M"] + c, stdout=null, stderr=subprocess.PIPE, text=True)
    print("%-40s %9s KB" % ("peak memory: " + os.path.basename(c[0]), p.stderr.strip().split("\n")[-1]))
PY
	rm -f "$scratch" "$scratch-wal" "$scratch-shm"
fi
# ---- time imports ----
# `cxo import --from toggl` of 200,000 rows against sqlite3's .import and
# one INSERT ... SELECT into the same schema (tests/bench/import-time.sh).
echo >&2
import_args=()
[ $QUICK = 1 ] && import_args+=(--quick)
bash "$HERE/import-time.sh" "$CXO" "$DIR/small.db" "$DIR" "${import_args[@]}"

# ---- the journal and sync ----
echo >&2
if [ -n "${SYNC_BENCH:-}" ]; then
	sync_args=()
	[ $QUICK = 1 ] && sync_args+=(--quick)
	bash "$HERE/journal-sync.sh" "$CXO" "$SYNC_BENCH" "$DIR" "${sync_args[@]}"
else
	echo "run.sh: SYNC_BENCH is not set (make bench sets it): the journal and sync are not measured" >&2
fi

#!/usr/bin/env bash
# journal-sync.sh: what the journal and sync cost, each beside its floor.
#
#   bash tests/bench/journal-sync.sh CXO SYNC_BENCH DIR [--quick]
#
# DIR holds the small and large portfolios (DIR/small.db, DIR/large.db, as
# run.sh makes them); everything else is written under DIR/journal-sync.
#   1. a write with the journal on and off: `cxo log 30m` on a fresh copy
#      of small with journal_days = 90 and = 0 in the settings, alternating
#      runs, medians, then the instructions of each (callgrind);
#   2. 10,000 changes of another device applied: at the store level
#      (SYNC_BENCH apply: store_sync_apply beside SQLite applying the same
#      changesets alone), then through `cxo sync` (the encrypted files of a
#      folder), in changes a second;
#   3. the large portfolio's first sync to a new device (`cxo sync init` on
#      an empty database: the snapshot and the 1,000 changes after it)
#      against `cp` of the database file, alternating runs, medians.
# Timings are whole-process wall time; the ratios are from the same run.
set -euo pipefail

CXO=${1:?usage: journal-sync.sh CXO SYNC_BENCH DIR [--quick]}
SB=${2:?usage: journal-sync.sh CXO SYNC_BENCH DIR [--quick]}
DIR=${3:?usage: journal-sync.sh CXO SYNC_BENCH DIR [--quick]}
QUICK=0
[ "${4:-}" = --quick ] && QUICK=1
for f in "$CXO" "$SB"; do
	[ -x "$f" ] || {
		echo "journal-sync.sh: no program at $f (make $(basename "$f"))" >&2
		exit 66
	}
done
for s in small large; do
	[ -f "$DIR/$s.db" ] || {
		echo "journal-sync.sh: no $DIR/$s.db (tests/bench/run.sh makes it)" >&2
		exit 66
	}
done
W=$DIR/journal-sync
rm -rf "$W"
mkdir -p "$W"
unset CXO_DB CXO_CLIENT CXO_CONFIG
export XDG_CONFIG_HOME=$W/config
if [ $QUICK = 1 ]; then RUNS=8; else RUNS=30; fi

# ---- 1. a write with the journal on and off ----
echo "== a write with the journal on and off: cxo log 30m on small, $RUNS alternating runs, medians" >&2
key=$(python3 -c 'import sqlite3, sys
print(sqlite3.connect(sys.argv[1]).execute("SELECT key FROM clients ORDER BY tab_order LIMIT 1").fetchone()[0])' "$DIR/small.db")
printf 'journal_days = 90;\n' >"$W/on.conf"
printf 'journal_days = 0;\n' >"$W/off.conf"
cp "$DIR/small.db" "$W/probe.db"
if ! err=$("$CXO" -c "$W/off.conf" -d "$W/probe.db" client list 2>&1 >/dev/null); then
	echo "note: this cxo refuses journal_days ($err): the pair of cxo log runs is skipped;" \
		"the store-level pair below weighs the same journal" >&2
	CLI_PAIR=0
else
	CLI_PAIR=1
fi
rm -f "$W/probe.db" "$W/probe.db-wal" "$W/probe.db-shm"
# pair NAME ON_CMD OFF_CMD: alternating runs of two commands (words as
# the shell splits them, without a shell), each on a
# fresh copy of small at $W/scratch.db, medians and the ratio; then the
# instructions of each (callgrind).
pair() {
	python3 - "$DIR/small.db" "$W/scratch.db" "$RUNS" "$@" <<'PY'
import os, shlex, shutil, statistics, subprocess, sys, time
small, scratch, n, name, on_cmd, off_cmd = sys.argv[1], sys.argv[2], int(sys.argv[3]), *sys.argv[4:]
null = open(os.devnull, "w")
def fresh():
    for ext in ("", "-wal", "-shm"):
        if os.path.exists(scratch + ext):
            os.remove(scratch + ext)
    shutil.copyfile(small, scratch)
    os.chmod(scratch, 0o600)
times = {on_cmd: [], off_cmd: []}
for i in range(n):
    for c in (on_cmd, off_cmd):
        fresh()
        t = time.perf_counter()
        subprocess.run(shlex.split(c), stdout=null, stderr=null, check=True)
        times[c].append((time.perf_counter() - t) * 1000)
on, off = statistics.median(times[on_cmd]), statistics.median(times[off_cmd])
print("%-44s %9.2f %9.2f %7.2fx   (ms, on / off)" % (name, on, off, on / off))
if shutil.which("valgrind"):
    ir = []
    for c in (on_cmd, off_cmd):
        fresh()
        p = subprocess.run(["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null"] +
                           shlex.split(c), stdout=null, stderr=subprocess.PIPE, text=True)
        got = [l for l in p.stderr.splitlines() if "Collected :" in l]
        ir.append(int(got[-1].split()[-1]) if got else 0)
    if all(ir):
        print("%-44s %9.2f %9.2f %7.2fx   (instructions, millions)" % (name, ir[0] / 1e6,
              ir[1] / 1e6, ir[0] / ir[1]))
PY
}
printf '%-44s %9s %9s %8s\n' small "on" "off" "on/off"
if [ $CLI_PAIR = 1 ]; then
	pair "cxo log 30m (journal_days 90 / 0)" \
		"'$CXO' -c '$W/on.conf' -d '$W/scratch.db' -C '$key' log 30m 'bench write'" \
		"'$CXO' -c '$W/off.conf' -d '$W/scratch.db' -C '$key' log 30m 'bench write'"
fi
# The store alone: 100 writes in one process (entries logged, edited,
# notes), the journal kept or off (store_journal_keep 0).
pair "100 writes in one process (store)" \
	"'$SB' write '$W/scratch.db' 100" "'$SB' write '$W/scratch.db' 100 off"
rm -f "$W/scratch.db" "$W/scratch.db-wal" "$W/scratch.db-shm"

# ---- 2. 10,000 changes of another device ----
echo >&2
echo "== 10,000 changes of another device applied" >&2
mkdir -p "$W/apply"
"$SB" apply "$W/apply" 10000
rm -rf "$W/apply"

F=$W/folder
mkdir -p "$W/a" "$W/b"
A=$W/a/cxo.db B=$W/b/cxo.db
"$CXO" -d "$A" client add bench --name Bench >/dev/null 2>&1
"$CXO" -d "$A" sync init "$F" --device a >/dev/null
"$CXO" -d "$A" sync key --export "$W/key.txt" >/dev/null
# (importing the key makes the database: its notice is not a figure)
"$CXO" -d "$B" sync key --import "$W/key.txt" >/dev/null 2>"$W/import.err" || {
	cat "$W/import.err" >&2
	exit 1
}
"$CXO" -d "$B" sync init "$F" --device b >/dev/null
"$SB" write "$A" 10000 >/dev/null
python3 - "$CXO" "$A" "$B" <<'PY'
import subprocess, sys, time
cxo, a, b = sys.argv[1:]
def timed(db):
    t = time.perf_counter()
    p = subprocess.run([cxo, "-d", db, "sync"], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                       text=True)
    s = time.perf_counter() - t
    if p.returncode:
        sys.exit("journal-sync.sh: cxo sync failed: " + p.stderr.strip())
    return s
out = timed(a)
into = timed(b)
print("cxo sync: 10000 changes written to the folder in %.2f s (%.0f/s), applied from it"
      " in %.2f s: %.0f changes/s" % (out, 10000 / out, into, 10000 / into))
PY
rm -rf "$W/a" "$W/b" "$F"

# ---- 3. the large portfolio's first sync to a new device ----
echo >&2
if [ $QUICK = 1 ]; then NEW=3; else NEW=7; fi
echo "== large: a new device's first sync (snapshot + 1,000 changes) against cp, $NEW alternating runs, medians" >&2
L=$W/large F=$W/folder-large
mkdir -p "$L/a"
cp "$DIR/large.db" "$L/a/cxo.db"
chmod 600 "$L/a/cxo.db"
"$CXO" -d "$L/a/cxo.db" sync init "$F" --device a >/dev/null
"$SB" write "$L/a/cxo.db" 1000 >/dev/null
"$CXO" -d "$L/a/cxo.db" sync >/dev/null
"$CXO" -d "$L/a/cxo.db" sync key --export "$L/key.txt" >/dev/null
python3 - "$CXO" "$L" "$F" "$DIR/large.db" "$NEW" <<'PY'
import os, shutil, statistics, subprocess, sys, time
cxo, l, f, large, n = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4], int(sys.argv[5])
null = open(os.devnull, "w")
join, copy = [], []
for i in range(n):
    d = os.path.join(l, "n%d" % i)
    os.makedirs(d)
    db = os.path.join(d, "cxo.db")
    subprocess.run([cxo, "-d", db, "sync", "key", "--import", os.path.join(l, "key.txt")],
                   stdout=null, stderr=null, check=True)
    t = time.perf_counter()
    p = subprocess.run([cxo, "-d", db, "sync", "init", f, "--device", "n%d" % i],
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    join.append(time.perf_counter() - t)
    if p.returncode:
        sys.exit("journal-sync.sh: cxo sync init failed: " + p.stderr.strip())
    t = time.perf_counter()
    subprocess.run(["cp", large, os.path.join(l, "copy%d.db" % i)], check=True)
    copy.append(time.perf_counter() - t)
    shutil.rmtree(d)
    os.remove(os.path.join(l, "copy%d.db" % i))
j, c = statistics.median(join), statistics.median(copy)
print("%-44s %9s %9s %8s" % ("large (%d MB)" % (os.path.getsize(large) >> 20), "sync ms", "cp ms",
                             "ratio"))
print("%-44s %9.0f %9.0f %7.2fx" % ("first sync (snapshot + 1,000 changes) / cp", j * 1000,
                                    c * 1000, j / c))
PY
rm -rf "$W"

#!/usr/bin/env bash
# vendor-renewals.sh: `cxo vendor list --renewing 90d --all-clients`
# against its floor, `report-floor DB renewing 90` (tests/bench/
# report-floor.c: the same query over the notice index, the same rows
# printed plainly), on the small and the deep portfolio.
#
#   bash tests/bench/vendor-renewals.sh /abs/cxo DIR [--quick] [--floor PATH]
#
# DIR holds small.db and deep.db (tests/bench/run.sh makes them).  A
# portfolio the generator made without vendors is copied to
# DIR/SCALE.vendors.db and given them with sqlite3 in the generator's
# shape: 160 vendors (130 running, their notice deadlines from two months
# back to two years ahead) on small, 1,600 over 50 years with the same
# 130 running on deep.  First checks that cxo and the floor list the same
# contracts, then times both in alternating runs (medians) and, with
# valgrind, counts their instructions.  Writes nothing into the source
# tree.
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
CXO=${1:?usage: vendor-renewals.sh /abs/cxo DIR [--quick] [--floor PATH]}
DIR=${2:?usage: vendor-renewals.sh /abs/cxo DIR [--quick] [--floor PATH]}
shift 2
QUICK=0
FLOOR=
while [ $# -gt 0 ]; do
	case $1 in
	--quick) QUICK=1 ;;
	--floor)
		FLOOR=$2
		shift
		;;
	*)
		echo "vendor-renewals.sh: unknown option $1" >&2
		exit 64
		;;
	esac
	shift
done
if [ -z "$FLOOR" ]; then
	FLOOR=$DIR/report-floor
	cc -O2 -o "$FLOOR" "$HERE/report-floor.c" $(pkg-config --cflags --libs sqlite3 2>/dev/null || echo -lsqlite3)
fi
unset CXO_DB CXO_CLIENT CXO_CONFIG
export XDG_CONFIG_HOME=$DIR/config

# with_vendors SCALE: the path of SCALE's portfolio holding vendors.
with_vendors() {
	local db=$DIR/$1.db copy=$DIR/$1.vendors.db
	local n
	n=$(sqlite3 -readonly "$db" "SELECT count(*) FROM vendors")
	if [ "$n" -gt 0 ]; then
		echo "$db"
		return
	fi
	if [ ! -f "$copy" ] || [ "$db" -nt "$copy" ]; then
		rm -f "$copy" "$copy-wal" "$copy-shm"
		(umask 077 && sqlite3 "$db" "VACUUM INTO '$copy'")
		chmod 600 "$copy"
		python3 - "$copy" "$1" <<-'PY'
			import datetime as dt, random, sqlite3, sys, uuid
			db, scale = sqlite3.connect(sys.argv[1]), sys.argv[2]
			total, running, years = (160, 130, 5) if scale == "small" else (1600, 130, 50)
			rnd = random.Random(11)
			today = dt.date.today()
			start = today - dt.timedelta(days=365 * years)
			cids = [r[0] for r in db.execute("SELECT id FROM clients ORDER BY key")]
			run = set(rnd.sample(range(total), running))
			rows = []
			for i in range(total):
			    term = rnd.choice([365, 365, 730, 1095])
			    if i in run:
			        end = today + dt.timedelta(days=rnd.randint(-60, 730))
			        status, ended = "active", None
			    else:
			        end = start + dt.timedelta(days=rnd.randint(0, 365 * years - 1))
			        status, ended = "ended", end.isoformat()
			    begin = max(start, end - dt.timedelta(days=term))
			    rows.append((str(uuid.UUID(int=rnd.getrandbits(128), version=4)),
			                 cids[i % len(cids)], "Vendor %d" % i,
			                 rnd.choice(["saas", "infrastructure", "msp", "security"]),
			                 rnd.randint(10, 2000) * 10000, begin.isoformat(), end.isoformat(),
			                 int(rnd.random() < 0.7), rnd.choice([0, 30, 60, 90]), status,
			                 begin.isoformat(), ended))
			db.executemany("INSERT INTO vendors(id, client_id, name, category, annual_cents,"
			               " start_date, term_end, auto_renew, notice_days, status, created, ended)"
			               " VALUES(?,?,?,?,?,?,?,?,?,?,?,?)", rows)
			db.commit()
		PY
	fi
	echo "$copy"
}
small=$(with_vendors small)
deep=$(with_vendors deep)

# The same contracts, in the same order: client and short id of each row.
for db in "$small" "$deep"; do
	a=$("$CXO" -d "$db" vendor list --renewing 90d --all-clients --format tsv |
		awk -F'\t' 'NR > 1 { print $1, substr($2, 1, 8) }')
	b=$("$FLOOR" "$db" renewing 90 | awk '{ print $1, $2 }')
	if [ "$a" != "$b" ]; then
		echo "vendor-renewals.sh: cxo and the floor list different contracts on $db" >&2
		diff <(echo "$a") <(echo "$b") >&2 || true
		exit 1
	fi
	echo "$(basename "$db"): $(printf '%s\n' "$a" | grep -c .) contracts listed, the same by cxo and the floor" >&2
done

if [ $QUICK = 1 ]; then N=30; else N=200; fi
echo "== vendor list --renewing 90d --all-clients against its floor, $N alternating runs, medians" >&2
python3 - "$CXO" "$FLOOR" "$small" "$deep" "$N" <<'PY'
import os, statistics, subprocess, sys, time
cxo, floor, small, deep, n = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4], int(sys.argv[5])
null = open(os.devnull, "w")
cmds = [[cxo, "-d", small, "vendor", "list", "--renewing", "90d", "--all-clients"],
        [floor, small, "renewing", "90"],
        [cxo, "-d", deep, "vendor", "list", "--renewing", "90d", "--all-clients"],
        [floor, deep, "renewing", "90"],
        ["true"]]
times = [[] for _ in cmds]
for _ in range(n):
    for i, c in enumerate(cmds):
        t = time.perf_counter()
        subprocess.run(c, stdout=null, stderr=null)
        times[i].append((time.perf_counter() - t) * 1000)
m = [statistics.median(t) for t in times]
print("%-10s %9s %9s %8s" % ("", "cxo ms", "floor ms", "ratio"))
print("%-10s %9.2f %9.2f %7.2fx" % ("small", m[0], m[1], m[0] / m[1]))
print("%-10s %9.2f %9.2f %7.2fx" % ("deep", m[2], m[3], m[2] / m[3]))
print("%-10s %8.2fx %8.2fx" % ("deep/small", m[2] / m[0], m[3] / m[1]))
print("%-10s %9.2f (starting a process from this loop, inside every figure)" % ("true", m[4]))
PY
if command -v valgrind >/dev/null 2>&1; then
	echo "== instructions executed (callgrind), millions" >&2
	ir() {
		valgrind --tool=callgrind --callgrind-out-file=/dev/null "$@" 2>&1 >/dev/null |
			sed -n 's/.*Collected : \([0-9]*\).*/\1/p'
	}
	cs=$(ir "$CXO" -d "$small" vendor list --renewing 90d --all-clients)
	fs=$(ir "$FLOOR" "$small" renewing 90)
	cd_=$(ir "$CXO" -d "$deep" vendor list --renewing 90d --all-clients)
	fd=$(ir "$FLOOR" "$deep" renewing 90)
	python3 -c 'import sys
cs, fs, cd, fd = map(int, sys.argv[1:])
print("%-10s %9s %9s %8s" % ("", "cxo", "floor", "ratio"))
print("%-10s %9.2f %9.2f %7.2fx" % ("small", cs / 1e6, fs / 1e6, cs / fs))
print("%-10s %9.2f %9.2f %7.2fx" % ("deep", cd / 1e6, fd / 1e6, cd / fd))
print("%-10s %8.2fx %8.2fx" % ("deep/small", cd / cs, fd / fs))' "$cs" "$fs" "$cd_" "$fd"
fi

#!/usr/bin/env bash
# import-time.sh: `cxo import --from toggl` of a 200,000-row Toggl Track
# report into a fresh copy of the small portfolio, against its floor: the
# sqlite3 shell's .import of the same CSV into a staging table, then one
# INSERT ... SELECT into time_entries and one into entry_sources (the same
# schema: the same indexes and triggers, foreign keys on, one transaction,
# the same page cache and temporary store as cxo's import asks for).
#
#   bash tests/bench/import-time.sh /abs/path/cxo SMALL.db [DIR] [--quick]
#
# Prints the median wall time of each (5 runs, 3 with --quick; the copy
# of the portfolio made before each run is not timed), the rows a second
# and the ratio, then the instructions each executes on the first 20,000
# rows (callgrind, when valgrind is installed).  Files go under DIR
# (default: SMALL.db's directory); nothing is written into the source tree.
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
CXO=${1:?usage: import-time.sh CXO SMALL.db [DIR] [--quick]}
SMALL=${2:?usage: import-time.sh CXO SMALL.db [DIR] [--quick]}
DIR=${3:-$(dirname "$SMALL")}
[ "$DIR" = --quick ] && DIR=$(dirname "$SMALL")
RUNS=5
for a in "$@"; do [ "$a" = --quick ] && RUNS=3; done
ROWS=${CXO_BENCH_IMPORT_ROWS:-200000}
command -v sqlite3 >/dev/null || {
	echo "import-time.sh: the floor needs the sqlite3 shell" >&2
	exit 69
}

csv=$DIR/toggl-$ROWS.csv
part=$DIR/toggl-20000.csv
names=()
while IFS= read -r n; do names+=("$n"); done < <(sqlite3 -readonly "$SMALL" "SELECT name FROM clients ORDER BY tab_order")
if [ ! -s "$csv" ] || [ "$csv" -ot "$HERE/gen-toggl.py" ]; then
	python3 "$HERE/gen-toggl.py" "$ROWS" "$csv" "${names[@]}"
fi
head -n 20001 "$csv" >"$part"

# The floor's script for CSV file $1.
floor_sql() {
	cat <<EOF
PRAGMA foreign_keys = ON;
PRAGMA synchronous = FULL;
PRAGMA cache_size = -131072;
PRAGMA temp_store = MEMORY;
BEGIN IMMEDIATE;
CREATE TEMP TABLE staging("User", "Email", "Client", "Project", "Task", "Description",
 "Billable", "Start date", "Start time", "End date", "End time", "Duration", "Tags", "Amount");
.mode csv
.import --skip 1 $1 staging
CREATE TEMP TABLE rows AS SELECT
 lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2)
  || '-a' || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6))) AS id,
 c.id AS client_id, s."Start date" AS day,
 (substr(s.Duration, 1, 2) * 3600 + substr(s.Duration, 4, 2) * 60 + substr(s.Duration, 7, 2)
  + 30) / 60 AS minutes,
 s.Description AS note, s.Billable = 'Yes' AS billable, s.rowid AS n,
 s."Start time" AS st, s."End time" AS et
 FROM temp.staging s JOIN clients c ON c.name = s.Client;
INSERT INTO time_entries(id, client_id, mandate_id, day, minutes, note, billable, created)
 SELECT id, client_id, NULL, day, minutes, note, billable, strftime('%Y-%m-%dT%H:%M:%SZ')
 FROM temp.rows WHERE minutes > 0;
INSERT INTO entry_sources(entry_id, service, source_key, start_time, end_time)
 SELECT id, 'toggl', 'row-' || n, st, et FROM temp.rows WHERE minutes > 0;
COMMIT;
EOF
}
floor_sql "$csv" >"$DIR/floor-import.sql"
floor_sql "$part" >"$DIR/floor-import-20000.sql"

copy=$DIR/import.scratch.db
fresh() { rm -f "$copy" "$copy-wal" "$copy-shm" && cp "$SMALL" "$copy"; }

# ms CMD...: wall time of one run in ms, on a fresh copy.
ms() {
	fresh
	local t0 t1
	t0=$(date +%s%N)
	"$@" >/dev/null 2>"$DIR/.import.err" || {
		echo "import-time.sh: failed: $*: $(cat "$DIR/.import.err")" >&2
		exit 1
	}
	t1=$(date +%s%N)
	echo $(((t1 - t0) / 1000000))
}
median() { printf '%s\n' "$@" | sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }

echo "== time import: $ROWS Toggl rows into a copy of the small portfolio, $RUNS alternating runs, medians" >&2
c=() f=()
for ((i = 0; i < RUNS; i++)); do
	c+=("$(ms "$CXO" -d "$copy" import --from toggl "$csv")")
	f+=("$(ms sqlite3 "$copy" ".read $DIR/floor-import.sql")")
done
fresh
"$CXO" -d "$copy" import --from toggl "$csv" | tail -n 1
imported=$(sqlite3 -readonly "$copy" "SELECT count(*) FROM entry_sources")
cm=$(median "${c[@]}") fm=$(median "${f[@]}")
python3 - "$imported" "$cm" "$fm" <<'PY'
import sys
n, c, f = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
print("%-34s %9s %12s %8s" % ("", "ms", "rows/s", "ratio"))
print("%-34s %9d %12.0f %7.2fx" % ("cxo import --from toggl", c, n / c * 1000, c / f))
print("%-34s %9d %12.0f %7.2fx" % ("floor: sqlite3 .import + INSERT", f, n / f * 1000, 1.0))
PY
if command -v valgrind >/dev/null 2>&1; then
	echo "== time import: instructions executed on 20,000 rows (callgrind), millions" >&2
	ir() {
		fresh
		valgrind --tool=callgrind --callgrind-out-file=/dev/null "$@" 2>&1 >/dev/null |
			sed -n 's/.*Collected : \([0-9]*\).*/\1/p'
	}
	a=$(ir "$CXO" -d "$copy" import --from toggl "$part")
	b=$(ir sqlite3 "$copy" ".read $DIR/floor-import-20000.sql")
	python3 -c 'import sys
a, b = int(sys.argv[1]), int(sys.argv[2])
print("%-34s %9.1f %7.2fx" % ("cxo import --from toggl", a / 1e6, a / b))
print("%-34s %9.1f %7.2fx" % ("floor: sqlite3 .import + INSERT", b / 1e6, 1.0))' "$a" "$b"
fi
rm -f "$copy" "$copy-wal" "$copy-shm"

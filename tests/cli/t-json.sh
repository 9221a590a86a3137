# t-json.sh: machine-readable output of every list command.
. "$(dirname "$0")/lib.sh"

export CXO_DB=$PWD/json.db
# A display format and hours style that JSON must ignore.
mkdir -p "$XDG_CONFIG_HOME/cxo"
printf 'date_format = "%%d.%%m.%%Y";\nhours_style = "clock";\n' >"$XDG_CONFIG_HOME/cxo/config"

run cxo client add acme --name "Acme" --role cio --budget 20 --rate 150 --start 2026-01-05 --end 2027-06-30
expect_ok "setup: acme"
run cxo client add beta --name "Beta" --role cto --budget 10
expect_ok "setup: beta"
run cxo use acme
run cxo mandate add "Roadmap" --due 2026-12-31 --area strategy --measure "board approves"
expect_ok "setup: mandate"
run cxo log 1h30m "call" --date 2026-11-02 --mandate Roadmap
expect_ok "setup: entry on a mandate"
run cxo log 45m "today"
expect_ok "setup: entry today (so this month has one)"
run cxo -C beta log 2h "beta work"
expect_ok "setup: beta entry"
run cxo risk add "Phishing" --likelihood 4 --impact 4 --residual 2,3 --framework "SOC 2" --review 2027-01-15
expect_ok "setup: risk"
run cxo action add "Send plan" --due 2026-12-01 --mandate Roadmap --owner "Kim"
expect_ok "setup: action"
run cxo action add "Contract" --waiting "Dana"
expect_ok "setup: waiting action"
run cxo note add "First meeting went well"
expect_ok "setup: note"

# Checks one JSON list: an array of objects; ids are full UUIDs; dates ISO;
# minutes integers.  Prints "ok" or what is wrong.
validate='
import json, re, sys
d = json.load(sys.stdin)
uuid = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
iso_day = re.compile(r"^\d{4}-\d{2}-\d{2}$")
iso_any = re.compile(r"^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2})?(Z|[+-]\d{2}:?\d{2})?)?$")
day_keys = {"due", "date", "day", "review", "start", "end", "opened", "closed",
            "waiting_since", "done", "done_on", "accepted_until", "last_activity",
            "from", "to"}
problems = []
if isinstance(d, dict):
    # A report (hours): its own fields and the rows of every list in it.
    rows = [d] + [r for v in d.values() if isinstance(v, list) for r in v]
    if len(rows) == 1:
        problems.append("an object with no list of rows: %r" % (d,))
elif isinstance(d, list) and d:
    rows = d
else:
    rows = []
    problems.append("not a non-empty array: %r" % (d,))
if True:
    for i, row in enumerate(rows):
        if not isinstance(row, dict):
            problems.append("row %d is not an object" % i)
            continue
        for k, v in row.items():
            if (k == "id" or k.endswith("_id")) and v is not None and not uuid.match(str(v)):
                problems.append("row %d: %s=%r is not a full id" % (i, k, v))
            if k in day_keys and v is not None and not iso_day.match(str(v)):
                problems.append("row %d: %s=%r is not YYYY-MM-DD" % (i, k, v))
            if k in ("created", "updated", "started", "at") and v is not None and not iso_any.match(str(v)):
                problems.append("row %d: %s=%r is not ISO" % (i, k, v))
            if ("minutes" in k or k in ("likelihood", "impact", "score")) and v is not None and type(v) is not int:
                problems.append("row %d: %s=%r is not an integer" % (i, k, v))
            if k == "month" and v is not None and not re.match(r"^\d{4}-\d{2}$", str(v)):
                problems.append("row %d: month=%r is not YYYY-MM" % (i, v))
        if sys.argv[1] == "ids" and "id" not in row and (isinstance(d, list) or row in d.get("entries", [])):
            problems.append("row %d has no id" % i)
print("; ".join(problems) if problems else "ok")
'

# tsv_check: a header, then rows with as many tab-separated fields.
tsv_check='
import sys
lines = sys.stdin.read().split("\n")
if lines and lines[-1] == "":
    lines.pop()
if len(lines) < 2:
    print("expected a header and rows, got %d lines" % len(lines)); sys.exit()
head = lines[0].split("\t")
if len(head) < 2 or any(not h or h != h.strip() for h in head):
    print("bad header %r" % lines[0]); sys.exit()
for i, l in enumerate(lines[1:], 1):
    if len(l.split("\t")) != len(head):
        print("row %d has %d fields, header %d: %r" % (i, len(l.split("\t")), len(head), l)); sys.exit()
    if "\x1b" in l:
        print("row %d has an escape" % i); sys.exit()
print("ok")
'

# py_check TEXT CODE [ARG...]: the last line CODE prints on stdout or
# stderr (a traceback's last line when it fails).
py_check() {
	local s
	_py "$@"
	s=$PY_OUT$PY_ERR
	s=${s%$'\n'}
	printf '%s\n' "${s##*$'\n'}"
}

list_check() { # NAME ids|noids ARGS...
	local name=$1 want_ids=$2
	shift 2
	run cxo "$@" --format json
	expect_ok "$name --format json"
	expect_json "$name --format json parses"
	expect_eq "$name --format json: ids, dates, integers" \
		"$(py_check "$OUT" "$validate" "$want_ids")" "ok"
	run cxo "$@" --format tsv
	expect_ok "$name --format tsv"
	expect_eq "$name --format tsv: header and tab-separated rows" \
		"$(py_check "$OUT" "$tsv_check")" "ok"
}

list_check "client list" ids client list
list_check "client list --all" ids client list --all
list_check "mandate list" ids mandate list
list_check "hours" ids hours
list_check "hours --month" ids hours --month 2026-11
list_check "hours --all-clients" ids hours --all-clients
list_check "risk list" ids risk list
list_check "action list" ids action list
list_check "action list --waiting" ids action list --waiting
list_check "action list --all-clients" ids action list --all-clients
list_check "note list" ids note list
list_check "note list --all-clients" ids note list --all-clients
list_check "mandate list --all --all-clients" ids mandate list --all --all-clients
list_check "risk list --all --all-clients" ids risk list --all --all-clients
list_check "risk list --min-score" ids risk list --min-score 10
list_check "action list --all" ids action list --all
list_check "overview" noids overview

# Exact values, whatever the display settings say.
run cxo action list --format json
expect_eq "json: due stays ISO under a display date format" \
	"$(json '[a["due"] for a in d if a["title"]=="Send plan"]')" '["2026-12-01"]'
expect_eq "json: a full 36-character id" "$(json 'len(d[0]["id"])')" "36"
expect_eq "json: an undated action has due null" \
	"$(json '[a["due"] for a in d if a["title"]=="Contract"]')" "[null]"

run cxo hours --month 2026-11 --format json
expect_eq "json: minutes are integers, not clock text" \
	"$(json '[e["minutes"] for e in d["entries"] if e["note"]=="call"]')" "[90]"
run cxo hours --month 2026-11
expect_out "table: hours in clock style" "1:30"
expect_out "table: the display date format is used" "02.11.2026"
expect_out_not "table: the ISO date is not shown" "2026-11-02"
run cxo hours --month 2026-11 --format tsv
expect_out "tsv: days stay ISO under a display date format" "2026-11-02"
expect_out_not "tsv: not the display format" "02.11.2026"
expect_out "tsv: hours stay decimal under the clock style" "$(printf '\t90\t1.50\t')"
run cxo note list --format tsv
expect_out_re "tsv: a note's day is ISO" '^[0-9]{4}-[0-9]{2}-[0-9]{2}'$'\t'

run cxo risk list --format json
expect_eq "json: risk scores as integers" "$(json '[(r["likelihood"], r["impact"]) for r in d]')" "[[4, 4]]"
expect_eq "json: review date ISO" "$(json '[r["review"] for r in d]')" '["2027-01-15"]'

run cxo client list --format json
expect_eq "json: client start and end ISO" "$(json '[(c["start"], c["end"]) for c in d if c["key"]=="acme"]')" '[["2026-01-05", "2027-06-30"]]'

run cxo note list --format json
expect_out_re "json: a note's time is ISO" '"(created|time|at)": "[0-9]{4}-[0-9]{2}-[0-9]{2}'

run cxo action list --format json
json_plain=$OUT
run cxo --color=always action list --format json
expect_eq "json: --color=always adds no escapes" "$OUT" "$json_plain"

# Empty lists are still valid JSON arrays.
run cxo -C beta risk list --format json
expect_ok "empty risk list --format json"
expect_eq "an empty list is []" "$(json 'd')" "[]"
run cxo -C beta mandate list --format tsv
expect_ok "empty mandate list --format tsv"
expect_eq "an empty tsv list is just the header" "$(line_count "$OUT")" "1"

finish

# t-hostile.sh: hostile strings are stored exactly and printed safely.
. "$(dirname "$0")/lib.sh"

export CXO_DB=$PWD/hostile.db

long=$(printf 'L%.0s' $(seq 1 190))0123456789
declare -A names=(
	[kquote]="He said \"hi\" and it's 'fine'"
	[ksql]="'; DROP TABLE clients; --"
	[kesc]=$'\e[31mred\e[0m'
	[kosc]=$'\e]0;owned title\a'
	[kctl]=$'line1\r\nline2\tTabbed\bBack'
	[klong]=$long
	[kcjk]="株式会社テスト東京"
	[kemoji]="Café 🚀☕ naïve"
	[kbidi]=$'abc\u202edcba\u202c end'
	[kfmt]="%s%s%n%x%d %%"
	[kdash]="-x --role cfo"
)
keys=(kquote ksql kesc kosc kctl klong kcjk kemoji kbidi kfmt kdash)

no_esc() { [[ $1 != *$'\e'* ]]; }
no_esc_bel_cr() { [[ $1 != *[$'\e\a\r']* ]]; }

run cxo init
expect_ok "init"
# The schema itself (direct SQL: no command lists the tables).
tables_before=$(sqlite3 -readonly "$CXO_DB" "select name from sqlite_master order by name")

for k in "${keys[@]}"; do
	run cxo client add "$k" --name "${names[$k]}" --role cio --budget 10
	expect_ok "client add $k"
	check "client add $k: no ESC in the message" no_esc_bel_cr "$OUT"
done

# Stored exactly: the JSON gives back every byte.
run cxo client list --format json
expect_json "client list json with hostile names"
for k in "${keys[@]}"; do
	got=$(py "$OUT" '
import json, sys
d = json.load(sys.stdin)
print([c["name"] for c in d if c["key"] == sys.argv[1]][0], end="")' "$k")
	expect_eq "name of $k stored exactly" "$got" "${names[$k]}"
done
expect_eq "the SQL text did no harm: all clients listed" "$(json 'len(d)')" "${#keys[@]}"
expect_eq "the SQL text did no harm: same tables" \
	"$(sqlite3 -readonly "$CXO_DB" "select name from sqlite_master order by name")" "$tables_before"
expect_eq "integrity after hostile input" "$(sqlite3 -readonly "$CXO_DB" 'PRAGMA integrity_check')" "ok"

# Tables: no escape, no CR, no BEL, no TAB; one line per row.
no_controls() { # NAME: stdout has no ESC, CR, BEL, TAB, BS, C1 or bidi control
	if printf '%s' "$OUT" | LC_ALL=C grep -qP '[\x00-\x09\x0b-\x1f\x7f]'; then
		_fail "$1" "control bytes in stdout: $(_show "$OUT")"
	elif printf '%s' "$OUT" | grep -qP '[\x{80}-\x{9f}\x{202a}-\x{202e}\x{2066}-\x{2069}]'; then
		_fail "$1" "C1 or bidi control in stdout: $(_show "$OUT")"
	else
		_pass
	fi
}
no_controls_but_tab() {
	if printf '%s' "$OUT" | LC_ALL=C grep -qP '[\x00-\x08\x0b-\x1f\x7f]'; then
		_fail "$1" "control bytes in stdout: $(_show "$OUT")"
	else
		_pass
	fi
}
run cxo client list
expect_ok "client list table"
no_controls "client list table has no control characters"
expect_eq "client list: one line per client plus the header" "$(line_count "$OUT")" "$((${#keys[@]} + 1))"
expect_out "client list shows the text of the escape name" "red"
expect_out "client list shows wide characters" "株式会社"
expect_out "client list shows emoji" "🚀"
client_table=$OUT

# Alignment: every known cell starts at its header's display column.
run cxo client list --format json
client_json=$OUT
# aligned TABLE JSON: every KEY and ROLE cell starts at its header's display
# column, one table row per JSON row; prints "ok" or the problems.
aligned_py='
import json, re, sys, unicodedata
def width(s):
    n = 0
    for ch in s:
        if unicodedata.combining(ch):
            continue
        n += 2 if unicodedata.east_asian_width(ch) in "WF" else 1
    return n
def at(line, col):
    """Text of line from display column col on."""
    w = 0
    for i, ch in enumerate(line):
        if w >= col:
            return line[i:] if w == col else None
        w += width(ch)
    return "" if w == col else None
# The table ends at the first blank line (overview adds a footer).
lines = sys.argv[1].split("\n\n")[0].rstrip("\n").split("\n")
rows = json.loads(sys.argv[2])
head = lines[0]
cols = {m.group(0): width(head[:m.start()]) for m in re.finditer(r"\S+", head)}
problems = []
if len(lines) - 1 != len(rows):
    problems.append("%d table rows for %d clients" % (len(lines) - 1, len(rows)))
checked = 0
for name, field in (("KEY", "key"), ("ROLE", "role")):
    if name not in cols:
        continue
    for line, row in zip(lines[1:], rows):
        rest = at(line, cols[name])
        checked += 1
        if rest is None or not rest.startswith(row[field]):
            problems.append("%s of %s not at column %d: %r" % (name, row["key"], cols[name], line))
widths = sorted(set(width(l) for l in lines[1:]))
last = [l.rsplit("  ", 1)[-1] for l in lines[1:]]
if len(set(last)) == 1 and len(widths) != 1:
    problems.append("data lines with the same last cell differ in width: %s" % widths)
if not checked:
    problems.append("no KEY or ROLE column to check in %r" % head)
print("; ".join(problems[:3]) if problems else "ok")
'
aligned() { py "" "$aligned_py" "$1" "$2"; }
align=$(aligned "$client_table" "$client_json")
expect_eq "client list rows stay aligned (display width)" "$align" "ok"

run cxo client list --format tsv
no_controls_but_tab "client list tsv has no control characters but TAB"
expect_eq "client list tsv: every row has the header's fields" \
	"$(printf '%s' "$OUT" | awk -F '\t' 'NR == 1 { n = NF } NF != n { bad++ } END { print bad + 0 }')" "0"
expect_eq "client list tsv: one line per client plus the header" "$(line_count "$OUT")" "$((${#keys[@]} + 1))"

for k in kesc kosc kctl kbidi kfmt; do
	run cxo client show "$k"
	expect_ok "client show $k"
	no_controls "client show $k has no control characters"
done
run cxo client show kfmt
expect_out "client show prints % text literally" "%s%s%n%x%d %%"
# A key typed with an escape in it comes back in the error, defused.
run cxo client show $'no\e[2Jsuch'
expect_rc 66 "client show of a hostile unknown key"
expect_err "the unknown key is named" "no client"
check "the error carries no escape" eval '! printf "%s" "$ERR" | LC_ALL=C grep -q $'"'"'\e'"'"''
run cxo use kesc
expect_ok "use kesc"
no_controls "use message has no control characters"

# Hostile titles, notes and owners.
run cxo use kctl
run cxo action add $'Call \e[2J\e[Hback' --owner $'Bob\r\nEve' --due 2026-12-01
expect_ok "action add with escapes in title and owner"
run cxo action add "'; DELETE FROM actions; --"
expect_ok "action add with SQL text"
run cxo action add "株式会社に電話する 📞"
expect_ok "action add with wide characters"
run cxo mandate add $'Mandate\twith\ttabs'
expect_ok "mandate add with tabs"
run cxo risk add $'Risk \e]52;c;cGF5bG9hZA==\a clipboard' --likelihood 3 --impact 3 --owner $'\e[5mblink'
expect_ok "risk add with an OSC 52 title"
run cxo note add $'first line\nsecond line\r\n\tindented \e[1mbold\e[0m'
expect_ok "note add with newlines"
run cxo log 1h $'note with \e[31mcolour\e[0m and\nnewline'
expect_ok "log with escapes in the note"

run cxo action list --format json
expect_eq "action title stored exactly" \
	"$(json '[a["title"] for a in d if a["title"].startswith("Call")] == ["Call \x1b[2J\x1b[Hback"]')" "true"
expect_eq "action owner stored exactly" \
	"$(json '[a["owner"] for a in d if a["title"].startswith("Call")] == ["Bob\r\nEve"]')" "true"
call_id=$(json '[a["id"] for a in d if a["title"].startswith("Call")][0]')
run cxo action wait "${call_id:0:8}" $'Mal\e[2Jlory\r\nX'
expect_ok "action wait with escapes in the person"
no_controls "action wait prints no control characters"
run cxo action show "${call_id:0:8}"
expect_ok "action show of an action waiting for a hostile name"
no_controls "action show prints no control characters"
run cxo action list --format json
expect_eq "the person waited for stored exactly" \
	"$(json '[a["waiting_for"] for a in d if a["title"].startswith("Call")] == ["Mal\x1b[2Jlory\r\nX"]')" "true"
expect_eq "SQL text stored exactly, actions intact" \
	"$(json 'sorted(a["title"] for a in d)[0]')" "'; DELETE FROM actions; --"
expect_eq "three actions" "$(json 'len(d)')" "3"
run cxo note list --format json
expect_eq "note stored exactly" \
	"$(json 'd[0]["text"] == "first line\nsecond line\r\n\tindented \x1b[1mbold\x1b[0m"')" "true"
run cxo risk list --format json
expect_eq "risk title stored exactly" \
	"$(json 'd[0]["title"] == "Risk \x1b]52;c;cGF5bG9hZA==\x07 clipboard"')" "true"

run cxo overview
overview_table=$OUT
run cxo overview --format json
expect_eq "overview rows stay aligned (display width)" "$(aligned "$overview_table" "$OUT")" "ok"

for c in "action list" "action list --waiting" "mandate list" "risk list" "note list" "hours" "overview" "status" "client list --all"; do
	# shellcheck disable=SC2086
	run cxo $c
	expect_ok "$c with hostile text"
	no_controls "$c prints no control characters"
done
run cxo note list
expect_out "note list shows the note's first line and counts the rest" "first line (+2 lines)"
run cxo note list --format json
run cxo note show "$(json 'd[0]["id"]')"
expect_out "note show keeps the note's words" "second line"
run cxo hours
expect_eq "hours: the entry note stays on one line" "$(printf '%s' "$OUT" | grep -c 'newline')" "1"
run cxo action list
expect_eq "action list: the owner stays on the action's line" "$(printf '%s' "$OUT" | grep -c 'Eve')" "1"

# Escapes typed as arguments do not reach the terminal through errors.
run cxo -C $'\e[31mnosuch' note list
expect_rc 66 "unknown client key with an escape"
check "error message has no ESC" no_esc "$ERR"
run cxo client add $'bad\e[31mkey' --name x
expect_rc 65 "client key with an escape"
check "key error message has no ESC" no_esc "$ERR"

# Invalid UTF-8 is stored and shown as a replacement, never raw.
run cxo client add kbytes --name $'bad \xff\xfe bytes'
expect_ok "client add with invalid UTF-8"
run cxo client list
check "table output is valid UTF-8" py "" 'import sys; sys.argv[1].encode("utf-8", "surrogateescape").decode("utf-8")' "$OUT"
run cxo client list --format json
expect_json "json with invalid UTF-8 stored"

finish

# t-invisible.sh: C1 and bidi controls, DEL, zero-width characters and the
# line and paragraph separators never reach output raw: dropped in tables,
# TSV, the status line and messages, escaped as \uXXXX in JSON (which
# still gives back every stored character).
. "$(dirname "$0")/lib.sh"

export CXO_DB=$PWD/invisible.db

zw=$'\u200b' zwj=$'\u200d' bom=$'\ufeff' ls=$'\u2028' ps=$'\u2029'
rlo=$'\u202e' lri=$'\u2066' csi=$'\xc2\x9b' del=$'\x7f'
name="Ac${zw}me${ls}Corp${ps}Ltd ${rlo}gpj${lri}.exe${bom}${zwj}x"
note="x ${csi}2J ${rlo}y${del}z${ls}w"

# raw_free NAME: stdout holds none of those characters (TAB and LF
# allowed when $2 is "tsv", LF otherwise).
raw_free() {
	local res
	res=$(py "$OUT" '
import re, sys
text = sys.stdin.buffer.read().decode("utf-8", "replace")
allowed = "\t\n" if sys.argv[1] == "tsv" else "\n"
bad = [hex(ord(c)) for c in text
       if c not in allowed and (ord(c) < 0x20 or 0x7f <= ord(c) <= 0x9f
       or 0x200b <= ord(c) <= 0x200f or 0x2028 <= ord(c) <= 0x202e
       or 0x2066 <= ord(c) <= 0x2069 or ord(c) == 0xfeff)]
print(" ".join(bad) if bad else "ok")' "${2:-}")
	expect_eq "$1" "$res" "ok"
}

run cxo client add acme --name "$name" --role cio --budget 10
expect_ok "client add with invisible characters in the name"
raw_free "client add: the message is clean"

run cxo use acme
expect_ok "use"
raw_free "use: the name is shown clean"
expect_out "use: the visible text stays" "AcmeCorpLtd gpj.exe"

run cxo client list
raw_free "client list table: clean"
expect_eq "client list table: a header and one row" "$(line_count "$OUT")" "2"

run cxo client list --format tsv
raw_free "client list tsv: clean" tsv
expect_eq "client list tsv: two lines, even for a reader that splits at U+2028" \
	"$(py "$OUT" 'import sys; print(len(sys.stdin.read().splitlines()))')" "2"

run cxo client list --format json
expect_json "client list json parses"
raw_free "client list json: no raw invisible character"
expect_eq "client list json: the name is given back whole" "$(json 'd[0]["name"] == args[0]' "$name")" "true"
expect_out "client list json: U+2028 escaped" '\u2028'
expect_out "client list json: U+200B escaped" '\u200b'
expect_out "client list json: U+FEFF escaped" '\ufeff'

run cxo note add "$note"
expect_ok "note add"
run cxo note list --format json
expect_json "note list json parses"
raw_free "note list json: no raw C1, DEL, bidi or separator"
expect_out "note list json: the 8-bit CSI escaped" '\u009b2J'
expect_out "note list json: RLO escaped" '\u202ey'
expect_out "note list json: DEL escaped" '\u007fz'
expect_eq "note list json: the text is given back whole" "$(json 'd[0]["text"] == args[0]' "$note")" "true"

run cxo note list
raw_free "note list table: clean"

run cxo log 1h "call ${ls}${rlo}with${zw} ${csi}vendor"
expect_ok "log"
run cxo hours --format json
expect_json "hours json parses"
raw_free "hours json: clean"
run cxo hours --format tsv
raw_free "hours tsv: clean" tsv
run cxo hours
raw_free "hours table: clean"

run cxo status
raw_free "status: clean"
run cxo status --format "%C|%c"
raw_free "status --format %C: the client's name is clean"
expect_out "status --format %C: its visible text stays" "AcmeCorpLtd gpj.exe"
run cxo status --tmux --format "%C"
raw_free "status --tmux: clean"

finish

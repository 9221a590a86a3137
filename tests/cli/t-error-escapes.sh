# t-error-escapes.sh: an argument, an option's value or a path named in a
# message reaches the terminal without its escape sequences or controls
# (an OSC 52 would set the clipboard, a CSI clear the screen): every
# message is sanitised where it is printed, whichever command, option or
# layer wrote it.  The visible text of the bad value stays, to be found.
. "$(dirname "$0")/lib.sh"

export CXO_DB=$PWD/errors.db
osc=$'\e]52;c;cHduZWQ=\a'
csi=$'\xc2\x9b2J'
bidi=$'\u202egpj.exe\u2028'
run cxo client add acme --name "Acme" --role cio --budget 10
expect_ok "a client"

# clean NAME RC: the last command failed with RC, said something, and its
# stderr holds no control, C1, bidi or separator character.
clean() {
	expect_rc "$2" "$1: exit $2"
	local res
	res=$(py "$ERR" '
import sys
text = sys.stdin.buffer.read().decode("utf-8", "replace")
bad = [hex(ord(c)) for c in text
       if c != "\n" and (ord(c) < 0x20 or 0x7f <= ord(c) <= 0x9f
       or 0x200b <= ord(c) <= 0x200f or 0x2028 <= ord(c) <= 0x202e
       or 0x2066 <= ord(c) <= 0x2069 or ord(c) == 0xfeff)]
print(" ".join(bad) if bad else ("ok" if text.strip() else "nothing said"))')
	expect_eq "$1: stderr clean" "$res" "ok"
}

for v in "$osc" "$csi" "$bidi"; do
	run cxo "x$v"
	clean "an unknown command" 64
	run cxo "--x$v"
	clean "an unknown global option" 64
	run cxo client list "--x$v"
	clean "an unknown option of a command" 64
	run cxo client list --format "$v"
	clean "--format" 64
	run cxo --color "$v" client list
	clean "--color" 64
	run cxo client edit acme --currency "E$v"
	clean "--currency" 65
	run cxo -d "$PWD/no/dir$v/x.db" client list
	clean "-d: a database that is not there" 66
	run cxo -c "$PWD/no$v.conf" client list
	clean "-c: a configuration file that is not there" 78
	run cxo client show "k$v"
	clean "a client key that is not there" 66
	run cxo log "1h$v" "call"
	clean "a bad duration" 65
	run cxo log 1h "call" --date "$v"
	clean "a bad date" 65
done
run cxo client list --format "$osc"
expect_err "the visible text of the bad value is kept" ']52;c;cHduZWQ='

# The text of a configuration file.
printf 'week_start = "\033[2Jmon";\n' >"$PWD/week.conf"
run cxo -c "$PWD/week.conf" client list
clean "a bad value with escapes in the configuration" 78
expect_err "the configuration's file and line are named" "week.conf:1:"

# The database path in "created database" is a message too.
run cxo -d "$PWD/new$osc.db" client add beta --name Beta --role cto --budget 5
expect_ok "a database at a path with an escape in it"
clean_ok=$(py "$ERR" 'import sys; t = sys.stdin.read(); print("ok" if "\x1b" not in t and "\x07" not in t and "created database" in t else repr(t))')
expect_eq "created database: the path is shown clean" "$clean_ok" "ok"

finish

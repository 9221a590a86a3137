#!/usr/bin/env bash
# t-synopsis.sh: cxo(1) shows every command, subcommand and option as the
# command table does.  `cxo __synopsis` prints each usage form of the
# table (after checking that each synopsis names exactly its entry's
# options) and each global option, one a line; the same lines are made
# from man/cxo.1: every item of COMMANDS written with .Ic, and every item
# of GLOBAL OPTIONS, rendered from their .Ic/.Cm/.Ar/.Fl/.Op markup
# (arguments upper case, "a | b" as "a|b").  Prints each difference and
# exits 1 when there is one.
#
#   CXO=build/cxo CXO_SOURCE_DIR=. bash tests/docs/t-synopsis.sh
set -u
cd "${CXO_SOURCE_DIR:-$(dirname "$0")/../..}" || exit 2
cxo=${CXO:-build/cxo}
if [ ! -x "$cxo" ]; then
	echo "synopsis: no cxo binary at $cxo (run make first)" >&2
	exit 1
fi

table=$("$cxo" __synopsis) || {
	echo "synopsis: cxo __synopsis failed: the table disagrees with itself" >&2
	exit 1
}

python3 - man/cxo.1 "$table" <<'EOF_PY'
import re, shlex, sys

man_path, table = sys.argv[1], sys.argv[2]
lines = open(man_path, encoding="utf-8").read().split("\n")

def tokens(line):
    """The words of a macro line, quotes removed ("1-9" is one word)."""
    try:
        return shlex.split(line.lstrip("."), posix=True)
    except ValueError:
        return line.lstrip(".").split()

MODES = {"Ic", "Cm", "Ar", "Fl", "Li", "Pa", "No"}

def render(toks):
    """One macro line as the usage writes it."""
    out, mode, glue = "", None, False
    i = 0
    while i < len(toks):
        t = toks[i]
        if t == "Op":
            inner = render(toks[i + 1:])
            out += ("" if glue or not out else " ") + "[" + inner + "]"
            break
        if t == "Ns":
            glue, mode = True, None
        elif t in MODES:
            mode = t
        elif t == "|":
            out += "|"
            glue = True
        elif t == ",":
            out += ","
        else:
            w = t.upper() if mode == "Ar" else "-" + t if mode == "Fl" else t
            out += ("" if glue or not out else " ") + w
            glue = False
        i += 1
    return out

def section(name):
    on, body = False, []
    for l in lines:
        if l.startswith(".Sh "):
            on = l[4:].strip().strip('"') == name
            continue
        if on:
            body.append(l)
    return body

def items(body, first):
    """The .It heads of a section whose first macro is `first`."""
    found, i = [], 0
    while i < len(body):
        l = body[i]
        if l.startswith(".It "):
            t = tokens(l)[1:]
            if t == ["Xo"]:
                parts = []
                i += 1
                while i < len(body) and not body[i].startswith(".Xc"):
                    parts.append(tokens(body[i]))
                    i += 1
                if parts and parts[0] and parts[0][0] == first:
                    found.append(" ".join(render(p) for p in parts))
            elif t and t[0] == first:
                found.append(render(t))
        i += 1
    return found

man = items(section("COMMANDS"), "Ic") + items(section("GLOBAL OPTIONS"), "Fl")
want = [l for l in table.split("\n") if l]
bad = 0
for w in want:
    if w not in man:
        print("synopsis: cxo(1) lacks, or writes differently:  %s" % w)
        bad = 1
for m in man:
    if m not in want:
        print("synopsis: cxo(1) has what the table has not:    %s" % m)
        bad = 1
if len(set(man)) != len(man):
    print("synopsis: cxo(1) shows a form twice")
    bad = 1
if not bad:
    print("synopsis: cxo(1) shows the %d forms and options of the table" % len(want))
sys.exit(bad)
EOF_PY

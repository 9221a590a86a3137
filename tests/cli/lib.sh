# lib.sh: a small assertion library for the end-to-end tests of cxo.
#
# Sourced by every tests/cli/t-*.sh, which run.sh starts in a fresh
# temporary HOME with the XDG directories inside it.  Every assertion is
# one named check; a failing one prints a line with the command, what was
# expected and what came back.  The counts go to $CXO_TEST_COUNTS, which
# run.sh adds up.
#
#   run CMD ARGS...        run a command: $OUT, $ERR, $RC (stdin /dev/null)
#   run_stdin TEXT CMD...  the same with TEXT on stdin
#   cxo ARGS...            the binary under test ($CXO)
#   expect_rc N NAME       the last command exited with N
#   expect_ok NAME         ... with 0
#   expect_out NAME TEXT   stdout contains TEXT (expect_out_not: does not)
#   expect_err NAME TEXT   stderr contains TEXT (expect_err_not: does not)
#   expect_out_re NAME RE  stdout matches the extended regexp RE
#   expect_err_re NAME RE  stderr matches RE
#   expect_json NAME       stdout parses as JSON
#   json EXPR [ARG...]     python3 expression over the JSON stdout `d`, printed
#                          (the ARGs are args[0], args[1] ... in it)
#   py TEXT CODE [ARG...]  python3 -c CODE ARG... with TEXT on stdin
#   expect_eq NAME GOT WANT
#   check NAME CMD...      passes when CMD succeeds (for files, modes ...)
#   line_count TEXT        the number of lines, as grep -c '' counts them
#
# The helpers run no process of their own: the output is read with
# builtins, and the Python of json, py and expect_json runs in one python3
# started per test file (pyrun.py), not one per check.

: "${CXO:?CXO must name the cxo binary}"
TEST_NAME=${TEST_NAME:-$(basename "$0")}
PASSED=0
FAILED=0
OUT='' ERR='' RC=0 LAST_CMD=''
_SCRATCH=$(mktemp -d "${TMPDIR:-/tmp}/cxo-lib.XXXXXX")

cxo() { "$CXO" "$@"; }
# The interpreter run.sh found (no version-manager shim in the way).
if [ -n "${CXO_TEST_PYTHON:-}" ]; then
	python3() { "$CXO_TEST_PYTHON" "$@"; }
fi

# _slurp VAR FILE: the file's bytes into VAR, trailing newlines kept (NUL
# bytes dropped, as a command substitution drops them).
_slurp() {
	local -a _slurp_parts=()
	mapfile -t -d '' _slurp_parts <"$2" 2>/dev/null
	printf -v "$1" '%s' "${_slurp_parts[@]}"
}

# ---- the one python3 of the file (pyrun.py) ----
_PY_PID='' _PY_IN='' _PY_OUT=''
_py_start() {
	local fifo=$_SCRATCH/pyrun
	mkfifo "$fifo.in" "$fifo.out" 2>/dev/null || return 1
	# Started directly (not through a function) so that its parent is
	# this shell, which it watches.
	"${CXO_TEST_PYTHON:-python3}" "${BASH_SOURCE[0]%/*}/pyrun.py" "$$" \
		<"$fifo.in" >"$fifo.out" 2>/dev/null &
	_PY_PID=$!
	exec {_PY_IN}>"$fifo.in" {_PY_OUT}<"$fifo.out"
}
_py_stop() {
	[ -n "$_PY_PID" ] || return 0
	exec {_PY_IN}>&- {_PY_OUT}<&-
	wait "$_PY_PID" 2>/dev/null
	_PY_PID=''
}

# _py TEXT CODE [ARG...]: python3 -c CODE ARG... <TEXT; sets PY_RC, PY_OUT
# and PY_ERR.  Falls back to a python3 of its own when the shared one is
# gone.
_py() {
	local text=$1 code=$2
	shift 2
	if [ -n "$_PY_PID" ] && kill -0 "$_PY_PID" 2>/dev/null &&
		printf '%s\0' "$#" "$code" "$@" "$text" >&"$_PY_IN" &&
		IFS= read -r -d '' -u "$_PY_OUT" PY_RC &&
		IFS= read -r -d '' -u "$_PY_OUT" PY_OUT &&
		IFS= read -r -d '' -u "$_PY_OUT" PY_ERR; then
		return 0
	fi
	_PY_PID=''
	printf '%s' "$text" | python3 -c "$code" "$@" >"$_SCRATCH/py.out" 2>"$_SCRATCH/py.err"
	PY_RC=$?
	_slurp PY_OUT "$_SCRATCH/py.out"
	_slurp PY_ERR "$_SCRATCH/py.err"
}
_py_start

py() {
	_py "$@"
	printf '%s' "$PY_OUT"
	printf '%s' "$PY_ERR" >&2
	return "$PY_RC"
}

# _quote_to VAR ARGS...: the command line, shell-quoted, $CXO shown as cxo.
_quote_to() {
	local _q_var=$1 _q_s='' _q_a _q_w
	shift
	for _q_a in "$@"; do
		if [[ $_q_a =~ ^[A-Za-z0-9_./:=,+@%-]+$ ]]; then
			_q_s+="$_q_a "
		else
			printf -v _q_w '%q' "$_q_a"
			_q_s+="$_q_w "
		fi
	done
	_q_s=${_q_s% }
	printf -v "$_q_var" '%s' "${_q_s//"$CXO"/cxo}"
}

_quote() {
	local q
	_quote_to q "$@"
	printf '%s' "$q"
}

# Shows at most a few hundred bytes of some output on one line.
_show() {
	local s=$1
	if [ ${#s} -gt 400 ]; then
		s="${s:0:400}..."
	fi
	_py "$s" 'import sys; print(repr(sys.stdin.buffer.read().decode("utf-8","replace")))'
	printf '%s\n' "${PY_OUT%$'\n'}"
}

# line_count TEXT: its lines, as `printf %s TEXT | grep -c ''` counts
# them (a last line without a newline counts).
line_count() {
	local s=$1 n=0
	while [[ $s == *$'\n'* ]]; do
		s=${s#*$'\n'}
		n=$((n + 1))
	done
	[ -n "$s" ] && n=$((n + 1))
	echo "$n"
}

# _match_lines RE TEXT: some line of TEXT matches the extended regexp RE,
# as `printf %s TEXT | grep -qE RE` decides.
_match_lines() {
	local re=$1 s=$2 line
	[ -n "$s" ] || return 1
	s=${s%$'\n'}
	while :; do
		line=${s%%$'\n'*}
		[[ $line =~ $re ]] && return 0
		[[ $s == *$'\n'* ]] || return 1
		s=${s#*$'\n'}
	done
}

_pass() { PASSED=$((PASSED + 1)); }

# _fail NAME WHAT: one line per failing check.
_fail() {
	FAILED=$((FAILED + 1))
	printf 'FAIL %s: %s\n    command:  %s\n    %s\n' "$TEST_NAME" "$1" "$LAST_CMD" "$2"
}

# A sanitizer's report on the last command's stderr fails it.
_sanitizer_check() {
	case $ERR in
	*"ERROR: AddressSanitizer"* | *"ERROR: LeakSanitizer"* | *"runtime error:"* | \
		*"SUMMARY: Address"* | *"SUMMARY: Undefined"*)
		FAILED=$((FAILED + 1))
		printf 'FAIL %s: sanitizer report\n    command:  %s\n    stderr:   %s\n' \
			"$TEST_NAME" "$LAST_CMD" "${ERR:0:2000}"
		;;
	esac
}

run() {
	_quote_to LAST_CMD "$@"
	"$@" >"$_SCRATCH/out" 2>"$_SCRATCH/err" </dev/null
	RC=$?
	_slurp OUT "$_SCRATCH/out"
	_slurp ERR "$_SCRATCH/err"
	_sanitizer_check
}

run_stdin() {
	local input=$1 q
	shift
	_quote_to LAST_CMD "$@"
	printf -v q '%q' "$input"
	LAST_CMD+=" <<< $q"
	printf '%s' "$input" | "$@" >"$_SCRATCH/out" 2>"$_SCRATCH/err"
	RC=$?
	_slurp OUT "$_SCRATCH/out"
	_slurp ERR "$_SCRATCH/err"
	_sanitizer_check
}

_outputs() {
	printf 'stdout: %s\n    stderr: %s' "$(_show "$OUT")" "$(_show "$ERR")"
}

expect_rc() {
	if [ "$RC" = "$1" ]; then _pass; else
		_fail "$2" "expected exit $1, got $RC; $(_outputs)"
	fi
}

expect_ok() { expect_rc 0 "$1"; }

expect_out() {
	if [[ $OUT == *"$2"* ]]; then _pass; else
		_fail "$1" "expected stdout to contain $(_show "$2"); exit $RC; $(_outputs)"
	fi
}

expect_out_not() {
	if [[ $OUT != *"$2"* ]]; then _pass; else
		_fail "$1" "expected stdout NOT to contain $(_show "$2"); $(_outputs)"
	fi
}

expect_err() {
	if [[ $ERR == *"$2"* ]]; then _pass; else
		_fail "$1" "expected stderr to contain $(_show "$2"); exit $RC; $(_outputs)"
	fi
}

expect_err_not() {
	if [[ $ERR != *"$2"* ]]; then _pass; else
		_fail "$1" "expected stderr NOT to contain $(_show "$2"); $(_outputs)"
	fi
}

expect_out_re() {
	if _match_lines "$2" "$OUT"; then _pass; else
		_fail "$1" "expected stdout to match /$2/; exit $RC; $(_outputs)"
	fi
}

expect_err_re() {
	if _match_lines "$2" "$ERR"; then _pass; else
		_fail "$1" "expected stderr to match /$2/; exit $RC; $(_outputs)"
	fi
}

expect_out_empty() {
	if [ -z "$OUT" ]; then _pass; else
		_fail "$1" "expected no stdout; $(_outputs)"
	fi
}

expect_err_empty() {
	if [ -z "$ERR" ]; then _pass; else
		_fail "$1" "expected nothing on stderr; $(_outputs)"
	fi
}

expect_json() {
	local why
	_py "$OUT" 'import json,sys; json.load(sys.stdin)'
	if [ "$PY_RC" = 0 ]; then
		_pass
	else
		why=$PY_OUT$PY_ERR
		why=${why%$'\n'}
		_fail "$1" "expected JSON on stdout (${why##*$'\n'}); exit $RC; $(_outputs)"
	fi
}

# json EXPR [ARG...]: evaluates a python3 expression with d = the parsed
# stdout of the last command and args = the ARGs; prints str() of it
# (lists and dicts as JSON).  Prints "<error: ...>" when stdout is not
# JSON or the expression fails.
_json_py='
import json, sys
args = sys.argv[2:]
try:
    d = json.load(sys.stdin)
    v = eval(sys.argv[1])
except Exception as e:
    print("<error: %s: %s>" % (type(e).__name__, e))
    sys.exit(0)
if isinstance(v, (list, dict, tuple)):
    print(json.dumps(v, ensure_ascii=False))
elif v is None:
    print("null")
elif isinstance(v, bool):
    print("true" if v else "false")
else:
    print(v)
'
json() { py "$OUT" "$_json_py" "$@"; }

expect_eq() {
	if [ "$2" = "$3" ]; then _pass; else
		_fail "$1" "expected $(_show "$3"), got $(_show "$2")"
	fi
}

expect_ne() {
	if [ "$2" != "$3" ]; then _pass; else
		_fail "$1" "expected something other than $(_show "$3")"
	fi
}

check() {
	local name=$1
	shift
	if "$@"; then _pass; else
		_fail "$name" "check failed: $(_quote "$@")"
	fi
}

# Snapshots of the database for "nothing was written" checks: every row
# of every table, which no cxo command prints (direct SQL on purpose).
db_dump() {
	if [ -e "$1" ]; then
		sqlite3 -readonly "$1" .dump 2>&1 | LC_ALL=C sort
	else
		echo "<no database>"
	fi
}

file_mode() { stat -c %a "$1" 2>/dev/null || echo "<missing>"; }
file_sig() { [ -e "$1" ] && stat -c '%s %Y %y' "$1" 2>/dev/null || echo "<missing>"; }
file_sum() {
	local sum
	[ -e "$1" ] && read -r sum _ < <(sha256sum <"$1") && echo "$sum" || echo "<missing>"
}

# faketime guard: libfaketime is preloaded, so an ASan build must not
# insist on coming first.  The library is preloaded directly where it is
# found, as the golden tests do: the faketime wrapper names a semaphore
# after its process id, and one left behind in /dev/shm by an earlier run
# makes a later wrapper with the same id fail ("sem_open: File exists").
have_faketime() { command -v faketime >/dev/null 2>&1; }
_libfaketime=''
for _f in /usr/lib/*/faketime/libfaketime.so.1 /usr/lib/faketime/libfaketime.so.1 \
	/usr/local/lib/faketime/libfaketime.so.1 /usr/lib64/faketime/libfaketime.so.1; do
	if [ -f "$_f" ]; then
		_libfaketime=$_f
		break
	fi
done
fake() {
	local spec=$1
	shift
	if [ -n "$_libfaketime" ]; then
		ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0" \
			LD_PRELOAD="$_libfaketime${LD_PRELOAD:+:$LD_PRELOAD}" FAKETIME="$spec" "$@"
		return
	fi
	ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0" faketime -f "$spec" "$@"
}

# unset_current DB: removes the stored current client (cxo use) from the
# settings table, whatever its name (direct SQL: no command forgets it).
unset_current() {
	python3 - "$1" <<'EOF_PY'
import sqlite3, sys
con = sqlite3.connect(sys.argv[1])
n = 0
for (name,) in con.execute("select name from sqlite_master where type='table'").fetchall():
    cols = [r[1] for r in con.execute("pragma table_info(%s)" % name)]
    if "value" in cols:
        for col in cols:
            if col != "value":
                n += con.execute("delete from %s where %s = 'current_client'" % (name, col)).rowcount
con.commit()
sys.exit(0 if n else 1)
EOF_PY
}

skip() {
	printf 'skip %s: %s\n' "$TEST_NAME" "$1"
}

finish() {
	_py_stop
	rm -rf "$_SCRATCH"
	if [ -n "${CXO_TEST_COUNTS:-}" ]; then
		echo "$PASSED $FAILED" >"$CXO_TEST_COUNTS"
	else
		echo "$PASSED passed, $FAILED failed"
	fi
	[ "$FAILED" = 0 ]
}

# SQL that turns a schema 8 file back into what schema 4 made, for the
# tests of older files (each older schema's tests take it further back).
schema_5_undo='DROP TABLE decision_vendors; DROP TABLE decision_risks;
	DROP TABLE decision_mandates; DROP TABLE decisions; DROP TABLE vendor_risks;
	DROP TABLE vendors; DROP TABLE journal; DROP TABLE sync_state; DROP TABLE sync_peers;
	DROP TABLE sync_conflicts; DROP TABLE sync_applying;
	DROP TABLE entry_sources; DROP TABLE client_exports;
	DROP TRIGGER month_locks_insert; DROP TRIGGER month_locks_update;
	DROP TRIGGER month_locks_delete; DROP TRIGGER client_seen_entry_insert;
	DROP TRIGGER client_seen_entry_update; DROP TRIGGER client_seen_entry_delete;
	DROP TRIGGER client_seen_timer; DROP TRIGGER item_changes_client_delete;
	DROP TRIGGER client_seen_change;
	DROP TRIGGER mandate_added; DROP TRIGGER mandate_changed; DROP TRIGGER mandate_deleted;
	DROP TRIGGER risk_added; DROP TRIGGER risk_changed; DROP TRIGGER risk_deleted;
	DROP TRIGGER action_added; DROP TRIGGER action_changed; DROP TRIGGER action_deleted;
	DROP TRIGGER note_added; DROP TRIGGER note_changed; DROP TRIGGER note_deleted;
	DROP TABLE client_terms; DROP TABLE month_locks; DROP TABLE client_seen;
	DROP TABLE item_changes; DROP TABLE note_shares; DROP INDEX actions_client_done;
	DROP INDEX risks_client_opened; DROP INDEX risks_client_closed;
	DROP INDEX risks_client_accepted; DROP INDEX actions_client_waiting;
	PRAGMA user_version = 4;
'
# ---- documents: what a browser prints, what a Markdown parser reads ----
#
#   check_html_pdf FILE TEXT...  FILE is one self-contained HTML document:
#                          each <svg>...</svg> in it parses as XML (python3
#                          xml.etree), it has one <style>, no <script and
#                          nothing fetched (no src=, href= or url() naming
#                          http://, https:// or //); headless Chromium
#                          prints it to PDF and the PDF's text (pdftotext,
#                          spaces and line breaks as one space) holds each
#                          TEXT.  A check per property; the printing is
#                          skipped, and said so, without chromium or
#                          pdftotext, and left out after a static check
#                          failed.  Chromium takes seconds: one call per
#                          document.  CHECK_PDF_PAGES is then the number of
#                          printed pages ("" when nothing was printed).
#   check_md FILE          cmark renders FILE (raw HTML let through, so
#                          that any would show): its output has no <script
#                          and no tag that Markdown does not make; every
#                          table of FILE (a "|" line over a "| --- |"
#                          line) is a <table> when a GitHub-flavoured
#                          parser reads it (cmark-gfm -e table, else
#                          python3-markdown's tables).  Skipped, and said
#                          so, without cmark.

# _doc_static FILE: the HTML's own checks, printed one problem a line.
_doc_static_py='
import re, sys, xml.etree.ElementTree as ET
src = open(sys.argv[1], encoding="utf-8", errors="replace").read()
bad = []
svgs = re.findall(r"<svg\b.*?</svg>", src, re.S | re.I)
if len(svgs) != len(re.findall(r"<svg\b", src, re.I)):
    bad.append("an <svg> without its </svg>")
for i, svg in enumerate(svgs):
    try:
        ET.fromstring(svg)
    except ET.ParseError as e:
        bad.append("svg %d does not parse: %s" % (i + 1, e))
n = len(re.findall(r"<style\b", src, re.I))
if n != 1:
    bad.append("%d <style> elements, not one" % n)
if re.search(r"<script", src, re.I):
    bad.append("a <script")
fetch = r"(?:https?:)?//"
for m in re.finditer(r"\b(?:src|href)\s*=\s*[\"\x27]?\s*" + fetch + r"|url\(\s*[\"\x27]?\s*" + fetch, src, re.I):
    bad.append("fetches: %s" % src[m.start():m.start() + 60])
if not src.lstrip().lower().startswith("<!doctype html>"):
    bad.append("no <!DOCTYPE html> first")
print("\n".join(bad))
'

CHECK_PDF_PAGES=
check_html_pdf() {
	CHECK_PDF_PAGES=
	local file=$1 name="html ${1##*/}" abs text t prof pdf
	shift
	LAST_CMD="check_html_pdf $file"
	if [ ! -s "$file" ]; then
		_fail "$name" "no such file, or empty: $file"
		return
	fi
	_py "" "$_doc_static_py" "$file"
	if [ "$PY_RC" = 0 ] && [ -z "${PY_OUT%$'\n'}" ]; then _pass; else
		_fail "$name: self-contained, SVG well-formed" "${PY_OUT%$'\n'}$PY_ERR"
		return # not worth printing
	fi
	if ! command -v chromium >/dev/null 2>&1 || ! command -v pdftotext >/dev/null 2>&1; then
		skip "chromium or pdftotext missing: $file not printed"
		return
	fi
	# make sanitize checks cxo's memory, not the browser: the plain
	# make check prints the same documents.
	if [ "${CXO_TEST_PRINT:-1}" = 0 ]; then
		skip "printing left to make check (CXO_TEST_PRINT=0): $file not printed"
		return
	fi
	case $file in
	/*) abs=$file ;;
	*) abs=$PWD/$file ;;
	esac
	prof=$(mktemp -d "$_SCRATCH/chromium.XXXXXX")
	pdf=$prof/print.pdf
	LAST_CMD="chromium --headless --print-to-pdf $file"
	HOME=$prof timeout 120 chromium --headless --no-sandbox --disable-gpu \
		--no-pdf-header-footer --user-data-dir="$prof/profile" \
		--print-to-pdf="$pdf" "file://$abs" >"$prof/log" 2>&1
	if [ $? != 0 ] || [ ! -s "$pdf" ]; then
		_fail "$name: Chromium prints it" "no PDF; $(tail -c 600 "$prof/log" 2>/dev/null)"
		rm -rf "$prof"
		return
	fi
	_pass
	if ! pdftotext "$pdf" "$prof/print.txt" 2>"$prof/log"; then
		_fail "$name: pdftotext reads the PDF" "$(tail -c 400 "$prof/log")"
		rm -rf "$prof"
		return
	fi
	# The printed pages, for a test that holds a document to one page.
	CHECK_PDF_PAGES=$(pdfinfo "$pdf" 2>/dev/null | sed -n 's/^Pages: *//p')
	_slurp text "$prof/print.txt"
	text=" ${text//[[:space:]]/ } "
	while [[ $text == *"  "* ]]; do text=${text//  / }; done
	for t in "$@"; do
		if [[ $text == *"$t"* ]]; then _pass; else
			_fail "$name: the printed PDF holds $(_show "$t")" "PDF text: $(_show "$text")"
		fi
	done
	rm -rf "$prof"
}

# The python3 that has the markdown module, if one has ("" when none).
_md_python=unset
_find_md_python() {
	local p
	[ "$_md_python" = unset ] || return 0
	_md_python=''
	for p in "${CXO_TEST_PYTHON:-python3}" /usr/bin/python3; do
		if "$p" -c 'import markdown' >/dev/null 2>&1; then
			_md_python=$p
			return 0
		fi
	done
}

# Counts the tables of Markdown (a "|" row over a separator row) and,
# with --html, the <table>s of HTML; and lists tags Markdown does not make.
_md_py='
import re, sys
text = sys.stdin.read()
if sys.argv[1] == "--tables":
    lines = text.split("\n")
    sep = re.compile(r"^\s*\|?(\s*:?-+:?\s*\|)+\s*(:?-+:?\s*)?$")
    print(sum(1 for i in range(1, len(lines))
              if sep.match(lines[i]) and lines[i - 1].lstrip().startswith("|")))
elif sys.argv[1] == "--html-tables":
    print(len(re.findall(r"<table\b", text)))
else:
    ok = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "em", "strong",
          "code", "pre", "blockquote", "hr", "br", "a", "img", "del", "table", "thead",
          "tbody", "tr", "th", "td"}
    bad = sorted({t.lower() for t in re.findall(r"</?([A-Za-z][A-Za-z0-9-]*)", text)} - ok)
    if re.search(r"<script", text, re.I):
        bad.append("script")
    print(" ".join(bad))
'

check_md() {
	local file=$1 name="markdown ${1##*/}" src html want got
	LAST_CMD="check_md $file"
	if [ ! -s "$file" ]; then
		_fail "$name" "no such file, or empty: $file"
		return
	fi
	if ! command -v cmark >/dev/null 2>&1; then
		skip "cmark missing: $file not parsed"
		return
	fi
	_slurp src "$file"
	LAST_CMD="cmark --unsafe $file"
	if ! html=$(cmark --unsafe "$file" 2>&1); then
		_fail "$name: cmark renders it" "$(_show "$html")"
		return
	fi
	_pass
	_py "$html" "$_md_py" --tags
	if [ "$PY_RC" = 0 ] && [ -z "${PY_OUT%$'\n'}" ]; then _pass; else
		_fail "$name: no raw HTML passes" "tags: ${PY_OUT%$'\n'}$PY_ERR"
	fi
	_py "$src" "$_md_py" --tables
	want=${PY_OUT%$'\n'}
	if command -v cmark-gfm >/dev/null 2>&1; then
		LAST_CMD="cmark-gfm -e table $file"
		html=$(cmark-gfm -e table "$file" 2>&1)
	else
		_find_md_python
		if [ -z "$_md_python" ]; then
			skip "neither cmark-gfm nor python3-markdown: the tables of $file not checked"
			return
		fi
		LAST_CMD="python3 -m markdown -x tables $file"
		html=$("$_md_python" -c 'import sys, markdown
print(markdown.markdown(open(sys.argv[1], encoding="utf-8").read(), extensions=["tables"]))' \
			"$file" 2>&1)
	fi
	_py "$html" "$_md_py" --html-tables
	got=${PY_OUT%$'\n'}
	if [ "$got" = "$want" ]; then _pass; else
		_fail "$name: each of its $want tables is a <table>" "$got <table>s: $(_show "$html")"
	fi
}

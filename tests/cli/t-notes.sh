# t-notes.sh: notes of many lines: written in the editor (a scripted
# $EDITOR, on a terminal made by ontty.py), read from standard input or
# given as an argument; changed, shown whole, removed, and found by their
# text and day.
. "$(dirname "$0")/lib.sh"

export CXO_DB=$PWD/notes.db
ontty() { python3 "$(dirname "$0")/ontty.py" "$@"; }
today=$(date +%F)
days_ago() { py "" "import datetime, sys; print(datetime.date.today() - datetime.timedelta(days=int(sys.argv[1])))" "$1"; }

run cxo init
run cxo client add acme --name "Acme" --role cio --budget 18
run cxo client add beta --name "Beta" --role cto --budget 10
run cxo use acme
expect_ok "two clients, acme current"

# The scripted editor: records its arguments, the file's mode, directory
# and text, then writes $PWD/next into the file and exits with
# $PWD/status (0 when missing).
cat >"$PWD/ed.sh" <<'EOF_ED'
#!/bin/sh
d=$(dirname "$0")
echo "$*" >"$d/args"
for f; do :; done
echo "$f" >"$d/path"
stat -c %a "$f" >"$d/mode"
dirname "$f" >"$d/dir"
cat "$f" >"$d/seen"
if [ -e "$d/next" ]; then cat "$d/next" >"$f"; fi
exit "$(cat "$d/status" 2>/dev/null || echo 0)"
EOF_ED
chmod 700 "$PWD/ed.sh"
export EDITOR="$PWD/ed.sh --wait"
unset VISUAL
next() { printf "$@" >"$PWD/next"; }
count() { cxo note list --all-clients --format json | python3 -c 'import json,sys; print(len(json.load(sys.stdin)))'; }
rm_path_gone() { [ ! -e "$(cat "$PWD/path")" ]; }
db=$CXO_DB

# ---- the editor ----
next '\n\nLeadership meeting\n- Dana: the roadmap in the board pack\n\n- Marcus: IT spend per head\n\n\n'
run ontty "$CXO" note add
expect_ok "note add with no text opens the editor"
expect_out "it says it added the note" "added note "
expect_eq "the editor got its own arguments, then the file" "$(cut -d' ' -f1 "$PWD/args")" "--wait"
expect_eq "the file is private" "$(cat "$PWD/mode")" "600"
expect_eq "the file is in TMPDIR" "$(cat "$PWD/dir")" "$TMPDIR"
expect_eq "a new note starts empty" "$(cat "$PWD/seen")" ""
check "the file is removed" rm_path_gone
run cxo note list --format json
expect_eq "the note is the file's text, blank lines at the ends dropped" "$(json 'd[0]["text"]')" \
	$'Leadership meeting\n- Dana: the roadmap in the board pack\n\n- Marcus: IT spend per head'
meeting=$(json 'd[0]["id"]')

# VISUAL comes before EDITOR.
cp "$PWD/ed.sh" "$PWD/visual.sh"
next 'From VISUAL\n'
run ontty env VISUAL="$PWD/visual.sh" "$CXO" note add
expect_ok "VISUAL is used first"
run cxo note list --format json
expect_eq "the note from VISUAL's editor" "$(json 'd[0]["text"]')" "From VISUAL"

snap=$(db_dump "$db")
n_before=$(count)
next 'Written, then the editor failed\n'
echo 3 >"$PWD/status"
run ontty "$CXO" note add
expect_rc 69 "an editor exiting non-zero adds nothing"
expect_err "it says the editor failed" "exited with status 3: nothing added"
check "the file is removed after a failed editor" rm_path_gone
rm -f "$PWD/status"
next '\n  \n\n'
run ontty "$CXO" note add
expect_rc 65 "an empty note adds nothing"
expect_err "it says the note is empty" "the note is empty: nothing added"
run ontty env EDITOR=/nonexistent/editor "$CXO" note add
expect_rc 69 "an editor that cannot run adds nothing"
expect_err "it says to set VISUAL or EDITOR" "set VISUAL or EDITOR"
# Written, but refused by the store (too long): the text is not lost.
python3 -c 'print("Too long " + "x" * 100000)' >"$PWD/next"
run ontty "$CXO" note add
expect_rc 65 "a note too long for the store"
expect_err "says why" "note too long"
expect_err "and gives the text back" $'the note was not saved; its text:\nToo long xxxx'
check "the file is removed after a refusal" rm_path_gone
run cxo note add
expect_rc 64 "no text and no terminal: the text is missing"
expect_err "it says why no editor opened" "'-' reads the note from it"
expect_eq "nothing was added" "$(db_dump "$db")" "$snap"

# A termination while the editor runs: the file goes, nothing is added,
# and then the signal ends cxo.
if [ -r /proc/self/stat ]; then
	cat >"$PWD/killer.sh" <<'EOF_ED'
#!/bin/sh
d=$(dirname "$0")
for f; do :; done
echo "$f" >"$d/path"
echo "Killed before it was saved" >"$f"
p=$PPID
while [ "$p" -gt 1 ] && [ "$(cat /proc/$p/comm)" != cxo ]; do
	p=$(cut -d' ' -f4 /proc/$p/stat)
done
kill -TERM "$p"
sleep 0.2
EOF_ED
	chmod 700 "$PWD/killer.sh"
	run ontty env EDITOR="$PWD/killer.sh" "$CXO" note add
	expect_rc 143 "a SIGTERM while the editor runs ends cxo afterwards"
	check "the file is removed after a SIGTERM" rm_path_gone
	expect_eq "nothing was added after a SIGTERM" "$(db_dump "$db")" "$snap"
else
	skip "no /proc: the SIGTERM case is not checked"
fi

# ---- standard input and arguments ----
run_stdin $'Vendor call\r\n- BAA redlines by Friday\r\n' cxo note add -
expect_ok "note add - reads standard input"
run cxo note list --format json
expect_eq "standard input's text, tidied" "$(json 'd[0]["text"]')" $'Vendor call\n- BAA redlines by Friday'
vendor=$(json 'd[0]["id"]')
run_stdin $'\n\n' cxo note add -
expect_rc 65 "empty standard input adds nothing"
run cxo note add $'Two lines\ngiven as one argument'
expect_ok "an argument may hold lines"
run cxo -C beta note add "Beta's note: budget review" --date -10d
expect_ok "a note for beta, ten days ago"
run cxo -C beta note list --format json
beta_note=$(json 'd[0]["id"]')

# ---- list ----
run cxo note list
expect_out "a table shows the first line and how many more" "Leadership meeting (+2 lines)"
expect_out "one more line" "Vendor call (+1 line)"
expect_out_not "the table shows no later line" "Marcus"
run cxo note list --format tsv
expect_out "TSV escapes the line breaks" 'Leadership meeting\n- Dana: the roadmap in the board pack\n\n- Marcus: IT spend per head'
expect_eq "TSV: one line a note and the header" "$(line_count "$OUT")" "5"
run cxo note list --grep marcus
expect_out "--grep finds a later line, in any case" "Leadership meeting"
expect_out_not "--grep leaves the others out" "Vendor call"
run cxo note list --grep BUDGET --all-clients --format json
expect_eq "--grep with --all-clients" "$(json '[n["client"] for n in d]')" '["beta"]'
run cxo note list --all-clients --since -9d --format json
expect_eq "--since leaves out older notes" "$(json 'len(d)')" "4"
run cxo note list --all-clients --since -10d --format json
expect_eq "--since takes the whole of its day" "$(json 'len(d)')" "5"
run cxo note list --since "$today" --grep nothing-like-this
expect_out "an empty search says what it looked for" "no notes for acme matching \"nothing-like-this\" since"

# ---- show, edit, rm ----
run cxo note show "${meeting:0:8}"
expect_ok "note show"
expect_out "show prints the whole note" $'\n\nLeadership meeting\n- Dana: the roadmap in the board pack\n\n- Marcus: IT spend per head\n'
expect_out "show names the client" "client    acme"

next 'Leadership meeting\n- Dana: roadmap approved\n'
run ontty "$CXO" note edit "${meeting:0:8}"
expect_ok "note edit ID opens the editor"
expect_eq "the editor starts from the note" "$(cat "$PWD/seen")" \
	$'Leadership meeting\n- Dana: the roadmap in the board pack\n\n- Marcus: IT spend per head'
expect_out "it says so" "updated note ${meeting:0:8} for acme"
check "the file is removed after an edit" rm_path_gone
run cxo note show "$meeting"
expect_out "the new text is stored" $'Leadership meeting\n- Dana: roadmap approved\n'
run ontty "$CXO" note edit "${meeting:0:8}"
expect_out "saving the same text changes nothing" "unchanged"
snap=$(db_dump "$db")
next ''
run ontty "$CXO" note edit "${meeting:0:8}"
expect_rc 65 "emptying a note in the editor changes nothing"
expect_err "it points to rm" "note rm"
run cxo note edit "${meeting:0:8}"
expect_rc 64 "edit without text and without a terminal is a usage error"
expect_eq "nothing was changed" "$(db_dump "$db")" "$snap"

run cxo note edit "${beta_note:0:8}" "Beta: budget review moved"
expect_ok "an id prefix of another client's note works, as elsewhere"
expect_out "the message names the note's client" "for beta"
run_stdin $'- bullet from stdin\n' cxo note edit "${vendor:0:8}" -
expect_ok "note edit ID - reads standard input"
run cxo note edit "${vendor:0:8}" "- a text that starts with a dash"
expect_ok "a text may start with a dash"
run cxo note show "${vendor:0:8}"
expect_out "the dash text is stored" "- a text that starts with a dash"

run cxo note rm "${vendor:0:8}"
expect_ok "note rm"
expect_out "rm echoes the first line" "removed note ${vendor:0:8} for acme: - a text that starts with a dash"
run cxo note rm "${vendor:0:8}"
expect_rc 66 "the note is gone"
expect_err "no such note" "no note with an id starting"
run cxo note show abc
expect_rc 64 "a prefix shorter than 4"

# ---- hostile text: never an escape on the terminal ----
no_esc_err() { [[ $ERR != *[$'\e\a']* ]]; }
run ontty env EDITOR=$'\e[31mno-such-editor\a' "$CXO" note add
expect_rc 69 "an editor named with escapes fails"
# The shell's own "not found" is the shell's; cxo's line has none.
cxo_line=$(printf '%s\n' "$ERR" | grep '^cxo:')
expect_ne "cxo says the editor failed" "$cxo_line" ""
no_esc_cxo_line() { [[ $cxo_line != *[$'\e\a']* ]]; }
check "its name reaches the terminal without them" no_esc_cxo_line
run ontty env TMPDIR=$'/nonexistent/\e]0;x\a' "$CXO" note add
expect_rc 73 "no temporary file, no editor"
check "TMPDIR reaches the terminal without escapes" no_esc_err
# Two notes whose ids share a prefix (made directly: ids are random).
acme_id=$(sqlite3 "$db" "select id from clients where key = 'acme'")
sqlite3 "$db" "insert into notes(id, client_id, body, created) values
	('abcd1111-0000-4000-8000-000000000001', '$acme_id', char(27) || '[2JFirst line' || char(10) || 'second', '2026-01-01T10:00:00Z'),
	('abcd2222-0000-4000-8000-000000000002', '$acme_id', 'Other note', '2026-01-01T10:00:00Z')"
run cxo note show abcd
expect_rc 64 "an ambiguous prefix"
expect_err "the candidates by their first line" "abcd1111  [2JFirst line"
check "no escape in the candidates" no_esc_err
run cxo note rm abcd1
expect_ok "a longer prefix is enough"
hostile=$'\e[31mred\e[0m\n\e]0;owned\a title\n\ttabbed'
run cxo note add "$hostile"
expect_ok "a note with escapes"
run cxo note list --format json
expect_eq "stored exactly" "$(json 'd[0]["text"]')" "$hostile"
evil=$(json 'd[0]["id"]')
no_esc() { [[ $OUT != *[$'\e\a']* ]]; }
for args in "note list" "note list --format tsv" "note show ${evil:0:8}" "note rm ${evil:0:8}"; do
	read -r -a words <<<"$args"
	run cxo "${words[@]}"
	expect_ok "$args with escapes"
	check "$args: no escape reaches the terminal" no_esc
done

finish

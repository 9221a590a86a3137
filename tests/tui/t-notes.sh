# t-notes.sh: the Notes panel of a wide screen (200x60) and the editor:
# the latest notes with the selected one in full, Enter shows a note
# whole, e edits it in the editor (a scripted $EDITOR), x deletes it
# after asking, N writes a new one, n still adds one through its form;
# a failing editor adds nothing; narrower screens keep the four panels.
. "$(dirname "$0")/lib.sh"

sample_db
# The scripted editor: keeps what it was given in $HOME/seen, writes
# $HOME/next into the file, exits with $HOME/status (0 when missing).
cat >"$HOME/ed.sh" <<'EOF_ED'
#!/bin/sh
for f; do :; done
cat "$f" >"$HOME/seen"
echo "$f" >"$HOME/path"
if [ -e "$HOME/next" ]; then cat "$HOME/next" >"$f"; fi
exit "$(cat "$HOME/status" 2>/dev/null || echo 0)"
EOF_ED
chmod 700 "$HOME/ed.sh"
notes_json() { "$CXO" -d "$DB" -C acme note list --format json; }
first_text() { notes_json | python3 -c 'import json, sys; print(json.load(sys.stdin)[0]["text"])'; }
count_notes() { notes_json | python3 -c 'import json, sys; print(len(json.load(sys.stdin)))'; }
path_gone() { [ ! -e "$(cat "$HOME/path")" ]; }

TUI_ENV="EDITOR=$HOME/ed.sh" tui_start 200 60
wait_for "dashboard up" "1 Acme" 15 || exit 0
wait_for "a wide screen has the Notes panel" "─ Notes "
expect_screen "the latest note is listed by its first line" "Leadership meeting: growth"
expect_screen "with how many lines follow" "+4"
expect_screen "and shown in full below the list" "Next: a one-page roadmap outline to Dana"
expect_screen "the other notes are listed" "Priya wants to grow"

# Mandates, Hours, Risks, Next actions, then Notes.
keys l l l l Enter
wait_for "Enter on a note opens it" "─ Note "
expect_screen "the whole note: its first line" "Leadership meeting: growth plan and IT priorities"
expect_screen "the whole note: a later line" "- Marcus asked for IT spend per head against peers"
expect_screen "the whole note: its last line" "Next: a one-page roadmap outline to Dana before Friday."

printf 'Leadership meeting: growth plan\n- roadmap approved\n- spend per head next time\n' >"$HOME/next"
keys e
wait_for "e edits the note in the editor" "note saved"
check "the editor started from the note" grep -q "^- Marcus asked for IT spend per head against peers$" "$HOME/seen"
check "the editor's file is removed" path_gone
expect_eq "the store has the new text" "$(first_text)" \
	$'Leadership meeting: growth plan\n- roadmap approved\n- spend per head next time'
wait_for "the open note shows the new text" "- roadmap approved"
expect_screen "the dashboard is back" "1 Acme"
keys Escape
wait_gone "Esc closes the note" "─ Note "
wait_for "the panel shows the new text" "- spend per head next time"

n=$(count_notes)
keys x
wait_for "x asks first" 'Delete note "Leadership meeting: growth plan"'
keys n
wait_gone "n keeps it" "Delete note"
expect_eq "the note is kept" "$(count_notes)" "$n"
keys x
wait_for "x asks again" "Delete note"
keys y
wait_for "y deletes it" "note deleted"
expect_eq "the store has one note fewer" "$(count_notes)" "$((n - 1))"
wait_gone "the panel has it no more" "- spend per head next time"

printf '\n\nVendor call\n- BAA redlines by Friday\n- Raj sends the draft\n\n' >"$HOME/next"
keys N
wait_for "N adds a note written in the editor" "note added"
expect_eq "a new note starts empty" "$(cat "$HOME/seen")" ""
expect_eq "the new note, blank lines at the ends dropped" "$(first_text)" \
	$'Vendor call\n- BAA redlines by Friday\n- Raj sends the draft'
wait_for "the panel lists it" "Vendor call"
wait_for "and shows it in full" "- Raj sends the draft"

n=$(count_notes)
echo 3 >"$HOME/status"
keys N
wait_for "a failing editor says so" "exited with status 3: nothing added"
rm -f "$HOME/status"
printf '\n \n' >"$HOME/next"
keys N
wait_for "an empty note says so" "the note is empty: nothing added"
expect_eq "neither added a note" "$(count_notes)" "$n"

# n: one line, through its form, as before.
keys n
wait_for "n opens the form" "Note for acme"
type_text "One line from the form"
keys Enter
wait_for "the form adds the note" "note added"
wait_for "the panel lists it too" "One line from the form"

# Text that would be escapes reaches the screen as text.
"$CXO" -d "$DB" -C acme note add $'\e[2J\e[HCleared?\n\e]0;title\a second line' >/dev/null
wait_for "a hostile note is listed" "Cleared?"
expect_screen "nothing was cleared" "1 Acme"

# Narrower: the four panels, as before; the focus leaves the notes.
resize 120 40
wait_gone "120x40: no Notes panel" "─ Notes "
expect_screen "120x40: the grid" "Next actions"
resize 80 24
wait_for "80x24: one panel at a time" "Next actions"
expect_screen_not "80x24: no Notes title" "Notes"
resize 200 60
wait_for "200x60 again: the Notes panel" "─ Notes "
quit_dashboard
exit 0

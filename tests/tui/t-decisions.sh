# t-decisions.sh: the Decisions view (c) at 80x24 and 120x40: newest
# first, a due review marked, closed ones only with D; Enter shows the
# record as Markdown; a asks for a title and opens $VISUAL (a script) on
# the template, e opens it on the record, the dashboard whole afterwards;
# an empty, unchanged or failing editor stores nothing; x deletes after
# asking; a hostile title drawn as text; NO_COLOR and TERM=linux.
. "$(dirname "$0")/lib.sh"

sample_db
# The sample's own decisions go: these checks count and order their own.
sqlite3 "$DB" "PRAGMA foreign_keys = ON; DELETE FROM decisions"
acme=$(sqlite3 "$DB" "SELECT id FROM clients WHERE key = 'acme'")
iso() { date -u -d "$1" +%F; }
db() { sqlite3 "$DB" "$1"; }
# decision TITLE DAY STATUS REVIEW
decision() {
	local review=NULL
	[ -n "$4" ] && review="'$4'"
	db "INSERT INTO decisions (id, client_id, title, day, status, decided_by, context,
		decision, review, created) VALUES ('$(cat /proc/sys/kernel/random/uuid)', '$acme',
		'$1', '$2', '$3', 'Dana Whitfield', 'Three identity providers after the merger.',
		'One provider for every application.', $review, '$(date -u +%FT%TZ)')"
}
count() { db "SELECT count(*) FROM decisions WHERE client_id = '$acme'"; }
# The screen row of the first line holding $1; 99 when none.
row_of() {
	local i=0 line
	while IFS= read -r line; do
		if [[ $line == *"$1"* ]]; then
			echo "$i"
			return
		fi
		i=$((i + 1))
	done <<<"$SCREEN"
	echo 99
}

decision "Adopt Okta for single sign-on" "$(iso '-30 days')" decided "$(iso '-3 days')"
decision "Move the ERP to the cloud" "$(iso '-5 days')" proposed ""
decision "Keep mail on premises" "$(iso '-90 days')" superseded ""

# The scripted editor: keeps what it was given in $HOME/seen, writes
# $HOME/next into the file when there is one, exits with $HOME/status.
cat >"$HOME/ed.sh" <<'EOF_ED'
#!/bin/sh
for f; do :; done
cat "$f" >"$HOME/seen"
if [ -e "$HOME/next" ]; then cat "$HOME/next" >"$f"; fi
exit "$(cat "$HOME/status" 2>/dev/null || echo 0)"
EOF_ED
chmod 700 "$HOME/ed.sh"

TUI_ENV="VISUAL=$HOME/ed.sh" tui_start 80 24
wait_for "dashboard up" "1 Acme" 15 || exit 0
keys c
wait_for "c opens the Decisions view" "─ Decisions "
expect_screen "its note counts the reviews due" "1 to review"
expect_screen "a due review is marked" "review 3d late"
expect_screen "a proposed one says so" "proposed"
check "newest first" [ "$(row_of 'Move the ERP')" -lt "$(row_of 'Adopt Okta')" ]
expect_screen_not "a superseded one only with D" "Keep mail on premises"
keys D
wait_for "D lists it" "Keep mail on premises"
keys D
wait_gone "D again hides it" "Keep mail on premises"

keys j Enter
wait_for "Enter shows the record" "─ Decision "
expect_screen "as Markdown: its title" "# Adopt Okta for single sign-on"
expect_screen "its metadata" "Decided by: Dana Whitfield"
expect_screen "its sections" "## Context"
expect_screen "their text" "Three identity providers after the merger."
keys Escape
wait_gone "Esc closes it" "─ Decision "

# a: the title, then the editor on the template.
cat >"$HOME/next" <<EOF_MD
# Standardise laptops on macOS

Status: decided
Date: $(iso today)
Decided by: Marcus Lee
Review: $(iso '+180 days')

## Context
Three operating system images to keep patched.

## Options considered
macOS, Windows, both.

## Decision
macOS for everyone but finance.

## Consequences
One image to patch; finance keeps Windows.
EOF_MD
n=$(count)
keys a
wait_for "a asks for the title" "New decision for acme"
type_text "Standardise laptops on macOS"
keys Enter
wait_for "the editor's record is stored" "decision added"
check "the editor had the template with the title" grep -q "^# Standardise laptops on macOS" "$HOME/seen"
check "and its sections" grep -q "^## Consequences" "$HOME/seen"
expect_eq "one decision more" "$(count)" "$((n + 1))"
expect_eq "its fields read back" "$(db "SELECT decided_by, review, decision FROM decisions WHERE title = 'Standardise laptops on macOS'")" "Marcus Lee|$(iso '+180 days')|macOS for everyone but finance."
expect_screen "the dashboard is whole again: the tabs" "1 Acme"
expect_screen "the view" "─ Decisions "
expect_screen "the new one is listed" "Standardise laptops on macOS"
expect_screen "the status bar" "? help"

# e: the editor on the record.
sed -i 's/^One image to patch.*/One image to patch; finance moves next year./' "$HOME/next"
keys e
wait_for "e stores the edited record" "decision saved"
check "the editor had the record" grep -q "^macOS for everyone but finance.$" "$HOME/seen"
expect_eq "the new consequences" "$(db "SELECT consequences FROM decisions WHERE title = 'Standardise laptops on macOS'")" "One image to patch; finance moves next year."
expect_screen "whole again after e" "─ Decisions "

# Nothing stored: an empty file, an unchanged template, a failing editor.
n=$(count)
printf '\n  \n' >"$HOME/next"
keys a
wait_for "a again" "New decision for acme"
type_text "Nothing"
keys Enter
wait_for "an empty file adds nothing" "the record is empty: nothing added"
rm -f "$HOME/next"
keys a
wait_for "a once more" "New decision for acme"
type_text "Unchanged"
keys Enter
wait_for "an unchanged template adds nothing" "the record was not changed: nothing added"
echo 3 >"$HOME/status"
keys a
wait_for "and again" "New decision for acme"
type_text "Failing"
keys Enter
wait_for "a failing editor says so" "exited with st"
rm -f "$HOME/status"
expect_eq "none of them added one" "$(count)" "$n"
printf '# Bad date\n\nDate: 2026-02-30\n' >"$HOME/next"
keys a
wait_for "a bad record" "New decision for acme"
type_text "Bad date"
keys Enter
wait_for "a record that does not read back names the line" 'line 3: bad Date "2026-02-30"'
kept() { grep -q "^Date: 2026-02-30" "$TMPDIR"/cxo-decision-*.md; }
check "and keeps the text in its file" kept
expect_eq "nothing added" "$(count)" "$n"
rm -f "$HOME/next"

keys g
settle "Standardise laptops"
keys x
wait_for "x asks first" 'Delete decision "Standardise laptops on macOS"'
keys y
wait_for "y deletes it" "decision deleted"
expect_eq "deleted" "$(count)" "$((n - 1))"

# s: the decision that supersedes the selected one, written as a adds one.
cat >"$HOME/next" <<EOF_MD
# Adopt Entra ID for single sign-on

Status: decided
Date: $(iso today)

## Decision
Entra ID, now that the mail moved.
EOF_MD
keys G
settle "Adopt Okta"
keys s
wait_for "s asks for the new decision's title" 'Supersede "Adopt Okta for single sign-on" by'
type_text "Adopt Entra ID for single sign-on"
keys Enter
wait_for "s stores it" "superseded by: Adopt Entra ID"
new_id=$(db "SELECT id FROM decisions WHERE title = 'Adopt Entra ID for single sign-on'")
expect_eq "the old one is superseded by the new one" "$(db "SELECT status, superseded_by FROM decisions WHERE title = 'Adopt Okta for single sign-on'")" "superseded|$new_id"
wait_gone "it leaves the list" "Adopt Okta"
expect_screen "the new one is listed" "Adopt Entra ID for single sign-on"
expect_screen "the dashboard is whole after s" "─ Decisions "
rm -f "$HOME/next"
keys j
keys s
wait_for "s on another one asks again" "Supersede"
keys Escape
wait_for "Esc supersedes nothing" "nothing added"
keys c
settle "─ Mandates"
keys s
wait_for "s outside the view says where it works" "s supersedes a decision of the Decisions view"
keys c
settle "─ Decisions"

decision $'\e[2J\e[HCleared?' "$(iso today)" decided ""
wait_for "a hostile title is listed" "Cleared?"
expect_screen "nothing was cleared" "1 Acme"

resize 120 40
wait_for "120x40: the view" "─ Decisions "
expect_screen "120x40: the line under a row" "decided by Dana Whitfield"
keys c
wait_for "c again goes back" "─ Mandates"
quit_dashboard

TUI_ENV="NO_COLOR=1" TUI_TERM=linux tui_start 80 24
wait_for "NO_COLOR, TERM=linux: up" "1 Acme" 15 || exit 0
keys c
wait_for "NO_COLOR, TERM=linux: the view" "Decisions"
expect_screen "NO_COLOR, TERM=linux: the rows" "Move the ERP to the cloud"
quit_dashboard
exit 0

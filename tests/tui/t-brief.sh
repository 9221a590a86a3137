# t-brief.sh: the brief overlay (b): it opens on the current client,
# scrolls (j/k, PgUp/PgDn, g/G), closes with q and Esc, draws stored text
# sanitised; switching records the day worked on a client, and
# brief_on_switch opens the brief of a client not seen today; R writes a
# document in a child process and the status bar says what became of it.
. "$(dirname "$0")/lib.sh"

today=$(date +%F)
seen() { sqlite3 "$DB" "select s.last_day || ' ' || coalesce(s.previous_day, '') from client_seen s join clients c on c.id = s.client_id where c.key = '$1'"; }

sample_db
"$CXO" -d "$DB" note add -C acme "$(printf 'Hostile\033[2J\r\nnote\tend\033]0;x\007')" >/dev/null 2>&1
# Last worked on two days ago, the note's writing aside.
sqlite3 "$DB" "update client_seen set last_day = date('now', '-2 day') where client_id = (select id from clients where key = 'acme')"
acme_before=$(seen acme)

# ---- 80x24: b opens, scrolls, closes ----
tui_start 80 24
wait_for "dashboard up" "1 Acme" 15 || exit 0
check "opening on acme records today as a day worked on it ($acme_before)" [ "$(seen acme)" = "$today ${acme_before%% *}" ]
keys b
wait_for "b opens the brief of the current client" "Brief: acme"
wait_for "the brief starts where you left off" "Where you left off"
expect_screen "stored text drawn sanitised" "Hostile[2J note end"
keys G
wait_for "G: the end of the brief" "Hours this month"
expect_screen_not "G: the start scrolled away" "Where you left off"
keys g
wait_for "g: back to the start" "Where you left off"
keys j j
wait_gone "j scrolls a line at a time" "Brief: Acme Advisory Group"
expect_screen "j j: two lines, not a page" "Where you left off"
keys NPage
wait_gone "PgDn: a page down" "Where you left off"
keys PPage
wait_for "PgUp: a page up" "Where you left off"
keys Down Up Up k
wait_for "k and the arrows scroll back" "Brief: Acme Advisory Group"
keys q
wait_gone "q closes the brief" "Brief: acme"
expect_screen_not "q closed only the brief" "cxo exited"
keys b
wait_for "b again" "Brief: acme"
keys Escape
wait_gone "Esc closes the brief" "Brief: acme"
keys 2
wait_for "switch to medix" "2 Medix · Interim"
check "switching records today for medix" [ "$(seen medix | cut -d' ' -f1)" = "$today" ]
expect_screen_not "no brief without brief_on_switch" "Brief: medix"
keys q
wait_for "the dashboard quits" "cxo exited 0"

# ---- 120x40, brief_on_switch ----
sample_db
rm -rf "$XDG_STATE_HOME/cxo" # opens on acme, not on the client last shown
mkdir -p "$XDG_CONFIG_HOME/cxo"
chmod 700 "$XDG_CONFIG_HOME/cxo"
printf 'brief_on_switch = true;\n' >"$XDG_CONFIG_HOME/cxo/config"
chmod 600 "$XDG_CONFIG_HOME/cxo/config"
docs=$HOME/docs
mkdir -p "$docs"
TUI_ENV="XDG_DOCUMENTS_DIR=$docs" tui_start 120 40
wait_for "brief_on_switch: the brief of acme, not seen today" "Brief: acme" 15 || exit 0
wait_for "120x40: the brief shows more at once" "Actions overdue and due in 7 days"
keys q
wait_gone "q closes it" "Brief: acme"
keys 2
wait_for "brief_on_switch: medix not seen today" "Brief: medix"
keys G
wait_for "the brief names the vendor holding PHI without approved diligence" \
	"CareBridge EHR Connect (Raj Mehta): questionnaire sent on"
keys q
wait_gone "closed" "Brief: medix"
keys 1
wait_for "back on acme" "Send the board deck draft"
expect_screen_not "acme was seen today: no brief" "Brief: acme"

# ---- R ----
month=${today:0:7}
keys R
wait_for "R asks which document" "Write a document for acme"
keys Enter
wait_for "R: the status bar names the file written" "wrote $docs/cxo-acme-hours-$month.html" 20
expect_screen "the dashboard is still there" "Send the board deck draft"
check "an HTML statement" grep -q '<!DOCTYPE html>' "$docs/cxo-acme-hours-$month.html"
check "of acme" grep -q 'Acme Advisory Group' "$docs/cxo-acme-hours-$month.html"
check "written private (0600)" [ "$(stat -c %a "$docs/cxo-acme-hours-$month.html")" = 600 ]
first=$(cksum <"$docs/cxo-acme-hours-$month.html")
keys R
wait_for "R again" "Write a document for acme"
keys Enter
wait_for "never overwriting: -2" "wrote $docs/cxo-acme-hours-$month-2.html" 20
check "the first file unchanged" [ "$(cksum <"$docs/cxo-acme-hours-$month.html")" = "$first" ]
keys R
wait_for "R for the week" "Write a document for acme"
keys C-u
type_text week
keys Enter
wait_re "the weekly update as Markdown" "wrote $docs/cxo-acme-week-[0-9-]+\.md" 20
check "a Markdown weekly update" grep -q '^# Weekly update' "$docs"/cxo-acme-week-*.md
keys R
wait_for "R as JSON" "Write a document for acme"
keys Tab
type_text json
keys Enter
wait_for "JSON: its own name" "wrote $docs/cxo-acme-hours-$month.json" 20
check "JSON that parses" python3 -c 'import json, sys; json.load(open(sys.argv[1]))' "$docs/cxo-acme-hours-$month.json"
check "no temporary file left" [ "$(ls -A "$docs" | grep -c '')" = 4 ]
keys q
wait_for "the dashboard quits" "cxo exited 0"
exit 0

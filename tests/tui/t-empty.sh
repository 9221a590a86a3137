# t-empty.sh: a new, empty database.  The dashboard says what to do, in
# lines that fit 80 columns, and `a` does it: the client form opens on
# the empty screen and the client it saves is shown.
. "$(dirname "$0")/lib.sh"

run cxo -d "$DB" init
expect_ok "an empty database"
tui_start 80 24
wait_for "the empty dashboard" "No clients yet." 15 || exit 0
expect_screen "the hint names the key" "a adds one"
expect_screen "the sample is offered" "cxo init --sample"
expect_screen_not "no hint is cut at 80 columns" "…"
expect_screen_not "the old hint's detour is gone" "0 then a"

# Keys that need a client say how to get one.
keys L
wait_for "a key needing a client answers" "no client yet: a adds one"

# a on the empty client screen: the client form.
keys a
wait_for "a opens the client form" "New client"
type_text "zoe"
keys Tab
type_text "Zoë Analytics"
keys Enter
wait_gone "the form closes once saved" "New client"
wait_for "the new client's tab" "1 Zoë"
wait_for "its panels show" "Mandates"
expect_screen_not "no empty-database hint left" "No clients yet"
run cxo -d "$DB" client list
expect_out "the client is saved" "Zoë Analytics"
quit_dashboard
exit 0

# t-sync.sh: with sync_auto, the dashboard syncs when it starts and when
# r reloads: another device's change shows up, and the status bar says
# what the sync did; a sync that fails is said there and the dashboard
# goes on.
. "$(dirname "$0")/lib.sh"

sample_db
OTHER=$HOME/laptop/cxo.db F=$HOME/folder
mkdir -p "$HOME/laptop"
"$CXO" -d "$DB" sync init "$F" --device desk >/dev/null 2>&1
"$CXO" -d "$DB" sync key --export "$HOME/key.txt" >/dev/null 2>&1
"$CXO" -d "$OTHER" sync key --import "$HOME/key.txt" >/dev/null 2>&1
run "$CXO" -d "$OTHER" sync init "$F" --device laptop
expect_ok "setup: a second device from the snapshot"
mkdir -p "$XDG_CONFIG_HOME/cxo"
chmod 700 "$XDG_CONFIG_HOME/cxo"
printf 'sync_auto = true;\n' >"$XDG_CONFIG_HOME/cxo/config"
chmod 600 "$XDG_CONFIG_HOME/cxo/config"
run "$CXO" -d "$OTHER" -C acme log 45m "Logged on the laptop"
expect_ok "the laptop logs, and its sync_auto sends it"

tui_start 120 40
wait_for "dashboard up" "1 Acme" 15 || exit 0
wait_for "the start's sync brought the laptop's entry" "Logged on the laptop"
wait_for "the status bar says so" "sync: sent 0, applied 1"

run "$CXO" -d "$OTHER" -C acme log 30m "Second from the laptop"
expect_ok "the laptop logs again"
expect_screen_not "not there before a refresh" "Second from the laptop"
keys r
wait_for "r syncs: the entry shows" "Second from the laptop"

mv "$F" "$F.away"
keys r
wait_for "a sync that fails is said in the status bar" "sync: the sync folder"
expect_screen_not "the dashboard goes on" "cxo exited"
quit_dashboard
exit 0

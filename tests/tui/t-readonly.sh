# t-readonly.sh: a database in a directory its user cannot write (as on a
# read-only mount), with no -wal or -shm beside it: the dashboard shows
# it, says "read-only" in its status bar, and refuses to change anything.
# Root may write anywhere, so the dashboard runs as another user.
. "$(dirname "$0")/lib.sh"

if ! command -v setpriv >/dev/null 2>&1 || [ "$(id -u)" != 0 ]; then
	note "skipped: needs root and setpriv to run the dashboard as another user"
	exit 0
fi
SH=$(mktemp -d /tmp/cxo-ro.XXXXXX)
trap '_finish; chmod -R u+rwx "$SH" 2>/dev/null; rm -rf "$SH"' EXIT
chmod 755 "$SH"
cp "$CXO" "$SH/cxo-real"
printf '#!/bin/sh\nexec setpriv --reuid=65534 --regid=65534 --clear-groups %s "$@"\n' \
	"$SH/cxo-real" >"$SH/cxo"
chmod 755 "$SH/cxo-real" "$SH/cxo"
mkdir -p "$SH/home/ro"
chown -R 65534:65534 "$SH/home"
export TUI_ENV="HOME=$SH/home XDG_CONFIG_HOME=$SH/home/config XDG_DATA_HOME=$SH/home/data XDG_STATE_HOME=$SH/home/state"
CXO=$SH/cxo
DB=$SH/home/ro/cxo.db
# shellcheck disable=SC2086
run env $TUI_ENV "$CXO" -d "$DB" init --sample
expect_ok "setup: the sample portfolio"
rm -f "$DB-wal" "$DB-shm"
chmod 500 "$SH/home/ro"

tui_start 100 30
wait_for "the dashboard opens" "Mandates" 15 || exit 0
expect_screen "the status bar says read-only" "read-only"
keys L
wait_for "a key that writes is refused" "nothing can be changed here"
keys n
expect_screen_not "no note form opens" "New note"
# Switching records no day worked here, quietly; the brief still reads.
keys 2
wait_for "switching works read-only" "2 Medix"
expect_screen_not "no complaint about the day worked" "cannot record"
keys b
wait_for "b shows the brief read-only" "Brief: medix"
keys q
wait_gone "q closes the brief" "Brief: medix"
quit_dashboard
check "nothing was made beside the database" test ! -e "$DB-wal"
exit 0

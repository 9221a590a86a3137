# t-sync-perms.sh: the sync key and the folder's files as other users see
# them.  The key, the device's directory and its files are the user's
# alone; a key that another user planted beside the database (so that
# the victim would write with the attacker's key) is refused, as is one
# open to other users.  Run as two ordinary users (setpriv), since root
# reads anything.
. "$(dirname "$0")/lib.sh"

if ! command -v setpriv >/dev/null 2>&1; then
	skip "setpriv is missing: no other users to act as"
	finish
	exit
fi
if [ "$(id -u)" != 0 ]; then
	skip "run as root to act as two other users with setpriv"
	finish
	exit
fi

VICTIM=65534 ATTACKER=65533
SH=$(mktemp -d /tmp/cxo-sync-perms.XXXXXX)
trap 'rm -rf "$SH"' EXIT
chmod 755 "$SH"
cp "$CXO" "$SH/cxo"
chmod 755 "$SH/cxo"
mkdir -p "$SH/victim/home" "$SH/attacker" "$SH/ww"
chown -R "$VICTIM:$VICTIM" "$SH/victim"
chown -R "$ATTACKER:$ATTACKER" "$SH/attacker"
chmod 755 "$SH/victim"
chmod 1777 "$SH/ww"
V=$SH/victim WW=$SH/ww
as() {
	local uid=$1 dir=$2
	shift 2
	run env -C "$dir" HOME="$V/home" XDG_CONFIG_HOME="$V/home/config" \
		XDG_DATA_HOME="$V/home/data" XDG_STATE_HOME="$V/home/state" \
		setpriv --reuid="$uid" --regid="$uid" --clear-groups "$@"
}
victim() { as "$VICTIM" "$V" "$SH/cxo" "$@"; }
attacker() { as "$ATTACKER" "$SH/attacker" "$@"; }
mode_of() { stat -c %a "$1" 2>/dev/null || echo "<missing>"; }

# ---- the victim's own folder, with a umask that would open everything ----
as "$VICTIM" "$V" sh -c 'umask 0; "$1" -d "$2" client add acme --name "Acme Corp" >/dev/null 2>&1 &&
	"$1" -d "$2" sync init "$3" --device laptop' _ "$SH/cxo" "$V/home/cxo.db" "$V/sync"
expect_ok "init as an ordinary user, umask 0"
expect_eq "the key is 0600" "$(mode_of "$V/home/sync.key")" 600
expect_eq "the device's directory is 0700" "$(mode_of "$V/sync/devices/laptop")" 700
expect_eq "its files are 0600" "$(mode_of "$V/sync/devices/laptop/00000001.changeset")" 600
expect_eq "the snapshot is 0600" "$(stat -c %a "$V"/sync/snapshots/*.snapshot)" 600
attacker cat "$V/home/sync.key"
check "another user cannot read the key" test "$RC" != 0
attacker ls "$V/sync/devices/laptop"
check "nor list the device's files" test "$RC" != 0
as "$VICTIM" "$V" sh -c 'umask 0; "$1" -d "$2" sync key --export "$3"' _ "$SH/cxo" \
	"$V/home/cxo.db" "$V/exported.key"
expect_ok "key --export, umask 0"
expect_eq "the exported key is 0600" "$(mode_of "$V/exported.key")" 600

# ---- a key another user planted beside the database ----
attacker sh -c 'printf "# cxo sync key\n%064d\n" 7 >"$1"; chmod 644 "$1"' _ "$WW/sync.key"
expect_ok "setup: the attacker plants a key in a shared directory"
victim -d "$WW/cxo.db" sync init "$V/sync2" --device desk
expect_rc 77 "the victim does not write with the attacker's key"
expect_err "it names the key's owner" "uid $ATTACKER"
check "refused before the folder was made" test ! -e "$V/sync2"
check "or the database" test ! -e "$WW/cxo.db"

# ---- the victim's key opened to others ----
chmod 644 "$V/home/sync.key"
victim -d "$V/home/cxo.db" sync
expect_rc 77 "a key open to other users is refused"
expect_err "with the fix" "chmod 600"
finish

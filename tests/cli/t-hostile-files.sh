# t-hostile-files.sh: files that others made or can change, read-only
# places, and the true message and exit code for each.
#
# A permission test means nothing as root (root may write a 0400 file), so
# the victim and the attacker are two ordinary users (setpriv), in a
# directory under /tmp that both may enter.
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
SH=$(mktemp -d /tmp/cxo-hostile.XXXXXX)
trap 'chmod -R u+rwx "$SH" 2>/dev/null; rm -rf "$SH"' EXIT
chmod 755 "$SH"
cp "$CXO" "$SH/cxo"
chmod 755 "$SH/cxo"
# Each user's home and own directory; ww is a shared sticky directory.
mkdir -p "$SH/victim/home" "$SH/attacker" "$SH/ww"
chown -R "$VICTIM:$VICTIM" "$SH/victim"
chown -R "$ATTACKER:$ATTACKER" "$SH/attacker"
chmod 700 "$SH/victim" "$SH/attacker"
chmod 1777 "$SH/ww"
V=$SH/victim WW=$SH/ww

# as UID DIR CMD...: CMD as that user in DIR, with the victim's home.
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
size_of() { stat -c %s "$1" 2>/dev/null || echo "<missing>"; }

# ---- 1. another user's -wal and -shm in a shared directory ----
attacker bash -c 'umask 0; : >"$1-wal"; : >"$1-shm"; chmod 666 "$1-wal" "$1-shm"' _ "$WW/w3.db"
expect_ok "setup: the attacker leaves 0666 w3.db-wal and w3.db-shm"
victim -d "$WW/w3.db" init --sample
expect_rc 77 "init beside another user's -wal: refused (EX_NOPERM)"
expect_err "it names the file" "w3.db-wal"
expect_err "it names the owner and mode" "uid $ATTACKER, mode 0666"
expect_err "it says the fix" "remove it"
check "no database was created" test ! -e "$WW/w3.db"
expect_eq "nothing went into the attacker's -wal" "$(size_of "$WW/w3.db-wal")" "0"
attacker rm -f "$WW/w3.db-wal"
victim -d "$WW/w3.db" init --sample
expect_rc 77 "another user's -shm alone: refused"
expect_err "it names the -shm" "w3.db-shm"

# The database itself another user's, open to all.
attacker bash -c 'cp "$1" "$2"; chmod 666 "$2"' _ "$SH/cxo" "$WW/w4.db"
victim -d "$WW/w4.db" client list
expect_rc 77 "another user's database: refused for a read"
expect_err "it says whose" "belongs to another user"
victim -d "$WW/w4.db" client add x --name X
expect_rc 77 "another user's database: refused for a write"

# An attacker's -wal that is a link to a file of the victim's.
as "$VICTIM" "$V" bash -c ': >"$1"; chmod 600 "$1"' _ "$V/precious"
attacker ln -s "$V/precious" "$WW/w5.db-wal"
victim -d "$WW/w5.db" init
expect_rc 77 "a -wal that is a symbolic link: refused, not an I/O error"
expect_err "it says it is a link" "is a symbolic link"
expect_eq "the linked file is untouched" "$(size_of "$V/precious")" "0"

# ---- 2. an existing file is never adopted as it is ----
as "$VICTIM" "$V" bash -c 'umask 022; : > z.db'
victim -d "$V/z.db" -C acme log 1h x
expect_rc 77 "an empty 0644 file: refused for its mode"
expect_err "it says the fix" "chmod 600 $V/z.db"
expect_eq "the file is left empty" "$(size_of "$V/z.db")" "0"
check "no -wal beside it" test ! -e "$V/z.db-wal"
check "no -shm beside it" test ! -e "$V/z.db-shm"
as "$VICTIM" "$V" chmod 600 z.db
victim -d "$V/z.db" -C acme log 1h x
expect_rc 66 "an empty file cxo did not make: refused"
expect_err "it says to run cxo init" "cxo init"
expect_eq "the empty file is still empty" "$(size_of "$V/z.db")" "0"
check "still no -wal" test ! -e "$V/z.db-wal"
victim -d "$V/z.db" client list
expect_rc 66 "reading the empty file: refused too"
expect_err "it says what the file is" "empty file"
victim -d "$V/z.db" init --sample
expect_ok "cxo init sets the empty file up"
expect_out "init says it set up the existing file" "set up the empty file"
victim -d "$V/z.db" -C acme log 1h x
expect_ok "then the log works"
for f in "$V/z.db" "$V/z.db-wal" "$V/z.db-shm"; do
	expect_eq "${f##*/} is 0600" "$(mode_of "$f")" "600"
done

# A new database beside a failed first command: nothing left behind.
victim -d "$V/new.db" -C nobody log 1h x
expect_rc 66 "a write on a database that is not there"
check "it made no file" test ! -e "$V/new.db"

# ---- 3. a read of a 0400 database leaves a usable -shm ----
victim -d "$V/c.db" init --sample
expect_ok "setup: a database"
as "$VICTIM" "$V" bash -c 'chmod 400 c.db; rm -f c.db-wal c.db-shm'
victim -d "$V/c.db" status
expect_ok "status on a 0400 database"
# (SQLite would make them with the file's 0400; no one can write it, so
# it is read as it is.)
check "the read made no -shm" test ! -e "$V/c.db-shm"
check "the read made no -wal" test ! -e "$V/c.db-wal"
as "$VICTIM" "$V" chmod 600 c.db
victim -d "$V/c.db" -C acme log 1h x
expect_ok "after chmod 600 the writes work"
# A 0400 -shm left by an older cxo: the write says what to do, doctor too.
as "$VICTIM" "$V" chmod 400 c.db-shm
victim -d "$V/c.db" -C acme log 1h x
expect_rc 77 "a write with a 0400 -shm: refused with the fix"
expect_err "it says chmod 600" "chmod 600 $V/c.db-shm"
victim -d "$V/c.db" doctor
expect_ne "doctor fails a 0400 -shm" "$RC" "0"
expect_out "doctor says the fix" "chmod 600 $V/c.db-shm"
as "$VICTIM" "$V" chmod 600 c.db-shm
victim -d "$V/c.db" doctor
expect_ok "doctor after the fix"

# ---- 4. a WAL database in a directory it cannot write ----
as "$VICTIM" "$V" mkdir ro
victim -d "$V/ro/c.db" init --sample
as "$VICTIM" "$V" bash -c 'rm -f ro/c.db-wal ro/c.db-shm; chmod 500 ro'
victim -d "$V/ro/c.db" client list --format tsv
expect_ok "a read in a 0500 directory works"
expect_eq "it reads the four clients" "$(line_count "$OUT")" "5"
victim -d "$V/ro/c.db" status --format '%c'
expect_ok "status in a 0500 directory"
expect_out_not "status reads the database" "cxo: -"
check "the read made no -shm" test ! -e "$V/ro/c.db-shm"
victim -d "$V/ro/c.db" -C acme log 1h x
expect_rc 73 "a write there cannot create the -wal: 73"
as "$VICTIM" "$V" chmod 700 ro

# ---- 5. true messages ----
as "$VICTIM" "$V" ln -s c.db link.db
victim -d "$V/link.db" client list
expect_rc 77 "a symbolic link as database: 77"
expect_err "it says so" "is a symbolic link"
expect_err_not "not 'no database yet'" "no database"
as "$VICTIM" "$V" bash -c 'mkdir shut; chmod 000 shut'
victim -d "$V/shut/c.db" client list
expect_rc 77 "a database in a directory we may not search: 77"
expect_err "it says permission denied" "permission denied"
victim -d "$V/shut/c.db" client add x --name X
expect_rc 77 "a write there: 77 too"

# ---- the settings files ----
cfg=$V/home/config/cxo
as "$VICTIM" "$V" bash -c 'mkdir -p "$1/themes" && printf "week_start = \"monday\";\n" >"$1/config" && chmod 666 "$1/config"' _ "$cfg"
victim -d "$V/c.db" client list
expect_rc 77 "a config file others may write: refused"
expect_err "it says the fix" "chmod go-w $cfg/config"
victim -d "$V/c.db" status
expect_ok "status with such a config: still exit 0"
expect_out "status prints the placeholder" "cxo: -"
expect_err_empty "status says nothing on stderr"
as "$VICTIM" "$V" chmod 644 "$cfg/config"
attacker bash -c 'printf "week_start = \"monday\";\n" >"$1"; chmod 644 "$1"' _ "$SH/attacker/evil.conf"
as "$ATTACKER" "$SH/attacker" chmod 755 "$SH/attacker"
victim -d "$V/c.db" -c "$SH/attacker/evil.conf" client list
expect_rc 77 "another user's config file: refused"
expect_err "it says whose" "belongs to another user"
as "$VICTIM" "$V" bash -c 'cp "$1" "$2/themes/loose.theme" && chmod 666 "$2/themes/loose.theme" &&
	printf "theme = \"loose\";\n" >"$2/config"' _ "$CXO_SOURCE_DIR/themes/default.theme" "$cfg"
victim -d "$V/c.db" doctor
expect_ne "doctor fails a theme others may write" "$RC" "0"
expect_out "doctor says the fix" "chmod go-w $cfg/themes/loose.theme"
# A file the configuration includes is settings too.
as "$VICTIM" "$V" bash -c 'printf "@include \"more.conf\"\n" >"$1/config" &&
	printf "week_start = \"monday\";\n" >"$1/more.conf" && chmod 666 "$1/more.conf"' _ "$cfg"
victim -d "$V/c.db" client list
expect_rc 77 "an included file others may write: refused"
expect_err "it names the line and the fix" "config:1: @include \"more.conf\""
expect_err "... and the fix" "chmod go-w"
as "$VICTIM" "$V" chmod 644 "$cfg/more.conf"
victim -d "$V/c.db" client list
expect_ok "an included file of one's own is read"
as "$VICTIM" "$V" rm -f "$cfg/config" "$cfg/more.conf"

# A .cxo-client above the working directory, left by another user.
attacker bash -c 'echo medix >"$1/.cxo-client"' _ "$WW"
as "$VICTIM" "$WW" mkdir mine
as "$VICTIM" "$WW/mine" "$SH/cxo" -d "$V/c.db" use
expect_err "another user's .cxo-client: a warning" "ignoring"
expect_err "the warning names it" "$WW/.cxo-client"
expect_out_not "it does not choose the client" "medix"
as "$VICTIM" "$WW/mine" bash -c 'echo cloudly >.cxo-client; chmod 666 .cxo-client'
as "$VICTIM" "$WW/mine" "$SH/cxo" -d "$V/c.db" use
expect_err "a .cxo-client others may write: a warning" "writable by other users"
expect_out_not "it does not choose the client either" "cloudly"
as "$VICTIM" "$WW/mine" chmod 644 .cxo-client
as "$VICTIM" "$WW/mine" "$SH/cxo" -d "$V/c.db" use
expect_out "a .cxo-client of one's own chooses the client" "cloudly"

# ---- foreign SQL and a wrong schema version ----
as "$VICTIM" "$V" sqlite3 c.db "CREATE TRIGGER evil AFTER INSERT ON notes BEGIN SELECT load_extension('x'); END;"
victim -d "$V/c.db" -C acme note add "hello"
expect_rc 65 "a trigger cxo did not write: 65, not 70"
expect_err "it names what it is" 'unexpected trigger "evil"'
as "$VICTIM" "$V" sqlite3 c.db "DROP TRIGGER evil; PRAGMA user_version = 2;"
victim -d "$V/c.db" -C acme log 1h x
expect_rc 65 "a user_version that does not match the tables: 65, not 70"
expect_err "the tables are not schema 2's" "this is not a database cxo made"

# ---- 6. a file size limit ----
as "$VICTIM" "$V" bash -c 'ulimit -f 1; exec "$0" -d "$1" init --sample' "$SH/cxo" "$V/big.db"
expect_rc 74 "past ulimit -f: 74, not killed by SIGXFSZ"
expect_err "with a message" "big.db"
check "and nothing left behind" test ! -e "$V/big.db"

finish

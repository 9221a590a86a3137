# t-sync-files.sh: files in the sync folder that cxo did not write as they
# are: a byte changed in the data or the header, a file cut short, files
# written with another key, random bytes, a newer schema, a header that
# disagrees with its place, a sync tool's conflicted copy, a gap in the
# numbers.  Each is skipped with a warning naming the file, the run exits
# 0, and the database is byte for byte as before; once the right file is
# back, the next run applies it.
. "$(dirname "$0")/lib.sh"

mkdir -p a b x
A=$PWD/a/cxo.db B=$PWD/b/cxo.db X=$PWD/x/cxo.db F=$PWD/folder G=$PWD/other
run cxo -d "$A" client add acme --name "Acme Corp" --budget 20h
run cxo -d "$A" sync init "$F" --device laptop
expect_ok "setup: the laptop makes the folder"
run cxo -d "$A" sync key --export key.txt
run cxo -d "$B" sync key --import key.txt
run cxo -d "$B" sync init "$F" --device desk
expect_ok "setup: the desk joins"
run cxo -d "$A" -C acme log 1h "workshop"
run cxo -d "$A" sync
expect_out "setup: the laptop sends its entry" "sync: sent 1"
two=$F/devices/laptop/00000002.changeset
cp "$two" good.changeset
before=$(db_dump "$B" | sha256sum)

# flip FILE OFFSET: one byte of FILE changed.
flip() {
	python3 -c 'import sys
p, o = sys.argv[1], int(sys.argv[2])
b = bytearray(open(p, "rb").read()); b[o] ^= 0x5a; open(p, "wb").write(bytes(b))' "$1" "$2"
}
# refused NAME FILE WHY: the desk's sync skips FILE with WHY and changes nothing.
refused() {
	run cxo -d "$B" sync
	expect_ok "$1: the run still succeeds"
	expect_err "$1: a warning names the file" "$2"
	expect_err "$1: and says why" "$3"
	expect_out "$1: nothing applied" "applied 0"
	expect_eq "$1: the database is unchanged" "$(db_dump "$B" | sha256sum)" "$before"
}

flip "$two" 150
refused "a byte of the data changed" "$two" "fails authentication"
cp good.changeset "$two"
flip "$two" 90
refused "a byte of the header's clock changed" "$two" "fails authentication"
cp good.changeset "$two"
truncate -s -7 "$two"
refused "a file cut short" "$two" "is truncated"
head -c 300 /dev/urandom >"$two"
refused "random bytes" "$two" "not a cxo sync file"
cp good.changeset "$two"
python3 -c 'import sys
p = sys.argv[1]; b = bytearray(open(p, "rb").read()); b[12] = 99; open(p, "wb").write(bytes(b))' "$two"
refused "a newer schema" "$two" "written by a newer cxo (schema 99"
mv "$two" "$F/devices/laptop/00000002 (conflicted copy).changeset"
refused "a sync tool's conflicted copy" "00000002 (conflicted copy).changeset" "not a name cxo writes"
rm "$F/devices/laptop/00000002 (conflicted copy).changeset"
cp good.changeset "$two"

# A gap: number 3 is there, 2 is not.
run cxo -d "$A" -C acme log 2h "roadmap"
run cxo -d "$A" sync
mv "$two" two.away
refused "a gap in the numbers" "$F/devices/laptop: change 00000002 is missing" "1 later one waits"

# A header that disagrees with its place.
mkdir "$F/devices/thief"
cp two.away "$F/devices/thief/00000001.changeset"
refused "a copy under another device's name" "thief/00000001.changeset" 'change 2 of "laptop"'
rm -r "$F/devices/thief"

# Files of another folder, written with another key.
run cxo -d "$X" client add other --name "Other Co"
run cxo -d "$X" sync init "$G" --device stranger
expect_ok "setup: a third database with a key of its own"
cp -r "$G/devices/stranger" "$F/devices/stranger"
refused "another key's files" "stranger/00000001.changeset" "fails authentication"
run cxo -d "$X" sync init "$F" --device stranger2
expect_rc 65 "init with another key is refused"
expect_err "it names the key" "is not the key of the folder"
rm -r "$F/devices/stranger"

# The right file back: both changes apply, in order.
mv two.away "$two"
run cxo -d "$B" sync
expect_ok "the good files"
expect_out "are applied once back" "applied 2 from laptop"
expect_err_not "without a warning" "warning"
expect_eq "the desk has both entries" \
	"$(sqlite3 -readonly "$B" "SELECT group_concat(minutes) FROM (SELECT minutes FROM time_entries ORDER BY minutes)")" \
	"60,120"

# ---- snapshots: a damaged newest one gives way to the one before ----
rows() {
	sqlite3 -readonly "$1" ".mode quote" "SELECT * FROM clients ORDER BY 1" \
		"SELECT * FROM time_entries ORDER BY 1"
}
run cxo -d "$A" -C acme log 3h "before the new snapshot"
run cxo -d "$A" sync --snapshot
expect_ok "a second snapshot"
newest=$(ls -t "$F"/snapshots/*.snapshot | head -1)
flip "$newest" 2000
printf 'CXOSYNC junk' >"$F/snapshots/junk.snapshot"
mkdir -p y
run cxo -d y/cxo.db sync key --import key.txt
run cxo -d y/cxo.db sync init "$F" --device yard
expect_ok "joining with the newest snapshot damaged"
expect_err "the damaged snapshot is named" "$newest fails authentication"
expect_err "so is the junk" "junk.snapshot skipped"
expect_out "the older snapshot is taken" "started from a snapshot"
expect_out "and the changes after it" "applied 3 from laptop"
expect_eq "the new device holds what the laptop holds" "$(rows y/cxo.db)" "$(rows "$A")"

# ---- a device's database put back from a backup ----
run cxo -d "$A" backup before.db
expect_ok "setup: a backup of the laptop"
run cxo -d "$A" -C acme log 4h "after the backup"
run cxo -d "$A" sync
run cxo -d "$A" restore before.db
expect_ok "setup: the laptop put back"
run cxo -d "$A" -C acme log 5h "after the restore"
run cxo -d "$A" sync
expect_rc 73 "its numbers are taken by other contents"
expect_err "it says so" "already exists with other contents"

# ---- the key file ----
chmod 644 b/sync.key
run cxo -d "$B" sync
expect_rc 77 "a key open to other users is refused"
expect_err "with the fix" "chmod 600"
chmod 600 b/sync.key
printf 'not a key\n' >bad.key
run cxo -d "$B" sync key --import bad.key
expect_rc 65 "a file that holds no key"
expect_err "names it" "bad.key holds no cxo sync key"
run cxo -d "$B" sync key --import x/sync.key
expect_rc 73 "another key is not taken over the folder's"
expect_err "says --force" "--force"
finish

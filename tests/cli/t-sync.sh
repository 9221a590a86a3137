# t-sync.sh: two databases, one sync folder.  The first device makes the
# folder and its key; the second is refused until it has the key, then
# starts from the snapshot; changes made on each offline meet and both end
# with the same rows; a field changed on both goes to the later change on
# both, is listed with both values and can be turned round; nothing of
# the data is readable in the folder; a third device joins from a
# snapshot and the changes after it.
. "$(dirname "$0")/lib.sh"

mkdir -p a b c
A=$PWD/a/cxo.db B=$PWD/b/cxo.db C=$PWD/c/cxo.db F=$PWD/folder
ca() { run cxo -d "$A" "$@"; }
cb() { run cxo -d "$B" "$@"; }
cc() { run cxo -d "$C" "$@"; }
# The rows sync carries, in a stable order.
rows() {
	local t
	for t in clients mandates time_entries risks actions notes month_locks client_terms \
		note_shares entry_sources; do
		echo "-- $t"
		sqlite3 -readonly "$1" ".mode quote" "SELECT * FROM $t ORDER BY 1" 2>&1
	done
}
same() { expect_eq "$1" "$(rows "$2")" "$(rows "$3")"; }
sync_all() {
	local db
	for db in "$@"; do
		run cxo -d "$db" sync
		expect_ok "sync of ${db#"$PWD"/}"
	done
}

ca client add acme --name "Zanzibar Widgets" --budget 20h
expect_ok "setup: a client on the laptop"
ca -C acme risk add "Quokka breach of the payroll" --likelihood 3 --impact 4
expect_ok "setup: a risk"
ca -C acme log 1h30 "workshop"
expect_ok "setup: an entry"

# ---- the first device makes the folder ----
ca sync
expect_rc 78 "sync before init: not set up"
expect_err "says to run init" "cxo sync init DIR"
ca sync init "$F" --device laptop
expect_ok "init on a new folder"
expect_out "names the device" "device laptop of $F"
expect_out "writes a snapshot for the others" "snapshots/laptop-"
check "the key is beside the database" test -f a/sync.key
expect_eq "the key is private" "$(file_mode a/sync.key)" 600
expect_eq "the device's directory is private" "$(file_mode "$F/devices/laptop")" 700
check "the folder's check file" test -f "$F/cxo-sync"

# ---- the second device needs the key ----
cb sync init "$F" --device desk
expect_rc 78 "init on a folder in use without its key"
expect_err "says to import the key" "cxo sync key --import FILE"
check "refused before any database was made" test ! -e "$B"
ca sync key --export key.txt
expect_ok "key --export"
expect_eq "the exported key is private" "$(file_mode key.txt)" 600
ca sync key --export key.txt
expect_rc 73 "key --export never writes over a file"
cb sync key --import key.txt
expect_ok "key --import"
expect_eq "the imported key is private" "$(file_mode b/sync.key)" 600
cb sync init "$F" --device laptop
expect_rc 73 "a device name taken in the folder"
expect_err "says to choose --device" "--device NAME"
check "still no database" test ! -e "$B"
cb sync init "$F" --device Desk
expect_rc 64 "a bad device name"
cb sync init "$F" --device desk
expect_ok "init of an empty database on a folder in use"
expect_out "it took the snapshot" "started from a snapshot"
same "the snapshot carries every row" "$A" "$B"

# ---- offline on both, then sync ----
ca -C acme log 2h "roadmap"
ca -C acme mandate add "Vendor selection" --due 2027-03-01
expect_ok "laptop: a mandate"
cb -C acme action add "Call the auditor"
expect_ok "desk: an action"
cb -C acme note add "Board wants SOC 2 by spring"
expect_ok "desk: a note"
ca sync
expect_ok "laptop sends"
expect_out "laptop: what it did" "sync: sent 2, applied 0"
cb sync
expect_ok "desk sends and applies"
expect_out "desk applied the laptop's two" "applied 2 from laptop"
ca sync
expect_out "laptop applied the desk's two" "applied 2 from desk"
same "both hold the same rows" "$A" "$B"
ca sync
expect_out "nothing new" "sync: sent 0, applied 0"
ca doctor
expect_ok "doctor passes on the laptop"
cb doctor
expect_ok "doctor passes on the desk"

# ---- a conflict: the later change wins, on both ----
ca client edit acme --budget 30h
expect_ok "laptop: budget 30h"
cb client edit acme --budget 25h
expect_ok "desk: budget 25h, later"
sync_all "$A" "$B" "$A"
budget() { sqlite3 -readonly "$1" "SELECT budget_minutes FROM clients WHERE key = 'acme'"; }
expect_eq "the later value on the laptop" "$(budget "$A")" 1500
expect_eq "the later value on the desk" "$(budget "$B")" 1500
ca sync --conflicts --format json
expect_json "--conflicts --format json"
expect_eq "the laptop lists the conflict" \
	"$(json '" ".join(x["field"] + "=" + x["ours"] + "/" + x["theirs"] + ":" + x["kept"] for x in d)')" \
	"budget_minutes=1800/1500:theirs"
ca sync --conflicts
expect_out "as a table" "budget_minutes"
cid=$(sqlite3 -readonly "$A" "SELECT id FROM sync_conflicts")
ca sync --keep "$cid" ours
expect_ok "--keep ID ours"
expect_out "says so" "now keeps ours"
sync_all "$A" "$B"
expect_eq "the kept value on the laptop" "$(budget "$A")" 1800
expect_eq "the kept value travelled to the desk" "$(budget "$B")" 1800
ca sync --keep 999 ours
expect_rc 66 "--keep of no conflict"
ca sync --keep "$cid" mine
expect_rc 64 "--keep needs ours or theirs"

# ---- nothing readable in the folder ----
check "no client name in the folder" sh -c "! grep -r -a -q 'Zanzibar' '$F'"
check "no risk title in the folder" sh -c "! grep -r -a -q 'Quokka' '$F'"
check "no note in the folder" sh -c "! grep -r -a -q 'auditor' '$F'"

# ---- a third device joins from a snapshot and what came after ----
ca sync --snapshot
expect_ok "--snapshot"
expect_out "names the snapshot" "snapshots/laptop-"
cb -C acme log 45m "after the snapshot"
sync_all "$B"
cc sync key --import key.txt
cc sync init "$F" --device third
expect_ok "a third device joins"
expect_out "from the snapshot" "started from a snapshot"
expect_out "and the change after it" "applied 1 from desk"
sync_all "$A"
same "the third device and the laptop" "$A" "$C"
check "no temporary directory is left beside the database" sh -c "! ls -a c | grep -q cxo-sync"
check "nor beside the snapshot's writer" sh -c "! ls -a a | grep -q cxo-sync"
same "the desk and the laptop" "$A" "$B"

# ---- sync_auto: a write command syncs ----
mkdir -p "$XDG_CONFIG_HOME/cxo"
printf 'sync_auto = true;\n' >"$XDG_CONFIG_HOME/cxo/config"
cb -C acme log 10m "from the desk"
cc -C acme log 15m "auto"
expect_ok "a write with sync_auto"
expect_out_not "its output is the command's alone" "sync:"
expect_err_not "and it says nothing else when all went well" "sync"
expect_eq "it applied the desk's change" \
	"$(sqlite3 -readonly "$C" "SELECT count(*) FROM time_entries WHERE note = 'from the desk'")" 1
check "its change is in the folder at once" test -f "$F/devices/third/00000001.changeset"
mv "$F" "$F.away"
cc -C acme log 15m "folder away"
expect_ok "a sync that fails is not the command's failure"
expect_err "it is a warning" "warning: sync: the sync folder $F is missing"
cc sync
expect_rc 69 "cxo sync with the folder missing"
mv "$F.away" "$F"
rm "$XDG_CONFIG_HOME/cxo/config"

# ---- a database that holds data joins: it is told what travels ----
mkdir d
run cxo -d d/cxo.db client add zeta --name "Zeta"
run cxo -d d/cxo.db sync key --import key.txt
run cxo -d d/cxo.db sync init "$F" --device fourth
expect_ok "a database with data may join"
expect_err "it is warned that its older data stays" "only the changes still in its journal"
expect_out_not "it takes no snapshot" "started from a snapshot"

# ---- the default device name: the host's short name, made a name ----
want=$(hostname | cut -d. -f1 | tr 'A-Z' 'a-z' | sed -E 's/[^a-z0-9]+/-/g; s/^-+//; s/-+$//' | cut -c1-64)
[ -n "$want" ] || want=cxo
mkdir e
run cxo -d e/cxo.db client add eta --name "Eta"
run cxo -d e/cxo.db sync key --import x.key --force
expect_rc 66 "--import of no file"
run cxo -d e/cxo.db sync init "$PWD/other-folder"
expect_ok "init without --device"
expect_out "the device is named after the host ($want)" "device $want of"
run cxo -d e/cxo.db sync key --export e.key
cb sync key --import "$PWD/e.key"
expect_rc 73 "another key over the folder's: refused"
cb sync key --import "$PWD/e.key" --force
expect_ok "--force replaces it"
cb sync
expect_rc 65 "then the folder refuses the key"
expect_err "naming the key" "is not the key of the folder"
cb sync key --import key.txt --force
cb sync
expect_ok "the right key back"
finish

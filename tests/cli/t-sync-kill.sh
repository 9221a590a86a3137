# t-sync-kill.sh: cxo sync killed (SIGKILL) at random points, twenty
# times over on two devices, while each has changes to send and to
# apply: a file half written never counts, a file written but not yet
# recorded as sent is taken as it is the next time, nothing is applied
# twice or half; the runs after converge, both end with the same rows,
# and doctor passes on both.
. "$(dirname "$0")/lib.sh"

mkdir -p a b
A=$PWD/a/cxo.db B=$PWD/b/cxo.db F=$PWD/folder
rows() {
	local t
	for t in clients mandates time_entries risks actions notes month_locks client_terms \
		note_shares entry_sources; do
		echo "-- $t"
		sqlite3 -readonly "$1" ".mode quote" "SELECT * FROM $t ORDER BY 1" 2>&1
	done
}
run cxo -d "$A" client add acme --name "Acme Corp" --budget 20h
run cxo -d "$A" sync init "$F" --device laptop
run cxo -d "$A" sync key --export key.txt
run cxo -d "$B" sync key --import key.txt
run cxo -d "$B" sync init "$F" --device desk
expect_ok "setup: two devices"
for i in 1 2 3 4 5 6 7 8 9 10 11 12; do
	cxo -d "$A" -C acme log "${i}m" "laptop $i" >/dev/null 2>&1
	cxo -d "$B" -C acme action add "desk $i" >/dev/null 2>&1
done
check "setup: twelve changes on each" test "$(sqlite3 -readonly "$B" "SELECT count(*) FROM actions")" = 12

killed=0
for i in $(seq 1 20); do
	# 5 to 60 ms: from opening the database to the middle of the files.
	t=$(printf '0.%03d' $((5 + RANDOM % 56)))
	if [ $((i % 2)) = 0 ]; then db=$A; else db=$B; fi
	timeout --foreground -s KILL "$t" "$CXO" -d "$db" sync >/dev/null 2>&1
	[ $? = 137 ] && killed=$((killed + 1))
done
echo "t-sync-kill.sh: killed $killed of 20 sync runs midway"
for db in "$A" "$B" "$A" "$B"; do
	run cxo -d "$db" sync
	expect_ok "a whole run after the kills"
	expect_err_not "with no warning" "warning"
done
expect_eq "both hold the same rows" "$(rows "$A")" "$(rows "$B")"
expect_eq "every change arrived once" \
	"$(sqlite3 -readonly "$A" "SELECT (SELECT count(*) FROM time_entries) || ' ' || (SELECT count(*) FROM actions)")" \
	"12 12"
run cxo -d "$A" doctor
expect_ok "doctor on the laptop"
run cxo -d "$B" doctor
expect_ok "doctor on the desk"
check "no temporary file took a changeset's name" \
	sh -c "! ls '$F'/devices/*/ | grep -v -E '^([0-9]{8}\.changeset)?$' | grep -v ':$'"

# Killed after writing a file but before recording it as sent: the next
# run finds the file with the same change and takes it as sent; a file of
# other contents in its place is an error, and nothing is recorded.
unsend() {
	sqlite3 "$A" "UPDATE journal SET out_seq = NULL WHERE out_seq = (SELECT out_seq FROM sync_state);
		UPDATE sync_state SET out_seq = out_seq - 1"
}
run cxo -d "$A" -C acme log 5m "after the kills"
run cxo -d "$A" sync
expect_out "setup: the entry sent" "sync: sent 1"
last=$F/devices/laptop/$(printf '%08d' "$(sqlite3 -readonly "$A" "SELECT out_seq FROM sync_state")").changeset
check "setup: the entry was sent" test -f "$last"
sum=$(sha256sum <"$last")
unsend
run cxo -d "$A" sync
expect_ok "the same change found in place"
expect_out "is taken as sent" "sync: sent 1, applied 0"
expect_eq "the file is left as it was" "$(sha256sum <"$last")" "$sum"
unsend
cp "$last" saved.changeset
cp "$F/devices/laptop/00000001.changeset" "$last"
run cxo -d "$A" sync
expect_rc 73 "another change in its place"
expect_err "names the file" "$last already exists with other contents"
run cxo -d "$A" sync
expect_rc 73 "stays refused"
cp saved.changeset "$last"
run cxo -d "$A" sync
expect_out "the right file back: taken as sent" "sync: sent 1"

# One run at a time on a database: another that holds the lock past two
# seconds makes this one give up, changing nothing.
check "the lock file is private" test "$(file_mode "$A.sync-lock")" = 600
exec 9<>"$A.sync-lock"
flock 9
run cxo -d "$A" -C acme log 1m "while locked"
run cxo -d "$A" sync
expect_rc 75 "sync while another holds the database's sync lock"
expect_err "says so" "another cxo is syncing this database"
flock -u 9
exec 9>&-
run cxo -d "$A" sync
expect_out "the lock released: the change goes" "sync: sent 1"

# What killed runs leave: removed by the device's next run after an hour,
# never sooner (another run may be writing it).
: >"$F/devices/laptop/.00000077.changeset.tmp-old"
: >"$F/devices/laptop/.00000078.changeset.tmp-new"
touch -d '2 hours ago' "$F/devices/laptop/.00000077.changeset.tmp-old"
run cxo -d "$A" sync
expect_ok "a run with temporary files about"
check "an hour-old temporary file is removed" test ! -e "$F/devices/laptop/.00000077.changeset.tmp-old"
check "a new one stays" test -e "$F/devices/laptop/.00000078.changeset.tmp-new"
finish

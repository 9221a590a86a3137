# t-backup.sh: a backup is whole or absent.  It is made under a
# temporary name in a private directory beside FILE and only then linked
# to FILE, which it never replaces (not even a dangling symbolic link);
# nothing of the temporary copy stays.  Default names go to the
# millisecond, so two backups in the same second (a frozen clock: the
# same millisecond) both succeed.  (A kill or a failing disk in the middle
# of a backup: tests/faults.)
. "$(dirname "$0")/lib.sh"

db=$PWD/cxo.db
export CXO_DB=$db
run cxo init --sample
expect_ok "setup: the sample portfolio"
before=$(db_dump "$db")

# ---- to a FILE ----
mkdir -p out
run cxo backup out/one.db
expect_ok "backup FILE"
expect_out "says where" "backup out/one.db"
expect_eq "the copy is 0600" "$(file_mode out/one.db)" "600"
expect_eq "the copy is sound" "$(sqlite3 -readonly out/one.db 'PRAGMA integrity_check' 2>&1)" "ok"
expect_eq "the copy holds the data" "$(db_dump out/one.db)" "$before"
expect_eq "nothing else is left beside it" "$(ls -A out)" "one.db"

ln -s "$PWD/out/nowhere.db" out/link.db
run cxo backup out/link.db
expect_rc 73 "a dangling symbolic link is not replaced"
expect_err "names it" "out/link.db"
check "the link is still a link to nowhere" test -L out/link.db -a ! -e out/nowhere.db
expect_eq "and nothing was made" "$(ls -A out | LC_ALL=C sort | tr '\n' ' ')" "link.db one.db "

sum=$(file_sum out/one.db)
run cxo backup out/one.db
expect_rc 73 "an existing file is refused"
expect_err "and named" "out/one.db"
expect_eq "the existing file is untouched" "$(file_sum out/one.db)" "$sum"

run cxo backup missing-dir/two.db
expect_rc 73 "a directory that does not exist"
expect_err "names the backup file" "missing-dir/two.db"

# ---- default names ----
# A frozen clock: both backups in the same millisecond.
if have_faketime; then
	run fake "2026-11-18 10:00:00" "$CXO" backup
	expect_ok "a default backup"
	first=$OUT
	run fake "2026-11-18 10:00:00" "$CXO" backup
	expect_ok "a second default backup in the same millisecond"
	expect_ne "under another name" "$OUT" "$first"
	expect_out_re "a name to the millisecond" 'cxo-20261118-100000-000-2\.db'
	dir=$XDG_DATA_HOME/cxo/backups
	expect_eq "two backups, nothing else" \
		"$(ls -A "$dir" | LC_ALL=C sort | tr '\n' ' ')" \
		"cxo-20261118-100000-000-2.db cxo-20261118-100000-000.db "
else
	skip "faketime missing: the same-millisecond backups are not tested"
fi
run cxo backup
expect_ok "a default backup on the running clock"
expect_out_re "named to the millisecond" 'cxo-[0-9]{8}-[0-9]{6}-[0-9]{3}\.db'

expect_eq "the database is unchanged" "$(db_dump "$db")" "$before"
finish

# t-errors.sh: bad values, their exit codes, and nothing written.
# shellcheck disable=SC1010 # "done" is an argument
. "$(dirname "$0")/lib.sh"

db=$PWD/err.db
export CXO_DB=$db
today=$(date +%F)
tomorrow=$(date -d tomorrow +%F)

run cxo client add acme --name "Acme Services" --role cio --budget 18
expect_ok "setup: client add acme"
run cxo client add beta --name "Beta" --role cto
expect_ok "setup: client add beta"

# No client chosen (the stored choice removed): the message lists the keys.
unset_current "$db"
check "setup: the stored current client removed" test $? = 0
run cxo action list
expect_ne "no client chosen: refused" "$RC" "0"
expect_err "no client chosen: says so" "client"
expect_err "no client chosen: lists acme" "acme"
expect_err "no client chosen: lists beta" "beta"
run cxo log 1h "no client"
expect_ne "log with no client chosen: refused" "$RC" "0"

run cxo use acme
expect_ok "setup: use acme"
run cxo action add "Existing action" --due 2026-12-01
expect_ok "setup: an action"
run cxo log 1h "existing entry"
expect_ok "setup: an entry"

snap=$(db_dump "$db")
unchanged() { # NAME: the database is as it was at the last snapshot
	expect_eq "$1: nothing written" "$(db_dump "$db")" "$snap"
}

# ---- bad data: 65 ----
run cxo action add "Bad date" --due 2026-13-01
expect_rc 65 "bad date"
expect_err "bad date: names the value" "2026-13-01"
run cxo action add "Bad date" --due someday
expect_rc 65 "bad date word"
expect_err "bad date word: names the value" "someday"
run cxo hours --month 2026-13
expect_rc 65 "bad month"
for d in 0 25h abc 1x 0m; do
	run cxo log "$d" "bad duration"
	expect_rc 65 "bad duration \"$d\""
	expect_err "bad duration \"$d\": names the value" "\"$d\""
done
run cxo log -- -1h "negative"
expect_rc 65 "bad duration \"-1h\" (after --)"
run cxo risk add "Too likely" --likelihood 6 --impact 3
expect_rc 65 "likelihood 6"
expect_err "likelihood 6: names the value" "6"
run cxo risk add "Zero impact" --likelihood 3 --impact 0
expect_rc 65 "impact 0"
run cxo risk add "Bad residual" --likelihood 3 --impact 3 --residual 9,1
expect_rc 65 "residual 9,1"
run cxo risk add "Bad category" --likelihood 3 --impact 3 --category weather
expect_rc 65 "unknown risk category"
run cxo client add zed --name "Zed" --role cfo
expect_rc 65 "unknown role"
expect_err "unknown role: names it" "cfo"
expect_err "unknown role: lists the roles" "ciso"
run cxo client add acme --name "Acme again"
expect_rc 65 "duplicate client key"
expect_err "duplicate client key: names it" "acme"
run cxo client add "Bad Key" --name "Bad key"
expect_rc 65 "client key with a space"
run cxo client add zed --name "Zed" --budget lots
expect_rc 65 "bad budget"
run cxo client add zed --name "Zed" --employees -5
expect_rc 65 "negative employees"
for n in 1e3 0x10 " 12" 12x 99999999; do
	run cxo client add zed --name "Zed" --employees "$n"
	expect_rc 65 "employees \"$n\": not a whole number in range"
	expect_err "employees \"$n\": named" "--employees: bad number \"$n\""
done
unchanged "bad values"

# ---- usage: 64 ----
run cxo client list --bogus
expect_rc 64 "unknown option"
expect_err "unknown option: named" "--bogus"
expect_err "unknown option: usage shown" "usage:"
run cxo --bogus client list
expect_rc 64 "unknown global option"
# Every command words an option error the same way.
for cmd in "action list" "client list" "hours" "risk list" "note list" "overview"; do
	run cxo $cmd --format
	expect_rc 64 "$cmd --format without a value"
	expect_err "$cmd: --format needs a value" "--format needs a value"
	run cxo $cmd --bogus
	expect_err "$cmd: unknown option named alike" 'unknown option "--bogus"'
	run cxo $cmd -Z
	expect_err "$cmd: unknown short option named alike" 'unknown option "-Z"'
done
# The one text operand of add: missing, unquoted words, empty.
for spec in "action add|TITLE|action title" "risk add|TITLE|risk title" \
	"mandate add|TITLE|mandate title" "note add|TEXT|note"; do
	IFS='|' read -r cmd what label <<<"$spec"
	run cxo $cmd
	expect_rc 64 "$cmd with nothing to add"
	expect_err "$cmd: names what is missing" "cxo: $cmd: missing $what"
	run cxo $cmd Call the vendor
	expect_rc 64 "$cmd with unquoted words"
	expect_err "$cmd: says to quote" "unexpected argument \"the\" (quote a"
	run cxo $cmd "   "
	expect_rc 65 "$cmd with an empty text"
	expect_err "$cmd: says it is empty" "the $label is empty"
done
unchanged "text operands"

# Every command that takes an ID (or key) counts its operands alike.
for spec in "action done|missing ID" "action show|missing ID" "action defer 1234abcd|missing DAY" \
	"action wait 1234abcd|missing PERSON" "risk show|missing ID" "risk close a b|unexpected argument \"b\"" \
	"risk edit|missing ID" "mandate edit a b|unexpected argument \"b\"" "hours edit|missing ID" \
	"client edit|missing KEY"; do
	IFS='|' read -r cmd want <<<"$spec"
	read -r -a words <<<"$cmd"
	run cxo "${words[@]}"
	expect_rc 64 "$cmd: a usage error"
	expect_err "$cmd: says what is wrong" "cxo: ${words[0]} ${words[1]}: $want"
	expect_err "$cmd: shows the usage" "usage: cxo ${words[0]} ${words[1]}"
done
unchanged "operand counts"

run cxo action list --overdue=yes
expect_rc 64 "a value given to a flag"
expect_err "the flag takes no value" "--overdue takes no value"
run cxo client list --all=yes
expect_err "the flag takes no value, client list" "--all takes no value"
run cxo risk add "Missing value" --likelihood
expect_rc 64 "missing option value"
expect_err "missing option value: names the option" "likelihood"
run cxo client add
expect_rc 64 "missing argument (client add)"
run cxo log
expect_rc 64 "missing argument (log)"
run cxo action defer
expect_rc 64 "missing argument (action defer)"
run cxo note add
expect_rc 64 "missing argument (note add)"
run cxo client show acme extra
expect_rc 64 "extra argument"
run cxo frobnicate
expect_rc 64 "unknown command"
expect_err "unknown command: named" "frobnicate"
run cxo client frobnicate
expect_rc 64 "unknown subcommand"
run cxo action list --format xml
expect_rc 64 "unknown --format"
run cxo --color=sometimes client list
expect_rc 64 "unknown --color"
run cxo action done abc
expect_rc 64 "id prefix shorter than 4"
unchanged "usage errors"

# ---- missing input: 66 ----
run cxo -C nosuch action list
expect_rc 66 "unknown client key (-C)"
expect_err "unknown client key: named" "nosuch"
run cxo client show nosuch
expect_rc 66 "client show of an unknown key"
run cxo use nosuch
expect_rc 66 "use an unknown key"
run cxo action done ffffffff
expect_rc 66 "no such action"
run cxo risk close 0000
expect_rc 66 "no such risk"
run cxo hours rm ffff0000
expect_rc 66 "no such entry"
unchanged "missing items"

# ---- ambiguous id prefix ----
run cxo action add "Twin one"
run cxo action add "Twin two"
run cxo action list --format json
t1=$(json '[a["id"] for a in d if a["title"]=="Twin one"][0]')
t2=$(json '[a["id"] for a in d if a["title"]=="Twin two"][0]')
# Give the twins ids that share their first eight characters (direct SQL:
# no command chooses an id).
python3 - "$db" "$t1" "$t2" <<'EOF'
import sqlite3, sys
db, t1, t2 = sys.argv[1:]
con = sqlite3.connect(db)
for (name,) in con.execute("select name from sqlite_master where type='table'").fetchall():
    cols = [r[1] for r in con.execute("pragma table_info(%s)" % name)]
    if "id" in cols and "title" in cols and "due" in cols:
        con.execute("update %s set id = 'abcd1234' || substr(id, 9) where id = ?" % name, (t1,))
        con.execute("update %s set id = 'abcd1234' || substr(id, 9) where id = ?" % name, (t2,))
con.commit()
EOF
run cxo action list --format json
expect_eq "setup: twin ids share a prefix" "$(json 'sorted(a["id"][:8] for a in d if a["title"].startswith("Twin"))')" '["abcd1234", "abcd1234"]'
snap=$(db_dump "$db")
run cxo action done abcd
expect_rc 64 "ambiguous id prefix"
expect_err "ambiguous prefix: lists the first candidate" "Twin one"
expect_err "ambiguous prefix: lists the second candidate" "Twin two"
unchanged "ambiguous prefix"
run cxo action done "abcd1234${t1:8:5}"
expect_ok "a longer prefix resolves"

# ---- timers ----
run cxo start "first"
expect_ok "start"
snap=$(db_dump "$db")
run cxo start "second"
expect_rc 65 "second start while a timer runs"
expect_err "second start: names the running timer's client" "acme"
run cxo -C beta start "second, other client"
expect_rc 65 "second start for another client"
unchanged "second start"
run cxo cancel
expect_ok "cancel"

if have_faketime; then
	run cxo start "forgotten"
	expect_ok "start a timer to forget"
	snap=$(db_dump "$db")
	run fake "+11h" "$CXO" stop
	expect_ne "stop on a timer older than 10 hours: refused" "$RC" "0"
	expect_err "stop on a forgotten timer: suggests --at or --force" "--at"
	unchanged "stop on a forgotten timer"
	run fake "+11h" "$CXO" status
	expect_ok "status with a forgotten timer"
	expect_out_re "status (default format) flags the forgotten timer" '!|forgot|stale|old|\?'
	run fake "+11h" "$CXO" status --format '[%!]'
	expect_out "status --format %! marks the forgotten timer" "[!]"
	run cxo status --format '[%!]'
	expect_out "status --format %! is empty for a fresh timer" "[]"
	run fake "+11h" "$CXO" stop --force
	expect_ok "stop --force on a forgotten timer"
	run cxo hours --format json
	expect_eq "stop --force logged the 11 hours" "$(json '[e["minutes"] for e in d["entries"] if e["note"]=="forgotten"]')" "[660]"

	run fake "@$today 23:30:00" "$CXO" start "across midnight"
	expect_ok "start before midnight"
	snap=$(db_dump "$db")
	run fake "@$tomorrow 00:20:00" "$CXO" stop
	expect_ne "stop across midnight: refused" "$RC" "0"
	unchanged "stop across midnight"
	run cxo cancel
	expect_ok "cancel the midnight timer"
else
	skip "forgotten-timer checks need faketime"
fi

# ---- foreign files ----
printf 'just some notes\nnot a database\n' >notes.txt
chmod 600 notes.txt # private, as a database must be: the content is the point
sum=$(file_sum notes.txt)
run cxo -d "$PWD/notes.txt" client list
expect_rc 65 "a text file as database: refused (read)"
run cxo -d "$PWD/notes.txt" client add x --name X
expect_rc 65 "a text file as database: refused (write)"
expect_err "a text file as database: says it is not a cxo database" "not a cxo database"
expect_eq "the text file is unchanged" "$(file_sum notes.txt)" "$sum"
check "no -wal beside the text file" test ! -e notes.txt-wal

# Direct SQL: a SQLite file that is not cxo's is the point.
sqlite3 foreign.db 'CREATE TABLE recipes(name TEXT); INSERT INTO recipes VALUES ("soup");'
chmod 600 foreign.db
sum=$(file_sum foreign.db)
run cxo -d "$PWD/foreign.db" client add x --name X
expect_rc 65 "a foreign sqlite database: refused"
expect_err "a foreign sqlite database: says it is not a cxo database" "cxo"
run cxo -d "$PWD/foreign.db" init
expect_rc 65 "init on a foreign sqlite database: refused"
expect_eq "the foreign database is unchanged byte for byte" "$(file_sum foreign.db)" "$sum"
expect_eq "the foreign database keeps only its table" "$(sqlite3 -readonly foreign.db .tables)" "recipes"

cp "$db" newer.db
# Direct SQL: no cxo command writes a newer schema version.
sqlite3 newer.db 'PRAGMA user_version = 999;'
sum=$(file_sum newer.db)
run cxo -d "$PWD/newer.db" client list
expect_rc 65 "a database from a newer cxo: refused (read)"
expect_err_re "a newer database: the message says so" 'newer|version'
run cxo -d "$PWD/newer.db" log 1h
expect_rc 65 "a database from a newer cxo: refused (write)"
expect_eq "the newer database is unchanged" "$(file_sum newer.db)" "$sum"

# A file from the previous schema: reads use it as it is (a status line
# keeps working after an upgrade of cxo), the first write upgrades it.
run cxo -d "$PWD/old.db" init --sample
expect_ok "setup: a sample database"
# Direct SQL: the schema 1 file is made by taking schema 2's, 3's and 4's
# tables, columns, triggers and indexes away (a waiting action's owner
# was the person waited for); no cxo command writes an old schema.
sqlite3 old.db 'PRAGMA wal_checkpoint(TRUNCATE);' >/dev/null
cp old.db current.db
# Schema 1's table of entries exactly as its migration wrote it: a file
# whose schema differs from the one cxo made at its version is refused.
v1_entries='CREATE TABLE time_entries ( id TEXT NOT NULL PRIMARY KEY CHECK (length(id) = 36 AND id NOT GLOB '\''*[^0-9a-f-]*'\''), client_id TEXT NOT NULL REFERENCES clients(id) ON DELETE CASCADE, mandate_id TEXT REFERENCES mandates(id) ON DELETE SET NULL, day TEXT NOT NULL CHECK (day GLOB '\''[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'\''), minutes INTEGER NOT NULL  CHECK (typeof(minutes) = '\''integer'\'' AND minutes > 0 AND minutes <= 1440), note TEXT CHECK (length(note) <= 10000), billable INTEGER NOT NULL DEFAULT 1 CHECK (billable IN (0, 1)), created TEXT NOT NULL CHECK (created GLOB '\''[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]:[0-6][0-9]Z'\''))'
sqlite3 old.db "$schema_5_undo"'DROP INDEX actions_open_client_list;
	UPDATE actions SET owner = waiting_for WHERE status = '"'waiting'"';
	ALTER TABLE actions DROP COLUMN waiting_for;
	DROP TRIGGER risk_cells_insert; DROP TRIGGER risk_cells_delete;
	DROP TRIGGER risk_cells_update_old; DROP TRIGGER risk_cells_update_new; DROP TABLE risk_cells;
	DROP TRIGGER entry_days_insert; DROP TRIGGER entry_days_delete;
	DROP TRIGGER entry_days_update; DROP TABLE entry_days;
	DROP INDEX risks_open_client_score;
	DROP INDEX mandates_id_title; DROP INDEX risks_id_title;
	ALTER TABLE time_entries RENAME TO te2;
	'"$v1_entries"';
	INSERT INTO time_entries SELECT id, client_id, mandate_id, day, minutes, note, billable, created
	 FROM te2;
	DROP TABLE te2;
	CREATE INDEX time_entries_client_day ON time_entries(client_id, day, minutes, billable);
	CREATE INDEX time_entries_day ON time_entries(day, minutes, billable);
	CREATE INDEX time_entries_mandate ON time_entries(mandate_id) WHERE mandate_id IS NOT NULL;
	PRAGMA user_version = 1;'
sum=$(file_sum old.db)
run cxo -d "$PWD/current.db" status --format '%c %h/%b'
want=$OUT
run cxo -d "$PWD/old.db" status --format '%c %h/%b'
expect_ok "status on a schema 1 file"
expect_eq "status adds up the month from the entries, as the daily totals do" "$OUT" "$want"
run cxo -d "$PWD/old.db" hours --format tsv
expect_ok "hours on a schema 1 file"
# risk_fields TSV: the key, open_risks and top_score fields of the overview.
risk_fields() {
	printf '%s\n' "$1" | awk -F'\t' 'NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i }
		{ print $c["key"] "\t" $c["open_risks"] "\t" $c["top_score"] }'
}
run cxo -d "$PWD/current.db" overview --format tsv
want=$OUT
run cxo -d "$PWD/old.db" overview --format tsv
expect_ok "overview on a schema 1 file"
expect_eq "it counts the open risks themselves, as the kept counts do" \
	"$(risk_fields "$OUT")" "$(risk_fields "$want")"
run cxo -d "$PWD/current.db" action list --all --format tsv
want=$OUT
run cxo -d "$PWD/old.db" action list --all --format tsv
expect_ok "action list on a schema 1 file (no title indexes)"
expect_eq "it lists the same actions, linked titles too" "$OUT" "$want"
run cxo -d "$PWD/old.db" doctor
expect_ok "doctor only warns about a schema 1 file"
expect_out "doctor says the next write upgrades it" "the next write command upgrades it"
expect_eq "reads left the schema 1 file unchanged" "$(file_sum old.db)" "$sum"
run cxo -d "$PWD/old.db" log 30m "upgrade"
expect_ok "a write on a schema 1 file"
# The schema version itself (direct SQL: no command prints it).
expect_eq "the write upgraded it" "$(sqlite3 -readonly old.db 'PRAGMA user_version')" \
	"$(sqlite3 -readonly current.db 'PRAGMA user_version')"
run cxo -d "$PWD/old.db" doctor
expect_ok "doctor after the upgrade"
expect_out "the daily totals were built from the entries" "ok   daily totals"
expect_out "the open risk counts were built from the risks" "ok   open risk counts"
expect_out "every waiting action names the person it waits for" "ok   waiting actions"
run cxo -d "$PWD/current.db" action list --all --format tsv
want=$OUT
run cxo -d "$PWD/old.db" action list --all --format tsv
expect_eq "the upgrade moved each waiting action's person out of its owner" "$OUT" "$want"
run cxo -d "$PWD/old.db" overview --format tsv
want=$OUT
run cxo -d "$PWD/current.db" overview --format tsv
expect_eq "the upgraded file's overview counts risks as a current one does" \
	"$(risk_fields "$OUT")" "$(risk_fields "$want")"
run cxo -d "$PWD/current.db" log 30m "upgrade"
run cxo -d "$PWD/current.db" status --format '%c %h/%b'
want=$OUT
run cxo -d "$PWD/old.db" status --format '%c %h/%b'
expect_eq "the upgraded file counts the new entry as a current one does" "$OUT" "$want"

# A damaged database: doctor says so and fails.
run cxo -d "$PWD/damaged.db" init --sample
expect_ok "setup: a database with the sample portfolio"
# Everything into the main file before garbling it (direct SQL: damage is the point).
sqlite3 "$PWD/damaged.db" 'PRAGMA wal_checkpoint(TRUNCATE);' >/dev/null
python3 - "$PWD/damaged.db" <<'EOF_PY'
import os, sys
path = sys.argv[1]
size = os.path.getsize(path)
with open(path, "r+b") as f:
    # Garble the middle of every third page (never page 1): the last
    # pages may be the journal's changesets, whose bytes no check reads.
    for off in range(4096 + 200, size - 100, 3 * 4096):
        f.seek(off)
        f.write(b"\xde\xad\xbe\xef" * 50)
EOF_PY
run cxo -d "$PWD/damaged.db" doctor
expect_ne "doctor on a damaged database: fails" "$RC" "0"
check "doctor on a damaged database: says so" bash -c 'printf "%s" "$1" | grep -qiE "integrity|damaged|malformed|corrupt"' _ "$OUT$ERR"

# ---- configuration ----
mkdir -p "$XDG_CONFIG_HOME/cxo"
printf '# cxo\ntheme = "default";\nweek_start = ;\n' >"$XDG_CONFIG_HOME/cxo/config"
run cxo client list
expect_rc 78 "a bad config file"
expect_err "a bad config file: file:line" "config:3"
rm "$XDG_CONFIG_HOME/cxo/config"
printf 'hours_style = "sideways";\n' >bad.conf
run cxo -c "$PWD/bad.conf" client list
expect_rc 78 "a bad config value (-c)"
expect_err "a bad config value: named" "sideways"
run env CXO_CONFIG="$PWD/bad.conf" "$CXO" client list
expect_rc 78 "a bad config value (CXO_CONFIG)"
run cxo -c "$PWD/missing.conf" client list
expect_rc 78 "a missing -c file"
expect_err "a missing -c file: named" "missing.conf"
run cxo client list
expect_ok "no config file at all is fine"

# A bad settings file (a misspelt name): every command stops on it, but
# the status line stays one quiet line and doctor reports it as a check.
printf 'week_strat = "sun";\n' >"$XDG_CONFIG_HOME/cxo/config"
run cxo client list
expect_rc 78 "a misspelt setting stops a command"
expect_err "a misspelt setting: file:line" "config:1: unknown setting \"week_strat\""
expect_err "a misspelt setting: the likely name" "did you mean \"week_start\"?"
run cxo status
expect_ok "status with a bad config file exits 0"
expect_eq "status with a bad config file prints the placeholder" "$OUT" $'cxo: -\n'
expect_err_empty "status with a bad config file is quiet on stderr"
run cxo status --tmux --format '%c %P'
expect_ok "status --format with a bad config file exits 0"
expect_err_empty "status --format with a bad config file is quiet on stderr"
run cxo doctor
expect_rc 65 "doctor with a bad config file fails at the end"
expect_out_re "doctor: the config is one failed check with file:line" \
	'^FAIL config: .*/cxo/config:1: unknown setting "week_strat".*did you mean "week_start"\?'
expect_out "doctor: says the other checks use the defaults" "the checks below use the default settings"
expect_eq "doctor: one failed check" "$(grep -c '^FAIL' <<<"$OUT")" "1"
expect_out "doctor: goes on to the theme" "ok   theme default"
expect_out "doctor: goes on to the database" "ok   database $db"
expect_out "doctor: goes on to the integrity" "ok   integrity"
expect_out "doctor: goes on to the permissions" "ok   permissions $db"
expect_err_empty "doctor with a bad config file: the report is on stdout"
run cxo doctor --rebuild-totals
expect_rc 78 "doctor --rebuild-totals writes nothing with a bad config file"
run cxo help status
expect_ok "help works with a bad config file"
run cxo __complete use ''
expect_ok "completion with a bad config file"
expect_err_empty "completion with a bad config file is quiet"
printf 'week_start = ;\n' >"$XDG_CONFIG_HOME/cxo/config"
run cxo doctor
expect_rc 65 "doctor with a config that does not parse"
expect_out_re "doctor: a syntax error with file:line" '^FAIL config: .*/cxo/config:1: '
run cxo -c "$PWD/missing.conf" doctor
expect_rc 65 "doctor with a missing -c file"
expect_out "doctor: names the missing file" "FAIL config: $PWD/missing.conf: no such configuration file"
rm "$XDG_CONFIG_HOME/cxo/config"
run cxo doctor
expect_ok "doctor once the config file is gone"

# ---- a missing database is never created by reading ----
nodb=$PWD/nodb/cxo.db
for c in "client list" "action list" "hours" "overview" "risk list" "note list" "mandate list" "doctor"; do
	# shellcheck disable=SC2086
	run cxo -d "$nodb" -C acme $c
	expect_ne "$c on a missing database: refused" "$RC" "0"
	check "$c on a missing database: nothing created" test ! -e "$nodb"
done
check "reading a missing database makes no directory" test ! -e "$PWD/nodb"
run cxo -d "$nodb" client add x --name X --role cfo
expect_rc 65 "a bad value on a missing database"
check "a bad value creates no database" test ! -e "$nodb"
run cxo -d "$nodb" log 0
expect_ne "log 0 on a missing database: refused" "$RC" "0"
check "log 0 creates no database" test ! -e "$nodb"

finish

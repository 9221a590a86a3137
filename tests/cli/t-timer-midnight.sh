# t-timer-midnight.sh: a session past midnight.  stop --at HH:MM earlier
# than the start is the next day's end when the session is then within
# the timer limit (23:00 to 00:30), logged on the day it started; a time
# the next day does not explain is refused, as is an end still to come.
. "$(dirname "$0")/lib.sh"

if ! have_faketime; then
	skip "the timer's clock needs faketime"
	finish
	exit
fi

db=$PWD/midnight.db
export CXO_DB=$db
run cxo client add acme --name "Acme" --budget 20
expect_ok "setup: a client"

# entries_of NOTE: the day and minutes of the entries with that note.
entries_of() {
	run cxo hours --from 2026-11-01 --to 2026-12-01 --format json
	json '[(e["date"], e["minutes"]) for e in d["entries"] if e["note"] == args[0]]' "$1"
}

run fake "@2026-11-18 23:00:00" "$CXO" start "late call with the US team"
expect_ok "start at 23:00"
snap=$(db_dump "$db")
run fake "@2026-11-19 00:40:00" "$CXO" stop
expect_rc 65 "stop without --at after midnight: still wants the end time"
expect_err "it says how" "--at HH:MM"
expect_eq "nothing written" "$(db_dump "$db")" "$snap"
run fake "@2026-11-19 00:40:00" "$CXO" stop --at 00:30
expect_ok "stop --at 00:30, past midnight, without --force"
expect_out "logged on the day the session started" "logged 1.5h for acme on 2026-11-18"
expect_eq "an hour and a half on the 18th" "$(entries_of "late call with the US team")" '[["2026-11-18", 90]]'

run fake "@2026-11-18 23:00:00" "$CXO" start "too early"
snap=$(db_dump "$db")
run fake "@2026-11-18 23:40:00" "$CXO" stop --at 00:30
expect_rc 65 "the next day's 00:30 has not come yet"
expect_err "says it is in the future" "--at 00:30 on 2026-11-19 is in the future"
expect_eq "nothing written" "$(db_dump "$db")" "$snap"
run fake "@2026-11-18 23:40:00" "$CXO" stop --at 23:30
expect_ok "a time after the start: that day's"
expect_eq "half an hour" "$(entries_of "too early")" '[["2026-11-18", 30]]'

run fake "@2026-11-20 15:00:00" "$CXO" start "forgotten overnight"
snap=$(db_dump "$db")
run fake "@2026-11-21 09:00:00" "$CXO" stop --at 02:00
expect_rc 65 "a next-day end past the timer limit: refused"
expect_err "says why" "--at 02:00 is before the timer started (15:00 on 2026-11-20), and 02:00 the next day would make 11h, longer than the timer limit (10h)"
expect_eq "nothing written" "$(db_dump "$db")" "$snap"
run fake "@2026-11-21 09:00:00" "$CXO" stop --at 14:00
expect_rc 65 "a time before the start that the next day cannot be"
expect_err "its message" "would make 23h, longer than the timer limit (10h)"
mkdir -p "$XDG_CONFIG_HOME/cxo"
printf 'timer_limit_hours = 12;\n' >"$XDG_CONFIG_HOME/cxo/config"
run fake "@2026-11-21 09:00:00" "$CXO" stop --at 02:00
expect_ok "with a 12-hour limit, the same end is plausible"
expect_eq "eleven hours on the 20th" "$(entries_of "forgotten overnight")" '[["2026-11-20", 660]]'
rm -f "$XDG_CONFIG_HOME/cxo/config"

run cxo help stop
expect_out "cxo help stop says where a session past midnight goes" "The entry goes on the day the timer started"

finish

# t-ranges.sh: stored numbers outside the ranges cxo writes (a budget of
# 2^63 - 1 minutes, which the schema allows; a timer started at -2^63 or
# an entry of 2^63 - 1 minutes, which only a file edited behind SQLite's
# back holds) are read as the nearest value in range: every command
# answers, nothing overflows (make sanitize: UBSan stays quiet).
. "$(dirname "$0")/lib.sh"

export CXO_DB=$PWD/cxo.db
run cxo init
expect_ok "setup: init"
run cxo client add acme --name Acme --role cio --budget 20h
expect_ok "setup: a client"
run cxo log 1h "board deck"
expect_ok "setup: an hour"

# A budget the schema's CHECK allows (>= 0), far past any month's hours.
sqlite3 cxo.db 'UPDATE clients SET budget_minutes = 9223372036854775807;'
run cxo status --format '%h/%b %p%%'
expect_ok "status with a budget of 2^63 - 1 minutes"
expect_eq "read as the largest budget cxo takes (744h, a month of days)" "$OUT" $'1/744h 0%\n'
for cmd in overview "client list" hours "client show acme"; do
	run cxo $cmd
	expect_ok "$cmd with that budget"
	expect_out_not "$cmd: no overflowed hours" "153722867280912930"
	expect_out "$cmd: the budget as read" "744h"
done
run cxo overview --format json
expect_eq "the JSON says so too" "$(json 'd[0]["budget_minutes"]')" 44640
run cxo client edit acme --budget 20h
expect_ok "the budget can be set right"
run cxo status --format '%h/%b'
expect_eq "and reads back" "$OUT" $'1/20h\n'

# A timer started at -2^63: only ignore_check_constraints stores it.
sqlite3 cxo.db "PRAGMA ignore_check_constraints = ON;
	INSERT INTO timer(id, slot, client_id, note, started) VALUES
	('00000000-0000-4000-8000-000000000001', 1, (SELECT id FROM clients), 'x',
	 -9223372036854775808);"
run cxo status --format '%c%t%! %T'
expect_ok "status with a timer started at -2^63"
expect_out "status: read as started at 1970-01-01 00:00 UTC" "acme ⏱ "
run cxo start "another"
expect_rc 65 "start: a timer is running"
expect_err "start: since when it was read" "since 1970-01-01"
run cxo stop
expect_rc 65 "stop: longer than an entry can be"
expect_err "stop: says how to end it" "give the end time on 1970-01-01 with --at HH:MM"
run cxo cancel
expect_ok "cancel ends it"

# An entry of 2^63 - 1 minutes and a risk of likelihood 99.
sqlite3 cxo.db "PRAGMA ignore_check_constraints = ON;
	UPDATE time_entries SET minutes = 9223372036854775807;
	INSERT INTO risks(id, client_id, title, likelihood, impact, opened) VALUES
	('00000000-0000-4000-8000-000000000002', (SELECT id FROM clients), 'Odd', 99, 3,
	 '2026-01-01');"
run cxo hours --format tsv
expect_ok "hours with an entry of 2^63 - 1 minutes"
expect_out "the entry reads as a day's 24h" $'\t1440\t24.00\t'
run cxo risk list --format tsv
expect_ok "risk list with likelihood 99"
expect_out "read as 5: score 15" $'\t15\t'
expect_out "likelihood 5, impact 3" $'\t5\t3\t'
run cxo overview
expect_ok "overview with both"

finish

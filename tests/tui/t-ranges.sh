# t-ranges.sh: the dashboard on a client whose stored numbers lie outside
# the ranges cxo writes (a budget of 2^63 - 1 minutes, a timer started at
# -2^63): they are read as the nearest value in range, and nothing
# overflows (make sanitize: UBSan would stop the dashboard).
. "$(dirname "$0")/lib.sh"

sample_db
sqlite3 "$DB" "UPDATE clients SET budget_minutes = 9223372036854775807 WHERE key = 'acme';
	PRAGMA ignore_check_constraints = ON; DELETE FROM timer;
	INSERT INTO timer(id, slot, client_id, note, started) VALUES
	('00000000-0000-4000-8000-000000000001', 1, (SELECT id FROM clients WHERE key = 'acme'),
	 'forgotten', -9223372036854775808);"
tui_start 120 40
wait_for "dashboard up" "1 Acme" 15 || exit 0
keys 1
wait_for "acme's hours against the budget read as 744h" "budget 744h a month"
expect_screen_not "no overflowed hours" "153722867280912930"
keys 0
wait_for "the portfolio" "Capacity:"
quit_dashboard
exit 0

# t-pace.sh: the pace of a month in the shell: on pace within the
# tolerance, too early to tell at the start of a month, behind for a
# retainer left unused, and the settings that tune it.
. "$(dirname "$0")/lib.sh"

conf=$XDG_CONFIG_HOME/cxo/config
mkdir -p "$XDG_CONFIG_HOME/cxo"

run cxo init
run cxo client add acme --name "Acme" --role cio --budget 25
expect_ok "a client with 25h a month"
run cxo client add idle --name "Idle" --role cto --budget 12.5
expect_ok "a client with 12.5h a month and no hours"
run cxo use acme

# ---- a past month: judged whole ----
last=$(date -d "$(date +%Y-%m-01) -1 day" +%F)
run cxo log 20h "most of it" --date "$last"
expect_ok "20h last month"
run cxo hours --month last
expect_out "20h of 25h last month is behind" "20h of 25h (80%), billable 20h: behind"
run cxo hours --month last --format json
expect_eq "hours json: behind" "$(json 'd["summary"][0]["level"]')" "behind"
run cxo log 2.5h "the rest" --date "$last"
run cxo hours --month last
expect_out "22.5h of 25h reaches budget_warning (90%)" "22.5h of 25h (90%), billable 22.5h: warning"
# With the warning at 95, 22.5h is on pace: the tolerance's edge (25h - 10%).
printf 'budget_warning = 95;\n' >"$conf"
run cxo hours --month last
expect_out "22.5h of 25h, warning at 95%: ok" "22.5h of 25h (90%), billable 22.5h: ok"
printf 'budget_warning = 95;\npace_tolerance_percent = 5;\n' >"$conf"
run cxo hours --month last
expect_out "22.5h of 25h with a 5% tolerance: behind" "billable 22.5h: behind"
run cxo hours --month last --all-clients
expect_out "the total against the capacity is never behind" "capacity (18%), billable 22.5h: ok"
rm -f "$conf"

# ---- the settings are checked ----
printf 'pace_tolerance_percent = 150;\n' >"$conf"
run cxo overview
expect_rc 78 "a tolerance over 100 is refused"
expect_err "the bad tolerance is named" "pace_tolerance_percent: bad value 150"
printf 'pace_too_early_percent = "soon";\n' >"$conf"
run cxo overview
expect_rc 78 "a too-early share that is not a number is refused"
expect_err "the bad share is named" "pace_too_early_percent: bad value \"soon\""
rm -f "$conf"

# ---- this month, on fixed days ----
if have_faketime; then
	db=$PWD/pace.db
	at() { run fake "@$1 10:00:00" "$CXO" -d "$db" "${@:2}"; }
	at 2026-12-01 client add acme --name "Acme" --role cio --budget 25
	at 2026-12-01 client add idle --name "Idle" --role cto --budget 12.5
	at 2026-12-01 client add busy --name "Busy" --role cio --budget 20
	at 2026-12-01 use acme
	# One meeting on 2 December: on pace, not a warning.
	at 2026-12-02 log 2h "leadership meeting"
	at 2026-12-02 overview
	expect_out_re "one meeting on 2 December is on pace" '^\* +acme .* 2/25h +8% ok '
	expect_out_re "0h of 12.5h on 2 December: too early to tell" '^ +idle .* 0/12.5h +0% ok '
	at 2026-12-02 status --format '%c %P'
	expect_eq "status %P on 2 December" "$OUT" $'acme ok\n'
	at 2026-12-02 hours
	expect_out "hours on 2 December: too early to tell" "projected 23h: ok (too early to tell)"
	at 2026-12-02 client show acme
	expect_out "client show on 2 December: too early to tell" "projected 23h: ok (too early to tell)"
	at 2026-12-02 hours --format json
	expect_eq "hours json: the level stays a word" "$(json 'd["summary"][0]["level"]')" "ok"
	# Friday 4 December is the 4th of 23 working days (17%): still too early.
	at 2026-12-04 overview --format json
	expect_eq "4 December: no judgment yet" "$(json '[c["pace"] for c in d]')" '["ok", "ok", "ok"]'
	# Monday 7 December, the 5th (21.7%): the idle retainer is behind.
	at 2026-12-07 -C busy log 6h "workshop"
	at 2026-12-07 overview
	expect_out_re "7 December: 0h of 12.5h is behind" '^ +idle .* 0/12.5h +0% behind '
	expect_out_re "7 December: 2h of 25h is behind" '^\* +acme .* 2/25h +8% behind '
	expect_out_re "7 December: 6h of 20h (projected 27.6h) is a warning" '^ +busy .* 6/20h +30% warn '
	at 2026-12-07 status --format '%c %P'
	expect_eq "status %P shows behind" "$OUT" $'acme behind\n'
	at 2026-12-07 -C idle hours
	expect_out "hours: the idle retainer is behind" "projected 0h: behind"
	# A later share: too early again.
	printf 'pace_too_early_percent = 50;\n' >"$conf"
	at 2026-12-07 overview --format json
	expect_eq "with 50% too early, nothing is judged on the 5th day" \
		"$(json '[c["pace"] for c in d]')" '["ok", "ok", "ok"]'
	printf 'pace_too_early_percent = 0;\n' >"$conf"
	at 2026-12-02 overview --format json
	expect_eq "with 0% too early, 2 December is judged" \
		"$(json '{c["key"]: c["pace"] for c in d if c["key"] != "busy"}')" '{"acme": "ok", "idle": "behind"}'
	rm -f "$conf"
	# Colour: behind in cyan, warning in yellow.
	at 2026-12-07 --color=always overview
	expect_out "behind is cyan" $'\e[36m0% behind'
	expect_out "warning is yellow" $'\e[33m30% warn'
else
	skip "the pace of this month needs faketime"
fi

finish

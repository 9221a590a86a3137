# t-currency.sh: the client form takes a currency code in any case, as
# the shell does, and the store keeps it upper case.
. "$(dirname "$0")/lib.sh"

sample_db
tui_start 120 40
wait_for "dashboard up" "1 Acme" 15 || exit 0
keys 0
wait_for "the portfolio" "Capacity:"
keys e
wait_for "e on the acme card opens the client form" "Currency:"
# Key, Name, Role, Budget, Rate, then Currency.
keys Tab Tab Tab Tab Tab C-u
type_text "eur"
keys Enter
wait_gone "a lower-case code is accepted: the form closes" "Currency:"
expect_screen_not "no complaint about the case" "bad currency"
run cxo -d "$DB" client list --format json
expect_eq "kept upper case" "$(python3 -c 'import json,sys; print([c["currency"] for c in json.load(sys.stdin) if c["key"] == "acme"])' <<<"$OUT")" "['EUR']"
quit_dashboard
exit 0

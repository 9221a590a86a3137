# t-keys-doc.sh: the dashboard's key table and the KEYS section of cxo(1)
# agree: every key `cxo ui --list-keys` prints is documented there, and
# the section documents no key the table lacks.  Also the `ui` options
# that need no terminal.
. "$(dirname "$0")/lib.sh"

man_page=$CXO_SOURCE_DIR/man/cxo.1

run cxo ui --list-keys
expect_ok "ui --list-keys"
expect_err_empty "ui --list-keys: quiet on stderr"
keys=$OUT
expect_out_re "one KEY<TAB>DESCRIPTION per line" $'^[^\t]+\t[^\t]+$'
expect_out "the quit key is listed" $'q\tquit'
expect_out "client keys are listed" $'1-9\t'

# The KEYS section as the reader sees it (mandoc output without
# overstriking), and as written (one .It per key).
if command -v mandoc >/dev/null 2>&1; then
	section=$(mandoc -T ascii -O width=200 "$man_page" | sed 's/.\x08//g' |
		awk '/^KEYS$/ { on = 1; next } /^[A-Z][A-Z ]+$/ { on = 0 } on')
	expect_ne "cxo(1) has a KEYS section" "$section" ""
	while IFS=$'\t' read -r label help; do
		[ -n "$label" ] || continue
		if printf '%s\n' "$section" | grep -qF -- "$label"; then
			_pass
		else
			_fail "key \"$label\" is in cxo(1) KEYS" "not found; the key table says: $label	$help"
		fi
	done <<<"$keys"
else
	skip "mandoc is not installed: the rendered KEYS section is not checked"
fi
items=$(awk '/^\.Sh KEYS/ { on = 1; next } /^\.Sh / { on = 0 } on && /^\.It /' "$man_page" | grep -c '')
table=$(printf '%s\n' "$keys" | grep -c $'\t')
expect_eq "KEYS documents as many keys as the table has" "$items" "$table"
while IFS=$'\t' read -r label _; do
	[ -n "$label" ] || continue
	if grep -qF -- ".It Ic \"$label\"" "$man_page"; then
		_pass
	else
		_fail "key \"$label\" has its own .It in KEYS" "no line '.It Ic \"$label\"' in man/cxo.1"
	fi
done <<<"$keys"

# ---- options of ui that need no terminal ----
run cxo ui --bench-switch 0 --report "$PWD/r"
expect_rc 64 "--bench-switch 0 is a usage error"
expect_err "--bench-switch 0 names the value" '"0"'
run cxo ui --bench-switch 5
expect_rc 64 "--bench-switch without --report"
run cxo ui --frobnicate
expect_rc 64 "an unknown ui option"
expect_err "the unknown option is named" "--frobnicate"
run cxo ui --help
expect_ok "ui --help"
expect_out "ui --help shows the benchmark mode" "--bench-switch"

# Not a terminal: a clear refusal, never a spinning loop.
run cxo init
run cxo ui
expect_rc 69 "ui without a terminal: unavailable"
expect_err "ui without a terminal says why" "terminal"
run cxo
expect_rc 64 "no command and no terminal: the usage"
run cxo --demo status
expect_rc 64 "--demo takes no command"

finish

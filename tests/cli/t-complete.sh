# t-complete.sh: `cxo __complete WORDS...` (the candidates for the last
# word, one a line, from the command table) and the bash and zsh scripts
# that ask it.
. "$(dirname "$0")/lib.sh"

export CXO_DB=$PWD/comp.db
bash_script=$CXO_SOURCE_DIR/src/completion/cxo.bash
zsh_script=$CXO_SOURCE_DIR/src/completion/_cxo

# comp NAME WANT WORDS...: the candidates for WORDS are exactly WANT
# (space-separated, in order), exit 0, nothing on stderr.
comp() {
	local name=$1 want=$2
	shift 2
	run cxo __complete "$@"
	expect_ok "$name: exit 0"
	expect_err_empty "$name: quiet"
	expect_eq "$name" "$(printf '%s' "$OUT" | paste -sd' ')" "$want"
}
# has NAME WORD WORDS...: WORD is among the candidates.
has() {
	local name=$1 word=$2
	shift 2
	run cxo __complete "$@"
	if printf '%s\n' "$OUT" | grep -qxF -- "$word"; then _pass; else
		_fail "$name" "expected the candidate $(_show "$word"); $(_outputs)"
	fi
}

# ---- before any database: nothing is created, nothing is said ----
comp "client keys without a database" "" use ""
comp "-C without a database" "" -C ""
check "completion created no database" test ! -e "$CXO_DB"
check "completion created no data directory" test ! -e "$XDG_DATA_HOME/cxo"
run cxo -c "$PWD/missing.conf" __complete use ""
expect_ok "a missing -c file before __complete: still exit 0"
expect_err_empty "a missing -c file before __complete: quiet"
comp "a missing -c file among the words" "" -c "$PWD/missing.conf" use ""

# ---- commands, subcommands ----
comp "the commands" \
	"init client use overview brief status mandate log hours start stop cancel risk action note vendor history undo redo report export import sync backup restore doctor ui help" ""
comp "nothing typed at all" \
	"init client use overview brief status mandate log hours start stop cancel risk action note vendor history undo redo report export import sync backup restore doctor ui help"
comp "a command's prefix" "overview" ov
comp "several commands' prefix" "client cancel" c
comp "hidden commands are not offered" "" __
comp "the subcommands" "add list show edit done drop defer wait" action ""
comp "a subcommand's prefix" "done drop defer" action d
comp "a command abbreviated, then its subcommands" "add list show edit close accept" ri ""
comp "hours' subcommands" "edit rm lock unlock locks" hours ""
comp "vendor's subcommands" "add list show edit end rm spend" vendor ""
comp "a command without subcommands has no operand words" "" overview ""
comp "help: the commands" \
	"init client use overview brief status mandate log hours start stop cancel risk action note vendor history undo redo report export import sync backup restore doctor ui help" help ""
comp "help COMMAND: its subcommands" "add list show edit close accept" help risk ""

# ---- options ----
comp "global options" "--db --config --client --color --demo --help --version" --
comp "short and long global options" "-d --db -c --config -C --client --color --demo -h --help -V --version" -
comp "a command's options" "--due --owner --mandate --risk --waiting --since --help" action add --
comp "options by prefix" "--all --all-clients" action list --al
comp "a group's options are its default list's" "--all --format --help" client --
comp "hours' own options" "--month --week --from --to --all-clients --format --help" hours --
comp "options after the global ones" "--rebuild-totals --help" -d "$PWD/x.db" doctor --
comp "ui's options" "--bench-switch --report --list-keys --help" ui --
comp "options after an operand" "--due --owner --mandate --risk --waiting --since --help" action add "A title" --
comp "no options after --" "" log -- --

# ---- the values options take ----
comp "--format" "table tsv json" action list --format ""
comp "--format=VALUE" "--format=json" risk list --format=j
comp "a vocabulary: action status" "todo waiting done dropped" action edit 1234 --status ""
comp "a vocabulary by prefix" "waiting" action edit 1234 --status w
comp "a vocabulary: client roles" "cio cto ciso interim" client add acme --role ""
comp "a vocabulary: risk categories" "security compliance vendor operations people financial" \
	risk add T --category ""
comp "a vocabulary: treatments" "mitigate accept transfer avoid" risk edit 1234 --treatment ""
comp "a vocabulary: vendor categories" "saas infrastructure msp telecom security hardware other" \
	vendor add V --category ""
comp "a vocabulary: due diligence" "none sent reviewed approved" vendor edit 1234 --diligence ""
comp "a vocabulary: mandate status" "active done dropped" mandate edit 1234 --status ""
comp "a small number range" "1 2 3 4 5" risk add T --likelihood ""
comp "days" "today tomorrow yesterday mon tue wed thu fri sat sun eow eom" action add T --due ""
comp "days by prefix" "today tomorrow tue thu" note add T --date t
comp "a day that may be cleared" "today tomorrow yesterday mon tue wed thu fri sat sun eow eom none" \
	action edit 1234 --due ""
comp "the owner me" "me" action edit 1234 --owner ""
comp "months" "this last next" hours --month ""
comp "free text: nothing" "" status --format ""
comp "--color" "auto always never" --color ""
comp "--color=VALUE" "--color=always" --color=al
comp "an option's value is not taken for an operand" "today tomorrow yesterday mon tue wed thu fri sat sun eow eom" \
	action defer 1234 ""

# ---- client keys, read from the database the words name ----
run cxo init --sample
expect_ok "setup: the sample portfolio"
comp "-C: the client keys" "acme medix northwind cloudly" -C ""
comp "use KEY" "acme medix northwind cloudly" use ""
comp "client show KEY by prefix" "medix" client show m
comp "--client=KEY" "--client=cloudly" --client=cl
run cxo -d "$PWD/other.db" client add zeta --name Zeta
expect_ok "setup: another database"
comp "-d names the database the keys come from" "zeta" -d "$PWD/other.db" use ""
comp "--db=FILE too" "zeta" --db="$PWD/other.db" client edit ""
comp "a missing -d database: no keys, none created" "" -d "$PWD/none.db" use ""
check "the missing -d database was not created" test ! -e "$PWD/none.db"
run cxo -d "$PWD/other.db" __complete use ""
expect_eq "-d before __complete chooses the database too" "$(printf '%s' "$OUT" | paste -sd' ')" "zeta"
run cxo client archive northwind
comp "ended clients are offered too" "acme medix northwind cloudly" use ""
printf 'not a database\n' >"$PWD/junk.db"
comp "a file that is no database: nothing, quietly" "" -d "$PWD/junk.db" use ""

# ---- files ----
mkdir -p files/sub
: >files/report.txt
: >files/.hidden
comp "files and directories" "files/report.txt files/sub/" backup files/
comp "files by prefix" "files/report.txt" ui --bench-switch 3 --report files/r
comp "hidden files when asked" "files/.hidden" backup files/.
has "the database option takes files" "files/" -d fil

# ---- the table, completed and documented alike ----
run cxo __complete ""
for c in $OUT; do
	run cxo help "$c"
	expect_ok "help $c: every completed command has its help"
done

# ---- the bash script ----
# bash_comp NAME WANT WORDS...: COMPREPLY after the script's function,
# with COMP_WORDS as bash splits them and the cursor on the last word.
bash_comp() {
	local name=$1 want=$2
	shift 2
	LAST_CMD="_cxo with COMP_WORDS=($(_quote "$@"))"
	local got
	got=$(PATH="$(dirname "$CXO"):$PATH" bash --norc --noprofile -c '
		source "$1" || exit 1
		shift
		COMP_WORDS=("$@")
		COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
		_cxo
		printf "%s\n" "${COMPREPLY[@]}"
	' _ "$bash_script" cxo "$@" 2>&1)
	expect_eq "bash: $name" "$(printf '%s' "$got" | paste -sd' ')" "$want"
}
run bash --norc --noprofile -c 'source "$1" && complete -p cxo' _ "$bash_script"
expect_ok "bash: the script loads"
expect_out "bash: it completes cxo with _cxo" "complete -F _cxo cxo"
bash_comp "a command" "action" act
bash_comp "subcommands" "add list show edit close accept" risk ""
bash_comp "options" "--all --all-clients" action list --al
bash_comp "a value" "table tsv json" note list --format ""
bash_comp "a value after '=' (bash splits there)" "always" --color = al
bash_comp "right after '='" "auto always never" --color =
bash_comp "--opt=value of a command" "json" hours --format = j
bash_comp "client keys" "acme medix northwind cloudly" -C ""
bash_comp "client keys of -d's database" "zeta" -d "$PWD/other.db" use ""
bash_comp "a directory" "files/sub/" backup files/s
bash_comp "nothing to offer" "" log 1h ""
bash_comp "a word with its opening quote" "medix" use '"me'
bash_comp "~ is the home directory" "$HOME/" backup "~"

# ---- the zsh script, where zsh is installed ----
if command -v zsh >/dev/null 2>&1; then
	zsh_comp() { # NAME WANT WORDS...: what _cxo hands compadd
		local name=$1 want=$2
		shift 2
		LAST_CMD="zsh _cxo with words=($(_quote "$@"))"
		local got
		got=$(PATH="$(dirname "$CXO"):$PATH" zsh -f -c '
			_call_program() { shift; eval "$@"; }
			compadd() {
				while [[ $1 == -* && $1 != -- ]]; do [[ $1 == -S ]] && shift; shift; done
				[[ $1 == -- ]] && shift
				print -rl -- "$@"
			}
			source "$1" # its last line completes nothing here
			shift
			words=("$@")
			CURRENT=$#words
			PREFIX=$words[-1]
			_cxo
		' _ "$zsh_script" cxo "$@" 2>&1)
		expect_eq "zsh: $name" "$(printf '%s' "$got" | paste -sd' ')" "$want"
	}
	zsh_comp "a command" "action" act
	zsh_comp "subcommands" "done drop defer" action d
	zsh_comp "--opt=value" "--color=always" --color=al
	zsh_comp "client keys" "acme medix northwind cloudly" -C ""
else
	skip "zsh is not installed: the zsh script is not run"
fi

finish

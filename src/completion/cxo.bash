# bash completion for cxo(1): commands, subcommands, their options, the
# words options accept, and client keys (read from the database the
# command line names, with `cxo client list --format tsv`).
#
# Installed as $(PREFIX)/share/bash-completion/completions/cxo; to try it
# from the source tree: source src/completion/cxo.bash

_cxo_commands="init client use overview status mandate log hours start stop cancel risk action note backup doctor help"

# _cxo_subcommands COMMAND: the subcommands of a command group
_cxo_subcommands()
{
	case $1 in
	client) echo "add list show edit archive restore" ;;
	mandate) echo "add list edit done drop" ;;
	hours) echo "edit rm" ;;
	risk) echo "add list show edit close accept" ;;
	action) echo "add list show edit done drop defer wait" ;;
	note) echo "add list" ;;
	esac
}

# _cxo_options COMMAND SUBCOMMAND: the options, as the usage lists them
_cxo_options()
{
	local o
	case "$1 $2" in
	"init ") o="--sample --force" ;;
	"client add") o="--name --role --budget --rate --currency --start --end --industry --employees" ;;
	"client list" | "client ") o="--all --format" ;;
	"client edit") o="--key --name --role --status --budget --rate --currency --start --end --industry --employees" ;;
	"overview ") o="--format" ;;
	"status ") o="--format --tmux --ascii" ;;
	"mandate add") o="--due --area --measure" ;;
	"mandate list" | "mandate ") o="--all --all-clients --format" ;;
	"mandate edit") o="--title --due --area --measure --status" ;;
	"log ") o="--date --mandate --non-billable" ;;
	"hours ") o="--month --week --from --to --all-clients --format" ;;
	"hours edit") o="--duration --date --note --mandate --billable --non-billable" ;;
	"stop ") o="--at --force --note --non-billable" ;;
	"risk add") o="--likelihood --impact --category --owner --framework --mitigation --treatment --residual --review --status" ;;
	"risk list" | "risk ") o="--all --min-score --due-review --all-clients --format" ;;
	"risk edit") o="--title --likelihood --impact --category --owner --framework --mitigation --treatment --residual --review --status" ;;
	"risk accept") o="--until" ;;
	"action add") o="--due --owner --mandate --risk --waiting --since" ;;
	"action list" | "action ") o="--overdue --waiting --all --all-clients --format" ;;
	"action edit") o="--title --due --owner --mandate --risk --status" ;;
	"note list" | "note ") o="--all-clients --limit --format" ;;
	"note add") o="--date" ;;
	"doctor ") o="--rebuild-totals" ;;
	esac
	echo "$o --help"
}

# _cxo_keys GLOBAL-OPTIONS...: the client keys of the database in use
_cxo_keys()
{
	local cxo=${_cxo_bin:-cxo}
	"$cxo" "$@" client list --all --format tsv 2>/dev/null </dev/null |
		awk -F'\t' 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == "key") k = i; next } k { print $k }'
}

# _cxo_values COMMAND SUBCOMMAND OPTION: what an option takes; returns 1
# when it takes nothing
_cxo_values()
{
	local days="today tomorrow yesterday mon tue wed thu fri sat sun eow eom"
	case $3 in
	--format)
		[ "$1" = status ] && return 0
		echo "table tsv json"
		;;
	--role) echo "cio cto ciso interim" ;;
	--status)
		case $1 in
		client) echo "active paused ended" ;;
		mandate) echo "active done dropped" ;;
		risk) echo "open mitigating accepted closed" ;;
		action) echo "todo waiting done dropped" ;;
		esac
		;;
	--category) echo "security compliance vendor operations people financial" ;;
	--treatment) echo "mitigate accept transfer avoid" ;;
	--likelihood | --impact) echo "1 2 3 4 5" ;;
	--month) echo "this last" ;;
	--due | --date | --start | --end | --review | --until | --from | --to) echo "$days" ;;
	--name | --budget | --rate | --currency | --industry | --employees | --key | \
		--area | --measure | --title | --mandate | --risk | --owner | --waiting | \
		--framework | --mitigation | --residual | --min-score | --limit | --note | \
		--duration | --at) ;;
	*) return 1 ;;
	esac
	return 0
}

# _cxo_reply PREFIX WORDS CUR: COMPREPLY from the words matching CUR
_cxo_reply()
{
	local w
	COMPREPLY=()
	for w in $(compgen -W "$2" -- "$3"); do
		COMPREPLY+=("$1$w")
	done
}

_cxo()
{
	local cur=${COMP_WORDS[COMP_CWORD]} opt='' pre='' t j joined=0
	local -a words=() gopts=()
	local _cxo_bin=${COMP_WORDS[0]}
	COMPREPLY=()

	# The words before the cursor, with "--opt" "=" "value" joined again
	# (bash splits them when '=' breaks words).
	for ((j = 0; j < COMP_CWORD; j++)); do
		t=${COMP_WORDS[j]}
		if [ "$t" = "=" ] && ((${#words[@]})) && [[ ${words[-1]} == --* ]]; then
			words[-1]+="="
			joined=1
		elif ((joined)); then
			words[-1]+=$t
			joined=0
		else
			words+=("$t")
		fi
	done
	# opt: the option whose value is under the cursor, when written
	# --opt=value; pre: what to put back in front of the value.
	if ((joined)); then
		opt=${words[-1]%=}
		unset 'words[-1]'
	elif [ "$cur" = "=" ] && ((${#words[@]})) && [[ ${words[-1]} == --* ]]; then
		opt=${words[-1]}
		unset 'words[-1]'
		cur=
	elif [[ $cur == --*=* ]]; then
		opt=${cur%%=*}
		pre=$opt=
		cur=${cur#*=}
	fi

	# Global options, the command, its subcommand and its arguments.  An
	# option written "--opt value" as the last word leaves opt set.
	local i=1 n=${#words[@]} w cmd='' sub='' nargs=0 group=0
	while ((i < n)) && [ -z "$cmd" ]; do
		w=${words[i]}
		case $w in
		-d | --db | -c | --config | -C | --client | --color | --colour)
			if ((i + 1 < n)); then
				[[ $w == -[dc] || $w == --db || $w == --config ]] && gopts+=("$w" "${words[i + 1]}")
				((i++))
			else
				opt=$w
			fi
			;;
		--db=* | --config=*) gopts+=("$w") ;;
		-*) ;;
		*) cmd=$w ;;
		esac
		((i++))
	done

	if [ -z "$cmd" ]; then
		case $opt in
		-d | --db | -c | --config)
			compopt -o filenames 2>/dev/null
			mapfile -t COMPREPLY < <(compgen -f -- "$cur")
			;;
		-C | --client) _cxo_reply "$pre" "$(_cxo_keys "${gopts[@]}")" "$cur" ;;
		--color | --colour) _cxo_reply "$pre" "auto always never" "$cur" ;;
		*)
			if [[ $cur == -* ]]; then
				_cxo_reply "" "-d --db -c --config -C --client --color= --help --version" "$cur"
				[[ ${COMPREPLY[0]} == *= ]] && compopt -o nospace 2>/dev/null
			else
				_cxo_reply "" "$_cxo_commands" "$cur"
			fi
			;;
		esac
		return
	fi

	# A unique prefix of a command counts as the command.
	if [[ " $_cxo_commands " != *" $cmd "* ]]; then
		local -a m
		read -r -a m <<<"$(compgen -W "$_cxo_commands" -- "$cmd" | tr '\n' ' ')"
		((${#m[@]} == 1)) && cmd=${m[0]}
	fi
	[ -n "$(_cxo_subcommands "$cmd")" ] && group=1

	while ((i < n)); do
		w=${words[i]}
		case $w in
		--*=*) ;;
		-*)
			# an option that takes a value swallows the next word
			if _cxo_values "$cmd" "$sub" "$w" >/dev/null; then
				if ((i + 1 < n)); then
					((i++))
				else
					opt=$w
				fi
			fi
			;;
		*)
			if ((group)) && [ -z "$sub" ] && ((nargs == 0)); then
				sub=$w
			else
				((nargs++))
			fi
			;;
		esac
		((i++))
	done

	local values
	if [ -n "$opt" ]; then
		values=$(_cxo_values "$cmd" "$sub" "$opt") && _cxo_reply "$pre" "$values" "$cur"
		return
	fi
	if [[ $cur == -* ]]; then
		_cxo_reply "" "$(_cxo_options "$cmd" "$sub")" "$cur"
		return
	fi
	if ((group)) && [ -z "$sub" ]; then
		_cxo_reply "" "$(_cxo_subcommands "$cmd")" "$cur"
		return
	fi
	case "$cmd $sub" in
	"use " | "client show" | "client edit" | "client archive" | "client restore")
		((nargs == 0)) && _cxo_reply "" "$(_cxo_keys "${gopts[@]}")" "$cur"
		;;
	"help ")
		((nargs == 0)) && _cxo_reply "" "$_cxo_commands" "$cur"
		;;
	"backup ")
		compopt -o filenames 2>/dev/null
		mapfile -t COMPREPLY < <(compgen -f -- "$cur")
		;;
	"action defer")
		((nargs == 1)) && _cxo_reply "" "today tomorrow mon tue wed thu fri sat sun eow eom" "$cur"
		;;
	esac
}

complete -F _cxo cxo

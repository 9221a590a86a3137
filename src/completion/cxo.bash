# bash completion for cxo(1).  cxo completes itself: `cxo __complete
# WORDS...` prints the candidates for the last word, one a line, from the
# table the commands are parsed with (commands and subcommands, their
# options, the words an option takes, client keys from the database the
# command line names, files), so nothing is listed here.
#
# Installed as $(PREFIX)/share/bash-completion/completions/cxo; to try it
# from the source tree: source src/completion/cxo.bash

_cxo()
{
	local -a words=()
	local j t joined=0 split=0
	COMPREPLY=()
	# The words after the command up to the cursor, as cxo reads them:
	# bash breaks "--opt=value" at '=' (COMP_WORDBREAKS); it is joined
	# again, and split says the word under the cursor was broken.
	for ((j = 1; j <= COMP_CWORD; j++)); do
		t=${COMP_WORDS[j]}
		if [ "$t" = "=" ] && ((${#words[@]})) && [[ ${words[-1]} == --* ]]; then
			words[-1]+="="
			joined=1
			((j == COMP_CWORD)) && split=1
		elif ((joined)); then
			words[-1]+=$t
			joined=0
			((j == COMP_CWORD)) && split=1
		else
			# A quote the user opened is not part of the word.
			t=${t#[\"\']}
			[[ $t == "~" || $t == "~/"* ]] && t=$HOME${t#"~"}
			words+=("$t")
		fi
	done
	((${#words[@]} == COMP_CWORD || split)) || words+=("")

	mapfile -t COMPREPLY < <("${COMP_WORDS[0]}" __complete "${words[@]}" 2>/dev/null </dev/null)
	# Bash replaces only what follows the '=': give it the value alone.
	if ((split)); then
		COMPREPLY=("${COMPREPLY[@]#*=}")
	fi
	# A directory: go on completing inside it.
	if ((${#COMPREPLY[@]} == 1)) && [[ ${COMPREPLY[0]} == */ ]]; then
		compopt -o nospace 2>/dev/null
	fi
	return 0
}

complete -F _cxo cxo

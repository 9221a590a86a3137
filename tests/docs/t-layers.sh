#!/usr/bin/env bash
# t-layers.sh: the layers of src/ use only the ones below them.
#
#   core < store < config < app < report < cli, tui < main
#
# Each public header in include/cxo/ belongs to one layer; a file may
# include the headers of its own layer and of the layers below, its own
# layer's internal headers ("internal.h" and friends in its directory),
# and only the system libraries its layer speaks (SQLite in the store,
# libconfig in config, curses in the dashboard).  cli and tui never see
# each other.  Prints each violation and exits 1 when there is one.
set -u
cd "${CXO_SOURCE_DIR:-$(dirname "$0")/../..}" || exit 2

declare -A owner=(
	[billing.h]=core [clock.h]=core [date.h]=core [duration.h]=core [money.h]=core [pace.h]=core
	[risk.h]=core [text.h]=core [uuid.h]=core [vocab.h]=core [fileperm.h]=core
	[renewal.h]=core
	[records.h]=store [store.h]=store [journal.h]=store
	[vendor.h]=store [decision.h]=store
	[config.h]=config [theme.h]=config
	[app.h]=app [rules.h]=app [sync.h]=app [vendors_app.h]=app
	[editor.h]=app
	[report.h]=report [archive.h]=report [timeimport.h]=report
	[adr.h]=report
	[cli.h]=cli [tui.h]=tui
)
owner[sheet.h]=report
# What each layer may include, by layer.
declare -A allowed=(
	[core]="core"
	[store]="core store"
	[config]="core config"
	[app]="core store config app"
	[report]="core store config app report"
	[cli]="core store config app report cli"
	[tui]="core store config app report tui"
	[main]="core store config app report cli tui"
)
# System headers that only some layers may include.
declare -A syslib=([sqlite3.h]=store [libconfig.h]=config [curses.h]=tui [ncurses.h]=tui [sodium.h]=app)

bad=0
say() { echo "layers: $*"; bad=1; }

for h in include/cxo/*.h; do
	name=${h##*/}
	[ -n "${owner[$name]:-}" ] || say "$h belongs to no layer (add it to tests/docs/t-layers.sh)"
done

for f in src/main.c src/*/*.c src/*/*.h include/cxo/*.h; do
	[ -f "$f" ] || continue
	case $f in
	src/main.c) layer=main ;;
	include/cxo/*) layer=${owner[${f##*/}]:-none} ;;
	src/*) layer=${f#src/}; layer=${layer%%/*} ;;
	esac
	[ -n "${allowed[$layer]:-}" ] || continue # completion scripts and the like
	while IFS= read -r line; do
		if [[ $line =~ ^#include\ \"cxo/([a-z_]+\.h)\" ]]; then
			inc=${BASH_REMATCH[1]}
			want=${owner[$inc]:-none}
			[[ " ${allowed[$layer]} " == *" $want "* ]] ||
				say "$f ($layer) includes cxo/$inc ($want)"
		elif [[ $line =~ ^#include\ \"([^\"]+)\" ]]; then
			inc=${BASH_REMATCH[1]}
			[[ $inc == */* ]] && say "$f includes \"$inc\": another directory's internals"
			[ -f "${f%/*}/$inc" ] || say "$f includes \"$inc\", not in its own directory"
		elif [[ $line =~ ^#include\ \<([a-z0-9_]+\.h)\> ]]; then
			inc=${BASH_REMATCH[1]}
			only=${syslib[$inc]:-}
			[ -z "$only" ] || [ "$layer" = "$only" ] || say "$f ($layer) includes <$inc>, which only $only speaks"
		fi
	done <"$f"
done

# A public header holds what another layer uses: each function it
# declares is named by some file of another layer (or main.c).
# A header no other layer includes yet (a layer written from the bottom
# up) is checked once one does.
for h in include/cxo/*.h; do
	layer=${owner[${h##*/}]:-none}
	grep -rl --include='*.c' --include='*.h' "^#include \"cxo/${h##*/}\"" src include |
		grep -qv "^src/$layer/" || continue
	while IFS= read -r fn; do
		users=$(grep -rlw --include='*.c' --include='*.h' -- "$fn" src include | grep -v "^src/$layer/" |
			grep -v "^$h\$" | grep -v -F "$(for o in "${!owner[@]}"; do [ "${owner[$o]}" = "$layer" ] && echo "include/cxo/$o"; done)")
		[ -n "$users" ] || say "$h declares $fn, which only $layer uses (move it to src/$layer/)"
	done < <(grep -v '^typedef' "$h" | grep -oE '^[a-z][a-z_ *]*[ *]([a-z_0-9]+)\(' | sed -E 's/.*[ *]([a-z_0-9]+)\($/\1/' | sort -u)
done

if [ $bad = 0 ]; then
	echo "layers: every include goes down"
fi
exit $bad

#!/usr/bin/env bash
# screen-use.sh: how much of the dashboard is blank, on the sample
# portfolio loaded on the golden tests' day (Wednesday 18 November 2026,
# with faketime when it is installed).
#
#   bash tests/bench/screen-use.sh /abs/path/cxo [COLSxROWS ...]
#
# For each size (default 200x60 120x40 80x24) and each of two views (the
# first client, acme, and the portfolio, key 0) the screen is read with
# tmux capture-pane -p once two captures in a row are alike, and one
# line says how many of its cells are blank and how many of those lie in
# panel rows with nothing in them (the parts between two vertical
# borders that are all blank).  Nothing is written into the source tree.
set -euo pipefail

if [ $# -lt 1 ] || [ ! -x "$1" ]; then
	echo "usage: screen-use.sh /abs/path/cxo [COLSxROWS ...]" >&2
	exit 64
fi
CXO=$1
shift
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(200x60 120x40 80x24)
for tool in tmux python3; do
	command -v "$tool" >/dev/null || {
		echo "screen-use.sh: $tool is needed" >&2
		exit 69
	}
done

dir=$(mktemp -d "${TMPDIR:-/tmp}/cxo-screen-use.XXXXXX")
sock=cxoscreenuse$$
trap 'tmux -L "$sock" kill-server >/dev/null 2>&1; rm -rf "$dir"' EXIT
export HOME=$dir XDG_STATE_HOME=$dir/state XDG_CONFIG_HOME=$dir/config XDG_DATA_HOME=$dir/data
export TZ=UTC LC_ALL=C.UTF-8 TMUX_TMPDIR=$dir
unset CXO_DB CXO_CLIENT CXO_CONFIG NO_COLOR TMUX
clock=()
if command -v faketime >/dev/null; then
	clock=(faketime -f '@2026-11-18 10:00:00')
fi
"${clock[@]}" "$CXO" -d "$dir/x.db" init --sample >/dev/null

# capture OUT: the pane once two captures in a row are alike.
capture() {
	local prev='' cur i
	for i in $(seq 100); do
		cur=$(tmux -L "$sock" capture-pane -p -t t)
		if [ -n "$cur" ] && [ "$cur" = "$prev" ]; then
			break
		fi
		prev=$cur
		sleep 0.1
	done
	printf '%s\n' "$cur" >"$1"
}

for size in "${sizes[@]}"; do
	cols=${size%x*} rows=${size#*x}
	rm -rf "$dir/state"
	tmux -L "$sock" -f /dev/null new-session -d -s t -x "$cols" -y "$rows" \
		"env TERM=screen-256color ${clock[*]:+$(printf '%q ' "${clock[@]}")}$(printf '%q' "$CXO") -d $(printf '%q' "$dir/x.db")"
	tmux -L "$sock" set-option -g window-size manual >/dev/null
	sleep 0.5
	capture "$dir/client.txt"
	tmux -L "$sock" send-keys -t t 0
	sleep 0.3
	capture "$dir/portfolio.txt"
	tmux -L "$sock" send-keys -t t q
	tmux -L "$sock" kill-server >/dev/null 2>&1 || true
	for view in client portfolio; do
		python3 - "$cols" "$rows" "$dir/$view.txt" "$view" <<'EOF'
import sys, unicodedata
cols, rows, path, view = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3], sys.argv[4]
lines = open(path, encoding="utf-8").read().split("\n")[:rows]
used = sum(sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in l if c != " ")
           for l in lines)
empty = sum(len(seg) for l in lines for seg in l.split("\u2502")[1:-1]
            if len(seg) >= 4 and not seg.strip())
total = cols * rows
print(f"{cols}x{rows} {view:9}: {total - used:5} of {total} cells blank ({100 * (total - used) / total:.0f}%),"
      f" {empty:5} in empty panel rows ({100 * empty / total:.0f}%)")
EOF
	done
done

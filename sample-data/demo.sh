#!/usr/bin/env bash
# demo.sh: load the sample portfolio into a throwaway database, show the
# portfolio overview, and say what to try next.
#
#   bash sample-data/demo.sh ./cxo
#
# The database is left in place (in a new directory under $TMPDIR or /tmp)
# so the commands suggested at the end work on it.
set -euo pipefail

CXO=${1:-./cxo}
case $CXO in
*/*) CXO=$(cd "$(dirname "$CXO")" && pwd)/$(basename "$CXO") ;;
*) CXO=$(command -v "$CXO" || true) ;;
esac
if [ -z "$CXO" ] || [ ! -x "$CXO" ]; then
	echo "demo.sh: no cxo binary at ${1:-./cxo} (build it with 'make')" >&2
	exit 66
fi

dir=$(mktemp -d "${TMPDIR:-/tmp}/cxo-demo.XXXXXX")
db=$dir/cxo.db

# The sample data must not depend on who runs the demo: ignore any
# client pinned by the environment or a .cxo-client file here.
unset CXO_CLIENT
cd "$dir"

"$CXO" -d "$db" init --sample
echo
"$CXO" -d "$db" overview

# How the commands below reach this binary as plain "cxo".
path_line=
if [ "$(command -v cxo 2>/dev/null)" != "$CXO" ]; then
	if [ "$(basename "$CXO")" = cxo ]; then
		path_line="  export PATH=\"$(dirname "$CXO"):\$PATH\""
	else
		path_line="  alias cxo='$CXO'"
	fi
fi

cat <<EOF

The sample portfolio is in $db
(four clients: acme, medix, northwind, cloudly; the current client is acme).
Try it in this shell:

  export CXO_DB=$db
${path_line:+$path_line
}
  cxo overview                          # the portfolio, one row per client
  cxo use medix                         # switch client
  cxo hours                             # this month's entries, budget and pace
  cxo mandate list
  cxo risk list --min-score 12          # the risks that matter
  cxo action list --overdue --all-clients
  cxo action list --waiting             # who you are waiting for
  cxo start "vendor call"               # a timer; 'cxo stop' logs it
  cxo status                            # one line for a prompt or tmux
  cxo log 45m "board prep" --date yesterday
  cxo note list
  cxo help                              # every command; man cxo for more

Remove it when done: rm -r $dir
EOF

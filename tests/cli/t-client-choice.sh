# t-client-choice.sh: which client a command works on.
# Precedence: -C KEY > CXO_CLIENT > .cxo-client (here or in a parent) >
# the stored current client (cxo use).
. "$(dirname "$0")/lib.sh"

export CXO_DB=$PWD/choice.db
top=$PWD

for k in acme beta gamma delta; do
	run cxo client add "$k" --name "Client $k"
	expect_ok "setup: client add $k"
done

# note_went NAME TEXT KEY: the note TEXT landed on client KEY and no other.
note_went() {
	local name=$1 text=$2 want=$3 got=
	run cxo note list --all-clients --format json
	got=$(json '[n.get("client", n.get("client_key")) for n in d if n["text"] == args[0]]' "$text")
	expect_eq "$name" "$got" "[\"$want\"]"
}

run cxo use acme
expect_ok "use acme"
run cxo note add "n-stored"
expect_ok "note with the stored client"
expect_out "the write names the client" "acme"
note_went "stored current client is used" "n-stored" acme

mkdir -p tree/proj/src/deep tree/other
printf 'beta\n' >tree/.cxo-client
printf '  gamma  \n' >tree/proj/.cxo-client

cd "$top/tree" || exit 1
run "$CXO" note add "n-file-here"
expect_ok "note with .cxo-client in the working directory"
note_went ".cxo-client in the working directory beats the stored client" "n-file-here" beta

cd "$top/tree/other" || exit 1
run "$CXO" note add "n-file-parent"
expect_ok "note with .cxo-client in a parent"
note_went ".cxo-client in a parent directory is found" "n-file-parent" beta

cd "$top/tree/proj/src/deep" || exit 1
run "$CXO" note add "n-file-nearest"
expect_ok "note under two .cxo-client files"
note_went "the nearest .cxo-client wins (and is trimmed)" "n-file-nearest" gamma

run "$CXO" use
expect_ok "use with no key shows the current client"
expect_out "use shows the client the directory pins" "gamma"
expect_out "use shows where the choice comes from" ".cxo-client"

run env CXO_CLIENT=delta "$CXO" note add "n-env"
expect_ok "note with CXO_CLIENT"
note_went "CXO_CLIENT beats .cxo-client" "n-env" delta

run env CXO_CLIENT=delta "$CXO" -C acme note add "n-flag"
expect_ok "note with -C"
note_went "-C beats CXO_CLIENT and .cxo-client" "n-flag" acme

run env CXO_CLIENT= "$CXO" note add "n-empty-env"
expect_ok "an empty CXO_CLIENT is ignored"
note_went "an empty CXO_CLIENT falls through to .cxo-client" "n-empty-env" gamma

cd "$top" || exit 1
run cxo -C beta note add "n-once"
expect_ok "-C for one command"
run cxo note add "n-after"
note_went "-C does not change the stored client" "n-after" acme

# `cxo use` in a shell pinned by CXO_CLIENT still sets the stored client.
run cxo use gamma
expect_ok "use gamma"
run cxo note add "n-used"
note_went "use changes the stored client" "n-used" gamma
run cxo use acme
expect_ok "use acme again"

# ---- an unknown key is reported wherever it comes from ----
snap=$(db_dump "$CXO_DB")
run cxo -C nosuch note add "x"
expect_rc 66 "unknown key from -C"
expect_err "unknown key from -C: named" "nosuch"
expect_err "unknown key from -C: lists the keys" "gamma"

run env CXO_CLIENT=nosuch2 "$CXO" note add "x"
expect_rc 66 "unknown key from CXO_CLIENT"
expect_err "unknown key from CXO_CLIENT: named" "nosuch2"
expect_err "unknown key from CXO_CLIENT: says where it came from" "CXO_CLIENT"

mkdir -p "$top/bad/inner"
printf 'nosuch3\n' >"$top/bad/.cxo-client"
cd "$top/bad/inner" || exit 1
run "$CXO" note add "x"
expect_rc 66 "unknown key from .cxo-client"
expect_err "unknown key from .cxo-client: named" "nosuch3"
expect_err "unknown key from .cxo-client: names the file" "$top/bad/.cxo-client"
run "$CXO" -C beta note list
expect_ok "-C overrides a bad .cxo-client"
cd "$top" || exit 1
expect_eq "unknown keys: nothing written" "$(db_dump "$CXO_DB")" "$snap"

# The stored client pointing at nothing: no client chosen, keys listed.
# (Direct SQL: cxo use only stores clients that exist.)
python3 - "$CXO_DB" <<'EOF'
import sqlite3, sys
con = sqlite3.connect(sys.argv[1])
done = False
for (name,) in con.execute("select name from sqlite_master where type='table'").fetchall():
    cols = [r[1] for r in con.execute("pragma table_info(%s)" % name)]
    if len(cols) >= 2 and ("value" in cols):
        keycol = [c for c in cols if c != "value"][0]
        n = con.execute("update %s set value = '00000000-0000-4000-8000-000000000000' where %s = 'current_client'" % (name, keycol)).rowcount
        done = done or n > 0
con.commit()
sys.exit(0 if done else 1)
EOF
check "setup: stored current client set to an unknown id" test $? = 0
run cxo note add "x"
expect_ne "a stored client that no longer exists: refused" "$RC" "0"
expect_err "a stored client that no longer exists: lists the keys" "delta"

finish

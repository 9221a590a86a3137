# t-config-include.sh: an @include that names no readable regular file
# (empty, ".", a directory, a FIFO, a file that is not there), in the
# configuration, a file it includes, or a theme, is a configuration error
# (exit 78) naming the file, the line and the include; it never ends
# cxo in the config parser (exit 2), never blocks, and `cxo status`
# still prints its placeholder.
. "$(dirname "$0")/lib.sh"

export CXO_DB=$PWD/inc.db
conf=$XDG_CONFIG_HOME/cxo/config
mkdir -p "$XDG_CONFIG_HOME/cxo/themes" "$XDG_CONFIG_HOME/cxo/adir"
run cxo client add acme --name Acme --role cio --budget 10
expect_ok "a client"

# bad_include NAME WHAT LINE: the configuration is refused as it should be.
bad_include() {
	expect_rc 78 "$1: exit 78 (EX_CONFIG)"
	expect_err "$1: the file and the line are named" "$conf:$3: @include \"$2\""
	expect_err_not "$1: not the parser's fatal error" "flex"
}

printf '@include ""\n' >"$conf"
run cxo client list
bad_include 'an empty name' '' 1
expect_err "an empty name: said so" "empty file name"

printf 'week_start = "monday";\n  @include "."\n' >"$conf"
run cxo client list
bad_include '"."' '.' 2
expect_err '".": a directory' "a directory"

printf '# settings\n@include "adir"\n' >"$conf"
run cxo client list
bad_include 'a directory' 'adir' 2

printf '@include "nothere.cfg"\n' >"$conf"
run cxo client list
bad_include 'a missing file' 'nothere.cfg' 1
expect_err "a missing file: the reason" "No such file"

mkfifo "$XDG_CONFIG_HOME/cxo/fifo"
printf '@include "fifo"\n' >"$conf"
run timeout 20 "$CXO" client list
bad_include 'a FIFO (it does not block)' 'fifo' 1
expect_err "a FIFO: not a regular file" "not a regular file"

# In an included file: that file and its line.
printf 'theme = "light";\n@include "."\n' >"$XDG_CONFIG_HOME/cxo/extra.cfg"
printf '@include "extra.cfg"\n' >"$conf"
run cxo client list
expect_rc 78 "nested: exit 78"
expect_err "nested: the included file's line" "extra.cfg:2: @include \".\""

# Where libconfig reads no include, nothing is checked.
printf '/*\n@include ""\n*/\n# @include "."\nweek_start = "monday";\n' >"$conf"
run cxo client list
expect_ok "an @include in a comment is not read"
printf '@include "extra.cfg"\n' >"$XDG_CONFIG_HOME/cxo/extra2.cfg"
printf 'theme = "light";\n' >"$XDG_CONFIG_HOME/cxo/extra.cfg"
printf '@include "extra2.cfg"\n' >"$conf"
run cxo client list
expect_ok "includes of regular files still work, nested too"

# status: the placeholder, nothing on stderr, exit 0.
printf '@include ""\n' >"$conf"
run cxo status
expect_ok "status with a bad include exits 0"
expect_out "status with a bad include prints the placeholder" "cxo: -"
expect_err_empty "status with a bad include says nothing on stderr"
run cxo -c "$conf" status
expect_ok "status -c with a bad include exits 0"
expect_out "status -c with a bad include prints the placeholder" "cxo: -"

# doctor: one failed check, the others still run.
run cxo doctor
expect_rc 65 "doctor with a bad include: a failure"
expect_err_not "doctor: not the parser's fatal error" "flex"
expect_out "doctor: the include named" "@include \"\""
expect_out "doctor: goes on with the database" "integrity"

# A theme file.
printf 'theme = "evil";\n' >"$conf"
printf '@include "."\n' >"$XDG_CONFIG_HOME/cxo/themes/evil.theme"
run cxo doctor
expect_out "a theme's bad include: the theme file and the line" "evil.theme:1: @include \".\""
expect_err_not "a theme's bad include: not the parser's fatal error" "flex"
expect_out "doctor goes on after the theme" "integrity"

finish

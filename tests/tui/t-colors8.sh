# t-colors8.sh: on an 8-colour terminal (TERM=linux) every shipped theme
# stays readable: no character is drawn in the colour of its background
# (bright black used to fall back to black, so unfocused borders and
# empty bar cells were black on black), and the greys become dim.
. "$(dirname "$0")/lib.sh"

sample_db
themes=()
for f in "$CXO_SOURCE_DIR"/themes/*.theme; do
	t=${f##*/}
	themes+=("${t%.theme}")
done
check "the shipped themes are found (${#themes[@]})" [ "${#themes[@]}" -ge 4 ]

# unreadable [light]: the cells (row:column "char" fg/bg) drawn in the
# colour of their background, reverse video included, on a dark terminal
# (default foreground white, default background black: the linux
# console) or, for a theme made for light ones, the other way round.
# Reads capture-pane -e on stdin; prints nothing when every cell is
# readable.
unreadable() {
	python3 -c '
import re, sys
text = sys.stdin.read()
dfg, dbg = (0, 7) if sys.argv[1:] == ["light"] else (7, 0)
bad = []
for row, line in enumerate(text.split("\n")):
    fg = bg = None
    rev = False
    col = 0
    for m in re.finditer(r"\x1b\[([0-9;]*)m|([^\x1b])", line):
        if m.group(2) is not None:
            ch = m.group(2)
            f = dfg if fg is None else fg
            b = dbg if bg is None else bg
            if rev:
                f, b = b, f
            if not ch.isspace() and f == b:
                bad.append("%d:%d \"%s\" %d/%d" % (row, col, ch, f, b))
            col += 1
            continue
        ps = [int(p) if p else 0 for p in m.group(1).split(";")] if m.group(1) else [0]
        i = 0
        while i < len(ps):
            p = ps[i]
            if p == 0:
                fg = bg = None
                rev = False
            elif p == 7:
                rev = True
            elif p == 27:
                rev = False
            elif 30 <= p <= 37:
                fg = p - 30
            elif 90 <= p <= 97:
                fg = p - 90 + 8
            elif p == 39:
                fg = None
            elif 40 <= p <= 47:
                bg = p - 40
            elif 100 <= p <= 107:
                bg = p - 100 + 8
            elif p == 49:
                bg = None
            elif p in (38, 48) and i + 2 < len(ps) and ps[i + 1] == 5:
                if p == 38:
                    fg = ps[i + 2]
                else:
                    bg = ps[i + 2]
                i += 2
            i += 1
print("\n".join(bad[:8]))
' "$@"
}

TUI_TERM=linux
for theme in "${themes[@]}"; do
	mkdir -p "$XDG_CONFIG_HOME/cxo"
	printf 'theme = "%s";\n' "$theme" >"$XDG_CONFIG_HOME/cxo/config"
	light=''
	[ "$theme" = light ] && light=light # "For light terminals"
	tui_start 120 40
	wait_for "$theme: dashboard up on TERM=linux" "1 Acme" 15 || continue
	settle "Send the board deck draft"
	sgr=$(screen_sgr)
	bad=$(printf '%s' "$sgr" | unreadable $light)
	check "$theme: nothing drawn in its background's colour: $bad" [ -z "$bad" ]
	# The overview too: its cards' borders and bars.
	keys 0
	wait_for "$theme: the overview" "Capacity"
	sgr=$(screen_sgr)
	bad=$(printf '%s' "$sgr" | unreadable $light)
	check "$theme: the overview is readable: $bad" [ -z "$bad" ]
	if [ "$theme" = default ]; then
		# Greys are dim rather than black: the unfocused cards' borders.
		check "default: the unfocused borders are dim" eval \
			'printf "%s" "$sgr" | grep -aqP "\x1b\[(?:[0-9;]*;)?2(?:;[0-9;]*)?m[^\x1b]*[│─]"'
	fi
	quit_dashboard "$theme: quit"
done
exit 0

/*
 * help.c: every key, drawn from the key table the input loop uses, so
 * the help cannot drift from what the keys do.
 */
#include "internal.h"

#include <stdio.h>
#include <string.h>

#define KEY_COL 15

void help_draw(struct tui *ui)
{
	struct rect r = overlay_rect(ui);
	int total = (int)tui_key_count + 2;
	if (total + 2 < r.h)
		r.h = total + 2;
	struct rect in = rect_inner(r);

	fill(ui, r, ui->attr[EL_NORMAL]);
	draw_panel_frame(ui, r, true, "Keys", "Esc closes");
	if (ui->help_scroll > total - in.h)
		ui->help_scroll = total - in.h;
	if (ui->help_scroll < 0)
		ui->help_scroll = 0;
	for (int row = 0; row < in.h; row++) {
		int i = ui->help_scroll + row;
		int y = in.y + row;
		if (i < (int)tui_key_count) {
			const struct key_binding *b = &tui_keys[i];
			put_fit(ui, y, in.x, KEY_COL - 1, ui->attr[EL_HEADER], b->label);
			put_words(ui, y, in.x + KEY_COL, in.w - KEY_COL, ui->attr[EL_NORMAL],
			          b->help);
		} else if (i == (int)tui_key_count + 1) {
			put_words(ui, y, in.x, in.w, ui->attr[EL_DIM],
			          "In forms: Tab and Shift-Tab move between fields, Enter saves, "
			          "Esc cancels. See cxo(1), THE DASHBOARD.");
		}
	}
}

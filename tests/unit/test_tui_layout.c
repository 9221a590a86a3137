/*
 * test_tui_layout.c: where the dashboard puts things, for every terminal
 * size from the minimum up to 300x100, and below it.
 */
#include <criterion/criterion.h>

#include "tui/layout.h"

static bool inside(struct rect in, struct rect out)
{
	return in.y >= out.y && in.x >= out.x && in.y + in.h <= out.y + out.h &&
	       in.x + in.w <= out.x + out.w;
}

static bool overlap(struct rect a, struct rect b)
{
	return a.h > 0 && b.h > 0 && a.y < b.y + b.h && b.y < a.y + a.h && a.x < b.x + b.w &&
	       b.x < a.x + a.w;
}

Test(tui_layout, below_the_minimum_is_too_small)
{
	static const int sizes[][2] = { { 23, 80 }, { 24, 79 },  { 20, 60 },  { 0, 0 },
		                        { 1, 1 },   { 100, 79 }, { 23, 300 }, { -1, 120 } };
	for (size_t i = 0; i < sizeof sizes / sizeof sizes[0]; i++) {
		struct layout l;
		layout_compute(sizes[i][0], sizes[i][1], PANEL_ACTIONS, &l);
		cr_expect_eq(l.mode, LAYOUT_TOO_SMALL, "%dx%d", sizes[i][1], sizes[i][0]);
		cr_expect_eq(layout_panel_at(&l, 5, 5), -1);
	}
}

Test(tui_layout, known_sizes_pick_the_expected_mode)
{
	struct layout l;
	layout_compute(24, 80, PANEL_HOURS, &l);
	cr_expect_eq(l.mode, LAYOUT_TABS);
	cr_expect_eq(l.panel[PANEL_HOURS].h, 22);
	cr_expect_eq(l.panel[PANEL_MANDATES].h, 0);
	layout_compute(40, 120, PANEL_HOURS, &l);
	cr_expect_eq(l.mode, LAYOUT_GRID);
	layout_compute(60, 200, PANEL_HOURS, &l);
	cr_expect_eq(l.mode, LAYOUT_GRID);
	/* Wide: the notes take a column on the right. */
	cr_expect_eq(l.panel[PANEL_MANDATES].w + l.panel[PANEL_HOURS].w + l.panel[PANEL_NOTES].w,
	             200);
	layout_compute(60, 80, PANEL_HOURS, &l);
	cr_expect_eq(l.mode, LAYOUT_STACK);
}

/* Every size: bars where they belong, panels inside the body, never
 * overlapping, covering it, and big enough for their content. */
Test(tui_layout, every_size_from_80x24_to_300x100)
{
	for (int rows = TUI_MIN_ROWS; rows <= 100; rows++) {
		for (int cols = TUI_MIN_COLS; cols <= 300; cols++) {
			for (int f = 0; f < PANEL_COUNT; f++) {
				struct layout l;
				layout_compute(rows, cols, (enum panel_id)f, &l);
				cr_assert_neq(l.mode, LAYOUT_TOO_SMALL, "%dx%d", cols, rows);
				cr_assert_eq(l.tabs.y, 0);
				cr_assert_eq(l.tabs.w, cols);
				cr_assert_eq(l.status.y, rows - 1);
				cr_assert_eq(l.body.y, 1);
				cr_assert_eq(l.body.h, rows - 2);
				long area = 0;
				int shown = 0;
				for (int p = 0; p < PANEL_COUNT; p++) {
					struct rect r = l.panel[p];
					if (r.h == 0)
						continue;
					shown++;
					area += (long)r.h * r.w;
					cr_assert(inside(r, l.body), "%dx%d panel %d", cols, rows,
					          p);
					cr_assert_geq(r.w, 40, "%dx%d panel %d width", cols, rows,
					              p);
					cr_assert_geq(r.h, 11, "%dx%d panel %d height", cols, rows,
					              p);
					for (int q = p + 1; q < PANEL_COUNT; q++)
						cr_assert(!overlap(r, l.panel[q]), "%dx%d %d/%d",
						          cols, rows, p, q);
				}
				cr_assert_eq(area, (long)l.body.h * l.body.w,
				             "%dx%d covers the body", cols, rows);
				/* The focus stays where the layout shows it. */
				if (f < PANEL_GRID_COUNT || l.wide || panel_is_view(f))
					cr_assert_eq((int)l.focus, f);
				else
					cr_assert_eq((int)l.focus, PANEL_GRID_COUNT - 1);
				cr_assert_eq(l.wide, cols >= TUI_WIDE_COLS);
				cr_assert_eq(l.view, panel_is_view(f));
				if (l.mode == LAYOUT_TABS || l.view) {
					cr_assert_eq(shown, 1);
					cr_assert_gt(l.panel[l.focus].h, 0);
				} else {
					cr_assert_eq(shown,
					             l.wide ? PANEL_VIEW_FIRST : PANEL_GRID_COUNT);
				}
			}
		}
	}
}

Test(tui_layout, hours_panel_parts_fit)
{
	for (int h = 0; h <= 98; h++) {
		for (int w = 36; w <= 296; w++) {
			struct hours_layout hl;
			hours_layout(h, w, &hl);
			cr_assert_geq(hl.entries_rows, 0);
			if (h < 3)
				continue;
			cr_assert_eq(hl.entries_y + hl.entries_rows, h, "h %d w %d", h, w);
			if (hl.chart_rows) {
				cr_assert_leq(hl.chart_rows, 8);
				cr_assert_geq(hl.chart_rows, 2);
				cr_assert_eq(hl.entries_y, 3 + hl.chart_rows + 1);
				cr_assert_eq(hl.axis_w + hl.weeks * (hl.week_w + 1) - 1, w,
				             "h %d w %d: the chart ends at the right edge", h, w);
				cr_assert_geq(hl.axis_w, 5, "h %d w %d", h, w);
				cr_assert_leq(hl.weeks, TUI_WEEKS);
				cr_assert_geq(hl.week_w, 1);
				if (w >= 46)
					cr_assert_geq(hl.weeks, TUI_WEEKS_MIN,
					              "w %d: 12 weeks at least", w);
			}
		}
	}
	struct hours_layout hl;
	hours_layout(9, 46, &hl); /* a grid panel at 100x24 */
	cr_expect_eq(hl.chart_rows, 3);
	cr_expect_eq(hl.entries_rows, 2);
	cr_expect_eq(hl.weeks, 14);
	cr_expect_eq(hl.week_w, 2);
	hours_layout(27, 71, &hl); /* 200x60 */
	cr_expect_eq(hl.weeks, 13, "four-column bars, as many weeks as fit");
	cr_expect_eq(hl.week_w, 4);
	cr_expect_eq(hl.axis_w, 7);
	hours_layout(27, 200, &hl); /* every week loaded: wider bars */
	cr_expect_eq(hl.weeks, TUI_WEEKS);
	cr_expect_eq(hl.week_w, 6);
}

Test(tui_layout, list_items_take_the_rows_they_have)
{
	for (int rows = 0; rows <= 60; rows++) {
		for (int n = 0; n <= 70; n++) {
			int k = list_item_rows(rows, n, 5);
			cr_assert_geq(k, 1);
			cr_assert_leq(k, 5);
			if (k > 1)
				cr_assert_leq(n * k, rows, "rows %d n %d: every item fits", rows,
				              n);
		}
	}
	cr_expect_eq(list_item_rows(27, 5, 5), 5, "200x60: five risks, five rows each");
	cr_expect_eq(list_item_rows(27, 7, 3), 3);
	cr_expect_eq(list_item_rows(16, 5, 5), 3, "120x40");
	cr_expect_eq(list_item_rows(20, 21, 3), 1, "more than fit: a row each");
	cr_expect_eq(list_item_rows(20, 5, 0), 1);
}

Test(tui_layout, risks_map_beside_below_or_none)
{
	for (int h = 0; h <= 98; h++) {
		for (int w = 20; w <= 296; w++) {
			struct risks_layout rl;
			struct rect all = { 0, 0, h, w };
			risks_layout(h, w, &rl);
			cr_assert(inside(rl.list, all));
			if (!rl.map)
				continue;
			cr_assert(inside(rl.heat, all), "h %d w %d", h, w);
			cr_assert(!overlap(rl.list, rl.heat), "h %d w %d", h, w);
			cr_assert_geq(rl.heat.h, 6);
			cr_assert_eq(rl.heat.w, 2 + 5 * rl.cell_w);
			cr_assert_geq(rl.list.h, 3);
		}
	}
	struct risks_layout rl;
	risks_layout(17, 56, &rl); /* 120x40 */
	cr_expect(rl.map);
	cr_expect_eq(rl.heat.y, 0);
	cr_expect_eq(rl.heat.h, 8, "room for the axes' names");
	risks_layout(7, 56, &rl);
	cr_expect_eq(rl.heat.h, 7, "short: the arrows");
	cr_expect_geq(rl.list.w, 30);
}

Test(tui_layout, overview_cards_fit)
{
	for (int rows = TUI_MIN_ROWS; rows <= 100; rows += 3) {
		for (int cols = TUI_MIN_COLS; cols <= 300; cols += 7) {
			for (int n = 0; n <= 12; n++) {
				struct layout l;
				struct overview_layout ol;
				layout_compute(rows, cols, PANEL_MANDATES, &l);
				overview_layout(l.body, n, &ol);
				cr_assert(inside(ol.capacity, l.body));
				if (!n)
					continue;
				cr_assert_geq(ol.per_row, 1);
				cr_assert_leq(ol.per_row, n);
				cr_assert_leq(ol.per_row * ol.card_w, ol.cards.w);
				cr_assert_leq(ol.rows_visible * ol.card_h, ol.cards.h, "%dx%d n %d",
				              cols, rows, n);
				cr_assert_geq(ol.card_w, 36);
				cr_assert(!overlap(ol.cards, ol.capacity));
			}
		}
	}
	struct layout l;
	struct overview_layout ol;
	layout_compute(24, 80, PANEL_MANDATES, &l);
	overview_layout(l.body, 4, &ol);
	cr_expect_eq(ol.per_row, 2);
	cr_expect_eq(ol.rows_visible, 2, "four clients fit at 80x24");
	layout_compute(60, 200, PANEL_MANDATES, &l);
	overview_layout(l.body, 4, &ol);
	cr_expect_eq(ol.per_row, 4, "side by side on a wide terminal");
	cr_expect_eq(ol.card_h, ol.cards.h, "as tall as the screen: they list more");
	layout_compute(40, 120, PANEL_MANDATES, &l);
	overview_layout(l.body, 4, &ol);
	cr_expect_eq(ol.per_row, 3);
	cr_expect_eq(ol.card_h, 18, "two rows of cards share the height");
	cr_expect_eq(ol.rows_visible, 2);
	layout_compute(24, 80, PANEL_MANDATES, &l);
	overview_layout(l.body, 5, &ol);
	cr_expect_eq(ol.card_h, 10, "three rows do not fit: the least height, scrolled");
}

Test(tui_layout, neighbours)
{
	struct layout l;
	layout_compute(40, 120, PANEL_MANDATES, &l);
	cr_expect_eq(layout_neighbour(&l, PANEL_MANDATES, 0, 1), PANEL_HOURS);
	cr_expect_eq(layout_neighbour(&l, PANEL_HOURS, 0, 1), PANEL_RISKS);
	cr_expect_eq(layout_neighbour(&l, PANEL_ACTIONS, 0, 1), PANEL_MANDATES);
	cr_expect_eq(layout_neighbour(&l, PANEL_MANDATES, 0, -1), PANEL_ACTIONS);
	cr_expect_eq(layout_neighbour(&l, PANEL_MANDATES, 1, 0), PANEL_RISKS);
	cr_expect_eq(layout_neighbour(&l, PANEL_ACTIONS, -1, 0), PANEL_HOURS);
	cr_expect_eq(layout_neighbour(&l, PANEL_HOURS, -1, 0), PANEL_HOURS);
	cr_expect_eq(layout_neighbour(&l, PANEL_RISKS, 1, 0), PANEL_RISKS);
	layout_compute(60, 80, PANEL_MANDATES, &l);
	cr_expect_eq(layout_neighbour(&l, PANEL_MANDATES, 1, 0), PANEL_HOURS);
	cr_expect_eq(layout_neighbour(&l, PANEL_ACTIONS, 1, 0), PANEL_ACTIONS);
	layout_compute(24, 80, PANEL_MANDATES, &l);
	cr_expect_eq(layout_neighbour(&l, PANEL_MANDATES, 1, 0), PANEL_MANDATES);
	cr_expect_eq(layout_neighbour(&l, PANEL_ACTIONS, 0, 1), PANEL_MANDATES);
}

/* From 160 columns the notes have a column of their own on the right,
 * the body's whole height; below, the four panels are as they were. */
Test(tui_layout, wide_screens_show_the_notes)
{
	struct layout l;
	layout_compute(40, 159, PANEL_NOTES, &l);
	cr_expect_not(l.wide);
	cr_expect_eq(l.panel[PANEL_NOTES].h, 0);
	cr_expect_eq(l.focus, PANEL_ACTIONS, "no notes panel: the focus moves beside it");
	cr_expect_eq(l.panel[PANEL_MANDATES].w + l.panel[PANEL_HOURS].w, 159);

	layout_compute(60, 200, PANEL_NOTES, &l);
	cr_expect(l.wide);
	cr_expect_eq(l.focus, PANEL_NOTES);
	struct rect n = l.panel[PANEL_NOTES];
	cr_expect_eq(n.y, l.body.y);
	cr_expect_eq(n.h, l.body.h);
	cr_expect_eq(n.x + n.w, 200);
	cr_expect_eq(n.w, 50);
	cr_expect_eq(l.panel[PANEL_HOURS].x + l.panel[PANEL_HOURS].w, n.x);
	cr_expect_eq(l.panel[PANEL_ACTIONS].x + l.panel[PANEL_ACTIONS].w, n.x);

	layout_compute(24, 160, PANEL_HOURS, &l);
	cr_expect(l.wide);
	cr_expect_eq(l.panel[PANEL_NOTES].w, 40);
	cr_expect_eq(l.panel[PANEL_MANDATES].w, 60);
	layout_compute(100, 300, PANEL_HOURS, &l);
	cr_expect_eq(l.panel[PANEL_NOTES].w, 64, "the column stops growing");

	/* Left and right reach the notes after the actions; up and down
	 * stay in their column. */
	layout_compute(60, 200, PANEL_MANDATES, &l);
	cr_expect_eq(layout_neighbour(&l, PANEL_ACTIONS, 0, 1), PANEL_NOTES);
	cr_expect_eq(layout_neighbour(&l, PANEL_NOTES, 0, 1), PANEL_MANDATES);
	cr_expect_eq(layout_neighbour(&l, PANEL_MANDATES, 0, -1), PANEL_NOTES);
	cr_expect_eq(layout_neighbour(&l, PANEL_NOTES, 1, 0), PANEL_NOTES);
	cr_expect_eq(layout_neighbour(&l, PANEL_NOTES, -1, 0), PANEL_NOTES);
	cr_expect_eq(layout_neighbour(&l, PANEL_HOURS, 1, 0), PANEL_ACTIONS);
	cr_expect_eq(layout_panel_at(&l, 5, 190), PANEL_NOTES);
	cr_expect_eq(layout_panel_at(&l, 50, 190), PANEL_NOTES);

	/* The tabs and the stack keep to the four. */
	layout_compute(24, 80, PANEL_NOTES, &l);
	cr_expect_eq(l.mode, LAYOUT_TABS);
	cr_expect_eq(l.focus, PANEL_ACTIONS);
	cr_expect_gt(l.panel[PANEL_ACTIONS].h, 0);
	cr_expect_eq(layout_neighbour(&l, PANEL_NOTES, 0, 1), PANEL_NOTES);
	layout_compute(60, 80, PANEL_NOTES, &l);
	cr_expect_eq(l.mode, LAYOUT_STACK);
	cr_expect_eq(l.panel[PANEL_NOTES].h, 0);
}

/* The Vendors and Decisions views take the whole body, alone, at every
 * size and in every mode; they have no neighbours, and no layout shows
 * them beside the panels. */
Test(tui_layout, views_take_the_body_alone)
{
	static const int sizes[][2] = { { 24, 80 }, { 40, 120 }, { 60, 80 }, { 60, 200 } };
	for (size_t i = 0; i < sizeof sizes / sizeof sizes[0]; i++) {
		for (int v = PANEL_VIEW_FIRST; v < PANEL_COUNT; v++) {
			struct layout l;
			layout_compute(sizes[i][0], sizes[i][1], (enum panel_id)v, &l);
			cr_expect(l.view);
			cr_expect_eq((int)l.focus, v);
			struct rect r = l.panel[v];
			cr_expect(r.y == l.body.y && r.x == l.body.x && r.h == l.body.h &&
			                  r.w == l.body.w,
			          "%dx%d", sizes[i][1], sizes[i][0]);
			for (int p = 0; p < PANEL_COUNT; p++)
				if (p != v)
					cr_expect_eq(l.panel[p].h, 0, "%d beside %d", p, v);
			cr_expect_eq((int)layout_neighbour(&l, (enum panel_id)v, 0, 1), v);
			cr_expect_eq((int)layout_neighbour(&l, (enum panel_id)v, 1, 0), v);
			cr_expect_eq(layout_panel_at(&l, l.body.y + 2, 3), v);
		}
		struct layout l;
		layout_compute(sizes[i][0], sizes[i][1], PANEL_MANDATES, &l);
		cr_expect_not(l.view);
		for (int v = PANEL_VIEW_FIRST; v < PANEL_COUNT; v++)
			cr_expect_eq(l.panel[v].h, 0, "a view is never a panel of the grid");
		/* Right from the last panel shown wraps to the first, never
		 * into a view. */
		enum panel_id last = l.wide ? PANEL_NOTES : PANEL_ACTIONS;
		if (l.mode != LAYOUT_TABS)
			cr_expect_eq(layout_neighbour(&l, last, 0, 1), PANEL_MANDATES);
	}
}

Test(tui_layout, notes_panel_parts_fit)
{
	for (int h = 0; h <= 98; h++) {
		for (int n = 0; n <= 50; n++) {
			struct notes_layout nl;
			notes_layout(h, n, &nl);
			cr_assert_leq(nl.list_rows, h < 0 ? 0 : h);
			if (h >= 1)
				cr_assert_geq(nl.list_rows, 1);
			if (!nl.text_rows) {
				cr_assert_eq(nl.text_y, 0);
				continue;
			}
			cr_assert_gt(n, 0, "no note, nothing to show in full");
			cr_assert_eq(nl.text_y + nl.text_rows, h, "h %d n %d", h, n);
			cr_assert_geq(nl.text_rows, 2);
			int listed = n < nl.list_rows ? n : nl.list_rows;
			cr_assert_eq(nl.text_y, listed + 1, "a blank row after the list");
		}
	}
	struct notes_layout nl;
	notes_layout(56, 3, &nl); /* 200x60 */
	cr_expect_eq(nl.list_rows, 12);
	cr_expect_eq(nl.text_y, 4);
	cr_expect_eq(nl.text_rows, 52);
	notes_layout(6, 3, &nl);
	cr_expect_eq(nl.list_rows, 6, "short: the list alone");
	cr_expect_eq(nl.text_rows, 0);
}

Test(tui_layout, panel_at_a_cell)
{
	struct layout l;
	layout_compute(40, 120, PANEL_MANDATES, &l);
	cr_expect_eq(layout_panel_at(&l, 0, 5), -1, "the tab bar");
	cr_expect_eq(layout_panel_at(&l, 39, 5), -1, "the status bar");
	cr_expect_eq(layout_panel_at(&l, 2, 2), PANEL_MANDATES);
	cr_expect_eq(layout_panel_at(&l, 2, 100), PANEL_HOURS);
	cr_expect_eq(layout_panel_at(&l, 30, 2), PANEL_RISKS);
	cr_expect_eq(layout_panel_at(&l, 30, 100), PANEL_ACTIONS);
}

Test(tui_layout, panel_words)
{
	for (int p = 0; p < PANEL_COUNT; p++) {
		enum panel_id got;
		cr_expect(panel_from_word(panel_word((enum panel_id)p), &got));
		cr_expect_eq((int)got, p);
	}
	enum panel_id got = PANEL_HOURS;
	cr_expect_not(panel_from_word("nope", &got));
	cr_expect_not(panel_from_word(NULL, &got));
	cr_expect_str_eq(panel_title(PANEL_ACTIONS), "Next actions");
	cr_expect_str_eq(panel_title(PANEL_MANDATES), "Mandates");
	struct rect in = rect_inner((struct rect){ 1, 0, 10, 40 });
	cr_expect_eq(in.y, 2);
	cr_expect_eq(in.x, 2);
	cr_expect_eq(in.h, 8);
	cr_expect_eq(in.w, 36);
}

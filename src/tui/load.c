/*
 * load.c: the items each panel shows and keeps selected (through its
 * ops), and loading through the store: the clients and the timer for the
 * tab bar, the current client's panels (data.c), the overview (the app
 * layer's portfolio).  A selection follows its item
 * by id across reloads, so a change from another terminal never moves
 * the user's place.
 */
#include "internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "cxo/clock.h"
#include "cxo/text.h"

void tui_mark(struct tui *ui, unsigned dirty)
{
	ui->dirty |= dirty;
}

const struct client *tui_client(const struct tui *ui)
{
	if (ui->cur < 0 || (size_t)ui->cur >= ui->clients.n)
		return NULL;
	return &ui->clients.items[ui->cur];
}

int tui_client_index(const struct client_list *l, const char *id)
{
	for (size_t i = 0; id && i < l->n; i++)
		if (!strcmp(l->items[i].id, id))
			return (int)i;
	return -1;
}

int tui_summary_index(const struct summary_list *l, const char *id)
{
	for (size_t i = 0; id && i < l->n; i++)
		if (!strcmp(l->items[i].client.id, id))
			return (int)i;
	return -1;
}

/* ---- panels' items ---- */

size_t panel_count(const struct tui *ui, enum panel_id p)
{
	const void *part = (unsigned)p < PANEL_COUNT ? panel_part(ui, p) : NULL;
	return part ? tui_panels[p]->count(part) : 0;
}

const char *panel_item_id(const struct tui *ui, enum panel_id p, size_t i)
{
	if (i >= panel_count(ui, p))
		return NULL;
	return tui_panels[p]->item_id(panel_part(ui, p), i);
}

const char *tui_selected_id(const struct tui *ui, enum panel_id p)
{
	if (ui->ps[p].sel < 0)
		return NULL;
	return panel_item_id(ui, p, (size_t)ui->ps[p].sel);
}

int panel_list_rows(const struct tui *ui, enum panel_id p, int *first_y)
{
	struct rect r = ui->lay.panel[p];
	*first_y = 0;
	if (r.h <= 0)
		return 0;
	struct rect in = rect_inner(r), list = in;
	if (tui_panels[p]->list_area)
		tui_panels[p]->list_area(&in, &list);
	*first_y = list.y;
	return list.h;
}

void panel_title_text(const struct tui *ui, enum panel_id p, char *buf, size_t n)
{
	snprintf(buf, n, "%s%s%s%s", panel_title(p), ui->show_all[p] ? " (all)" : "",
	         ui->ps[p].filter[0] ? " /" : "", ui->ps[p].filter);
}

void tui_set_sel(struct tui *ui, enum panel_id p, int sel)
{
	struct panel_state *ps = &ui->ps[p];
	int n = (int)panel_count(ui, p);
	if (sel >= n)
		sel = n - 1;
	if (sel < 0)
		sel = 0;
	ps->sel = sel;
	/* At the end of what was loaded: load a page more. */
	size_t limit = ps->limit ? ps->limit : TUI_LIST_PAGE;
	if (n > 0 && sel == n - 1 && (size_t)n >= limit && limit < TUI_LIST_MAX) {
		ps->limit = limit + TUI_LIST_PAGE * 4;
		ui->reload |= RELOAD_VIEW;
	}
	const char *id = panel_item_id(ui, p, (size_t)sel);
	snprintf(ps->sel_id, sizeof ps->sel_id, "%s", id ? id : "");
	tui_mark(ui, DIRTY_BODY);
}

/* After a reload: the same item stays selected wherever it moved. */
static void restore_sel(struct tui *ui, enum panel_id p)
{
	struct panel_state *ps = &ui->ps[p];
	size_t n = panel_count(ui, p);
	if (ps->sel_id[0]) {
		for (size_t i = 0; i < n; i++) {
			if (!strcmp(panel_item_id(ui, p, i), ps->sel_id)) {
				ps->sel = (int)i;
				return;
			}
		}
	}
	tui_set_sel(ui, p, ps->sel);
}

/* ---- loading ---- */

/* The client's notice deadlines from today to VENDOR_NOTICE_SOON_DAYS
 * ahead, as the overview's notices_soon counts them: beside its tab with
 * the overdue actions. */
static int notices_soon(struct tui *ui, const char *client_id)
{
	char from[DAY_LEN], to[DAY_LEN];
	struct vendor_list l = { 0 };
	date_format_iso(ui->today, from);
	date_format_iso(ui->today + VENDOR_NOTICE_SOON_DAYS, to);
	struct vendor_filter f = { .client_id = client_id, .notice_from = from, .notice_to = to };
	if (store_vendor_list(ui->st, &f, &l))
		return 0;
	int n = (int)l.n;
	vendor_list_free(&l);
	return n;
}

void tui_load_clients(struct tui *ui)
{
	struct client_list l = { 0 };
	char today[DAY_LEN];
	int rc = store_client_list(ui->st, false, &l);
	if (rc) {
		tui_error(ui, "%s", store_error(ui->st));
		return;
	}
	client_list_free(&ui->clients);
	ui->clients = l;
	free(ui->overdue);
	ui->overdue = calloc(l.n ? l.n : 1, sizeof *ui->overdue);
	date_format_iso(ui->today, today);
	for (size_t i = 0; ui->overdue && i < l.n; i++) {
		int open = 0;
		if (store_dash_action_counts(ui->st, l.items[i].id, today, &open, &ui->overdue[i]))
			ui->overdue[i] = 0;
		ui->overdue[i] += notices_soon(ui, l.items[i].id);
	}
	/* The current client by id: keys can change, order too. */
	int found = tui_client_index(&l, ui->cur_id);
	if (found < 0 && l.n) {
		found = ui->cur < 0 ? 0 : ui->cur >= (int)l.n ? (int)l.n - 1 : ui->cur;
		ui->reload |= RELOAD_VIEW;
	}
	ui->cur = found;
	snprintf(ui->cur_id, sizeof ui->cur_id, "%s", found >= 0 ? l.items[found].id : "");

	timer_free(&ui->timer);
	memset(&ui->timer, 0, sizeof ui->timer);
	rc = store_timer_get(ui->st, &ui->timer);
	ui->timer_running = rc == 0;
	if (rc && rc != EX_NOINPUT)
		tui_error(ui, "%s", store_error(ui->st));
}

static void load_view(struct tui *ui)
{
	const struct client *c = tui_client(ui);
	const char *filters[PANEL_COUNT];
	if (!c) {
		tui_view_free(&ui->view);
		return;
	}
	size_t limits[PANEL_COUNT];
	for (int p = 0; p < PANEL_COUNT; p++) {
		filters[p] = ui->ps[p].filter;
		limits[p] = ui->ps[p].limit;
	}
	int shown = panel_is_view((int)ui->focus) ? (int)ui->focus : -1;
	int rc = tui_view_load(ui->st, ui->cfg, c, ui->today, filters, limits, ui->show_all, shown,
	                       &ui->view);
	if (rc) {
		tui_error(ui, "%s", store_error(ui->st));
		return;
	}
	for (int p = 0; p < PANEL_COUNT; p++)
		restore_sel(ui, (enum panel_id)p);
}

static void load_overview(struct tui *ui)
{
	char id[UUID_LEN] = "";
	if (ui->ov.loaded && ui->ov_sel >= 0 && (size_t)ui->ov_sel < ui->ov.sums.n)
		snprintf(id, sizeof id, "%s", ui->ov.sums.items[ui->ov_sel].client.id);
	int rc = app_portfolio_load(ui->app, true, &ui->ov);
	if (rc) {
		tui_error(ui, "%s", store_error(ui->st));
		return;
	}
	if (overview_load_cards(ui))
		tui_error(ui, "%s", store_error(ui->st));
	int at = id[0] ? tui_summary_index(&ui->ov.sums, id) : -1;
	if (at >= 0)
		ui->ov_sel = at;
}

void tui_load(struct tui *ui)
{
	/* One snapshot for the whole frame, released before the next wait;
	 * each refresh has the step budget of one command. */
	store_budget(ui->st, 0);
	int rc = store_dash_read_begin(ui->st);
	if (rc)
		tui_error(ui, "%s", store_error(ui->st));
	unsigned r = ui->reload;
	if (r & RELOAD_CLIENTS)
		tui_load_clients(ui);
	r = ui->reload; /* load_clients may ask for the view */
	if (ui->screen == SCREEN_CLIENT && (r & RELOAD_VIEW)) {
		load_view(ui);
		ui->reload &= ~(unsigned)RELOAD_VIEW;
	}
	if (ui->screen == SCREEN_OVERVIEW && (r & RELOAD_OVERVIEW)) {
		load_overview(ui);
		ui->reload &= ~(unsigned)RELOAD_OVERVIEW;
	}
	ui->reload &= ~(unsigned)RELOAD_CLIENTS;
	if (ui->overlay == OVERLAY_DETAIL && (r & (RELOAD_VIEW | RELOAD_OVERVIEW)))
		detail_rebuild(ui);
	store_dash_read_end(ui->st);
	tui_mark(ui, DIRTY_ALL);
}

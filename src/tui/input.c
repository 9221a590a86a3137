/*
 * input.c: what keys and mouse clicks do.  Keys are looked up in the one
 * key table (keys.c); the handlers change the state and set dirty or
 * reload flags, and the loop draws afterwards.
 */
#include "internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "cxo/text.h"

/* ---- moving around ---- */

void tui_select_client(struct tui *ui, int index)
{
	if (index < 0 || (size_t)index >= ui->clients.n)
		return;
	bool same = index == ui->cur && ui->screen == SCREEN_CLIENT && ui->view.loaded &&
	            !strcmp(ui->view.client.id, ui->clients.items[index].id);
	ui->overlay = OVERLAY_NONE;
	ui->screen = SCREEN_CLIENT;
	if (same) {
		tui_mark(ui, DIRTY_ALL);
		return;
	}
	bool switched = index != ui->cur;
	ui->cur = index;
	snprintf(ui->cur_id, sizeof ui->cur_id, "%s", ui->clients.items[index].id);
	for (int p = 0; p < PANEL_COUNT; p++)
		memset(&ui->ps[p], 0, sizeof ui->ps[p]);
	ui->reload |= RELOAD_VIEW;
	tui_mark(ui, DIRTY_ALL);
	if (switched)
		brief_switched(ui);
}

static void show_overview(struct tui *ui)
{
	ui->overlay = OVERLAY_NONE;
	if (ui->screen != SCREEN_OVERVIEW && ui->cur >= 0) {
		/* Start on the card of the client we came from. */
		int at = tui_summary_index(&ui->ov.sums, ui->cur_id);
		ui->ov_sel = at >= 0 ? at : ui->cur;
	}
	ui->screen = SCREEN_OVERVIEW;
	ui->reload |= RELOAD_OVERVIEW;
	tui_mark(ui, DIRTY_ALL);
}

static void open_overview_card(struct tui *ui)
{
	if (ui->ov_sel < 0 || (size_t)ui->ov_sel >= ui->ov.sums.n)
		return;
	int i = tui_client_index(&ui->clients, ui->ov.sums.items[ui->ov_sel].client.id);
	if (i >= 0)
		tui_select_client(ui, i);
}

/* v and c: the client's vendors or decisions, alone in the body; the
 * same key again, or Esc, goes back to the panel it came from.  On the
 * overview: those of the selected card's client. */
static void show_view(struct tui *ui, enum panel_id v)
{
	if (ui->screen == SCREEN_OVERVIEW)
		open_overview_card(ui);
	if (ui->screen != SCREEN_CLIENT || !edit_have_client(ui))
		return;
	ui->overlay = OVERLAY_NONE;
	if (ui->focus == v) {
		ui->focus = ui->grid_focus;
	} else {
		if (!panel_is_view((int)ui->focus))
			ui->grid_focus = ui->focus;
		ui->focus = v;
		ui->reload |= RELOAD_VIEW; /* a closed view's part was left empty */
	}
	tui_mark(ui, DIRTY_BODY | DIRTY_STATUS);
}

static void leave_view(struct tui *ui)
{
	if (panel_is_view((int)ui->focus))
		show_view(ui, ui->focus);
}

static void move_items(struct tui *ui, int delta, bool cross_panels)
{
	enum panel_id p = ui->focus;
	int n = (int)panel_count(ui, p);
	int sel = ui->ps[p].sel;
	if (cross_panels && ((delta > 0 && sel >= n - 1) || (delta < 0 && sel <= 0))) {
		enum panel_id q = layout_neighbour(&ui->lay, p, delta > 0 ? 1 : -1, 0);
		if (q != p) {
			ui->focus = q;
			tui_set_sel(ui, q, delta > 0 ? 0 : (int)panel_count(ui, q) - 1);
			return;
		}
	}
	tui_set_sel(ui, p, sel + delta);
}

static int page_rows(const struct tui *ui)
{
	int y0;
	int rows = panel_list_rows(ui, ui->focus, &y0);
	return rows > 1 ? rows - 1 : 1;
}

static void open_detail(struct tui *ui)
{
	const char *id = tui_selected_id(ui, ui->focus);
	if (!id) {
		tui_message(ui, "nothing selected in %s", panel_title(ui->focus));
		return;
	}
	detail_open(ui, (int)ui->focus, id);
}

static void open_client_info(struct tui *ui)
{
	const char *id = NULL;
	if (ui->screen == SCREEN_OVERVIEW && ui->ov_sel >= 0 && (size_t)ui->ov_sel < ui->ov.sums.n)
		id = ui->ov.sums.items[ui->ov_sel].client.id;
	else if (tui_client(ui))
		id = tui_client(ui)->id;
	if (id)
		detail_open(ui, DETAIL_CLIENT, id);
	else
		tui_message(ui, "no client yet: a adds one");
}

static void scroll_overlay(struct tui *ui, int delta)
{
	if (ui->overlay == OVERLAY_HELP)
		ui->help_scroll += delta;
	else if (ui->overlay == OVERLAY_BRIEF)
		ui->brief_scroll += delta;
	else
		ui->detail.scroll += delta;
	if (ui->brief_scroll < 0)
		ui->brief_scroll = 0;
	if (ui->help_scroll < 0)
		ui->help_scroll = 0;
	if (ui->detail.scroll < 0)
		ui->detail.scroll = 0;
	tui_mark(ui, DIRTY_BODY);
}

/* Keys while the help or a detail is open; true when handled. */
static bool overlay_key(struct tui *ui, enum tui_action act)
{
	int page = rect_inner(overlay_rect(ui)).h - 1;
	switch (act) {
	case ACT_UP:
		scroll_overlay(ui, -1);
		return true;
	case ACT_DOWN:
		scroll_overlay(ui, 1);
		return true;
	case ACT_PAGE_UP:
		scroll_overlay(ui, -page);
		return true;
	case ACT_PAGE_DOWN:
		scroll_overlay(ui, page);
		return true;
	case ACT_FIRST:
		scroll_overlay(ui, -100000);
		return true;
	case ACT_LAST:
		scroll_overlay(ui, 100000);
		return true;
	case ACT_BACK:
	case ACT_QUIT:
	case ACT_DETAIL:
		ui->overlay = OVERLAY_NONE;
		tui_mark(ui, DIRTY_BODY);
		return true;
	case ACT_BRIEF:
		if (ui->overlay != OVERLAY_BRIEF)
			break;
		ui->overlay = OVERLAY_NONE;
		tui_mark(ui, DIRTY_BODY);
		return true;
	case ACT_HELP:
		ui->overlay = ui->overlay == OVERLAY_HELP ? OVERLAY_NONE : OVERLAY_HELP;
		ui->help_scroll = 0;
		tui_mark(ui, DIRTY_BODY);
		return true;
	case ACT_EDIT:
	case ACT_DONE:
	case ACT_DELETE:
	case ACT_SUPERSEDE:
		/* On a detail these act on the item shown, which is the
		 * selection (or the client): let them through. */
		if (ui->overlay == OVERLAY_DETAIL)
			return false;
		break;
	default:
		break;
	}
	ui->overlay = OVERLAY_NONE;
	tui_mark(ui, DIRTY_BODY);
	return false;
}

/* The keys that leave the offer to reverse the last change standing:
 * d takes it, the others change and move nothing. */
static bool keeps_undo(enum tui_action act)
{
	return act == ACT_DONE || act == ACT_HELP || act == ACT_REFRESH || act == ACT_NONE;
}

/* The actions that change the database. */
static bool writes(enum tui_action act)
{
	switch (act) {
	case ACT_ADD:
	case ACT_EDIT:
	case ACT_DONE:
	case ACT_DELETE:
	case ACT_LOG:
	case ACT_TIMER:
	case ACT_TIMER_CANCEL:
	case ACT_NOTE:
	case ACT_NOTE_EDITOR:
	case ACT_SUPERSEDE:
	case ACT_UNDO:
	case ACT_REDO:
		return true;
	default:
		return false;
	}
}

static void dispatch(struct tui *ui, enum tui_action act, int arg)
{
	bool ov = ui->screen == SCREEN_OVERVIEW;

	if (ui->read_only && writes(act)) {
		tui_error(ui, "read-only: the database's place cannot be written, nothing "
		              "can be changed here");
		return;
	}
	if (ui->overlay != OVERLAY_NONE && overlay_key(ui, act))
		return;
	if (!keeps_undo(act))
		undo_drop(ui);
	switch (act) {
	case ACT_CLIENT:
		if ((size_t)arg < ui->clients.n)
			tui_select_client(ui, arg);
		else
			tui_message(ui, "there is no client %d (%zu in all)", arg + 1,
			            ui->clients.n);
		break;
	case ACT_NEXT_CLIENT:
	case ACT_PREV_CLIENT:
		if (!ui->clients.n)
			break;
		if (ov)
			tui_select_client(ui, ui->cur < 0 ? 0 : ui->cur);
		else
			tui_select_client(ui,
			                  (int)(((size_t)ui->cur + ui->clients.n +
			                         (act == ACT_NEXT_CLIENT ? 1 : ui->clients.n - 1)) %
			                        ui->clients.n));
		break;
	case ACT_OVERVIEW:
		show_overview(ui);
		break;
	case ACT_LEFT:
	case ACT_RIGHT:
		if (ov) {
			overview_move(ui, 0, act == ACT_RIGHT ? 1 : -1);
		} else {
			ui->focus =
			        layout_neighbour(&ui->lay, ui->focus, 0, act == ACT_RIGHT ? 1 : -1);
			tui_mark(ui, DIRTY_BODY);
		}
		break;
	case ACT_UP:
	case ACT_DOWN:
		if (ov)
			overview_move(ui, act == ACT_DOWN ? 1 : -1, 0);
		else
			move_items(ui, act == ACT_DOWN ? 1 : -1, true);
		break;
	case ACT_PAGE_UP:
	case ACT_PAGE_DOWN:
		if (ov)
			overview_move(ui, act == ACT_PAGE_DOWN ? 1 : -1, 0);
		else
			move_items(ui, act == ACT_PAGE_DOWN ? page_rows(ui) : -page_rows(ui),
			           false);
		break;
	case ACT_FIRST:
	case ACT_LAST:
		if (ov) {
			ui->ov_sel = act == ACT_FIRST ? 0 : (int)ui->ov.sums.n - 1;
			tui_mark(ui, DIRTY_BODY);
		} else {
			tui_set_sel(ui, ui->focus,
			            act == ACT_FIRST ? 0 : (int)panel_count(ui, ui->focus) - 1);
		}
		break;
	case ACT_DETAIL:
		if (ov)
			open_overview_card(ui);
		else
			open_detail(ui);
		break;
	case ACT_CLIENT_INFO:
		open_client_info(ui);
		break;
	case ACT_ADD:
		edit_add(ui);
		break;
	case ACT_EDIT:
		edit_edit(ui);
		break;
	case ACT_DONE:
		edit_done(ui);
		break;
	case ACT_DELETE:
		edit_delete(ui);
		break;
	case ACT_LOG:
		edit_log(ui);
		break;
	case ACT_TIMER:
		edit_timer(ui);
		break;
	case ACT_TIMER_CANCEL:
		edit_timer_cancel(ui);
		break;
	case ACT_NOTE:
		edit_note(ui);
		break;
	case ACT_NOTE_EDITOR:
		edit_note_in_editor(ui, NULL);
		break;
	case ACT_FILTER:
		edit_filter(ui);
		break;
	case ACT_SHOW_ALL:
		edit_show_all(ui);
		break;
	case ACT_BRIEF:
		brief_key(ui);
		break;
	case ACT_REPORT:
		docs_key(ui);
		break;
	case ACT_VENDORS:
		show_view(ui, PANEL_VENDORS);
		break;
	case ACT_DECISIONS:
		show_view(ui, PANEL_DECISIONS);
		break;
	case ACT_SUPERSEDE:
		edit_decision_supersede(ui);
		break;
	case ACT_UNDO:
	case ACT_REDO:
		undo_journal(ui, act == ACT_REDO);
		break;
	case ACT_REFRESH:
		ui->reload = RELOAD_ALL;
		tui_mark(ui, DIRTY_ALL | DIRTY_CLEAR);
		tui_message(ui, "reloaded");
		tui_sync_auto(ui);
		break;
	case ACT_HELP:
		ui->overlay = OVERLAY_HELP;
		ui->help_scroll = 0;
		tui_mark(ui, DIRTY_BODY);
		break;
	case ACT_BACK:
		if (!ov && ui->ps[ui->focus].filter[0]) {
			ui->ps[ui->focus].filter[0] = '\0';
			ui->reload |= RELOAD_VIEW;
			tui_message(ui, "filter cleared");
		} else if (!ov) {
			leave_view(ui);
		}
		break;
	case ACT_QUIT:
		ui->quit = true;
		break;
	default:
		break;
	}
}

static void mouse(struct tui *ui)
{
	MEVENT ev;
	if (getmouse(&ev) != OK || ui->lay.mode == LAYOUT_TOO_SMALL)
		return;
	if (ev.bstate & (BUTTON4_PRESSED | BUTTON5_PRESSED)) {
		dispatch(ui, ev.bstate & BUTTON4_PRESSED ? ACT_UP : ACT_DOWN, 0);
		return;
	}
	if (!(ev.bstate & BUTTON1_PRESSED))
		return;
	undo_drop(ui); /* a click moves or opens something */
	if (ev.y == 0) {
		int hit = tabs_hit(ui, ev.x);
		if (hit == -1)
			show_overview(ui);
		else if (hit >= 0)
			tui_select_client(ui, hit);
		return;
	}
	if (ui->overlay != OVERLAY_NONE) {
		ui->overlay = OVERLAY_NONE;
		tui_mark(ui, DIRTY_BODY);
		return;
	}
	if (ui->screen == SCREEN_OVERVIEW) {
		int card = overview_card_at(ui, ev.y, ev.x);
		if (card >= 0 && card == ui->ov_sel)
			open_overview_card(ui);
		else if (card >= 0)
			ui->ov_sel = card;
		tui_mark(ui, DIRTY_BODY);
		return;
	}
	int p = layout_panel_at(&ui->lay, ev.y, ev.x);
	if (p < 0)
		return;
	bool was_focused = p == (int)ui->focus;
	ui->focus = (enum panel_id)p;
	tui_mark(ui, DIRTY_BODY);
	int y0, rows = panel_list_rows(ui, (enum panel_id)p, &y0);
	if (ev.y < y0 || ev.y >= y0 + rows)
		return;
	int i = list_item_at(ui, (enum panel_id)p, ev.y - y0);
	if (i < 0)
		return;
	if (was_focused && i == ui->ps[p].sel)
		open_detail(ui);
	else
		tui_set_sel(ui, (enum panel_id)p, i);
}

void tui_handle_key(struct tui *ui, int ch)
{
	int arg = 0;
	if (ch == KEY_RESIZE) {
		tui_mark(ui, DIRTY_ALL | DIRTY_CLEAR);
		return;
	}
	if (ui->msg[0]) {
		ui->msg[0] = '\0';
		tui_mark(ui, DIRTY_STATUS);
	}
	if (ch == KEY_MOUSE) {
		mouse(ui);
		return;
	}
	const struct key_binding *b = keys_lookup(ch, &arg);
	if (ui->lay.mode == LAYOUT_TOO_SMALL) {
		if (b && b->action == ACT_QUIT)
			ui->quit = true;
		return;
	}
	if (!b) {
		tui_message(ui, "no such key here; ? lists the keys");
		return;
	}
	dispatch(ui, b->action, arg);
}

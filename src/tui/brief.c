/*
 * brief.c: the briefing before a call as an overlay (b), the same text
 * `cxo brief` prints (src/report/brief.c, through report_lines), wrapped
 * to the overlay's width; and what switching to a client records: the
 * day it was worked on, and, with brief_on_switch, the brief of a client
 * not seen today.
 */
#include "internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "cxo/report.h"

void brief_free(struct tui *ui)
{
	for (size_t i = 0; i < ui->brief_n; i++)
		free(ui->brief_lines[i]);
	free(ui->brief_lines);
	ui->brief_lines = NULL;
	ui->brief_n = 0;
}

/* The brief's lines for the client ui->brief_id at the overlay's width;
 * false (the message saying why) when it cannot be made. */
static bool brief_build(struct tui *ui)
{
	struct client c = { 0 };
	char err[512] = "";
	int rc = store_client_get_by_id(ui->st, ui->brief_id, &c);
	brief_free(ui);
	if (rc) {
		tui_error(ui, "cannot read the client: %s", store_error(ui->st));
		return false;
	}
	int w = rect_inner(overlay_rect(ui)).w;
	ui->brief_width = w < 20 ? 20 : w;
	struct report_request r;
	memset(&r, 0, sizeof r);
	r.kind = REPORT_BRIEF;
	r.format = REPORT_TEXT;
	r.client = &c;
	r.today = ui->today;
	r.now = ui->app->now;
	r.cfg = ui->cfg;
	r.width = ui->brief_width;
	rc = report_lines(ui->st, &r, &ui->brief_lines, &ui->brief_n, err, sizeof err);
	client_free(&c);
	if (rc) {
		ui->brief_lines = NULL;
		ui->brief_n = 0;
		tui_error(ui, "cannot make the brief: %s", err[0] ? err : "an error");
		return false;
	}
	return true;
}

void brief_open(struct tui *ui, const char *client_id)
{
	snprintf(ui->brief_id, sizeof ui->brief_id, "%s", client_id);
	ui->brief_scroll = 0;
	if (brief_build(ui))
		ui->overlay = OVERLAY_BRIEF;
	tui_mark(ui, DIRTY_BODY);
}

void brief_draw(struct tui *ui)
{
	struct rect r = overlay_rect(ui);
	struct rect in = rect_inner(r);
	if (in.w != ui->brief_width && in.w >= 20 && !brief_build(ui)) {
		ui->overlay = OVERLAY_NONE;
		return;
	}
	char title[64];
	const char *key = "";
	int at = tui_client_index(&ui->clients, ui->brief_id);
	if (at >= 0)
		key = ui->clients.items[at].key;
	snprintf(title, sizeof title, "Brief: %s", key);
	fill(ui, r, ui->attr[EL_NORMAL]);
	draw_panel_frame(ui, r, true, title, "q closes");
	int rows = in.h, n = (int)ui->brief_n;
	if (ui->brief_scroll > n - rows)
		ui->brief_scroll = n - rows;
	if (ui->brief_scroll < 0)
		ui->brief_scroll = 0;
	for (int row = 0; row < rows && ui->brief_scroll + row < n; row++) {
		const char *l = ui->brief_lines[ui->brief_scroll + row];
		/* Headings (the line under them is = or -) stand out. */
		int attr = ui->attr[EL_NORMAL];
		if (ui->brief_scroll + row + 1 < n) {
			const char *u = ui->brief_lines[ui->brief_scroll + row + 1];
			if (u[0] && (u[0] == '=' || u[0] == '-') &&
			    strspn(u, u[0] == '=' ? "=" : "-") == strlen(u))
				attr = ui->attr[EL_HEADER];
		}
		put_fit(ui, in.y + row, in.x, in.w, attr, l);
	}
	if (n > rows) {
		char more[32];
		snprintf(more, sizeof more, " %d/%d ",
		         ui->brief_scroll + rows < n ? ui->brief_scroll + rows : n, n);
		put_raw(ui, r.y + r.h - 1, r.x + r.w - 2 - (int)strlen(more), ui->attr[EL_DIM],
		        more);
	}
}

/* b: the brief of the client shown, or of the card selected. */
void brief_key(struct tui *ui)
{
	const char *id = NULL;
	if (ui->screen == SCREEN_OVERVIEW && ui->ov_sel >= 0 && (size_t)ui->ov_sel < ui->ov.sums.n)
		id = ui->ov.sums.items[ui->ov_sel].client.id;
	else if (tui_client(ui))
		id = tui_client(ui)->id;
	if (id)
		brief_open(ui, id);
	else
		tui_message(ui, "no client yet: a adds one");
}

void brief_switched(struct tui *ui)
{
	const struct client *c = tui_client(ui);
	if (!c)
		return;
	char today[DAY_LEN], last[DAY_LEN] = "", previous[DAY_LEN] = "";
	date_format_iso(ui->today, today);
	/* Seen today or not, decided before this switch counts. */
	bool seen = store_seen_get(ui->st, c->id, last, previous) == 0 && !strcmp(last, today);
	/* A read-only database keeps no record, quietly. */
	if (!ui->read_only && !seen) {
		int rc = store_seen_mark(ui->st, c->id, today);
		if (rc && rc != EX_CANTCREAT && rc != EX_NOPERM)
			tui_error(ui, "cannot record the day worked on %s: %s", c->key,
			          store_error(ui->st));
	}
	if (ui->cfg->brief_on_switch && !seen)
		brief_open(ui, c->id);
}

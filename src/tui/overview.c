/*
 * overview.c: the portfolio, every client side by side as a card (hours
 * against budget with the pace, risks, overdue and due-this-week actions,
 * the next due item, the next notice deadline of a contract, the last
 * activity), and the personal capacity line:
 * all budgets against the configured monthly capacity.
 */
#include "internal.h"

#include "cxo/rules.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "cxo/duration.h"
#include "cxo/text.h"
#include "vendor_rows.h"

/* The most a card lists of each. */
#define CARD_LIST_MAX 12
#define CARD_NOTES_MAX 3

void overview_free_cards(struct tui *ui)
{
	for (size_t i = 0; ui->cards && i < ui->n_cards; i++) {
		struct card_lists *c = &ui->cards[i];
		action_list_free(&c->actions);
		risk_list_free(&c->risks);
		mandate_list_free(&c->mandates);
		note_list_free(&c->notes);
	}
	free(ui->cards);
	ui->cards = NULL;
	ui->n_cards = 0;
}

int overview_load_cards(struct tui *ui)
{
	overview_free_cards(ui);
	size_t n = ui->ov.sums.n;
	if (!n)
		return 0;
	struct card_lists *cards = calloc(n, sizeof *cards);
	if (!cards)
		return EX_OSERR;
	int rc = 0;
	for (size_t i = 0; !rc && i < n; i++) {
		const char *id = ui->ov.sums.items[i].client.id;
		struct card_lists *c = &cards[i];
		struct note_filter f = { .client_id = id, .limit = CARD_NOTES_MAX };
		rc = store_dash_open_actions(ui->st, id, NULL, CARD_LIST_MAX, &c->actions);
		if (!rc)
			rc = store_dash_open_risks(ui->st, id, NULL, CARD_LIST_MAX, &c->risks);
		if (!rc)
			rc = store_dash_mandates(ui->st, id, NULL, CARD_LIST_MAX, &c->mandates);
		if (!rc)
			rc = store_note_find(ui->st, &f, &c->notes);
	}
	ui->cards = cards;
	ui->n_cards = n;
	if (rc)
		overview_free_cards(ui);
	return rc;
}

static void card_label(struct tui *ui, const struct client_summary *s, char *buf, size_t n)
{
	int i = tui_client_index(&ui->clients, s->client.id);
	if (i >= 0)
		tab_label(&ui->clients, (size_t)i, ui->utf8, buf, n);
	else
		snprintf(buf, n, "%s", s->client.key);
}

/* ---- what a tall card lists ---- */

enum { SEC_ACTIONS, SEC_RISKS, SEC_MANDATES, SEC_COUNT };

static void draw_action(struct tui *ui, const struct action *a, int y, struct rect in)
{
	struct action_row ar;
	action_row(a, ui->today, &ar);
	put_raw(ui, y, in.x, ui->attr[ar.el], ar.overdue ? "!" : " ");
	char when[32];
	snprintf(when, sizeof when, "%-9s", ar.when);
	put_fit(ui, y, in.x + 2, 9, ui->attr[ar.el], when);
	put_words(ui, y, in.x + 12, in.w - 12, ui->attr[ar.overdue ? EL_OVERDUE : EL_NORMAL],
	          a->title);
}

static void draw_risk(struct tui *ui, const struct risk *r, int y, struct rect in)
{
	struct risk_row rr;
	risk_row(r, &ui->cfg->thresholds, ui->today, &rr);
	char col[32];
	snprintf(col, sizeof col, "%2d %-4s", rr.score, rr.level_short);
	put_raw(ui, y, in.x, ui->attr[rr.el], col);
	put_words(ui, y, in.x + 8, in.w - 8, ui->attr[EL_NORMAL], r->title);
}

static void draw_mandate(struct tui *ui, const struct mandate *m, int y, struct rect in)
{
	struct mandate_row mr;
	mandate_row(m, ui->today, &mr);
	int ww = text_width(mr.when);
	put_words(ui, y, in.x, in.w - ww - 2, ui->attr[mr.el == EL_DONE ? EL_DONE : EL_NORMAL],
	          m->title);
	put_fit(ui, y, in.x + in.w - ww, ww, ui->attr[mr.el], mr.when);
}

/* The latest notes, each its day then its text, as far as they fit. */
static void draw_notes(struct tui *ui, const struct note_list *l, struct rect in, int y, int end)
{
	for (size_t i = 0; i < l->n && end - y >= 2; i++) {
		char when[CLOCK_TEXT_LEN + 8];
		detail_stamp_local(l->items[i].created, when, sizeof when);
		put_fit(ui, y++, in.x, in.w, ui->attr[EL_DIM], when);
		y += put_wrapped(ui, y, in.x, in.w, end - y, ui->attr[EL_NORMAL], l->items[i].text);
		y++; /* a blank row between two */
	}
}

/* Under the card's figures, from row y to end: its open actions, open
 * risks and mandates, each under a heading, the rows shared out one
 * item at a time; then the latest notes in what is left. */
static void draw_lists(struct tui *ui, const struct card_lists *c, struct rect in, int y, int end)
{
	static const char *const heads[SEC_COUNT] = { "Open actions", "Open risks", "Mandates" };
	int want[SEC_COUNT] = { (int)c->actions.n, (int)c->risks.n, (int)c->mandates.n };
	int got[SEC_COUNT] = { 0 };
	/* A section takes a blank row, its heading and an item at least;
	 * the last ones go when there is not the room. */
	int room = end - y, shown = 0;
	for (int s = 0; s < SEC_COUNT; s++) {
		if (want[s] > 0 && room >= 3) {
			got[s] = 1;
			room -= 3;
			shown++;
		} else {
			want[s] = 0;
		}
	}
	for (bool more = true; more && room > 0;) {
		more = false;
		for (int s = 0; s < SEC_COUNT && room > 0; s++) {
			if (got[s] < want[s]) {
				got[s]++;
				room--;
				more = true;
			}
		}
	}
	if (!shown)
		return;
	for (int s = 0; s < SEC_COUNT; s++) {
		if (!got[s])
			continue;
		put_fit(ui, ++y, in.x, in.w, ui->attr[EL_HEADER], heads[s]);
		y++;
		for (int k = 0; k < got[s]; k++, y++) {
			if (s == SEC_ACTIONS)
				draw_action(ui, &c->actions.items[k], y, in);
			else if (s == SEC_RISKS)
				draw_risk(ui, &c->risks.items[k], y, in);
			else
				draw_mandate(ui, &c->mandates.items[k], y, in);
		}
	}
	if (end - y >= 4 && c->notes.n) {
		put_fit(ui, ++y, in.x, in.w, ui->attr[EL_HEADER], "Latest notes");
		draw_notes(ui, &c->notes, in, y + 1, end);
	}
}

static void draw_card(struct tui *ui, size_t i, struct rect r, bool sel)
{
	const struct portfolio *o = &ui->ov;
	const struct client_summary *s = &o->sums.items[i];
	const struct pace *p = &o->paces[i];
	const struct action *next = &o->next[i];
	char label[256], line[512], a[32], b[32];
	int pattr = ui->attr[pace_element(p->level)];

	card_label(ui, s, label, sizeof label);
	draw_panel_frame(ui, r, sel, label, NULL);
	struct rect in = rect_inner(r);
	int y = in.y, end = in.y + in.h;
	if (in.w <= 0)
		return;

	if (y < end)
		put_words(ui, y++, in.x, in.w, ui->attr[EL_HEADER],
		          s->client.name ? s->client.name : s->client.key);
	duration_format(s->month_minutes, ui->cfg->hours_style, a, sizeof a);
	if (y < end) {
		if (s->client.budget_minutes > 0) {
			duration_format(s->client.budget_minutes, ui->cfg->hours_style, b,
			                sizeof b);
			snprintf(line, sizeof line, "Hours %s of %s", a, b);
			int w = put_fit(ui, y, in.x, in.w, ui->attr[EL_NORMAL], line);
			snprintf(line, sizeof line, "  %d%%", p->percent_used);
			put_fit(ui, y, in.x + w, in.w - w, pattr, line);
		} else {
			snprintf(line, sizeof line, "Hours %s (no budget)", a);
			put_fit(ui, y, in.x, in.w, ui->attr[EL_NORMAL], line);
		}
		y++;
	}
	if (y < end && s->client.budget_minutes > 0) {
		draw_bar(ui, y++, in.x, in.w, s->month_minutes, s->client.budget_minutes,
		         p->level == PACE_OK ? ui->attr[EL_BAR_FILL] : pattr, p->expected_minutes);
	}
	if (y < end && s->client.budget_minutes > 0) {
		duration_format(p->projected_minutes, ui->cfg->hours_style, b, sizeof b);
		snprintf(line, sizeof line, "%s, %s at month end", pace_phrase(p), b);
		put_words(ui, y++, in.x, in.w, pattr, line);
	}
	if (y < end) {
		if (s->open_risks) {
			enum risk_level lv = risk_level_of(s->top_score, &ui->cfg->thresholds);
			int w = put_fit(ui, y, in.x, in.w, ui->attr[EL_NORMAL], "Risks ");
			snprintf(line, sizeof line, "%d open, top %d %s", s->open_risks,
			         s->top_score, risk_level_name(lv));
			put_fit(ui, y, in.x + w, in.w - w, ui->attr[risk_level_element(lv)], line);
		} else {
			put_fit(ui, y, in.x, in.w, ui->attr[EL_NORMAL], "Risks none open");
		}
		y++;
	}
	if (y < end) {
		int w = put_fit(ui, y, in.x, in.w, ui->attr[EL_NORMAL], "Actions ");
		snprintf(line, sizeof line, "%d overdue", s->overdue);
		w += put_fit(ui, y, in.x + w, in.w - w,
		             ui->attr[s->overdue ? EL_OVERDUE : EL_NORMAL], line);
		snprintf(line, sizeof line, ", %d due within %dd", s->due_week, DUE_SOON_DAYS);
		put_fit(ui, y, in.x + w, in.w - w, ui->attr[EL_NORMAL], line);
		y++;
	}
	if (y < end) {
		int w = put_fit(ui, y, in.x, in.w, ui->attr[EL_NORMAL], "Next ");
		if (next->id[0]) {
			cxo_day due;
			char rel[32] = "";
			bool late = false;
			if (date_parse_iso(next->due, &due)) {
				date_relative(due, ui->today, rel, sizeof rel);
				late = due < ui->today;
			}
			int rw = text_width(rel) + 1;
			int tw = put_words(ui, y, in.x + w, in.w - w - rw, ui->attr[EL_NORMAL],
			                   next->title);
			put_fit(ui, y, in.x + w + tw + 1, rw,
			        ui->attr[late ? EL_OVERDUE : EL_DUE_SOON], rel);
		} else {
			put_fit(ui, y, in.x + w, in.w - w, ui->attr[EL_DIM], "nothing due");
		}
		y++;
	}
	char notice[128];
	bool soon;
	if (y < end && notice_text(s->next_notice, s->notices_soon, ui->today, ui->cfg->date_format,
	                           notice, sizeof notice, &soon)) {
		/* The next notice deadline of a contract, before a quiet
		 * activity line: on a short card that is the line that goes. */
		int w = put_fit(ui, y, in.x, in.w, ui->attr[EL_NORMAL], "Notice ");
		put_words(ui, y, in.x + w, in.w - w, ui->attr[soon ? EL_DUE_SOON : EL_NORMAL],
		          notice);
		y++;
	}
	if (y < end) {
		cxo_day last;
		if (date_parse_iso(s->last_activity, &last)) {
			char rel[32];
			date_ago(last, ui->today, rel, sizeof rel);
			snprintf(line, sizeof line, "Last activity %s", rel);
		} else {
			snprintf(line, sizeof line, "No activity yet");
		}
		put_fit(ui, y++, in.x, in.w, ui->attr[EL_DIM], line);
	}
	if (ui->cards && i < ui->n_cards)
		draw_lists(ui, &ui->cards[i], in, y, end);
}

static void draw_capacity(struct tui *ui, struct rect r)
{
	const struct portfolio *o = &ui->ov;
	long cap = ui->cfg->capacity_minutes, shown_b = 0, shown_u = 0;
	char a[64], b[32], c[64], line[256];

	/* Totals of the cards' figures: "(1:00 exactly)" when the figures
	 * as shown do not add up to them. */
	for (size_t i = 0; i < o->sums.n; i++) {
		shown_b += duration_hundredths(o->sums.items[i].client.budget_minutes);
		shown_u += duration_hundredths(o->sums.items[i].month_minutes);
	}
	duration_format_total(o->budgets_total, shown_b, ui->cfg->hours_style, 0, a, sizeof a);
	duration_format(cap, ui->cfg->hours_style, b, sizeof b);
	duration_format_total(o->used_total, shown_u, ui->cfg->hours_style, 0, c, sizeof c);
	snprintf(line, sizeof line, "Capacity: budgets %s of %s a month", a, b);
	int w = put_fit(ui, r.y, r.x, r.w, ui->attr[EL_HEADER], line);
	int pct = cap > 0 ? (int)(o->budgets_total * 100 / cap) : 0;
	enum theme_element el = o->budgets_total > cap                ? EL_BUDGET_OVER
	                        : pct >= ui->cfg->budget_warn_percent ? EL_BUDGET_WARNING
	                                                              : EL_BUDGET_OK;
	snprintf(line, sizeof line, " %d%% ", pct);
	w += put_fit(ui, r.y, r.x + w, r.w - w, ui->attr[el], line);
	if (o->unlisted_minutes > 0) {
		char h[32];
		duration_format(o->unlisted_minutes, ui->cfg->hours_style, h, sizeof h);
		snprintf(line, sizeof line,
		         " used %s this month, %s more for paused or ended clients", c, h);
	} else {
		snprintf(line, sizeof line, " used %s this month", c);
	}
	int tail = text_width(line);
	int bar_w = r.w - w - tail - 2;
	if (bar_w > 40)
		bar_w = 40;
	if (bar_w >= 8) {
		draw_bar(ui, r.y, r.x + w + 1, bar_w, o->budgets_total, cap,
		         el == EL_BUDGET_OK ? ui->attr[EL_BAR_FILL] : ui->attr[el], 0);
		w += bar_w + 2;
	}
	put_fit(ui, r.y, r.x + w, r.w - w, ui->attr[EL_NORMAL], line);
}

void overview_draw(struct tui *ui)
{
	struct overview_layout ol;
	struct rect body = ui->lay.body;
	const struct portfolio *o = &ui->ov;
	char head[256], month[64];

	fill(ui, body, ui->attr[EL_NORMAL]);
	overview_layout(body, (int)o->sums.n, &ol);
	if (!date_format(date_from_ymd(o->year ? o->year : 2000, o->month ? o->month : 1, 1),
	                 "%B %Y", month, sizeof month))
		month[0] = '\0';
	int w = put_fit(ui, body.y, body.x + 1, body.w - 2, ui->attr[EL_TITLE_FOCUS],
	                " Portfolio ");
	snprintf(head, sizeof head, "  %s, %zu client%s", month, o->sums.n,
	         o->sums.n == 1 ? "" : "s");
	put_fit(ui, body.y, body.x + 1 + w, body.w - 2 - w, ui->attr[EL_DIM], head);
	if (o->sums.n == 0) {
		put_fit(ui, body.y + 2, body.x + 2, body.w - 4, ui->attr[EL_NORMAL],
		        "No active clients. a adds one; 'cxo init --sample' loads a sample "
		        "portfolio.");
		draw_capacity(ui, ol.capacity);
		return;
	}
	if (ui->ov_sel >= (int)o->sums.n)
		ui->ov_sel = (int)o->sums.n - 1;
	if (ui->ov_sel < 0)
		ui->ov_sel = 0;
	int n_rows = ((int)o->sums.n + ol.per_row - 1) / ol.per_row;
	scroll_to(&ui->ov_top, ui->ov_sel / ol.per_row, n_rows, ol.rows_visible);
	for (int row = 0; row < ol.rows_visible; row++) {
		for (int col = 0; col < ol.per_row; col++) {
			size_t i = (size_t)((ui->ov_top + row) * ol.per_row + col);
			if (i >= o->sums.n)
				break;
			struct rect r = { ol.cards.y + row * ol.card_h,
				          ol.cards.x + col * ol.card_w, ol.card_h,
				          col == ol.per_row - 1 ? ol.cards.w - col * ol.card_w
				                                : ol.card_w };
			draw_card(ui, i, r, (int)i == ui->ov_sel);
		}
	}
	draw_capacity(ui, ol.capacity);
}

int overview_card_at(const struct tui *ui, int y, int x)
{
	struct overview_layout ol;
	overview_layout(ui->lay.body, (int)ui->ov.sums.n, &ol);
	if (ol.per_row <= 0 || y < ol.cards.y || x < ol.cards.x || ol.card_h <= 0 || ol.card_w <= 0)
		return -1;
	int row = (y - ol.cards.y) / ol.card_h, col = (x - ol.cards.x) / ol.card_w;
	if (row >= ol.rows_visible || col >= ol.per_row)
		return -1;
	int i = (ui->ov_top + row) * ol.per_row + col;
	return i < (int)ui->ov.sums.n ? i : -1;
}

void overview_move(struct tui *ui, int dy, int dx)
{
	struct overview_layout ol;
	int n = (int)ui->ov.sums.n;
	overview_layout(ui->lay.body, n, &ol);
	if (n == 0)
		return;
	int sel = ui->ov_sel + dx + dy * (ol.per_row > 0 ? ol.per_row : 1);
	if (sel < 0)
		sel = dy ? ui->ov_sel : 0;
	if (sel >= n)
		sel = dy ? ui->ov_sel : n - 1;
	ui->ov_sel = sel;
	tui_mark(ui, DIRTY_BODY);
}

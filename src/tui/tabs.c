/*
 * tabs.c: the tab bar, "0 Portfolio  1 Acme · CIO  2 Medix · Interim ...",
 * the current one highlighted, open overdue counts beside the names and
 * the running timer on the right.
 */
#include "internal.h"

#include <stdio.h>
#include <string.h>

#include "cxo/rules.h"
#include "cxo/text.h"

void timer_text(const struct tui *ui, char *buf, size_t n)
{
	duration_format(timer_elapsed_minutes(&ui->timer, ui->app->now), HOURS_CLOCK, buf, n);
}

bool tui_timer_forgotten(const struct tui *ui)
{
	return ui->timer_running && timer_is_forgotten(&ui->timer, ui->app->now, ui->today,
	                                               ui->cfg->timer_limit_minutes);
}

/* The right end: the running timer ("!" after it, in the overdue style,
 * when it looks forgotten), or the date. */
static int draw_right(struct tui *ui, int cols)
{
	char buf[256], t[32], key[KEY_LEN + 8];
	int attr;
	if (ui->timer_running) {
		bool forgotten = tui_timer_forgotten(ui);
		timer_text(ui, t, sizeof t);
		text_fit(ui->timer.client_key, 16, ui->utf8, key, sizeof key);
		snprintf(buf, sizeof buf, " %s %s %s%s ", glyph(GL_PLAY, ui->utf8), key, t,
		         forgotten ? "!" : "");
		attr = ui->attr[forgotten ? EL_OVERDUE : EL_TIMER];
	} else {
		char day[64];
		if (!date_format(ui->today, "%a %e %b", day, sizeof day))
			date_format_iso(ui->today, day);
		snprintf(buf, sizeof buf, " %s ", day);
		attr = ui->attr[EL_TAB];
	}
	int w = text_width(buf);
	if (w > cols / 3)
		return 0;
	put_fit(ui, 0, cols - w, w, attr, buf);
	return w;
}

static void add_hit(struct tui *ui, int x0, int x1, int index)
{
	if (ui->n_hits < TAB_HITS_MAX) {
		ui->hits[ui->n_hits].x0 = x0;
		ui->hits[ui->n_hits].x1 = x1;
		ui->hits[ui->n_hits].index = index;
		ui->n_hits++;
	}
}

/* How much each tab says, from the most to the least. */
enum tab_detail { TAB_FULL, TAB_SHORT, TAB_NUMBER };

struct tab_plan {
	bool date;           /* the date on the right when no timer runs */
	bool portfolio_word; /* "0 Portfolio" or just "0" */
	enum tab_detail others, current;
};

static const struct tab_plan plans[] = {
	{ true, true, TAB_FULL, TAB_FULL },       { false, true, TAB_FULL, TAB_FULL },
	{ false, true, TAB_SHORT, TAB_FULL },     { false, false, TAB_SHORT, TAB_FULL },
	{ false, false, TAB_NUMBER, TAB_FULL },   { false, false, TAB_NUMBER, TAB_SHORT },
	{ false, false, TAB_NUMBER, TAB_NUMBER },
};

static void label_at(struct tui *ui, size_t i, enum tab_detail d, char *buf, size_t n)
{
	char name[128], cut[64];
	if (d == TAB_FULL) {
		tab_label(&ui->clients, i, ui->utf8, buf, n);
		return;
	}
	client_short_name(&ui->clients, i, name, sizeof name);
	text_fit(name, 12, ui->utf8, cut, sizeof cut);
	if (d == TAB_NUMBER && i < 9)
		snprintf(buf, n, "%zu", i + 1);
	else if (i < 9)
		snprintf(buf, n, "%zu %s", i + 1, cut);
	else
		snprintf(buf, n, "%s", cut);
}

static enum tab_detail detail_of(const struct tui *ui, const struct tab_plan *p, size_t i)
{
	bool cur = ui->screen == SCREEN_CLIENT && (int)i == ui->cur;
	return cur ? p->current : p->others;
}

/* Columns the tabs take under a plan: " label " plus "!n " and a gap. */
static int plan_width(struct tui *ui, const struct tab_plan *p)
{
	char label[256];
	int w = (p->portfolio_word ? 11 : 1) + 3;
	for (size_t i = 0; i < ui->clients.n; i++) {
		label_at(ui, i, detail_of(ui, p, i), label, sizeof label);
		w += text_width(label) + 3;
		if (ui->overdue && ui->overdue[i] > 0)
			w += ui->overdue[i] > 9 ? 4 : 3;
	}
	return w;
}

void tabs_draw(struct tui *ui)
{
	int cols = ui->lay.cols;
	char label[256], tab[300];
	size_t np = sizeof plans / sizeof plans[0], k = 0;

	ui->n_hits = 0;
	fill(ui, ui->lay.tabs, ui->attr[EL_TAB]);
	int date_w = ui->timer_running ? 0 : 13;
	while (k + 1 < np && plan_width(ui, &plans[k]) > cols - 1 - (plans[k].date ? date_w : 0))
		k++;
	const struct tab_plan *p = &plans[k];
	int right = ui->timer_running || p->date ? draw_right(ui, cols) : 0;
	int room = cols - right - 1;

	int x = 0;
	bool on = ui->screen == SCREEN_OVERVIEW;
	snprintf(tab, sizeof tab, " %s ", p->portfolio_word ? "0 Portfolio" : "0");
	int w = put_fit(ui, 0, x, room - x, ui->attr[on ? EL_TAB_ACTIVE : EL_TAB], tab);
	add_hit(ui, x, x + w, -1);
	x += w + 1;
	for (size_t i = 0; i < ui->clients.n && x < room; i++) {
		bool cur = ui->screen == SCREEN_CLIENT && (int)i == ui->cur;
		label_at(ui, i, detail_of(ui, p, i), label, sizeof label);
		snprintf(tab, sizeof tab, " %s ", label);
		int x0 = x;
		w = put_fit(ui, 0, x, room - x, ui->attr[cur ? EL_TAB_ACTIVE : EL_TAB], tab);
		x += w;
		if (ui->overdue && ui->overdue[i] > 0 && x < room) {
			char late[16];
			snprintf(late, sizeof late, "!%d ",
			         ui->overdue[i] > 99 ? 99 : ui->overdue[i]);
			x += put_fit(ui, 0, x, room - x,
			             cur ? ui->attr[EL_TAB_ACTIVE] | (int)A_BOLD
			                 : ui->attr[EL_OVERDUE],
			             late);
		}
		add_hit(ui, x0, x, (int)i);
		x++;
	}
	attrset(ui->attr[EL_NORMAL]);
}

int tabs_hit(const struct tui *ui, int x)
{
	for (int i = 0; i < ui->n_hits; i++)
		if (x >= ui->hits[i].x0 && x < ui->hits[i].x1)
			return ui->hits[i].index;
	return -2;
}

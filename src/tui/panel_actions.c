/*
 * panel_actions.c: next actions.  Overdue ones first and unmistakable (a
 * mark, the overdue style on the whole row), then by due date with
 * relative dates; waiting-for ones name the person and how long.
 */
#include "internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "cxo/rules.h"
#include "cxo/text.h"

struct actions_part {
	struct action_list l; /* open, in the store's order, bounded */
	struct action_list c; /* with D: done and dropped, after them */
	int open, overdue;    /* all open ones */
};

/* Row i of the list: the open ones, then the closed ones. */
static const struct action *row_at(const struct actions_part *p, size_t i)
{
	return i < p->l.n ? &p->l.items[i] : &p->c.items[i - p->l.n];
}

static int load(const struct panel_query *q, void **out)
{
	struct actions_part *p = calloc(1, sizeof *p);
	char today[DAY_LEN];
	int rc;
	*out = NULL;
	if (!p)
		return EX_OSERR;
	date_format_iso(q->today, today);
	rc = store_dash_open_actions(q->st, q->client->id, q->filter, q->limit, &p->l);
	if (!rc)
		rc = store_dash_action_counts(q->st, q->client->id, today, &p->open, &p->overdue);
	if (!rc && q->all && p->l.n < q->limit)
		rc = store_dash_closed_actions(q->st, q->client->id, q->filter, q->limit - p->l.n,
		                               &p->c);
	if (rc) {
		action_list_free(&p->l);
		action_list_free(&p->c);
		free(p);
		return rc;
	}
	*out = p;
	return 0;
}

static void release(void *part)
{
	struct actions_part *p = part;
	action_list_free(&p->l);
	action_list_free(&p->c);
	free(p);
}

static size_t count(const void *part)
{
	const struct actions_part *p = part;
	return p->l.n + p->c.n;
}

static const char *item_id(const void *part, size_t i)
{
	return row_at(part, i)->id;
}

static void note(const struct tui *ui, char *buf, size_t n)
{
	const struct actions_part *p = panel_part(ui, PANEL_ACTIONS);
	if (p && p->overdue)
		snprintf(buf, n, "%d overdue, %d open", p->overdue, p->open);
	else
		snprintf(buf, n, "%d open", p ? p->open : 0);
}

static void draw(struct tui *ui, struct rect in, bool focused)
{
	struct panel_state *ps = &ui->ps[PANEL_ACTIONS];
	const struct actions_part *p = panel_part(ui, PANEL_ACTIONS);
	size_t n = p->l.n + p->c.n;

	int k = list_start_rows(ui, PANEL_ACTIONS, n, in.y, in.x, in.w, in.h, 3);
	if (!k)
		return;
	const int mark_w = 2, when_w = 9;
	int who_max = in.w / 3 > 28 ? 28 : in.w / 3;
	for (int row = 0; row + k <= in.h; row += k) {
		size_t i = (size_t)(ps->top + row / k);
		if (i >= n)
			break;
		const struct action *a = row_at(p, i);
		struct action_row ar;
		action_row(a, ui->today, &ar);
		bool sel = focused && (int)i == ps->sel;
		int y = in.y + row;
		int sel_attr = ui->attr[EL_SELECTION];
		int row_attr = sel                ? sel_attr
		               : ar.overdue       ? ui->attr[EL_OVERDUE]
		               : ar.el == EL_DONE ? ui->attr[EL_DONE]
		                                  : ui->attr[EL_NORMAL];
		if (sel)
			for (int r = 0; r < (k > 1 ? 2 : 1); r++)
				put_pad(ui, y + r, in.x - 1, in.w + 2, sel_attr, "");
		put_raw(ui, y, in.x,
		        sel ? sel_attr | (ar.overdue ? (int)A_BOLD : 0) : ui->attr[ar.el],
		        ar.overdue ? "!" : " ");
		char when[32];
		snprintf(when, sizeof when, "%-*s", when_w, ar.when);
		put_fit(ui, y, in.x + mark_w, when_w, sel ? sel_attr : ui->attr[ar.el], when);
		const char *who_text = ar.who;
		int who_w = ar.who[0] ? text_width(ar.who) : 0;
		if (who_w > who_max) {
			who_text = ar.who_short;
			who_w = text_width(who_text);
		}
		if (who_w > who_max)
			who_w = who_max;
		int tx = in.x + mark_w + when_w + 1;
		int title_w = in.x + in.w - tx - (who_w ? who_w + 2 : 0);
		put_words(ui, y, tx, title_w, row_attr, a->title);
		if (who_w) {
			int attr = sel ? sel_attr
			               : ui->attr[action_is_waiting(a) ? EL_WAITING
			                          : ar.el == EL_DONE   ? EL_DONE
			                                               : EL_DIM];
			char who[200];
			fit_words(who_text, who_w, ui->utf8, who, sizeof who);
			int w = text_width(who);
			put_raw(ui, y, in.x + in.w - w, attr, who);
		}
		if (k > 1) {
			/* Room under it: what it hangs on, and since when. */
			char more[1024];
			action_more(a, glyph(GL_LIST_SEP, ui->utf8), ui->cfg->date_format, more,
			            sizeof more);
			put_words(ui, y + 1, tx, in.x + in.w - tx,
			          sel ? sel_attr : ui->attr[EL_DIM], more);
		}
	}
}

static int detail(struct tui *ui, const char *id)
{
	struct action a = { 0 };
	int rc = store_action_get(ui->st, id, &a);
	if (rc)
		return rc;
	struct action_row ar;
	action_row(&a, ui->today, &ar);
	bool waiting = action_is_waiting(&a);
	snprintf(ui->detail.title, sizeof ui->detail.title, "Action");
	detail_field(ui, "Title", a.title, EL_HEADER);
	detail_field(ui, "Status", a.status, waiting ? EL_WAITING : EL_NORMAL);
	detail_day_field(ui, "Due", a.due, true, ar.el == EL_WAITING ? EL_NORMAL : ar.el);
	detail_field(ui, "Owner", a.owner && *a.owner ? a.owner : "me", EL_NORMAL);
	if (waiting)
		detail_field(ui, "Waiting for", a.waiting_for ? a.waiting_for : "someone",
		             EL_WAITING);
	detail_day_field(ui, "Waiting since", a.waiting_since, true, EL_NORMAL);
	detail_field(ui, "Mandate", a.mandate_title, EL_NORMAL);
	detail_field(ui, "Risk", a.risk_title, EL_NORMAL);
	detail_day_field(ui, "Created", a.created, false, EL_DIM);
	detail_day_field(ui, "Done on", a.done_on, false, EL_DIM);
	detail_field(ui, "Id", a.id, EL_DIM);
	action_free(&a);
	return 0;
}

static void add(struct tui *ui, const struct client *c)
{
	struct action a = { 0 };
	snprintf(a.client_id, sizeof a.client_id, "%s", c->id);
	edit_action_form(ui, &a);
	action_free(&a);
}

static void edit(struct tui *ui, const char *id)
{
	struct action a = { 0 };
	int rc = store_action_get(ui->st, id, &a);
	if (rc)
		edit_get_failed(ui, rc);
	else
		edit_action_form(ui, &a);
	action_free(&a);
}

static int reopen(struct tui *ui, const char *id, const struct tui_undo *u)
{
	struct action a = { 0 };
	char err[256];
	int rc = store_action_get(ui->st, id, &a);
	if (rc) {
		edit_get_failed(ui, rc);
	} else if (u && strcmp(a.status, u->after) != 0) {
		/* Changed since, elsewhere: what it was is no longer known. */
		tui_message(ui, "not reopened: the action is %s now", a.status);
		ui->reload = RELOAD_ALL;
		rc = 1;
	} else if ((rc = action_reopen(&a, u ? &u->action : NULL, ui->today, err, sizeof err))) {
		tui_error(ui, "%s", err);
	} else if ((rc = store_action_update(ui->st, &a))) {
		tui_error(ui, "%s", store_error(ui->st));
	} else {
		char what[48];
		snprintf(what, sizeof what, "reopened (%s)", a.status);
		edit_saved(ui, PANEL_ACTIONS, a.id, what, a.title);
	}
	action_free(&a);
	return rc;
}

static int done(struct tui *ui, const char *id)
{
	struct action a = { 0 }, before = { 0 };
	char err[256];
	int rc = store_action_get(ui->st, id, &a);
	if (rc) {
		edit_get_failed(ui, rc);
		action_free(&a);
		return rc;
	}
	if (action_is_closed(&a)) {
		action_free(&a);
		return reopen(ui, id, NULL);
	}
	snprintf(before.status, sizeof before.status, "%s", a.status);
	snprintf(before.waiting_since, sizeof before.waiting_since, "%s", a.waiting_since);
	if (a.waiting_for && !(before.waiting_for = strdup(a.waiting_for))) {
		tui_error(ui, "out of memory");
		rc = 1;
	} else if ((rc = action_set_status(&a, "done", NULL, ui->today, err, sizeof err))) {
		tui_error(ui, "%s", err);
	} else if ((rc = store_action_update(ui->st, &a))) {
		tui_error(ui, "%s", store_error(ui->st));
	} else {
		/* The selection stays on it when listed, else on the next. */
		edit_saved(ui, PANEL_ACTIONS, a.id, "done", a.title);
		ui->msg[0] = '\0';
		undo_offer_action(ui, &before, &a);
	}
	action_free(&before);
	action_free(&a);
	return rc;
}

static int name(struct tui *ui, const char *id, char *buf, size_t n)
{
	struct action a = { 0 };
	int rc = store_action_get(ui->st, id, &a);
	if (!rc)
		snprintf(buf, n, "%s", a.title);
	action_free(&a);
	return rc;
}

const struct panel_ops panel_actions = {
	.title = "Next actions",
	.word = "actions",
	.noun = "action",
	.load = load,
	.release = release,
	.count = count,
	.item_id = item_id,
	.note = note,
	.draw = draw,
	.no_match = "No action matches the filter (Esc clears it)",
	.empty = "Nothing to do: a adds an action",
	.detail = detail,
	.add = add,
	.edit = edit,
	.done = done,
	.reopen = reopen,
	.name = name,
	.remove = store_action_delete,
};

/*
 * panel_vendors.c: the Vendors view (v): the client's vendors and their
 * contracts, the renewals first (notice deadline soonest; one renewed by
 * default in the overdue style), then the rest by name; with D the ended
 * ones too.  Each row: a data flag ("!" for regulated data without
 * approved diligence), the name, the category, the notice deadline, the
 * days left and the annual cost; where there is the room, a line under
 * it with the rest.  Enter details every field and the linked risks, a
 * and e open the vendor form, d ends a contract (or reopens an ended
 * one), x deletes after asking.
 */
#include "internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "cxo/money.h"
#include "cxo/text.h"
#include "vendor_rows.h"

struct vendors_part {
	struct vendor_list l;
	size_t *order; /* l's indexes in the view's order */
	size_t n;      /* rows listed: those matching the filter, up to the limit */
	int renewing;  /* contracts among the renewals */
};

static const struct vendor *row_at(const struct vendors_part *p, size_t i)
{
	return &p->l.items[p->order[i]];
}

/* The filter, as the other panels' in SQL: a part of the name, the
 * owner or the category, in any case. */
static bool matches(const struct vendor *v, const char *filter)
{
	char f[TUI_FILTER_LEN * 3], t[1024];
	const char *fields[] = { v->name, v->owner, v->category };
	if (!filter || !*filter)
		return true;
	text_fold(filter, strlen(filter), f, sizeof f);
	for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++) {
		if (!fields[i])
			continue;
		text_fold(fields[i], strlen(fields[i]), t, sizeof t);
		if (strstr(t, f))
			return true;
	}
	return false;
}

static void release(void *part)
{
	struct vendors_part *p = part;
	vendor_list_free(&p->l);
	free(p->order);
	free(p);
}

static int load(const struct panel_query *q, void **out)
{
	struct vendors_part *p = calloc(1, sizeof *p);
	*out = NULL;
	if (!p)
		return EX_OSERR;
	struct vendor_filter f = { .client_id = q->client->id, .include_ended = q->all };
	int rc = q->closed ? 0 : store_vendor_list(q->st, &f, &p->l);
	if (rc) {
		free(p);
		return rc;
	}
	p->order = calloc(p->l.n ? p->l.n : 1, sizeof *p->order);
	if (!p->order) {
		release(p);
		return EX_OSERR;
	}
	vendor_order(p->l.items, p->l.n, q->today, p->order);
	/* Keep the matching ones, in that order, up to the limit. */
	for (size_t i = 0; i < p->l.n && p->n < q->limit; i++) {
		const struct vendor *v = &p->l.items[p->order[i]];
		if (!matches(v, q->filter))
			continue;
		struct vendor_row r;
		vendor_row(v, q->today, &r);
		p->renewing += r.renewing;
		p->order[p->n++] = p->order[i];
	}
	*out = p;
	return 0;
}

static size_t count(const void *part)
{
	return ((const struct vendors_part *)part)->n;
}

static const char *item_id(const void *part, size_t i)
{
	return row_at(part, i)->id;
}

static void note(const struct tui *ui, char *buf, size_t n)
{
	const struct vendors_part *p = panel_part(ui, PANEL_VENDORS);
	if (p && p->renewing)
		snprintf(buf, n, "%d renewing", p->renewing);
	else
		snprintf(buf, n, "%zu listed", p ? p->n : 0);
}

/* Row 0: the column headings; the list under them. */
static void list_area(const struct rect *in, struct rect *list)
{
	*list = (struct rect){ in->y + 1, in->x, in->h > 1 ? in->h - 1 : 0, in->w };
}

static void draw_head(struct tui *ui, struct rect in, const struct vendor_cols *vc)
{
	char buf[64];
	int x = in.x + VENDOR_FLAG_W, a = ui->attr[EL_DIM];
	put_fit(ui, in.y, x, vc->name_w, a, "Vendor");
	x += vc->name_w;
	if (vc->category_w) {
		put_fit(ui, in.y, x, vc->category_w, a, "Category");
		x += vc->category_w;
	}
	put_fit(ui, in.y, x, VENDOR_NOTICE_W, a, "Notice by");
	x += VENDOR_NOTICE_W;
	put_fit(ui, in.y, x, VENDOR_LEFT_W, a, "Left");
	x += VENDOR_LEFT_W;
	if (vc->cost_w) {
		snprintf(buf, sizeof buf, "%*s", vc->cost_w, "Annual");
		put_raw(ui, in.y, x, a, buf);
	}
}

static void draw(struct tui *ui, struct rect in, bool focused)
{
	struct panel_state *ps = &ui->ps[PANEL_VENDORS];
	const struct vendors_part *p = panel_part(ui, PANEL_VENDORS);
	struct vendor_cols vc;
	struct rect lr;

	vendor_columns(in.w, &vc);
	list_area(&in, &lr);
	if (lr.h <= 0)
		return;
	if (p->n)
		draw_head(ui, in, &vc);
	int k = list_start_rows(ui, PANEL_VENDORS, p->n, lr.y, lr.x, lr.w, lr.h, 3);
	if (!k)
		return;
	int rows = lr.h / k;
	int sel_attr = ui->attr[EL_SELECTION];
	for (int row = 0; row < rows; row++) {
		size_t i = (size_t)(ps->top + row);
		if (i >= p->n)
			break;
		const struct vendor *v = row_at(p, i);
		struct vendor_row vr;
		vendor_row(v, ui->today, &vr);
		bool sel = focused && (int)i == ps->sel;
		int y = lr.y + row * k;
		int more = k > 2 ? k - 2 : k - 1;
		for (int m = 0; sel && m <= more; m++)
			put_pad(ui, y + m, lr.x - 1, lr.w + 2, sel_attr, "");
		bool ended = !strcmp(v->status, "ended");
		int base = sel ? sel_attr : ui->attr[ended ? EL_DONE : EL_NORMAL];
		char col[64];
		int x = lr.x;
		put_raw(ui, y, x, sel ? sel_attr | (int)A_BOLD : ui->attr[vr.flag_el], vr.flag);
		x += VENDOR_FLAG_W;
		put_words(ui, y, x, vc.name_w - 1, base, v->name);
		x += vc.name_w;
		if (vc.category_w) {
			put_fit(ui, y, x, vc.category_w - 1, sel ? sel_attr : ui->attr[EL_DIM],
			        vr.category);
			x += vc.category_w;
		}
		int nattr = sel ? sel_attr : ui->attr[vr.el];
		put_raw(ui, y, x, nattr, vr.notice[0] ? vr.notice : "");
		x += VENDOR_NOTICE_W;
		put_fit(ui, y, x, VENDOR_LEFT_W - 1, nattr, vr.left);
		x += VENDOR_LEFT_W;
		if (vc.cost_w) {
			char cost[48];
			money_format(v->annual_cents, v->currency, cost, sizeof cost);
			snprintf(col, sizeof col, "%*s", vc.cost_w, cost);
			put_fit(ui, y, x, vc.cost_w, base, col);
		}
		if (more >= 1) {
			char line[1024];
			vendor_more(v, glyph(GL_LIST_SEP, ui->utf8), line, sizeof line);
			put_words(ui, y + 1, lr.x + VENDOR_FLAG_W, lr.w - VENDOR_FLAG_W,
			          sel ? sel_attr : ui->attr[EL_DIM], line);
		}
	}
}

static int detail(struct tui *ui, const char *id)
{
	struct vendor v = { 0 };
	struct risk_list risks = { 0 };
	char buf[256], cost[64];
	int rc = store_vendor_get(ui->st, id, &v);
	if (rc)
		return rc;
	struct vendor_row vr;
	vendor_row(&v, ui->today, &vr);
	snprintf(ui->detail.title, sizeof ui->detail.title, "Vendor");
	detail_field(ui, "Name", v.name, EL_HEADER);
	detail_field(ui, "Category", v.category, EL_NORMAL);
	detail_field(ui, "Status", v.status, EL_NORMAL);
	detail_field(ui, "Owner", v.owner, EL_NORMAL);
	money_format(v.annual_cents, v.currency, cost, sizeof cost);
	snprintf(buf, sizeof buf, "%s a year, billed %s", cost, v.billing);
	detail_field(ui, "Annual cost", buf, EL_NORMAL);
	if (v.units > 0) {
		snprintf(buf, sizeof buf, "%ld", v.units);
		detail_field(ui, "Units", buf, EL_NORMAL);
	}
	detail_day_field(ui, "Start", v.start, false, EL_NORMAL);
	detail_day_field(ui, "Term end", v.term_end, true, EL_NORMAL);
	if (v.term_end[0]) {
		detail_field(ui, "Auto-renew", v.auto_renew ? "yes" : "no", EL_NORMAL);
		snprintf(buf, sizeof buf, "%d day%s", v.notice_days, v.notice_days == 1 ? "" : "s");
		detail_field(ui, "Notice period", buf, EL_NORMAL);
		detail_day_field(ui, "Notice by", vr.notice, true, vr.el);
		detail_field(ui, "Renewal", renewal_state_name(vr.state), vr.el);
	} else {
		detail_field(ui, "Notice by", "no term end: nothing to give notice on", EL_DIM);
	}
	snprintf(buf, sizeof buf, "%s%s%s",
	         !strcmp(v.diligence, "sent") ? "questionnaire sent" : v.diligence,
	         v.diligence_on[0] ? " on " : "", v.diligence_on);
	detail_field(ui, "Diligence", buf, EL_NORMAL);
	snprintf(buf, sizeof buf, "%s%s", v.data,
	         vr.exposed ? " (without approved due diligence)" : "");
	detail_field(ui, "Data", buf, vr.exposed ? EL_OVERDUE : EL_NORMAL);
	detail_field(ui, "Notes", v.notes, EL_NORMAL);
	detail_day_field(ui, "Created", v.created, false, EL_DIM);
	detail_day_field(ui, "Ended", v.ended, false, EL_DIM);
	detail_field(ui, "Id", v.id, EL_DIM);
	if (store_vendor_risks(ui->st, v.id, &risks) == 0) {
		snprintf(buf, sizeof buf, "Linked risks (%zu)", risks.n);
		detail_heading(ui, buf);
		if (risks.n == 0)
			detail_line(ui, "  none", EL_DIM);
		for (size_t i = 0; i < risks.n && i < 50; i++) {
			struct risk_row rr;
			char line[1200];
			risk_row(&risks.items[i], &ui->cfg->thresholds, ui->today, &rr);
			snprintf(line, sizeof line, "  %2d %-8s %s", rr.score, rr.level_name,
			         risks.items[i].title);
			detail_line(ui, line, rr.el);
		}
		risk_list_free(&risks);
	}
	vendor_free(&v);
	return 0;
}

static void add(struct tui *ui, const struct client *c)
{
	struct vendor v = { 0 };
	snprintf(v.client_id, sizeof v.client_id, "%s", c->id);
	edit_vendor_form(ui, &v);
	vendor_free(&v);
}

static void edit(struct tui *ui, const char *id)
{
	struct vendor v = { 0 };
	int rc = store_vendor_get(ui->st, id, &v);
	if (rc)
		edit_get_failed(ui, rc);
	else
		edit_vendor_form(ui, &v);
	vendor_free(&v);
}

/* d: ends the contract (status ended, today); on an ended one (listed
 * with D), makes it active again.  u takes either back. */
static int done(struct tui *ui, const char *id)
{
	struct vendor v = { 0 };
	int rc = store_vendor_get(ui->st, id, &v);
	if (rc) {
		edit_get_failed(ui, rc);
		vendor_free(&v);
		return rc;
	}
	bool reopen = !strcmp(v.status, "ended");
	snprintf(v.status, sizeof v.status, "%s", reopen ? "active" : "ended");
	if (reopen)
		v.ended[0] = '\0';
	else
		edit_today_iso(ui, v.ended);
	if ((rc = store_vendor_update(ui->st, &v)))
		tui_error(ui, "%s", store_error(ui->st));
	else
		edit_saved(ui, PANEL_VENDORS, v.id,
		           reopen ? "active again" : "contract ended (u takes it back)", v.name);
	vendor_free(&v);
	return rc;
}

static int name(struct tui *ui, const char *id, char *buf, size_t n)
{
	struct vendor v = { 0 };
	int rc = store_vendor_get(ui->st, id, &v);
	if (!rc)
		snprintf(buf, n, "%s", v.name);
	vendor_free(&v);
	return rc;
}

const struct panel_ops panel_vendors = {
	.title = "Vendors",
	.word = "vendors",
	.noun = "vendor",
	.load = load,
	.release = release,
	.count = count,
	.item_id = item_id,
	.note = note,
	.draw = draw,
	.list_area = list_area,
	.no_match = "No vendor matches the filter (Esc clears it)",
	.empty = "No vendors yet: a adds one (v goes back)",
	.detail = detail,
	.add = add,
	.edit = edit,
	.done = done,
	.name = name,
	.remove = store_vendor_delete,
};

/*
 * vendor_rows.c: what the Vendors and Decisions views' rows say, and the
 * order of the vendors: the renewals first.  Pure; every date rule is
 * renewal.h's, applied to a vendor as vendors_app.h does for the shell.
 */
#include "vendor_rows.h"

#include "cxo/vendors_app.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static bool day_of(const char *iso, cxo_day *out)
{
	return iso && iso[0] && date_parse_iso(iso, out);
}

static const char *category_short(const char *c)
{
	return !strcmp(c, "infrastructure") ? "infra" : c;
}

void vendor_row(const struct vendor *v, cxo_day today, struct vendor_row *out)
{
	int left = 0;
	memset(out, 0, sizeof *out);
	bool ended = !strcmp(v->status, "ended");
	/* The rules the shell and the reports apply (vendors_app.h). */
	out->state = vendor_renewal(v, today, VENDOR_RENEWING_DAYS);
	out->el = EL_NORMAL;
	if (vendor_notice_days_left(v, today, &left))
		date_format_iso(today + left, out->notice);
	switch (out->state) {
	case RENEWAL_SOON:
	case RENEWAL_LATER:
		date_relative(today + left, today, out->left, sizeof out->left);
		if (left <= VENDOR_NOTICE_SOON_DAYS)
			out->el = EL_DUE_SOON;
		break;
	case RENEWAL_DEFAULTED:
		snprintf(out->left, sizeof out->left, "renewed");
		out->el = EL_OVERDUE;
		break;
	case RENEWAL_LAPSING:
		snprintf(out->left, sizeof out->left, "lapsing");
		out->el = EL_DUE_SOON;
		break;
	case RENEWAL_EXPIRED:
		snprintf(out->left, sizeof out->left, "expired");
		out->el = EL_DONE;
		break;
	case RENEWAL_NONE:
	default:
		snprintf(out->left, sizeof out->left, "%s", ended ? "ended" : "no term");
		out->el = ended ? EL_DONE : EL_DIM;
		break;
	}
	out->renewing = out->state == RENEWAL_SOON || out->state == RENEWAL_DEFAULTED ||
	                out->state == RENEWAL_LAPSING;
	snprintf(out->category, sizeof out->category, "%s", category_short(v->category));
	bool approved = !strcmp(v->diligence, "approved");
	out->flag_el = EL_DIM;
	if (!strcmp(v->data, "regulated")) {
		out->exposed = !approved && !ended;
		snprintf(out->flag, sizeof out->flag, "%s", out->exposed ? "!" : "R");
		out->flag_el = out->exposed ? EL_OVERDUE : EL_DIM;
	} else if (!strcmp(v->data, "confidential")) {
		snprintf(out->flag, sizeof out->flag, "C");
	}
}

struct order_key {
	size_t i;
	int group; /* 0 renewing, 1 the others, 2 ended */
	cxo_day notice;
};

static int by_key(const void *a, const void *b)
{
	const struct order_key *x = a, *y = b;
	if (x->group != y->group)
		return x->group < y->group ? -1 : 1;
	if (x->group == 0 && x->notice != y->notice)
		return x->notice < y->notice ? -1 : 1;
	return x->i < y->i ? -1 : x->i > y->i; /* stable: as they came */
}

void vendor_order(const struct vendor *items, size_t n, cxo_day today, size_t *order)
{
	struct order_key *k = n ? calloc(n, sizeof *k) : NULL;
	if (!k) {
		for (size_t i = 0; i < n; i++)
			order[i] = i;
		return;
	}
	for (size_t i = 0; i < n; i++) {
		struct vendor_row r;
		vendor_row(&items[i], today, &r);
		k[i].i = i;
		k[i].group = r.renewing ? 0 : !strcmp(items[i].status, "ended") ? 2 : 1;
		if (!date_parse_iso(r.notice, &k[i].notice))
			k[i].notice = 0;
	}
	qsort(k, n, sizeof *k, by_key);
	for (size_t i = 0; i < n; i++)
		order[i] = k[i].i;
	free(k);
}

/* Appends "sep part" (or just part, first) to buf. */
static void part(char *buf, size_t n, const char *sep, const char *fmt, const char *a)
{
	size_t len = strlen(buf);
	if (len >= n - 1)
		return;
	char one[512];
	snprintf(one, sizeof one, fmt, a);
	snprintf(buf + len, n - len, "%s%s", len ? sep : "", one);
}

void vendor_more(const struct vendor *v, const char *sep, char *buf, size_t n)
{
	char num[32];
	if (!n)
		return;
	buf[0] = '\0';
	if (v->owner && *v->owner)
		part(buf, n, sep, "owner %s", v->owner);
	if (v->units > 0) {
		snprintf(num, sizeof num, "%ld", v->units);
		part(buf, n, sep, v->units == 1 ? "%s unit" : "%s units", num);
	}
	if (v->billing[0])
		part(buf, n, sep, "billed %s", v->billing);
	if (v->term_end[0]) {
		part(buf, n, sep, "%s", v->auto_renew ? "auto-renews" : "no auto-renewal");
		snprintf(num, sizeof num, "%d", v->notice_days);
		part(buf, n, sep, "%sd notice", num);
		part(buf, n, sep, "term ends %s", v->term_end);
	}
	if (strcmp(v->diligence, "none") != 0 && v->diligence[0])
		part(buf, n, sep, "diligence %s",
		     !strcmp(v->diligence, "sent") ? "questionnaire sent" : v->diligence);
	else if (!strcmp(v->data, "regulated") || !strcmp(v->data, "confidential"))
		part(buf, n, sep, "%s", "no diligence");
	if (v->data[0] && strcmp(v->data, "none") != 0)
		part(buf, n, sep, "data %s", v->data);
	if (v->risks > 0) {
		snprintf(num, sizeof num, "%d", v->risks);
		part(buf, n, sep, v->risks == 1 ? "%s risk" : "%s risks", num);
	}
}

void vendor_columns(int w, struct vendor_cols *out)
{
	int fixed = VENDOR_FLAG_W + VENDOR_NOTICE_W + VENDOR_LEFT_W;
	memset(out, 0, sizeof *out);
	out->category_w = VENDOR_CATEGORY_W;
	out->cost_w = VENDOR_COST_W;
	if (w - fixed - out->category_w - out->cost_w < VENDOR_NAME_MIN)
		out->category_w = 0;
	if (w - fixed - out->cost_w < VENDOR_NAME_MIN)
		out->cost_w = 0;
	out->name_w = w - fixed - out->category_w - out->cost_w;
	if (out->name_w < 1)
		out->name_w = 1;
}

bool notice_text(const char *next_notice, int notices_soon, cxo_day today, const char *date_fmt,
                 char *buf, size_t n, bool *soon)
{
	cxo_day day;
	char shown[64], rel[32];
	*soon = false;
	if (n)
		buf[0] = '\0';
	if (!day_of(next_notice, &day))
		return false;
	if (!date_format(day, date_fmt, shown, sizeof shown))
		date_format_iso(day, shown);
	date_relative(day, today, rel, sizeof rel);
	*soon = day - today <= VENDOR_NOTICE_SOON_DAYS;
	if (notices_soon > 1)
		snprintf(buf, n, "by %s, %s, %d within %dd", shown, rel, notices_soon,
		         VENDOR_NOTICE_SOON_DAYS);
	else
		snprintf(buf, n, "by %s, %s", shown, rel);
	return true;
}

void decision_row(const struct decision *d, cxo_day today, struct decision_row *out)
{
	cxo_day review;
	memset(out, 0, sizeof *out);
	bool open = !strcmp(d->status, "proposed") || !strcmp(d->status, "decided");
	out->el = open ? EL_NORMAL : EL_DONE;
	if (strcmp(d->status, "decided") != 0)
		snprintf(out->status, sizeof out->status, "%s", d->status);
	if (open && day_of(d->review, &review) && review <= today) {
		char rel[24];
		out->review_due = true;
		date_relative(review, today, rel, sizeof rel);
		snprintf(out->review, sizeof out->review, "review %s", rel);
	}
}

void decision_more(const struct decision *d, const char *sep, char *buf, size_t n)
{
	if (!n)
		return;
	buf[0] = '\0';
	if (d->decided_by && *d->decided_by)
		part(buf, n, sep, "decided by %s", d->decided_by);
	if (d->consulted && *d->consulted)
		part(buf, n, sep, "consulted %s", d->consulted);
	if (d->review[0])
		part(buf, n, sep, "review %s", d->review);
}

/* The brief's and the board pack's reads of vendors (report_vendors.c):
 * the renewals to act on at the edges of the window, the renewed by
 * default whose term still runs, the regulated data without approved due
 * diligence, the limits, and the notice index. */
#include "store_test.h"

#include "../../src/store/internal.h"
#include "cxo/vendor.h"

TestSuite(store_report_vendors, .init = tdir_setup, .fini = tdir_teardown);

#define TODAY "2026-11-18"
#define UNTIL "2027-01-17" /* today + 60 days */

struct spec {
	const char *name, *term_end;
	int notice_days;
	bool auto_renew;
	const char *status, *data, *diligence;
};

static void add(struct store *st, const char *client_id, const struct spec *s)
{
	struct vendor v;
	memset(&v, 0, sizeof v);
	snprintf(v.client_id, sizeof v.client_id, "%s", client_id);
	v.name = (char *)s->name;
	if (s->term_end)
		snprintf(v.term_end, sizeof v.term_end, "%s", s->term_end);
	v.notice_days = s->notice_days;
	v.auto_renew = s->auto_renew;
	snprintf(v.status, sizeof v.status, "%s", s->status ? s->status : "active");
	snprintf(v.data, sizeof v.data, "%s", s->data ? s->data : "none");
	snprintf(v.diligence, sizeof v.diligence, "%s", s->diligence ? s->diligence : "none");
	cr_assert_eq(store_vendor_add(st, &v), 0, "vendor add %s: %s", s->name, store_error(st));
}

/* The names of l, comma-separated. */
static const char *names(const struct vendor_list *l)
{
	static char buf[1024];
	size_t at = 0;
	buf[0] = '\0';
	for (size_t i = 0; i < l->n && at < sizeof buf; i++)
		at += (size_t)snprintf(buf + at, sizeof buf - at, "%s%s", i ? "," : "",
		                       l->items[i].name);
	return buf;
}

Test(store_report_vendors, renewals_at_the_edges_of_the_window)
{
	struct store *st = open_new();
	struct client acme, beta;
	add_client(st, "acme", &acme);
	add_client(st, "beta", &beta);
	const struct spec specs[] = {
		{ "last day in", "2027-01-17", 0, false, NULL, NULL, NULL },
		{ "first day out", "2027-01-18", 0, true, NULL, NULL, NULL },
		{ "due today", "2027-02-17", 91, false, NULL, NULL, NULL },
		{ "renewed by default", TODAY, 30, true, NULL, NULL, NULL },
		{ "renewed, term over", "2026-11-17", 30, true, NULL, NULL, NULL },
		{ "lapsing", "2026-12-01", 30, false, NULL, NULL, NULL },
		{ "ended", "2026-12-31", 30, true, "ended", NULL, NULL },
		{ "no term", NULL, 30, true, NULL, NULL, NULL },
		{ "leaving", "2026-12-20", 10, false, "leaving", NULL, NULL },
	};
	for (size_t i = 0; i < sizeof specs / sizeof *specs; i++)
		add(st, acme.id, &specs[i]);
	const struct spec other = { "beta's", "2026-12-01", 0, true, NULL, NULL, NULL };
	add(st, beta.id, &other);

	struct vendor_list l;
	cr_assert_eq(store_report_renewals(st, acme.id, TODAY, UNTIL, 10, &l), 0, "%s",
	             store_error(st));
	cr_assert_str_eq(names(&l), "renewed by default,due today,leaving,last day in");
	/* Filled as store_vendor_get fills them: the deadline too. */
	cr_assert_str_eq(l.items[0].notice_by, "2026-10-19");
	cr_assert_str_eq(l.items[0].client_key, "acme");
	vendor_list_free(&l);

	cr_assert_eq(store_report_renewals(st, acme.id, TODAY, UNTIL, 2, &l), 0);
	cr_assert_str_eq(names(&l), "renewed by default,due today");
	vendor_list_free(&l);

	/* The plan: the client's notice index, no scan of the table. */
	sqlite3_stmt *s = st->stmts[Q_REPORT_RENEWALS];
	cr_assert_not_null(s);
	char sql[4096];
	snprintf(sql, sizeof sql, "EXPLAIN QUERY PLAN %s", sqlite3_sql(s));
	sqlite3_stmt *plan = NULL;
	cr_assert_eq(sqlite3_prepare_v2(st->db, sql, -1, &plan, NULL), SQLITE_OK);
	int seen = 0;
	while (sqlite3_step(plan) == SQLITE_ROW) {
		const char *detail = (const char *)sqlite3_column_text(plan, 3);
		cr_assert(strncmp(detail, "SCAN vendors", 12), "a scan: %s", detail);
		seen += strstr(detail, "USING INDEX vendors_client_notice") != NULL;
	}
	sqlite3_finalize(plan);
	cr_assert_eq(seen, 1, "the renewals read the client's notice index");

	cr_assert_eq(store_report_renewals(st, acme.id, "soon", UNTIL, 10, &l), EX_DATAERR);
	cr_assert(strstr(store_error(st), "\"soon\""), "%s", store_error(st));
	store_close(st);
}

Test(store_report_vendors, regulated_data_without_approved_diligence)
{
	struct store *st = open_new();
	struct client acme, beta;
	add_client(st, "acme", &acme);
	add_client(st, "beta", &beta);
	const struct spec specs[] = {
		{ "sent", NULL, 0, false, NULL, "regulated", "sent" },
		{ "Approved", NULL, 0, false, NULL, "regulated", "approved" },
		{ "reviewed", NULL, 0, false, "evaluating", "regulated", "reviewed" },
		{ "confidential", NULL, 0, false, NULL, "confidential", "none" },
		{ "Ended", NULL, 0, false, "ended", "regulated", "none" },
		{ "never asked", "2027-01-01", 30, true, NULL, "regulated", "none" },
	};
	for (size_t i = 0; i < sizeof specs / sizeof *specs; i++)
		add(st, acme.id, &specs[i]);
	const struct spec other = { "beta's", NULL, 0, false, NULL, "regulated", "none" };
	add(st, beta.id, &other);

	struct vendor_list l;
	cr_assert_eq(store_report_unvetted(st, acme.id, 10, &l), 0, "%s", store_error(st));
	cr_assert_str_eq(names(&l), "never asked,reviewed,sent");
	cr_assert_str_eq(l.items[2].diligence, "sent");
	vendor_list_free(&l);
	cr_assert_eq(store_report_unvetted(st, acme.id, 1, &l), 0);
	cr_assert_str_eq(names(&l), "never asked");
	vendor_list_free(&l);
	cr_assert_eq(store_report_unvetted(st, "not-an-id", 1, &l), EX_DATAERR);
	cr_assert_eq(l.n, 0);
	store_close(st);
}

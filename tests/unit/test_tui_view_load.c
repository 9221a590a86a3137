/*
 * test_tui_view_load.c: a client's view (src/tui/data.c) reads the
 * Vendors and Decisions views only when one is on screen, so switching
 * clients does not read every vendor and decision the client has.
 */
#include "store_test.h"

#include "cxo/config.h"
#include "cxo/decision.h"
#include "cxo/vendor.h"
#include "tui/panels.h"
#include "tui/view.h"

TestSuite(tui_view_load, .init = tdir_setup, .fini = tdir_teardown);

static size_t rows(const struct tui_view *v, enum panel_id p)
{
	return tui_panels[p]->count(v->part[p]);
}

static void load(struct store *st, const struct client *c, int shown, struct tui_view *v)
{
	struct config cfg;
	config_defaults(&cfg);
	cxo_day today;
	cr_assert(date_parse_iso("2026-12-06", &today));
	cr_assert_eq(tui_view_load(st, &cfg, c, today, NULL, NULL, NULL, shown, v), 0, "%s",
	             store_error(st));
	config_free(&cfg);
}

Test(tui_view_load, closed_views_read_nothing_an_open_one_reads_its_rows)
{
	struct store *st = open_new();
	struct client acme;
	add_client(st, "acme", &acme);
	struct vendor v = { 0 };
	memcpy(v.client_id, acme.id, sizeof v.client_id);
	char vname[] = "Slack", dtitle[] = "Adopt SSO";
	v.name = vname;
	cr_assert_eq(store_vendor_add(st, &v), 0, "%s", store_error(st));
	struct decision d = { 0 };
	memcpy(d.client_id, acme.id, sizeof d.client_id);
	d.title = dtitle;
	cr_assert_eq(store_decision_add(st, &d), 0, "%s", store_error(st));

	struct tui_view view = { 0 };
	load(st, &acme, -1, &view);
	cr_assert_eq(rows(&view, PANEL_VENDORS), 0, "no view open: no vendor read");
	cr_assert_eq(rows(&view, PANEL_DECISIONS), 0, "no view open: no decision read");
	load(st, &acme, PANEL_VENDORS, &view);
	cr_assert_eq(rows(&view, PANEL_VENDORS), 1, "the Vendors view open: its rows");
	cr_assert_eq(rows(&view, PANEL_DECISIONS), 0);
	load(st, &acme, PANEL_DECISIONS, &view);
	cr_assert_eq(rows(&view, PANEL_DECISIONS), 1, "the Decisions view open: its rows");
	cr_assert_eq(rows(&view, PANEL_VENDORS), 0);
	tui_view_free(&view);
	client_free(&acme);
	store_close(st);
}

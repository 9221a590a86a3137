/*
 * tui.c: the dashboard's state and its loop.
 *
 * One turn of the loop: load what changed (handlers only set flags), draw
 * what is dirty in one pass ending in one doupdate, then wait up to a
 * second for a key.  Waking once a second is how writes from other
 * processes show up (PRAGMA data_version through the store); nothing else
 * runs while idle, and no read transaction stays open while waiting.
 */
#include "internal.h"

#include "cxo/rules.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include <unistd.h>

/* ERRs from getch coming back this fast, this many times in a row,
 * mean stdin is gone: quit instead of spinning. */
#define QUICK_ERR_MS 200
#define QUICK_ERR_LIMIT 20

double tui_now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

bool tui_input_gone(double t0, int *quick)
{
	if (tui_now_ms() - t0 >= QUICK_ERR_MS) {
		*quick = 0;
		return false;
	}
	return ++*quick >= QUICK_ERR_LIMIT;
}

/* Once a second: a new day, other processes' writes, the timer. */
static void tick(struct tui *ui)
{
	time_t now = time(NULL);
	if (now == ui->last_poll)
		return;
	ui->last_poll = now;
	if (app_clock_tick(ui->app)) {
		ui->today = ui->app->today;
		ui->reload = RELOAD_ALL;
	}
	long v = 0;
	if (store_data_version(ui->st, &v) == 0 && v != ui->data_version) {
		ui->data_version = v;
		ui->reload = RELOAD_ALL;
	}
	if (ui->timer_running) {
		long minute = timer_elapsed_minutes(&ui->timer, ui->app->now);
		if (minute != ui->shown_minute) {
			ui->shown_minute = minute;
			tui_mark(ui, DIRTY_TABS | DIRTY_STATUS);
		}
	}
}

static int loop(struct tui *ui)
{
	while (!ui->quit && !tui_signalled) {
		docs_poll(ui, false);
		if (ui->reload)
			tui_load(ui);
		if (ui->dirty)
			tui_draw(ui);
		double t0 = tui_now_ms();
		int ch = getch();
		if (ch == ERR) {
			/* A timeout takes a second; ERR much sooner, over and
			 * over, is a closed stdin. */
			if (tui_input_gone(t0, &ui->quick_errs))
				break;
			tick(ui);
			continue;
		}
		ui->quick_errs = 0;
		tui_handle_key(ui, ch);
		tick(ui);
	}
	return 0;
}

/* ---- start and finish ---- */

static int find_client(const struct tui *ui, const char *key)
{
	for (size_t i = 0; key && *key && i < ui->clients.n; i++)
		if (!strcmp(ui->clients.items[i].key, key))
			return (int)i;
	return -1;
}

/* Which client to open on: -C, CXO_CLIENT, the remembered one, then
 * the pinned or stored current client, then the first. */
static int choose_start(struct tui *ui, const struct tui_state *state, bool pinned)
{
	struct cxo_app *app = ui->app;
	const char *explicit_key = app->ignore_client_choice ? NULL : app->client_key;
	int i;

	ui->cur = ui->clients.n ? 0 : -1;
	if (explicit_key) {
		i = find_client(ui, explicit_key);
		if (i < 0)
			return app_error(EX_DATAERR,
			                 "no active client \"%s\" (see 'cxo client list')",
			                 explicit_key);
		ui->cur = i;
	} else if ((i = find_client(ui, state->client)) >= 0) {
		ui->cur = i;
		ui->screen = state->overview ? SCREEN_OVERVIEW : SCREEN_CLIENT;
	} else if (ui->clients.n && pinned) {
		struct client c = { 0 };
		bool found = false;
		if (app_client_optional(app, &c, &found) == 0 && found &&
		    (i = find_client(ui, c.key)) >= 0)
			ui->cur = i;
		client_free(&c);
	}
	ui->focus = state->panel;
	if (ui->cur >= 0)
		snprintf(ui->cur_id, sizeof ui->cur_id, "%s", ui->clients.items[ui->cur].id);
	return 0;
}

static void save_state(const struct tui *ui)
{
	struct tui_state s;
	memset(&s, 0, sizeof s);
	const struct client *c = tui_client(ui);
	if (c)
		snprintf(s.client, sizeof s.client, "%s", c->key);
	/* A view (vendors, decisions) is left for the panel it came from. */
	s.panel = panel_is_view((int)ui->focus) ? ui->grid_focus : ui->focus;
	s.overview = ui->screen == SCREEN_OVERVIEW;
	tui_state_save(&s);
}

static void tui_free(struct tui *ui)
{
	docs_poll(ui, true); /* the document being written is finished */
	brief_free(ui);
	detail_free(&ui->detail);
	tui_view_free(&ui->view);
	undo_drop(ui);
	overview_free_cards(ui);
	portfolio_free(&ui->ov);
	client_list_free(&ui->clients);
	timer_free(&ui->timer);
	free(ui->overdue);
	theme_free(&ui->theme);
}

/* Everything from the store being opened to the terminal restored. */
static int run(struct cxo_app *app, const struct ui_request *o, bool demo)
{
	struct tui_state state;
	int rc;
	double t0 = tui_now_ms();

	if ((rc = screen_usable()))
		return rc;
	/* Looking never creates a database: say how to make one. */
	if (!app->db_path)
		return app_open(app, STORE_READ); /* says why there is no path */
	if (app_db_missing(app))
		return app_error(EX_NOINPUT,
		                 "no database at %s yet: 'cxo init' creates one, 'cxo init "
		                 "--sample' loads a sample portfolio, 'cxo --demo' shows the "
		                 "dashboard on one",
		                 app->db_path);

	struct tui *ui = calloc(1, sizeof *ui);
	if (!ui)
		return app_error(EX_OSERR, "out of memory");
	ui->app = app;
	ui->cfg = &app->cfg;
	ui->cur = -1;
	ui->today = app->today;
	if ((rc = app_load_theme(app, &ui->theme))) {
		free(ui);
		return rc;
	}
	/* A database on a read-only mount, or in a directory of someone
	 * else's, is still shown: read only, as the status bar says. */
	ui->read_only = app_db_read_only(app);
	if ((rc = app_open(app, ui->read_only ? STORE_READ : STORE_WRITE)))
		goto out;
	ui->st = app->st;
	if ((rc = store_dash_session(ui->st))) {
		rc = app_store_error(app, rc);
		goto out;
	}
	tui_load_clients(ui);
	if (ui->msg_error) {
		rc = app_error(EX_SOFTWARE, "%s", ui->msg);
		goto out;
	}
	ui->reload = RELOAD_VIEW | RELOAD_OVERVIEW;
	tui_sync_auto(ui); /* its trouble is for the status bar, not a failure */
	/* A throwaway demo neither reads nor overwrites the remembered view. */
	if (demo)
		tui_state_parse(NULL, &state);
	else
		tui_state_load(&state);
	if ((rc = choose_start(ui, &state, !demo)))
		goto out;
	if ((rc = store_data_version(ui->st, &ui->data_version))) {
		rc = app_store_error(app, rc);
		goto out;
	}
	/* Told to stop while loading: no screen to flash. */
	if (tui_signalled) {
		rc = 128 + (int)tui_signalled;
		goto out;
	}
	if ((rc = screen_open(ui)))
		goto out;
	ui->last_poll = time(NULL);
	ui->dirty = DIRTY_ALL;
	if (!o->bench_switch && ui->screen == SCREEN_CLIENT)
		brief_switched(ui); /* opening on a client is switching to it */
	if (o->bench_switch)
		rc = bench_run(ui, o, t0);
	else
		rc = loop(ui);
	screen_close(ui);
	if (rc && ui->msg[0])
		app_error(rc, "%s", ui->msg);
	if (!o->bench_switch && !demo)
		save_state(ui);
	if (tui_signalled && !rc)
		rc = 128 + (int)tui_signalled;
out:
	tui_free(ui);
	free(ui);
	return rc;
}

/* Every way of ending (q, a quit signal, the terminal closing) comes
 * back here, so the terminal is given back and the demo's directory
 * removed; the quit signals' handlers only set a flag, from before the
 * demo is made until after it is gone. */
int tui_run(struct cxo_app *app, const struct ui_request *r)
{
	char dir[APP_DEMO_DIR_LEN];
	int rc;

	if (r->list_keys)
		return keys_print(stdout);
	/* The history names the dashboard as what made its writes. */
	if ((rc = app_set_origin(app, "dashboard")))
		return rc;
	screen_signals_install();
	if (!r->demo) {
		rc = run(app, r, false);
	} else if ((rc = app_make_demo(app, dir)) == 0) {
		rc = run(app, r, true);
		app_remove_demo(app, dir);
	}
	if (tui_signalled && !rc)
		rc = 128 + (int)tui_signalled;
	screen_signals_restore();
	return rc;
}

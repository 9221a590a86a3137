/*
 * edit.c: the dashboard's changes: which item a key acts on, the one-key
 * changes (done, delete, the timer), notes and filters, and the helpers
 * the forms share.  Each change is one store call, hence one transaction;
 * a failed save reopens its form with everything typed still there.
 */
#include "internal.h"

#include "cxo/rules.h"

#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "cxo/clock.h"
#include "cxo/duration.h"
#include "cxo/text.h"
#include "cxo/vocab.h"

/* ---- validators (ctx is the struct tui) ---- */

bool edit_v_date(const char *text, void *ctx, char *err, size_t errsz)
{
	struct tui *ui = ctx;
	cxo_day d;
	char buf[512];
	snprintf(buf, sizeof buf, "%s", text);
	if (!*text_trim(buf))
		return true;
	return date_parse(buf, ui->today, ui->cfg->week_start, &d, err, errsz);
}

bool edit_v_word(const struct vocab *v, const char *text, char *err, size_t errsz)
{
	return vocab_match(v, text, err, errsz) != NULL;
}

/* ---- helpers ---- */

void edit_field_set(struct form_field *f, const char *s)
{
	snprintf(f->value, sizeof f->value, "%s", s ? s : "");
}

/* The trimmed value, or NULL when empty (the field is trimmed in place). */
const char *edit_field_value(struct form_field *f)
{
	char *v = text_trim(f->value);
	return *v ? v : NULL;
}

const char *edit_field_text(struct form_field *f)
{
	return text_trim(f->value);
}

int edit_replace_text(char **dst, const char *src)
{
	return text_replace(dst, src) ? 0 : EX_OSERR;
}

void edit_day(struct tui *ui, struct form_field *f, char out[DAY_LEN])
{
	cxo_day d;
	char err[8];
	const char *v = edit_field_value(f);
	out[0] = '\0';
	if (v && date_parse(v, ui->today, ui->cfg->week_start, &d, err, sizeof err))
		date_format_iso(d, out);
}

void edit_today_iso(const struct tui *ui, char out[DAY_LEN])
{
	date_format_iso(ui->today, out);
}

/* After a save: reload everything, select the item, say what happened. */
void edit_saved(struct tui *ui, enum panel_id p, const char *id, const char *what,
                const char *title)
{
	char shown[96];
	if (id && *id && p < PANEL_COUNT && ui->screen == SCREEN_CLIENT)
		snprintf(ui->ps[p].sel_id, sizeof ui->ps[p].sel_id, "%s", id);
	ui->reload = RELOAD_ALL;
	tui_mark(ui, DIRTY_ALL);
	fit_words(title ? title : "", 60, ui->utf8, shown, sizeof shown);
	tui_message(ui, "%s: %s", what, shown);
}

/* Runs the form until save() succeeds or the user cancels.  A failed
 * save shows its message and reopens the form with the values kept. */
bool edit_run_form(struct tui *ui, struct form *f, int (*save)(struct tui *, struct form *, void *),
                   void *arg)
{
	for (;;) {
		bool ok = form_run(ui, f);
		touchwin(stdscr);
		tui_mark(ui, DIRTY_ALL);
		if (!ok) {
			tui_message(ui, "cancelled");
			return false;
		}
		if (save(ui, f, arg) == 0)
			return true;
		/* The message shows under the reopened form. */
		tui_redraw_all(ui);
	}
}

bool edit_have_client(struct tui *ui)
{
	if (tui_client(ui))
		return true;
	tui_message(ui, "no client yet: a adds one");
	return false;
}

/* ---- entry points ---- */

void edit_log(struct tui *ui)
{
	struct entry e = { 0 };
	char title[128];
	if (!edit_have_client(ui))
		return;
	snprintf(e.client_id, sizeof e.client_id, "%s", tui_client(ui)->id);
	e.billable = true;
	snprintf(title, sizeof title, "Log hours for %s", tui_client(ui)->key);
	edit_entry_form(ui, &e, false, title);
	entry_free(&e);
}

void edit_add(struct tui *ui)
{
	/* The overview adds a client; so does a client screen with none. */
	if (ui->screen == SCREEN_OVERVIEW || !tui_client(ui)) {
		edit_client_form(ui, NULL);
		return;
	}
	const struct panel_ops *ops = tui_panels[ui->focus];
	if (ops->add)
		ops->add(ui, tui_client(ui));
	else
		tui_message(ui, "nothing to add in %s", ops->title);
}

/* What e, d and x act on: the detail shown, the overview's card or the
 * focused panel's selection; *panel is DETAIL_CLIENT for a client. */
static bool target(struct tui *ui, int *panel, char id[UUID_LEN])
{
	const char *sel = NULL;
	if (ui->overlay == OVERLAY_DETAIL) {
		*panel = ui->detail.panel;
		sel = ui->detail.id;
	} else if (ui->screen == SCREEN_OVERVIEW) {
		*panel = DETAIL_CLIENT;
		if (ui->ov_sel >= 0 && (size_t)ui->ov_sel < ui->ov.sums.n)
			sel = ui->ov.sums.items[ui->ov_sel].client.id;
	} else {
		*panel = (int)ui->focus;
		sel = tui_selected_id(ui, ui->focus);
	}
	if (!sel || !*sel) {
		tui_message(ui, "nothing selected");
		return false;
	}
	snprintf(id, UUID_LEN, "%s", sel);
	return true;
}

void edit_get_failed(struct tui *ui, int rc)
{
	if (rc == EX_NOINPUT)
		tui_message(ui, "that item no longer exists");
	else
		tui_error(ui, "%s", store_error(ui->st));
	ui->reload = RELOAD_ALL;
}

void edit_edit(struct tui *ui)
{
	int panel;
	char id[UUID_LEN];
	if (!target(ui, &panel, id))
		return;
	if (panel == DETAIL_CLIENT) {
		struct client c = { 0 };
		int rc = store_client_get_by_id(ui->st, id, &c);
		if (rc)
			edit_get_failed(ui, rc);
		else
			edit_client_form(ui, &c);
		client_free(&c);
		return;
	}
	const struct panel_ops *ops = tui_panels[panel];
	if (ops->edit)
		ops->edit(ui, id);
	else
		tui_message(ui, "%s cannot be edited here", ops->title);
}

void edit_done(struct tui *ui)
{
	int panel;
	char id[UUID_LEN];
	/* d again, while the status bar offers it: the last change back. */
	if (ui->undo.offered) {
		undo_apply(ui);
		return;
	}
	if (!target(ui, &panel, id))
		return;
	if (panel == DETAIL_CLIENT) {
		tui_message(ui, "a client is archived with x");
		return;
	}
	const struct panel_ops *ops = tui_panels[panel];
	if (!ops->done) {
		tui_message(ui, "%s", ops->no_done);
		return;
	}
	/* Done, it leaves its list, and its detail closes; unless D shows
	 * the done ones. */
	if (ops->done(ui, id) == 0 && ui->overlay == OVERLAY_DETAIL && !ui->show_all[panel])
		ui->overlay = OVERLAY_NONE;
}

/* " Its 3 actions and 12 entries (12h) stay, unlinked from it.": what
 * deleting the item leaves, as the store will leave it. */
static void links_text(const struct tui *ui, const struct store_links *k, char *buf, size_t n)
{
	char actions[32] = "", entries[64] = "", hours[32];
	if (k->actions)
		snprintf(actions, sizeof actions, "%d action%s", k->actions,
		         k->actions == 1 ? "" : "s");
	if (k->entries) {
		duration_format(k->minutes, ui->cfg->hours_style, hours, sizeof hours);
		snprintf(entries, sizeof entries, "%d entr%s (%s)", k->entries,
		         k->entries == 1 ? "y" : "ies", hours);
	}
	if (!k->actions && !k->entries) {
		snprintf(buf, n, " No action or entry is linked to it.");
		return;
	}
	bool one = k->actions + k->entries == 1;
	snprintf(buf, n, " Its %s%s%s %s, unlinked from it.", actions,
	         *actions && *entries ? " and " : "", entries, one ? "stays" : "stay");
}

void edit_delete(struct tui *ui)
{
	int panel;
	char id[UUID_LEN], q[512], name[256], shown[64], linked[160] = "";
	if (!target(ui, &panel, id))
		return;
	if (panel == DETAIL_CLIENT) {
		edit_client_archive(ui, id);
		return;
	}
	const struct panel_ops *ops = tui_panels[panel];
	if (!ops->name || !ops->remove) {
		tui_message(ui, "%s cannot be deleted here", ops->title);
		return;
	}
	/* Name the item in the question. */
	int rc = ops->name(ui, id, name, sizeof name);
	if (rc) {
		edit_get_failed(ui, rc);
		return;
	}
	if (ops->links) {
		struct store_links k;
		if ((rc = ops->links(ui->st, id, &k))) {
			edit_get_failed(ui, rc);
			return;
		}
		links_text(ui, &k, linked, sizeof linked);
	}
	fit_words(name, 40, ui->utf8, shown, sizeof shown);
	snprintf(q, sizeof q, "Delete %s \"%s\"?%s (y/N)", ops->noun, shown, linked);
	bool yes = tui_confirm(ui, q);
	touchwin(stdscr);
	tui_mark(ui, DIRTY_ALL);
	if (!yes) {
		tui_message(ui, "kept");
		return;
	}
	if ((rc = ops->remove(ui->st, id))) {
		tui_error(ui, "%s", store_error(ui->st));
		return;
	}
	/* The question named it; the panel shows it gone. */
	if (ui->overlay == OVERLAY_DETAIL)
		ui->overlay = OVERLAY_NONE;
	ui->reload = RELOAD_ALL;
	tui_mark(ui, DIRTY_ALL);
	tui_message(ui, "%s deleted", ops->noun);
}

/* ---- timer, notes, filter ---- */

void edit_timer(struct tui *ui)
{
	int rc;
	if (ui->timer_running) {
		/* Stop: a form to check the time before it becomes an entry, on
		 * the day it started. */
		struct entry e = { 0 };
		char title[160], started[DAY_LEN];
		int64_t now = ui->app->now;
		long minutes = timer_entry_minutes(&ui->timer, now);
		long ran = timer_elapsed_minutes(&ui->timer, now);
		cxo_day start_day;
		if (!clock_local(ui->timer.started, &start_day, NULL))
			start_day = ui->today;
		date_format_iso(start_day, started);
		snprintf(e.client_id, sizeof e.client_id, "%s", ui->timer.client_id);
		snprintf(e.day, sizeof e.day, "%s", started);
		/* Too long for one entry: the user types the time. */
		e.minutes = minutes > DURATION_MAX_MINUTES ? 0 : (int)minutes;
		e.billable = true;
		if (edit_replace_text(&e.note, ui->timer.note))
			return;
		if (tui_timer_forgotten(ui))
			snprintf(title, sizeof title,
			         "Stop the timer on %s: it ran %ld:%02ld, check the time",
			         ui->timer.client_key, ran / 60, ran % 60);
		else
			snprintf(title, sizeof title, "Stop the timer on %s and log it",
			         ui->timer.client_key);
		edit_entry_form(ui, &e, true, title);
		entry_free(&e);
		return;
	}
	if (!edit_have_client(ui))
		return;
	/* What the time is for, as `cxo start TEXT` takes it: empty is fine,
	 * Esc starts nothing. */
	struct form_field ff[1];
	char title[128];
	memset(ff, 0, sizeof ff);
	ff[0] = (struct form_field){ .label = "Description",
		                     .max = FORM_NAME_MAX,
		                     .hint = "what the time is for; may stay empty" };
	snprintf(title, sizeof title, "Start the timer on %s", tui_client(ui)->key);
	struct form f = { title, ff, 1, ui };
	bool ok = form_run_to(ui, &f, "start");
	touchwin(stdscr);
	tui_mark(ui, DIRTY_ALL);
	if (!ok) {
		tui_message(ui, "no timer started");
		return;
	}
	struct timer t = { 0 };
	snprintf(t.client_id, sizeof t.client_id, "%s", tui_client(ui)->id);
	t.started = ui->app->now;
	if (edit_replace_text(&t.note, edit_field_value(&ff[0]))) {
		tui_error(ui, "out of memory");
		return;
	}
	rc = store_timer_start(ui->st, &t);
	if (rc) {
		tui_error(ui, "%s", store_error(ui->st));
	} else {
		ui->reload = RELOAD_CLIENTS;
		tui_message(ui, "timer started on %s (t stops and logs it, T cancels)",
		            tui_client(ui)->key);
	}
	timer_free(&t);
}

void edit_timer_cancel(struct tui *ui)
{
	char q[160];
	if (!ui->timer_running) {
		tui_message(ui, "no timer is running (t starts one)");
		return;
	}
	char t[32];
	timer_text(ui, t, sizeof t);
	snprintf(q, sizeof q, "Cancel the timer on %s (%s) without logging it? (y/n)",
	         ui->timer.client_key, t);
	bool yes = tui_confirm(ui, q);
	touchwin(stdscr);
	tui_mark(ui, DIRTY_ALL);
	if (!yes) {
		tui_message(ui, "the timer runs on");
		return;
	}
	int rc = store_timer_cancel(ui->st);
	if (rc && rc != EX_NOINPUT) {
		tui_error(ui, "%s", store_error(ui->st));
		return;
	}
	ui->reload = RELOAD_ALL;
	tui_message(ui, "timer cancelled");
}

static int save_note(struct tui *ui, struct form *f, void *arg)
{
	struct note *n = arg;
	int rc = edit_replace_text(&n->text, edit_field_value(&f->fields[0]));
	if (rc)
		return rc;
	if ((rc = store_note_add(ui->st, n)))
		tui_error(ui, "%s", store_error(ui->st));
	return rc;
}

void edit_note(struct tui *ui)
{
	struct note n = { 0 };
	struct form_field ff[1];
	char title[128];
	if (!edit_have_client(ui))
		return;
	memset(ff, 0, sizeof ff);
	ff[0] = (struct form_field){ .label = "Note",
		                     .required = true,
		                     .max = FORM_TEXT_MAX,
		                     .hint = "what was said; where you left off" };
	snprintf(n.client_id, sizeof n.client_id, "%s", tui_client(ui)->id);
	snprintf(title, sizeof title, "Note for %s", tui_client(ui)->key);
	struct form f = { title, ff, 1, ui };
	if (edit_run_form(ui, &f, save_note, &n))
		edit_saved(ui, PANEL_NOTES, n.id, "note added (i shows the notes)", n.text);
	note_free(&n);
}

/* What a panel's filter is matched against (src/store/dash.c, in any
 * case), in words that fit an 80-column form. */
static const char *const filter_hint[PANEL_COUNT] = {
	[PANEL_MANDATES] = "part of a title; empty shows all",
	[PANEL_HOURS] = "part of a note or its mandate's title; empty shows all",
	[PANEL_RISKS] = "part of a title or an owner; empty shows all",
	[PANEL_ACTIONS] = "part of a title or an owner; empty shows all",
	[PANEL_VENDORS] = "part of a name, an owner or a category; empty shows all",
	[PANEL_DECISIONS] = "part of a title or a name; empty shows all",
};

void edit_filter(struct tui *ui)
{
	struct form_field ff[1];
	char title[128];
	if (ui->screen != SCREEN_CLIENT || !edit_have_client(ui))
		return;
	struct panel_state *ps = &ui->ps[ui->focus];
	memset(ff, 0, sizeof ff);
	ff[0] = (struct form_field){ .label = "Filter",
		                     .max = TUI_FILTER_MAX,
		                     .hint = filter_hint[ui->focus] };
	edit_field_set(&ff[0], ps->filter);
	snprintf(title, sizeof title, "Filter %s", panel_title(ui->focus));
	struct form f = { title, ff, 1, ui };
	bool ok = form_run_to(ui, &f, "filter");
	touchwin(stdscr);
	tui_mark(ui, DIRTY_ALL);
	if (!ok)
		return;
	const char *v = edit_field_value(&ff[0]);
	text_sanitize_into(v ? v : "", ps->filter, sizeof ps->filter);
	ps->sel = 0;
	ps->sel_id[0] = '\0';
	ui->reload |= RELOAD_VIEW;
	if (ps->filter[0])
		tui_message(ui, "showing %s matching \"%s\" (Esc clears)", panel_title(ui->focus),
		            ps->filter);
	else
		tui_message(ui, "filter cleared");
}

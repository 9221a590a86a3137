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
	tui_message(ui, "no client yet: 0 then a adds one");
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
	if (ui->screen == SCREEN_OVERVIEW) {
		edit_client_form(ui, NULL);
		return;
	}
	if (!edit_have_client(ui))
		return;
	const char *cid = tui_client(ui)->id;
	switch (ui->focus) {
	case PANEL_MANDATES: {
		struct mandate m = { 0 };
		snprintf(m.client_id, sizeof m.client_id, "%s", cid);
		edit_mandate_form(ui, &m);
		mandate_free(&m);
		break;
	}
	case PANEL_HOURS:
		edit_log(ui);
		break;
	case PANEL_RISKS: {
		struct risk r = { 0 };
		snprintf(r.client_id, sizeof r.client_id, "%s", cid);
		risk_begin(&r, ui->today);
		edit_risk_form(ui, &r);
		risk_free(&r);
		break;
	}
	default: {
		struct action a = { 0 };
		snprintf(a.client_id, sizeof a.client_id, "%s", cid);
		edit_action_form(ui, &a);
		action_free(&a);
		break;
	}
	}
}

/* What e, d and x act on: the detail shown, the overview's card or the
 * focused panel's selection. */
static bool target(struct tui *ui, enum detail_kind *kind, char id[UUID_LEN])
{
	const char *sel = NULL;
	if (ui->overlay == OVERLAY_DETAIL) {
		*kind = ui->detail.kind;
		sel = ui->detail.id;
	} else if (ui->screen == SCREEN_OVERVIEW) {
		*kind = DETAIL_CLIENT;
		if (ui->ov_sel >= 0 && (size_t)ui->ov_sel < ui->ov.sums.n)
			sel = ui->ov.sums.items[ui->ov_sel].client.id;
	} else {
		*kind = detail_kind_of(ui->focus);
		sel = tui_selected_id(ui, ui->focus);
	}
	if (!sel || !*sel) {
		tui_message(ui, "nothing selected");
		return false;
	}
	snprintf(id, UUID_LEN, "%s", sel);
	return true;
}

static void get_failed(struct tui *ui, int rc)
{
	if (rc == EX_NOINPUT)
		tui_message(ui, "that item no longer exists");
	else
		tui_error(ui, "%s", store_error(ui->st));
	ui->reload = RELOAD_ALL;
}

void edit_edit(struct tui *ui)
{
	enum detail_kind kind;
	char id[UUID_LEN];
	int rc;
	if (!target(ui, &kind, id))
		return;
	switch (kind) {
	case DETAIL_CLIENT: {
		struct client c = { 0 };
		if ((rc = store_client_get_by_id(ui->st, id, &c))) {
			get_failed(ui, rc);
			return;
		}
		edit_client_form(ui, &c);
		client_free(&c);
		break;
	}
	case DETAIL_MANDATE: {
		struct mandate m = { 0 };
		if ((rc = store_mandate_get(ui->st, id, &m))) {
			get_failed(ui, rc);
			return;
		}
		edit_mandate_form(ui, &m);
		mandate_free(&m);
		break;
	}
	case DETAIL_ENTRY: {
		struct entry e = { 0 };
		if ((rc = store_entry_get(ui->st, id, &e))) {
			get_failed(ui, rc);
			return;
		}
		edit_entry_form(ui, &e, false, "Edit hours entry");
		entry_free(&e);
		break;
	}
	case DETAIL_RISK: {
		struct risk r = { 0 };
		if ((rc = store_risk_get(ui->st, id, &r))) {
			get_failed(ui, rc);
			return;
		}
		edit_risk_form(ui, &r);
		risk_free(&r);
		break;
	}
	case DETAIL_ACTION: {
		struct action a = { 0 };
		if ((rc = store_action_get(ui->st, id, &a))) {
			get_failed(ui, rc);
			return;
		}
		edit_action_form(ui, &a);
		action_free(&a);
		break;
	}
	}
}

void edit_done(struct tui *ui)
{
	enum detail_kind kind;
	char id[UUID_LEN];
	int rc = 0;
	if (!target(ui, &kind, id))
		return;
	if (kind == DETAIL_ACTION) {
		struct action a = { 0 };
		if ((rc = store_action_get(ui->st, id, &a))) {
			get_failed(ui, rc);
			return;
		}
		char err[256];
		if (action_set_status(&a, "done", NULL, ui->today, err, sizeof err)) {
			tui_error(ui, "%s", err);
			action_free(&a);
			return;
		}
		if (!(rc = store_action_update(ui->st, &a)))
			edit_saved(ui, PANEL_ACTIONS, NULL, "done", a.title);
		action_free(&a);
	} else if (kind == DETAIL_MANDATE) {
		struct mandate m = { 0 };
		if ((rc = store_mandate_get(ui->st, id, &m))) {
			get_failed(ui, rc);
			return;
		}
		snprintf(m.status, sizeof m.status, "done");
		if (!(rc = store_mandate_update(ui->st, &m)))
			edit_saved(ui, PANEL_MANDATES, m.id, "mandate done", m.title);
		mandate_free(&m);
	} else if (kind == DETAIL_RISK) {
		struct risk r = { 0 };
		if ((rc = store_risk_get(ui->st, id, &r))) {
			get_failed(ui, rc);
			return;
		}
		char err[256];
		if (risk_set_status(&r, "closed", NULL, ui->today, err, sizeof err)) {
			tui_error(ui, "%s", err);
			risk_free(&r);
			return;
		}
		if (!(rc = store_risk_update(ui->st, &r)))
			edit_saved(ui, PANEL_RISKS, NULL, "risk closed", r.title);
		risk_free(&r);
	} else {
		tui_message(ui, kind == DETAIL_ENTRY
		                        ? "an hours entry has nothing to close (x deletes it)"
		                        : "a client is archived with x");
		return;
	}
	if (rc)
		tui_error(ui, "%s", store_error(ui->st));
	else if (ui->overlay == OVERLAY_DETAIL && kind != DETAIL_MANDATE)
		ui->overlay = OVERLAY_NONE;
}

void edit_delete(struct tui *ui)
{
	enum detail_kind kind;
	char id[UUID_LEN], q[256], shown[64];
	int rc;
	if (!target(ui, &kind, id))
		return;
	if (kind == DETAIL_CLIENT) {
		edit_client_archive(ui, id);
		return;
	}
	/* Name the item in the question. */
	const char *what = kind == DETAIL_ACTION    ? "action"
	                   : kind == DETAIL_MANDATE ? "mandate"
	                   : kind == DETAIL_RISK    ? "risk"
	                                            : "hours entry";
	struct action a = { 0 };
	struct mandate m = { 0 };
	struct risk r = { 0 };
	struct entry e = { 0 };
	const char *name = "";
	char hours_buf[64];
	switch (kind) {
	case DETAIL_ACTION:
		rc = store_action_get(ui->st, id, &a);
		name = a.title;
		break;
	case DETAIL_MANDATE:
		rc = store_mandate_get(ui->st, id, &m);
		name = m.title;
		break;
	case DETAIL_RISK:
		rc = store_risk_get(ui->st, id, &r);
		name = r.title;
		break;
	default:
		rc = store_entry_get(ui->st, id, &e);
		duration_format(e.minutes, ui->cfg->hours_style, hours_buf, sizeof hours_buf);
		snprintf(hours_buf + strlen(hours_buf), sizeof hours_buf - strlen(hours_buf),
		         " on %s", e.day);
		name = hours_buf;
		break;
	}
	if (rc) {
		get_failed(ui, rc);
		goto out;
	}
	fit_words(name, 40, ui->utf8, shown, sizeof shown);
	snprintf(q, sizeof q, "Delete %s '%s'? (y/n)", what, shown);
	bool yes = tui_confirm(ui, q);
	touchwin(stdscr);
	tui_mark(ui, DIRTY_ALL);
	if (!yes) {
		tui_message(ui, "kept");
		goto out;
	}
	switch (kind) {
	case DETAIL_ACTION:
		rc = store_action_delete(ui->st, id);
		break;
	case DETAIL_MANDATE:
		rc = store_mandate_delete(ui->st, id);
		break;
	case DETAIL_RISK:
		rc = store_risk_delete(ui->st, id);
		break;
	default:
		rc = store_entry_delete(ui->st, id);
		break;
	}
	if (rc) {
		tui_error(ui, "%s", store_error(ui->st));
	} else {
		/* The question named it; the panel shows it gone. */
		if (ui->overlay == OVERLAY_DETAIL)
			ui->overlay = OVERLAY_NONE;
		ui->reload = RELOAD_ALL;
		tui_mark(ui, DIRTY_ALL);
		tui_message(ui, "%s deleted", what);
	}
out:
	action_free(&a);
	mandate_free(&m);
	risk_free(&r);
	entry_free(&e);
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
	struct timer t = { 0 };
	snprintf(t.client_id, sizeof t.client_id, "%s", tui_client(ui)->id);
	t.started = ui->app->now;
	rc = store_timer_start(ui->st, &t);
	if (rc) {
		tui_error(ui, "%s", store_error(ui->st));
	} else {
		ui->reload = RELOAD_CLIENTS;
		tui_mark(ui, DIRTY_ALL);
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
		                     .hint = "what was said; where you left off" };
	snprintf(n.client_id, sizeof n.client_id, "%s", tui_client(ui)->id);
	snprintf(title, sizeof title, "Note for %s", tui_client(ui)->key);
	struct form f = { title, ff, 1, ui };
	if (edit_run_form(ui, &f, save_note, &n))
		edit_saved(ui, PANEL_COUNT, NULL, "note added (i shows the notes)", n.text);
	note_free(&n);
}

void edit_filter(struct tui *ui)
{
	struct form_field ff[1];
	char title[128];
	if (ui->screen != SCREEN_CLIENT || !edit_have_client(ui))
		return;
	struct panel_state *ps = &ui->ps[ui->focus];
	memset(ff, 0, sizeof ff);
	ff[0] = (struct form_field){ .label = "Filter",
		                     .hint = "part of a title; empty shows all" };
	edit_field_set(&ff[0], ps->filter);
	snprintf(title, sizeof title, "Filter %s", panel_title(ui->focus));
	struct form f = { title, ff, 1, ui };
	bool ok = form_run(ui, &f);
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

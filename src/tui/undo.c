/*
 * undo.c: the last change that closed an item, and its reversal.
 *
 * d (or a form that sets a closing status) closes an item, which then
 * leaves its list unless D shows it.  The status bar then offers the
 * reversal, `Done: "Ask for the SLA" — d again to reopen`, and d reopens
 * that item as it was, whatever is selected, for as long as the offer
 * shows: until any other key that changes or moves anything (another
 * change, a move of the selection, another panel, client or screen).
 * The reopening itself is the rule's (rules.h: action_reopen,
 * risk_reopen, mandate_reopen), through the panel's reopen op.
 *
 * u and Ctrl-R are the journal's undo and redo (journal.h): any change,
 * made here or in the shell, taken back whole.  They spend the offer.
 */
#include "internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cxo/journal.h"
#include "cxo/rules.h"
#include "cxo/text.h"

void undo_drop(struct tui *ui)
{
	if (ui->undo.offered)
		tui_mark(ui, DIRTY_STATUS);
	action_free(&ui->undo.action);
	memset(&ui->undo, 0, sizeof ui->undo);
}

/* A fresh offer for item id of panel p, left in status after. */
static void offer(struct tui *ui, enum panel_id p, const char *id, const char *verb,
                  const char *title, const char *after)
{
	undo_drop(ui);
	struct tui_undo *u = &ui->undo;
	u->offered = true;
	u->panel = p;
	snprintf(u->id, sizeof u->id, "%s", id);
	snprintf(u->verb, sizeof u->verb, "%s", verb);
	snprintf(u->title, sizeof u->title, "%s", title ? title : "");
	snprintf(u->after, sizeof u->after, "%s", after);
	tui_mark(ui, DIRTY_STATUS);
}

/* "Done" for done, "Dropped" for dropped ... */
static void verb_of(const char *status, char *buf, size_t n)
{
	snprintf(buf, n, "%s", status);
	if (buf[0] >= 'a' && buf[0] <= 'z')
		buf[0] = (char)(buf[0] - 'a' + 'A');
}

void undo_offer_action(struct tui *ui, const struct action *before, const struct action *after)
{
	char verb[16];
	if (!action_is_open(before) || action_is_open(after))
		return;
	verb_of(after->status, verb, sizeof verb);
	offer(ui, PANEL_ACTIONS, after->id, verb, after->title, after->status);
	struct action *a = &ui->undo.action;
	snprintf(a->status, sizeof a->status, "%s", before->status);
	snprintf(a->waiting_since, sizeof a->waiting_since, "%s", before->waiting_since);
	if (before->waiting_for && !(a->waiting_for = strdup(before->waiting_for))) {
		/* Without the name it cannot be put back as it was. */
		undo_drop(ui);
	}
}

void undo_offer_risk(struct tui *ui, const struct risk *before, const struct risk *after)
{
	char verb[16];
	/* Open to accepted or closed, or accepted to closed. */
	if (!strcmp(before->status, after->status) || !risk_is_closed(after) ||
	    !strcmp(before->status, "closed"))
		return;
	verb_of(after->status, verb, sizeof verb);
	offer(ui, PANEL_RISKS, after->id, verb, after->title, after->status);
	struct risk *r = &ui->undo.risk;
	snprintf(r->status, sizeof r->status, "%s", before->status);
	snprintf(r->closed, sizeof r->closed, "%s", before->closed);
	snprintf(r->accepted_until, sizeof r->accepted_until, "%s", before->accepted_until);
	snprintf(r->treatment, sizeof r->treatment, "%s", before->treatment);
	snprintf(r->review, sizeof r->review, "%s", before->review);
}

void undo_offer_mandate(struct tui *ui, const char *before, const struct mandate *after)
{
	char verb[16];
	if (strcmp(before, "active") != 0 || !mandate_is_closed(after))
		return;
	verb_of(after->status, verb, sizeof verb);
	offer(ui, PANEL_MANDATES, after->id, verb, after->title, after->status);
	snprintf(ui->undo.mandate, sizeof ui->undo.mandate, "%s", before);
}

void undo_apply(struct tui *ui)
{
	struct tui_undo u = ui->undo;
	/* The copy owns the kept name now; the offer is spent either way. */
	memset(&ui->undo, 0, sizeof ui->undo);
	tui_mark(ui, DIRTY_STATUS);
	const struct panel_ops *ops = tui_panels[u.panel];
	if (ops->reopen)
		ops->reopen(ui, u.id, &u);
	action_free(&u.action);
}

void undo_journal(struct tui *ui, bool redo)
{
	struct journal_entry done;
	undo_drop(ui);
	int rc = redo ? store_redo(ui->st, &done) : store_undo(ui->st, 0, &done);
	if (rc) {
		tui_error(ui, "%s", store_error(ui->st));
		return;
	}
	/* The item a detail shows may be gone, or back as it was. */
	if (ui->overlay == OVERLAY_DETAIL)
		ui->overlay = OVERLAY_NONE;
	ui->reload = RELOAD_ALL;
	tui_mark(ui, DIRTY_ALL);
	tui_message(ui, "%s: %s", redo ? "Redone" : "Undone", done.summary);
	journal_entry_free(&done);
}

void undo_text(const struct tui *ui, int w, char *buf, size_t n)
{
	const struct tui_undo *u = &ui->undo;
	char head[32], tail[64], title[256], shown[256];
	buf[0] = '\0';
	if (!u->offered || w <= 0)
		return;
	snprintf(head, sizeof head, "%s: \"", u->verb);
	snprintf(tail, sizeof tail, "\" %s d again to reopen", ui->utf8 ? "\u2014" : "-");
	text_sanitize_into(u->title, title, sizeof title);
	int room = w - text_width(head) - text_width(tail);
	if (room < 4) {
		/* Too narrow for the title: the key is what matters. */
		snprintf(buf, n, "%s: d again to reopen", u->verb);
		return;
	}
	fit_words(title, room, ui->utf8, shown, sizeof shown);
	snprintf(buf, n, "%s%s%s", head, shown, tail);
}

void edit_show_all(struct tui *ui)
{
	if (ui->screen != SCREEN_CLIENT || !edit_have_client(ui))
		return;
	enum panel_id p = ui->focus;
	const struct panel_ops *ops = tui_panels[p];
	if (!ops->done && !ops->hides_closed) {
		tui_message(ui, "%s has nothing done to show", ops->title);
		return;
	}
	ui->show_all[p] = !ui->show_all[p];
	ui->reload |= RELOAD_VIEW;
	tui_mark(ui, DIRTY_ALL);
	if (ui->show_all[p])
		tui_message(ui, "%s: done and closed ones shown too, dimmed (D hides them)",
		            ops->title);
	else
		tui_message(ui, "%s: open ones only (D shows the done ones too)", ops->title);
}

/*
 * edit_decision.c: writing a decision in the editor from the dashboard.
 * a asks for the title, then opens the editor on the record's template
 * (adr.h); e opens it on the record.  Curses steps aside while the
 * editor runs (def_prog_mode, endwin) and takes the screen back whole
 * afterwards.  What is saved is read back by the record's parser and
 * stored in one transaction; a text the parser or the store refuses is
 * kept in its file, named on the status bar, so nothing typed is lost.
 */
#include "internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "cxo/adr.h"
#include "cxo/editor.h"
#include "cxo/text.h"

char *decision_markdown(const struct decision *d)
{
	struct adr_line extra[] = { { "Superseded by", d->superseded_by_title } };
	return adr_format(d, extra, sizeof extra / sizeof extra[0]);
}

/* The editor on text, the terminal given to it meanwhile. */
static int run_editor(struct tui *ui, const char *text, struct editor_run *r, char *err,
                      size_t errsz)
{
	def_prog_mode();
	endwin();
	int rc = editor_edit(r, "decision", text, err, errsz);
	reset_prog_mode();
	refresh();
	tui_mark(ui, DIRTY_ALL | DIRTY_CLEAR);
	return rc;
}

/* The editor on text, then what it gave stored into d (added when d has
 * no id yet).  done names what nothing happening means ("nothing
 * added"); 0 when d was stored. */
static int write_record(struct tui *ui, struct decision *d, const char *text, const char *done)
{
	struct editor_run r;
	char err[512], end_err[512];
	bool keep = false;
	int rc = run_editor(ui, text, &r, err, sizeof err);
	if (rc) {
		keep = r.changed;
		if (keep)
			tui_error(ui, "%s: %s; your text is in %s", err, done, r.path);
		else
			tui_error(ui, "%s: %s", err, done);
	} else if (r.outcome == EDITOR_EMPTY) {
		tui_message(ui, "the record is empty: %s%s", done,
		            d->id[0] ? " (x deletes a decision)" : "");
		rc = EX_DATAERR;
	} else if (r.outcome == EDITOR_UNCHANGED) {
		tui_message(ui, "the record was not changed: %s", done);
		rc = EX_DATAERR;
	} else if ((rc = adr_parse(r.text, d, err, sizeof err))) {
		keep = true;
		tui_error(ui, "%s: %s; your text is in %s", err, done, r.path);
	} else if ((rc = d->id[0] ? store_decision_update(ui->st, d)
	                          : store_decision_add(ui->st, d))) {
		keep = true;
		tui_error(ui, "%s: %s; your text is in %s", store_error(ui->st), done, r.path);
	}
	if (editor_end(&r, keep, end_err, sizeof end_err) && !rc)
		tui_error(ui, "%s", end_err);
	return rc;
}

/* A new decision of client c into *d: its title asked in a form (form
 * title heading it), then the record written in the editor on the
 * template.  0 when it was stored (d then holds it). */
static int new_decision(struct tui *ui, const struct client *c, const char *heading,
                        struct decision *d)
{
	struct form_field ff[1];
	memset(ff, 0, sizeof ff);
	ff[0] = (struct form_field){ .label = "Title",
		                     .required = true,
		                     .hint = "what was decided; then the editor opens" };
	struct form f = { heading, ff, 1, ui };
	bool ok = form_run_to(ui, &f, "write it");
	touchwin(stdscr);
	tui_mark(ui, DIRTY_ALL);
	if (!ok) {
		tui_message(ui, "nothing added");
		return EX_DATAERR;
	}
	snprintf(d->client_id, sizeof d->client_id, "%s", c->id);
	snprintf(d->status, sizeof d->status, "decided");
	edit_today_iso(ui, d->day);
	char *tpl = NULL;
	int rc = EX_OSERR;
	if (edit_replace_text(&d->title, edit_field_value(&ff[0])) || !(tpl = adr_template(d)))
		tui_error(ui, "out of memory");
	else
		rc = write_record(ui, d, tpl, "nothing added");
	free(tpl);
	return rc;
}

void edit_decision_add(struct tui *ui, const struct client *c)
{
	struct decision d = { 0 };
	char heading[128];
	snprintf(heading, sizeof heading, "New decision for %s", c->key);
	if (new_decision(ui, c, heading, &d) == 0)
		edit_saved(ui, PANEL_DECISIONS, d.id, "decision added", d.title);
	decision_free(&d);
}

void edit_decision_supersede(struct tui *ui)
{
	const char *id = ui->overlay == OVERLAY_DETAIL && ui->detail.panel == PANEL_DECISIONS
	                         ? ui->detail.id
	                         : tui_selected_id(ui, PANEL_DECISIONS);
	if (ui->screen != SCREEN_CLIENT || ui->focus != PANEL_DECISIONS || !tui_client(ui)) {
		tui_message(ui, "s supersedes a decision of the Decisions view (c opens it)");
		return;
	}
	if (!id || !*id) {
		tui_message(ui, "no decision selected");
		return;
	}
	struct decision old = { 0 }, d = { 0 };
	char heading[160], shown[64];
	int rc = store_decision_get(ui->st, id, &old);
	if (rc) {
		edit_get_failed(ui, rc);
	} else if (strcmp(old.status, "superseded") == 0) {
		tui_message(ui, "already superseded (by \"%s\")",
		            old.superseded_by_title ? old.superseded_by_title : "?");
	} else {
		fit_words(old.title, 40, ui->utf8, shown, sizeof shown);
		snprintf(heading, sizeof heading, "Supersede \"%s\" by", shown);
		if (new_decision(ui, tui_client(ui), heading, &d) == 0) {
			if ((rc = store_decision_supersede(ui->st, old.id, d.id)))
				tui_error(ui, "added, but not marked as superseding it: %s",
				          store_error(ui->st));
			else
				edit_saved(ui, PANEL_DECISIONS, d.id, "superseded by", d.title);
			ui->overlay = OVERLAY_NONE;
		}
	}
	decision_free(&old);
	decision_free(&d);
}

void edit_decision_edit(struct tui *ui, const char *id)
{
	struct decision d = { 0 };
	int rc = store_decision_get(ui->st, id, &d);
	if (rc) {
		edit_get_failed(ui, rc);
		decision_free(&d);
		return;
	}
	char *md = decision_markdown(&d);
	if (!md)
		tui_error(ui, "out of memory");
	else if (write_record(ui, &d, md, "nothing changed") == 0)
		edit_saved(ui, PANEL_DECISIONS, d.id, "decision saved", d.title);
	free(md);
	decision_free(&d);
}

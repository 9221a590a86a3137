/*
 * statusbar.c: the last row: a message or an error, else the running
 * timer or who the client is; "? help  q quit" on the right.
 */
#include "internal.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "cxo/text.h"

/* Harnesses wait for this text: it is drawn last in every frame. */
#define HELP_HINT "? help  q quit"

static void set_message(struct tui *ui, bool error, const char *fmt, va_list ap)
{
	char raw[sizeof ui->msg];
	vsnprintf(raw, sizeof raw, fmt, ap);
	/* Messages quote user text and store errors: clean them once. */
	text_sanitize_into(raw, ui->msg, sizeof ui->msg);
	ui->msg_error = error;
	tui_mark(ui, DIRTY_STATUS);
}

void tui_message(struct tui *ui, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	set_message(ui, false, fmt, ap);
	va_end(ap);
}

void tui_error(struct tui *ui, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	set_message(ui, true, fmt, ap);
	va_end(ap);
	if (ui->scr)
		beep();
}

static void idle_text(struct tui *ui, char *buf, size_t n)
{
	const struct client *c = tui_client(ui);
	const char *dot = glyph(GL_SEP, ui->utf8);

	if (ui->timer_running) {
		char t[32];
		timer_text(ui, t, sizeof t);
		bool forgotten = tui_timer_forgotten(ui);
		snprintf(buf, n, "timer on %s: %s%s%s%s%s%s", ui->timer.client_key, t,
		         forgotten ? ", left running?" : "",
		         ui->timer.note && *ui->timer.note ? dot : "",
		         ui->timer.note ? ui->timer.note : "", dot,
		         forgotten ? "t stops it: check the time" : "t stops and logs it");
		return;
	}
	if (ui->screen == SCREEN_OVERVIEW || !c) {
		snprintf(buf, n, "%s",
		         ui->clients.n ? "Enter opens a client, 1-9 jumps to one"
		                       : "No clients yet: a adds one");
		return;
	}
	char people[32] = "";
	if (c->employees > 0)
		snprintf(people, sizeof people, "%s%d people", dot, c->employees);
	bool paused = *c->status && strcmp(c->status, "active");
	snprintf(buf, n, "%s%s%s%s%s%s", c->name ? c->name : c->key,
	         c->industry && *c->industry ? dot : "", c->industry ? c->industry : "", people,
	         paused ? dot : "", paused ? "paused" : "");
}

void status_draw(struct tui *ui)
{
	struct rect r = ui->lay.status;
	char left[1024];
	int hint_w = (int)strlen(HELP_HINT);

	fill(ui, r, ui->attr[EL_STATUS_BAR]);
	int room = r.w - hint_w - 4;
	if (ui->msg[0]) {
		int attr = ui->attr[ui->msg_error ? EL_STATUS_ERROR : EL_STATUS_BAR];
		snprintf(left, sizeof left, " %s ", ui->msg);
		put_fit(ui, r.y, r.x, room, attr, left);
	} else if (ui->undo.offered) {
		undo_text(ui, room - 1, left, sizeof left);
		char padded[1100];
		snprintf(padded, sizeof padded, " %s", left);
		put_fit(ui, r.y, r.x, room, ui->attr[EL_STATUS_BAR] | (int)A_BOLD, padded);
	} else {
		idle_text(ui, left, sizeof left);
		char padded[1100];
		snprintf(padded, sizeof padded, " %s%s%s", ui->read_only ? "read-only" : "",
		         ui->read_only ? glyph(GL_SEP, ui->utf8) : "", left);
		enum theme_element el = tui_timer_forgotten(ui) ? EL_STATUS_ERROR
		                        : ui->timer_running     ? EL_TIMER
		                                                : EL_STATUS_BAR;
		put_fit(ui, r.y, r.x, room, ui->attr[el], padded);
	}
	/* Last, and one column short of the corner, which some terminals
	 * cannot write without scrolling. */
	put_raw(ui, r.y, r.x + r.w - hint_w - 2, ui->attr[EL_STATUS_BAR] | A_BOLD, HELP_HINT);
	attrset(ui->attr[EL_NORMAL]);
}

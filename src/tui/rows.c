/*
 * rows.c: what each panel row says, from the store's plain structs, by
 * the rules both front ends apply (rules.h).  The rows come in the
 * store's order.  Pure, so the unit tests pin it down.
 */
#include "rows.h"

#include "cxo/rules.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cxo/duration.h"
#include "cxo/text.h"

static bool day_of(const char *iso, cxo_day *out)
{
	return iso && iso[0] && date_parse_iso(iso, out);
}

/* ---- actions ---- */

void action_row(const struct action *a, cxo_day today, struct action_row *out)
{
	cxo_day due;

	memset(out, 0, sizeof *out);
	out->el = EL_NORMAL;
	if (action_is_closed(a)) {
		/* Listed only when done ones are shown: what became of it. */
		snprintf(out->when, sizeof out->when, "%s", a->status);
		out->el = EL_DONE;
	} else if (day_of(a->due, &due)) {
		date_relative(due, today, out->when, sizeof out->when);
		if (action_is_overdue(a, today)) {
			out->overdue = true;
			out->el = EL_OVERDUE;
		} else if (action_is_due_soon(a, today)) {
			out->el = EL_DUE_SOON;
		}
	} else {
		snprintf(out->when, sizeof out->when, "no date");
	}
	char owner[128];
	text_sanitize_into(a->owner ? a->owner : "", owner, sizeof owner);
	if (action_is_waiting(a)) {
		if (!out->overdue)
			out->el = EL_WAITING;
		char person[128];
		text_sanitize_into(a->waiting_for ? a->waiting_for : "", person, sizeof person);
		const char *name = person[0] ? person : "someone";
		int days = action_days_waited(a, today);
		char wait[160];
		/* The short form puts the days first and leaves the owner out: a
		 * narrow column cuts the name, never how long it has waited. */
		if (days > 0) {
			snprintf(wait, sizeof wait, "waiting for %s, %dd", name, days);
			snprintf(out->who_short, sizeof out->who_short, "waiting %dd: %s", days,
			         name);
		} else {
			snprintf(wait, sizeof wait, "waiting for %s", name);
			snprintf(out->who_short, sizeof out->who_short, "waiting: %s", name);
		}
		/* Someone else's action names its owner first. */
		snprintf(out->who, sizeof out->who, "%s%s%s", owner, owner[0] ? ", " : "", wait);
	} else {
		snprintf(out->who, sizeof out->who, "%s", owner);
		snprintf(out->who_short, sizeof out->who_short, "%s", owner);
	}
}

/* ---- risks ---- */

static int risk_score_of(const struct risk *r)
{
	return risk_score(r->likelihood, r->impact);
}

enum theme_element risk_level_element(enum risk_level level)
{
	switch (level) {
	case RISK_CRITICAL:
		return EL_RISK_CRITICAL;
	case RISK_HIGH:
		return EL_RISK_HIGH;
	case RISK_MEDIUM:
		return EL_RISK_MEDIUM;
	default:
		return EL_RISK_LOW;
	}
}

void risk_row(const struct risk *r, const struct risk_thresholds *t, cxo_day today,
              struct risk_row *out)
{
	cxo_day review;

	memset(out, 0, sizeof *out);
	out->score = risk_score_of(r);
	out->level = risk_level_of(out->score, t ? t : &RISK_THRESHOLDS_DEFAULT);
	out->el = risk_level_element(out->level);
	snprintf(out->level_name, sizeof out->level_name, "%s", risk_level_name(out->level));
	static const char *const shorter[] = { [RISK_LOW] = "low",
		                               [RISK_MEDIUM] = "med",
		                               [RISK_HIGH] = "high",
		                               [RISK_CRITICAL] = "crit" };
	snprintf(out->level_short, sizeof out->level_short, "%s",
	         (unsigned)out->level < sizeof shorter / sizeof shorter[0] && shorter[out->level]
	                 ? shorter[out->level]
	                 : out->level_name);
	if (risk_is_closed(r)) {
		/* Listed only when closed ones are shown: its status instead of
		 * its level, and no review. */
		snprintf(out->mark, sizeof out->mark, "%s", r->status);
		snprintf(out->mark_short, sizeof out->mark_short, "%s",
		         !strcmp(r->status, "closed") ? "done" : "acc.");
		out->el = EL_DONE;
		return;
	}
	if (risk_review_due(r, today) && day_of(r->review, &review)) {
		char rel[24];
		date_relative(review, today, rel, sizeof rel);
		snprintf(out->review, sizeof out->review, "review %s", rel);
		snprintf(out->review_short, sizeof out->review_short, "%s", rel);
		out->review_due = true;
	}
}

void risk_columns(int w, int review_w, int review_short_w, struct risk_cols *out)
{
	static const int levels[] = { RISK_LEVEL_W, RISK_LEVEL_SHORT_W, 0 };
	memset(out, 0, sizeof *out);
	out->level_w = RISK_LEVEL_W;
	if (review_w <= 0)
		return;
	for (size_t i = 0; i < sizeof levels / sizeof levels[0]; i++) {
		if (w - RISK_SCORE_W - levels[i] - review_w - 2 >= RISK_TITLE_MIN) {
			out->level_w = levels[i];
			out->review = true;
			return;
		}
	}
	out->level_w = 0;
	if (review_short_w > 0 && w - RISK_SCORE_W - review_short_w - 2 >= RISK_TITLE_MIN) {
		out->review = out->review_short = true;
		return;
	}
	/* Too narrow for a review and a readable title: the title. */
	out->level_w = RISK_LEVEL_W;
}

/* ---- mandates ---- */

void mandate_row(const struct mandate *m, cxo_day today, struct mandate_row *out)
{
	cxo_day due;
	bool active = !strcmp(m->status, "active");

	memset(out, 0, sizeof *out);
	out->el = active ? EL_NORMAL : EL_DONE;
	if (day_of(m->due, &due)) {
		if (active) {
			date_relative(due, today, out->when, sizeof out->when);
			if (due < today)
				out->el = EL_OVERDUE;
			else if (due < today + DUE_SOON_DAYS) /* the actions' window */
				out->el = EL_DUE_SOON;
		} else {
			snprintf(out->when, sizeof out->when, "%s", m->status);
		}
	} else if (!active) {
		snprintf(out->when, sizeof out->when, "%s", m->status);
	}
	if (m->open_actions > 0)
		snprintf(out->open, sizeof out->open, "%d open", m->open_actions);
}

/* ---- entries ---- */

void entry_row(const struct entry *e, cxo_day today, enum hours_style style, struct entry_row *out)
{
	cxo_day day;

	memset(out, 0, sizeof *out);
	out->billable = e->billable;
	duration_format(e->minutes, style, out->hours, sizeof out->hours);
	if (!day_of(e->day, &day)) {
		snprintf(out->when, sizeof out->when, "%s", e->day);
		return;
	}
	int y, m, d, ty, tm, td;
	date_to_ymd(day, &y, &m, &d);
	date_to_ymd(today, &ty, &tm, &td);
	if (day == today)
		snprintf(out->when, sizeof out->when, "today");
	else if (day == today - 1)
		snprintf(out->when, sizeof out->when, "yesterday");
	else if (day < today && today - day < 7)
		date_format(day, "%a %e", out->when, sizeof out->when);
	else if (y == ty)
		date_format(day, "%b %e", out->when, sizeof out->when);
	else
		date_format_iso(day, out->when);
}

enum theme_element pace_element(enum pace_level level)
{
	switch (level) {
	case PACE_OVER:
		return EL_BUDGET_OVER;
	case PACE_WARNING:
		return EL_BUDGET_WARNING;
	case PACE_BEHIND:
		return EL_BUDGET_BEHIND;
	default:
		return EL_BUDGET_OK;
	}
}

/* ---- the lines under the rows ---- */

struct more {
	char *buf;
	size_t n;
	const char *sep, *date_fmt;
};

/* Appends sep (unless the line is empty), label and text; nothing when
 * text is empty. */
static void more_add(struct more *m, const char *label, const char *text)
{
	if (!text || !*text)
		return;
	size_t len = strlen(m->buf);
	if (len + 1 >= m->n)
		return;
	snprintf(m->buf + len, m->n - len, "%s%s%s", len ? m->sep : "", label, text);
}

static void more_day(struct more *m, const char *label, const char *iso)
{
	cxo_day day;
	char shown[64];
	if (!day_of(iso, &day))
		return;
	if (!m->date_fmt || !date_format(day, m->date_fmt, shown, sizeof shown) || !shown[0])
		date_format_iso(day, shown);
	more_add(m, label, shown);
}

void mandate_more(const struct mandate *m, const char *sep, const char *date_fmt, char *buf,
                  size_t n)
{
	struct more o = { buf, n, sep, date_fmt };
	buf[0] = '\0';
	more_add(&o, "", m->area);
	if (!strcmp(m->status, "active"))
		more_day(&o, "due ", m->due);
}

void risk_more(const struct risk *r, const char *sep, const char *date_fmt, char *buf, size_t n)
{
	struct more o = { buf, n, sep, date_fmt };
	buf[0] = '\0';
	more_add(&o, "", r->status);
	more_add(&o, "owner ", r->owner);
	more_add(&o, "", r->framework);
	more_add(&o, "", r->category);
	more_day(&o, "review ", r->review);
}

void action_more(const struct action *a, const char *sep, const char *date_fmt, char *buf, size_t n)
{
	struct more o = { buf, n, sep, date_fmt };
	buf[0] = '\0';
	more_add(&o, "mandate ", a->mandate_title);
	more_add(&o, "risk ", a->risk_title);
	if (action_is_waiting(a))
		more_day(&o, "waiting since ", a->waiting_since);
	more_day(&o, "added ", a->created);
}

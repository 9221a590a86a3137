/*
 * week.c: the weekly update to the client's CEO, in plain words to paste
 * into an email: what was done (actions done, mandates closed, the
 * decisions taken, hours by mandate, the notes marked shareable), what is next (open actions due
 * in the next 14 days, mandates due), what is needed from them (what
 * waits on their people, with the days waited) and the risks that
 * changed.  No internal ids: every item is named by its title.
 *
 * Every read is bounded by the week (or the next 14 days, or the open
 * items), so the cost follows the week and not the history.
 */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "cxo/clock.h"
#include "cxo/date.h"
#include "cxo/duration.h"
#include "cxo/rules.h"
#include "internal.h"

#define WEEK_AHEAD_DAYS 14
#define WEEK_MAX_CHANGES 1000
#define WEEK_MAX_NOTES 50

/* The minutes of one mandate in the week. */
struct by_mandate {
	char *title; /* NULL = no mandate */
	long minutes;
};

struct week {
	char from[DAY_LEN], last[DAY_LEN], to[DAY_LEN]; /* to: the day after */
	char today[DAY_LEN], horizon[DAY_LEN];          /* horizon: today + 14 */
	struct action_list done;
	struct change_list changes; /* the week's, earliest first */
	struct by_mandate *hours;
	size_t nhours;
	long minutes, billable;
	struct note_list notes;
	struct action_list due; /* open, due before the horizon */
	struct mandate_list mandates;
	struct action_list waiting;
	struct contracts contracts; /* the decisions dated in the week */
};

static void week_free(struct week *w)
{
	action_list_free(&w->done);
	change_list_free(&w->changes);
	for (size_t i = 0; i < w->nhours; i++)
		free(w->hours[i].title);
	free(w->hours);
	note_list_free(&w->notes);
	action_list_free(&w->due);
	mandate_list_free(&w->mandates);
	action_list_free(&w->waiting);
	contracts_free(&w->contracts);
	memset(w, 0, sizeof *w);
}

static int add_minutes(const struct entry *e, void *ctx)
{
	struct week *w = ctx;
	const char *t = e->mandate_title;
	w->minutes += e->minutes;
	if (e->billable)
		w->billable += e->minutes;
	for (size_t i = 0; i < w->nhours; i++) {
		const char *u = w->hours[i].title;
		if ((!t && !u) || (t && u && !strcmp(t, u))) {
			w->hours[i].minutes += e->minutes;
			return 0;
		}
	}
	struct by_mandate *h = realloc(w->hours, (w->nhours + 1) * sizeof *h);
	if (!h)
		return EX_OSERR;
	w->hours = h;
	h[w->nhours].title = NULL;
	h[w->nhours].minutes = e->minutes;
	if (t && !(h[w->nhours].title = strdup(t)))
		return EX_OSERR;
	w->nhours++;
	return 0;
}

/* The UTC stamp of the local midnight starting day. */
static void midnight_stamp(cxo_day day, char stamp[STAMP_LEN])
{
	int64_t t = 0;
	if (!clock_moment(day, 0, &t))
		t = (int64_t)day * 86400;
	clock_stamp_format(t, stamp);
}

static int gather(struct store *st, const struct report_request *r, const struct client *c,
                  struct week *w, char *err, size_t errsz)
{
	int rc;
	memset(w, 0, sizeof *w);
	date_format_iso(r->from, w->from);
	date_format_iso(r->to - 1, w->last);
	date_format_iso(r->to, w->to);
	date_format_iso(r->today, w->today);
	date_format_iso(r->today + WEEK_AHEAD_DAYS, w->horizon);
	const char *what = "the actions done";
	if ((rc = store_actions_done_between(st, c->id, w->from, w->to, &w->done)))
		goto fail;
	what = "the week's changes";
	if ((rc = store_changes_between(st, c->id, w->from, w->to, WEEK_MAX_CHANGES, &w->changes)))
		goto fail;
	what = "the week's hours";
	if ((rc = store_entry_each(st, c->id, w->from, w->to, add_minutes, w)))
		goto fail;
	if (r->shared_notes) {
		char a[STAMP_LEN], b[STAMP_LEN];
		midnight_stamp(r->from, a);
		midnight_stamp(r->to, b);
		what = "the shareable notes";
		if ((rc = store_notes_shared(st, c->id, a, b, WEEK_MAX_NOTES, &w->notes)))
			goto fail;
	}
	struct action_filter due = { .client_id = c->id, .due_before = w->horizon };
	what = "the actions due";
	if ((rc = store_action_list(st, &due, &w->due)))
		goto fail;
	what = "the mandates";
	if ((rc = store_mandate_list(st, c->id, false, &w->mandates)))
		goto fail;
	struct action_filter waiting = { .client_id = c->id, .waiting_only = true };
	what = "what is waited for";
	if ((rc = store_action_list(st, &waiting, &w->waiting)))
		goto fail;
	return contracts_read_period(st, r, c->id, &w->contracts, err, errsz);
fail:
	snprintf(err, errsz, "cannot read %s of %s", what, c->key);
	return rc;
}

/* A mandate closed in the week: a "closed" change of kind mandate. */
static bool is_mandate_closed(const struct item_change *ch)
{
	return !strcmp(ch->kind, "mandate") && !strcmp(ch->change, "closed");
}

static bool mandate_due(const struct week *w, const struct mandate *m)
{
	return !strcmp(m->status, "active") && *m->due && strcmp(m->due, w->horizon) < 0;
}

/* The first change of the same risk in the list, for listing each risk
 * once with all its changes. */
static bool first_of_risk(const struct change_list *l, size_t i)
{
	for (size_t j = 0; j < i; j++)
		if (!strcmp(l->items[j].kind, "risk") &&
		    !strcmp(l->items[j].item_id, l->items[i].item_id))
			return false;
	return true;
}

/* "added, then closed": the distinct changes of the risk at i, in order. */
static void risk_changes(const struct change_list *l, size_t i, char *buf, size_t n)
{
	const char *seen[STORE_CHANGE_WORD_COUNT];
	size_t ns = 0, len = 0;
	buf[0] = '\0';
	for (size_t j = i; j < l->n; j++) {
		const struct item_change *ch = &l->items[j];
		if (strcmp(ch->kind, "risk") || strcmp(ch->item_id, l->items[i].item_id))
			continue;
		bool dup = false;
		for (size_t k = 0; k < ns; k++)
			dup |= !strcmp(seen[k], ch->change);
		if (dup || ns == STORE_CHANGE_WORD_COUNT)
			continue;
		seen[ns++] = ch->change;
		int k = snprintf(buf + len, n - len, "%s%s", len ? ", then " : "", ch->change);
		if (k < 0 || (size_t)k >= n - len)
			break;
		len += (size_t)k;
	}
}

/* "the CFO" or "me": who an action is with. */
static const char *who(const struct action *a)
{
	return a->owner && *a->owner ? a->owner : NULL;
}

/* ---- the document ---- */

struct out {
	struct doc *d;
	int rc;
};

static void item(struct out *o, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void item(struct out *o, const char *fmt, ...)
{
	char buf[2048];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	if (!o->rc)
		o->rc = doc_item(o->d, buf);
}

static void heading(struct out *o, const char *text)
{
	if (!o->rc)
		o->rc = doc_heading(o->d, 2, text);
}

static void para(struct out *o, const char *text)
{
	if (!o->rc)
		o->rc = doc_para(o->d, text);
}

static void done_section(struct out *o, const struct week *w)
{
	size_t n = 0;
	heading(o, "Done");
	for (size_t i = 0; i < w->done.n; i++, n++)
		item(o, "%s (%s)", w->done.items[i].title ? w->done.items[i].title : "",
		     w->done.items[i].done_on);
	for (size_t i = 0; i < w->changes.n; i++)
		if (is_mandate_closed(&w->changes.items[i])) {
			item(o, "Mandate closed: %s (%s)",
			     w->changes.items[i].title ? w->changes.items[i].title : "",
			     w->changes.items[i].at);
			n++;
		}
	if (!n)
		para(o, "Nothing was closed this week.");
}

static void hours_section(struct out *o, const struct week *w, enum hours_style hs)
{
	static const char *const heads[] = { "Mandate", "Hours" };
	static const enum doc_align al[] = { DOC_LEFT, DOC_RIGHT };
	char h[64];
	long shown = 0;
	heading(o, "Hours");
	if (!w->nhours) {
		para(o, "No hours were logged this week.");
		return;
	}
	if (!o->rc)
		o->rc = doc_table(o->d, 2, heads, al);
	for (size_t i = 0; !o->rc && i < w->nhours; i++) {
		duration_format(w->hours[i].minutes, hs, h, sizeof h);
		shown += duration_hundredths(w->hours[i].minutes);
		const char *cells[] = { w->hours[i].title ? w->hours[i].title : "Other work", h };
		o->rc = doc_row(o->d, cells);
	}
	if (!o->rc) {
		duration_format_total(w->minutes, shown, hs, 0, h, sizeof h);
		const char *cells[] = { "Total", h };
		o->rc = doc_total(o->d, cells);
	}
}

static void notes_section(struct out *o, const struct week *w)
{
	if (!w->notes.n)
		return;
	heading(o, "Notes");
	for (size_t i = 0; i < w->notes.n; i++) {
		int64_t t = 0;
		cxo_day d = 0;
		int sec = 0;
		char day[DAY_LEN];
		snprintf(day, sizeof day, "%.10s", w->notes.items[i].created);
		if (clock_stamp_parse(w->notes.items[i].created, &t) && clock_local(t, &d, &sec))
			date_format_iso(d, day);
		item(o, "%s: %s", day, w->notes.items[i].text ? w->notes.items[i].text : "");
	}
}

static void next_section(struct out *o, const struct week *w)
{
	size_t n = 0;
	heading(o, "Next");
	for (size_t i = 0; i < w->due.n; i++) {
		const struct action *a = &w->due.items[i];
		if (action_is_waiting(a))
			continue;
		const char *late = strcmp(a->due, w->today) < 0 ? "overdue since" : "due";
		if (who(a))
			item(o, "%s, with %s (%s %s)", a->title ? a->title : "", who(a), late,
			     a->due);
		else
			item(o, "%s (%s %s)", a->title ? a->title : "", late, a->due);
		n++;
	}
	for (size_t i = 0; i < w->mandates.n; i++)
		if (mandate_due(w, &w->mandates.items[i])) {
			item(o, "Mandate: %s (due %s)",
			     w->mandates.items[i].title ? w->mandates.items[i].title : "",
			     w->mandates.items[i].due);
			n++;
		}
	if (!n)
		para(o, "Nothing is due in the next two weeks.");
}

static void waiting_section(struct out *o, const struct week *w, cxo_day today)
{
	heading(o, "What we need from you");
	for (size_t i = 0; i < w->waiting.n; i++) {
		const struct action *a = &w->waiting.items[i];
		int days = action_days_waited(a, today);
		item(o, "%s: %s (waiting %d day%s)", a->waiting_for ? a->waiting_for : "someone",
		     a->title ? a->title : "", days, days == 1 ? "" : "s");
	}
	if (!w->waiting.n)
		para(o, "Nothing is waiting on your side.");
}

static void risks_section(struct out *o, const struct week *w)
{
	size_t n = 0;
	char changes[160];
	heading(o, "Risks");
	for (size_t i = 0; i < w->changes.n; i++) {
		const struct item_change *ch = &w->changes.items[i];
		if (strcmp(ch->kind, "risk") || !first_of_risk(&w->changes, i))
			continue;
		risk_changes(&w->changes, i, changes, sizeof changes);
		item(o, "%s: %s", ch->title ? ch->title : "", changes);
		n++;
	}
	if (!n)
		para(o, "No risk changed this week.");
}

static int week_doc(struct store *st, const struct report_request *r, const struct client *c,
                    struct doc *d, char *err, size_t errsz)
{
	struct week w;
	int rc = gather(st, r, c, &w, err, errsz);
	if (rc) {
		week_free(&w);
		return rc;
	}
	struct out o = { .d = d };
	enum hours_style hs = r->cfg ? r->cfg->hours_style : HOURS_DECIMAL;
	done_section(&o, &w);
	if (!o.rc)
		o.rc = contracts_doc_week(d, &w.contracts);
	hours_section(&o, &w, hs);
	notes_section(&o, &w);
	next_section(&o, &w);
	waiting_section(&o, &w, r->today);
	risks_section(&o, &w);
	if (o.rc)
		snprintf(err, errsz, "cannot build the weekly update of %s", c->key);
	week_free(&w);
	return o.rc;
}

/* ---- JSON ---- */

/* Appends o to a (stealing it); false, a released, on failure. */
static bool append(json_t *a, json_t *o)
{
	return o && !json_array_append_new(a, o);
}

static int week_json(struct store *st, const struct report_request *r, const struct client *c,
                     json_t **out, char *err, size_t errsz)
{
	struct week w;
	int rc = gather(st, r, c, &w, err, errsz);
	*out = NULL;
	if (rc) {
		week_free(&w);
		return rc;
	}
	json_t *done = json_array(), *closed = json_array(), *hours = json_array();
	json_t *notes = json_array(), *next = json_array(), *mandates = json_array();
	json_t *waiting = json_array(), *risks = json_array();
	bool ok = done && closed && hours && notes && next && mandates && waiting && risks;
	for (size_t i = 0; ok && i < w.done.n; i++)
		ok = append(done, json_pack("{s:s, s:s}", "title",
		                            w.done.items[i].title ? w.done.items[i].title : "",
		                            "done_on", w.done.items[i].done_on));
	for (size_t i = 0; ok && i < w.changes.n; i++)
		if (is_mandate_closed(&w.changes.items[i]))
			ok = append(closed, json_pack("{s:o, s:s}", "title",
			                              report_json_text(w.changes.items[i].title),
			                              "closed_on", w.changes.items[i].at));
	for (size_t i = 0; ok && i < w.nhours; i++)
		ok = append(hours,
		            json_pack("{s:o, s:I}", "mandate", report_json_text(w.hours[i].title),
		                      "minutes", (json_int_t)w.hours[i].minutes));
	for (size_t i = 0; ok && i < w.notes.n; i++)
		ok = append(notes, json_pack("{s:s, s:o}", "created", w.notes.items[i].created,
		                             "text", report_json_text(w.notes.items[i].text)));
	for (size_t i = 0; ok && i < w.due.n; i++) {
		const struct action *a = &w.due.items[i];
		if (!action_is_waiting(a))
			ok = append(next, json_pack("{s:s, s:o, s:s, s:b}", "title",
			                            a->title ? a->title : "", "owner",
			                            report_json_text(who(a)), "due", a->due,
			                            "overdue", strcmp(a->due, w.today) < 0));
	}
	for (size_t i = 0; ok && i < w.mandates.n; i++)
		if (mandate_due(&w, &w.mandates.items[i]))
			ok = append(mandates, json_pack("{s:o, s:s}", "title",
			                                report_json_text(w.mandates.items[i].title),
			                                "due", w.mandates.items[i].due));
	for (size_t i = 0; ok && i < w.waiting.n; i++) {
		const struct action *a = &w.waiting.items[i];
		ok = append(waiting,
		            json_pack("{s:s, s:o, s:o, s:i}", "title", a->title ? a->title : "",
		                      "waiting_for", report_json_text(a->waiting_for), "since",
		                      report_json_text(a->waiting_since), "days_waited",
		                      action_days_waited(a, r->today)));
	}
	for (size_t i = 0; ok && i < w.changes.n; i++) {
		const struct item_change *ch = &w.changes.items[i];
		if (!strcmp(ch->kind, "risk"))
			ok = append(risks, json_pack("{s:o, s:s, s:s}", "title",
			                             report_json_text(ch->title), "change",
			                             ch->change, "on", ch->at));
	}
	json_t *o = NULL;
	int bad = 0;
	if (ok) {
		o = json_pack("{s:s, s:s, s:{s:s, s:s}, s:{s:O, s:O}, s:{s:O, s:I, s:I}, s:O,"
		              " s:{s:O, s:O}, s:O, s:O}",
		              "client", c->key, "name", c->name ? c->name : "", "week", "from",
		              w.from, "to", w.last, "done", "actions", done, "mandates", closed,
		              "hours", "by_mandate", hours, "minutes", (json_int_t)w.minutes,
		              "billable_minutes", (json_int_t)w.billable, "notes", notes, "next",
		              "actions", next, "mandates", mandates, "waiting", waiting, "risks",
		              risks);
	}
	if (o)
		contracts_json_decisions(o, "decisions", &w.contracts, CONTRACTS_TAKEN, &bad);
	if (o && bad) {
		json_decref(o);
		o = NULL;
	}
	json_decref(done);
	json_decref(closed);
	json_decref(hours);
	json_decref(notes);
	json_decref(next);
	json_decref(mandates);
	json_decref(waiting);
	json_decref(risks);
	week_free(&w);
	if (!o) {
		snprintf(err, errsz, "out of memory");
		return EX_OSERR;
	}
	*out = o;
	return 0;
}

const struct report_ops report_week_ops = {
	.title = "Weekly update",
	.doc = week_doc,
	.json = week_json,
	.csv = NULL,
};

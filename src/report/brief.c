/*
 * brief.c: the briefing before a call, for one client: where you left
 * off, what changed since you last worked on the client, the actions
 * overdue and due soon, what you wait for, the risks that need a look,
 * the renewals and the vendors to watch (contracts.c), the decisions due
 * for review, the mandates due soon and the month's hours against the
 * budget.
 *
 * The figures are gathered first into a struct brief (every query
 * bounded by a limit, an index or the period), then written as a
 * document (text, Markdown, HTML) or as JSON.
 */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "cxo/date.h"
#include "cxo/duration.h"
#include "cxo/pace.h"
#include "cxo/risk.h"
#include "cxo/rules.h"
#include "cxo/store.h"
#include "cxo/text.h"
#include "internal.h"

#define BRIEF_CHANGES 5      /* the titles of the latest changes */
#define BRIEF_SHOWN 10       /* items of a list shown before "and N more" */
#define BRIEF_TOP_RISKS 3    /* the highest scores */
#define BRIEF_ACCEPT_DAYS 30 /* acceptances ending within */
#define BRIEF_MANDATE_DAYS 14
#define BRIEF_EXCERPT 160 /* columns of a note quoted */

enum since_from { SINCE_GIVEN, SINCE_WORKED, SINCE_NEVER };

struct brief {
	const struct client *c;
	cxo_day today;
	/* where you left off */
	struct note_list note;   /* the latest note, or none */
	struct entry_list entry; /* the latest entry, or none */
	/* since */
	char last[DAY_LEN], previous[DAY_LEN]; /* the days worked, "" = never */
	char since[DAY_LEN];
	enum since_from from;
	int counts[STORE_CHANGE_KIND_COUNT][STORE_CHANGE_WORD_COUNT];
	int changed; /* the sum of counts */
	struct change_list changes;
	struct hours_sum since_sum;
	/* what needs doing */
	/* Each list is read one past what is shown, to say there is more. */
	struct action_list due;       /* overdue and due within 7 days, by due date */
	struct action_list waiting;   /* the longest wait first */
	struct risk_list reviews;     /* review due, the highest score first */
	struct risk_list top;         /* the highest open scores */
	struct risk_list accepted;    /* by the end of the acceptance: one more than shown */
	struct mandate_list mandates; /* active, by due date: one more than shown */
	struct contracts contracts;   /* renewals, regulated data, reviews due */
	/* the month */
	char month_from[DAY_LEN], month_to[DAY_LEN];
	int year, month;
	struct hours_sum month_sum;
	struct pace pace;
};

static void brief_free(struct brief *b)
{
	note_list_free(&b->note);
	entry_list_free(&b->entry);
	change_list_free(&b->changes);
	action_list_free(&b->due);
	action_list_free(&b->waiting);
	risk_list_free(&b->reviews);
	risk_list_free(&b->top);
	risk_list_free(&b->accepted);
	mandate_list_free(&b->mandates);
	contracts_free(&b->contracts);
}

static int store_failed(struct store *st, int rc, const char *what, char *err, size_t errsz)
{
	snprintf(err, errsz, "cannot read the %s: %s", what, store_error(st));
	return rc;
}

static cxo_day iso_day(const char *iso)
{
	cxo_day d = 0;
	return date_parse_iso(iso, &d) ? d : 0;
}

/* The day changes count from: --since, else the day before today's work
 * (the last day worked, or the one before it when that is today), else
 * the client's start. */
static void brief_since(struct brief *b, const struct report_request *r)
{
	char today[DAY_LEN];
	date_format_iso(r->today, today);
	if (r->since_given) {
		date_format_iso(r->since, b->since);
		b->from = SINCE_GIVEN;
	} else if (b->last[0] && strcmp(b->last, today) != 0) {
		snprintf(b->since, sizeof b->since, "%s", b->last);
		b->from = SINCE_WORKED;
	} else if (b->last[0] && b->previous[0]) {
		snprintf(b->since, sizeof b->since, "%s", b->previous);
		b->from = SINCE_WORKED;
	} else {
		snprintf(b->since, sizeof b->since, "%s", b->c->start[0] ? b->c->start : today);
		b->from = SINCE_NEVER;
	}
}

static int brief_gather(struct store *st, const struct report_request *r, const struct client *c,
                        struct brief *b, char *err, size_t errsz)
{
	int rc;
	b->c = c;
	b->today = r->today;
	if ((rc = store_note_list(st, c->id, 1, &b->note)))
		return store_failed(st, rc, "latest note", err, errsz);
	if ((rc = store_dash_latest_entries(st, c->id, NULL, 1, &b->entry)))
		return store_failed(st, rc, "latest entry", err, errsz);
	if ((rc = store_seen_get(st, c->id, b->last, b->previous)))
		return store_failed(st, rc, "days worked on", err, errsz);
	brief_since(b, r);
	if ((rc = store_change_counts(st, c->id, b->since, b->counts)))
		return store_failed(st, rc, "changes", err, errsz);
	for (int k = 0; k < STORE_CHANGE_KIND_COUNT; k++)
		for (int w = 0; w < STORE_CHANGE_WORD_COUNT; w++)
			b->changed += b->counts[k][w];
	if ((rc = store_changes_since(st, c->id, b->since, BRIEF_CHANGES, &b->changes)))
		return store_failed(st, rc, "changes", err, errsz);
	if ((rc = store_entry_sum(st, c->id, b->since, NULL, &b->since_sum)))
		return store_failed(st, rc, "hours", err, errsz);
	char today[DAY_LEN], week[DAY_LEN];
	date_format_iso(r->today, today);
	date_format_iso(r->today + 7, week);
	if ((rc = store_brief_actions_due(st, c->id, week, BRIEF_SHOWN + 1, &b->due)))
		return store_failed(st, rc, "actions", err, errsz);
	if ((rc = store_brief_waiting(st, c->id, BRIEF_SHOWN + 1, &b->waiting)))
		return store_failed(st, rc, "waiting actions", err, errsz);
	if ((rc = store_brief_reviews_due(st, c->id, today, BRIEF_SHOWN + 1, &b->reviews)))
		return store_failed(st, rc, "risks", err, errsz);
	if ((rc = store_dash_open_risks(st, c->id, NULL, BRIEF_TOP_RISKS, &b->top)))
		return store_failed(st, rc, "risks", err, errsz);
	char by[DAY_LEN];
	date_format_iso(r->today + BRIEF_ACCEPT_DAYS, by);
	if ((rc = store_brief_acceptances_ending(st, c->id, by, BRIEF_SHOWN + 1, &b->accepted)))
		return store_failed(st, rc, "accepted risks", err, errsz);
	if ((rc = store_dash_active_mandates(st, c->id, NULL, BRIEF_SHOWN + 1, &b->mandates)))
		return store_failed(st, rc, "mandates", err, errsz);
	if ((rc = contracts_read_vendors(st, r, c->id, &b->contracts, err, errsz)) ||
	    (rc = contracts_read_reviews(st, r, c->id, &b->contracts, err, errsz)))
		return rc;
	date_month_iso(r->today, &b->year, &b->month, b->month_from, b->month_to);
	if ((rc = store_entry_sum(st, c->id, b->month_from, b->month_to, &b->month_sum)))
		return store_failed(st, rc, "hours", err, errsz);
	hours_pace(r->cfg, c->budget_minutes, b->month_sum.minutes, r->today, &b->pace);
	return 0;
}

/* ---- what the lists hold ---- */

static bool is_overdue(const struct brief *b, const struct action *a)
{
	return action_is_overdue(a, b->today);
}

static bool is_accept_ending(const struct brief *b, const struct risk *k)
{
	cxo_day d;
	return k->accepted_until[0] && date_parse_iso(k->accepted_until, &d) &&
	       d <= b->today + BRIEF_ACCEPT_DAYS;
}

static bool is_mandate_due(const struct brief *b, const struct mandate *m)
{
	cxo_day d;
	return m->due[0] && date_parse_iso(m->due, &d) && d <= b->today + BRIEF_MANDATE_DAYS;
}

/* ---- words ---- */

/* The first BRIEF_EXCERPT columns of text, its lines joined. */
static void excerpt(const char *text, char *buf, size_t n)
{
	char *flat = strdup(text ? text : "");
	if (!flat) {
		snprintf(buf, n, "%s", "");
		return;
	}
	for (char *p = flat; *p; p++)
		if (*p == '\n' || *p == '\r' || *p == '\t')
			*p = ' ';
	text_fit(flat, BRIEF_EXCERPT, true, buf, n);
	free(flat);
}

static void hours(const struct report_request *r, long minutes, char *buf, size_t n)
{
	duration_format(minutes, r->cfg->hours_style, buf, n);
}

/* "2026-11-16 (2d ago)". */
static void day_ago(const struct brief *b, const char *iso, char *buf, size_t n)
{
	char rel[32];
	date_ago(iso_day(iso), b->today, rel, sizeof rel);
	snprintf(buf, n, "%s (%s)", iso, rel);
}

/* "in 2d", "3d late". */
static void due_words(const struct brief *b, const char *iso, char *buf, size_t n)
{
	date_relative(iso_day(iso), b->today, buf, n);
}

/* As `cxo hours` says it: "14.5h of 20h (72%), billable 13h; expected
 * by today 12.67h, projected 21.42h: warning". */
static void pace_words(const struct report_request *r, const struct brief *b, char *buf, size_t n)
{
	char used[32], bud[32], bill[32], exp[32], proj[32];
	hours(r, b->month_sum.minutes, used, sizeof used);
	hours(r, b->month_sum.billable_minutes, bill, sizeof bill);
	if (!b->c->budget_minutes) {
		snprintf(buf, n, "%s, billable %s (no budget)", used, bill);
		return;
	}
	const struct pace *p = &b->pace;
	hours(r, b->c->budget_minutes, bud, sizeof bud);
	hours(r, p->expected_minutes, exp, sizeof exp);
	hours(r, p->projected_minutes, proj, sizeof proj);
	const char *level = p->level == PACE_OK && !p->judged ? "ok (too early to tell)"
	                                                      : pace_level_name(p->level);
	snprintf(buf, n, "%s of %s (%d%%), billable %s; expected by today %s, projected %s: %s",
	         used, bud, p->percent_used, bill, exp, proj, level);
}

/* "2 added, 1 closed" for one kind of item; "" when none. */
static void kind_counts(const struct brief *b, int k, char *buf, size_t n)
{
	size_t at = 0;
	buf[0] = '\0';
	for (int w = 0; w < STORE_CHANGE_WORD_COUNT; w++) {
		if (!b->counts[k][w] || at >= n)
			continue;
		int m = snprintf(buf + at, n - at, "%s%d %s", at ? ", " : "", b->counts[k][w],
		                 STORE_CHANGE_WORDS[w]);
		if (m < 0)
			break;
		at += (size_t)m;
	}
}

static const char *const KIND_PLURALS[STORE_CHANGE_KIND_COUNT] = { "Mandates", "Risks", "Actions",
	                                                           "Notes" };

/* ---- the document ---- */

#define TRY(x)                                                                                     \
	do {                                                                                       \
		if ((rc = (x)) != 0)                                                               \
			goto out;                                                                  \
	} while (0)

static int more_note(struct doc *d, size_t shown, size_t all)
{
	if (all <= shown)
		return 0;
	char buf[64];
	snprintf(buf, sizeof buf, "and %zu more", all - shown);
	return doc_note(d, buf);
}

static int doc_left_off(struct doc *d, const struct report_request *r, const struct brief *b)
{
	int rc = 0;
	char buf[1024], when[64], text[4 * BRIEF_EXCERPT + 8], h[32];
	TRY(doc_heading(d, 2, "Where you left off"));
	if (!b->note.n && !b->entry.n)
		return doc_para(d, "Nothing written for this client yet.");
	if (b->note.n) {
		const struct note *nt = &b->note.items[0];
		char day[DAY_LEN];
		snprintf(day, sizeof day, "%.10s", nt->created);
		day_ago(b, day, when, sizeof when);
		excerpt(nt->text, text, sizeof text);
		snprintf(buf, sizeof buf, "%s: %s", when, text);
		TRY(doc_fact(d, "Last note", buf));
	}
	if (b->entry.n) {
		const struct entry *e = &b->entry.items[0];
		day_ago(b, e->day, when, sizeof when);
		excerpt(e->note ? e->note : "(no note)", text, sizeof text);
		hours(r, e->minutes, h, sizeof h);
		snprintf(buf, sizeof buf, "%s: %s %s", when, h, text);
		TRY(doc_fact(d, "Last entry", buf));
	}
out:
	return rc;
}

static int doc_since(struct doc *d, const struct report_request *r, const struct brief *b)
{
	int rc = 0;
	char buf[1024], h[32], bill[32];
	snprintf(buf, sizeof buf, "Since %s", b->since);
	TRY(doc_heading(d, 2, buf));
	if (b->from == SINCE_NEVER)
		snprintf(buf, sizeof buf,
		         "Never worked on before: everything since the engagement began (%s).",
		         b->since);
	else if (b->from == SINCE_GIVEN)
		snprintf(buf, sizeof buf, "Changes from %s on, as asked.", b->since);
	else
		snprintf(buf, sizeof buf, "Last worked on %s: changes from that day on.", b->since);
	TRY(doc_para(d, buf));
	if (!b->changed && !b->since_sum.minutes) {
		TRY(doc_para(d, "Nothing changed since then."));
		goto out;
	}
	for (int k = 0; k < STORE_CHANGE_KIND_COUNT; k++) {
		kind_counts(b, k, buf, sizeof buf);
		if (buf[0])
			TRY(doc_fact(d, KIND_PLURALS[k], buf));
	}
	hours(r, b->since_sum.minutes, h, sizeof h);
	hours(r, b->since_sum.billable_minutes, bill, sizeof bill);
	snprintf(buf, sizeof buf, "%s, billable %s", h, bill);
	TRY(doc_fact(d, "Hours logged", buf));
	for (size_t i = 0; i < b->changes.n; i++) {
		const struct item_change *ch = &b->changes.items[i];
		char text[4 * BRIEF_EXCERPT + 8];
		excerpt(ch->title, text, sizeof text);
		snprintf(buf, sizeof buf, "%s %s %s: %s", ch->at, ch->kind, ch->change, text);
		TRY(doc_item(d, buf));
	}
	if ((size_t)b->changed > b->changes.n)
		TRY(more_note(d, b->changes.n, (size_t)b->changed));
out:
	return rc;
}

/* "title (Priya)" with the owner when it is not me. */
static void action_words(const struct action *a, const char *when, char *buf, size_t n)
{
	if (a->owner && !owner_is_me(a->owner))
		snprintf(buf, n, "%s: %s (%s)", when, a->title ? a->title : "", a->owner);
	else
		snprintf(buf, n, "%s: %s", when, a->title ? a->title : "");
}

/* "and more" under a list read one past what it shows, when it has that
 * one more. */
static int more_of(struct doc *d, size_t n)
{
	return n > BRIEF_SHOWN ? doc_note(d, "and more") : 0;
}

/* The items of a list read one past what is shown. */
static size_t shown(size_t n)
{
	return n > BRIEF_SHOWN ? BRIEF_SHOWN : n;
}

static int doc_actions(struct doc *d, const struct brief *b)
{
	int rc = 0;
	char buf[1200], when[32];
	TRY(doc_heading(d, 2, "Actions overdue and due in 7 days"));
	for (size_t i = 0; i < shown(b->due.n); i++) {
		const struct action *a = &b->due.items[i];
		due_words(b, a->due, when, sizeof when);
		action_words(a, when, buf, sizeof buf);
		TRY(doc_item(d, buf));
	}
	if (!b->due.n)
		TRY(doc_para(d, "Nothing overdue or due in the next 7 days."));
	TRY(more_of(d, b->due.n));

	TRY(doc_heading(d, 2, "Waiting for"));
	for (size_t i = 0; i < shown(b->waiting.n); i++) {
		const struct action *a = &b->waiting.items[i];
		int days = action_days_waited(a, b->today);
		snprintf(buf, sizeof buf, "%s: %s, %d day%s", a->waiting_for ? a->waiting_for : "",
		         a->title ? a->title : "", days, days == 1 ? "" : "s");
		TRY(doc_item(d, buf));
	}
	if (!b->waiting.n)
		TRY(doc_para(d, "Waiting for no one."));
	TRY(more_of(d, b->waiting.n));
out:
	return rc;
}

static void risk_words(const struct risk *k, const char *extra, char *buf, size_t n)
{
	snprintf(buf, n, "score %d: %s%s%s%s", risk_score(k->likelihood, k->impact),
	         k->title ? k->title : "", k->owner ? " (" : "", k->owner ? k->owner : "",
	         k->owner ? ")" : "");
	size_t at = strlen(buf);
	if (extra && at < n)
		snprintf(buf + at, n - at, ", %s", extra);
}

static int doc_risks(struct doc *d, const struct brief *b)
{
	int rc = 0;
	char buf[1200], when[64], rel[32];
	size_t accept = 0;
	TRY(doc_heading(d, 2, "Risks"));
	TRY(doc_heading(d, 3, "Review due"));
	for (size_t i = 0; i < shown(b->reviews.n); i++) {
		const struct risk *k = &b->reviews.items[i];
		due_words(b, k->review, rel, sizeof rel);
		snprintf(when, sizeof when, "review %s", rel);
		risk_words(k, when, buf, sizeof buf);
		TRY(doc_item(d, buf));
	}
	if (!b->reviews.n)
		TRY(doc_para(d, "No review is due."));
	TRY(more_of(d, b->reviews.n));

	TRY(doc_heading(d, 3, "Acceptances ending within 30 days"));
	for (size_t i = 0; i < b->accepted.n; i++) {
		const struct risk *k = &b->accepted.items[i];
		if (!is_accept_ending(b, k))
			break; /* the earliest ends come first */
		if (accept++ >= BRIEF_SHOWN)
			break;
		due_words(b, k->accepted_until, rel, sizeof rel);
		snprintf(when, sizeof when, "accepted until %s (%s)", k->accepted_until, rel);
		risk_words(k, when, buf, sizeof buf);
		TRY(doc_item(d, buf));
	}
	if (!accept)
		TRY(doc_para(d, "No acceptance ends within 30 days."));
	if (accept > BRIEF_SHOWN)
		TRY(more_of(d, accept));

	TRY(doc_heading(d, 3, "Top open risks"));
	for (size_t i = 0; i < b->top.n; i++) {
		const struct risk *k = &b->top.items[i];
		risk_words(k, k->status, buf, sizeof buf);
		TRY(doc_item(d, buf));
	}
	if (!b->top.n)
		TRY(doc_para(d, "No open risk."));
out:
	return rc;
}

static int doc_mandates(struct doc *d, const struct brief *b)
{
	int rc = 0;
	char buf[1200], rel[32];
	size_t all = 0;
	TRY(doc_heading(d, 2, "Mandates due within 14 days"));
	for (size_t i = 0; i < b->mandates.n; i++) {
		const struct mandate *m = &b->mandates.items[i];
		if (!is_mandate_due(b, m))
			break; /* by due date, the undated last */
		if (all++ >= BRIEF_SHOWN)
			break;
		due_words(b, m->due, rel, sizeof rel);
		snprintf(buf, sizeof buf, "%s: %s, due %s, %d open action%s", rel,
		         m->title ? m->title : "", m->due, m->open_actions,
		         m->open_actions == 1 ? "" : "s");
		TRY(doc_item(d, buf));
	}
	if (!all)
		TRY(doc_para(d, "No mandate is due within 14 days."));
	if (all > BRIEF_SHOWN)
		TRY(more_of(d, all));
out:
	return rc;
}

static int brief_doc(struct store *st, const struct report_request *r, const struct client *c,
                     struct doc *d, char *err, size_t errsz)
{
	struct brief b;
	memset(&b, 0, sizeof b);
	int rc = brief_gather(st, r, c, &b, err, errsz);
	if (rc)
		goto done;
	char label[64], buf[512];
	if ((rc = doc_left_off(d, r, &b)) || (rc = doc_since(d, r, &b)) ||
	    (rc = doc_actions(d, &b)) || (rc = doc_risks(d, &b)) ||
	    (rc = contracts_doc_brief(d, r, &b.contracts)) ||
	    (rc = contracts_doc_reviews(d, r, &b.contracts)) || (rc = doc_mandates(d, &b)))
		goto failed;
	if (!date_format(date_from_ymd(b.year, b.month, 1), "%B %Y", label, sizeof label))
		snprintf(label, sizeof label, "%.7s", b.month_from);
	if ((rc = doc_heading(d, 2, "Hours this month")))
		goto failed;
	pace_words(r, &b, buf, sizeof buf);
	if ((rc = doc_fact(d, label, buf)))
		goto failed;
	goto done;
failed:
	snprintf(err, errsz, "%s", rc == EX_OSERR ? "out of memory" : "cannot build the brief");
done:
	brief_free(&b);
	return rc;
}

/* ---- JSON ---- */

static json_t *action_json(const struct brief *b, const struct action *a)
{
	return json_pack("{s:s, s:o, s:o, s:o, s:o, s:o, s:i}", "id", a->id, "title",
	                 report_json_text(a->title), "due", report_json_text(a->due), "owner",
	                 report_json_text(a->owner), "waiting_for",
	                 report_json_text(a->waiting_for), "waiting_since",
	                 report_json_text(a->waiting_since), "days_waited",
	                 action_days_waited(a, b->today));
}

static json_t *risk_json(const struct risk *k)
{
	return json_pack("{s:s, s:o, s:i, s:s, s:o, s:o, s:o, s:o}", "id", k->id, "title",
	                 report_json_text(k->title), "score", risk_score(k->likelihood, k->impact),
	                 "status", k->status, "owner", report_json_text(k->owner), "review",
	                 report_json_text(k->review), "accepted_until",
	                 report_json_text(k->accepted_until), "framework",
	                 report_json_text(k->framework));
}

/* Appends v to a, false when either failed. */
static bool add(json_t *a, json_t *v)
{
	return v && json_array_append_new(a, v) == 0;
}

static json_t *since_json(const struct brief *b)
{
	static const char *const from[] = { "given", "last worked", "never seen" };
	json_t *counts = json_object(), *recent = json_array();
	bool ok = counts && recent;
	for (int k = 0; ok && k < STORE_CHANGE_KIND_COUNT; k++) {
		json_t *o = json_object();
		ok = o && json_object_set_new(counts, STORE_CHANGE_KINDS[k], o) == 0;
		for (int w = 0; ok && w < STORE_CHANGE_WORD_COUNT; w++)
			ok = json_object_set_new(o, STORE_CHANGE_WORDS[w],
			                         json_integer(b->counts[k][w])) == 0;
	}
	for (size_t i = 0; ok && i < b->changes.n; i++) {
		const struct item_change *ch = &b->changes.items[i];
		ok = add(recent, json_pack("{s:s, s:s, s:s, s:s, s:o}", "kind", ch->kind, "id",
		                           ch->item_id, "change", ch->change, "day", ch->at,
		                           "title", report_json_text(ch->title)));
	}
	if (!ok) {
		json_decref(counts);
		json_decref(recent);
		return NULL;
	}
	return json_pack("{s:s, s:s, s:o, s:o, s:o, s:o, s:{s:I, s:I}}", "day", b->since, "from",
	                 from[b->from], "last_worked", report_json_text(b->last), "previous_worked",
	                 report_json_text(b->previous), "counts", counts, "recent", recent, "hours",
	                 "minutes", (json_int_t)b->since_sum.minutes, "billable_minutes",
	                 (json_int_t)b->since_sum.billable_minutes);
}

static json_t *left_off_json(const struct brief *b)
{
	json_t *note = json_null(), *entry = json_null();
	if (b->note.n) {
		const struct note *nt = &b->note.items[0];
		note = json_pack("{s:s, s:s, s:o}", "id", nt->id, "created", nt->created, "text",
		                 report_json_text(nt->text));
	}
	if (b->entry.n) {
		const struct entry *e = &b->entry.items[0];
		entry = json_pack("{s:s, s:s, s:i, s:b, s:o}", "id", e->id, "day", e->day,
		                  "minutes", e->minutes, "billable", e->billable, "note",
		                  report_json_text(e->note));
	}
	return json_pack("{s:o*, s:o*}", "note", note, "entry", entry);
}

static json_t *lists_json(const struct brief *b, json_t *o)
{
	json_t *overdue = json_array(), *soon = json_array(), *waiting = json_array(),
	       *review = json_array(), *accept = json_array(), *top = json_array(),
	       *mand = json_array();
	bool ok = overdue && soon && waiting && review && accept && top && mand;
	for (size_t i = 0; ok && i < shown(b->due.n); i++) {
		const struct action *a = &b->due.items[i];
		ok = add(is_overdue(b, a) ? overdue : soon, action_json(b, a));
	}
	for (size_t i = 0; ok && i < shown(b->waiting.n); i++)
		ok = add(waiting, action_json(b, &b->waiting.items[i]));
	for (size_t i = 0; ok && i < shown(b->reviews.n); i++)
		ok = add(review, risk_json(&b->reviews.items[i]));
	for (size_t i = 0; ok && i < b->top.n; i++)
		ok = add(top, risk_json(&b->top.items[i]));
	for (size_t i = 0; ok && i < b->accepted.n && i < BRIEF_SHOWN; i++)
		if (is_accept_ending(b, &b->accepted.items[i]))
			ok = add(accept, risk_json(&b->accepted.items[i]));
	for (size_t i = 0; ok && i < b->mandates.n && i < BRIEF_SHOWN; i++) {
		const struct mandate *m = &b->mandates.items[i];
		if (is_mandate_due(b, m))
			ok = add(mand, json_pack("{s:s, s:o, s:s, s:i}", "id", m->id, "title",
			                         report_json_text(m->title), "due", m->due,
			                         "open_actions", m->open_actions));
	}
	struct {
		const char *key;
		json_t *v;
	} set[] = {
		{ "actions_overdue", overdue },
		{ "actions_due_week", soon },
		{ "actions_due_more", json_boolean(b->due.n > BRIEF_SHOWN) },
		{ "waiting_for", waiting },
		{ "waiting_more", json_boolean(b->waiting.n > BRIEF_SHOWN) },
		{ "risks_review_due", review },
		{ "risks_review_due_more", json_boolean(b->reviews.n > BRIEF_SHOWN) },
		{ "acceptances_ending", accept },
		{ "top_risks", top },
		{ "mandates_due", mand },
	};
	/* json_object_set_new takes each value, failing or not; after a
	 * failure the rest are dropped. */
	for (size_t i = 0; i < sizeof set / sizeof set[0]; i++) {
		if (ok)
			ok = json_object_set_new(o, set[i].key, set[i].v) == 0;
		else
			json_decref(set[i].v);
	}
	if (!ok)
		return NULL;
	return o;
}

static int brief_json(struct store *st, const struct report_request *r, const struct client *c,
                      json_t **out, char *err, size_t errsz)
{
	struct brief b;
	memset(&b, 0, sizeof b);
	json_t *o = NULL;
	int rc = brief_gather(st, r, c, &b, err, errsz);
	if (rc)
		goto out;
	char today[DAY_LEN], month[MONTH_LEN];
	date_format_iso(r->today, today);
	snprintf(month, sizeof month, "%.7s", b.month_from);
	json_t *hours = json_pack("{s:s, s:I, s:I, s:I}", "month", month, "minutes",
	                          (json_int_t)b.month_sum.minutes, "billable_minutes",
	                          (json_int_t)b.month_sum.billable_minutes, "budget_minutes",
	                          (json_int_t)c->budget_minutes);
	if (hours && c->budget_minutes) {
		json_object_set_new(hours, "percent_used", json_integer(b.pace.percent_used));
		json_object_set_new(hours, "expected_minutes",
		                    json_integer(b.pace.expected_minutes));
		json_object_set_new(hours, "projected_minutes",
		                    json_integer(b.pace.projected_minutes));
		json_object_set_new(hours, "pace", json_string(pace_level_name(b.pace.level)));
		json_object_set_new(hours, "judged", json_boolean(b.pace.judged));
	}
	o = json_pack("{s:{s:s, s:o}, s:s, s:o*, s:o*, s:o*}", "client", "key", c->key, "name",
	              report_json_text(c->name), "today", today, "left_off", left_off_json(&b),
	              "since", since_json(&b), "hours", hours);
	int bad = 0;
	if (o && !lists_json(&b, o)) {
		json_decref(o);
		o = NULL;
	}
	if (o) {
		contracts_json_vendors(o, r, &b.contracts, &bad);
		contracts_json_decisions(o, "decisions_review_due", &b.contracts, CONTRACTS_REVIEW,
		                         &bad);
	}
	if (o && bad) {
		json_decref(o);
		o = NULL;
	}
	if (!o) {
		snprintf(err, errsz, "out of memory");
		rc = EX_OSERR;
	}
out:
	brief_free(&b);
	*out = o;
	return rc;
}

const struct report_ops report_brief_ops = {
	.title = "Brief",
	.doc = brief_doc,
	.json = brief_json,
};

/*
 * board.c: `cxo report board`, the one-page client pack: the engagement,
 * the mandates, the hours of the period with the pace and twelve weeks of
 * history, the risk summary, the renewals with a notice deadline within
 * 60 days and the vendors holding regulated data without approved due
 * diligence, the decisions of the period, the next 30 days of actions
 * and what is waiting on whom.  Every read is bounded by the period, a limit or the
 * open items, so the cost does not grow with years of history.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "cxo/date.h"
#include "cxo/duration.h"
#include "cxo/money.h"
#include "cxo/pace.h"
#include "cxo/rules.h"
#include "cxo/store.h"
#include "internal.h"

#define BOARD_MANDATES 12
#define BOARD_CLOSED 20
#define BOARD_TOP_RISKS 5
#define BOARD_WEEKS 12
#define BOARD_ACTION_DAYS 30
#define BOARD_ACTIONS_READ 200 /* open actions read, by due date */
#define BOARD_ACTIONS 15       /* of which shown */
#define BOARD_WAITING 10

struct board_data {
	struct client_terms terms;
	struct mandate_list mandates;
	struct change_list closed;
	struct hours_sum hours;
	bool paced; /* the period is a month and the client has a budget */
	struct pace pace;
	cxo_day weeks[BOARD_WEEKS + 1]; /* the weeks' first days, and the day after */
	long week_minutes[BOARD_WEEKS];
	long week_budget; /* the monthly budget's share of a week */
	struct risks_summary risks;
	struct action_list open;    /* open actions by due date, as read */
	size_t due_n;               /* of which dated within the window: the first due_n */
	struct action_list wait;    /* waiting ones, the longest wait first */
	struct contracts contracts; /* renewals, regulated data, the period's decisions */
};

static void board_data_free(struct board_data *b)
{
	client_terms_free(&b->terms);
	mandate_list_free(&b->mandates);
	change_list_free(&b->closed);
	risks_summary_free(&b->risks);
	action_list_free(&b->open);
	action_list_free(&b->wait);
	contracts_free(&b->contracts);
}

static int fail(struct store *st, int rc, const char *what, char *err, size_t errsz)
{
	snprintf(err, errsz, "%s: %s", what, store_error(st));
	return rc ? rc : EX_SOFTWARE;
}

static int by_wait(const void *a, const void *b)
{
	const struct action *x = a, *y = b;
	int c = strcmp(x->waiting_since, y->waiting_since);
	return c ? c : strcmp(x->id, y->id);
}

/* The twelve weeks ending with the one that holds the period's last day,
 * or today when that is earlier. */
static int read_weeks(struct store *st, const struct report_request *r, const struct client *c,
                      struct board_data *b, char *err, size_t errsz)
{
	cxo_day end = r->to - 1 < r->today ? r->to - 1 : r->today;
	cxo_day first = date_week_start(end, r->cfg->week_start) - 7 * (BOARD_WEEKS - 1);
	char bounds[BOARD_WEEKS + 1][DAY_LEN];
	for (int i = 0; i <= BOARD_WEEKS; i++) {
		b->weeks[i] = first + 7 * i;
		date_format_iso(b->weeks[i], bounds[i]);
	}
	int rc = store_dash_range_sums(st, c->id, (const char(*)[DAY_LEN])bounds, BOARD_WEEKS,
	                               b->week_minutes);
	if (rc)
		return fail(st, rc, "reading the weekly hours", err, errsz);
	/* A month's budget over its share of a year's weeks: 12 / 52. */
	b->week_budget = c->budget_minutes > 0
	                         ? c->budget_minutes / 52 * 12 + c->budget_minutes % 52 * 12 / 52
	                         : 0;
	return 0;
}

static int board_read(struct store *st, const struct report_request *r, const struct client *c,
                      struct board_data *b, char *err, size_t errsz)
{
	char from[DAY_LEN], to[DAY_LEN];
	memset(b, 0, sizeof *b);
	date_format_iso(r->from, from);
	date_format_iso(r->to, to);
	int rc = store_terms_get(st, c->id, &b->terms);
	if (rc)
		return fail(st, rc, "reading the billing terms", err, errsz);
	if ((rc = store_dash_active_mandates(st, c->id, NULL, BOARD_MANDATES, &b->mandates)) != 0)
		return fail(st, rc, "reading the mandates", err, errsz);
	if ((rc = store_changes_of_kind(st, c->id, "mandate", "closed", from, to, BOARD_CLOSED,
	                                &b->closed)) != 0)
		return fail(st, rc, "reading the mandates closed", err, errsz);
	if ((rc = store_entry_sum(st, c->id, from, to, &b->hours)) != 0)
		return fail(st, rc, "reading the hours", err, errsz);
	b->paced = r->whole_month && c->budget_minutes > 0;
	if (b->paced) {
		int y, m, d;
		date_to_ymd(r->from, &y, &m, &d);
		hours_pace_month(r->cfg, c->budget_minutes, b->hours.minutes, y, m, r->today,
		                 &b->pace);
	}
	if ((rc = read_weeks(st, r, c, b, err, errsz)) != 0)
		return rc;
	if ((rc = risks_summary_read(st, c->id, BOARD_TOP_RISKS, &b->risks, err, errsz)) != 0)
		return rc;
	if ((rc = store_dash_open_actions(st, c->id, NULL, BOARD_ACTIONS_READ, &b->open)) != 0)
		return fail(st, rc, "reading the actions", err, errsz);
	/* By due date, undated last: those due before the window's end lead. */
	for (cxo_day due; b->due_n < b->open.n; b->due_n++) {
		const struct action *a = &b->open.items[b->due_n];
		if (!*a->due || !date_parse_iso(a->due, &due) ||
		    due >= r->today + BOARD_ACTION_DAYS)
			break;
	}
	struct action_filter f = { .client_id = c->id, .waiting_only = true };
	if ((rc = store_action_list(st, &f, &b->wait)) != 0)
		return fail(st, rc, "reading the waiting actions", err, errsz);
	if (b->wait.n > 1)
		qsort(b->wait.items, b->wait.n, sizeof *b->wait.items, by_wait);
	if ((rc = contracts_read_vendors(st, r, c->id, &b->contracts, err, errsz)) != 0)
		return rc;
	return contracts_read_period(st, r, c->id, &b->contracts, err, errsz);
}

static const char *or_text(const char *s, const char *none)
{
	return s && *s ? s : none;
}

/* "ok (too early to tell)", as the hours command says it. */
static const char *pace_words(const struct pace *p)
{
	if (p->level == PACE_OK && !p->judged && p->budget_minutes > 0)
		return "ok (too early to tell)";
	return pace_level_name(p->level);
}

/* "14.5h of 20h (72%), billable 13h; expected by today 12.67h, projected
 * 21.42h: warning", the summary line of `cxo hours`. */
static void hours_line(const struct report_request *r, const struct client *c,
                       const struct board_data *b, char *buf, size_t n)
{
	enum hours_style hs = r->cfg->hours_style;
	char used[64], bill[64], bud[32], exp[32], proj[32];
	duration_format(b->hours.minutes, hs, used, sizeof used);
	duration_format(b->hours.billable_minutes, hs, bill, sizeof bill);
	if (!b->paced) {
		snprintf(buf, n, "%s, billable %s%s", used, bill,
		         r->whole_month && c->budget_minutes <= 0 ? " (no budget)" : "");
		return;
	}
	duration_format(c->budget_minutes, hs, bud, sizeof bud);
	if (r->today >= r->from && r->today < r->to) {
		duration_format(b->pace.expected_minutes, hs, exp, sizeof exp);
		duration_format(b->pace.projected_minutes, hs, proj, sizeof proj);
		snprintf(buf, n,
		         "%s of %s (%d%%), billable %s; expected by today %s, projected %s: %s",
		         used, bud, b->pace.percent_used, bill, exp, proj, pace_words(&b->pace));
	} else {
		snprintf(buf, n, "%s of %s (%d%%), billable %s: %s", used, bud,
		         b->pace.percent_used, bill, pace_level_name(b->pace.level));
	}
}

static int engagement_block(struct doc *d, const struct report_request *r, const struct client *c,
                            const struct board_data *b)
{
	char dates[64], budget[48], rate[64];
	const char *name = or_text(b->terms.legal_name, or_text(c->name, c->key));
	snprintf(dates, sizeof dates, "%s to %s", or_text(c->start, "?"),
	         or_text(c->end, "open-ended"));
	if (c->budget_minutes > 0) {
		duration_format(c->budget_minutes, r->cfg->hours_style, budget, sizeof budget);
		strncat(budget, " a month", sizeof budget - strlen(budget) - 1);
	} else {
		snprintf(budget, sizeof budget, "none");
	}
	if (c->rate_cents > 0) {
		money_format(c->rate_cents, c->currency, rate, sizeof rate);
		strncat(rate, " an hour", sizeof rate - strlen(rate) - 1);
	} else {
		snprintf(rate, sizeof rate, "none");
	}
	int rc = doc_heading(d, 2, "Engagement");
	if (!rc)
		rc = doc_fact(d, "Client", name);
	if (!rc)
		rc = doc_fact(d, "Role", c->role);
	if (!rc)
		rc = doc_fact(d, "Dates", dates);
	if (!rc)
		rc = doc_fact(d, "Budget", budget);
	if (!rc)
		rc = doc_fact(d, "Rate", rate);
	return rc;
}

static int mandates_block(struct doc *d, const struct report_request *r, const struct board_data *b)
{
	static const char *const heads[] = { "Mandate", "Status", "Due", "Open actions" };
	static const enum doc_align al[] = { DOC_LEFT, DOC_LEFT, DOC_LEFT, DOC_RIGHT };
	int rc = doc_heading(d, 2, "Mandates");
	if (!rc && !b->mandates.n)
		rc = doc_para(d, "No active mandates.");
	else if (!rc)
		rc = doc_table(d, 4, heads, al);
	for (size_t i = 0; !rc && i < b->mandates.n; i++) {
		const struct mandate *m = &b->mandates.items[i];
		char due[48], open[24], rel[24];
		cxo_day day;
		if (*m->due && date_parse_iso(m->due, &day)) {
			date_relative(day, r->today, rel, sizeof rel);
			snprintf(due, sizeof due, "%s (%s)", m->due, rel);
		} else {
			snprintf(due, sizeof due, "none");
		}
		snprintf(open, sizeof open, "%d", m->open_actions);
		const char *cells[] = { or_text(m->title, ""), m->status, due, open };
		rc = doc_row(d, cells);
	}
	for (size_t i = 0; !rc && i < b->closed.n; i++) {
		char line[TEXT_MAX_NAME * 4 + 64];
		snprintf(line, sizeof line, "Closed %s: %s", b->closed.items[i].at,
		         or_text(b->closed.items[i].title, ""));
		rc = doc_item(d, line);
	}
	return rc;
}

static int hours_block(struct doc *d, const struct report_request *r, const struct client *c,
                       const struct board_data *b)
{
	char line[512], label[BOARD_WEEKS][16], note[160];
	const char *labels[BOARD_WEEKS];
	hours_line(r, c, b, line, sizeof line);
	int rc = doc_heading(d, 2, "Hours");
	if (!rc)
		rc = doc_fact(d, "Period", line);
	if (rc)
		return rc;
	long sum = 0;
	for (int i = 0; i < BOARD_WEEKS; i++) {
		if (!date_format(b->weeks[i], "%d %b", label[i], sizeof label[i]))
			date_format_iso(b->weeks[i], label[i]);
		labels[i] = label[i];
		sum += b->week_minutes[i];
	}
	if (!sum && !b->hours.minutes)
		return doc_para(d, "No hours logged in the period or the last twelve weeks.");
	rc = doc_bars(d, BOARD_WEEKS, labels, b->week_minutes, b->week_budget, r->cfg->hours_style);
	if (!rc) {
		snprintf(note, sizeof note, "Twelve weeks to the week of %s%s.",
		         label[BOARD_WEEKS - 1],
		         b->week_budget > 0 ? "; the line is the monthly budget's weekly share"
		                            : "");
		rc = doc_note(d, note);
	}
	return rc;
}

static int risks_block(struct doc *d, const struct report_request *r, const struct board_data *b)
{
	int rc = doc_heading(d, 2, "Risks");
	if (!rc)
		rc = risks_heat_block(d, r, &b->risks);
	if (!rc && b->risks.top.n)
		rc = risks_top_table(d, r, &b->risks.top, false);
	return rc;
}

static int actions_block(struct doc *d, const struct report_request *r, const struct board_data *b)
{
	static const char *const heads[] = { "Due", "Action", "Owner", "Status" };
	int rc = doc_heading(d, 2, "Next 30 days");
	if (!rc && !b->due_n)
		return doc_para(d, "No actions due in the next 30 days.");
	if (!rc)
		rc = doc_table(d, 4, heads, NULL);
	for (size_t i = 0; !rc && i < b->due_n && i < BOARD_ACTIONS; i++) {
		const struct action *a = &b->open.items[i];
		char due[48], rel[24], status[TEXT_MAX_NAME * 4 + 32];
		cxo_day day = r->today;
		date_parse_iso(a->due, &day);
		date_relative(day, r->today, rel, sizeof rel);
		snprintf(due, sizeof due, "%s (%s)", a->due, rel);
		if (action_is_waiting(a))
			snprintf(status, sizeof status, "%swaiting for %s",
			         action_is_overdue(a, r->today) ? "overdue, " : "",
			         or_text(a->waiting_for, "?"));
		else
			snprintf(status, sizeof status, "%s",
			         action_is_overdue(a, r->today) ? "overdue" : "to do");
		const char *cells[] = { due, or_text(a->title, ""), or_text(a->owner, "me"),
			                status };
		rc = doc_row(d, cells);
	}
	if (!rc && b->due_n > BOARD_ACTIONS) {
		char more[64];
		snprintf(more, sizeof more, "And %zu more.", b->due_n - BOARD_ACTIONS);
		rc = doc_note(d, more);
	}
	return rc;
}

static int waiting_block(struct doc *d, const struct report_request *r, const struct board_data *b)
{
	static const char *const heads[] = { "Waiting for", "Action", "Since", "Days" };
	static const enum doc_align al[] = { DOC_LEFT, DOC_LEFT, DOC_LEFT, DOC_RIGHT };
	int rc = doc_heading(d, 2, "Waiting on");
	if (!rc && !b->wait.n)
		return doc_para(d, "Waiting on no one.");
	if (!rc)
		rc = doc_table(d, 4, heads, al);
	for (size_t i = 0; !rc && i < b->wait.n && i < BOARD_WAITING; i++) {
		const struct action *a = &b->wait.items[i];
		char days[24];
		snprintf(days, sizeof days, "%d", action_days_waited(a, r->today));
		const char *cells[] = { or_text(a->waiting_for, "?"), or_text(a->title, ""),
			                or_text(a->waiting_since, "?"), days };
		rc = doc_row(d, cells);
	}
	if (!rc && b->wait.n > BOARD_WAITING) {
		char more[64];
		snprintf(more, sizeof more, "And %zu more.", b->wait.n - BOARD_WAITING);
		rc = doc_note(d, more);
	}
	return rc;
}

static int board_doc(struct store *st, const struct report_request *r, const struct client *c,
                     struct doc *d, char *err, size_t errsz)
{
	struct board_data b;
	*err = '\0';
	doc_compact(d);
	int rc = board_read(st, r, c, &b, err, errsz);
	if (!rc)
		rc = engagement_block(d, r, c, &b);
	if (!rc)
		rc = mandates_block(d, r, &b);
	if (!rc)
		rc = hours_block(d, r, c, &b);
	if (!rc)
		rc = risks_block(d, r, &b);
	if (!rc)
		rc = contracts_doc_board(d, r, &b.contracts);
	if (!rc)
		rc = contracts_doc_decisions(d, &b.contracts);
	if (!rc)
		rc = actions_block(d, r, &b);
	if (!rc)
		rc = waiting_block(d, r, &b);
	if (rc && !*err)
		snprintf(err, errsz, "building the board pack: %s",
		         rc == EX_OSERR ? "out of memory" : "failed");
	board_data_free(&b);
	return rc;
}

/* ---- JSON ---- */

static json_t *engagement_json(const struct client *c, int *bad)
{
	json_t *o = json_object();
	if (!o) {
		*bad = 1;
		return NULL;
	}
	risks_jset(o, "role", report_json_text(c->role), bad);
	risks_jset(o, "start", report_json_text(c->start), bad);
	risks_jset(o, "end", report_json_text(c->end), bad);
	risks_jset(o, "budget_minutes", json_integer(c->budget_minutes), bad);
	risks_jset(o, "rate_cents", json_integer(c->rate_cents), bad);
	risks_jset(o, "currency", report_json_text(c->currency), bad);
	return o;
}

static json_t *mandates_json(const struct board_data *b, int *bad)
{
	json_t *a = json_array();
	for (size_t i = 0; a && i < b->mandates.n; i++) {
		const struct mandate *m = &b->mandates.items[i];
		json_t *o = json_object();
		if (!o || json_array_append_new(a, o)) {
			*bad = 1;
			continue;
		}
		risks_jset(o, "id", json_string(m->id), bad);
		risks_jset(o, "title", report_json_text(m->title), bad);
		risks_jset(o, "area", report_json_text(m->area), bad);
		risks_jset(o, "status", report_json_text(m->status), bad);
		risks_jset(o, "due", report_json_text(m->due), bad);
		risks_jset(o, "open_actions", json_integer(m->open_actions), bad);
	}
	if (!a)
		*bad = 1;
	return a;
}

static json_t *closed_json(const struct change_list *l, int *bad)
{
	json_t *a = json_array();
	for (size_t i = 0; a && i < l->n; i++) {
		json_t *o = json_object();
		if (!o || json_array_append_new(a, o)) {
			*bad = 1;
			continue;
		}
		risks_jset(o, "id", json_string(l->items[i].item_id), bad);
		risks_jset(o, "title", report_json_text(l->items[i].title), bad);
		risks_jset(o, "day", json_string(l->items[i].at), bad);
	}
	if (!a)
		*bad = 1;
	return a;
}

static json_t *hours_json(const struct client *c, const struct board_data *b, int *bad)
{
	json_t *o = json_object(), *w = json_array();
	if (!o || !w) {
		json_decref(o);
		json_decref(w);
		*bad = 1;
		return NULL;
	}
	risks_jset(o, "minutes", json_integer(b->hours.minutes), bad);
	risks_jset(o, "billable_minutes", json_integer(b->hours.billable_minutes), bad);
	risks_jset(o, "budget_minutes", json_integer(c->budget_minutes), bad);
	risks_jset(o, "percent_used", b->paced ? json_integer(b->pace.percent_used) : json_null(),
	           bad);
	risks_jset(o, "expected_minutes",
	           b->paced ? json_integer(b->pace.expected_minutes) : json_null(), bad);
	risks_jset(o, "projected_minutes",
	           b->paced ? json_integer(b->pace.projected_minutes) : json_null(), bad);
	risks_jset(o, "level", b->paced ? json_string(pace_level_name(b->pace.level)) : json_null(),
	           bad);
	risks_jset(o, "week_budget_minutes", json_integer(b->week_budget), bad);
	for (int i = 0; i < BOARD_WEEKS; i++) {
		char day[DAY_LEN];
		json_t *x = json_object();
		if (!x || json_array_append_new(w, x)) {
			*bad = 1;
			continue;
		}
		date_format_iso(b->weeks[i], day);
		risks_jset(x, "from", json_string(day), bad);
		risks_jset(x, "minutes", json_integer(b->week_minutes[i]), bad);
	}
	risks_jset(o, "weeks", w, bad);
	return o;
}

static json_t *action_json(const struct report_request *r, const struct action *a, int *bad)
{
	json_t *o = json_object();
	if (!o) {
		*bad = 1;
		return NULL;
	}
	risks_jset(o, "id", json_string(a->id), bad);
	risks_jset(o, "title", report_json_text(a->title), bad);
	risks_jset(o, "owner", report_json_text(a->owner), bad);
	risks_jset(o, "status", report_json_text(a->status), bad);
	risks_jset(o, "due", report_json_text(a->due), bad);
	risks_jset(o, "overdue", json_boolean(action_is_overdue(a, r->today)), bad);
	risks_jset(o, "waiting_for", report_json_text(a->waiting_for), bad);
	risks_jset(o, "waiting_since", report_json_text(a->waiting_since), bad);
	risks_jset(o, "days_waited", json_integer(action_days_waited(a, r->today)), bad);
	return o;
}

static json_t *actions_json(const struct report_request *r, const struct action *items, size_t n,
                            int *bad)
{
	json_t *a = json_array();
	for (size_t i = 0; a && i < n; i++) {
		json_t *o = action_json(r, &items[i], bad);
		if (!o || json_array_append_new(a, o))
			*bad = 1;
	}
	if (!a)
		*bad = 1;
	return a;
}

static int board_json(struct store *st, const struct report_request *r, const struct client *c,
                      json_t **out, char *err, size_t errsz)
{
	struct board_data b;
	int bad = 0;
	*err = '\0';
	*out = NULL;
	int rc = board_read(st, r, c, &b, err, errsz);
	if (rc) {
		board_data_free(&b);
		return rc;
	}
	json_t *o = risks_client_json(r, c, &bad);
	if (o) {
		json_t *k = json_object();
		risks_jset(o, "legal_name", report_json_text(b.terms.legal_name), &bad);
		risks_jset(o, "engagement", engagement_json(c, &bad), &bad);
		risks_jset(o, "mandates", mandates_json(&b, &bad), &bad);
		risks_jset(o, "mandates_closed", closed_json(&b.closed, &bad), &bad);
		risks_jset(o, "hours", hours_json(c, &b, &bad), &bad);
		if (k) {
			risks_jset(k, "open", json_integer(b.risks.open), &bad);
			risks_jset(k, "heatmap", risks_heat_json(&b.risks, &bad), &bad);
			risks_jset(k, "top", risks_list_json(r, &b.risks.top, &bad), &bad);
		}
		risks_jset(o, "risks", k, &bad);
		contracts_json_vendors(o, r, &b.contracts, &bad);
		contracts_json_decisions(o, "decisions", &b.contracts, CONTRACTS_PERIOD, &bad);
		risks_jset(o, "actions", actions_json(r, b.open.items, b.due_n, &bad), &bad);
		risks_jset(o, "waiting", actions_json(r, b.wait.items, b.wait.n, &bad), &bad);
	}
	board_data_free(&b);
	if (!o || bad) {
		json_decref(o);
		snprintf(err, errsz, "building the board pack: out of memory");
		return EX_OSERR;
	}
	*out = o;
	return 0;
}

const struct report_ops report_board_ops = {
	.title = "Board pack",
	.doc = board_doc,
	.json = board_json,
	.csv = NULL,
};

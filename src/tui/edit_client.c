/*
 * edit_client.c: adding and editing a client from the overview, and
 * archiving one (it leaves the tabs; `cxo client restore` brings it back).
 */
#include "internal.h"

#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "cxo/billing.h"
#include "cxo/duration.h"
#include "cxo/money.h"
#include "cxo/text.h"
#include "cxo/vocab.h"

static bool v_key(const char *text, void *ctx, char *err, size_t errsz)
{
	(void)ctx;
	return client_key_valid(text, err, errsz);
}

static bool v_money(const char *text, void *ctx, char *err, size_t errsz)
{
	int64_t c;
	(void)ctx;
	return !*text || money_parse(text, &c, err, errsz);
}

static bool v_currency(const char *text, void *ctx, char *err, size_t errsz)
{
	char code[4];
	(void)ctx;
	if (currency_normalize(text, code)) /* any case: the store keeps it upper case */
		return true;
	snprintf(err, errsz, "bad currency \"%s\" (expected three letters such as USD or EUR)",
	         text);
	return false;
}

/* Hours a month as the shell takes them; empty is none. */
static bool parse_budget(const char *text, long *minutes, char *err, size_t errsz)
{
	if (!*text) {
		*minutes = 0;
		return true;
	}
	return budget_parse(text, minutes, err, errsz);
}

static bool v_budget(const char *text, void *ctx, char *err, size_t errsz)
{
	long m;
	(void)ctx;
	return parse_budget(text, &m, err, errsz);
}

static bool v_employees(const char *text, void *ctx, char *err, size_t errsz)
{
	long v;
	(void)ctx;
	if (!*text)
		return true;
	if (!text_to_long(text, 0, EMPLOYEES_MAX, &v)) {
		snprintf(err, errsz, "bad number of employees \"%s\" (expected a whole number)",
		         text);
		return false;
	}
	return true;
}

static bool v_round(const char *text, void *ctx, char *err, size_t errsz)
{
	int m;
	(void)ctx;
	return billing_round_parse(text, &m, err, errsz);
}

static const char *const ROUND_MODES[] = { "up", "down", "nearest", NULL };
static const char *const ROUND_SCOPES[] = { "entry", "day", NULL };

static bool v_round_mode(const char *text, void *ctx, char *err, size_t errsz)
{
	enum billing_mode m;
	(void)ctx;
	if (billing_mode_parse(text, &m))
		return true;
	snprintf(err, errsz, "bad rounding \"%s\" (expected up, down or nearest)", text);
	return false;
}

static bool v_round_per(const char *text, void *ctx, char *err, size_t errsz)
{
	enum billing_scope sc;
	(void)ctx;
	if (billing_scope_parse(text, &sc))
		return true;
	snprintf(err, errsz, "bad rounding per \"%s\" (expected entry or day)", text);
	return false;
}

static bool v_role(const char *t, void *c, char *e, size_t n)
{
	(void)c;
	return edit_v_word(&VOCAB_ROLE, t, e, n);
}

static bool v_client_status(const char *t, void *c, char *e, size_t n)
{
	(void)c;
	return edit_v_word(&VOCAB_CLIENT_STATUS, t, e, n);
}

enum {
	CF_KEY,
	CF_NAME,
	CF_ROLE,
	CF_BUDGET,
	CF_RATE,
	CF_CURRENCY,
	CF_START,
	CF_END,
	CF_INDUSTRY,
	CF_EMPLOYEES,
	CF_LEGAL,
	CF_ROUND,
	CF_ROUND_MODE,
	CF_ROUND_PER,
	CF_ROLLOVER,
	CF_OVERAGE,
	CF_STATUS,
	CF_COUNT
};

/* The day a date field names, if it names one. */
static bool field_day(struct tui *ui, const struct form_field *f, char out[DAY_LEN])
{
	char buf[sizeof f->value], err[8];
	cxo_day d;
	snprintf(buf, sizeof buf, "%s", f->value);
	out[0] = '\0';
	if (!*text_trim(buf) ||
	    !date_parse(buf, ui->today, ui->cfg->week_start, &d, err, sizeof err))
		return false;
	date_format_iso(d, out);
	return true;
}

/* The planned end is not before the start: a rule of both fields, so
 * both are marked. */
static int rule_dates(struct form *f)
{
	char start[DAY_LEN], end[DAY_LEN];
	if (!field_day(f->ctx, &f->fields[CF_START], start) ||
	    !field_day(f->ctx, &f->fields[CF_END], end) || strcmp(end, start) >= 0)
		return -1;
	form_mark_linked(f, CF_END, "planned end %s is before the start %s", end, start);
	return form_mark_linked(f, CF_START, "the start %s is after the planned end %s", start,
	                        end);
}

/* What the form edits: the client and its billing terms. */
struct client_edit {
	struct client c;
	struct client_terms t;
};

/* The terms' fields into t; false with err filled when one is bad. */
static bool read_terms(struct form_field *ff, struct client_terms *t, char *err, size_t errsz)
{
	enum billing_mode mode;
	enum billing_scope scope;
	const char *v;
	if (!billing_round_parse(edit_field_text(&ff[CF_ROUND]), &t->round_minutes, err, errsz) ||
	    !parse_budget(ff[CF_ROLLOVER].value, &t->rollover_cap_minutes, err, errsz))
		return false;
	t->overage_rate_cents = 0;
	if ((v = edit_field_value(&ff[CF_OVERAGE])) &&
	    !money_parse(v, &t->overage_rate_cents, err, errsz))
		return false;
	if (!billing_mode_parse(edit_field_text(&ff[CF_ROUND_MODE]), &mode) ||
	    !billing_scope_parse(edit_field_text(&ff[CF_ROUND_PER]), &scope)) {
		snprintf(err, errsz,
		         "bad rounding (expected up, down or nearest, per entry or day)");
		return false;
	}
	snprintf(t->round_mode, sizeof t->round_mode, "%s", billing_mode_name(mode));
	snprintf(t->round_scope, sizeof t->round_scope, "%s", billing_scope_name(scope));
	return true;
}

static int save_client(struct tui *ui, struct form *f, void *arg)
{
	struct client_edit *ce = arg;
	struct client *c = &ce->c;
	struct form_field *ff = f->fields;
	char err[256];
	int rc;

	const char *role = vocab_match(&VOCAB_ROLE, edit_field_text(&ff[CF_ROLE]), err, sizeof err);
	long budget = 0;
	int64_t rate = 0;
	const char *v;
	if (!role || !parse_budget(ff[CF_BUDGET].value, &budget, err, sizeof err) ||
	    ((v = edit_field_value(&ff[CF_RATE])) && !money_parse(v, &rate, err, sizeof err)) ||
	    !read_terms(ff, &ce->t, err, sizeof err)) {
		tui_error(ui, "%s", err);
		return EX_DATAERR;
	}
	snprintf(c->key, sizeof c->key, "%.*s", KEY_LEN - 1, edit_field_text(&ff[CF_KEY]));
	snprintf(c->role, sizeof c->role, "%s", role);
	c->budget_minutes = budget;
	c->rate_cents = rate;
	snprintf(c->currency, sizeof c->currency, "%.3s",
	         edit_field_value(&ff[CF_CURRENCY]) ? ff[CF_CURRENCY].value : "USD");
	edit_day(ui, &ff[CF_START], c->start);
	edit_day(ui, &ff[CF_END], c->end);
	v = edit_field_value(&ff[CF_EMPLOYEES]);
	long employees = 0;
	c->employees = v && text_to_long(v, 0, EMPLOYEES_MAX, &employees) ? (int)employees : 0;
	if (f->n > CF_STATUS) {
		const char *st = vocab_match(&VOCAB_CLIENT_STATUS, edit_field_text(&ff[CF_STATUS]),
		                             err, sizeof err);
		snprintf(c->status, sizeof c->status, "%s", st ? st : "active");
	} else {
		snprintf(c->status, sizeof c->status, "active");
	}
	if ((rc = edit_replace_text(&c->name, edit_field_value(&ff[CF_NAME]))) ||
	    (rc = edit_replace_text(&c->industry, edit_field_value(&ff[CF_INDUSTRY]))) ||
	    (rc = edit_replace_text(&ce->t.legal_name, edit_field_value(&ff[CF_LEGAL]))))
		return rc;
	/* The client and its terms together, or neither. */
	if (!(rc = store_begin(ui->st))) {
		rc = c->id[0] ? store_client_update(ui->st, c) : store_client_add(ui->st, c);
		if (!rc)
			rc = store_terms_set(ui->st, c->id, &ce->t);
		if (rc)
			store_rollback(ui->st);
		else
			rc = store_commit(ui->st);
	}
	if (rc)
		tui_error(ui, "%s", store_error(ui->st));
	return rc;
}

void edit_client_form(struct tui *ui, const struct client *orig)
{
	struct form_field ff[CF_COUNT];
	struct client_edit ce = { 0 };
	struct client c = { 0 };
	char title[128], buf[64];
	bool is_new = orig == NULL;

	client_terms_defaults(&ce.t);
	if (orig && client_copy(&c, orig))
		return;
	if (orig && store_terms_get(ui->st, orig->id, &ce.t)) {
		tui_error(ui, "%s", store_error(ui->st));
		client_free(&c);
		client_terms_free(&ce.t);
		return;
	}
	memset(ff, 0, sizeof ff);
	ff[CF_KEY] = (struct form_field){ .label = "Key",
		                          .required = true,
		                          .max = KEY_LEN - 1,
		                          .validate = v_key,
		                          .hint = "short, lower case: acme" };
	ff[CF_NAME] = (struct form_field){ .label = "Name",
		                           .required = true,
		                           .hint = "Acme Advisory Group" };
	ff[CF_ROLE] = (struct form_field){
		.label = "Role", .required = true, .validate = v_role, .choices = VOCAB_ROLE.words
	};
	ff[CF_BUDGET] = (struct form_field){ .label = "Budget",
		                             .validate = v_budget,
		                             .hint = "hours a month: 20, 12.5; empty = none" };
	ff[CF_RATE] = (struct form_field){ .label = "Rate",
		                           .validate = v_money,
		                           .hint = "per hour: 225 or 225.50" };
	ff[CF_CURRENCY] = (struct form_field){ .label = "Currency",
		                               .required = true,
		                               .max = 3,
		                               .validate = v_currency,
		                               .hint = "USD, EUR, GBP" };
	ff[CF_START] = (struct form_field){ .label = "Start",
		                            .validate = edit_v_date,
		                            .hint = "today, 2026-01-15, -2m" };
	ff[CF_END] = (struct form_field){ .label = "Planned end",
		                          .validate = edit_v_date,
		                          .rule = rule_dates,
		                          .hint = "+12m, 2027-06-30; empty = open-ended" };
	ff[CF_INDUSTRY] = (struct form_field){ .label = "Industry" };
	ff[CF_EMPLOYEES] = (struct form_field){ .label = "Employees", .validate = v_employees };
	ff[CF_LEGAL] = (struct form_field){ .label = "Legal name",
		                            .hint = "on invoices; empty = the name" };
	ff[CF_ROUND] = (struct form_field){ .label = "Round to",
		                            .validate = v_round,
		                            .hint = "6m, 15m; empty = no rounding" };
	ff[CF_ROUND_MODE] = (struct form_field){ .label = "Rounding",
		                                 .required = true,
		                                 .validate = v_round_mode,
		                                 .choices = ROUND_MODES };
	ff[CF_ROUND_PER] = (struct form_field){ .label = "Round per",
		                                .required = true,
		                                .validate = v_round_per,
		                                .choices = ROUND_SCOPES };
	ff[CF_ROLLOVER] =
	        (struct form_field){ .label = "Rollover cap",
		                     .validate = v_budget,
		                     .hint = "unused hours carried: 4; empty = they expire" };
	ff[CF_OVERAGE] =
	        (struct form_field){ .label = "Overage rate",
		                     .validate = v_money,
		                     .hint = "per hour past the budget; empty = the rate" };
	ff[CF_STATUS] = (struct form_field){ .label = "Status",
		                             .required = true,
		                             .validate = v_client_status,
		                             .choices = VOCAB_CLIENT_STATUS.words };
	edit_field_set(&ff[CF_KEY], c.key);
	edit_field_set(&ff[CF_NAME], c.name);
	edit_field_set(&ff[CF_ROLE], c.role[0] ? c.role : "cio");
	if (c.budget_minutes) {
		duration_format(c.budget_minutes, ui->cfg->hours_style, buf, sizeof buf);
		edit_field_set(&ff[CF_BUDGET], buf);
	}
	if (c.rate_cents) {
		snprintf(buf, sizeof buf, "%lld.%02lld", (long long)(c.rate_cents / 100),
		         (long long)(c.rate_cents % 100));
		edit_field_set(&ff[CF_RATE], buf);
	}
	edit_field_set(&ff[CF_CURRENCY], c.currency[0] ? c.currency : "USD");
	edit_field_set(&ff[CF_START], is_new ? "today" : c.start);
	edit_field_set(&ff[CF_END], c.end);
	edit_field_set(&ff[CF_INDUSTRY], c.industry);
	if (c.employees) {
		snprintf(buf, sizeof buf, "%d", c.employees);
		edit_field_set(&ff[CF_EMPLOYEES], buf);
	}
	edit_field_set(&ff[CF_LEGAL], ce.t.legal_name);
	if (ce.t.round_minutes) {
		snprintf(buf, sizeof buf, "%dm", ce.t.round_minutes);
		edit_field_set(&ff[CF_ROUND], buf);
	}
	edit_field_set(&ff[CF_ROUND_MODE], ce.t.round_mode[0] ? ce.t.round_mode : "up");
	edit_field_set(&ff[CF_ROUND_PER], ce.t.round_scope[0] ? ce.t.round_scope : "entry");
	if (ce.t.rollover_cap_minutes) {
		duration_format(ce.t.rollover_cap_minutes, ui->cfg->hours_style, buf, sizeof buf);
		edit_field_set(&ff[CF_ROLLOVER], buf);
	}
	if (ce.t.overage_rate_cents) {
		snprintf(buf, sizeof buf, "%lld.%02lld", (long long)(ce.t.overage_rate_cents / 100),
		         (long long)(ce.t.overage_rate_cents % 100));
		edit_field_set(&ff[CF_OVERAGE], buf);
	}
	edit_field_set(&ff[CF_STATUS], c.status[0] ? c.status : "active");
	if (is_new)
		snprintf(title, sizeof title, "New client");
	else
		snprintf(title, sizeof title, "Edit client %s", c.key);
	struct form f = { title, ff, is_new ? CF_STATUS : CF_COUNT, ui };
	ce.c = c;
	if (edit_run_form(ui, &f, save_client, &ce)) {
		if (ui->screen == SCREEN_OVERVIEW)
			ui->reload |= RELOAD_OVERVIEW;
		edit_saved(ui, PANEL_COUNT, NULL, is_new ? "client added" : "client saved",
		           ce.c.name ? ce.c.name : ce.c.key);
	}
	client_free(&ce.c);
	client_terms_free(&ce.t);
}

void edit_client_archive(struct tui *ui, const char *id)
{
	struct client c = { 0 };
	char q[256], shown[64];
	int rc = store_client_get_by_id(ui->st, id, &c);
	if (rc) {
		tui_error(ui, "%s", store_error(ui->st));
		return;
	}
	text_fit(c.key, 32, ui->utf8, shown, sizeof shown);
	snprintf(q, sizeof q,
	         "Archive client '%s'? It leaves the tabs; 'cxo client restore %s' "
	         "brings it back. (y/n)",
	         shown, shown);
	bool yes = tui_confirm(ui, q);
	touchwin(stdscr);
	tui_mark(ui, DIRTY_ALL);
	if (yes) {
		snprintf(c.status, sizeof c.status, "ended");
		if ((rc = store_client_update(ui->st, &c))) {
			tui_error(ui, "%s", store_error(ui->st));
		} else {
			if (ui->overlay == OVERLAY_DETAIL)
				ui->overlay = OVERLAY_NONE;
			edit_saved(ui, PANEL_COUNT, NULL, "archived", c.name ? c.name : c.key);
		}
	} else {
		tui_message(ui, "kept");
	}
	client_free(&c);
}

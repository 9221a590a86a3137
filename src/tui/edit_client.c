/*
 * edit_client.c: adding and editing a client from the overview, and
 * archiving one (it leaves the tabs; `cxo client restore` brings it back).
 */
#include "internal.h"

#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

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

static int save_client(struct tui *ui, struct form *f, void *arg)
{
	struct client *c = arg;
	struct form_field *ff = f->fields;
	char err[256];
	int rc;

	const char *role = vocab_match(&VOCAB_ROLE, edit_field_text(&ff[CF_ROLE]), err, sizeof err);
	long budget = 0;
	int64_t rate = 0;
	const char *v;
	if (!role || !parse_budget(ff[CF_BUDGET].value, &budget, err, sizeof err) ||
	    ((v = edit_field_value(&ff[CF_RATE])) && !money_parse(v, &rate, err, sizeof err))) {
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
	    (rc = edit_replace_text(&c->industry, edit_field_value(&ff[CF_INDUSTRY]))))
		return rc;
	rc = c->id[0] ? store_client_update(ui->st, c) : store_client_add(ui->st, c);
	if (rc)
		tui_error(ui, "%s", store_error(ui->st));
	return rc;
}

void edit_client_form(struct tui *ui, const struct client *orig)
{
	struct form_field ff[CF_COUNT];
	struct client c = { 0 };
	char title[128], buf[64];
	bool is_new = orig == NULL;

	if (orig && client_copy(&c, orig))
		return;
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
	edit_field_set(&ff[CF_STATUS], c.status[0] ? c.status : "active");
	if (is_new)
		snprintf(title, sizeof title, "New client");
	else
		snprintf(title, sizeof title, "Edit client %s", c.key);
	struct form f = { title, ff, is_new ? CF_STATUS : CF_COUNT, ui };
	if (edit_run_form(ui, &f, save_client, &c)) {
		if (ui->screen == SCREEN_OVERVIEW)
			ui->reload |= RELOAD_OVERVIEW;
		edit_saved(ui, PANEL_COUNT, NULL, is_new ? "client added" : "client saved",
		           c.name ? c.name : c.key);
	}
	client_free(&c);
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

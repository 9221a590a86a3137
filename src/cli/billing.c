/*
 * billing.c: `cxo hours lock|unlock|locks`, a month of a client's hours
 * closed to changes once invoiced, and the billed hours of a month as
 * `hours` and `client show` say them.
 */
#include "internal.h"

#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include <jansson.h>

#include "cxo/billing.h"
#include "cxo/rules.h"
#include "cxo/text.h"

int cli_month_billing(struct cxo_app *app, const struct client *c, int year, int month,
                      struct cli_month_billing *out)
{
	struct client_terms ct;
	struct billing_terms bt;
	char m[MONTH_LEN];
	int rc;

	memset(out, 0, sizeof *out);
	if ((rc = store_terms_get(app->st, c->id, &ct))) {
		client_terms_free(&ct);
		return app_store_error(app, rc);
	}
	app_billing_terms(&ct, &bt);
	client_terms_free(&ct);
	if (app_billing_shapes_hours(&bt)) {
		if ((rc = app_billing_month(app->st, c, &bt, year, month, &out->bm)))
			return rc == EX_OSERR ? app_error(rc, "out of memory")
			                      : app_store_error(app, rc);
		out->shapes = true;
	}
	snprintf(m, sizeof m, "%04u-%02u", (unsigned)year % 10000u, (unsigned)month % 100u);
	rc = store_lock_get(app->st, c->id, m, &out->lock);
	if (rc == EX_NOINPUT)
		return 0;
	if (rc)
		return app_store_error(app, rc);
	out->locked = true;
	return 0;
}

int cli_billing_json(struct cxo_app *app, const struct cli_month_billing *mb, int year, int month,
                     json_t *o)
{
	int bad = 0;
	if (mb->shapes) {
		const struct billing_month *b = &mb->bm;
		json_t *j = json_object();
		struct pace pc;
		if (!j)
			return -1;
		bad |= json_object_set_new(j, "billed_minutes", json_integer(b->billed));
		bad |= json_object_set_new(j, "nonbillable_minutes", json_integer(b->nonbillable));
		bad |= json_object_set_new(j, "rolled_in_minutes", json_integer(b->rolled_in));
		bad |= json_object_set_new(j, "available_minutes", json_integer(b->available));
		bad |= json_object_set_new(j, "unused_minutes", json_integer(b->unused));
		bad |= json_object_set_new(j, "rolled_out_minutes", json_integer(b->rolled_out));
		bad |= json_object_set_new(j, "overage_minutes", json_integer(b->overage));
		bad |= json_object_set_new(j, "retainer_cents", json_integer(b->retainer_cents));
		bad |= json_object_set_new(j, "overage_cents", json_integer(b->overage_cents));
		bad |= json_object_set_new(j, "amount_cents", json_integer(b->amount_cents));
		if (b->available) {
			hours_pace_month(&app->cfg, b->available, b->billed, year, month,
			                 app->today, &pc);
			bad |= json_object_set_new(j, "percent_used",
			                           json_integer(pc.percent_used));
			bad |= json_object_set_new(j, "level",
			                           json_string(pace_level_name(pc.level)));
		} else {
			bad |= json_object_set_new(j, "percent_used", json_null());
			bad |= json_object_set_new(j, "level", json_null());
		}
		bad |= json_object_set_new(o, "billing", j);
	}
	if (mb->locked) {
		json_t *j = json_object();
		if (!j)
			return -1;
		bad |= json_object_set_new(j, "locked", json_string(mb->lock.locked));
		bad |= json_object_set_new(j, "invoice",
		                           mb->lock.invoice ? json_string(mb->lock.invoice)
		                                            : json_null());
		bad |= json_object_set_new(o, "lock", j);
	}
	return bad;
}

void cli_billed_text(struct cxo_app *app, const struct billing_month *bm, char *buf, size_t n)
{
	char billed[32], avail[32], budget[32], rolled[32], over[32], tail[64] = "";
	cli_format_hours(app, bm->billed, billed, sizeof billed);
	if (!bm->budget) {
		snprintf(buf, n, "%s (no budget)", billed);
		return;
	}
	cli_format_hours(app, bm->available, avail, sizeof avail);
	cli_format_hours(app, bm->budget, budget, sizeof budget);
	cli_format_hours(app, bm->rolled_in, rolled, sizeof rolled);
	if (bm->overage) {
		cli_format_hours(app, bm->overage, over, sizeof over);
		snprintf(tail, sizeof tail, ", %s over", over);
	}
	if (bm->rolled_in)
		snprintf(buf, n, "%s of %s (%s + %s rolled over)%s", billed, avail, budget, rolled,
		         tail);
	else
		snprintf(buf, n, "%s of %s%s", billed, avail, tail);
}

void cli_lock_text(const struct month_lock *l, char *buf, size_t n)
{
	char invoice[128] = "";
	if (l->invoice) {
		char shown[96];
		text_fit(l->invoice, 64, true, shown, sizeof shown);
		snprintf(invoice, sizeof invoice, ", invoice %s", shown);
	}
	snprintf(buf, n, "locked on %.10s%s", l->locked, invoice);
}

/* The month --month names, "YYYY-MM", not after this month. */
static int lock_month(struct cli_call *c, char month[MONTH_LEN])
{
	const char *text = cli_text(c, "month");
	char err[256];
	int y, m, ty, tm, td;
	if (!text)
		return cli_usage(c, "%s: --month is required", c->path);
	if (!month_parse(text, c->app->today, &y, &m, err, sizeof err))
		return app_error(EX_DATAERR, "--month: %s", err);
	date_to_ymd(c->app->today, &ty, &tm, &td);
	if (y * 12 + m > ty * 12 + tm)
		return app_error(EX_DATAERR,
		                 "--month: %04d-%02d has not begun (expected this month or an "
		                 "earlier one)",
		                 y, m);
	snprintf(month, MONTH_LEN, "%04u-%02u", (unsigned)y % 10000u, (unsigned)m % 100u);
	return 0;
}

static int lock_check(struct cli_call *c)
{
	char month[MONTH_LEN];
	const char *invoice = cli_text(c, "invoice");
	if (invoice && !*text_trim((char *)invoice))
		return app_error(EX_DATAERR, "--invoice: empty (expected an invoice reference)");
	return lock_month(c, month);
}

static int hours_lock(struct cli_call *call)
{
	struct cxo_app *app = call->app;
	const struct client *c = &call->client;
	const char *invoice = cli_text(call, "invoice");
	struct month_lock l = { 0 };
	char month[MONTH_LEN], said[256];
	int rc;

	if ((rc = lock_month(call, month)))
		return rc;
	if (invoice)
		invoice = text_trim((char *)invoice);
	rc = store_lock_get(app->st, c->id, month, &l);
	if (rc && rc != EX_NOINPUT)
		return app_store_error(app, rc);
	if (!rc && !invoice) {
		/* Locked already, nothing to change: say so, write nothing. */
		cli_lock_text(&l, said, sizeof said);
		printf("%s's hours of %s are already locked (%s)\n", c->key, month, said);
		month_lock_free(&l);
		return 0;
	}
	bool again = !rc;
	month_lock_free(&l);
	if ((rc = store_lock_set(app->st, c->id, month, invoice)))
		return app_store_error(app, rc);
	if ((rc = store_lock_get(app->st, c->id, month, &l)))
		return app_store_error(app, rc);
	cli_lock_text(&l, said, sizeof said);
	if (again)
		printf("%s's hours of %s were locked already: %s\n", c->key, month, said);
	else
		printf("locked %s's hours of %s (%s): 'cxo hours unlock --month %s --client %s' "
		       "opens them to changes\n",
		       c->key, month, said, month, c->key);
	month_lock_free(&l);
	return 0;
}

static int unlock_check(struct cli_call *c)
{
	char month[MONTH_LEN];
	return lock_month(c, month);
}

static int hours_unlock(struct cli_call *call)
{
	struct cxo_app *app = call->app;
	const struct client *c = &call->client;
	char month[MONTH_LEN];
	int rc;
	if ((rc = lock_month(call, month)))
		return rc;
	rc = store_lock_clear(app->st, c->id, month);
	if (rc == EX_NOINPUT) {
		printf("%s's hours of %s were not locked\n", c->key, month);
		return 0;
	}
	if (rc)
		return app_store_error(app, rc);
	printf("unlocked %s's hours of %s: they can be changed again\n", c->key, month);
	return 0;
}

static int hours_locks(struct cli_call *call)
{
	struct cxo_app *app = call->app;
	const struct cli_value *format = cli_opt(call, "format");
	enum output_format fmt = format ? format->num : FORMAT_TABLE;
	bool all = cli_flag(call, "all-clients");
	struct month_lock_list l = { 0 };
	int rc;

	if ((rc = store_lock_list(app->st, all ? NULL : call->client.id, &l)))
		return app_store_error(app, rc);
	if (!l.n && fmt == FORMAT_TABLE) {
		printf("no locked months%s%s\n", all ? "" : " for ", all ? "" : call->client.key);
		month_lock_list_free(&l);
		return 0;
	}
	struct table *t = table_new(fmt, app->color);
	if (!t) {
		month_lock_list_free(&l);
		return app_error(EX_OSERR, "out of memory");
	}
	if (all)
		table_column(t, "CLIENT", "client", COL_TEXT);
	table_column(t, "MONTH", "month", COL_TEXT);
	table_column(t, "LOCKED", "locked", COL_TEXT);
	table_column(t, "INVOICE", "invoice", COL_TEXT);
	for (size_t i = 0; i < l.n; i++) {
		const struct month_lock *k = &l.items[i];
		char day[DAY_LEN], shown[64];
		table_row(t);
		if (all)
			table_cell(t, k->client_key);
		table_cell(t, k->month);
		if (fmt == FORMAT_TABLE) {
			snprintf(day, sizeof day, "%.10s", k->locked);
			cli_format_day(app, day, shown, sizeof shown);
			table_cell(t, shown);
		} else {
			table_cell(t, k->locked);
		}
		table_cell(t, k->invoice ? k->invoice : "");
	}
	rc = table_print(t, stdout);
	table_free(t);
	month_lock_list_free(&l);
	return rc;
}

static const struct cli_option lock_opts[] = {
	{ .name = "month",
	  .arg = "YYYY-MM|this|last",
	  .kind = VAL_MONTH,
	  .help = "the month (required)" },
	{ .name = "invoice", .arg = "REF", .kind = VAL_TEXT, .help = "the invoice's reference" },
	{ .name = NULL },
};

const struct cli_command cli_hours_lock = {
	.name = "lock",
	.synopsis = "--month YYYY-MM|this|last [--invoice REF]",
	.summary = "mark a month's hours invoiced: changes to them are refused",
	.help = "  The client is the current one, or -C/--client KEY.  Locking a locked\n"
	        "  month again with --invoice changes its reference.",
	.opts = lock_opts,
	.flags = CMD_WRITE | CMD_CLIENT,
	.check = lock_check,
	.run = hours_lock,
};

static const struct cli_option unlock_opts[] = {
	{ .name = "month",
	  .arg = "YYYY-MM|this|last",
	  .kind = VAL_MONTH,
	  .help = "the month (required)" },
	{ .name = NULL },
};

const struct cli_command cli_hours_unlock = {
	.name = "unlock",
	.synopsis = "--month YYYY-MM|this|last",
	.summary = "open a locked month's hours to changes again",
	.opts = unlock_opts,
	.flags = CMD_WRITE | CMD_CLIENT,
	.check = unlock_check,
	.run = hours_unlock,
};

static const struct cli_option locks_opts[] = {
	{ .name = "all-clients", .help = "every client's, with a CLIENT column" },
	{ .name = "format",
	  .arg = "table|tsv|json",
	  .kind = VAL_FORMAT,
	  .help = "the output format" },
	{ .name = NULL },
};

const struct cli_command cli_hours_locks = {
	.name = "locks",
	.synopsis = "[--all-clients] [--format table|tsv|json]",
	.summary = "the locked months, the latest first",
	.opts = locks_opts,
	.flags = CMD_READ | CMD_CLIENT,
	.run = hours_locks,
};

/*
 * vendor_list.c: `cxo vendor list`, the vendors with their renewal state
 * or, with --renewing, the notice deadlines coming (renewed-by-default
 * ones first, in red), and `cxo vendor spend`, the annual spend by
 * category with the overlaps.  The rest of `cxo vendor` is in vendor.c.
 */
#include "internal.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "cxo/money.h"
#include "cxo/text.h"
#include "cxo/vendor.h"
#include "cxo/vendors_app.h"

/* "90", "90d", "12w", "3m": a window from today, in days. */
static int window_parse(const struct cxo_app *app, const char *text, int *days)
{
	char spec[40], err[256], shown[64];
	cxo_day to;
	size_t len = strlen(text);
	bool digits = len > 0 && len < 8 && strspn(text, "0123456789") >= len - 1 &&
	              text[0] >= '0' && text[0] <= '9';
	char unit = digits ? text[len - 1] : 0;
	if (digits && unit >= '0' && unit <= '9')
		snprintf(spec, sizeof spec, "+%sd", text);
	else if (digits && strchr("dwm", unit))
		snprintf(spec, sizeof spec, "+%s", text);
	else
		spec[0] = '\0';
	if (!spec[0] || !date_parse(spec, app->today, app->cfg.week_start, &to, err, sizeof err) ||
	    to - app->today > RENEWAL_NOTICE_MAX) {
		text_sanitize_into(text, shown, sizeof shown);
		return app_error(
		        EX_DATAERR,
		        "--renewing: bad window \"%s\" (expected days, weeks or months from "
		        "today: 90, 90d, 12w, 3m; at most %d days)",
		        shown, RENEWAL_NOTICE_MAX);
	}
	*days = (int)(to - app->today);
	return 0;
}

static const char *state_words(enum renewal_state s)
{
	return s == RENEWAL_DEFAULTED ? "renewed by default"
	       : s == RENEWAL_NONE    ? ""
	                              : renewal_state_name(s);
}

static enum cell_color state_color(enum renewal_state s)
{
	switch (s) {
	case RENEWAL_DEFAULTED:
		return CC_RED;
	case RENEWAL_SOON:
	case RENEWAL_LAPSING:
		return CC_YELLOW;
	case RENEWAL_EXPIRED:
		return CC_DIM;
	default:
		return CC_NONE;
	}
}

/* The annual cost: "12,000.00 USD" in tables, "12000.00" in TSV, cents
 * in JSON (with a currency column beside it in both). */
static void cost_cell(struct table *t, enum output_format fmt, const struct vendor *v)
{
	char buf[64];
	if (fmt == FORMAT_JSON) {
		table_cellf(t, "%lld", (long long)v->annual_cents);
		return;
	}
	if (fmt == FORMAT_TSV)
		money_format_plain(v->annual_cents, buf, sizeof buf);
	else
		money_format(v->annual_cents, v->currency, buf, sizeof buf);
	table_cell(t, buf);
}

static void cost_column(struct table *t, enum output_format fmt)
{
	table_column(t, "ANNUAL", fmt == FORMAT_JSON ? "annual_cents" : "annual",
	             fmt == FORMAT_JSON ? COL_INT : COL_NUM);
	if (fmt != FORMAT_TABLE)
		table_column(t, "CURRENCY", "currency", COL_TEXT);
}

/* --renewing: the deadlines coming. */
static void renewing_table(struct cxo_app *app, struct table *t, enum output_format fmt,
                           bool all_clients, const struct vendor_list *l, int window)
{
	bool machine = fmt != FORMAT_TABLE;
	if (all_clients)
		table_column(t, "CLIENT", "client", COL_TEXT);
	table_column(t, "ID", "id", COL_TEXT);
	table_column(t, "VENDOR", "name", COL_TEXT);
	table_column(t, "NOTICE BY", "notice_by", COL_TEXT);
	table_column(t, "DAYS LEFT", "days_left", machine ? COL_INT : COL_NUM);
	table_column(t, "TERM END", "term_end", COL_TEXT);
	table_column(t, "AUTO", "auto_renew", machine ? COL_BOOL : COL_TEXT);
	cost_column(t, fmt);
	if (machine)
		table_column(t, "RENEWAL", "renewal", COL_TEXT);
	for (size_t i = 0; i < l->n; i++) {
		const struct vendor *v = &l->items[i];
		enum renewal_state s = vendor_renewal(v, app->today, window);
		enum cell_color red = s == RENEWAL_DEFAULTED ? CC_RED : CC_NONE;
		int left = 0;
		char day[64];
		vendor_notice_days_left(v, app->today, &left);
		table_row(t);
		if (all_clients)
			table_cell(t, v->client_key);
		table_cell_id(t, v->id);
		table_cell_color(t, v->name, red);
		if (machine) {
			table_cell(t, v->notice_by);
			table_cell_long(t, left);
			table_cell(t, v->term_end);
			table_cell(t, v->auto_renew ? "1" : "0");
		} else {
			cli_format_day(app, v->notice_by, day, sizeof day);
			table_cell_color(t, day, red);
			if (s == RENEWAL_DEFAULTED)
				table_cell_color(t, "renewed by default", CC_RED);
			else
				table_cellf(t, "%d", left);
			cli_format_day(app, v->term_end, day, sizeof day);
			table_cell(t, day);
			table_cell(t, v->auto_renew ? "yes" : "no");
		}
		cost_cell(t, fmt, v);
		if (machine) {
			table_cell(t, v->currency);
			table_cell(t, renewal_state_name(s));
		}
	}
}

/* Every vendor with its renewal state. */
static void plain_table(struct cxo_app *app, struct table *t, enum output_format fmt,
                        bool all_clients, const struct vendor_list *l)
{
	bool machine = fmt != FORMAT_TABLE;
	if (all_clients)
		table_column(t, "CLIENT", "client", COL_TEXT);
	table_column(t, "ID", "id", COL_TEXT);
	table_column(t, "NAME", "name", COL_TEXT);
	table_column(t, "CATEGORY", "category", COL_TEXT);
	table_column(t, "STATUS", "status", COL_TEXT);
	cost_column(t, fmt);
	table_column(t, "TERM END", "term_end", COL_TEXT);
	table_column(t, "NOTICE BY", "notice_by", COL_TEXT);
	table_column(t, "RENEWAL", "renewal", COL_TEXT);
	table_column(t, "DATA", "data", COL_TEXT);
	table_column(t, "DILIGENCE", "diligence", COL_TEXT);
	if (machine) {
		table_column(t, "OWNER", "owner", COL_TEXT);
		table_column(t, "BILLING", "billing", COL_TEXT);
		table_column(t, "UNITS", "units", COL_INT);
		table_column(t, "START", "start", COL_TEXT);
		table_column(t, "AUTO", "auto_renew", COL_BOOL);
		table_column(t, "NOTICE DAYS", "notice_days", COL_INT);
		table_column(t, "DAYS LEFT", "days_left", COL_INT);
		table_column(t, "DILIGENCE ON", "diligence_on", COL_TEXT);
		table_column(t, "RISKS", "risks", COL_INT);
		table_column(t, "CREATED", "created", COL_TEXT);
		table_column(t, "ENDED", "ended", COL_TEXT);
	}
	for (size_t i = 0; i < l->n; i++) {
		const struct vendor *v = &l->items[i];
		enum renewal_state s = vendor_renewal(v, app->today, VENDOR_NOTICE_SOON_DAYS);
		char day[64];
		table_row(t);
		if (all_clients)
			table_cell(t, v->client_key);
		table_cell_id(t, v->id);
		table_cell(t, v->name);
		table_cell(t, v->category);
		table_cell_color(t, v->status, !strcmp(v->status, "ended") ? CC_DIM : CC_NONE);
		cost_cell(t, fmt, v);
		if (machine) {
			table_cell(t, v->currency);
			table_cell(t, v->term_end);
			table_cell(t, v->notice_by);
			table_cell(t, renewal_state_name(s));
		} else {
			cli_format_day(app, v->term_end, day, sizeof day);
			table_cell(t, day);
			cli_format_day(app, v->notice_by, day, sizeof day);
			table_cell_color(t, day, state_color(s));
			table_cell_color(t, state_words(s), state_color(s));
		}
		/* Regulated data without approved due diligence stands out. */
		bool exposed =
		        !strcmp(v->data, "regulated") && strcmp(v->diligence, "approved") != 0;
		table_cell_color(t, v->data, exposed ? CC_RED : CC_NONE);
		table_cell_color(t, v->diligence, exposed ? CC_RED : CC_NONE);
		if (machine) {
			int left = 0;
			bool has = vendor_notice_days_left(v, app->today, &left);
			table_cell(t, v->owner);
			table_cell(t, v->billing);
			table_cell_long(t, v->units);
			table_cell(t, v->start);
			table_cell(t, v->auto_renew ? "1" : "0");
			table_cell_long(t, v->notice_days);
			if (has)
				table_cell_long(t, left);
			else
				table_cell(t, "");
			table_cell(t, v->diligence_on);
			table_cell_long(t, v->risks);
			table_cell(t, v->created);
			table_cell(t, v->ended);
		}
	}
}

static int vendor_list(struct cli_call *call)
{
	struct cxo_app *app = call->app;
	const struct cli_value *format = cli_opt(call, "format"),
	                       *renewing = cli_opt(call, "renewing");
	enum output_format fmt = format ? format->num : FORMAT_TABLE;
	bool all = cli_flag(call, "all"), all_clients = cli_flag(call, "all-clients");
	const char *status = cli_opt(call, "status") ? cli_opt(call, "status")->word : NULL;
	const char *client_id = all_clients ? NULL : call->client.id;
	struct vendor_list l = { 0 };
	struct table *t = NULL;
	int window = 0, rc;

	if (renewing && (rc = window_parse(app, renewing->text, &window)))
		return rc;
	if (renewing)
		rc = app_vendor_renewals(app, client_id, window, &l);
	else
		rc = store_vendor_list(
		        app->st,
		        &(struct vendor_filter){
		                .client_id = client_id,
		                .include_ended = all || (status && !strcmp(status, "ended")) },
		        &l);
	if (rc) {
		rc = app_store_error(app, rc);
		goto out;
	}
	if (status) {
		size_t kept = 0;
		for (size_t i = 0; i < l.n; i++) {
			if (!strcmp(l.items[i].status, status))
				l.items[kept++] = l.items[i];
			else
				vendor_free(&l.items[i]);
		}
		l.n = kept;
	}
	if (fmt == FORMAT_TABLE && !l.n) {
		const char *whose = all_clients ? "" : " for ";
		if (renewing)
			printf("no notice deadlines%s%s in the next %d days\n", whose,
			       all_clients ? "" : call->client.key, window);
		else
			printf("no %s%svendors%s%s\n",
			       status ? status
			       : all  ? ""
			              : "current",
			       status || !all ? " " : "", whose,
			       all_clients ? "" : call->client.key);
		goto out;
	}
	if (!(t = table_new(fmt, app->color))) {
		rc = app_error(EX_OSERR, "out of memory");
		goto out;
	}
	if (renewing)
		renewing_table(app, t, fmt, all_clients, &l, window);
	else
		plain_table(app, t, fmt, all_clients, &l);
	rc = table_print(t, stdout);
out:
	table_free(t);
	vendor_list_free(&l);
	return rc;
}

static int vendor_list_check(struct cli_call *c)
{
	if (cli_opt(c, "renewing") && cli_flag(c, "all"))
		return cli_usage(c, "--renewing and --all: an ended contract does not renew");
	return 0;
}

static const struct cli_option list_opts[] = {
	{ .name = "renewing",
	  .arg = "WINDOW",
	  .kind = VAL_TEXT,
	  .flags = OPT_RAW,
	  .help = "only notice deadlines within WINDOW of today (90d, 12w, 3m), soonest first, "
	          "after those renewed by default" },
	{ .name = "status",
	  .arg = "STATUS",
	  .kind = VAL_WORD,
	  .vocab = &VOCAB_VENDOR_STATUS,
	  .help = "only those of this status" },
	{ .name = "all", .help = "the ended ones too" },
	{ .name = "all-clients", .help = "every client's, with a CLIENT column" },
	{ .name = "format",
	  .arg = "table|tsv|json",
	  .kind = VAL_FORMAT,
	  .help = "the output format" },
	{ .name = NULL },
};

const struct cli_command cli_vendor_list = {
	.name = "list",
	.synopsis = "[--renewing WINDOW] [--status STATUS] [--all] [--all-clients] "
	            "[--format table|tsv|json]",
	.summary = "the vendors and where each contract stands, or the renewals coming",
	.help = "  RENEWAL: soon (the notice deadline within 14 days), later, lapsing (not\n"
	        "  renewing, deadline passed), expired, renewed by default (auto-renewing,\n"
	        "  deadline passed, term running: in red).  --renewing lists the contracts\n"
	        "  to act on: those renewed by default, then the deadlines in the window.",
	.opts = list_opts,
	.flags = CMD_READ | CMD_CLIENT,
	.check = vendor_list_check,
	.run = vendor_list,
};

/* ---- spend ---- */

static void spend_cost(struct table *t, enum output_format fmt, const struct vendor_spend_line *s)
{
	char buf[64];
	if (fmt == FORMAT_JSON) {
		table_cellf(t, "%lld", (long long)s->annual_cents);
	} else {
		if (fmt == FORMAT_TSV)
			money_format_plain(s->annual_cents, buf, sizeof buf);
		else
			money_format(s->annual_cents, s->currency, buf, sizeof buf);
		table_cell(t, buf);
	}
	if (fmt != FORMAT_TABLE)
		table_cell(t, s->currency);
}

/* The lines, then each client's totals, then (several clients) the
 * grand totals, as one table: a total's category is "total", a grand
 * total's client "all". */
static struct table *spend_table(struct cxo_app *app, enum output_format fmt, bool all_clients,
                                 const struct vendor_spend *s)
{
	struct table *t = table_new(fmt, app->color);
	if (!t)
		return NULL;
	bool machine = fmt != FORMAT_TABLE;
	if (all_clients)
		table_column(t, "CLIENT", "client", COL_TEXT);
	table_column(t, "CATEGORY", "category", COL_TEXT);
	table_column(t, "VENDORS", "vendors", machine ? COL_INT : COL_NUM);
	table_column(t, "ANNUAL", fmt == FORMAT_JSON ? "annual_cents" : "annual",
	             fmt == FORMAT_JSON ? COL_INT : COL_NUM);
	if (machine)
		table_column(t, "CURRENCY", "currency", COL_TEXT);
	const struct {
		const struct vendor_spend_line *lines;
		size_t n;
	} parts[] = { { s->lines, s->n_lines },
		      { s->totals, s->n_totals },
		      { s->grand, s->n_grand } };
	for (size_t p = 0; p < sizeof parts / sizeof parts[0]; p++) {
		for (size_t i = 0; i < parts[p].n; i++) {
			const struct vendor_spend_line *x = &parts[p].lines[i];
			table_row(t);
			if (all_clients)
				table_cell_color(t, p == 2 ? "all" : x->client_key,
				                 p ? CC_BOLD : CC_NONE);
			table_cell_color(t, p ? "total" : x->category, p ? CC_BOLD : CC_NONE);
			table_cell_long(t, x->vendors);
			spend_cost(t, fmt, x);
		}
	}
	return t;
}

static json_t *line_json(const struct vendor_spend_line *x)
{
	json_t *o = json_object();
	if (!o)
		return NULL;
	int bad = 0;
	if (x->client_key[0])
		bad |= json_object_set_new(o, "client", json_string(x->client_key));
	if (x->category[0])
		bad |= json_object_set_new(o, "category", json_string(x->category));
	bad |= json_object_set_new(o, "vendors", json_integer(x->vendors));
	bad |= json_object_set_new(o, "annual_cents", json_integer(x->annual_cents));
	bad |= json_object_set_new(o, "currency", json_string(x->currency));
	if (bad) {
		json_decref(o);
		return NULL;
	}
	return o;
}

static json_t *lines_json(const struct vendor_spend_line *lines, size_t n)
{
	json_t *a = json_array();
	for (size_t i = 0; a && i < n; i++)
		if (json_array_append_new(a, line_json(&lines[i]))) {
			json_decref(a);
			return NULL;
		}
	return a;
}

/* Names as JSON strings; a name that is not valid UTF-8 sanitised. */
static json_t *name_json(const char *name)
{
	json_t *v = json_string(name);
	if (!v) {
		char *clean = text_sanitize(name);
		v = clean ? json_string(clean) : NULL;
		free(clean);
	}
	return v;
}

/* One overlap: its client, category and vendors (id and name). */
static json_t *overlap_json(const struct vendor_overlap *x)
{
	json_t *e = json_object(), *vs = json_array();
	int bad = !e || !vs;
	for (size_t k = 0; !bad && k < x->n; k++) {
		json_t *v = json_object();
		bad |= !v || json_array_append_new(vs, v) ||
		       json_object_set_new(v, "id", json_string(x->ids[k])) ||
		       json_object_set_new(v, "name", name_json(x->names[k]));
	}
	if (!bad) {
		bad |= json_object_set_new(e, "vendors", vs);
		vs = NULL;
		bad |= json_object_set_new(e, "client", json_string(x->client_key)) ||
		       json_object_set_new(e, "category", json_string(x->category));
	}
	json_decref(vs);
	if (bad) {
		json_decref(e);
		return NULL;
	}
	return e;
}

static json_t *spend_json(const struct vendor_spend *s)
{
	json_t *o = json_object(), *ov = json_array();
	int bad = !o || !ov;
	for (size_t i = 0; !bad && i < s->n_overlaps; i++)
		bad |= json_array_append_new(ov, overlap_json(&s->overlaps[i]));
	if (!bad) {
		/* o owns ov from here, whatever follows. */
		bad |= json_object_set_new(o, "overlaps", ov);
		ov = NULL;
		bad |= json_object_set_new(o, "categories", lines_json(s->lines, s->n_lines)) ||
		       json_object_set_new(o, "totals", lines_json(s->totals, s->n_totals)) ||
		       json_object_set_new(o, "all_clients", lines_json(s->grand, s->n_grand));
	}
	json_decref(ov);
	if (bad) {
		json_decref(o);
		return NULL;
	}
	return o;
}

static int vendor_spend(struct cli_call *call)
{
	struct cxo_app *app = call->app;
	const struct cli_value *format = cli_opt(call, "format");
	enum output_format fmt = format ? format->num : FORMAT_TABLE;
	bool all_clients = cli_flag(call, "all-clients");
	struct vendor_spend s = { 0 };
	struct table *t = NULL;
	int rc = app_vendor_spend(app, all_clients ? NULL : call->client.id, &s);
	if (rc)
		return rc == EX_OSERR ? app_error(rc, "out of memory") : app_store_error(app, rc);
	if (fmt == FORMAT_JSON) {
		json_t *o = spend_json(&s);
		rc = o ? cli_json_dump(o, stdout) : app_error(EX_OSERR, "out of memory");
		json_decref(o);
		goto out;
	}
	if (fmt == FORMAT_TABLE && !s.n_lines) {
		printf("no vendors under contract%s%s\n", all_clients ? "" : " for ",
		       all_clients ? "" : call->client.key);
		goto out;
	}
	if (!(t = spend_table(app, fmt, all_clients, &s))) {
		rc = app_error(EX_OSERR, "out of memory");
		goto out;
	}
	if ((rc = table_print(t, stdout)) || fmt != FORMAT_TABLE)
		goto out;
	if (!s.n_overlaps) {
		printf("\nno overlaps: no category has two vendors in use\n");
		goto out;
	}
	printf("\noverlaps: two or more vendors in use in one category\n");
	for (size_t i = 0; i < s.n_overlaps; i++) {
		const struct vendor_overlap *x = &s.overlaps[i];
		printf("  ");
		if (all_clients)
			printf("%s ", x->client_key);
		printf("%s (%zu): ", x->category, x->n);
		for (size_t k = 0; k < x->n; k++) {
			if (k)
				printf(", ");
			cli_put_text(x->names[k]);
		}
		putchar('\n');
	}
out:
	table_free(t);
	vendor_spend_free(&s);
	return rc;
}

static const struct cli_option spend_opts[] = {
	{ .name = "all-clients", .help = "every client's, with a CLIENT column and totals" },
	{ .name = "format",
	  .arg = "table|tsv|json",
	  .kind = VAL_FORMAT,
	  .help = "the output format" },
	{ .name = NULL },
};

const struct cli_command cli_vendor_spend = {
	.name = "spend",
	.synopsis = "[--all-clients] [--format table|tsv|json]",
	.summary = "annual spend by category and currency, with the overlaps",
	.help = "  Adds up the vendors under contract (active, renewing, leaving), each\n"
	        "  currency apart.  An overlap is a category (other excepted) with two or\n"
	        "  more vendors in use (active or renewing): where a consolidation starts.\n"
	        "  TSV gives the table only; JSON the overlaps too.",
	.opts = spend_opts,
	.flags = CMD_READ | CMD_CLIENT,
	.run = vendor_spend,
};

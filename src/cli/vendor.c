/*
 * vendor.c: `cxo vendor`: each client's vendors and their contracts:
 * what they cost, when their notice deadline falls, their due diligence
 * and the data they hold.  Here: add, show, edit, end, rm and the
 * dispatch; list and spend are in vendor_list.c.
 */
#include "internal.h"

#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "cxo/money.h"
#include "cxo/renewal.h"
#include "cxo/text.h"
#include "cxo/vendor.h"
#include "cxo/vendors_app.h"

/* An id prefix of any client's vendor, or a name (exact, else its start
 * or a part of it) among the current client's. */
static int resolve_vendor(struct cxo_app *app, const char *text, char id[UUID_LEN])
{
	struct client c = { 0 };
	bool found = false;
	int rc = app_client_optional(app, &c, &found);
	if (!rc && (rc = store_vendor_resolve(app->st, text, found ? c.id : NULL, id)))
		rc = app_store_error(app, rc);
	client_free(&c);
	return rc;
}

static int load_vendor(struct cxo_app *app, const char *text, struct vendor *v)
{
	char id[UUID_LEN];
	int rc = resolve_vendor(app, text, id);
	if (rc)
		return rc;
	if ((rc = store_vendor_get(app->st, id, v)))
		return app_store_error(app, rc);
	return 0;
}

/* ---- add and edit share their options ---- */

/* What add and edit were given, read: NULL, or a flag false, when not
 * given. */
struct vendor_args {
	const char *name, *owner, *note;
	bool cost_given;
	int64_t cost;
	char currency[4];
	const char *category, *billing, *status, *diligence, *data; /* words */
	bool units_given;
	long units;
	const struct cli_value *start, *term_end, *diligence_on; /* cleared: none */
	const char *term;                                        /* --term 12m */
	const char *notice; /* read once the term end is known */
	int auto_renew;     /* -1 not given, 0, 1 */
};

static const char *word_of(const struct cli_call *c, const char *name)
{
	const struct cli_value *v = cli_opt(c, name);
	return v ? v->word : NULL;
}

/* What the user typed, made safe to quote in a message. */
static const char *shown(const char *text, char *buf, size_t n)
{
	text_sanitize_into(text, buf, n);
	return buf;
}

static int read_vendor_args(struct cli_call *c, bool edit, struct vendor_args *a)
{
	const struct cli_value *v;
	char err[256], buf[64];

	memset(a, 0, sizeof *a);
	a->auto_renew = -1;
	if ((v = cli_opt(c, "cost"))) {
		if (!money_parse(v->text, &a->cost, err, sizeof err))
			return app_error(EX_DATAERR, "--cost: %s", err);
		a->cost_given = true;
	}
	if ((v = cli_opt(c, "currency")) && !currency_normalize(v->text, a->currency))
		return app_error(EX_DATAERR,
		                 "--currency: bad currency \"%s\" (expected three letters such as "
		                 "USD or EUR)",
		                 shown(v->text, buf, sizeof buf));
	if ((v = cli_opt(c, "units"))) {
		a->units_given = true;
		a->units = v->num;
	}
	a->category = word_of(c, "category");
	a->billing = word_of(c, "billing");
	a->status = word_of(c, "status");
	a->diligence = word_of(c, "diligence");
	a->data = word_of(c, "data");
	a->start = cli_opt(c, "start");
	a->term_end = cli_opt(c, "term-end");
	a->diligence_on = cli_opt(c, "diligence-on");
	a->term = cli_text(c, "term");
	a->notice = cli_text(c, "notice");
	a->owner = cli_text(c, "owner");
	a->note = cli_text(c, "note");
	if (cli_flag(c, "auto-renew") && cli_flag(c, "no-auto-renew"))
		return cli_usage(c, "--auto-renew and --no-auto-renew: give one");
	if (cli_flag(c, "auto-renew"))
		a->auto_renew = 1;
	else if (cli_flag(c, "no-auto-renew"))
		a->auto_renew = 0;
	if (a->term && a->term_end)
		return cli_usage(c, "--term and --term-end: give one (--term counts from --start)");
	if (edit && (a->name = cli_text(c, "name")) && !*text_trim((char *)a->name))
		return app_error(EX_DATAERR, "--name: a vendor needs a name (got an empty one)");
	if (!edit && a->diligence_on && !a->diligence)
		return cli_usage(c, "--diligence-on DAY goes with --diligence STATE");
	return 0;
}

/* "12m", "1y", "90d", "26w": a term's length, into the term's last day
 * counted from start (a 12m term from 2026-01-01 ends 2026-12-31). */
static int term_end_of(struct cxo_app *app, const char *text, const char *start, char out[DAY_LEN])
{
	char buf[64], err[256], spec[32];
	cxo_day from, end;
	const char *p = text;
	char *stop;
	long n = strtol(p, &stop, 10);
	bool ok = *p >= '0' && *p <= '9' && n > 0 && n <= 1200 && stop[0] && !stop[1] &&
	          strchr("dwmy", stop[0]);
	if (!ok)
		return app_error(EX_DATAERR,
		                 "--term: bad term \"%s\" (expected a length such as 12m, 1y, 26w "
		                 "or 90d)",
		                 shown(text, buf, sizeof buf));
	if (!*start)
		return app_error(EX_DATAERR,
		                 "--term %s counts from the contract's start, and there is none: "
		                 "give --start DAY too, or --term-end DAY",
		                 shown(text, buf, sizeof buf));
	if (stop[0] == 'y')
		snprintf(spec, sizeof spec, "+%ldm", n * 12);
	else
		snprintf(spec, sizeof spec, "+%ld%c", n, stop[0]);
	if (!date_parse_iso(start, &from) ||
	    !date_parse(spec, from, app->cfg.week_start, &end, err, sizeof err))
		return app_error(EX_DATAERR, "--term: %s", err);
	date_format_iso(end - 1, out);
	return 0;
}

/* Copies what was given into v, the dates and words through the rules
 * (vendors_app.h).  The notice is read last: months count back from the
 * term end as it now is. */
static int apply_vendor_args(struct cli_call *call, const struct vendor_args *a, struct vendor *v)
{
	struct cxo_app *app = call->app;
	char err[256];
	int rc;
	if ((a->name && cli_set_text(&v->name, a->name)) ||
	    (a->owner &&
	     cli_set_text(&v->owner, cli_opt(call, "owner")->cleared ? NULL : a->owner)) ||
	    (a->note && cli_set_text(&v->notes, cli_opt(call, "note")->cleared ? NULL : a->note)))
		return EX_OSERR;
	if (a->cost_given)
		v->annual_cents = a->cost;
	if (a->currency[0])
		memcpy(v->currency, a->currency, sizeof v->currency);
	if (a->units_given)
		v->units = a->units;
	if (a->category)
		snprintf(v->category, WORD_LEN, "%s", a->category);
	if (a->billing)
		snprintf(v->billing, WORD_LEN, "%s", a->billing);
	if (a->data)
		snprintf(v->data, WORD_LEN, "%s", a->data);
	if (a->auto_renew >= 0)
		v->auto_renew = a->auto_renew;
	if (a->start)
		snprintf(v->start, DAY_LEN, "%s", a->start->day);
	if (a->term_end)
		snprintf(v->term_end, DAY_LEN, "%s", a->term_end->day);
	if (a->term && (rc = term_end_of(app, a->term, v->start, v->term_end)))
		return rc;
	if (v->start[0] && v->term_end[0] && strcmp(v->term_end, v->start) < 0)
		return app_error(EX_DATAERR, "the term end %s is before the start %s", v->term_end,
		                 v->start);
	if (a->notice) {
		cxo_day end = 0;
		bool has_term = v->term_end[0] && date_parse_iso(v->term_end, &end);
		if (!renewal_notice_parse(a->notice, has_term, end, &v->notice_days, err,
		                          sizeof err))
			return app_error(EX_DATAERR, "--notice: %s", err);
	}
	if ((a->status &&
	     (rc = vendor_set_status(v, a->status, "", app->today, err, sizeof err))) ||
	    ((a->diligence || a->diligence_on) &&
	     (rc = vendor_set_diligence(v, a->diligence,
	                                a->diligence_on ? a->diligence_on->day : "", app->today,
	                                err, sizeof err))))
		return app_error(rc, "%s", err);
	return 0;
}

/* Says so on stderr when the notice reaches back before the start: the
 * deadline was past when the contract was signed.  Saved either way. */
static void warn_notice(const struct vendor *v)
{
	cxo_day start, end;
	if (v->start[0] && v->term_end[0] && date_parse_iso(v->start, &start) &&
	    date_parse_iso(v->term_end, &end) &&
	    renewal_notice_before_start(start, end, v->notice_days)) {
		char deadline[DAY_LEN];
		date_format_iso(renewal_notice_deadline(end, v->notice_days), deadline);
		app_warn("the notice period (%d days before %s) reaches back to %s, before the "
		         "start %s: its deadline had passed when it was signed",
		         v->notice_days, v->term_end, deadline, v->start);
	}
}

/* Links (or unlinks) the risks named by the repeated option name. */
static int link_risks(struct cli_call *call, const struct vendor *v, const char *name, bool linked)
{
	const struct cli_value *r = cli_opt(call, name);
	char id[UUID_LEN];
	int rc;
	for (int i = 0; r && i < r->count; i++) {
		if ((rc = cli_resolve_item(call->app, KIND_RISK, r->all[i], id)))
			return rc;
		if ((rc = store_vendor_link_risk(call->app->st, v->id, id, linked)))
			return app_store_error(call->app, rc);
	}
	return 0;
}

/* " (saas, 12,000.00 USD a year, notice due by ...)" */
static void summary_text(const struct cxo_app *app, const struct vendor *v, char *buf, size_t n)
{
	char cost[64], renewal[200];
	money_format(v->annual_cents, v->currency, cost, sizeof cost);
	app_vendor_renewal_text(app, v, renewal, sizeof renewal);
	snprintf(buf, n, "%s, %s a year, %s; %s", v->category, cost, v->status, renewal);
}

static void print_vendor(const char *verb, const struct vendor *v, const char *tail)
{
	char sid[SHORT_ID_LEN + 1];
	uuid_short(v->id, sid);
	printf("%s vendor %s \"", verb, sid);
	cli_put_text(v->name);
	printf("\" for %s%s\n", v->client_key, tail);
}

static int vendor_add_check(struct cli_call *c)
{
	struct vendor_args a;
	char *name;
	int rc;
	if ((rc = cli_operand_text(c, 0, "vendor name", &name)))
		return rc;
	return read_vendor_args(c, false, &a);
}

static int vendor_add(struct cli_call *call)
{
	struct cxo_app *app = call->app;
	struct vendor_args a;
	struct vendor v = { 0 };
	char *name;
	int rc;
	if ((rc = cli_operand_text(call, 0, "vendor name", &name)) ||
	    (rc = read_vendor_args(call, false, &a)))
		return rc;
	vendor_begin(&v, &call->client, app->today);
	a.name = name;
	if ((rc = store_begin(app->st))) {
		rc = app_store_error(app, rc);
		goto out;
	}
	if ((rc = apply_vendor_args(call, &a, &v)))
		goto fail;
	if ((rc = store_vendor_add(app->st, &v))) {
		rc = app_store_error(app, rc);
		goto fail;
	}
	if ((rc = link_risks(call, &v, "risk", true)))
		goto fail;
	if ((rc = store_commit(app->st))) {
		rc = app_store_error(app, rc);
		goto fail;
	}
	warn_notice(&v);
	char tail[400], summary[360];
	summary_text(app, &v, summary, sizeof summary);
	snprintf(tail, sizeof tail, " (%s)", summary);
	print_vendor("added", &v, tail);
	goto out;
fail:
	store_rollback(app->st);
out:
	vendor_free(&v);
	return rc;
}

/* ---- show ---- */

static void show_line(const char *label, const char *value)
{
	printf("%-13s", label);
	cli_put_text(value && *value ? value : "-");
	putchar('\n');
}

static void show_day(const struct cxo_app *app, const char *label, const char *iso)
{
	char day[64];
	cli_format_day(app, iso, day, sizeof day);
	show_line(label, day);
}

static int vendor_show(struct cli_call *call)
{
	struct cxo_app *app = call->app;
	struct vendor v = { 0 };
	struct risk_list rl = { 0 };
	char buf[400];
	int rc;
	if ((rc = load_vendor(app, call->argv[0], &v)))
		goto out;
	if ((rc = store_vendor_risks(app->st, v.id, &rl))) {
		rc = app_store_error(app, rc);
		goto out;
	}
	show_line("id", v.id);
	show_line("client", v.client_key);
	show_line("name", v.name);
	show_line("category", v.category);
	show_line("owner", v.owner);
	money_format(v.annual_cents, v.currency, buf, sizeof buf);
	show_line("annual cost", buf);
	show_line("billing", v.billing);
	if (v.units)
		snprintf(buf, sizeof buf, "%ld", v.units);
	else
		buf[0] = '\0';
	show_line("units", buf);
	show_line("status", v.status);
	show_day(app, "start", v.start);
	show_day(app, "term end", v.term_end);
	show_line("auto-renew", v.auto_renew ? "yes" : "no");
	snprintf(buf, sizeof buf, "%d days", v.notice_days);
	show_line("notice", buf);
	app_vendor_renewal_text(app, &v, buf, sizeof buf);
	show_line("renewal", buf);
	if (v.diligence_on[0]) {
		char day[64];
		cli_format_day(app, v.diligence_on, day, sizeof day);
		snprintf(buf, sizeof buf, "%s since %s",
		         !strcmp(v.diligence, "sent") ? "questionnaire sent" : v.diligence, day);
	} else {
		snprintf(buf, sizeof buf, "%s",
		         !strcmp(v.diligence, "sent") ? "questionnaire sent" : v.diligence);
	}
	show_line("diligence", buf);
	show_line("data", v.data);
	show_day(app, "created", v.created);
	if (v.ended[0])
		show_day(app, "ended", v.ended);
	show_line("notes", v.notes);
	printf("%-13s%zu\n", "risks", rl.n);
	for (size_t i = 0; i < rl.n; i++) {
		char sid[SHORT_ID_LEN + 1];
		const struct risk *r = &rl.items[i];
		uuid_short(r->id, sid);
		printf("  %s  %2d  %-10s ", sid, r->likelihood * r->impact, r->status);
		cli_put_text(r->title);
		putchar('\n');
	}
out:
	risk_list_free(&rl);
	vendor_free(&v);
	return rc;
}

/* ---- edit ---- */

static int vendor_edit_check(struct cli_call *c)
{
	struct vendor_args a;
	return read_vendor_args(c, true, &a);
}

static int vendor_edit(struct cli_call *call)
{
	struct cxo_app *app = call->app;
	struct vendor_args a;
	struct vendor v = { 0 };
	int rc;
	if ((rc = read_vendor_args(call, true, &a)))
		return rc;
	if ((rc = store_begin(app->st)))
		return app_store_error(app, rc);
	if ((rc = load_vendor(app, call->argv[0], &v)) || (rc = apply_vendor_args(call, &a, &v)))
		goto fail;
	if ((rc = store_vendor_update(app->st, &v))) {
		rc = app_store_error(app, rc);
		goto fail;
	}
	if ((rc = link_risks(call, &v, "risk", true)) ||
	    (rc = link_risks(call, &v, "unlink-risk", false)))
		goto fail;
	if ((rc = store_commit(app->st))) {
		rc = app_store_error(app, rc);
		goto fail;
	}
	if (a.start || a.term_end || a.term || a.notice)
		warn_notice(&v);
	char tail[400], summary[360];
	summary_text(app, &v, summary, sizeof summary);
	snprintf(tail, sizeof tail, " (%s)", summary);
	print_vendor("updated", &v, tail);
	vendor_free(&v);
	return 0;
fail:
	store_rollback(app->st);
	vendor_free(&v);
	return rc;
}

/* ---- end and rm ---- */

static int vendor_end(struct cli_call *call)
{
	struct cxo_app *app = call->app;
	const struct cli_value *on = cli_opt(call, "on");
	struct vendor v = { 0 };
	char err[256], day[64], tail[100];
	int rc;
	if ((rc = store_begin(app->st)))
		return app_store_error(app, rc);
	if ((rc = load_vendor(app, call->argv[0], &v)))
		goto fail;
	if (!strcmp(v.status, "ended") && !on) {
		store_rollback(app->st);
		cli_format_day(app, v.ended, day, sizeof day);
		snprintf(tail, sizeof tail, " has ended already%s%s", *day ? " on " : "", day);
		print_vendor("the", &v, tail);
		vendor_free(&v);
		return 0;
	}
	if ((rc = vendor_set_status(&v, "ended", on ? on->day : "", app->today, err, sizeof err))) {
		rc = app_error(rc, "--on: %s", err);
		goto fail;
	}
	if ((rc = store_vendor_update(app->st, &v)) || (rc = store_commit(app->st))) {
		rc = app_store_error(app, rc);
		goto fail;
	}
	cli_format_day(app, v.ended, day, sizeof day);
	snprintf(tail, sizeof tail, " on %s", day);
	print_vendor("ended", &v, tail);
	vendor_free(&v);
	return 0;
fail:
	store_rollback(app->st);
	vendor_free(&v);
	return rc;
}

/* A line from stdin into buf (the rest of a longer one dropped); false
 * at the end of input. */
static bool read_answer(char *buf, size_t n)
{
	if (!fgets(buf, (int)n, stdin))
		return false;
	if (!strchr(buf, '\n')) {
		int ch;
		while ((ch = getchar()) != EOF && ch != '\n')
			;
	}
	buf[strcspn(buf, "\r\n")] = '\0';
	return true;
}

static int vendor_rm(struct cli_call *call)
{
	struct cxo_app *app = call->app;
	struct vendor v = { 0 };
	char sid[SHORT_ID_LEN + 1];
	int rc;
	if ((rc = load_vendor(app, call->argv[0], &v)))
		goto out;
	uuid_short(v.id, sid);
	if (!cli_flag(call, "yes")) {
		char *name = text_sanitize(v.name), answer[16];
		fprintf(stderr, "Remove vendor %s \"%s\" of %s and its %d risk link%s? [y/N] ", sid,
		        name ? name : "", v.client_key, v.risks, v.risks == 1 ? "" : "s");
		fflush(stderr);
		free(name);
		bool got = read_answer(answer, sizeof answer);
		if (!got || (strcmp(answer, "y") && strcmp(answer, "yes"))) {
			if (!got)
				fputc('\n', stderr);
			rc = app_error(EX_DATAERR,
			               "%s: nothing removed (--yes removes without asking)",
			               got ? "not confirmed" : "no answer");
			goto out;
		}
	}
	if ((rc = store_vendor_delete(app->st, v.id))) {
		rc = app_store_error(app, rc);
		goto out;
	}
	print_vendor("removed", &v, "");
out:
	vendor_free(&v);
	return rc;
}

/* ---- the table ---- */

#define VENDOR_OPTIONS                                                                             \
	{ .name = "category",                                                                      \
	  .arg = "CATEGORY",                                                                       \
	  .kind = VAL_WORD,                                                                        \
	  .vocab = &VOCAB_VENDOR_CATEGORY,                                                         \
	  .help = "what it provides" },                                                            \
	        { .name = "owner",                                                                 \
		  .arg = "NAME",                                                                   \
		  .kind = VAL_TEXT,                                                                \
		  .flags = OPT_CLEARS,                                                             \
		  .help = "who owns it at the client" },                                           \
	        { .name = "cost",                                                                  \
		  .arg = "AMOUNT",                                                                 \
		  .kind = VAL_TEXT,                                                                \
		  .flags = OPT_RAW,                                                                \
		  .help = "the annual cost (12000, 12,000.50)" },                                  \
	        { .name = "currency",                                                              \
		  .arg = "CODE",                                                                   \
		  .kind = VAL_TEXT,                                                                \
		  .flags = OPT_RAW,                                                                \
		  .help = "the cost's currency (default: the client's)" },                         \
	        { .name = "billing",                                                               \
		  .arg = "BILLING",                                                                \
		  .kind = VAL_WORD,                                                                \
		  .vocab = &VOCAB_VENDOR_BILLING,                                                  \
		  .help = "how it is billed" },                                                    \
	        { .name = "units",                                                                 \
		  .arg = "N",                                                                      \
		  .kind = VAL_NUMBER,                                                              \
		  .lo = 0,                                                                         \
		  .hi = 100000000,                                                                 \
		  .help = "seats or units (0: not counted)" },                                     \
	        { .name = "start",                                                                 \
		  .arg = "DAY",                                                                    \
		  .kind = VAL_DAY,                                                                 \
		  .flags = OPT_CLEARS,                                                             \
		  .help = "the contract's start" },                                                \
	        { .name = "term-end",                                                              \
		  .arg = "DAY",                                                                    \
		  .kind = VAL_DAY,                                                                 \
		  .flags = OPT_CLEARS,                                                             \
		  .help = "the last day of the current term" },                                    \
	        { .name = "term",                                                                  \
		  .arg = "LENGTH",                                                                 \
		  .kind = VAL_TEXT,                                                                \
		  .flags = OPT_RAW,                                                                \
		  .help = "the term's length from the start (12m, 1y, 26w, 90d)" },                \
	        { .name = "auto-renew", .help = "the contract renews unless notice is given" },    \
	        { .name = "no-auto-renew", .help = "the contract ends at the term end" },          \
	        { .name = "notice",                                                                \
		  .arg = "PERIOD",                                                                 \
		  .kind = VAL_TEXT,                                                                \
		  .flags = OPT_RAW,                                                                \
		  .help = "the notice period before the term end (90, 90d, 12w, 3m)" },            \
	        { .name = "status",                                                                \
		  .arg = "STATUS",                                                                 \
		  .kind = VAL_WORD,                                                                \
		  .vocab = &VOCAB_VENDOR_STATUS,                                                   \
		  .help = "the status" },                                                          \
	        { .name = "diligence",                                                             \
		  .arg = "STATE",                                                                  \
		  .kind = VAL_WORD,                                                                \
		  .vocab = &VOCAB_VENDOR_DILIGENCE,                                                \
		  .help = "the due diligence (sent: questionnaire sent)" },                        \
	        { .name = "diligence-on",                                                          \
		  .arg = "DAY",                                                                    \
		  .kind = VAL_DAY,                                                                 \
		  .help = "when the due diligence reached its state (default: today)" },           \
	        { .name = "data",                                                                  \
		  .arg = "DATA",                                                                   \
		  .kind = VAL_WORD,                                                                \
		  .vocab = &VOCAB_VENDOR_DATA,                                                     \
		  .help = "the data it holds" },                                                   \
	        { .name = "risk",                                                                  \
		  .arg = "ID",                                                                     \
		  .kind = VAL_ID,                                                                  \
		  .flags = OPT_REPEAT,                                                             \
		  .help = "link a risk of the client (may be repeated)" },                         \
	{                                                                                          \
		.name = "note", .arg = "TEXT", .kind = VAL_TEXT, .flags = OPT_CLEARS,              \
		.help = "notes"                                                                    \
	}

static const struct cli_option add_opts[] = {
	VENDOR_OPTIONS,
	{ .name = NULL },
};

#define VENDOR_SYNOPSIS                                                                            \
	"[--category CATEGORY] [--owner NAME] [--cost AMOUNT] [--currency CODE] "                  \
	"[--billing BILLING] [--units N] [--start DAY] [--term-end DAY|--term LENGTH] "            \
	"[--auto-renew|--no-auto-renew] [--notice PERIOD] [--status STATUS] "                      \
	"[--diligence STATE] [--diligence-on DAY] [--data DATA] [--risk ID ...] [--note TEXT]"

static const struct cli_command vendor_add_entry = {
	.name = "add",
	.synopsis = "NAME " VENDOR_SYNOPSIS,
	.summary = "add a vendor and its contract to the client",
	.help = "  --term counts from --start: a 12m term from 2027-01-01 ends 2027-12-31.\n"
	        "  A notice in months counts back from the term end.  A notice period that\n"
	        "  reaches back before the start is saved with a warning.",
	.opts = add_opts,
	.operands = "NAME",
	.quote = "name",
	.flags = CMD_WRITE | CMD_CLIENT,
	.check = vendor_add_check,
	.run = vendor_add,
};

static const struct cli_command vendor_show_entry = {
	.name = "show",
	.synopsis = "ID",
	.summary = "a vendor in full: its contract, renewal and linked risks",
	.operands = "ID",
	.flags = CMD_READ,
	.run = vendor_show,
};

static const struct cli_option edit_opts[] = {
	{ .name = "name", .arg = "NAME", .kind = VAL_TEXT, .help = "a new name" },
	VENDOR_OPTIONS,
	{ .name = "unlink-risk",
	  .arg = "ID",
	  .kind = VAL_ID,
	  .flags = OPT_REPEAT,
	  .help = "unlink a risk (may be repeated)" },
	{ .name = NULL },
};

static const struct cli_command vendor_edit_entry = {
	.name = "edit",
	.synopsis = "ID [--name NAME] " VENDOR_SYNOPSIS " [--unlink-risk ID ...]",
	.summary = "change a vendor",
	.help = "  none, - or an empty value clears --owner, --start, --term-end and --note.\n"
	        "  --status ended records today (cxo vendor end --on DAY records another\n"
	        "  day); any other status clears it.",
	.opts = edit_opts,
	.operands = "ID",
	.flags = CMD_WRITE,
	.check = vendor_edit_check,
	.run = vendor_edit,
};

static const struct cli_option end_opts[] = {
	{ .name = "on",
	  .arg = "DAY",
	  .kind = VAL_DAY,
	  .help = "the day it ended (default: today)" },
	{ .name = NULL },
};

static const struct cli_command vendor_end_entry = {
	.name = "end",
	.synopsis = "ID [--on DAY]",
	.summary = "record that a vendor's contract has ended",
	.opts = end_opts,
	.operands = "ID",
	.flags = CMD_WRITE,
	.run = vendor_end,
};

static const struct cli_option rm_opts[] = {
	{ .name = "yes", .help = "do not ask" },
	{ .name = NULL },
};

static const struct cli_command vendor_rm_entry = {
	.name = "rm",
	.synopsis = "ID [--yes]",
	.summary = "delete a vendor entered by mistake (cxo vendor end keeps its history)",
	.help = "  Asks first, reading y or yes from standard input, unless --yes.  Its\n"
	        "  links to risks go with it; the risks stay.  cxo undo brings it back.",
	.opts = rm_opts,
	.operands = "ID",
	.flags = CMD_WRITE,
	.run = vendor_rm,
};

static const struct cli_command *const vendor_subs[] = {
	&vendor_add_entry, &cli_vendor_list, &vendor_show_entry, &vendor_edit_entry,
	&vendor_end_entry, &vendor_rm_entry, &cli_vendor_spend,  NULL,
};

const struct cli_command cli_vendor = {
	.name = "vendor",
	.summary = "vendors and contracts: renewals, notice deadlines, spend",
	.help = "  CATEGORY: saas, infrastructure, msp, telecom, security, hardware, other\n"
	        "  (default).  BILLING: monthly, quarterly, annual (default), multiyear,\n"
	        "  usage.  STATUS: evaluating, active (default), renewing, leaving, ended.\n"
	        "  STATE: none (default), sent (questionnaire sent), reviewed, approved.\n"
	        "  DATA: none (default), internal, confidential, regulated.  The notice\n"
	        "  deadline is the term end less the notice period.  ID: an id prefix\n"
	        "  (4+ characters) or a name of the client's vendors: the exact one, else\n"
	        "  the only one it starts, else the only one holding it.",
	.subs = vendor_subs,
	.default_sub = "list",
};

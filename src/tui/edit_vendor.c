/*
 * edit_vendor.c: the vendor form (a, e in the Vendors view).  Every field
 * is checked by the parsers the shell uses: money, currency, days, the
 * vocabularies, and the notice period by renewal_notice_parse ("90",
 * "90d", "12w", "3m" counted back from the term end, which months need).
 */
#include "internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "cxo/money.h"
#include "cxo/renewal.h"
#include "cxo/text.h"
#include "cxo/vendor.h"
#include "cxo/vocab.h"

static const char *const YES_NO[] = { "yes", "no", NULL };

enum {
	VF_NAME,
	VF_CATEGORY,
	VF_OWNER,
	VF_ANNUAL,
	VF_CURRENCY,
	VF_BILLING,
	VF_UNITS,
	VF_START,
	VF_TERM_END,
	VF_AUTO_RENEW,
	VF_NOTICE,
	VF_STATUS,
	VF_DILIGENCE,
	VF_DATA,
	VF_NOTES,
	VF_COUNT
};

static bool v_category(const char *t, void *c, char *e, size_t n)
{
	(void)c;
	return edit_v_word(&VOCAB_VENDOR_CATEGORY, t, e, n);
}

static bool v_billing(const char *t, void *c, char *e, size_t n)
{
	(void)c;
	return edit_v_word(&VOCAB_VENDOR_BILLING, t, e, n);
}

static bool v_status(const char *t, void *c, char *e, size_t n)
{
	(void)c;
	return edit_v_word(&VOCAB_VENDOR_STATUS, t, e, n);
}

static bool v_diligence(const char *t, void *c, char *e, size_t n)
{
	(void)c;
	return edit_v_word(&VOCAB_VENDOR_DILIGENCE, t, e, n);
}

static bool v_data(const char *t, void *c, char *e, size_t n)
{
	(void)c;
	return edit_v_word(&VOCAB_VENDOR_DATA, t, e, n);
}

static bool v_money(const char *t, void *c, char *e, size_t n)
{
	int64_t cents;
	(void)c;
	return money_parse(t, &cents, e, n);
}

static bool v_currency(const char *t, void *c, char *e, size_t n)
{
	char out[4];
	(void)c;
	if (currency_normalize(t, out))
		return true;
	snprintf(e, n, "expected a three-letter currency code such as EUR (got \"%s\")", t);
	return false;
}

static bool v_units(const char *t, void *c, char *e, size_t n)
{
	long v;
	(void)c;
	if (text_to_long(t, 0, 10000000, &v))
		return true;
	snprintf(e, n, "expected a whole number of seats or units, 0 to 10000000 (got \"%s\")", t);
	return false;
}

static bool v_yes_no(const char *t, void *c, char *e, size_t n)
{
	(void)c;
	if (text_ieq(t, "yes") || text_ieq(t, "no") || text_ieq(t, "y") || text_ieq(t, "n"))
		return true;
	snprintf(e, n, "expected yes or no (got \"%s\")", t);
	return false;
}

/* The notice period against the term end typed beside it: months are
 * counted back from it, so they need it. */
static int rule_notice(struct form *f)
{
	struct tui *ui = f->ctx;
	char end[DAY_LEN], err[256];
	cxo_day term = 0;
	int days;
	const char *notice = edit_field_value(&f->fields[VF_NOTICE]);
	if (!notice)
		return -1;
	edit_day(ui, &f->fields[VF_TERM_END], end);
	bool has_term = end[0] && date_parse_iso(end, &term);
	if (renewal_notice_parse(notice, has_term, term, &days, err, sizeof err))
		return -1;
	form_mark_linked(f, VF_TERM_END, "the notice period needs this term end");
	return form_mark_linked(f, VF_NOTICE, "%s", err);
}

static bool yes(const char *s)
{
	return text_ieq(s, "yes") || text_ieq(s, "y");
}

static int save_vendor(struct tui *ui, struct form *f, void *arg)
{
	struct vendor *v = arg;
	struct form_field *ff = f->fields;
	char err[256];
	int rc;
	long units = 0;
	cxo_day term = 0;

	const char *cat = vocab_match(&VOCAB_VENDOR_CATEGORY, edit_field_text(&ff[VF_CATEGORY]),
	                              err, sizeof err);
	const char *bill = vocab_match(&VOCAB_VENDOR_BILLING, edit_field_text(&ff[VF_BILLING]), err,
	                               sizeof err);
	const char *st =
	        vocab_match(&VOCAB_VENDOR_STATUS, edit_field_text(&ff[VF_STATUS]), err, sizeof err);
	const char *dil = vocab_match(&VOCAB_VENDOR_DILIGENCE, edit_field_text(&ff[VF_DILIGENCE]),
	                              err, sizeof err);
	const char *data =
	        vocab_match(&VOCAB_VENDOR_DATA, edit_field_text(&ff[VF_DATA]), err, sizeof err);
	if (!cat || !bill || !st || !dil || !data) {
		tui_error(ui, "%s", err);
		return EX_DATAERR;
	}
	v->annual_cents = 0;
	if (edit_field_value(&ff[VF_ANNUAL]) &&
	    !money_parse(ff[VF_ANNUAL].value, &v->annual_cents, err, sizeof err)) {
		tui_error(ui, "%s", err);
		return EX_DATAERR;
	}
	if (!currency_normalize(edit_field_text(&ff[VF_CURRENCY]), v->currency)) {
		tui_error(ui, "expected a currency code such as EUR");
		return EX_DATAERR;
	}
	if (edit_field_value(&ff[VF_UNITS]))
		text_to_long(ff[VF_UNITS].value, 0, 10000000, &units);
	v->units = units;
	edit_day(ui, &ff[VF_START], v->start);
	edit_day(ui, &ff[VF_TERM_END], v->term_end);
	v->auto_renew = yes(edit_field_text(&ff[VF_AUTO_RENEW]));
	v->notice_days = 0;
	if (edit_field_value(&ff[VF_NOTICE])) {
		bool has_term = v->term_end[0] && date_parse_iso(v->term_end, &term);
		if (!renewal_notice_parse(ff[VF_NOTICE].value, has_term, term, &v->notice_days, err,
		                          sizeof err)) {
			tui_error(ui, "%s", err);
			return EX_DATAERR;
		}
	}
	/* The day the diligence reached its state, when it moves; the day
	 * a contract ends, when it does (and none once it is active again). */
	if (strcmp(v->diligence, dil) != 0)
		edit_today_iso(ui, v->diligence_on);
	if (!strcmp(dil, "none"))
		v->diligence_on[0] = '\0';
	if (!strcmp(st, "ended") && strcmp(v->status, "ended") != 0)
		edit_today_iso(ui, v->ended);
	else if (strcmp(st, "ended") != 0)
		v->ended[0] = '\0';
	snprintf(v->category, sizeof v->category, "%s", cat);
	snprintf(v->billing, sizeof v->billing, "%s", bill);
	snprintf(v->status, sizeof v->status, "%s", st);
	snprintf(v->diligence, sizeof v->diligence, "%s", dil);
	snprintf(v->data, sizeof v->data, "%s", data);
	if ((rc = edit_replace_text(&v->name, edit_field_value(&ff[VF_NAME]))) ||
	    (rc = edit_replace_text(&v->owner, edit_field_value(&ff[VF_OWNER]))) ||
	    (rc = edit_replace_text(&v->notes, edit_field_value(&ff[VF_NOTES]))))
		return rc;
	rc = v->id[0] ? store_vendor_update(ui->st, v) : store_vendor_add(ui->st, v);
	if (rc)
		tui_error(ui, "%s", store_error(ui->st));
	return rc;
}

void edit_vendor_form(struct tui *ui, struct vendor *v)
{
	struct form_field ff[VF_COUNT];
	char title[128], buf[64];
	bool is_new = !v->id[0];
	const struct client *c = tui_client(ui);

	memset(ff, 0, sizeof ff);
	ff[VF_NAME] = (struct form_field){ .label = "Name",
		                           .required = true,
		                           .hint = "the vendor or product" };
	ff[VF_CATEGORY] = (struct form_field){ .label = "Category",
		                               .required = true,
		                               .validate = v_category,
		                               .choices = VOCAB_VENDOR_CATEGORY.words };
	ff[VF_OWNER] = (struct form_field){ .label = "Owner", .hint = "who owns it at the client" };
	ff[VF_ANNUAL] = (struct form_field){ .label = "Annual cost",
		                             .validate = v_money,
		                             .hint = "a year's cost: 12,000 or 950.50" };
	ff[VF_CURRENCY] = (struct form_field){ .label = "Currency",
		                               .required = true,
		                               .validate = v_currency,
		                               .hint = "EUR, USD, GBP ..." };
	ff[VF_BILLING] = (struct form_field){ .label = "Billing",
		                              .required = true,
		                              .validate = v_billing,
		                              .choices = VOCAB_VENDOR_BILLING.words };
	ff[VF_UNITS] = (struct form_field){ .label = "Units",
		                            .validate = v_units,
		                            .hint = "seats or units; empty = not counted" };
	ff[VF_START] = (struct form_field){ .label = "Start",
		                            .validate = edit_v_date,
		                            .hint = "contract start: 2025-04-01" };
	ff[VF_TERM_END] = (struct form_field){ .label = "Term end",
		                               .validate = edit_v_date,
		                               .hint = "end of the current term; empty = none" };
	ff[VF_AUTO_RENEW] = (struct form_field){
		.label = "Auto-renew", .required = true, .validate = v_yes_no, .choices = YES_NO
	};
	ff[VF_NOTICE] = (struct form_field){ .label = "Notice",
		                             .rule = rule_notice,
		                             .hint = "90, 90d, 12w, 3m before the term end" };
	ff[VF_STATUS] = (struct form_field){ .label = "Status",
		                             .required = true,
		                             .validate = v_status,
		                             .choices = VOCAB_VENDOR_STATUS.words };
	ff[VF_DILIGENCE] = (struct form_field){ .label = "Diligence",
		                                .required = true,
		                                .validate = v_diligence,
		                                .choices = VOCAB_VENDOR_DILIGENCE.words,
		                                .hint = "none, sent (questionnaire), reviewed, "
		                                        "approved" };
	ff[VF_DATA] = (struct form_field){ .label = "Data",
		                           .required = true,
		                           .validate = v_data,
		                           .choices = VOCAB_VENDOR_DATA.words,
		                           .hint = "what it holds of the client's" };
	ff[VF_NOTES] = (struct form_field){ .label = "Notes", .max = FORM_TEXT_MAX };

	edit_field_set(&ff[VF_NAME], v->name);
	edit_field_set(&ff[VF_CATEGORY], v->category[0] ? v->category : "saas");
	edit_field_set(&ff[VF_OWNER], v->owner);
	buf[0] = '\0';
	if (v->annual_cents)
		money_format_plain(v->annual_cents, buf, sizeof buf);
	edit_field_set(&ff[VF_ANNUAL], buf);
	edit_field_set(&ff[VF_CURRENCY], v->currency[0]        ? v->currency
	                                 : c && c->currency[0] ? c->currency
	                                                       : "EUR");
	edit_field_set(&ff[VF_BILLING], v->billing[0] ? v->billing : "annual");
	buf[0] = '\0';
	if (v->units > 0)
		snprintf(buf, sizeof buf, "%ld", v->units);
	edit_field_set(&ff[VF_UNITS], buf);
	edit_field_set(&ff[VF_START], v->start);
	edit_field_set(&ff[VF_TERM_END], v->term_end);
	edit_field_set(&ff[VF_AUTO_RENEW], is_new || v->auto_renew ? "yes" : "no");
	buf[0] = '\0';
	if (v->term_end[0] || v->notice_days)
		snprintf(buf, sizeof buf, "%d", v->notice_days);
	edit_field_set(&ff[VF_NOTICE], is_new ? "30" : buf);
	edit_field_set(&ff[VF_STATUS], v->status[0] ? v->status : "active");
	edit_field_set(&ff[VF_DILIGENCE], v->diligence[0] ? v->diligence : "none");
	edit_field_set(&ff[VF_DATA], v->data[0] ? v->data : "none");
	edit_field_set(&ff[VF_NOTES], v->notes);
	snprintf(title, sizeof title, "%s vendor for %s", is_new ? "New" : "Edit",
	         c ? c->key : v->client_key);
	struct form f = { title, ff, VF_COUNT, ui };
	if (edit_run_form(ui, &f, save_vendor, v))
		edit_saved(ui, PANEL_VENDORS, v->id, is_new ? "vendor added" : "vendor saved",
		           v->name);
}

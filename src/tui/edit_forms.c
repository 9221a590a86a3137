/*
 * edit_forms.c: the forms for mandates, hours entries, risks and actions.
 * Fields are checked by the same core parsers as the shell commands; a
 * mandate or risk is named by its title (Tab completes it, Up and Down
 * cycle the client's) or an id prefix, resolved by the store.
 */
#include "internal.h"

#include "cxo/rules.h"

#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "cxo/duration.h"
#include "cxo/text.h"
#include "cxo/vocab.h"

#define MAX_CHOICES 40

static const char *const YES_NO[] = { "yes", "no", NULL };
static const char *const ACTION_NEW_STATUS[] = { "todo", "waiting", NULL };
static const char *const FACTORS[] = { "1", "2", "3", "4", "5", NULL };

static const char HINT_DATE[] = "today, fri, +3d, eom, 2026-12-01";
static const char HINT_DATE_OPT[] = "fri, +3d, eom, 2026-12-01; empty = none";

/* ---- validators (ctx is the struct tui) ---- */

static bool v_duration(const char *text, void *ctx, char *err, size_t errsz)
{
	int m;
	(void)ctx;
	return duration_parse(text, &m, err, errsz);
}

static bool v_factor(const char *text, void *ctx, char *err, size_t errsz)
{
	int v;
	(void)ctx;
	return risk_factor_parse(text, &v, err, errsz);
}

static bool v_pair(const char *text, void *ctx, char *err, size_t errsz)
{
	int l, i;
	char buf[512];
	(void)ctx;
	snprintf(buf, sizeof buf, "%s", text);
	if (!*text_trim(buf))
		return true;
	return risk_pair_parse(buf, &l, &i, err, errsz);
}

static bool v_mandate_status(const char *t, void *c, char *e, size_t n)
{
	(void)c;
	return edit_v_word(&VOCAB_MANDATE_STATUS, t, e, n);
}

static bool v_action_status(const char *t, void *c, char *e, size_t n)
{
	(void)c;
	return edit_v_word(&VOCAB_ACTION_STATUS, t, e, n);
}

static bool v_risk_status(const char *t, void *c, char *e, size_t n)
{
	(void)c;
	return edit_v_word(&VOCAB_RISK_STATUS, t, e, n);
}

static bool v_category(const char *t, void *c, char *e, size_t n)
{
	(void)c;
	return !*t || edit_v_word(&VOCAB_RISK_CATEGORY, t, e, n);
}

static bool v_treatment(const char *t, void *c, char *e, size_t n)
{
	(void)c;
	return edit_v_word(&VOCAB_RISK_TREATMENT, t, e, n);
}

static bool v_yes_no(const char *t, void *c, char *e, size_t n)
{
	(void)c;
	if (text_ieq(t, "yes") || text_ieq(t, "no") || text_ieq(t, "y") || text_ieq(t, "n"))
		return true;
	snprintf(e, n, "expected yes or no (got \"%s\")", t);
	return false;
}

/* A mandate or risk named in a form, looked up in the client of the
 * item being edited (ui->form_client). */
static bool resolve_in_client(struct tui *ui, enum store_kind kind, const char *text,
                              char id[UUID_LEN], char *err, size_t errsz)
{
	id[0] = '\0';
	if (!*text)
		return true;
	int rc = store_resolve(ui->st, kind, text, ui->form_client[0] ? ui->form_client : NULL, id);
	if (rc) {
		snprintf(err, errsz, "%s", store_error(ui->st));
		return false;
	}
	return true;
}

static bool v_mandate(const char *text, void *ctx, char *err, size_t errsz)
{
	char id[UUID_LEN];
	return resolve_in_client(ctx, KIND_MANDATE, text, id, err, errsz);
}

static bool v_risk(const char *text, void *ctx, char *err, size_t errsz)
{
	char id[UUID_LEN];
	return resolve_in_client(ctx, KIND_RISK, text, id, err, errsz);
}

/* The titles of a client's active mandates and open risks, to cycle in
 * a field: the client of the item, which for the timer need not be the
 * one shown.  The lists own the titles until choices_free. */
struct choices {
	struct mandate_list mandates;
	struct risk_list risks;
	const char *mandate[MAX_CHOICES + 1];
	const char *risk[MAX_CHOICES + 1];
};

static void choices_load(struct tui *ui, const char *client_id, struct choices *c)
{
	size_t k = 0;
	memset(c, 0, sizeof *c);
	snprintf(ui->form_client, sizeof ui->form_client, "%s", client_id);
	if (store_dash_mandates(ui->st, client_id, NULL, MAX_CHOICES, &c->mandates) == 0)
		for (size_t i = 0; i < c->mandates.n; i++)
			if (!strcmp(c->mandates.items[i].status, "active"))
				c->mandate[k++] = c->mandates.items[i].title;
	c->mandate[k] = NULL;
	k = 0;
	if (store_dash_open_risks(ui->st, client_id, NULL, MAX_CHOICES, &c->risks) == 0)
		for (size_t i = 0; i < c->risks.n; i++)
			c->risk[k++] = c->risks.items[i].title;
	c->risk[k] = NULL;
}

static void choices_free(struct tui *ui, struct choices *c)
{
	mandate_list_free(&c->mandates);
	risk_list_free(&c->risks);
	ui->form_client[0] = '\0';
}

/* ---- actions ---- */

enum { AF_TITLE, AF_DUE, AF_OWNER, AF_STATUS, AF_WAITING, AF_MANDATE, AF_RISK, AF_COUNT };

static int save_action(struct tui *ui, struct form *f, void *arg)
{
	struct action *a = arg;
	struct form_field *ff = f->fields;
	char err[256];
	const char *status =
	        vocab_match(&VOCAB_ACTION_STATUS, edit_field_text(&ff[AF_STATUS]), err, sizeof err);
	const char *owner = edit_field_value(&ff[AF_OWNER]);
	const char *person = edit_field_value(&ff[AF_WAITING]);
	int rc;

	if (!status)
		status = "todo";
	edit_day(ui, &ff[AF_DUE], a->due);
	if ((rc = edit_replace_text(&a->title, edit_field_value(&ff[AF_TITLE]))))
		return rc;
	if (!resolve_in_client(ui, KIND_MANDATE, ff[AF_MANDATE].value, a->mandate_id, err,
	                       sizeof err) ||
	    !resolve_in_client(ui, KIND_RISK, ff[AF_RISK].value, a->risk_id, err, sizeof err)) {
		tui_error(ui, "%s", err);
		return EX_DATAERR;
	}
	/* A waiting action waits for the person in Waiting for, or for its
	 * owner when that field is empty and the owner is someone else; the
	 * field is ignored for any other status. */
	const char *who = person ? person : owner_is_me(owner) ? NULL : owner;
	if (!strcmp(status, "waiting") && !who) {
		snprintf(ff[AF_WAITING].error, sizeof ff[AF_WAITING].error,
		         "waiting for whom? name the person");
		tui_error(ui, "an action waiting for someone needs their name in Waiting for");
		return EX_DATAERR;
	}
	/* A new action begins as a todo of the owner's (made today), an
	 * existing one keeps its dates; then the status moves by the rule
	 * the shell uses. */
	if (!a->id[0]) {
		if ((rc = action_begin(a, owner, NULL, NULL, ui->today, err, sizeof err))) {
			tui_error(ui, "%s", err);
			return rc;
		}
	} else if ((rc = edit_replace_text(&a->owner, owner_is_me(owner) ? NULL : owner))) {
		return rc;
	}
	if ((rc = action_set_status(a, status, who, ui->today, err, sizeof err))) {
		snprintf(ff[AF_WAITING].error, sizeof ff[AF_WAITING].error, "%s", err);
		tui_error(ui, "%s", err);
		return rc;
	}
	rc = a->id[0] ? store_action_update(ui->st, a) : store_action_add(ui->st, a);
	if (rc) {
		tui_error(ui, "%s", store_error(ui->st));
		return rc;
	}
	return 0;
}

void edit_action_form(struct tui *ui, struct action *a)
{
	struct form_field ff[AF_COUNT];
	struct choices ch;
	char title[128];
	bool is_new = !a->id[0];

	memset(ff, 0, sizeof ff);
	choices_load(ui, a->client_id, &ch);
	ff[AF_TITLE] = (struct form_field){ .label = "Title",
		                            .required = true,
		                            .hint = "what happens next" };
	ff[AF_DUE] = (struct form_field){ .label = "Due",
		                          .hint = HINT_DATE_OPT,
		                          .validate = edit_v_date };
	ff[AF_OWNER] = (struct form_field){ .label = "Owner", .hint = "who does it; empty = you" };
	ff[AF_STATUS] = (struct form_field){ .label = "Status",
		                             .required = true,
		                             .validate = v_action_status,
		                             .choices = is_new ? ACTION_NEW_STATUS
		                                               : VOCAB_ACTION_STATUS.words,
		                             .hint = "todo, or waiting for someone" };
	ff[AF_WAITING] =
	        (struct form_field){ .label = "Waiting for",
		                     .hint = "with status waiting: the person; empty = the owner" };
	ff[AF_MANDATE] = (struct form_field){ .label = "Mandate",
		                              .validate = v_mandate,
		                              .choices = ch.mandate,
		                              .hint = "Tab completes a title; empty = none" };
	ff[AF_RISK] = (struct form_field){ .label = "Risk",
		                           .validate = v_risk,
		                           .choices = ch.risk,
		                           .hint = "Tab completes a title; empty = none" };
	edit_field_set(&ff[AF_TITLE], a->title);
	edit_field_set(&ff[AF_DUE], a->due);
	edit_field_set(&ff[AF_OWNER], a->owner);
	edit_field_set(&ff[AF_STATUS], a->status[0] ? a->status : "todo");
	edit_field_set(&ff[AF_WAITING], a->waiting_for);
	edit_field_set(&ff[AF_MANDATE], a->mandate_title);
	edit_field_set(&ff[AF_RISK], a->risk_title);
	snprintf(title, sizeof title, "%s action for %s", is_new ? "New" : "Edit",
	         tui_client(ui)->key);
	struct form f = { title, ff, AF_COUNT, ui };
	/* What a status that closes it can be put back to. */
	struct action before = { 0 };
	snprintf(before.status, sizeof before.status, "%s", a->status);
	snprintf(before.waiting_since, sizeof before.waiting_since, "%s", a->waiting_since);
	before.waiting_for = a->waiting_for ? strdup(a->waiting_for) : NULL;
	bool kept = !a->waiting_for || before.waiting_for;
	if (edit_run_form(ui, &f, save_action, a)) {
		edit_saved(ui, PANEL_ACTIONS, a->id, is_new ? "added" : "saved", a->title);
		if (!is_new && kept)
			undo_offer_action(ui, &before, a);
		if (ui->undo.offered)
			ui->msg[0] = '\0'; /* the status bar offers it instead */
	}
	action_free(&before);
	choices_free(ui, &ch);
}

/* ---- mandates ---- */

enum { MF_TITLE, MF_AREA, MF_DUE, MF_MEASURE, MF_STATUS, MF_COUNT };

static int save_mandate(struct tui *ui, struct form *f, void *arg)
{
	struct mandate *m = arg;
	struct form_field *ff = f->fields;
	char err[256];
	int rc;
	const char *status = vocab_match(&VOCAB_MANDATE_STATUS, edit_field_text(&ff[MF_STATUS]),
	                                 err, sizeof err);

	snprintf(m->status, sizeof m->status, "%s", status ? status : "active");
	edit_day(ui, &ff[MF_DUE], m->due);
	if ((rc = edit_replace_text(&m->title, edit_field_value(&ff[MF_TITLE]))) ||
	    (rc = edit_replace_text(&m->area, edit_field_value(&ff[MF_AREA]))) ||
	    (rc = edit_replace_text(&m->measure, edit_field_value(&ff[MF_MEASURE]))))
		return rc;
	rc = m->id[0] ? store_mandate_update(ui->st, m) : store_mandate_add(ui->st, m);
	if (rc)
		tui_error(ui, "%s", store_error(ui->st));
	return rc;
}

void edit_mandate_form(struct tui *ui, struct mandate *m)
{
	struct form_field ff[MF_COUNT];
	char title[128];
	bool is_new = !m->id[0];

	memset(ff, 0, sizeof ff);
	ff[MF_TITLE] =
	        (struct form_field){ .label = "Title",
		                     .required = true,
		                     .hint = "a decision you own: vendor selection, roadmap" };
	ff[MF_AREA] =
	        (struct form_field){ .label = "Area", .hint = "security, roadmap, board ..." };
	ff[MF_DUE] = (struct form_field){ .label = "Due",
		                          .hint = HINT_DATE_OPT,
		                          .validate = edit_v_date };
	ff[MF_MEASURE] = (struct form_field){ .label = "Success",
		                              .max = FORM_TEXT_MAX,
		                              .hint = "how you will know it is done" };
	ff[MF_STATUS] = (struct form_field){ .label = "Status",
		                             .required = true,
		                             .validate = v_mandate_status,
		                             .choices = VOCAB_MANDATE_STATUS.words };
	edit_field_set(&ff[MF_TITLE], m->title);
	edit_field_set(&ff[MF_AREA], m->area);
	edit_field_set(&ff[MF_DUE], m->due);
	edit_field_set(&ff[MF_MEASURE], m->measure);
	edit_field_set(&ff[MF_STATUS], m->status[0] ? m->status : "active");
	snprintf(title, sizeof title, "%s mandate for %s", is_new ? "New" : "Edit",
	         tui_client(ui)->key);
	/* A new mandate is active: no status field. */
	struct form f = { title, ff, is_new ? MF_STATUS : MF_COUNT, ui };
	char before[WORD_LEN];
	snprintf(before, sizeof before, "%s", m->status);
	if (edit_run_form(ui, &f, save_mandate, m)) {
		edit_saved(ui, PANEL_MANDATES, m->id, is_new ? "added" : "saved", m->title);
		if (!is_new)
			undo_offer_mandate(ui, before, m);
		if (ui->undo.offered)
			ui->msg[0] = '\0'; /* the status bar offers it instead */
	}
}

/* ---- hours entries ---- */

enum { EF_DURATION, EF_NOTE, EF_DATE, EF_MANDATE, EF_BILLABLE, EF_COUNT };

struct entry_ctx {
	struct entry *e;
	bool from_timer;
};

static int save_entry(struct tui *ui, struct form *f, void *arg)
{
	struct entry_ctx *ec = arg;
	struct entry *e = ec->e;
	struct form_field *ff = f->fields;
	char err[256];
	int minutes, rc;

	if (!duration_parse(edit_field_value(&ff[EF_DURATION]) ? ff[EF_DURATION].value : "",
	                    &minutes, err, sizeof err)) {
		tui_error(ui, "%s", err);
		return EX_DATAERR;
	}
	e->minutes = minutes;
	edit_day(ui, &ff[EF_DATE], e->day);
	if (!e->day[0])
		edit_today_iso(ui, e->day);
	e->billable = !edit_field_value(&ff[EF_BILLABLE]) ||
	              text_ieq(ff[EF_BILLABLE].value, "yes") ||
	              text_ieq(ff[EF_BILLABLE].value, "y");
	if ((rc = edit_replace_text(&e->note, edit_field_value(&ff[EF_NOTE]))))
		return rc;
	if (!resolve_in_client(ui, KIND_MANDATE, ff[EF_MANDATE].value, e->mandate_id, err,
	                       sizeof err)) {
		tui_error(ui, "%s", err);
		return EX_DATAERR;
	}
	if (ec->from_timer)
		rc = store_timer_stop(ui->st, e);
	else
		rc = e->id[0] ? store_entry_update(ui->st, e) : store_entry_add(ui->st, e);
	if (rc)
		tui_error(ui, "%s", store_error(ui->st));
	return rc;
}

void edit_entry_form(struct tui *ui, struct entry *e, bool from_timer, const char *title)
{
	struct form_field ff[EF_COUNT];
	struct choices ch;
	char dur[32] = "";

	memset(ff, 0, sizeof ff);
	choices_load(ui, e->client_id, &ch);
	ff[EF_DURATION] = (struct form_field){ .label = "Duration",
		                               .required = true,
		                               .hint = "1h30m, 90m, 1.5h, 1:30",
		                               .validate = v_duration };
	ff[EF_NOTE] = (struct form_field){ .label = "Note",
		                           .max = FORM_TEXT_MAX,
		                           .hint = "what the time was for" };
	ff[EF_DATE] = (struct form_field){
		.label = "Date", .required = true, .hint = HINT_DATE, .validate = edit_v_date
	};
	ff[EF_MANDATE] = (struct form_field){ .label = "Mandate",
		                              .validate = v_mandate,
		                              .choices = ch.mandate,
		                              .hint = "Tab completes a title; empty = none" };
	ff[EF_BILLABLE] = (struct form_field){
		.label = "Billable", .required = true, .validate = v_yes_no, .choices = YES_NO
	};
	/* As the panels show it, which reads back as the same minutes. */
	if (e->minutes > 0)
		duration_format(e->minutes, ui->cfg->hours_style, dur, sizeof dur);
	edit_field_set(&ff[EF_DURATION], dur);
	edit_field_set(&ff[EF_NOTE], e->note);
	edit_field_set(&ff[EF_DATE], e->day[0] ? e->day : "today");
	edit_field_set(&ff[EF_MANDATE], e->mandate_title);
	edit_field_set(&ff[EF_BILLABLE], e->billable ? "yes" : "no");
	struct form f = { title, ff, EF_COUNT, ui };
	struct entry_ctx ec = { e, from_timer };
	if (edit_run_form(ui, &f, save_entry, &ec)) {
		char what[64];
		duration_format(e->minutes, ui->cfg->hours_style, what, sizeof what);
		edit_saved(ui, PANEL_HOURS, e->id, from_timer ? "timer logged" : "logged",
		           e->note && *e->note ? e->note : what);
	}
	choices_free(ui, &ch);
}

/* ---- risks ---- */

enum {
	RF_TITLE,
	RF_LIKELIHOOD,
	RF_IMPACT,
	RF_CATEGORY,
	RF_FRAMEWORK,
	RF_OWNER,
	RF_MITIGATION,
	RF_TREATMENT,
	RF_RESIDUAL,
	RF_REVIEW,
	RF_STATUS,
	RF_ACCEPTED,
	RF_COUNT
};

static int save_risk(struct tui *ui, struct form *f, void *arg)
{
	struct risk *r = arg;
	struct form_field *ff = f->fields;
	char err[256];
	int rc;

	if (!risk_factor_parse(ff[RF_LIKELIHOOD].value, &r->likelihood, err, sizeof err) ||
	    !risk_factor_parse(ff[RF_IMPACT].value, &r->impact, err, sizeof err)) {
		tui_error(ui, "%s", err);
		return EX_DATAERR;
	}
	r->residual_likelihood = r->residual_impact = 0;
	if (edit_field_value(&ff[RF_RESIDUAL]) &&
	    !risk_pair_parse(ff[RF_RESIDUAL].value, &r->residual_likelihood, &r->residual_impact,
	                     err, sizeof err)) {
		tui_error(ui, "%s", err);
		return EX_DATAERR;
	}
	const char *cat =
	        edit_field_value(&ff[RF_CATEGORY])
	                ? vocab_match(&VOCAB_RISK_CATEGORY, ff[RF_CATEGORY].value, err, sizeof err)
	                : "";
	const char *treat = vocab_match(&VOCAB_RISK_TREATMENT, edit_field_text(&ff[RF_TREATMENT]),
	                                err, sizeof err);
	snprintf(r->category, sizeof r->category, "%s", cat ? cat : "");
	snprintf(r->treatment, sizeof r->treatment, "%s", treat ? treat : "mitigate");
	/* The review from its level when none is given, as `cxo risk add`
	 * does; a new risk is open since the day risk_begin gave it. */
	edit_day(ui, &ff[RF_REVIEW], r->review);
	risk_default_review(r, ui->cfg, ui->today);
	if (f->n > RF_STATUS) {
		const char *st = vocab_match(&VOCAB_RISK_STATUS, edit_field_text(&ff[RF_STATUS]),
		                             err, sizeof err);
		char until[DAY_LEN];
		edit_day(ui, &ff[RF_ACCEPTED], until);
		/* Accepted needs a day; closing records today once; reopening
		 * clears both. */
		if (risk_set_status(r, st ? st : "open", until, ui->today, err, sizeof err)) {
			/* A rule of two fields: both are marked. */
			form_mark_linked(f, RF_STATUS,
			                 "accepted needs a day after today in "
			                 "Accepted until");
			form_mark_linked(f, RF_ACCEPTED, "%s", err);
			tui_error(ui, "%s",
			          until[0] ? err
			                   : "an accepted risk needs Accepted until (e.g. +6m)");
			return EX_DATAERR;
		}
	}
	if ((rc = edit_replace_text(&r->title, edit_field_value(&ff[RF_TITLE]))) ||
	    (rc = edit_replace_text(&r->framework, edit_field_value(&ff[RF_FRAMEWORK]))) ||
	    (rc = edit_replace_text(&r->owner, edit_field_value(&ff[RF_OWNER]))) ||
	    (rc = edit_replace_text(&r->mitigation, edit_field_value(&ff[RF_MITIGATION]))))
		return rc;
	rc = r->id[0] ? store_risk_update(ui->st, r) : store_risk_add(ui->st, r);
	if (rc)
		tui_error(ui, "%s", store_error(ui->st));
	return rc;
}

void edit_risk_form(struct tui *ui, struct risk *r)
{
	struct form_field ff[RF_COUNT];
	char title[128], buf[32];
	bool is_new = !r->id[0];

	memset(ff, 0, sizeof ff);
	ff[RF_TITLE] = (struct form_field){ .label = "Title",
		                            .required = true,
		                            .hint = "what could go wrong" };
	ff[RF_LIKELIHOOD] = (struct form_field){ .label = "Likelihood",
		                                 .required = true,
		                                 .validate = v_factor,
		                                 .choices = FACTORS,
		                                 .hint = "1 rare .. 5 almost certain" };
	ff[RF_IMPACT] = (struct form_field){ .label = "Impact",
		                             .required = true,
		                             .validate = v_factor,
		                             .choices = FACTORS,
		                             .hint = "1 minor .. 5 severe" };
	ff[RF_CATEGORY] = (struct form_field){ .label = "Category",
		                               .validate = v_category,
		                               .choices = VOCAB_RISK_CATEGORY.words };
	ff[RF_FRAMEWORK] =
	        (struct form_field){ .label = "Framework", .hint = "SOC 2, HIPAA, ISO 27001 ..." };
	ff[RF_OWNER] = (struct form_field){ .label = "Owner", .hint = "who at the client owns it" };
	ff[RF_MITIGATION] = (struct form_field){ .label = "Mitigation", .max = FORM_TEXT_MAX };
	ff[RF_TREATMENT] = (struct form_field){ .label = "Treatment",
		                                .required = true,
		                                .validate = v_treatment,
		                                .choices = VOCAB_RISK_TREATMENT.words };
	ff[RF_RESIDUAL] = (struct form_field){ .label = "Residual",
		                               .validate = v_pair,
		                               .hint = "likelihood,impact after mitigation: 2,3" };
	ff[RF_REVIEW] = (struct form_field){ .label = "Review",
		                             .validate = edit_v_date,
		                             .hint = "empty = from its level (90 to 360 days)" };
	ff[RF_STATUS] = (struct form_field){ .label = "Status",
		                             .required = true,
		                             .validate = v_risk_status,
		                             .choices = VOCAB_RISK_STATUS.words };
	ff[RF_ACCEPTED] = (struct form_field){ .label = "Accepted until",
		                               .validate = edit_v_date,
		                               .hint = "for an accepted risk: +6m, 2027-06-30" };
	edit_field_set(&ff[RF_TITLE], r->title);
	snprintf(buf, sizeof buf, "%d", r->likelihood ? r->likelihood : 3);
	edit_field_set(&ff[RF_LIKELIHOOD], buf);
	snprintf(buf, sizeof buf, "%d", r->impact ? r->impact : 3);
	edit_field_set(&ff[RF_IMPACT], buf);
	edit_field_set(&ff[RF_CATEGORY], r->category);
	edit_field_set(&ff[RF_FRAMEWORK], r->framework);
	edit_field_set(&ff[RF_OWNER], r->owner);
	edit_field_set(&ff[RF_MITIGATION], r->mitigation);
	edit_field_set(&ff[RF_TREATMENT], r->treatment[0] ? r->treatment : "mitigate");
	if (r->residual_likelihood)
		snprintf(buf, sizeof buf, "%d,%d", r->residual_likelihood, r->residual_impact);
	else
		buf[0] = '\0';
	edit_field_set(&ff[RF_RESIDUAL], buf);
	edit_field_set(&ff[RF_REVIEW], r->review);
	edit_field_set(&ff[RF_STATUS], r->status[0] ? r->status : "open");
	edit_field_set(&ff[RF_ACCEPTED], r->accepted_until);
	snprintf(title, sizeof title, "%s risk for %s", is_new ? "New" : "Edit",
	         tui_client(ui)->key);
	struct form f = { title, ff, is_new ? RF_STATUS : RF_COUNT, ui };
	struct risk before = *r; /* its fixed fields only: undo_offer_risk reads no more */
	before.title = before.owner = before.mitigation = before.framework = NULL;
	if (edit_run_form(ui, &f, save_risk, r)) {
		edit_saved(ui, PANEL_RISKS, r->id, is_new ? "added" : "saved", r->title);
		if (!is_new)
			undo_offer_risk(ui, &before, r);
		if (ui->undo.offered)
			ui->msg[0] = '\0'; /* the status bar offers it instead */
	}
}

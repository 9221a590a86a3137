/*
 * risks.c: the risk register, scored likelihood x impact.
 */
#include "internal.h"

#include "cxo/vocab.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#define RISK_FILTER " AND r.likelihood * r.impact >= ?2 AND (?3 IS NULL OR r.review_date <= ?3)"
#define RISK_NOT_CLOSED " AND r.status IN ('open', 'mitigating', 'accepted')"

void risk_free(struct risk *r)
{
	if (!r)
		return;
	free(r->title);
	free(r->owner);
	free(r->mitigation);
	free(r->framework);
	r->title = r->owner = r->mitigation = r->framework = NULL;
}

void risk_list_free(struct risk_list *l)
{
	if (!l)
		return;
	for (size_t i = 0; i < l->n; i++)
		risk_free(&l->items[i]);
	free(l->items);
	l->items = NULL;
	l->n = 0;
}

void store_read_risk(sqlite3_stmt *s, void *item, bool *oom)
{
	struct risk *r = item;
	memset(r, 0, sizeof *r);
	store_col_copy(s, 0, r->id, sizeof r->id);
	store_col_copy(s, 1, r->client_id, sizeof r->client_id);
	store_col_copy(s, 2, r->client_key, sizeof r->client_key);
	r->title = store_col_dup(s, 3, oom);
	store_col_copy(s, 4, r->category, sizeof r->category);
	r->likelihood = (int)store_col_clamp(s, 5, 1, 5);
	r->impact = (int)store_col_clamp(s, 6, 1, 5);
	r->residual_likelihood = (int)store_col_clamp(s, 7, 0, 5); /* NULL reads as 0 */
	r->residual_impact = (int)store_col_clamp(s, 8, 0, 5);
	store_col_copy(s, 9, r->treatment, sizeof r->treatment);
	store_col_copy(s, 10, r->status, sizeof r->status);
	r->owner = store_col_dup(s, 11, oom);
	r->mitigation = store_col_dup(s, 12, oom);
	r->framework = store_col_dup(s, 13, oom);
	store_col_copy(s, 14, r->review, sizeof r->review);
	store_col_copy(s, 15, r->accepted_until, sizeof r->accepted_until);
	store_col_copy(s, 16, r->opened, sizeof r->opened);
	store_col_copy(s, 17, r->closed, sizeof r->closed);
}

static int validate(struct store *st, const struct risk *r)
{
	int rc;
	if ((rc = store_client_key_of(st, r->client_id, NULL)) ||
	    (rc = store_check_text(st, "risk title", r->title, MAX_NAME, true)) ||
	    (rc = store_check_word(st, "risk category", r->category, VOCAB_RISK_CATEGORY.words,
	                           false)) ||
	    (rc = store_check_range(st, "likelihood", r->likelihood, 1, 5)) ||
	    (rc = store_check_range(st, "impact", r->impact, 1, 5)) ||
	    (rc = store_check_range(st, "residual likelihood", r->residual_likelihood, 0, 5)) ||
	    (rc = store_check_range(st, "residual impact", r->residual_impact, 0, 5)) ||
	    (rc = store_check_word(st, "treatment", r->treatment, VOCAB_RISK_TREATMENT.words,
	                           false)) ||
	    (rc = store_check_word(st, "risk status", r->status, VOCAB_RISK_STATUS.words, false)) ||
	    (rc = store_check_text(st, "owner", r->owner, MAX_NAME, false)) ||
	    (rc = store_check_text(st, "mitigation", r->mitigation, MAX_TEXT, false)) ||
	    (rc = store_check_text(st, "framework", r->framework, MAX_NAME, false)) ||
	    (rc = store_check_day(st, "review date", r->review, false)) ||
	    (rc = store_check_day(st, "acceptance expiry", r->accepted_until, false)) ||
	    (rc = store_check_day(st, "opening date", r->opened, false)) ||
	    (rc = store_check_day(st, "closing date", r->closed, false)))
		return rc;
	if ((r->residual_likelihood == 0) != (r->residual_impact == 0))
		return store_fail(
		        st, EX_DATAERR,
		        "residual likelihood and impact go together (both 1 to 5, or neither)");
	return 0;
}

/* ?1 id ... ?17 closed, in STORE_RISK_SELECT order without the client key. */
static void bind_risk(sqlite3_stmt *s, const struct risk *r)
{
	sqlite3_bind_text(s, 1, r->id, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, r->client_id, -1, SQLITE_STATIC);
	store_bind_text(s, 3, r->title);
	store_bind_text(s, 4, r->category);
	sqlite3_bind_int(s, 5, r->likelihood);
	sqlite3_bind_int(s, 6, r->impact);
	if (r->residual_likelihood)
		sqlite3_bind_int(s, 7, r->residual_likelihood);
	else
		sqlite3_bind_null(s, 7);
	if (r->residual_impact)
		sqlite3_bind_int(s, 8, r->residual_impact);
	else
		sqlite3_bind_null(s, 8);
	sqlite3_bind_text(s, 9, r->treatment[0] ? r->treatment : "mitigate", -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 10, r->status[0] ? r->status : "open", -1, SQLITE_STATIC);
	store_bind_text(s, 11, r->owner);
	store_bind_text(s, 12, r->mitigation);
	store_bind_text(s, 13, r->framework);
	store_bind_text(s, 14, r->review);
	store_bind_text(s, 15, r->accepted_until);
	store_bind_text(s, 16, r->opened);
	store_bind_text(s, 17, r->closed);
}

static int risk_insert(struct store *st, struct risk *r)
{
	int rc = validate(st, r);
	if (rc || (rc = store_new_id(st, r->id)) != 0)
		return rc;
	if (!r->treatment[0])
		snprintf(r->treatment, sizeof r->treatment, "mitigate");
	if (!r->status[0])
		snprintf(r->status, sizeof r->status, "open");
	if (!r->opened[0])
		store_today(r->opened);
	sqlite3_stmt *s = store_stmt(
	        st, Q_RISK_INSERT,
	        "INSERT INTO risks(id, client_id, title, category, likelihood, impact,"
	        " residual_likelihood, residual_impact, treatment, status, owner, mitigation,"
	        " framework, review_date, accepted_until, opened, closed) VALUES (?1, ?2, ?3, ?4,"
	        " ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17)");
	if (!s)
		return EX_SOFTWARE;
	bind_risk(s, r);
	return store_exec_stmt(st, s, "adding the risk");
}

int store_risk_add(struct store *st, struct risk *r)
{
	int rc = store_begin(st);
	if (rc)
		return rc;
	return store_end(st, risk_insert(st, r));
}

static int risk_update(struct store *st, const struct risk *r)
{
	int rc = store_check_id(st, "risk", r->id, true);
	if (rc || (rc = validate(st, r)) != 0)
		return rc;
	sqlite3_stmt *s = store_stmt(
	        st, Q_RISK_UPDATE,
	        "UPDATE risks SET client_id = ?2, title = ?3, category = ?4, likelihood = ?5,"
	        " impact = ?6, residual_likelihood = ?7, residual_impact = ?8, treatment = ?9,"
	        " status = ?10, owner = ?11, mitigation = ?12, framework = ?13, review_date = ?14,"
	        " accepted_until = ?15, opened = coalesce(?16, opened), closed = ?17 WHERE id = "
	        "?1");
	if (!s)
		return EX_SOFTWARE;
	bind_risk(s, r);
	if ((rc = store_exec_stmt(st, s, "updating the risk")) != 0)
		return rc;
	if (sqlite3_changes(st->db) == 0)
		return store_fail(st, EX_NOINPUT, "no risk with id %s", r->id);
	return 0;
}

int store_risk_update(struct store *st, const struct risk *r)
{
	int rc = store_begin(st);
	if (rc)
		return rc;
	return store_end(st, risk_update(st, r));
}

int store_risk_get(struct store *st, const char *id, struct risk *out)
{
	memset(out, 0, sizeof *out);
	sqlite3_stmt *s = store_stmt(st, Q_RISK_GET, STORE_RISK_SELECT "WHERE r.id = ?1");
	if (!s)
		return EX_SOFTWARE;
	int rc = store_read_one(st, s, id, out, store_read_risk, "risk", "reading a risk");
	if (rc)
		risk_free(out);
	return rc;
}

/* The statement for a filter: the client and open/closed choose the index
 * (risks_client_status); score and review date filter what it yields. */
static sqlite3_stmt *list_stmt(struct store *st, const struct risk_filter *f)
{
	if (f->client_id && !f->include_closed)
		return store_stmt(
		        st, Q_RISK_LIST_CLIENT_OPEN,
		        STORE_RISK_SELECT
		        "WHERE r.client_id = ?1" RISK_NOT_CLOSED RISK_FILTER STORE_RISK_ORDER);
	if (f->client_id)
		return store_stmt(st, Q_RISK_LIST_CLIENT_ALL,
		                  STORE_RISK_SELECT
		                  "WHERE r.client_id = ?1" RISK_FILTER STORE_RISK_ORDER);
	if (!f->include_closed)
		return store_stmt(st, Q_RISK_LIST_ALL_OPEN,
		                  STORE_RISK_SELECT
		                  "WHERE 1" RISK_NOT_CLOSED RISK_FILTER STORE_RISK_ORDER);
	return store_stmt(st, Q_RISK_LIST_ALL_ALL,
	                  STORE_RISK_SELECT "WHERE 1" RISK_FILTER STORE_RISK_ORDER);
}

int store_risk_list(struct store *st, const struct risk_filter *f, struct risk_list *out)
{
	static const struct risk_filter none = { 0 };
	memset(out, 0, sizeof *out);
	if (!f)
		f = &none;
	int rc = store_check_day(st, "review date", f->review_by, false);
	if (rc)
		return rc;
	sqlite3_stmt *s = list_stmt(st, f);
	if (!s)
		return EX_SOFTWARE;
	if (f->client_id)
		sqlite3_bind_text(s, 1, f->client_id, -1, SQLITE_STATIC);
	sqlite3_bind_int(s, 2, f->min_score);
	store_bind_text(s, 3, f->review_by);
	size_t cap = 0;
	rc = store_read_rows(st, s, (void **)&out->items, &out->n, &cap, sizeof *out->items,
	                     store_read_risk, "listing risks");
	if (rc)
		risk_list_free(out);
	return rc;
}

int store_check_risk_link(struct store *st, const char *risk_id, const char *client_id)
{
	return store_check_link(st, Q_RISK_CLIENT, "SELECT client_id = ?2 FROM risks WHERE id = ?1",
	                        "risk", risk_id, client_id);
}

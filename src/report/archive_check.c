/*
 * archive_check.c: an archive read back (archive_in.c) checked across its
 * items: ids used twice, keys and months given twice, links to items the
 * client does not have, fields that go together.
 */
#include "internal.h"

#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "archive_in.h"

struct id_at {
	const char *id;
	struct place p;
};

static int by_id(const void *a, const void *b)
{
	return strcmp(((const struct id_at *)a)->id, ((const struct id_at *)b)->id);
}

/* The index of the field named name in kind, or -1. */
static int field_index(enum store_arc_kind kind, const char *name)
{
	const struct store_arc_info *k = &store_arc_kinds[kind];
	for (size_t j = 0; j < k->n; j++)
		if (!strcmp(k->fields[j].name, name))
			return (int)j;
	return -1;
}

static const struct store_arc_value *row_at(const struct archive *a, struct place p)
{
	return a->clients[p.client].rows[p.kind] + p.row * store_arc_kinds[p.kind].n;
}

/* No id twice in the whole file, whatever its kind. */
static int unique_ids(struct loader *ld)
{
	static const enum store_arc_kind with_id[] = { ARC_CLIENT, ARC_TIMER,  ARC_MANDATE,
		                                       ARC_RISK,   ARC_ACTION, ARC_ENTRY,
		                                       ARC_NOTE,   ARC_VENDOR, ARC_DECISION };
	const struct archive *a = ld->a;
	size_t n = 0;
	for (size_t ci = 0; ci < a->n; ci++)
		for (size_t i = 0; i < sizeof with_id / sizeof with_id[0]; i++)
			n += a->clients[ci].n[with_id[i]];
	struct id_at *all = calloc(n ? n : 1, sizeof *all);
	if (!all)
		return arc_fail(ld, "out of memory reading the archive");
	size_t used = 0;
	for (size_t ci = 0; ci < a->n; ci++)
		for (size_t i = 0; i < sizeof with_id / sizeof with_id[0]; i++)
			for (size_t r = 0; r < a->clients[ci].n[with_id[i]]; r++) {
				struct place p = { ci, with_id[i], r };
				all[used++] = (struct id_at){ row_at(a, p)[0].s, p };
			}
	qsort(all, n, sizeof *all, by_id);
	int rc = 0;
	for (size_t i = 1; !rc && i < n; i++)
		if (!strcmp(all[i - 1].id, all[i].id)) {
			char one[160], two[160];
			arc_where(ld, all[i - 1].p, one, sizeof one);
			arc_where(ld, all[i].p, two, sizeof two);
			rc = arc_fail(
			        ld, "id %s is used twice: by %s and by %s (expected each id once)",
			        all[i].id, one, two);
		}
	free(all);
	return rc;
}

/* Whether id is the id of one of the client's rows of kind. */
static bool has_id(const struct store_arc_client *c, enum store_arc_kind kind, const char *id)
{
	size_t nf = store_arc_kinds[kind].n;
	for (size_t r = 0; r < c->n[kind]; r++)
		if (!strcmp(c->rows[kind][r * nf].s, id))
			return true;
	return false;
}

/* A link from p's field name to an item of kind of the same client. */
static int link_ok(struct loader *ld, struct place p, const char *name, enum store_arc_kind kind)
{
	const struct store_arc_value *v = &row_at(ld->a, p)[field_index(p.kind, name)];
	if (v->null || has_id(&ld->a->clients[p.client], kind, v->s))
		return 0;
	char at[160];
	arc_where(ld, p, at, sizeof at);
	return arc_fail(ld, "%s: \"%s\" is %s, which is not one of this client's %s", at, name,
	                v->s, store_arc_kinds[kind].name);
}

/* Fields that go together: both or neither (a risk's residual score). */
static int pair(struct loader *ld, struct place p, const char *one, const char *two)
{
	const struct store_arc_value *row = row_at(ld->a, p);
	if (row[field_index(p.kind, one)].null == row[field_index(p.kind, two)].null)
		return 0;
	char at[160];
	arc_where(ld, p, at, sizeof at);
	return arc_fail(ld, "%s: \"%s\" and \"%s\" go together (expected both or neither)", at, one,
	                two);
}

/* The pair of ids of a link row (schema 8), for sorting. */
struct pair_at {
	const struct store_arc_value *row;
	size_t r;
};

static int by_pair(const void *a, const void *b)
{
	const struct store_arc_value *x = ((const struct pair_at *)a)->row;
	const struct store_arc_value *y = ((const struct pair_at *)b)->row;
	int c = strcmp(x[0].s, y[0].s);
	return c ? c : strcmp(x[1].s, y[1].s);
}

/* A link's two ends are this client's items, and no link is given twice. */
static int links_ok(struct loader *ld, size_t ci, enum store_arc_kind kind,
                    enum store_arc_kind from, enum store_arc_kind to)
{
	const struct store_arc_client *c = &ld->a->clients[ci];
	const struct store_arc_info *k = &store_arc_kinds[kind];
	size_t n = c->n[kind];
	int rc = 0;
	for (size_t r = 0; !rc && r < n; r++) {
		struct place p = { ci, kind, r };
		if (!(rc = link_ok(ld, p, k->fields[0].name, from)))
			rc = link_ok(ld, p, k->fields[1].name, to);
	}
	if (rc || n < 2)
		return rc;
	struct pair_at *all = calloc(n, sizeof *all);
	if (!all)
		return arc_fail(ld, "out of memory reading the archive");
	for (size_t r = 0; r < n; r++)
		all[r] = (struct pair_at){ c->rows[kind] + r * k->n, r };
	qsort(all, n, sizeof *all, by_pair);
	for (size_t i = 1; !rc && i < n; i++)
		if (!by_pair(&all[i - 1], &all[i])) {
			char at[160];
			size_t first = all[i - 1].r < all[i].r ? all[i - 1].r : all[i].r;
			size_t second = all[i - 1].r < all[i].r ? all[i].r : all[i - 1].r;
			arc_where(ld, (struct place){ ci, kind, second }, at, sizeof at);
			rc = arc_fail(ld, "%s: the same link as %s[%zu] (expected each link once)",
			              at, k->name, first);
		}
	free(all);
	return rc;
}

/* A vendor's term and end, a decision's supersession. */
static int v8_checks(struct loader *ld, size_t ci)
{
	const struct store_arc_client *c = &ld->a->clients[ci];
	char at[160];
	int rc = 0;
	int start = field_index(ARC_VENDOR, "start_date"),
	    end = field_index(ARC_VENDOR, "term_end");
	int status = field_index(ARC_VENDOR, "status"), ended = field_index(ARC_VENDOR, "ended");
	for (size_t r = 0; !rc && r < c->n[ARC_VENDOR]; r++) {
		struct place p = { ci, ARC_VENDOR, r };
		const struct store_arc_value *v = row_at(ld->a, p);
		arc_where(ld, p, at, sizeof at);
		if (!v[start].null && !v[end].null && strcmp(v[end].s, v[start].s) < 0)
			rc = arc_fail(ld, "%s: \"term_end\" %s is before \"start_date\" %s", at,
			              v[end].s, v[start].s);
		else if (!v[ended].null && strcmp(v[status].s, "ended"))
			rc = arc_fail(ld,
			              "%s: \"ended\" is %s but \"status\" is \"%s\" (expected null "
			              "unless the status is ended)",
			              at, v[ended].s, v[status].s);
	}
	int by = field_index(ARC_DECISION, "superseded_by");
	for (size_t r = 0; !rc && r < c->n[ARC_DECISION]; r++) {
		struct place p = { ci, ARC_DECISION, r };
		const struct store_arc_value *d = row_at(ld->a, p);
		if (!d[by].null && !strcmp(d[by].s, d[0].s)) {
			arc_where(ld, p, at, sizeof at);
			rc = arc_fail(
			        ld,
			        "%s: \"superseded_by\" is its own id (expected another decision)",
			        at);
		} else {
			rc = link_ok(ld, p, "superseded_by", ARC_DECISION);
		}
	}
	if (!rc)
		rc = links_ok(ld, ci, ARC_VENDOR_RISK, ARC_VENDOR, ARC_RISK);
	if (!rc)
		rc = links_ok(ld, ci, ARC_DECISION_MANDATE, ARC_DECISION, ARC_MANDATE);
	if (!rc)
		rc = links_ok(ld, ci, ARC_DECISION_RISK, ARC_DECISION, ARC_RISK);
	if (!rc)
		rc = links_ok(ld, ci, ARC_DECISION_VENDOR, ARC_DECISION, ARC_VENDOR);
	return rc;
}

static int client_checks(struct loader *ld, size_t ci, size_t *timers)
{
	const struct store_arc_client *c = &ld->a->clients[ci];
	const struct store_arc_value *row = c->rows[ARC_CLIENT];
	struct place p = { ci, ARC_CLIENT, 0 };
	char at[160];
	arc_where(ld, p, at, sizeof at);
	for (size_t i = 0; i < ci; i++)
		if (!strcmp(ld->a->clients[i].rows[ARC_CLIENT][1].s, row[1].s))
			return arc_fail(
			        ld, "%s: the key is clients[%zu]'s too (expected each key once)",
			        at, i);
	if (!row[7].null && !row[8].null && strcmp(row[8].s, row[7].s) < 0)
		return arc_fail(ld, "%s: \"end_date\" %s is before \"start_date\" %s", at, row[8].s,
		                row[7].s);
	*timers += c->n[ARC_TIMER];
	if (*timers > 1)
		return arc_fail(ld, "%s: a second timer (expected one at most in the archive)", at);
	int rc = 0;
	for (size_t r = 0; !rc && r < c->n[ARC_RISK]; r++)
		rc = pair(ld, (struct place){ ci, ARC_RISK, r }, "residual_likelihood",
		          "residual_impact");
	for (size_t r = 0; !rc && r < c->n[ARC_ACTION]; r++) {
		p = (struct place){ ci, ARC_ACTION, r };
		if (!(rc = link_ok(ld, p, "mandate_id", ARC_MANDATE)))
			rc = link_ok(ld, p, "risk_id", ARC_RISK);
	}
	for (size_t r = 0; !rc && r < c->n[ARC_ENTRY]; r++) {
		p = (struct place){ ci, ARC_ENTRY, r };
		const struct store_arc_value *e = row_at(ld->a, p);
		if (!(rc = link_ok(ld, p, "mandate_id", ARC_MANDATE)) &&
		    !(rc = pair(ld, p, "service", "source_key")) && e[7].null &&
		    (!e[9].null || !e[10].null)) {
			arc_where(ld, p, at, sizeof at);
			rc = arc_fail(ld, "%s: a start or end time without a \"service\"", at);
		}
	}
	for (size_t r = 0; !rc && r < c->n[ARC_LOCK]; r++)
		for (size_t s = 0; !rc && s < r; s++)
			if (!strcmp(c->rows[ARC_LOCK][r * 3].s, c->rows[ARC_LOCK][s * 3].s)) {
				arc_where(ld, (struct place){ ci, ARC_LOCK, r }, at, sizeof at);
				rc = arc_fail(
				        ld,
				        "%s: month %s is locked twice (expected each month once)",
				        at, c->rows[ARC_LOCK][r * 3].s);
			}
	return rc ? rc : v8_checks(ld, ci);
}

int arc_check(struct loader *ld)
{
	int rc = 0;
	size_t timers = 0;
	for (size_t i = 0; !rc && i < ld->a->n; i++)
		rc = client_checks(ld, i, &timers);
	return rc ? rc : unique_ids(ld);
}

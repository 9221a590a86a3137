/*
 * sync-sim-ops.c: the random writes of the sync simulation, each through
 * the store's write functions and the rules the shell applies (the
 * same calls `cxo log`, `cxo risk close`, `cxo action done` ... make).
 * A write the store refuses as it would refuse the command (a locked
 * month, a client that holds something, a key taken) counts as refused;
 * any other failure ends the simulation.
 */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "cxo/date.h"
#include "cxo/rules.h"
#include "sync-sim.h"

/* A new text "what N" (caller frees), N random. */
static char *txt(struct sim *s, const char *what)
{
	char buf[64];
	snprintf(buf, sizeof buf, "%s %ld", what, sim_below(s, 100000));
	char *p = strdup(buf);
	if (!p) {
		fputs("sync-sim: out of memory\n", stderr);
		exit(EX_OSERR);
	}
	return p;
}

/* A day from 40 days before today to 10 after. */
static void rand_day(struct sim *s, char out[DAY_LEN])
{
	date_format_iso((cxo_day)(sim_today() - 40 + (cxo_day)sim_below(s, 51)), out);
}

/* The id of a random row of table on device d with where true (ids in
 * order, so a seed picks the same rows again); false when none. */
static bool pick(struct sim *s, int d, const char *table, const char *col, const char *where,
                 char id[UUID_LEN])
{
	char sql[512];
	snprintf(sql, sizeof sql, "SELECT count(*) FROM d%d.%s WHERE %s", d, table, where);
	long long n = sim_query_int(s, sql);
	if (n <= 0)
		return false;
	snprintf(sql, sizeof sql, "SELECT %s FROM d%d.%s WHERE %s ORDER BY %s LIMIT 1 OFFSET %ld",
	         col, d, table, where, col, sim_below(s, (long)n));
	char buf[64];
	if (sim_query_text(s, sql, NULL, buf, sizeof buf) || strlen(buf) != UUID_LEN - 1)
		return false;
	memcpy(id, buf, UUID_LEN);
	return true;
}

static bool pick_client(struct sim *s, int d, char id[UUID_LEN])
{
	return pick(s, d, "clients", "id", "1", id);
}

/* A mandate of the client (or "" when it has none, or at random). */
static void pick_mandate_of(struct sim *s, int d, const char *client_id, char id[UUID_LEN])
{
	char where[128];
	snprintf(where, sizeof where, "client_id = '%s' AND status = 'active'", client_id);
	if (sim_chance(s, 40) || !pick(s, d, "mandates", "id", where, id))
		id[0] = '\0';
}

/* The result of a write: refusals the command would make pass. */
static int done(struct sim *s, int d, const char *what, int rc)
{
	if (rc == EX_DATAERR || rc == EX_NOINPUT) {
		s->stats.refused++;
		return 0;
	}
	if (rc)
		return sim_failf(s, "%s on %s failed (%d): %s", what, s->dev[d].name, rc,
		                 store_error(s->dev[d].st));
	s->stats.writes++;
	return 0;
}

/* Whether op (-1: any) is one SYNC_SIM_CALM leaves out: the deletes
 * (an unlock is one), undo and redo. */
static bool sim_racy_op(int op)
{
	const char *calm = getenv("SYNC_SIM_CALM");
	if (!calm || !*calm)
		return false;
	return op == -1 || op == 2 || op == 9 || op == 13 || op == 16 || op == 19 || op == 23 ||
	       op == 26 || op == 27 || op == 28;
}

/* ---- the writes ---- */

static int client_add(struct sim *s, int d)
{
	struct client c = { 0 };
	/* few keys, so two devices sometimes take the same one (unless
	 * SYNC_SIM_OWN_KEYS is set: each device its own, to look past that) */
	const char *own = getenv("SYNC_SIM_OWN_KEYS");
	if (own && *own)
		snprintf(c.key, sizeof c.key, "d%dk%ld", d, sim_below(s, 40));
	else
		snprintf(c.key, sizeof c.key, "k%ld", sim_below(s, 40));
	c.name = txt(s, "client");
	snprintf(c.role, sizeof c.role, "%s", sim_chance(s, 50) ? "cio" : "ciso");
	c.budget_minutes = 60 * (10 + sim_below(s, 30));
	c.rate_cents = 10000 + 500 * sim_below(s, 20);
	int rc = store_client_add(s->dev[d].st, &c);
	client_free(&c);
	return done(s, d, "client add", rc);
}

static int client_edit(struct sim *s, int d)
{
	char id[UUID_LEN];
	struct client c = { 0 };
	if (!pick_client(s, d, id))
		return 0;
	struct store *st = s->dev[d].st;
	int rc = store_client_get_by_id(st, id, &c);
	if (rc == 0) {
		switch (sim_below(s, 4)) {
		case 0:
			free(c.name);
			c.name = txt(s, "client");
			break;
		case 1:
			c.budget_minutes = 60 * (5 + sim_below(s, 40));
			break;
		case 2:
			snprintf(c.status, sizeof c.status, "%s",
			         sim_chance(s, 70) ? "active" : "paused");
			break;
		default:
			c.rate_cents = 10000 + 500 * sim_below(s, 20);
			break;
		}
		rc = store_client_update(st, &c);
	}
	client_free(&c);
	return done(s, d, "client edit", rc);
}

static int client_delete(struct sim *s, int d)
{
	char id[UUID_LEN];
	/* one holding nothing when there is one, as `cxo client delete` needs */
	if (!pick(s, d, "clients", "id",
	          "id NOT IN (SELECT client_id FROM time_entries UNION SELECT client_id FROM"
	          " mandates UNION SELECT client_id FROM risks UNION SELECT client_id FROM actions"
	          " UNION SELECT client_id FROM notes UNION SELECT client_id FROM timer)",
	          id) &&
	    !pick_client(s, d, id))
		return 0;
	struct client_holdings held;
	return done(s, d, "client delete", store_client_delete(s->dev[d].st, id, &held));
}

static int entry_add(struct sim *s, int d)
{
	struct entry e = { 0 };
	if (!pick_client(s, d, e.client_id))
		return 0;
	pick_mandate_of(s, d, e.client_id, e.mandate_id);
	rand_day(s, e.day);
	e.minutes = 15 * (1 + (int)sim_below(s, 16));
	e.note = sim_chance(s, 70) ? txt(s, "work") : NULL;
	e.billable = sim_chance(s, 80);
	int rc = store_entry_add(s->dev[d].st, &e);
	entry_free(&e);
	return done(s, d, "log", rc);
}

static int entry_edit(struct sim *s, int d)
{
	char id[UUID_LEN];
	struct entry e = { 0 };
	if (!pick(s, d, "time_entries", "id", "1", id))
		return 0;
	struct store *st = s->dev[d].st;
	int rc = store_entry_get(st, id, &e);
	if (rc == 0) {
		switch (sim_below(s, 5)) {
		case 0:
			e.minutes = 15 * (1 + (int)sim_below(s, 16));
			break;
		case 1:
			free(e.note);
			e.note = txt(s, "work");
			break;
		case 2:
			e.billable = !e.billable;
			break;
		case 3:
			if (sim_racy_op(-1))
				break;
			rand_day(s, e.day); /* moves it: a new primary key */
			break;
		default:
			pick_mandate_of(s, d, e.client_id, e.mandate_id);
			break;
		}
		rc = store_entry_update(st, &e);
	}
	entry_free(&e);
	return done(s, d, "hours edit", rc);
}

static int entry_delete(struct sim *s, int d)
{
	char id[UUID_LEN];
	if (!pick(s, d, "time_entries", "id", "1", id))
		return 0;
	return done(s, d, "hours delete", store_entry_delete(s->dev[d].st, id));
}

static int timer_op(struct sim *s, int d, int what)
{
	struct store *st = s->dev[d].st;
	struct timer t = { 0 };
	int rc = store_timer_get(st, &t);
	if (rc && rc != EX_NOINPUT)
		return done(s, d, "timer", rc);
	bool running = rc == 0;
	if (what == 0 && !running) {
		if (pick_client(s, d, t.client_id)) {
			t.note = sim_chance(s, 50) ? txt(s, "timed") : NULL;
			rc = done(s, d, "timer start", store_timer_start(st, &t));
		}
	} else if (what == 1 && running) {
		struct entry e = { 0 };
		memcpy(e.client_id, t.client_id, UUID_LEN);
		date_format_iso(sim_today(), e.day);
		e.minutes = 5 + (int)sim_below(s, 120);
		e.billable = true;
		e.note = t.note ? strdup(t.note) : NULL;
		rc = done(s, d, "timer stop", store_timer_stop(st, &e));
		entry_free(&e);
	} else if (what == 2 && running) {
		rc = done(s, d, "timer cancel", store_timer_cancel(st));
	} else {
		rc = 0;
	}
	timer_free(&t);
	return rc;
}

static int risk_add(struct sim *s, int d)
{
	struct risk r = { 0 };
	if (!pick_client(s, d, r.client_id))
		return 0;
	risk_begin(&r, sim_today());
	r.title = txt(s, "risk");
	r.likelihood = 1 + (int)sim_below(s, 5);
	r.impact = 1 + (int)sim_below(s, 5);
	r.owner = sim_chance(s, 50) ? txt(s, "owner") : NULL;
	int rc = store_risk_add(s->dev[d].st, &r);
	risk_free(&r);
	return done(s, d, "risk add", rc);
}

/* what: 0 edit, 1 close (or reopen a closed one), 2 delete. */
static int risk_op(struct sim *s, int d, int what)
{
	char id[UUID_LEN];
	if (!pick(s, d, "risks", "id", "1", id))
		return 0;
	struct store *st = s->dev[d].st;
	if (what == 2)
		return done(s, d, "risk delete", store_risk_delete(st, id));
	struct risk r = { 0 };
	int rc = store_risk_get(st, id, &r);
	char err[256];
	if (rc == 0 && what == 1) {
		const char *to = strcmp(r.status, "closed") ? "closed" : "open";
		rc = risk_set_status(&r, to, "", sim_today(), err, sizeof err);
	} else if (rc == 0) {
		switch (sim_below(s, 4)) {
		case 0:
			free(r.title);
			r.title = txt(s, "risk");
			break;
		case 1:
			r.likelihood = 1 + (int)sim_below(s, 5);
			break;
		case 2:
			r.impact = 1 + (int)sim_below(s, 5);
			break;
		default:
			free(r.mitigation);
			r.mitigation = txt(s, "mitigation");
			break;
		}
	}
	if (rc == 0)
		rc = store_risk_update(st, &r);
	risk_free(&r);
	return done(s, d, what ? "risk close" : "risk edit", rc);
}

static int action_add(struct sim *s, int d)
{
	struct action a = { 0 };
	if (!pick_client(s, d, a.client_id))
		return 0;
	pick_mandate_of(s, d, a.client_id, a.mandate_id);
	char where[128];
	snprintf(where, sizeof where, "client_id = '%s'", a.client_id);
	if (sim_chance(s, 50) || !pick(s, d, "risks", "id", where, a.risk_id))
		a.risk_id[0] = '\0';
	a.title = txt(s, "action");
	char err[256];
	bool waiting = sim_chance(s, 20);
	int rc =
	        action_begin(&a, NULL, waiting ? "vendor" : NULL, "", sim_today(), err, sizeof err);
	if (rc == 0) {
		if (sim_chance(s, 50))
			date_format_iso((cxo_day)(sim_today() + (cxo_day)sim_below(s, 30)), a.due);
		rc = store_action_add(s->dev[d].st, &a);
	}
	action_free(&a);
	return done(s, d, "action add", rc);
}

/* what: 0 edit, 1 done (or reopen), 2 delete. */
static int action_op(struct sim *s, int d, int what)
{
	char id[UUID_LEN];
	if (!pick(s, d, "actions", "id", "1", id))
		return 0;
	struct store *st = s->dev[d].st;
	if (what == 2)
		return done(s, d, "action delete", store_action_delete(st, id));
	struct action a = { 0 };
	int rc = store_action_get(st, id, &a);
	char err[256];
	if (rc == 0 && what == 1) {
		if (action_is_open(&a))
			rc = action_set_status(&a, "done", NULL, sim_today(), err, sizeof err);
		else
			rc = action_reopen(&a, NULL, sim_today(), err, sizeof err);
	} else if (rc == 0) {
		switch (sim_below(s, 3)) {
		case 0:
			free(a.title);
			a.title = txt(s, "action");
			break;
		case 1:
			date_format_iso((cxo_day)(sim_today() + (cxo_day)sim_below(s, 30)), a.due);
			break;
		default:
			free(a.owner);
			a.owner = sim_chance(s, 50) ? txt(s, "owner") : NULL;
			break;
		}
	}
	if (rc == 0)
		rc = store_action_update(st, &a);
	action_free(&a);
	return done(s, d, what ? "action done" : "action edit", rc);
}

static int mandate_add(struct sim *s, int d)
{
	struct mandate m = { 0 };
	if (!pick_client(s, d, m.client_id))
		return 0;
	m.title = txt(s, "mandate");
	m.area = sim_chance(s, 50) ? txt(s, "area") : NULL;
	snprintf(m.status, sizeof m.status, "active");
	if (sim_chance(s, 60))
		date_format_iso((cxo_day)(sim_today() + (cxo_day)sim_below(s, 90)), m.due);
	int rc = store_mandate_add(s->dev[d].st, &m);
	mandate_free(&m);
	return done(s, d, "mandate add", rc);
}

/* what: 1 close (done, dropped or active again), 2 delete. */
static int mandate_op(struct sim *s, int d, int what)
{
	char id[UUID_LEN];
	if (!pick(s, d, "mandates", "id", "1", id))
		return 0;
	struct store *st = s->dev[d].st;
	if (what == 2)
		return done(s, d, "mandate delete", store_mandate_delete(st, id));
	struct mandate m = { 0 };
	int rc = store_mandate_get(st, id, &m);
	if (rc == 0) {
		static const char *const to[] = { "done", "dropped", "active" };
		snprintf(m.status, sizeof m.status, "%s", to[sim_below(s, 3)]);
		rc = store_mandate_update(st, &m);
	}
	mandate_free(&m);
	return done(s, d, "mandate close", rc);
}

/* what: 0 add, 1 edit, 2 delete, 3 share (or unshare). */
static int note_op(struct sim *s, int d, int what)
{
	struct store *st = s->dev[d].st;
	struct note n = { 0 };
	int rc;
	if (what == 0) {
		if (!pick_client(s, d, n.client_id))
			return 0;
		n.text = txt(s, "note");
		rc = store_note_add(st, &n);
		note_free(&n);
		return done(s, d, "note add", rc);
	}
	char id[UUID_LEN];
	if (!pick(s, d, "notes", "id", "1", id))
		return 0;
	if (what == 2)
		return done(s, d, "note delete", store_note_delete(st, id));
	if (what == 3) {
		bool shared = false;
		if ((rc = store_note_is_shared(st, id, &shared)) == 0)
			rc = store_note_set_shared(st, id, !shared);
		return done(s, d, "note share", rc);
	}
	memcpy(n.id, id, UUID_LEN);
	n.text = txt(s, "note");
	rc = store_note_update(st, &n);
	note_free(&n);
	return done(s, d, "note edit", rc);
}

static int terms_set(struct sim *s, int d)
{
	char id[UUID_LEN];
	if (!pick_client(s, d, id))
		return 0;
	struct store *st = s->dev[d].st;
	struct client_terms t = { 0 };
	int rc = store_terms_get(st, id, &t);
	if (rc == 0) {
		if (sim_chance(s, 50))
			t.round_minutes = 15 * (int)sim_below(s, 5);
		else
			t.rollover_cap_minutes = 60 * sim_below(s, 10);
		rc = store_terms_set(st, id, &t);
	}
	client_terms_free(&t);
	return done(s, d, "billing terms", rc);
}

/* Locks or opens last month or this one. */
static int lock_op(struct sim *s, int d, bool lock)
{
	char id[UUID_LEN], month[MONTH_LEN], day[DAY_LEN];
	if (!pick_client(s, d, id))
		return 0;
	date_format_iso((cxo_day)(sim_today() - (sim_chance(s, 50) ? 31 : 0)), day);
	snprintf(month, sizeof month, "%.7s", day);
	struct store *st = s->dev[d].st;
	if (!lock)
		return done(s, d, "hours unlock", store_lock_clear(st, id, month));
	char invoice[32];
	snprintf(invoice, sizeof invoice, "INV-%ld", sim_below(s, 1000));
	return done(s, d, "hours lock", store_lock_set(st, id, month, invoice));
}

static int undo_op(struct sim *s, int d, bool redo)
{
	struct journal_entry e = { 0 };
	struct store *st = s->dev[d].st;
	int rc = redo ? store_redo(st, &e) : store_undo(st, 0, &e);
	journal_entry_free(&e);
	return done(s, d, redo ? "redo" : "undo", rc);
}

int sim_write(struct sim *s, int d)
{
	static const struct {
		int weight, op;
	} ops[] = {
		{ 18, 0 }, { 7, 1 },  { 4, 2 },             /* log, edit, delete */
		{ 3, 3 },  { 3, 4 },  { 1, 5 },             /* timer start, stop, cancel */
		{ 6, 6 },  { 5, 7 },  { 3, 8 },  { 2, 9 },  /* risk add, edit, close, delete */
		{ 6, 10 }, { 4, 11 }, { 4, 12 }, { 2, 13 }, /* action add, edit, done, delete */
		{ 3, 14 }, { 2, 15 }, { 1, 16 },            /* mandate add, close, delete */
		{ 5, 17 }, { 3, 18 }, { 2, 19 }, { 3, 20 }, /* note add, edit, delete, share */
		{ 3, 21 }, { 3, 22 }, { 2, 23 },            /* client add, edit, delete */
		{ 2, 24 }, { 2, 25 }, { 2, 26 },            /* terms, lock, unlock */
		{ 2, 27 }, { 1, 28 },                       /* undo, redo */
	};
	/* SYNC_SIM_CALM: no deletes, unlocks, undo or redo racing the edits,
	 * no entry moved to another day (to tell a failure of those rules
	 * from the others'). */
	const char *calm = getenv("SYNC_SIM_CALM");
	bool quiet = calm && *calm;
	int total = 0;
	for (size_t i = 0; i < sizeof ops / sizeof ops[0]; i++)
		if (!(quiet && sim_racy_op(ops[i].op)))
			total += ops[i].weight;
	long r = sim_below(s, total);
	int op = 0;
	for (size_t i = 0; i < sizeof ops / sizeof ops[0]; i++) {
		if (quiet && sim_racy_op(ops[i].op))
			continue;
		if (r < ops[i].weight) {
			op = ops[i].op;
			break;
		}
		r -= ops[i].weight;
	}
	sim_use(s, d);
	int rc;
	switch (op) {
	case 0:
		rc = entry_add(s, d);
		break;
	case 1:
		rc = entry_edit(s, d);
		break;
	case 2:
		rc = entry_delete(s, d);
		break;
	case 3:
	case 4:
	case 5:
		rc = timer_op(s, d, op - 3);
		break;
	case 6:
		rc = risk_add(s, d);
		break;
	case 7:
	case 8:
	case 9:
		rc = risk_op(s, d, op - 7);
		break;
	case 10:
		rc = action_add(s, d);
		break;
	case 11:
		rc = action_op(s, d, 0);
		break;
	case 12:
		rc = action_op(s, d, 1);
		break;
	case 13:
		rc = action_op(s, d, 2);
		break;
	case 14:
		rc = mandate_add(s, d);
		break;
	case 15:
	case 16:
		rc = mandate_op(s, d, op - 14);
		break;
	case 17:
	case 18:
	case 19:
	case 20:
		rc = note_op(s, d, op - 17);
		break;
	case 21:
		rc = client_add(s, d);
		break;
	case 22:
		rc = client_edit(s, d);
		break;
	case 23:
		rc = client_delete(s, d);
		break;
	case 24:
		rc = terms_set(s, d);
		break;
	case 25:
	case 26:
		rc = lock_op(s, d, op == 25);
		break;
	default:
		rc = undo_op(s, d, op == 28);
		break;
	}
	return rc ? rc : sim_track(s, d);
}

/* ---- the portfolio every device starts from ---- */

int sim_seed(struct sim *s)
{
	sim_use(s, 0);
	int rc = 0;
	for (int i = 0; !rc && i < 3; i++) {
		struct client c = { 0 };
		snprintf(c.key, sizeof c.key, "seed%d", i);
		c.name = txt(s, "client");
		snprintf(c.role, sizeof c.role, "cto");
		c.budget_minutes = 20 * 60;
		rc = store_client_add(s->dev[0].st, &c);
		client_free(&c);
		if (rc)
			return sim_failf(s, "seeding a client: %s", store_error(s->dev[0].st));
	}
	/* a few of everything, through the same writes */
	for (int i = 0; !rc && i < 40; i++) {
		switch (i % 5) {
		case 0:
			rc = entry_add(s, 0);
			break;
		case 1:
			rc = risk_add(s, 0);
			break;
		case 2:
			rc = action_add(s, 0);
			break;
		case 3:
			rc = mandate_add(s, 0);
			break;
		default:
			rc = note_op(s, 0, 0);
			break;
		}
	}
	return rc ? rc : sim_track(s, 0);
}

/*
 * ics.c: `cxo export --format ics`, due dates for calendars (RFC 5545):
 * open actions with a due day as VTODOs, active mandates' due days and
 * open risks' review days as all-day VEVENTs.  Written by hand (escaping
 * and folding are a few lines); the tests read it back with libical.
 */
#include "sheet_impl.h"

#include "cxo/clock.h"
#include "cxo/rules.h"
#include "cxo/sheet.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#ifndef CXO_VERSION
#define CXO_VERSION "0"
#endif

/* Whether the bytes at p begin a control character RFC 5545 forbids in
 * TEXT (C0 but TAB, CR and LF; DEL; C1): its length, else 0.  Calendar
 * programs show a summary as it is, some in a terminal. */
static size_t control_len(const unsigned char *p)
{
	if ((*p < 0x20 && *p != '\t' && *p != '\r' && *p != '\n') || *p == 0x7f)
		return 1;
	if (p[0] == 0xC2 && p[1] >= 0x80 && p[1] <= 0x9F)
		return 2;
	return 0;
}

char *ics_escape(const char *text)
{
	const unsigned char *s = (const unsigned char *)(text ? text : "");
	size_t n = 1;
	for (const unsigned char *p = s; *p; p++)
		n += strchr("\\;,\r\n", *p) ? 2 : 1;
	char *out = malloc(n);
	if (!out)
		return NULL;
	char *o = out;
	for (const unsigned char *p = s; *p; p++) {
		size_t skip = control_len(p);
		if (skip) {
			p += skip - 1;
		} else if (*p == '\r' || *p == '\n') {
			if (*p == '\r' && p[1] == '\n')
				p++; /* CR LF is one line break */
			*o++ = '\\';
			*o++ = 'n';
		} else {
			if (strchr("\\;,", *p))
				*o++ = '\\';
			*o++ = (char)*p;
		}
	}
	*o = '\0';
	return out;
}

/* The octets of the UTF-8 sequence that starts at p: its lead byte's
 * length, cut short at the first byte that does not continue it (a
 * broken sequence is then never longer than what it holds). */
static size_t utf8_seq_len(const unsigned char *p)
{
	size_t want = *p < 0xC0 ? 1 : *p < 0xE0 ? 2 : *p < 0xF0 ? 3 : 4;
	size_t n = 1;
	while (n < want && (p[n] & 0xC0) == 0x80)
		n++;
	return n;
}

int ics_put_folded(FILE *out, const char *line)
{
	const unsigned char *p = (const unsigned char *)line;
	size_t used = 0;
	int bad = 0;
	while (*p && !bad) {
		size_t n = utf8_seq_len(p);
		if (used + n > ICS_LINE_MAX) {
			bad |= fputs("\r\n ", out) == EOF;
			used = 1; /* the space that continues the line */
		}
		bad |= fwrite(p, 1, n, out) != n;
		used += n;
		p += n;
	}
	bad |= fputs("\r\n", out) == EOF;
	return bad ? EX_IOERR : 0;
}

/* ---- building a content line ---- */

struct text {
	char *p;
	size_t n, cap;
	bool oom;
};

static void add_n(struct text *t, const char *s, size_t len)
{
	if (t->oom)
		return;
	if (t->n + len + 1 > t->cap) {
		size_t cap = t->cap ? t->cap : 256;
		while (cap < t->n + len + 1)
			cap *= 2;
		char *p = realloc(t->p, cap);
		if (!p) {
			t->oom = true;
			return;
		}
		t->p = p;
		t->cap = cap;
	}
	memcpy(t->p + t->n, s, len);
	t->n += len;
	t->p[t->n] = '\0';
}

static void add(struct text *t, const char *s)
{
	add_n(t, s, strlen(s));
}

/* text escaped as a TEXT value. */
static void add_escaped(struct text *t, const char *text)
{
	char *e = ics_escape(text);
	if (!e)
		t->oom = true;
	else
		add(t, e);
	free(e);
}

/* "label: value" as a line of a description, when value is set. */
static void add_field(struct text *t, const char *label, const char *value)
{
	if (!value || !*value)
		return;
	if (t->n)
		add(t, "\n");
	add(t, label);
	add(t, ": ");
	add(t, value);
}

struct ics_job {
	FILE *out;
	struct store *st;
	const struct sheet_ics_request *r;
	struct client_list clients;
	char stamp[17]; /* DTSTAMP: YYYYMMDDTHHMMSSZ */
	struct text line, desc;
	bool failed; /* a write failed (not the reading) */
};

/* Writes the line built in j->line, then empties it. */
static int put_line(struct ics_job *j)
{
	int rc = 0;
	if (j->line.oom)
		rc = EX_OSERR;
	else if (ics_put_folded(j->out, j->line.p ? j->line.p : "")) {
		j->failed = true;
		rc = EX_IOERR;
	}
	j->line.n = 0;
	if (j->line.p)
		j->line.p[0] = '\0';
	return rc;
}

/* name:value, value written as it is (cxo's own words and numbers). */
static int put_plain(struct ics_job *j, const char *name, const char *value)
{
	add(&j->line, name);
	add(&j->line, ":");
	add(&j->line, value);
	return put_line(j);
}

/* name:value, value escaped as TEXT. */
static int put_text(struct ics_job *j, const char *name, const char *value)
{
	add(&j->line, name);
	add(&j->line, ":");
	add_escaped(&j->line, value);
	return put_line(j);
}

/* ISO day (YYYY-MM-DD) to an iCalendar DATE (YYYYMMDD), plus days. */
static bool ics_date(const char *iso, int plus, char out[9])
{
	cxo_day d;
	char buf[DATE_ISO_LEN];
	if (!date_parse_iso(iso, &d))
		return false;
	date_format_iso(d + plus, buf);
	snprintf(out, 9, "%.4s%.2s%.2s", buf, buf + 5, buf + 8);
	return true;
}

/* UID, DTSTAMP and CATEGORIES (the client's key and name), which every
 * component has. */
static int put_common(struct ics_job *j, const char *id, const char *suffix, const char *client_id,
                      const char *client_key)
{
	int rc;
	add(&j->line, "UID:");
	add(&j->line, id);
	add(&j->line, suffix);
	add(&j->line, "@cxo");
	if ((rc = put_line(j)) || (rc = put_plain(j, "DTSTAMP", j->stamp)))
		return rc;
	const char *name = NULL;
	for (size_t i = 0; !name && i < j->clients.n; i++)
		if (!strcmp(j->clients.items[i].id, client_id))
			name = j->clients.items[i].name ? j->clients.items[i].name : "";
	add(&j->line, "CATEGORIES:");
	add_escaped(&j->line, client_key);
	if (name && *name) {
		add(&j->line, ",");
		add_escaped(&j->line, name);
	}
	return put_line(j);
}

/* DESCRIPTION from j->desc, then empties it. */
static int put_desc(struct ics_job *j)
{
	int rc = 0;
	if (j->desc.oom)
		rc = EX_OSERR;
	else if (j->desc.n)
		rc = put_text(j, "DESCRIPTION", j->desc.p);
	j->desc.n = 0;
	return rc;
}

static int action_todo(const struct action *a, void *arg)
{
	struct ics_job *j = arg;
	char due[9];
	if (!ics_date(a->due, 0, due))
		return 0; /* the calendar reading gives dated actions only */
	int priority = action_is_overdue(a, j->r->today)    ? 1
	               : action_is_due_soon(a, j->r->today) ? 5
	                                                    : 9;
	char prio[4];
	snprintf(prio, sizeof prio, "%d", priority);
	add_field(&j->desc, "Owner", owner_is_me(a->owner) ? "me" : a->owner);
	if (a->waiting_for && *a->waiting_for) {
		struct text w = { 0 };
		add(&w, a->waiting_for);
		if (*a->waiting_since) {
			add(&w, " since ");
			add(&w, a->waiting_since);
		}
		j->desc.oom |= w.oom;
		add_field(&j->desc, "Waiting for", w.p);
		free(w.p);
	}
	add_field(&j->desc, "Mandate", a->mandate_title);
	add_field(&j->desc, "Risk", a->risk_title);
	int rc;
	if (!(rc = put_plain(j, "BEGIN", "VTODO")) &&
	    !(rc = put_common(j, a->id, "", a->client_id, a->client_key)) &&
	    !(rc = put_text(j, "SUMMARY", a->title)) &&
	    !(rc = put_plain(j, "DUE;VALUE=DATE", due)) &&
	    !(rc = put_plain(j, "STATUS", action_is_waiting(a) ? "IN-PROCESS" : "NEEDS-ACTION")) &&
	    !(rc = put_plain(j, "PRIORITY", prio)) && !(rc = put_desc(j)))
		rc = put_plain(j, "END", "VTODO");
	return rc;
}

/* An all-day VEVENT on the ISO day. */
static int day_event(struct ics_job *j, const char *id, const char *suffix, const char *client_id,
                     const char *client_key, const char *day, const char *what, const char *title)
{
	char start[9], end[9];
	if (!ics_date(day, 0, start) || !ics_date(day, 1, end)) {
		j->desc.n = 0;
		return 0; /* the calendar reading gives dated items only */
	}
	struct text summary = { 0 };
	add(&summary, what);
	add(&summary, title);
	int rc = summary.oom ? EX_OSERR : 0;
	if (!rc && !(rc = put_plain(j, "BEGIN", "VEVENT")) &&
	    !(rc = put_common(j, id, suffix, client_id, client_key)) &&
	    !(rc = put_plain(j, "DTSTART;VALUE=DATE", start)) &&
	    !(rc = put_plain(j, "DTEND;VALUE=DATE", end)) &&
	    !(rc = put_text(j, "SUMMARY", summary.p)) && !(rc = put_desc(j)) &&
	    !(rc = put_plain(j, "TRANSP", "TRANSPARENT")))
		rc = put_plain(j, "END", "VEVENT");
	free(summary.p);
	return rc;
}

static int mandate_event(const struct sheet_mandate *row, void *arg)
{
	struct ics_job *j = arg;
	const struct mandate *m = &row->m;
	char open[16];
	snprintf(open, sizeof open, "%d", m->open_actions);
	add_field(&j->desc, "Area", m->area);
	add_field(&j->desc, "Measure of success", m->measure);
	add_field(&j->desc, "Open actions", open);
	return day_event(j, m->id, "-due", m->client_id, m->client_key, m->due,
	                 "Mandate due: ", m->title);
}

static int risk_event(const struct risk *k, void *arg)
{
	struct ics_job *j = arg;
	char score[48];
	snprintf(score, sizeof score, "%d (likelihood %d, impact %d)", k->likelihood * k->impact,
	         k->likelihood, k->impact);
	add_field(&j->desc, "Score", score);
	add_field(&j->desc, "Status", k->status);
	add_field(&j->desc, "Owner", k->owner);
	add_field(&j->desc, "Framework", k->framework);
	add_field(&j->desc, "Mitigation", k->mitigation);
	return day_event(j, k->id, "-review", k->client_id, k->client_key, k->review,
	                 "Risk review: ", k->title);
}

int sheet_ics_write(struct store *st, const struct sheet_ics_request *r, FILE *out, char *err,
                    size_t errsz)
{
	struct ics_job j = { .out = out, .st = st, .r = r };
	char utc[CLOCK_STAMP_LEN];
	clock_stamp_format(r->now, utc); /* YYYY-MM-DDTHH:MM:SSZ */
	snprintf(j.stamp, sizeof j.stamp, "%.4s%.2s%.2sT%.2s%.2s%.2sZ", utc, utc + 5, utc + 8,
	         utc + 11, utc + 14, utc + 17);
	struct sheet_query q = { .client_id = r->client_id, .calendar = true };
	int rc = store_client_list(st, true, &j.clients);
	if (!rc && !(rc = put_plain(&j, "BEGIN", "VCALENDAR")) &&
	    !(rc = put_plain(&j, "VERSION", "2.0")) &&
	    !(rc = put_plain(&j, "PRODID", "-//cxo//cxo " CXO_VERSION "//EN")) &&
	    !(rc = put_plain(&j, "CALSCALE", "GREGORIAN")) &&
	    !(rc = store_sheet_actions(st, &q, action_todo, &j)) &&
	    !(rc = store_sheet_mandates(st, &q, mandate_event, &j)) &&
	    !(rc = store_sheet_risks(st, &q, risk_event, &j)))
		rc = put_plain(&j, "END", "VCALENDAR");
	if (!rc && (fflush(out) == EOF || ferror(out))) {
		j.failed = true;
		rc = EX_IOERR;
	}
	if (j.failed)
		snprintf(err, errsz, "cannot write the calendar");
	else if (rc == EX_OSERR)
		snprintf(err, errsz, "out of memory");
	else if (rc)
		snprintf(err, errsz, "%s", store_error(st));
	client_list_free(&j.clients);
	free(j.line.p);
	free(j.desc.p);
	return rc;
}

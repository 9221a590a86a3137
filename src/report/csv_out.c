/*
 * csv_out.c: the tables of `cxo export --format csv` (RFC 4180): hours,
 * actions, risks and mandates, a row at a time from the store.
 */
#include "sheet_impl.h"

#include "cxo/duration.h"
#include "cxo/sheet.h"

#include <stdio.h>
#include <string.h>
#include <sysexits.h>

bool sheet_table_parse(const char *word, enum sheet_table *out)
{
	static const char *const names[] = { "hours", "actions", "risks", "mandates" };
	for (size_t i = 0; word && i < sizeof names / sizeof *names; i++)
		if (!strcmp(word, names[i])) {
			*out = (enum sheet_table)i;
			return true;
		}
	return false;
}

bool csv_is_formula(const char *text)
{
	return text && *text && strchr("=+-@\t\r", *text);
}

int csv_put_cell(FILE *out, const char *text, bool raw)
{
	const char *s = text ? text : "";
	bool formula = !raw && csv_is_formula(s);
	bool quote = strpbrk(s, ",\"\r\n") != NULL;
	int bad = 0;
	if (quote)
		bad |= putc('"', out) == EOF;
	if (formula)
		bad |= putc('\'', out) == EOF;
	for (const char *p = s; *p && !bad; p++) {
		if (*p == '"')
			bad |= putc('"', out) == EOF;
		bad |= putc(*p, out) == EOF;
	}
	if (quote)
		bad |= putc('"', out) == EOF;
	return bad ? EX_IOERR : 0;
}

struct csv_job {
	FILE *out;
	bool raw;
	bool failed; /* a write failed (not the reading) */
};

/* One row of n cells, CRLF ended. */
static int put_row(struct csv_job *j, const char *const *cells, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (csv_put_cell(j->out, cells[i], j->raw) ||
		    fputs(i + 1 < n ? "," : "\r\n", j->out) == EOF) {
			j->failed = true;
			return EX_IOERR;
		}
	}
	return 0;
}

#define COUNT(a) (sizeof(a) / sizeof *(a))

/* A day, or "" for none (a NULL cell reads the same). */
static const char *day_or_empty(const char *day)
{
	return day ? day : "";
}

static const char *const hours_head[] = { "date",     "client", "mandate", "minutes", "hours",
	                                  "billable", "note",   "start",   "end",     "id" };

static int hours_row(const struct sheet_entry *row, void *arg)
{
	const struct entry *e = &row->e;
	char minutes[16], hours[32];
	snprintf(minutes, sizeof minutes, "%d", e->minutes);
	duration_format_as(e->minutes, HOURS_DECIMAL, DURATION_NO_UNIT | DURATION_TWO_PLACES, hours,
	                   sizeof hours);
	const char *cells[] = { e->day,  e->client_key, e->mandate_title,
		                minutes, hours,         e->billable ? "yes" : "no",
		                e->note, row->start,    row->end,
		                e->id };
	return put_row(arg, cells, COUNT(cells));
}

static const char *const actions_head[] = { "id",          "client",  "title",   "owner",
	                                    "waiting_for", "status",  "due",     "waiting_since",
	                                    "done_on",     "created", "mandate", "risk" };

static int actions_row(const struct action *a, void *arg)
{
	const char *cells[] = { a->id,
		                a->client_key,
		                a->title,
		                a->owner,
		                a->waiting_for,
		                a->status,
		                day_or_empty(a->due),
		                day_or_empty(a->waiting_since),
		                day_or_empty(a->done_on),
		                a->created,
		                a->mandate_title,
		                a->risk_title };
	return put_row(arg, cells, COUNT(cells));
}

static const char *const risks_head[] = { "id",
	                                  "client",
	                                  "title",
	                                  "category",
	                                  "likelihood",
	                                  "impact",
	                                  "score",
	                                  "residual_likelihood",
	                                  "residual_impact",
	                                  "treatment",
	                                  "status",
	                                  "owner",
	                                  "framework",
	                                  "review_date",
	                                  "accepted_until",
	                                  "opened",
	                                  "closed",
	                                  "mitigation" };

static int risks_row(const struct risk *r, void *arg)
{
	char l[8], i[8], score[8], rl[8] = "", ri[8] = "";
	snprintf(l, sizeof l, "%d", r->likelihood);
	snprintf(i, sizeof i, "%d", r->impact);
	snprintf(score, sizeof score, "%d", r->likelihood * r->impact);
	if (r->residual_likelihood && r->residual_impact) {
		snprintf(rl, sizeof rl, "%d", r->residual_likelihood);
		snprintf(ri, sizeof ri, "%d", r->residual_impact);
	}
	const char *cells[] = {
		r->id,     r->client_key, r->title,     r->category, l,
		i,         score,         rl,           ri,          r->treatment,
		r->status, r->owner,      r->framework, r->review,   r->accepted_until,
		r->opened, r->closed,     r->mitigation
	};
	return put_row(arg, cells, COUNT(cells));
}

static const char *const mandates_head[] = { "id",  "client",  "title",   "area",        "status",
	                                     "due", "measure", "created", "open_actions" };

static int mandates_row(const struct sheet_mandate *row, void *arg)
{
	const struct mandate *m = &row->m;
	char open[16];
	snprintf(open, sizeof open, "%d", m->open_actions);
	const char *cells[] = { m->id,  m->client_key, m->title,     m->area, m->status,
		                m->due, m->measure,    row->created, open };
	return put_row(arg, cells, COUNT(cells));
}

int sheet_csv_write(struct store *st, const struct sheet_csv_request *r, FILE *out, char *err,
                    size_t errsz)
{
	struct csv_job j = { out, r->raw, false };
	struct sheet_query q = { .client_id = r->client_id, .from = r->from, .to = r->to };
	int rc = 0;
	if (r->bom && fputs("\xEF\xBB\xBF", out) == EOF) {
		j.failed = true;
		rc = EX_IOERR;
	}
	/* The header is cxo's own: never neutralised, never quoted. */
	struct csv_job head = { out, true, false };
	switch (r->table) {
	case SHEET_HOURS:
		if (!rc && !(rc = put_row(&head, hours_head, COUNT(hours_head))))
			rc = store_sheet_entries(st, &q, hours_row, &j);
		break;
	case SHEET_ACTIONS:
		if (!rc && !(rc = put_row(&head, actions_head, COUNT(actions_head))))
			rc = store_sheet_actions(st, &q, actions_row, &j);
		break;
	case SHEET_RISKS:
		if (!rc && !(rc = put_row(&head, risks_head, COUNT(risks_head))))
			rc = store_sheet_risks(st, &q, risks_row, &j);
		break;
	case SHEET_MANDATES:
		if (!rc && !(rc = put_row(&head, mandates_head, COUNT(mandates_head))))
			rc = store_sheet_mandates(st, &q, mandates_row, &j);
		break;
	default:
		snprintf(err, errsz, "internal error: no such table");
		return EX_SOFTWARE;
	}
	if (!rc && (fflush(out) == EOF || ferror(out))) {
		j.failed = true;
		rc = EX_IOERR;
	}
	if (j.failed || head.failed)
		snprintf(err, errsz, "cannot write the CSV");
	else if (rc)
		snprintf(err, errsz, "%s", store_error(st));
	return rc;
}

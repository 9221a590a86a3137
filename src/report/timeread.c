/*
 * timeread.c: a Harvest or Toggl Track detailed time report (CSV) read
 * into rows (see cxo/timeimport.h).
 *
 * libcsv splits the records; it counts bytes, not lines, so the file is
 * fed to it a line at a time and the line a record starts on is the line
 * being fed less the newlines inside its quoted fields.
 */
#include "cxo/timeimport.h"

#include "cxo/records.h"
#include "cxo/text.h"
#include "timeparse.h"

#include <csv.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

/* The columns read, by what they hold. */
enum col {
	C_DATE,
	C_CLIENT,
	C_PROJECT,
	C_TASK,
	C_NOTES,
	C_HOURS,
	C_ROUNDED,
	C_DURATION,
	C_BILLABLE,
	C_FIRST,
	C_LAST,
	C_USER,
	C_EMAIL,
	C_START,
	C_END,
	C_COUNT
};

struct col_name {
	enum col col;
	const char *name;
};

/* Each service's headers; a column may go by several. */
static const struct col_name HARVEST[] = {
	{ C_DATE, "Date" },
	{ C_CLIENT, "Client" },
	{ C_PROJECT, "Project" },
	{ C_TASK, "Task" },
	{ C_NOTES, "Notes" },
	{ C_HOURS, "Hours" },
	{ C_ROUNDED, "Hours Rounded" },
	{ C_BILLABLE, "Billable?" },
	{ C_FIRST, "First Name" },
	{ C_LAST, "Last Name" },
	{ C_START, "Start time" },
	{ C_START, "Started at" },
	{ C_END, "End time" },
	{ C_END, "Ended at" },
	{ C_COUNT, NULL },
};
static const struct col_name TOGGL[] = {
	{ C_DATE, "Start date" },   { C_CLIENT, "Client" },     { C_PROJECT, "Project" },
	{ C_TASK, "Task" },         { C_NOTES, "Description" }, { C_DURATION, "Duration" },
	{ C_BILLABLE, "Billable" }, { C_USER, "User" },         { C_EMAIL, "Email" },
	{ C_START, "Start time" },  { C_END, "End time" },      { C_COUNT, NULL },
};

struct reader {
	const char *path;
	struct timeimport_file *f;
	bool rounded;
	const struct col_name *names;
	int at[C_COUNT]; /* the field index of each column, -1 when absent */
	int width;       /* fields in the header; 0 before it is read */
	uint32_t line;   /* the line being fed (from 1) */
	uint32_t nl;     /* newlines inside the current record's fields */
	/* The current record's fields: NUL-terminated, one after another. */
	char *buf;
	size_t len, cap;
	size_t *starts;
	size_t nfields, fcap;
	/* Occurrences of each row hash in the file, for the keys. */
	struct occurrence {
		uint64_t a, b;
		uint32_t n;
	} * occ;
	size_t nocc, occcap;
	int rc;
	char *err;
	size_t errsz;
};

static int fail(struct reader *r, int code, const char *fmt, ...)
        __attribute__((format(printf, 3, 4)));
static int fail(struct reader *r, int code, const char *fmt, ...)
{
	if (r->rc)
		return r->rc;
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(r->err, r->errsz, fmt, ap);
	va_end(ap);
	r->rc = code;
	return code;
}

const char *timeimport_service_name(enum timeimport_service s)
{
	return s == TIMEIMPORT_TOGGL ? "toggl" : "harvest";
}

/* ---- names ---- */

static uint64_t fnv(uint64_t h, const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		h ^= (unsigned char)s[i];
		h *= 0x100000001b3ULL;
	}
	return h;
}

static uint64_t mix(uint64_t x)
{
	x ^= x >> 30;
	x *= 0xbf58476d1ce4e5b9ULL;
	x ^= x >> 27;
	x *= 0x94d049bb133111ebULL;
	return x ^ (x >> 31);
}

static uint64_t name_hash(const char *a, const char *b)
{
	uint64_t h = fnv(0xcbf29ce484222325ULL, a, strlen(a) + 1);
	return mix(fnv(h, b, strlen(b)));
}

static int names_rehash(struct timeimport_names *t)
{
	size_t n = t->nslots ? t->nslots * 2 : 64;
	uint32_t *slots = calloc(n, sizeof *slots);
	if (!slots)
		return -1;
	for (size_t i = 0; i < t->n; i++) {
		size_t j = name_hash(t->items[i].text, t->items[i].email) & (n - 1);
		while (slots[j])
			j = (j + 1) & (n - 1);
		slots[j] = (uint32_t)i + 1;
	}
	free(t->slots);
	t->slots = slots;
	t->nslots = n;
	return 0;
}

/* The index of (a, b) in t, added when new; -1 when out of memory. */
static long names_intern(struct timeimport_names *t, const char *a, const char *b)
{
	if ((t->n + 1) * 2 > t->nslots && names_rehash(t))
		return -1;
	size_t j = name_hash(a, b) & (t->nslots - 1);
	while (t->slots[j]) {
		struct timeimport_name *it = &t->items[t->slots[j] - 1];
		if (!strcmp(it->text, a) && !strcmp(it->email, b)) {
			it->rows++;
			return (long)t->slots[j] - 1;
		}
		j = (j + 1) & (t->nslots - 1);
	}
	if (t->n == t->cap) {
		size_t cap = t->cap ? t->cap * 2 : 16;
		struct timeimport_name *items = realloc(t->items, cap * sizeof *items);
		if (!items)
			return -1;
		t->items = items;
		t->cap = cap;
	}
	struct timeimport_name *it = &t->items[t->n];
	it->text = strdup(a);
	it->email = strdup(b);
	it->rows = 1;
	if (!it->text || !it->email) {
		free(it->text);
		free(it->email);
		return -1;
	}
	t->slots[j] = (uint32_t)++t->n;
	return (long)t->n - 1;
}

static void names_free(struct timeimport_names *t)
{
	for (size_t i = 0; i < t->n; i++) {
		free(t->items[i].text);
		free(t->items[i].email);
	}
	free(t->items);
	free(t->slots);
	memset(t, 0, sizeof *t);
}

void timeimport_file_free(struct timeimport_file *f)
{
	if (!f)
		return;
	free(f->rows);
	free(f->text);
	names_free(&f->clients);
	names_free(&f->people);
	names_free(&f->projects);
	memset(f, 0, sizeof *f);
}

/* ---- the record being read ---- */

static void on_field(void *data, size_t len, void *arg)
{
	struct reader *r = arg;
	if (r->rc)
		return;
	if (r->nfields == r->fcap) {
		size_t cap = r->fcap ? r->fcap * 2 : 32;
		size_t *s = realloc(r->starts, cap * sizeof *s);
		if (!s) {
			fail(r, EX_OSERR, "out of memory");
			return;
		}
		r->starts = s;
		r->fcap = cap;
	}
	if (r->len + len + 1 > r->cap) {
		size_t cap = r->cap ? r->cap : 4096;
		while (cap < r->len + len + 1)
			cap *= 2;
		char *b = realloc(r->buf, cap);
		if (!b) {
			fail(r, EX_OSERR, "out of memory");
			return;
		}
		r->buf = b;
		r->cap = cap;
	}
	const char *d = data ? data : "";
	r->starts[r->nfields++] = r->len;
	char *out = r->buf + r->len;
	if (!memchr(d, '\n', len)) {
		memcpy(out, d, len);
		out += len;
	} else {
		/* A line break inside a quoted field (CRLF in a Harvest file)
		 * is kept as LF, as cxo keeps it in notes. */
		for (size_t i = 0; i < len; i++) {
			if (d[i] == '\n')
				r->nl++;
			else if (d[i] == '\r' && i + 1 < len && d[i + 1] == '\n')
				continue;
			*out++ = d[i];
		}
	}
	*out = '\0';
	r->len = (size_t)(out - r->buf) + 1;
}

static const char *cell(const struct reader *r, enum col c)
{
	int i = r->at[c];
	return i < 0 ? "" : r->buf + r->starts[i];
}

/* The header's name of column c, as this service writes it. */
static const char *col_title(const struct reader *r, enum col c)
{
	for (const struct col_name *n = r->names; n->name; n++)
		if (n->col == c)
			return n->name;
	return "?";
}

static int header(struct reader *r)
{
	for (int c = 0; c < C_COUNT; c++)
		r->at[c] = -1;
	for (size_t i = 0; i < r->nfields; i++) {
		char *h = r->buf + r->starts[i];
		text_trim(h);
		for (const struct col_name *n = r->names; n->name; n++)
			if (r->at[n->col] < 0 && text_ieq(h, n->name))
				r->at[n->col] = (int)i;
	}
	r->width = (int)r->nfields;
	bool harvest = r->f->service == TIMEIMPORT_HARVEST;
	enum col need[3] = { C_DATE, C_CLIENT,
		             harvest ? (r->rounded ? C_ROUNDED : C_HOURS) : C_DURATION };
	for (int i = 0; i < 3; i++)
		if (r->at[need[i]] < 0)
			return fail(r, EX_DATAERR,
			            "%s: no column \"%s\" (a %s detailed time report has the "
			            "columns %s, %s and %s, named in its first line)",
			            r->path, col_title(r, need[i]),
			            harvest ? "Harvest" : "Toggl Track", col_title(r, need[0]),
			            col_title(r, need[1]), col_title(r, need[2]));
	return 0;
}

static int bad_cell(struct reader *r, uint32_t line, enum col c, const char *expected)
{
	char shown[96];
	text_fit(cell(r, c), 60, true, shown, sizeof shown);
	return fail(r, EX_DATAERR, "%s:%u: %s: bad value \"%s\" (expected %s)", r->path, line,
	            col_title(r, c), shown, expected);
}

/* Appends s (n bytes) to the notes; 0 or -1. */
static int text_add(struct timeimport_file *f, const char *s, size_t n)
{
	if (f->text_len + n + 1 > f->text_cap) {
		size_t cap = f->text_cap ? f->text_cap : 65536;
		while (cap < f->text_len + n + 1)
			cap *= 2;
		char *t = realloc(f->text, cap);
		if (!t)
			return -1;
		f->text = t;
		f->text_cap = cap;
	}
	memcpy(f->text + f->text_len, s, n);
	f->text_len += n;
	return 0;
}

/* The note: Notes (Description), then " — Task" when there is one. */
static int add_note(struct reader *r, uint32_t line, size_t *at)
{
	const char *notes = cell(r, C_NOTES), *task = cell(r, C_TASK);
	struct timeimport_file *f = r->f;
	*at = f->text_len;
	size_t nn = strlen(notes), nt = strlen(task);
	static const char DASH[] = " \xe2\x80\x94 ";
	if (text_add(f, notes, nn) || (nn && nt && text_add(f, DASH, sizeof DASH - 1)) ||
	    text_add(f, task, nt) || text_add(f, "", 1))
		return fail(r, EX_OSERR, "out of memory");
	size_t chars = text_utf8_chars(f->text + *at);
	if (chars > TEXT_MAX_LONG)
		return fail(r, EX_DATAERR, "%s:%u: %s: too long (%zu characters, at most %d)",
		            r->path, line, col_title(r, C_NOTES), chars, TEXT_MAX_LONG);
	return 0;
}

static uint32_t occurrence(struct reader *r, uint64_t a, uint64_t b)
{
	if ((r->nocc + 1) * 2 > r->occcap) {
		size_t cap = r->occcap ? r->occcap * 2 : 1024;
		struct occurrence *o = calloc(cap, sizeof *o);
		if (!o)
			return 0;
		for (size_t i = 0; i < r->occcap; i++) {
			if (!r->occ[i].n)
				continue;
			size_t j = r->occ[i].a & (cap - 1);
			while (o[j].n)
				j = (j + 1) & (cap - 1);
			o[j] = r->occ[i];
		}
		free(r->occ);
		r->occ = o;
		r->occcap = cap;
	}
	size_t j = a & (r->occcap - 1);
	while (r->occ[j].n) {
		if (r->occ[j].a == a && r->occ[j].b == b)
			return ++r->occ[j].n;
		j = (j + 1) & (r->occcap - 1);
	}
	r->occ[j] = (struct occurrence){ a, b, 1 };
	r->nocc++;
	return 1;
}

/* Two 64-bit hashes of the same bytes: FNV-1a and a multiplicative one
 * of another constant, so a clash needs both to clash. */
struct hash2 {
	uint64_t a, b;
};

static void hash_bytes(struct hash2 *h, const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		h->a = (h->a ^ c) * 0x100000001b3ULL;
		h->b = (h->b ^ c) * 0x9e3779b97f4a7c15ULL;
		h->b ^= h->b >> 29;
	}
}

/* A number as 8 bytes, least significant first. */
static void hash_num(struct hash2 *h, uint64_t v)
{
	char b[8];
	for (int i = 0; i < 8; i++)
		b[i] = (char)(v >> (8 * i) & 0xff);
	hash_bytes(h, b, sizeof b);
}

/* A string as its length, then its bytes. */
static void hash_str(struct hash2 *h, const char *s)
{
	size_t n = strlen(s);
	hash_num(h, n);
	hash_bytes(h, s, n);
}

static char *hex64(char *p, uint64_t v)
{
	static const char HEX[] = "0123456789abcdef";
	for (int i = 15; i >= 0; i--)
		*p++ = HEX[v >> (4 * i) & 0xf];
	return p;
}

/* The row's identity: its fields as cxo reads them (the service, day,
 * duration in the file's unit, billable, start, end, client, project,
 * task, notes, person's name and email), hashed, then "-" and its
 * occurrence among the file's rows of the same fields.  Never change
 * it: a second import of a file finds its rows by it. */
static int make_key(struct reader *r, struct timeimport_row *row, long amount, const char *person,
                    const char *email)
{
	struct hash2 h = { 0xcbf29ce484222325ULL, 0x84222325cbf29ce4ULL };
	hash_str(&h, timeimport_service_name(r->f->service));
	hash_num(&h, (uint64_t)(int64_t)row->day);
	hash_num(&h, (uint64_t)(int64_t)amount);
	hash_num(&h, row->billable ? 1 : 0);
	const char *parts[] = { row->start,
		                row->end,
		                cell(r, C_CLIENT),
		                cell(r, C_PROJECT),
		                cell(r, C_TASK),
		                cell(r, C_NOTES),
		                person,
		                email };
	for (size_t i = 0; i < sizeof parts / sizeof *parts; i++)
		hash_str(&h, parts[i]);
	uint64_t a = mix(h.a), b = mix(h.b ^ a);
	uint32_t n = occurrence(r, a, b);
	if (!n)
		return fail(r, EX_OSERR, "out of memory");
	char *p = hex64(hex64(row->key, a), b);
	*p++ = '-';
	char digits[12];
	int k = 0;
	do
		digits[k++] = (char)('0' + n % 10);
	while ((n /= 10) && k < (int)sizeof digits);
	while (k)
		*p++ = digits[--k];
	*p = '\0';
	return 0;
}

static int duration(struct reader *r, struct timeimport_row *row, long *amount)
{
	if (r->f->service == TIMEIMPORT_TOGGL) {
		long secs;
		if (!timeparse_hms(cell(r, C_DURATION), &secs))
			return bad_cell(r, row->line, C_DURATION, "a duration HH:MM:SS");
		row->minutes = timeparse_round_minutes(secs);
		*amount = secs;
	} else {
		enum col c = r->rounded ? C_ROUNDED : C_HOURS;
		if (!timeparse_hours(cell(r, c), 100000, &row->minutes))
			return bad_cell(r, row->line, c, "hours such as 1.5 or \"1,5\"");
		*amount = row->minutes;
		/* The identity stays that of the Hours, whichever is imported. */
		int m;
		if (c == C_ROUNDED && r->at[C_HOURS] >= 0 &&
		    timeparse_hours(cell(r, C_HOURS), 100000, &m))
			*amount = m;
	}
	if (row->minutes > 24 * 60) {
		char shown[96];
		text_fit(cell(r, r->f->service == TIMEIMPORT_TOGGL
		                         ? C_DURATION
		                         : (r->rounded ? C_ROUNDED : C_HOURS)),
		         60, true, shown, sizeof shown);
		return fail(r, EX_DATAERR, "%s:%u: %s: %s is more than 24 hours in a day", r->path,
		            row->line,
		            col_title(r, r->f->service == TIMEIMPORT_TOGGL
		                                 ? C_DURATION
		                                 : (r->rounded ? C_ROUNDED : C_HOURS)),
		            shown);
	}
	return 0;
}

/* The person of the row: Toggl's User (and Email), Harvest's First Name
 * and Last Name joined by a space (into buf, n bytes). */
static const char *person_of(struct reader *r, char *buf, size_t n, const char **email)
{
	if (r->f->service == TIMEIMPORT_TOGGL) {
		*email = cell(r, C_EMAIL);
		return cell(r, C_USER);
	}
	*email = "";
	const char *first = cell(r, C_FIRST), *last = cell(r, C_LAST);
	size_t nf = strlen(first), nl = strlen(last);
	if (!nl)
		return first;
	if (!nf)
		return last;
	if (nf + nl + 2 > n)
		nl = n > nf + 2 ? n - nf - 2 : 0;
	if (nf + 2 > n)
		return first;
	memcpy(buf, first, nf);
	buf[nf] = ' ';
	memcpy(buf + nf + 1, last, nl);
	buf[nf + 1 + nl] = '\0';
	return buf;
}

static void row_end(struct reader *r)
{
	uint32_t line = r->line - r->nl;
	if (r->rc)
		return;
	if (!r->width) {
		header(r);
		return;
	}
	if ((int)r->nfields != r->width) {
		fail(r, EX_DATAERR, "%s:%u: %zu columns where the header has %d", r->path, line,
		     r->nfields, r->width);
		return;
	}
	/* An export saved in a legacy encoding is refused, not stored as
	 * bytes no other program reads back. */
	for (int c = 0; c < C_COUNT; c++)
		if (r->at[c] >= 0 && !text_utf8_valid(cell(r, c))) {
			fail(r, EX_DATAERR,
			     "%s:%u: %s: not UTF-8 text (save the report as UTF-8, e.g. iconv -f "
			     "WINDOWS-1252 -t UTF-8)",
			     r->path, line, col_title(r, (enum col)c));
			return;
		}
	struct timeimport_file *f = r->f;
	if (f->n == f->cap) {
		size_t cap = f->cap ? f->cap * 2 : 1024;
		struct timeimport_row *rows = realloc(f->rows, cap * sizeof *rows);
		if (!rows) {
			fail(r, EX_OSERR, "out of memory");
			return;
		}
		f->rows = rows;
		f->cap = cap;
	}
	struct timeimport_row *row = &f->rows[f->n];
	memset(row, 0, sizeof *row);
	row->line = line;
	if (!timeparse_day(cell(r, C_DATE), &row->day)) {
		bad_cell(r, line, C_DATE, "a day such as 2015-01-26 or 26.01.2015");
		return;
	}
	long amount = 0;
	if (duration(r, row, &amount))
		return;
	row->billable = true;
	if (r->at[C_BILLABLE] >= 0 && !timeparse_yes_no(cell(r, C_BILLABLE), &row->billable)) {
		bad_cell(r, line, C_BILLABLE, "Yes or No");
		return;
	}
	if (*cell(r, C_START) && !timeparse_clock(cell(r, C_START), row->start)) {
		bad_cell(r, line, C_START, "a time such as 09:30 or 09:30:00");
		return;
	}
	if (*cell(r, C_END) && !timeparse_clock(cell(r, C_END), row->end)) {
		bad_cell(r, line, C_END, "a time such as 17:15 or 17:15:00");
		return;
	}
	char buf[1024];
	const char *email;
	const char *person = person_of(r, buf, sizeof buf, &email);
	long client = names_intern(&f->clients, cell(r, C_CLIENT), "");
	long who = names_intern(&f->people, person, email);
	long project = names_intern(&f->projects, cell(r, C_PROJECT), "");
	if (client < 0 || who < 0 || project < 0) {
		fail(r, EX_OSERR, "out of memory");
		return;
	}
	row->client = (uint32_t)client;
	row->person = (uint32_t)who;
	row->project = (uint32_t)project;
	if (add_note(r, line, &row->note) || make_key(r, row, amount, person, email))
		return;
	f->n++;
}

static void on_row(int c, void *arg)
{
	(void)c;
	struct reader *r = arg;
	row_end(r);
	r->nfields = 0;
	r->len = 0;
	r->nl = 0;
}

static int feed(struct reader *r, struct csv_parser *p, const char *s, size_t n)
{
	if (csv_parse(p, s, n, on_field, on_row, r) != n && !r->rc)
		return fail(r, EX_DATAERR, "%s:%u: not a CSV file: %s", r->path, r->line - r->nl,
		            csv_strerror(csv_error(p)));
	return r->rc;
}

/* Feeds the chunk a line at a time, counting the lines. */
static int feed_lines(struct reader *r, struct csv_parser *p, const char *s, size_t n)
{
	while (n) {
		const char *nl = memchr(s, '\n', n);
		size_t k = nl ? (size_t)(nl - s) + 1 : n;
		if (feed(r, p, s, k))
			return r->rc;
		if (nl)
			r->line++;
		s += k;
		n -= k;
	}
	return 0;
}

static int read_all(struct reader *r, FILE *in, struct csv_parser *p)
{
	char chunk[65536];
	bool first = true;
	size_t n;
	while ((n = fread(chunk, 1, sizeof chunk, in)) > 0) {
		const char *s = chunk;
		/* A UTF-8 byte order mark (Toggl writes one) is no part of the
		 * first column's name. */
		if (first && n >= 3 && !memcmp(s, "\xef\xbb\xbf", 3)) {
			s += 3;
			n -= 3;
		}
		first = false;
		if (feed_lines(r, p, s, n))
			return r->rc;
	}
	if (ferror(in))
		return fail(r, EX_IOERR, "%s: cannot read: %s", r->path, strerror(errno));
	if (csv_fini(p, on_field, on_row, r) != 0 && !r->rc)
		return fail(r, EX_DATAERR, "%s:%u: not a CSV file: %s", r->path, r->line - r->nl,
		            csv_strerror(csv_error(p)));
	if (!r->rc && !r->width)
		return fail(r, EX_DATAERR, "%s: empty file (expected a header line and rows)",
		            r->path);
	return r->rc;
}

int timeimport_read(const char *path, enum timeimport_service service, bool rounded,
                    struct timeimport_file *out, char *err, size_t errsz)
{
	memset(out, 0, sizeof *out);
	out->service = service;
	char shown[256];
	text_sanitize_into(path, shown, sizeof shown);
	struct reader r = {
		.path = shown,
		.f = out,
		.rounded = rounded,
		.names = service == TIMEIMPORT_TOGGL ? TOGGL : HARVEST,
		.line = 1,
		.err = err,
		.errsz = errsz,
	};
	/* Index 0 of the projects is the empty title: no project. */
	if (names_intern(&out->projects, "", "") != 0) {
		snprintf(err, errsz, "out of memory");
		return EX_OSERR;
	}
	out->projects.items[0].rows = 0;
	FILE *in = fopen(path, "rb");
	if (!in) {
		snprintf(err, errsz, "%s: cannot open: %s", shown, strerror(errno));
		return EX_NOINPUT;
	}
	struct csv_parser p;
	int rc;
	if (csv_init(&p, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL) != 0) {
		snprintf(err, errsz, "out of memory");
		rc = EX_OSERR;
	} else {
		rc = read_all(&r, in, &p);
		csv_free(&p);
	}
	fclose(in);
	free(r.buf);
	free(r.starts);
	free(r.occ);
	return rc;
}

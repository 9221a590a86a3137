/*
 * adr.c: a decision record as Markdown (adr.h): written for show, edit
 * and the template of a new one, and read back from the editor or a
 * file.
 */
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "cxo/adr.h"
#include "cxo/date.h"
#include "cxo/text.h"
#include "cxo/vocab.h"

/* ---- a growing string ---- */

struct buf {
	char *s;
	size_t len, cap;
	bool oom;
};

static void put_n(struct buf *b, const char *s, size_t n)
{
	if (b->oom)
		return;
	if (b->len + n + 1 > b->cap) {
		size_t cap = b->cap ? b->cap : 256;
		while (b->len + n + 1 > cap)
			cap *= 2;
		char *bigger = realloc(b->s, cap);
		if (!bigger) {
			b->oom = true;
			return;
		}
		b->s = bigger;
		b->cap = cap;
	}
	memcpy(b->s + b->len, s, n);
	b->len += n;
	b->s[b->len] = '\0';
}

static void put(struct buf *b, const char *s)
{
	put_n(b, s, strlen(s));
}

/* The string, the caller's; NULL when out of memory. */
static char *finish(struct buf *b)
{
	if (b->oom || !b->s) {
		free(b->s);
		b->s = NULL;
		return b->oom ? NULL : strdup("");
	}
	return b->s;
}

/* ---- the headings and the metadata ---- */

enum section { SEC_CONTEXT, SEC_OPTIONS, SEC_DECISION, SEC_CONSEQUENCES, N_SECTIONS };

static const char *const section_heading[N_SECTIONS] = {
	"Context",
	"Options considered",
	"Decision",
	"Consequences",
};

/* Each heading as read (any case), and other names it may go by. */
static const struct {
	const char *name;
	enum section sec;
} section_names[] = {
	{ "context", SEC_CONTEXT },
	{ "options considered", SEC_OPTIONS },
	{ "options", SEC_OPTIONS },
	{ "considered options", SEC_OPTIONS },
	{ "decision", SEC_DECISION },
	{ "decision outcome", SEC_DECISION },
	{ "decision and rationale", SEC_DECISION },
	{ "consequences", SEC_CONSEQUENCES },
	{ "expected outcome", SEC_CONSEQUENCES },
};

enum meta { META_STATUS, META_DATE, META_BY, META_CONSULTED, META_REVIEW, N_META };

static const char *const meta_key[N_META] = { "Status", "Date", "Decided by", "Consulted",
	                                      "Review" };

/* Lines cxo writes beside the record, read and ignored. */
static const char *const ignored_key[] = { "Id",       "Client", "Superseded by",
	                                   "Mandates", "Risks",  "Vendors" };

static bool is_space(char c)
{
	return c == ' ' || c == '\t';
}

/* The text of a level-2 heading line ("## Options ##" gives "Options",
 * its length in *n), or NULL when line is no such heading. */
static const char *heading_text(const char *line, size_t len, size_t *n)
{
	if (len < 2 || line[0] != '#' || line[1] != '#' || (len > 2 && !is_space(line[2])))
		return NULL;
	const char *s = line + 2, *e = line + len;
	while (s < e && is_space(*s))
		s++;
	while (e > s && is_space(e[-1]))
		e--;
	/* A closing sequence of #s, after a space. */
	const char *h = e;
	while (h > s && h[-1] == '#')
		h--;
	if (h < e && (h == s || is_space(h[-1]))) {
		e = h;
		while (e > s && is_space(e[-1]))
			e--;
	}
	*n = (size_t)(e - s);
	return s;
}

/* The section a heading's text names, or -1. */
static int section_named(const char *s, size_t n)
{
	for (size_t i = 0; i < sizeof section_names / sizeof section_names[0]; i++) {
		const char *name = section_names[i].name;
		if (strlen(name) != n)
			continue;
		size_t j = 0;
		while (j < n && (s[j] | 0x20) == name[j])
			j++;
		if (j == n)
			return (int)section_names[i].sec;
	}
	return -1;
}

/* Whether line reads back as one of the four headings. */
static bool known_heading(const char *line, size_t len)
{
	size_t n;
	const char *h = heading_text(line, len, &n);
	return h && section_named(h, n) >= 0;
}

/* ---- writing ---- */

/* A one-line value: line breaks become spaces, white space at both
 * ends goes. */
static void put_oneline(struct buf *b, const char *s)
{
	if (!s)
		return;
	while (*s && (is_space(*s) || *s == '\n' || *s == '\r'))
		s++;
	size_t n = strlen(s);
	while (n && (is_space(s[n - 1]) || s[n - 1] == '\n' || s[n - 1] == '\r'))
		n--;
	for (size_t i = 0; i < n; i++) {
		if (i + 4 <= n && !strncmp(s + i, "<!--", 4)) {
			put(b, "<\\!--");
			i += 3;
		} else {
			put_n(b, s[i] == '\n' || s[i] == '\r' ? " " : &s[i], 1);
		}
	}
}

static void put_meta(struct buf *b, const char *key, const char *value)
{
	put(b, key);
	put(b, ":");
	if (value && value[strspn(value, " \t\r\n")]) {
		put(b, " ");
		put_oneline(b, value);
	}
	put(b, "\n");
}

/* A section's text as it reads back: line ends "\n", the blank lines
 * before it and the white space after it dropped, and the lines that
 * would read as a heading or open a comment escaped. */
static void put_section_text(struct buf *b, const char *text)
{
	if (!text)
		return;
	char *t = strdup(text);
	if (!t) {
		b->oom = true;
		return;
	}
	char *w = t;
	for (const char *r = t; *r; r++) {
		if (*r == '\r') {
			*w++ = '\n';
			if (r[1] == '\n')
				r++;
		} else {
			*w++ = *r;
		}
	}
	*w = '\0';
	/* Leading blank lines go, a first line's indentation stays. */
	char *s = t;
	for (;;) {
		size_t sp = strspn(s, " \t");
		if (s[sp] != '\n')
			break;
		s += sp + 1;
	}
	size_t n = strlen(s);
	while (n && (is_space(s[n - 1]) || s[n - 1] == '\n'))
		n--;
	s[n] = '\0';
	for (const char *line = s; *line;) {
		size_t len = strcspn(line, "\n");
		if (known_heading(line, len))
			put(b, "\\");
		for (size_t i = 0; i < len; i++) {
			if (!strncmp(line + i, "<!--", 4) && i + 4 <= len) {
				put(b, "<\\!--");
				i += 3;
			} else {
				put_n(b, line + i, 1);
			}
		}
		put(b, "\n");
		line += len;
		if (*line)
			line++;
	}
	free(t);
}

static bool blank_text(const char *s)
{
	return !s || !s[strspn(s, " \t\r\n")];
}

/* The record; guide: the template's comments (NULL: none). */
static char *format(const struct decision *d, const struct adr_line *extra, size_t n,
                    const char *const *guide)
{
	struct buf b = { 0 };
	put(&b, "# ");
	put_oneline(&b, d->title);
	put(&b, "\n");
	if (guide)
		put(&b, guide[0]);
	put(&b, "\n");
	const char *meta[N_META] = { d->status, d->day, d->decided_by, d->consulted, d->review };
	for (int i = 0; i < N_META; i++)
		put_meta(&b, meta_key[i], meta[i]);
	for (size_t i = 0; i < n; i++)
		if (extra[i].key && !blank_text(extra[i].value))
			put_meta(&b, extra[i].key, extra[i].value);
	if (guide)
		put(&b, guide[1]);
	const char *texts[N_SECTIONS] = { d->context, d->options, d->decision, d->consequences };
	for (int i = 0; i < N_SECTIONS; i++) {
		put(&b, "\n## ");
		put(&b, section_heading[i]);
		put(&b, "\n");
		if (guide || !blank_text(texts[i]))
			put(&b, "\n");
		if (guide)
			put(&b, guide[2 + i]);
		if (!blank_text(texts[i]))
			put_section_text(&b, texts[i]);
	}
	return finish(&b);
}

char *adr_format(const struct decision *d, const struct adr_line *extra, size_t n)
{
	return format(d, extra, n, NULL);
}

char *adr_template(const struct decision *d)
{
	static const char *const guide[] = {
		"<!-- The decision in a few words. A file left empty or unchanged cancels;\n"
		"     these comments are dropped. -->\n",
		"<!-- Status: proposed, decided, superseded or reversed.  Date and Review\n"
		"     as YYYY-MM-DD; Review, when to look at it again, may stay empty. -->\n",
		"<!-- What made a decision necessary: the situation and its constraints. -->\n",
		"<!-- Each option weighed, with its pros and cons. -->\n",
		"<!-- What was decided, and why. -->\n",
		"<!-- The outcome expected, good and bad, and what to watch. -->\n",
	};
	struct decision t = *d;
	if (!t.status[0])
		snprintf(t.status, sizeof t.status, "decided");
	return format(&t, NULL, 0, guide);
}

/* ---- reading ---- */

static int fail(char *err, size_t errsz, const char *fmt, ...)
        __attribute__((format(printf, 3, 4)));

static int fail(char *err, size_t errsz, const char *fmt, ...)
{
	char raw[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(raw, sizeof raw, fmt, ap);
	va_end(ap);
	text_sanitize_into(raw, err, errsz);
	return EX_DATAERR;
}

/* A value as given in an error message: cut to 40 bytes. */
static const char *shown(const char *s, char *buf, size_t n)
{
	snprintf(buf, n, "%.40s%s", s, strlen(s) > 40 ? "..." : "");
	return buf;
}

/* line (len bytes) without its comments into out; *in_comment carries a
 * comment over lines; *had_comment says one was there.  "<\!--" becomes
 * "<!--". */
static void drop_comments(const char *line, size_t len, bool *in_comment, bool *had_comment,
                          struct buf *out)
{
	*had_comment = false;
	out->len = 0;
	put(out, "");
	for (size_t i = 0; i < len;) {
		if (*in_comment) {
			*had_comment = true;
			const char *end = NULL;
			for (size_t j = i; j + 3 <= len; j++)
				if (!strncmp(line + j, "-->", 3)) {
					end = line + j;
					break;
				}
			if (!end)
				return;
			i = (size_t)(end - line) + 3;
			*in_comment = false;
		} else if (i + 4 <= len && !strncmp(line + i, "<!--", 4)) {
			*in_comment = true;
			*had_comment = true;
			i += 4;
		} else if (i + 5 <= len && !strncmp(line + i, "<\\!--", 5)) {
			put(out, "<!--");
			i += 5;
		} else {
			put_n(out, line + i, 1);
			i++;
		}
	}
}

/* The metadata key that line starts with: its index in meta_key, N_META
 * + 1 for one ignored, -1 for none; *value the rest.  Cuts line. */
static int meta_of(char *line, char **value)
{
	char *colon = strchr(line, ':');
	if (!colon)
		return -1;
	*colon = '\0';
	char *key = text_trim(line);
	*value = text_trim(colon + 1);
	for (int i = 0; i < N_META; i++)
		if (text_ieq(key, meta_key[i]))
			return i;
	for (size_t i = 0; i < sizeof ignored_key / sizeof ignored_key[0]; i++)
		if (text_ieq(key, ignored_key[i]))
			return N_META + 1;
	return -1;
}

/* What was read, before it goes into the decision. */
struct parsed {
	char *title;
	bool meta_seen[N_META];
	char *meta[N_META];
	char status[WORD_LEN];
	struct buf sec[N_SECTIONS];
};

static void parsed_free(struct parsed *p)
{
	free(p->title);
	for (int i = 0; i < N_META; i++)
		free(p->meta[i]);
	for (int i = 0; i < N_SECTIONS; i++)
		free(p->sec[i].s);
}

static int meta_value(struct parsed *p, int key, const char *value, int ln, char *err, size_t errsz)
{
	char seen[64], why[256];
	if (p->meta_seen[key])
		return fail(err, errsz, "line %d: a second %s: line", ln, meta_key[key]);
	p->meta_seen[key] = true;
	if (key == META_STATUS) {
		if (!*value) {
			char words[128];
			vocab_list(&VOCAB_DECISION_STATUS, words, sizeof words);
			return fail(err, errsz, "line %d: Status is empty (expected %s)", ln,
			            words);
		}
		const char *w = vocab_match(&VOCAB_DECISION_STATUS, value, why, sizeof why);
		if (!w)
			return fail(err, errsz, "line %d: %s", ln, why);
		snprintf(p->status, sizeof p->status, "%s", w);
		return 0;
	}
	cxo_day day;
	if ((key == META_DATE || key == META_REVIEW) && *value && !date_parse_iso(value, &day))
		return fail(err, errsz, "line %d: bad %s \"%s\": expected a day as YYYY-MM-DD", ln,
		            meta_key[key], shown(value, seen, sizeof seen));
	if (*value && !(p->meta[key] = strdup(value)))
		return EX_OSERR;
	return 0;
}

/* The text of a section, as stored: blank lines before it and white
 * space after it dropped; NULL when nothing is left. */
static char *section_text(struct buf *b, bool *oom)
{
	if (b->oom) {
		*oom = true;
		return NULL;
	}
	if (!b->s)
		return NULL;
	char *s = b->s;
	for (;;) {
		size_t sp = strspn(s, " \t");
		if (s[sp] != '\n')
			break;
		s += sp + 1;
	}
	size_t n = strlen(s);
	while (n && (is_space(s[n - 1]) || s[n - 1] == '\n'))
		n--;
	if (!n)
		return NULL;
	char *t = strndup(s, n);
	if (!t)
		*oom = true;
	return t;
}

enum phase { BEFORE_TITLE, META, SECTIONS };

static int parse_lines(char *text, struct parsed *p, char *err, size_t errsz)
{
	enum phase phase = BEFORE_TITLE;
	int cur = SEC_CONTEXT, ln = 0, rc = 0;
	bool in_comment = false, had_comment;
	struct buf line = { 0 };
	char seen[64];
	for (char *s = text; *s && !rc;) {
		size_t len = strcspn(s, "\n");
		ln++;
		drop_comments(s, len, &in_comment, &had_comment, &line);
		s += len;
		if (*s)
			s++;
		if (line.oom) {
			rc = EX_OSERR;
			break;
		}
		char *l = line.s;
		bool blank = !l[strspn(l, " \t")];
		if (blank && (had_comment || phase != SECTIONS))
			continue;
		size_t hn;
		const char *h = heading_text(l, line.len, &hn);
		if (phase == BEFORE_TITLE) {
			l = text_trim(l);
			if (l[0] != '#' || (l[1] && !is_space(l[1]))) {
				rc = fail(err, errsz,
				          "line %d: \"%s\" is not a title (expected \"# Title\")",
				          ln, shown(l, seen, sizeof seen));
				break;
			}
			char *title = text_trim(l + 1);
			if (!*title) {
				rc = fail(err, errsz, "line %d: the title is empty", ln);
				break;
			}
			if (!(p->title = strdup(title)))
				rc = EX_OSERR;
			phase = META;
			continue;
		}
		if (phase == META && !h) {
			char *value;
			shown(text_trim(l), seen, sizeof seen);
			int key = meta_of(l, &value);
			if (key < 0)
				rc = fail(
				        err, errsz,
				        "line %d: \"%s\" is not one of Status:, Date:, Decided by:,"
				        " Consulted: or Review: (text goes under a ## heading)",
				        ln, seen);
			else if (key < N_META)
				rc = meta_value(p, key, value, ln, err, errsz);
			continue;
		}
		phase = SECTIONS;
		int sec = h ? section_named(h, hn) : -1;
		if (sec >= 0) {
			cur = sec;
			if (p->sec[cur].len)
				put(&p->sec[cur], "\n");
			continue;
		}
		/* "\## Decision": a line of text, unescaped. */
		if (l[0] == '\\' && known_heading(l + 1, line.len - 1))
			l++;
		put(&p->sec[cur], l);
		put(&p->sec[cur], "\n");
	}
	free(line.s);
	if (!rc && phase == BEFORE_TITLE)
		rc = fail(err, errsz, "no title (expected a first line \"# Title\")");
	return rc;
}

int adr_parse(const char *text, struct decision *d, char *err, size_t errsz)
{
	struct parsed p = { 0 };
	char *t = strdup(text ? text : "");
	if (!t) {
		snprintf(err, errsz, "out of memory");
		return EX_OSERR;
	}
	/* CR LF and lone CRs read as line ends. */
	char *w = t;
	for (const char *r = t; *r; r++) {
		if (*r == '\r') {
			*w++ = '\n';
			if (r[1] == '\n')
				r++;
		} else {
			*w++ = *r;
		}
	}
	*w = '\0';
	int rc = parse_lines(t, &p, err, errsz);
	free(t);
	char *texts[N_SECTIONS] = { 0 };
	bool oom = false;
	for (int i = 0; !rc && i < N_SECTIONS; i++)
		texts[i] = section_text(&p.sec[i], &oom);
	if (!rc && oom)
		rc = EX_OSERR;
	if (rc) {
		if (rc == EX_OSERR)
			snprintf(err, errsz, "out of memory");
		for (int i = 0; i < N_SECTIONS; i++)
			free(texts[i]);
		parsed_free(&p);
		return rc;
	}
	/* Into d, now that all of it read. */
	free(d->title);
	d->title = p.title;
	p.title = NULL;
	if (p.meta_seen[META_STATUS])
		snprintf(d->status, sizeof d->status, "%s", p.status);
	if (p.meta_seen[META_DATE])
		snprintf(d->day, sizeof d->day, "%s", p.meta[META_DATE] ? p.meta[META_DATE] : "");
	if (p.meta_seen[META_REVIEW])
		snprintf(d->review, sizeof d->review, "%s",
		         p.meta[META_REVIEW] ? p.meta[META_REVIEW] : "");
	if (p.meta_seen[META_BY]) {
		free(d->decided_by);
		d->decided_by = p.meta[META_BY];
		p.meta[META_BY] = NULL;
	}
	if (p.meta_seen[META_CONSULTED]) {
		free(d->consulted);
		d->consulted = p.meta[META_CONSULTED];
		p.meta[META_CONSULTED] = NULL;
	}
	char **fields[N_SECTIONS] = { &d->context, &d->options, &d->decision, &d->consequences };
	for (int i = 0; i < N_SECTIONS; i++) {
		free(*fields[i]);
		*fields[i] = texts[i];
	}
	parsed_free(&p);
	return 0;
}

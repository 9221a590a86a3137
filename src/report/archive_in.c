/*
 * archive_in.c: a cxo archive (cxo-json(5)) read back and checked before
 * anything is written: the file's size and the length of its strings
 * before it is parsed (a huge file or string is refused by its size, not
 * by running out of memory), then every field's type, shape and length,
 * ids used twice, keys and months given twice, and links to mandates and
 * risks that the client does not have.  Each refusal names the item and
 * the field, and says what was expected.
 */
#include "internal.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sysexits.h>
#include <unistd.h>

#include "archive_in.h"
#include "cxo/archive.h"
#include "cxo/date.h"
#include "cxo/text.h"
#include "cxo/uuid.h"

/* ---- the loader's messages ---- */

int arc_fail(struct loader *ld, const char *fmt, ...)
{
	char msg[768];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	snprintf(ld->err, ld->errsz, "%s: %s", ld->name, msg);
	return EX_DATAERR;
}

/* "clients[2] (acme) mandates[3]": the item at p, for messages. */
void arc_where(const struct loader *ld, struct place p, char *buf, size_t n)
{
	/* The key as the file has it, read or not yet. */
	json_t *o =
	        ld->a ? json_array_get(json_object_get(ld->a->root, "clients"), p.client) : NULL;
	json_t *k = json_object_get(o, "key");
	char key[64] = "";
	if (json_is_string(k))
		text_sanitize_into(json_string_value(k), key, sizeof key);
	int used = snprintf(buf, n, "clients[%zu]%s%s%s", p.client, *key ? " (" : "", key,
	                    *key ? ")" : "");
	if (p.kind == ARC_CLIENT || used < 0 || (size_t)used >= n)
		return;
	if (store_arc_kinds[p.kind].single)
		snprintf(buf + used, n - (size_t)used, " %s", store_arc_kinds[p.kind].name);
	else
		snprintf(buf + used, n - (size_t)used, " %s[%zu]", store_arc_kinds[p.kind].name,
		         p.row);
}

/* ---- before parsing: size, string lengths, depth ---- */

static int prescan(struct loader *ld, const char *t, size_t len)
{
	size_t line = 1, depth = 0, strlen_now = 0;
	bool in_string = false;
	for (size_t i = 0; i < len; i++) {
		char ch = t[i];
		if (ch == '\n')
			line++;
		if (in_string) {
			if (++strlen_now > ARCHIVE_MAX_STRING)
				return arc_fail(
				        ld,
				        "line %zu: a string longer than %lld bytes (the longest "
				        "field holds %d characters)",
				        line, ARCHIVE_MAX_STRING, TEXT_MAX_NOTE);
			if (ch == '\\' && i + 1 < len)
				i++, strlen_now++;
			else if (ch == '"')
				in_string = false;
			continue;
		}
		if (ch == '"') {
			in_string = true;
			strlen_now = 0;
		} else if (ch == '[' || ch == '{') {
			if (++depth > ARCHIVE_MAX_DEPTH)
				return arc_fail(
				        ld,
				        "line %zu: nested deeper than %d levels (an archive "
				        "nests 4)",
				        line, ARCHIVE_MAX_DEPTH);
		} else if ((ch == ']' || ch == '}') && depth) {
			depth--;
		}
	}
	return 0;
}

/* ---- one field ---- */

static bool digits(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return false;
	return true;
}

static bool clock_ok(const char *s, size_t len)
{
	return (len == 5 || len == 8) && digits(s, 2) && s[0] <= '2' && s[2] == ':' &&
	       digits(s + 3, 2) && s[3] <= '5' &&
	       (len == 5 || (s[5] == ':' && digits(s + 6, 2) && s[6] <= '5'));
}

static bool stamp_ok(const char *s, size_t len)
{
	char day[DAY_LEN];
	if (len != 20 || s[10] != 'T' || s[19] != 'Z' || !clock_ok(s + 11, 8))
		return false;
	memcpy(day, s, 10);
	day[10] = '\0';
	return date_parse_iso(day, NULL);
}

static bool month_ok(const char *s, size_t len)
{
	char day[DAY_LEN];
	if (len != 7)
		return false;
	snprintf(day, sizeof day, "%s-01", s);
	return date_parse_iso(day, NULL);
}

static bool key_ok(const char *s, size_t len)
{
	if (len < 1 || len > KEY_LEN - 1 || s[0] < 'a' || s[0] > 'z')
		return false;
	for (size_t i = 0; i < len; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= '0' && s[i] <= '9') || s[i] == '_' ||
		      s[i] == '-'))
			return false;
	return true;
}

static bool word_ok(const char *words, const char *s, size_t len)
{
	for (const char *w = words; *w;) {
		size_t n = strcspn(w, " ");
		if (n == len && !strncmp(w, s, n))
			return true;
		w += n + (w[n] == ' ');
	}
	return false;
}

static bool shape_ok(const struct store_arc_field *f, const char *s, size_t len)
{
	switch (f->shape) {
	case ARC_ID:
		return uuid_valid(s);
	case ARC_KEY:
		return key_ok(s, len);
	case ARC_DAY:
		return len == 10 && date_parse_iso(s, NULL);
	case ARC_STAMP:
		return stamp_ok(s, len);
	case ARC_MONTH:
		return month_ok(s, len);
	case ARC_CLOCK:
		return clock_ok(s, len);
	case ARC_CURRENCY:
		return len == 3 && s[0] >= 'A' && s[0] <= 'Z' && s[1] >= 'A' && s[1] <= 'Z' &&
		       s[2] >= 'A' && s[2] <= 'Z';
	case ARC_WORD:
		return word_ok(f->words, s, len);
	case ARC_TEXT:
	default:
		return true;
	}
}

static void expected(const struct store_arc_field *f, char *buf, size_t n)
{
	static const char *const shapes[] = {
		[ARC_ID] = "a lower-case UUID",
		[ARC_KEY] = "a client key: a-z first, then a-z 0-9 _ -, 32 at most",
		[ARC_DAY] = "a day, YYYY-MM-DD",
		[ARC_STAMP] = "a UTC time, YYYY-MM-DDTHH:MM:SSZ",
		[ARC_MONTH] = "a month, YYYY-MM",
		[ARC_CLOCK] = "a time of day, HH:MM or HH:MM:SS",
		[ARC_CURRENCY] = "a currency code such as EUR",
	};
	const char *null = f->null_ok ? ", or null" : "";
	if (f->type == ARC_BOOL)
		snprintf(buf, n, "true or false");
	else if (f->type == ARC_INT)
		snprintf(buf, n, "an integer from %lld to %lld%s", f->lo, f->hi, null);
	else if (f->shape == ARC_WORD)
		snprintf(buf, n, "one of: %s%s", f->words, null);
	else if (f->shape == ARC_TEXT)
		snprintf(buf, n, "a string of %lld to %lld characters%s", f->lo, f->hi, null);
	else
		snprintf(buf, n, "%s%s", shapes[f->shape], null);
}

static int field(struct loader *ld, struct place p, const struct store_arc_field *f, json_t *v,
                 struct store_arc_value *out)
{
	char at[160], want[200], shown[64];
	memset(out, 0, sizeof *out);
	arc_where(ld, p, at, sizeof at);
	expected(f, want, sizeof want);
	if (!v)
		return arc_fail(ld, "%s: no \"%s\" (expected %s)", at, f->name, want);
	if (json_is_null(v)) {
		out->null = true;
		return f->null_ok ? 0
		                  : arc_fail(ld, "%s: \"%s\" is null (expected %s)", at, f->name,
		                             want);
	}
	if (f->type == ARC_BOOL) {
		if (!json_is_boolean(v))
			return arc_fail(ld, "%s: \"%s\" is not a boolean (expected %s)", at,
			                f->name, want);
		out->i = json_is_true(v);
		return 0;
	}
	if (f->type == ARC_INT) {
		if (!json_is_integer(v))
			return arc_fail(ld, "%s: \"%s\" is not an integer (expected %s)", at,
			                f->name, want);
		out->i = json_integer_value(v);
		if (out->i < f->lo || out->i > f->hi)
			return arc_fail(ld, "%s: \"%s\" is %lld (expected %s)", at, f->name, out->i,
			                want);
		return 0;
	}
	if (!json_is_string(v))
		return arc_fail(ld, "%s: \"%s\" is not a string (expected %s)", at, f->name, want);
	out->s = json_string_value(v);
	size_t len = json_string_length(v);
	if (f->shape == ARC_TEXT) {
		size_t chars = text_utf8_chars(out->s);
		if ((long long)chars < f->lo || (long long)chars > f->hi)
			return arc_fail(ld, "%s: \"%s\" has %zu characters (expected %s)", at,
			                f->name, chars, want);
		return 0;
	}
	if (shape_ok(f, out->s, len))
		return 0;
	text_sanitize_into(out->s, shown, sizeof shown);
	return arc_fail(ld, "%s: \"%s\" is \"%s\" (expected %s)", at, f->name, shown, want);
}

/* ---- items and clients ---- */

/* Every key of o must be one of the kind's fields (or, for a client, a
 * kind's name). */
static int unknown_keys(struct loader *ld, struct place p, json_t *o)
{
	const struct store_arc_info *k = &store_arc_kinds[p.kind];
	const char *name;
	json_t *v;
	json_object_foreach(o, name, v)
	{
		bool known = false;
		for (size_t j = 0; !known && j < k->n; j++)
			known = !strcmp(name, k->fields[j].name);
		for (int i = ARC_CLIENT + 1; !known && p.kind == ARC_CLIENT && i < ARC_KIND_COUNT;
		     i++)
			known = !strcmp(name, store_arc_kinds[i].name);
		if (!known) {
			char at[160], shown[64];
			arc_where(ld, p, at, sizeof at);
			text_sanitize_into(name, shown, sizeof shown);
			return arc_fail(
			        ld,
			        "%s: unknown field \"%s\" (archive version %d has none such; "
			        "see cxo-json(5))",
			        at, shown, ARCHIVE_VERSION);
		}
	}
	return 0;
}

/* The item o into row (the kind's fields, in order). */
static int item(struct loader *ld, struct place p, json_t *o, struct store_arc_value *row)
{
	const struct store_arc_info *k = &store_arc_kinds[p.kind];
	if (!json_is_object(o)) {
		char at[160];
		arc_where(ld, p, at, sizeof at);
		return arc_fail(ld, "%s: not an object (expected a %s)", at, k->item);
	}
	int rc = unknown_keys(ld, p, o);
	for (size_t j = 0; !rc && j < k->n; j++)
		rc = field(ld, p, &k->fields[j], json_object_get(o, k->fields[j].name), &row[j]);
	return rc;
}

/* The rows of kind in the client object o. */
static int kind_rows(struct loader *ld, size_t ci, enum store_arc_kind kind, json_t *o)
{
	const struct store_arc_info *k = &store_arc_kinds[kind];
	struct store_arc_client *c = &ld->a->clients[ci];
	struct place p = { ci, ARC_CLIENT, 0 };
	json_t *v = json_object_get(o, k->name);
	char at[160];
	arc_where(ld, p, at, sizeof at);
	if (!v && ld->version < k->since)
		return 0; /* an older archive: none */
	if (!v)
		return arc_fail(ld, "%s: no \"%s\" (expected %s)", at, k->name,
		                k->single ? "an object or null" : "an array, [] for none");
	if (k->single && json_is_null(v))
		return 0;
	if (k->single ? !json_is_object(v) : !json_is_array(v))
		return arc_fail(ld, "%s: \"%s\" is not %s", at, k->name,
		                k->single ? "an object or null" : "an array");
	size_t n = k->single ? 1 : json_array_size(v);
	if (!n)
		return 0;
	c->rows[kind] = calloc(n * k->n, sizeof *c->rows[kind]);
	if (!c->rows[kind])
		return arc_fail(ld, "out of memory reading the archive");
	struct store_arc_value *rows = (struct store_arc_value *)c->rows[kind];
	p.kind = kind;
	for (size_t r = 0; r < n; r++) {
		p.row = r;
		int rc = item(ld, p, k->single ? v : json_array_get(v, r), rows + r * k->n);
		if (rc)
			return rc;
		c->n[kind]++;
	}
	return 0;
}

static int client(struct loader *ld, size_t ci, json_t *o)
{
	struct store_arc_client *c = &ld->a->clients[ci];
	struct place p = { ci, ARC_CLIENT, 0 };
	const struct store_arc_info *k = &store_arc_kinds[ARC_CLIENT];
	struct store_arc_value *row = calloc(k->n, sizeof *row);
	if (!row)
		return arc_fail(ld, "out of memory reading the archive");
	c->rows[ARC_CLIENT] = row;
	int rc = item(ld, p, o, row);
	if (rc)
		return rc;
	c->n[ARC_CLIENT] = 1;
	for (int kind = ARC_CLIENT + 1; !rc && kind < ARC_KIND_COUNT; kind++)
		rc = kind_rows(ld, ci, (enum store_arc_kind)kind, o);
	return rc;
}

/* ---- the document ---- */

static int document(struct loader *ld, json_t *root)
{
	if (!json_is_object(root))
		return arc_fail(ld, "not a cxo archive (expected a JSON object)");
	json_t *format = json_object_get(root, "format");
	json_t *version = json_object_get(root, "version");
	json_t *clients = json_object_get(root, "clients");
	char shown[64];
	if (!json_is_string(format) || strcmp(json_string_value(format), ARCHIVE_FORMAT)) {
		text_sanitize_into(json_is_string(format) ? json_string_value(format) : "", shown,
		                   sizeof shown);
		return arc_fail(ld, "\"format\" is %s%s%s (expected \"%s\": a cxo archive)",
		                json_is_string(format) ? "\"" : "",
		                json_is_string(format) ? shown : "not a string",
		                json_is_string(format) ? "\"" : "", ARCHIVE_FORMAT);
	}
	if (!json_is_integer(version) || json_integer_value(version) < 1)
		return arc_fail(ld, "\"version\" is not a positive integer (expected %d)",
		                ARCHIVE_VERSION);
	ld->version = json_integer_value(version);
	if (json_integer_value(version) > ARCHIVE_VERSION)
		return arc_fail(
		        ld,
		        "archive version %lld was made by a newer cxo (this one reads up to "
		        "version %d)",
		        (long long)json_integer_value(version), ARCHIVE_VERSION);
	if (!json_is_array(clients))
		return arc_fail(ld, "\"clients\" is %s (expected an array)",
		                clients ? "not an array" : "missing");
	if (json_object_size(root) != 3)
		return arc_fail(ld,
		                "unknown fields beside \"format\", \"version\" and \"clients\" "
		                "(archive version %d has none; see cxo-json(5))",
		                ARCHIVE_VERSION);
	size_t n = json_array_size(clients);
	ld->a->clients = calloc(n ? n : 1, sizeof *ld->a->clients);
	if (!ld->a->clients)
		return arc_fail(ld, "out of memory reading the archive");
	int rc = 0;
	for (size_t i = 0; !rc && i < n; i++) {
		ld->a->n = i + 1;
		rc = client(ld, i, json_array_get(clients, i));
	}
	return rc ? rc : arc_check(ld);
}

void archive_free(struct archive *a)
{
	if (!a)
		return;
	for (size_t i = 0; i < a->n; i++)
		for (int k = 0; k < ARC_KIND_COUNT; k++)
			free((void *)a->clients[i].rows[k]);
	free(a->clients);
	json_decref(a->root);
	free(a);
}

/* The archive in len bytes of text (named name in messages). */
static int load_text(const char *name, const char *text, size_t len, struct archive **out,
                     char *err, size_t errsz)
{
	struct loader ld = { .err = err, .errsz = errsz };
	text_sanitize_into(name, ld.name, sizeof ld.name);
	*out = NULL;
	err[0] = '\0';
	if ((long long)len > ARCHIVE_MAX_BYTES)
		return arc_fail(&ld, "%zu bytes, more than the %lld an archive may have", len,
		                ARCHIVE_MAX_BYTES);
	int rc = prescan(&ld, text, len);
	if (rc)
		return rc;
	json_error_t je;
	json_t *root = json_loadb(text, len, JSON_REJECT_DUPLICATES, &je);
	if (!root) {
		char shown[200];
		text_sanitize_into(je.text, shown, sizeof shown);
		return arc_fail(&ld, "line %d, column %d: %s (expected JSON)", je.line, je.column,
		                shown);
	}
	ld.a = calloc(1, sizeof *ld.a);
	if (!ld.a) {
		json_decref(root);
		return arc_fail(&ld, "out of memory reading the archive");
	}
	ld.a->root = root;
	if ((rc = document(&ld, root))) {
		archive_free(ld.a);
		return rc;
	}
	*out = ld.a;
	return 0;
}

int archive_load(const char *path, struct archive **out, char *err, size_t errsz)
{
	char shown[256];
	text_sanitize_into(path, shown, sizeof shown);
	*out = NULL;
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		snprintf(err, errsz, "cannot open \"%s\": %s", shown, strerror(errno));
		return EX_NOINPUT;
	}
	struct stat sb;
	if (fstat(fd, &sb) != 0 || !S_ISREG(sb.st_mode)) {
		snprintf(err, errsz, "\"%s\" is not a file (expected a cxo archive)", shown);
		close(fd);
		return EX_NOINPUT;
	}
	if (sb.st_size > ARCHIVE_MAX_BYTES) {
		snprintf(err, errsz, "%s: %lld bytes, more than the %lld an archive may have",
		         shown, (long long)sb.st_size, ARCHIVE_MAX_BYTES);
		close(fd);
		return EX_DATAERR;
	}
	size_t len = (size_t)sb.st_size, got = 0;
	char *text = malloc(len + 1);
	if (!text) {
		close(fd);
		snprintf(err, errsz, "%s: out of memory reading it", shown);
		return EX_OSERR;
	}
	while (got < len) {
		ssize_t r = read(fd, text + got, len - got);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0) {
			snprintf(err, errsz, "cannot read \"%s\": %s", shown,
			         r < 0 ? strerror(errno) : "it shrank while read");
			free(text);
			close(fd);
			return EX_IOERR;
		}
		got += (size_t)r;
	}
	close(fd);
	int rc = load_text(path, text, len, out, err, errsz);
	free(text);
	return rc;
}

int archive_merge(struct store *st, const struct archive *a, enum store_arc_prefer prefer,
                  bool dry_run, struct store_arc_counts *counts, store_arc_conflict_fn *conflict,
                  void *arg, char *err, size_t errsz)
{
	err[0] = '\0';
	int rc = store_arc_merge(st, a->clients, a->n, prefer, dry_run, counts, conflict, arg);
	if (rc)
		snprintf(err, errsz, "%s", store_error(st));
	return rc;
}

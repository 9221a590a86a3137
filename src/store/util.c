/*
 * util.c: ids, clocks, binding and reading columns, and the checks that
 * turn a bad value into a message naming it before SQLite sees it (the
 * schema's CHECK constraints remain the last word).
 */
#include "internal.h"

#include "cxo/vocab.h"

#include "cxo/text.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sysexits.h>
#include <time.h>

int store_new_id(struct store *st, char id[UUID_LEN])
{
	uint8_t bytes[16];
	size_t got = 0;
	while (got < sizeof bytes) {
		ssize_t n = getrandom(bytes + got, sizeof bytes - got, 0);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			return store_fail(st, EX_SOFTWARE, "cannot make a new id: getrandom: %s",
			                  strerror(errno));
		}
		got += (size_t)n;
	}
	uuid_format_v4(bytes, id);
	return 0;
}

void store_now_stamp(char out[STAMP_LEN])
{
	clock_stamp_format((int64_t)time(NULL), out);
}

void store_today(char out[DAY_LEN])
{
	cxo_day today;
	if (!clock_local((int64_t)time(NULL), &today, NULL))
		today = date_from_ymd(1970, 1, 1);
	date_format_iso(today, out);
}

bool store_value_same(sqlite3_value *a, sqlite3_value *b)
{
	if (!a || !b)
		return a == b;
	int t = sqlite3_value_type(a);
	if (t != sqlite3_value_type(b))
		return false;
	switch (t) {
	case SQLITE_NULL:
		return true;
	case SQLITE_INTEGER:
		return sqlite3_value_int64(a) == sqlite3_value_int64(b);
	case SQLITE_FLOAT:
		return sqlite3_value_double(a) == sqlite3_value_double(b);
	default: {
		const void *pa = t == SQLITE_BLOB ? sqlite3_value_blob(a) : sqlite3_value_text(a);
		const void *pb = t == SQLITE_BLOB ? sqlite3_value_blob(b) : sqlite3_value_text(b);
		int n = sqlite3_value_bytes(a);
		return n == sqlite3_value_bytes(b) &&
		       (n == 0 || (pa && pb && !memcmp(pa, pb, (size_t)n)));
	}
	}
}

int store_bind_text(sqlite3_stmt *s, int i, const char *text)
{
	if (!text || !*text)
		return sqlite3_bind_null(s, i);
	return sqlite3_bind_text(s, i, text, -1, SQLITE_STATIC);
}

void store_col_copy(sqlite3_stmt *s, int i, char *out, size_t n)
{
	const unsigned char *t = sqlite3_column_text(s, i);
	size_t len = t ? (size_t)sqlite3_column_bytes(s, i) : 0;
	if (n == 0)
		return;
	if (len >= n)
		len = n - 1;
	if (len)
		memcpy(out, t, len);
	out[len] = '\0';
}

char *store_col_dup(sqlite3_stmt *s, int i, bool *oom)
{
	const unsigned char *t = sqlite3_column_text(s, i);
	if (!t)
		return NULL;
	size_t n = (size_t)sqlite3_column_bytes(s, i);
	char *p = malloc(n + 1);
	if (!p) {
		*oom = true;
		return NULL;
	}
	memcpy(p, t, n);
	p[n] = '\0';
	return p;
}

int store_list_grow(void **items, size_t *cap, size_t n, size_t sz)
{
	if (n < *cap)
		return 0;
	size_t ncap = *cap ? *cap * 2 : 16;
	void *p = realloc(*items, ncap * sz);
	if (!p)
		return -1;
	/* Zeroed, so a half-built item frees cleanly. */
	memset((char *)p + *cap * sz, 0, (ncap - *cap) * sz);
	*items = p;
	*cap = ncap;
	return 0;
}

long long store_col_clamp(sqlite3_stmt *s, int i, long long lo, long long hi)
{
	long long v = sqlite3_column_int64(s, i);
	return v < lo ? lo : v > hi ? hi : v;
}

void store_msg_text(const char *s, char *buf, size_t n)
{
	text_sanitize_into(s ? s : "", buf, n);
}

static bool digits(const char *s, int n)
{
	for (int i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return false;
	return true;
}

static bool day_shape(const char *d)
{
	if (strlen(d) < 10 || !digits(d, 4) || d[4] != '-' || !digits(d + 5, 2) || d[7] != '-' ||
	    !digits(d + 8, 2))
		return false;
	int month = (d[5] - '0') * 10 + (d[6] - '0');
	int mday = (d[8] - '0') * 10 + (d[9] - '0');
	return month >= 1 && month <= 12 && mday >= 1 && mday <= 31;
}

int store_check_day(struct store *st, const char *what, const char *day, bool required)
{
	char shown[64];
	if (!day || !*day) {
		if (required)
			return store_fail(st, EX_DATAERR, "missing %s (expected YYYY-MM-DD)", what);
		return 0;
	}
	if (strlen(day) == 10 && day_shape(day))
		return 0;
	store_msg_text(day, shown, sizeof shown);
	return store_fail(st, EX_DATAERR, "bad %s \"%s\" (expected YYYY-MM-DD)", what, shown);
}

int store_check_stamp(struct store *st, const char *what, const char *stamp)
{
	char shown[64];
	if (stamp && strlen(stamp) == 20 && day_shape(stamp) && stamp[10] == 'T' &&
	    digits(stamp + 11, 2) && stamp[13] == ':' && digits(stamp + 14, 2) &&
	    stamp[16] == ':' && digits(stamp + 17, 2) && stamp[19] == 'Z')
		return 0;
	store_msg_text(stamp, shown, sizeof shown);
	return store_fail(st, EX_DATAERR, "bad %s \"%s\" (expected YYYY-MM-DDTHH:MM:SSZ)", what,
	                  shown);
}

int store_check_word(struct store *st, const char *what, const char *word, const char *const *words,
                     bool required)
{
	if (!word || !*word) {
		if (!required)
			return 0;
		return store_fail(st, EX_DATAERR, "missing %s", what);
	}
	for (size_t i = 0; words[i]; i++)
		if (!strcmp(word, words[i]))
			return 0;
	char list[160] = "", shown[64];
	size_t n = 0;
	while (words[n])
		n++;
	for (size_t i = 0; i < n; i++) {
		size_t len = strlen(list);
		snprintf(list + len, sizeof list - len, "%s%s",
		         i == 0       ? ""
		         : i + 1 == n ? " or "
		                      : ", ",
		         words[i]);
	}
	store_msg_text(word, shown, sizeof shown);
	return store_fail(st, EX_DATAERR, "unknown %s \"%s\" (expected %s)", what, shown, list);
}

int store_check_text(struct store *st, const char *what, const char *text, size_t max,
                     bool required)
{
	if (!text || !*text) {
		if (required)
			return store_fail(st, EX_DATAERR, "empty %s", what);
		return 0;
	}
	size_t n = text_utf8_chars(text);
	if (n > max)
		return store_fail(st, EX_DATAERR, "%s too long (%zu characters, at most %zu)", what,
		                  n, max);
	return 0;
}

int store_check_range(struct store *st, const char *what, long long v, long long lo, long long hi)
{
	if (v >= lo && v <= hi)
		return 0;
	if (hi == INT64_MAX)
		return store_fail(st, EX_DATAERR, "bad %s %lld (expected %lld or more)", what, v,
		                  lo);
	return store_fail(st, EX_DATAERR, "bad %s %lld (expected %lld to %lld)", what, v, lo, hi);
}

int store_check_id(struct store *st, const char *what, const char *id, bool required)
{
	char shown[64];
	if (!id || !*id) {
		if (required)
			return store_fail(st, EX_DATAERR, "missing %s id", what);
		return 0;
	}
	if (uuid_valid(id))
		return 0;
	store_msg_text(id, shown, sizeof shown);
	return store_fail(st, EX_DATAERR, "bad %s id \"%s\" (expected a full lower-case UUID)",
	                  what, shown);
}

int store_read_rows(struct store *st, sqlite3_stmt *s, void **items, size_t *n, size_t *cap,
                    size_t sz, store_row_reader *read, const char *what)
{
	bool oom = false;
	int src;
	while ((src = sqlite3_step(s)) == SQLITE_ROW) {
		if (store_list_grow(items, cap, *n, sz)) {
			oom = true;
			break;
		}
		read(s, (char *)*items + *n * sz, &oom);
		(*n)++;
		if (oom)
			break;
	}
	store_done(s);
	if (oom)
		return store_fail(st, EX_SOFTWARE, "out of memory");
	return src == SQLITE_DONE ? 0 : store_sql_fail(st, src, what);
}

int store_read_one(struct store *st, sqlite3_stmt *s, const char *id, void *item,
                   store_row_reader *read, const char *kind, const char *what)
{
	sqlite3_bind_text(s, 1, id ? id : "", -1, SQLITE_STATIC);
	int src = sqlite3_step(s);
	bool oom = false;
	if (src == SQLITE_ROW)
		read(s, item, &oom);
	store_done(s);
	if (oom)
		return store_fail(st, EX_SOFTWARE, "out of memory");
	if (src == SQLITE_DONE) {
		char shown[80];
		store_msg_text(id, shown, sizeof shown);
		return store_fail(st, EX_NOINPUT, "no %s with id %s", kind, shown);
	}
	return src == SQLITE_ROW ? 0 : store_sql_fail(st, src, what);
}

int store_check_link(struct store *st, enum stmt_id id, const char *sql, const char *kind,
                     const char *item_id, const char *client_id)
{
	if (!item_id || !*item_id)
		return 0;
	int rc = store_check_id(st, kind, item_id, true);
	if (rc)
		return rc;
	sqlite3_stmt *s = store_stmt(st, id, sql);
	if (!s)
		return EX_SOFTWARE;
	sqlite3_bind_text(s, 1, item_id, -1, SQLITE_STATIC);
	store_bind_text(s, 2, client_id);
	int src = sqlite3_step(s);
	bool same = src == SQLITE_ROW && sqlite3_column_int(s, 0);
	store_done(s);
	char sid[SHORT_ID_LEN + 1];
	if (src == SQLITE_DONE)
		return store_fail(st, EX_DATAERR, "no %s with id %s", kind, item_id);
	if (src != SQLITE_ROW)
		return store_sql_fail(st, src, "reading a link");
	if (!same)
		return store_fail(st, EX_DATAERR, "%s %s belongs to another client", kind,
		                  uuid_short(item_id, sid));
	return 0;
}

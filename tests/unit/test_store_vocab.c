/* The schema's CHECK constraints hold the same words as core's VOCAB_*
 * tables: a word added to one and not the other fails here. */
#include "store_test.h"

#include "cxo/vocab.h"

TestSuite(store_vocab, .init = tdir_setup, .fini = tdir_teardown);

/* The words of "COLUMN IN ('a', 'b')" in the CREATE TABLE of table, as
 * "a b". */
static void schema_words(sqlite3 *db, const char *table, const char *column, char *out, size_t n)
{
	sqlite3_stmt *s = NULL;
	cr_assert_eq(sqlite3_prepare_v2(
	                     db, "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?1",
	                     -1, &s, NULL),
	             SQLITE_OK);
	sqlite3_bind_text(s, 1, table, -1, SQLITE_STATIC);
	cr_assert_eq(sqlite3_step(s), SQLITE_ROW, "no table %s", table);
	const char *sql = (const char *)sqlite3_column_text(s, 0);
	/* "COLUMN IN (", with any spacing between the words. */
	const char *p = NULL;
	for (const char *at = strstr(sql, column); at && !p; at = strstr(at + 1, column)) {
		const char *q = at + strlen(column);
		while (*q == ' ' || *q == '\n')
			q++;
		if (strncmp(q, "IN", 2) != 0)
			continue;
		q += 2;
		while (*q == ' ' || *q == '\n')
			q++;
		if (*q == '(')
			p = q + 1;
	}
	cr_assert_not_null(p, "%s.%s has no IN check", table, column);
	size_t o = 0;
	out[0] = '\0';
	while (*p && *p != ')') {
		if (*p == '\'') {
			const char *end = strchr(p + 1, '\'');
			cr_assert_not_null(end);
			o += (size_t)snprintf(out + o, n - o, "%s%.*s", o ? " " : "",
			                      (int)(end - p - 1), p + 1);
			p = end + 1;
		} else {
			p++;
		}
	}
	sqlite3_finalize(s);
}

static void vocab_words(const struct vocab *v, char *out, size_t n)
{
	size_t o = 0;
	out[0] = '\0';
	for (size_t i = 0; v->words[i]; i++)
		o += (size_t)snprintf(out + o, n - o, "%s%s", i ? " " : "", v->words[i]);
}

Test(store_vocab, schema_checks_match_the_vocabularies)
{
	static const struct {
		const char *table, *column;
		const struct vocab *v;
	} cols[] = {
		{ "clients", "role", &VOCAB_ROLE },
		{ "clients", "status", &VOCAB_CLIENT_STATUS },
		{ "mandates", "status", &VOCAB_MANDATE_STATUS },
		{ "risks", "category", &VOCAB_RISK_CATEGORY },
		{ "risks", "treatment", &VOCAB_RISK_TREATMENT },
		{ "risks", "status", &VOCAB_RISK_STATUS },
		{ "actions", "status", &VOCAB_ACTION_STATUS },
	};
	struct store *st = open_new();
	store_close(st);
	char path[128];
	sqlite3 *db = NULL;
	cr_assert_eq(sqlite3_open_v2(tpath(path, sizeof path, "cxo.db"), &db, SQLITE_OPEN_READONLY,
	                             NULL),
	             SQLITE_OK);
	for (size_t i = 0; i < sizeof cols / sizeof *cols; i++) {
		char schema[256], vocab[256];
		schema_words(db, cols[i].table, cols[i].column, schema, sizeof schema);
		vocab_words(cols[i].v, vocab, sizeof vocab);
		cr_expect_str_eq(schema, vocab, "%s.%s: schema says \"%s\", VOCAB says \"%s\"",
		                 cols[i].table, cols[i].column, schema, vocab);
	}
	sqlite3_close(db);
}

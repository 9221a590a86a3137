/* Unit tests for src/core/vocab.c. */
#include "cxo/vocab.h"

#include <criterion/criterion.h>
#include <locale.h>
#include <stdio.h>
#include <string.h>

static void init_locale(void)
{
	setlocale(LC_CTYPE, "C.UTF-8");
}

TestSuite(core_vocab, .init = init_locale);

static const char *list(const struct vocab *v)
{
	static char buf[256];
	vocab_list(v, buf, sizeof buf);
	return buf;
}

Test(core_vocab, word_lists)
{
	cr_assert_str_eq(list(&VOCAB_ROLE), "cio, cto, ciso or interim");
	cr_assert_str_eq(list(&VOCAB_CLIENT_STATUS), "active, paused or ended");
	cr_assert_str_eq(list(&VOCAB_MANDATE_STATUS), "active, done or dropped");
	cr_assert_str_eq(list(&VOCAB_RISK_CATEGORY),
	                 "security, compliance, vendor, operations, people or financial");
	cr_assert_str_eq(list(&VOCAB_RISK_TREATMENT), "mitigate, accept, transfer or avoid");
	cr_assert_str_eq(list(&VOCAB_RISK_STATUS), "open, mitigating, accepted or closed");
	cr_assert_str_eq(list(&VOCAB_ACTION_STATUS), "todo, waiting, done or dropped");
	cr_assert_str_eq(VOCAB_ROLE.what, "role");
}

Test(core_vocab, words_are_lower_case_and_unique)
{
	const struct vocab *all[] = { &VOCAB_ROLE,           &VOCAB_CLIENT_STATUS,
		                      &VOCAB_MANDATE_STATUS, &VOCAB_RISK_CATEGORY,
		                      &VOCAB_RISK_TREATMENT, &VOCAB_RISK_STATUS,
		                      &VOCAB_ACTION_STATUS };
	for (size_t v = 0; v < sizeof all / sizeof all[0]; v++) {
		cr_assert_not_null(all[v]->what);
		for (size_t i = 0; all[v]->words[i]; i++) {
			for (const char *p = all[v]->words[i]; *p; p++)
				cr_assert(*p >= 'a' && *p <= 'z');
			for (size_t j = i + 1; all[v]->words[j]; j++)
				cr_assert_str_neq(all[v]->words[i], all[v]->words[j]);
			/* Every word matches itself exactly, in any case */
			char err[256];
			cr_assert_eq(vocab_match(all[v], all[v]->words[i], err, sizeof err),
			             all[v]->words[i]);
			char upper[32];
			snprintf(upper, sizeof upper, "%s", all[v]->words[i]);
			for (char *p = upper; *p; p++)
				*p = (char)(*p - 'a' + 'A');
			cr_assert_eq(vocab_match(all[v], upper, err, sizeof err), all[v]->words[i]);
		}
	}
}

Test(core_vocab, list_small_buffers)
{
	char buf[8];
	vocab_list(&VOCAB_ROLE, buf, sizeof buf);
	cr_assert_str_eq(buf, "cio, ct");
	char one[1] = { 'x' };
	vocab_list(&VOCAB_ROLE, one, sizeof one);
	cr_assert_str_eq(one, "");
	char keep = 'k';
	vocab_list(&VOCAB_ROLE, &keep, 0);
	cr_assert_eq(keep, 'k');
	vocab_list(NULL, buf, sizeof buf);
	cr_assert_str_eq(buf, "");
	/* One and two words */
	static const char *const one_word[] = { "only", NULL };
	static const char *const two_words[] = { "yes", "no", NULL };
	struct vocab v1 = { "answer", one_word }, v2 = { "answer", two_words };
	cr_assert_str_eq(list(&v1), "only");
	cr_assert_str_eq(list(&v2), "yes or no");
}

Test(core_vocab, exact_and_prefix_matches)
{
	char err[256];
	cr_assert_str_eq(vocab_match(&VOCAB_ROLE, "cto", err, sizeof err), "cto");
	cr_assert_str_eq(vocab_match(&VOCAB_ROLE, "CISO", err, sizeof err), "ciso");
	cr_assert_str_eq(vocab_match(&VOCAB_ROLE, "i", err, sizeof err), "interim");
	cr_assert_str_eq(vocab_match(&VOCAB_ROLE, "int", err, sizeof err), "interim");
	cr_assert_str_eq(vocab_match(&VOCAB_ROLE, "cis", err, sizeof err), "ciso");
	cr_assert_str_eq(vocab_match(&VOCAB_ROLE, "ct", err, sizeof err), "cto");
	/* "cio" is a word of its own even though "ci" starts "ciso" too */
	cr_assert_str_eq(vocab_match(&VOCAB_ROLE, "cio", err, sizeof err), "cio");
	cr_assert_str_eq(vocab_match(&VOCAB_RISK_TREATMENT, "mit", err, sizeof err), "mitigate");
	cr_assert_str_eq(vocab_match(&VOCAB_RISK_STATUS, "mit", err, sizeof err), "mitigating");
	cr_assert_str_eq(vocab_match(&VOCAB_RISK_STATUS, "Acc", err, sizeof err), "accepted");
	cr_assert_str_eq(vocab_match(&VOCAB_RISK_TREATMENT, "acc", err, sizeof err), "accept");
	cr_assert_str_eq(vocab_match(&VOCAB_ACTION_STATUS, "w", err, sizeof err), "waiting");
	cr_assert_str_eq(vocab_match(&VOCAB_ACTION_STATUS, "don", err, sizeof err), "done");
	cr_assert_str_eq(vocab_match(&VOCAB_ACTION_STATUS, "dr", err, sizeof err), "dropped");
	cr_assert_str_eq(vocab_match(&VOCAB_CLIENT_STATUS, "p", err, sizeof err), "paused");
	cr_assert_str_eq(vocab_match(&VOCAB_RISK_CATEGORY, "fin", err, sizeof err), "financial");
	cr_assert_null(vocab_match(&VOCAB_RISK_CATEGORY, "ops", err, sizeof err));
	/* The canonical word is returned, not a copy of the text */
	cr_assert_eq(vocab_match(&VOCAB_ROLE, "CTO", NULL, 0), VOCAB_ROLE.words[1]);
}

Test(core_vocab, unknown_words)
{
	char err[256];
	cr_assert_null(vocab_match(&VOCAB_ROLE, "cfo", err, sizeof err));
	cr_assert_str_eq(err, "unknown role \"cfo\" (expected cio, cto, ciso or interim)");
	cr_assert_null(vocab_match(&VOCAB_ROLE, "", err, sizeof err));
	cr_assert_str_eq(err, "unknown role \"\" (expected cio, cto, ciso or interim)");
	cr_assert_null(vocab_match(&VOCAB_ROLE, NULL, err, sizeof err));
	cr_assert_str_eq(err, "unknown role \"\" (expected cio, cto, ciso or interim)");
	cr_assert_null(vocab_match(&VOCAB_ROLE, "cioo", err, sizeof err));
	cr_assert_null(vocab_match(&VOCAB_ROLE, " cio", err, sizeof err));
	cr_assert_null(vocab_match(&VOCAB_RISK_STATUS, "mitigate", err, sizeof err));
	cr_assert_str_eq(err, "unknown risk status \"mitigate\" (expected open, mitigating, "
	                      "accepted or closed)");
	cr_assert_null(vocab_match(&VOCAB_ACTION_STATUS, "open", err, sizeof err));
	cr_assert_str_eq(err, "unknown action status \"open\" (expected todo, waiting, done or "
	                      "dropped)");
	cr_assert_null(vocab_match(&VOCAB_CLIENT_STATUS, "archived", err, sizeof err));
	cr_assert_null(vocab_match(&VOCAB_MANDATE_STATUS, "x", err, sizeof err));
	cr_assert_str_eq(err, "unknown mandate status \"x\" (expected active, done or dropped)");
	cr_assert_null(vocab_match(&VOCAB_RISK_CATEGORY, "hr", err, sizeof err));
	cr_assert_str_eq(err, "unknown risk category \"hr\" (expected security, compliance, "
	                      "vendor, operations, people or financial)");
	cr_assert_null(vocab_match(&VOCAB_RISK_TREATMENT, "ignore", err, sizeof err));
	cr_assert_str_eq(err, "unknown risk treatment \"ignore\" (expected mitigate, accept, "
	                      "transfer or avoid)");
	cr_assert_null(vocab_match(NULL, "x", err, sizeof err));
	cr_assert_null(vocab_match(&VOCAB_ROLE, "cfo", NULL, 0));
	char tiny[8];
	cr_assert_null(vocab_match(&VOCAB_ROLE, "cfo", tiny, sizeof tiny));
	cr_assert_str_eq(tiny, "unknown");
}

Test(core_vocab, ambiguous_prefixes)
{
	char err[256];
	cr_assert_null(vocab_match(&VOCAB_ROLE, "c", err, sizeof err));
	cr_assert_str_eq(err, "ambiguous role \"c\" (could be cio, cto or ciso)");
	cr_assert_null(vocab_match(&VOCAB_ROLE, "ci", err, sizeof err));
	cr_assert_str_eq(err, "ambiguous role \"ci\" (could be cio or ciso)");
	cr_assert_null(vocab_match(&VOCAB_ACTION_STATUS, "d", err, sizeof err));
	cr_assert_str_eq(err, "ambiguous action status \"d\" (could be done or dropped)");
	cr_assert_null(vocab_match(&VOCAB_RISK_TREATMENT, "a", err, sizeof err));
	cr_assert_str_eq(err, "ambiguous risk treatment \"a\" (could be accept or avoid)");
	cr_assert_null(vocab_match(&VOCAB_MANDATE_STATUS, "D", err, sizeof err));
	cr_assert_str_eq(err, "ambiguous mandate status \"D\" (could be done or dropped)");
}

Test(core_vocab, hostile_text_in_errors)
{
	char err[256];
	cr_assert_null(vocab_match(&VOCAB_ROLE, "c\x1b[2Jfo\r\n", err, sizeof err));
	cr_assert_str_eq(err, "unknown role \"c[2Jfo\" (expected cio, cto, ciso or interim)");
	cr_assert_null(vocab_match(&VOCAB_ROLE,
	                           "\xe2\x80\xae"
	                           "oic",
	                           err, sizeof err));
	cr_assert_str_eq(err, "unknown role \"oic\" (expected cio, cto, ciso or interim)");
	cr_assert_null(vocab_match(&VOCAB_ROLE, "\xff", err, sizeof err));
	cr_assert_str_eq(err, "unknown role \"\xef\xbf\xbd\" (expected cio, cto, ciso or interim)");
	char big[201];
	memset(big, 'c', 200);
	big[200] = '\0';
	cr_assert_null(vocab_match(&VOCAB_ROLE, big, err, sizeof err));
	cr_assert(strstr(err, "\xe2\x80\xa6\" (expected cio") != NULL);
	cr_assert(strlen(err) < 120);
	/* "ｃｔｏ" (fullwidth) is not cto */
	cr_assert_null(
	        vocab_match(&VOCAB_ROLE, "\xef\xbd\x83\xef\xbd\x94\xef\xbd\x8f", err, sizeof err));
}

Test(core_vocab, client_keys)
{
	char err[256];
	const char *good[] = { "a",  "acme", "acme-2", "acme_corp",
		               "x0", "z-",   "a_",     "abcdefghijklmnopqrstuvwxyz012345" };
	for (size_t i = 0; i < sizeof good / sizeof good[0]; i++)
		cr_assert(client_key_valid(good[i], err, sizeof err), "%s", good[i]);
	cr_assert(client_key_valid("acme", NULL, 0));
	const char *bad[] = { "",
		              "Acme",
		              "ACME",
		              "1acme",
		              "-acme",
		              "_acme",
		              "acme corp",
		              "acme.io",
		              "acme/x",
		              "acme!",
		              "abcdefghijklmnopqrstuvwxyz0123456",
		              "caf\xc3\xa9",
		              "acme\n",
		              " acme",
		              "a;b",
		              "a'b" };
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
		cr_assert_not(client_key_valid(bad[i], err, sizeof err), "%s", bad[i]);
	cr_assert_not(client_key_valid("Acme", err, sizeof err));
	cr_assert_str_eq(err, "bad client key \"Acme\" (expected 1 to 32 characters of a-z, 0-9, "
	                      "_ and -, starting with a letter)");
	cr_assert_not(client_key_valid("", err, sizeof err));
	cr_assert(strncmp(err, "bad client key \"\" (", 19) == 0);
	cr_assert_not(client_key_valid(NULL, err, sizeof err));
	cr_assert(strncmp(err, "bad client key \"\" (", 19) == 0);
	cr_assert_not(client_key_valid("a\x1b[0m", err, sizeof err));
	cr_assert(strncmp(err, "bad client key \"a[0m\" (", 23) == 0);
	char big[201];
	memset(big, 'k', 200);
	big[200] = '\0';
	cr_assert_not(client_key_valid(big, err, sizeof err));
	cr_assert(strstr(err, "\xe2\x80\xa6\"") != NULL);
	cr_assert_not(client_key_valid("Bad", NULL, 0));
	char tiny[4];
	cr_assert_not(client_key_valid("Bad", tiny, sizeof tiny));
	cr_assert_str_eq(tiny, "bad");
}

/*
 * test_tui_keys.c: the one key table: no key bound twice, every action
 * reachable and explained, lookups as the input loop does them.
 */
#include <criterion/criterion.h>
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tui/keys.h"

/* Every key code a binding covers, ranges expanded. */
static size_t codes_of(const struct key_binding *b, int *out)
{
	size_t n = 0;
	if (b->range_last) {
		for (int k = b->keys[0]; k <= b->range_last; k++)
			out[n++] = k;
		return n;
	}
	for (int k = 0; k < KEY_BINDING_KEYS; k++)
		if (b->keys[k])
			out[n++] = b->keys[k];
	return n;
}

Test(tui_keys, no_key_is_bound_twice)
{
	for (size_t i = 0; i < tui_key_count; i++) {
		int a[64];
		size_t na = codes_of(&tui_keys[i], a);
		cr_assert_gt(na, 0, "binding %s has no key", tui_keys[i].label);
		for (size_t x = 0; x < na; x++) {
			for (size_t y = x + 1; y < na; y++)
				cr_assert_neq(a[x], a[y], "%s repeats a key", tui_keys[i].label);
			for (size_t j = i + 1; j < tui_key_count; j++) {
				int b[64];
				size_t nb = codes_of(&tui_keys[j], b);
				for (size_t z = 0; z < nb; z++)
					cr_assert_neq(a[x], b[z], "key %d in both %s and %s", a[x],
					              tui_keys[i].label, tui_keys[j].label);
			}
		}
	}
}

Test(tui_keys, every_action_has_a_key_and_help)
{
	for (int act = ACT_NONE + 1; act < ACT_COUNT; act++) {
		bool found = false;
		for (size_t i = 0; i < tui_key_count; i++)
			found |= tui_keys[i].action == (enum tui_action)act;
		cr_expect(found, "action %d has no key", act);
	}
	for (size_t i = 0; i < tui_key_count; i++) {
		cr_expect(tui_keys[i].label && *tui_keys[i].label);
		cr_expect(tui_keys[i].help && strlen(tui_keys[i].help) > 5, "%s",
		          tui_keys[i].label);
		cr_expect_null(strchr(tui_keys[i].label, '\t'));
		cr_expect_null(strchr(tui_keys[i].help, '\t'));
		for (size_t j = i + 1; j < tui_key_count; j++)
			cr_expect_str_neq(tui_keys[i].label, tui_keys[j].label);
	}
}

static enum tui_action act_of(int key, int *arg)
{
	const struct key_binding *b = keys_lookup(key, arg);
	return b ? b->action : ACT_NONE;
}

Test(tui_keys, lookups)
{
	int arg = -1;
	cr_expect_eq(act_of('1', &arg), ACT_CLIENT);
	cr_expect_eq(arg, 0);
	cr_expect_eq(act_of('4', &arg), ACT_CLIENT);
	cr_expect_eq(arg, 3);
	cr_expect_eq(act_of('9', &arg), ACT_CLIENT);
	cr_expect_eq(arg, 8);
	cr_expect_eq(act_of('0', NULL), ACT_OVERVIEW);
	cr_expect_eq(act_of('o', NULL), ACT_OVERVIEW);
	cr_expect_eq(act_of('\t', NULL), ACT_NEXT_CLIENT);
	cr_expect_eq(act_of(KEY_BTAB, NULL), ACT_PREV_CLIENT);
	cr_expect_eq(act_of('h', NULL), ACT_LEFT);
	cr_expect_eq(act_of(KEY_LEFT, NULL), ACT_LEFT);
	cr_expect_eq(act_of('l', NULL), ACT_RIGHT);
	cr_expect_eq(act_of(KEY_RIGHT, NULL), ACT_RIGHT);
	cr_expect_eq(act_of('j', NULL), ACT_DOWN);
	cr_expect_eq(act_of(KEY_DOWN, NULL), ACT_DOWN);
	cr_expect_eq(act_of('k', NULL), ACT_UP);
	cr_expect_eq(act_of(KEY_UP, NULL), ACT_UP);
	cr_expect_eq(act_of('\r', NULL), ACT_DETAIL);
	cr_expect_eq(act_of('\n', NULL), ACT_DETAIL);
	cr_expect_eq(act_of(KEY_ENTER, NULL), ACT_DETAIL);
	cr_expect_eq(act_of('a', NULL), ACT_ADD);
	cr_expect_eq(act_of('e', NULL), ACT_EDIT);
	cr_expect_eq(act_of('d', NULL), ACT_DONE);
	cr_expect_eq(act_of('x', NULL), ACT_DELETE);
	cr_expect_eq(act_of('L', NULL), ACT_LOG);
	cr_expect_eq(act_of('t', NULL), ACT_TIMER);
	cr_expect_eq(act_of('n', NULL), ACT_NOTE);
	cr_expect_eq(act_of('/', NULL), ACT_FILTER);
	cr_expect_eq(act_of('r', NULL), ACT_REFRESH);
	cr_expect_eq(act_of('?', NULL), ACT_HELP);
	cr_expect_eq(act_of(27, NULL), ACT_BACK);
	cr_expect_eq(act_of('q', NULL), ACT_QUIT);
	cr_expect_eq(act_of('z', NULL), ACT_NONE);
	cr_expect_eq(act_of(0, NULL), ACT_NONE);
	cr_expect_eq(act_of(ERR, NULL), ACT_NONE);
}

Test(tui_keys, printed_one_line_per_binding)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&buf, &len);
	cr_assert_not_null(fp);
	cr_assert_eq(keys_print(fp), 0);
	fclose(fp);
	size_t lines = 0;
	for (char *p = buf; *p; p++)
		lines += *p == '\n';
	cr_expect_eq(lines, tui_key_count);
	cr_expect_not_null(strstr(buf, "q\tquit"));
	cr_expect_not_null(strstr(buf, "1-9\t"));
	free(buf);
}

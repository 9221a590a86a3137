/*
 * test_tui_state.c: the remembered client and panel, a tiny text file in
 * $XDG_STATE_HOME/cxo.
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "tui/state.h"

#include "tmpdir.h"

Test(tui_state, parse_and_format)
{
	struct tui_state s, t;
	char buf[256];
	tui_state_parse("client acme\npanel actions\nscreen overview\n", &s);
	cr_expect_str_eq(s.client, "acme");
	cr_expect_eq(s.panel, PANEL_ACTIONS);
	cr_expect(s.overview);
	tui_state_format(&s, buf, sizeof buf);
	tui_state_parse(buf, &t);
	cr_expect_str_eq(t.client, "acme");
	cr_expect_eq(t.panel, PANEL_ACTIONS);
	cr_expect(t.overview);
}

Test(tui_state, garbage_keeps_defaults)
{
	struct tui_state s;
	tui_state_parse(NULL, &s);
	cr_expect_str_eq(s.client, "");
	cr_expect_eq(s.panel, PANEL_MANDATES);
	cr_expect_not(s.overview);
	tui_state_parse("client Not A Key!\npanel nowhere\nwhat ever\n\n\x01\x02", &s);
	cr_expect_str_eq(s.client, "");
	cr_expect_eq(s.panel, PANEL_MANDATES);
	tui_state_parse("panel hours", &s);
	cr_expect_eq(s.panel, PANEL_HOURS);
}

Test(tui_state, saved_atomically_and_private)
{
	char path[512];
	tdir_make("state");
	const char *dir = tdir;
	char *old = getenv("XDG_STATE_HOME") ? strdup(getenv("XDG_STATE_HOME")) : NULL;
	setenv("XDG_STATE_HOME", dir, 1);
	struct tui_state s = { "medix", PANEL_RISKS, false }, t;
	cr_assert_eq(tui_state_save(&s), 0);
	cr_assert(tui_state_path(path, sizeof path));
	cr_expect_str_eq(path + strlen(dir), "/cxo/state");
	struct stat sb;
	cr_assert_eq(stat(path, &sb), 0);
	cr_expect_eq(sb.st_mode & 0777, 0600);
	tui_state_load(&t);
	cr_expect_str_eq(t.client, "medix");
	cr_expect_eq(t.panel, PANEL_RISKS);
	/* Saved again over the old one, nothing left behind. */
	s.overview = true;
	cr_assert_eq(tui_state_save(&s), 0);
	tui_state_load(&t);
	cr_expect(t.overview);
	unlink(path);
	char sub[512];
	snprintf(sub, sizeof sub, "%s/cxo", dir);
	cr_expect_eq(rmdir(sub), 0, "only the state file was in the directory");
	tdir_teardown();
	if (old) {
		setenv("XDG_STATE_HOME", old, 1);
		free(old);
	} else {
		unsetenv("XDG_STATE_HOME");
	}
}

Test(tui_state, relative_xdg_is_ignored)
{
	char path[512];
	char *old = getenv("XDG_STATE_HOME") ? strdup(getenv("XDG_STATE_HOME")) : NULL;
	char *home = getenv("HOME") ? strdup(getenv("HOME")) : NULL;
	setenv("XDG_STATE_HOME", "relative/dir", 1);
	setenv("HOME", "/home/someone", 1);
	cr_assert(tui_state_path(path, sizeof path));
	cr_expect_str_eq(path, "/home/someone/.local/state/cxo/state");
	if (home) {
		setenv("HOME", home, 1);
		free(home);
	}
	if (old) {
		setenv("XDG_STATE_HOME", old, 1);
		free(old);
	} else {
		unsetenv("XDG_STATE_HOME");
	}
}

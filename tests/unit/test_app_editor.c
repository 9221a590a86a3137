/* Unit tests for src/app/editor.c: the editor on a private temporary
 * file, driven by scripted editors (shell scripts as $VISUAL). */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sysexits.h>
#include <unistd.h>

#include "cxo/editor.h"
#include "tmpdir.h"

static void setup(void)
{
	tdir_make("editor");
	cr_assert_eq(setenv("TMPDIR", tdir, 1), 0);
	unsetenv("VISUAL");
	unsetenv("EDITOR");
}

/* $VISUAL: a script that notes the file's path, mode and text in tdir,
 * then runs body with the file as $f. */
static void visual(const char *body)
{
	char script[1024], cmd[256];
	const char *path = write_file("visual.sh", "");
	snprintf(script, sizeof script,
	         "#!/bin/sh\n"
	         "d=%s\n"
	         "echo \"$#:$1\" >\"$d/args\"\n"
	         "for f; do :; done\n"
	         "printf %%s \"$(stat -c %%a \"$f\")\" >\"$d/mode\"\n"
	         "printf %%s \"$f\" >\"$d/path\"\n"
	         "cat \"$f\" >\"$d/seen\"\n"
	         "%s\n",
	         tdir, body);
	write_file("visual.sh", script);
	cr_assert_eq(chmod(path, 0700), 0);
	snprintf(cmd, sizeof cmd, "%s --wait", path);
	cr_assert_eq(setenv("VISUAL", cmd, 1), 0);
	cr_assert_eq(setenv("EDITOR", "false", 1), 0);
}

static const char *slurp(const char *name)
{
	static char buf[4096];
	char path[256];
	FILE *fp = fopen(tpath(path, sizeof path, name), "r");
	buf[0] = '\0';
	if (fp) {
		size_t n = fread(buf, 1, sizeof buf - 1, fp);
		buf[n] = '\0';
		fclose(fp);
	}
	return buf;
}

static bool exists(const char *path)
{
	return access(path, F_OK) == 0;
}

Test(app_editor, saved_text_from_a_private_md_file, .init = setup, .fini = tdir_teardown)
{
	struct editor_run r;
	char err[256] = "", path[4096];
	visual("printf '# Title\\r\\n\\nBody\\n' >\"$f\"");
	cr_assert_eq(editor_edit(&r, "decision", "# Draft", err, sizeof err), 0, "%s", err);
	cr_expect_eq(r.outcome, EDITOR_SAVED);
	cr_expect_str_eq(r.text, "# Title\n\nBody\n", "CR LF made LF, the rest as written");
	cr_expect_str_eq(slurp("seen"), "# Draft\n", "the text, with a final newline");
	cr_expect_str_eq(slurp("mode"), "600");
	cr_expect_eq(strncmp(slurp("args"), "2:--wait", 8), 0, "VISUAL's own arguments: %s",
	             slurp("args"));
	snprintf(path, sizeof path, "%s", slurp("path"));
	cr_expect_str_eq(r.path, path);
	char prefix[256];
	snprintf(prefix, sizeof prefix, "%s/cxo-decision-", tdir);
	cr_expect_eq(strncmp(path, prefix, strlen(prefix)), 0, "%s", path);
	cr_expect_str_eq(path + strlen(path) - 3, ".md");
	cr_expect(exists(path), "the file stays until editor_end");
	cr_expect_eq(editor_end(&r, false, err, sizeof err), 0);
	cr_expect_not(exists(path), "then it is removed");
	cr_expect_null(r.text);
	cr_expect_str_eq(r.path, "");
}

Test(app_editor, kept_when_asked, .init = setup, .fini = tdir_teardown)
{
	struct editor_run r;
	char err[256] = "";
	visual("echo 'Date: 2026-02-30' >\"$f\"");
	cr_assert_eq(editor_edit(&r, "decision", NULL, err, sizeof err), 0, "%s", err);
	cr_expect_eq(r.outcome, EDITOR_SAVED);
	cr_expect_str_eq(slurp("seen"), "", "nothing to start from");
	cr_expect_eq(editor_end(&r, true, err, sizeof err), 0);
	cr_assert_str_neq(r.path, "", "the path stays to be named");
	cr_expect(exists(r.path));
	cr_expect_eq(unlink(r.path), 0);
}

Test(app_editor, unchanged_and_empty, .init = setup, .fini = tdir_teardown)
{
	struct editor_run r;
	char err[256] = "";
	visual(":");
	cr_assert_eq(editor_edit(&r, "note", "Text\n", err, sizeof err), 0, "%s", err);
	cr_expect_eq(r.outcome, EDITOR_UNCHANGED);
	cr_expect_null(r.text);
	cr_expect_str_eq(slurp("seen"), "Text\n", "no second newline");
	editor_end(&r, false, err, sizeof err);

	visual("cp \"$f\" \"$f.new\" && mv \"$f.new\" \"$f\"");
	cr_assert_eq(editor_edit(&r, "note", "Text", err, sizeof err), 0, "%s", err);
	cr_expect_eq(r.outcome, EDITOR_UNCHANGED, "saved as it was: unchanged");
	editor_end(&r, false, err, sizeof err);

	visual("printf ' \\n\\t\\n' >\"$f\"");
	cr_assert_eq(editor_edit(&r, "note", "Text", err, sizeof err), 0, "%s", err);
	cr_expect_eq(r.outcome, EDITOR_EMPTY);
	cr_expect_null(r.text);
	editor_end(&r, false, err, sizeof err);
	cr_expect_not(exists(slurp("path")));
}

Test(app_editor, a_failing_editor_is_named, .init = setup, .fini = tdir_teardown)
{
	struct editor_run r;
	char err[256] = "";
	visual("echo typed >\"$f\"; exit 3");
	cr_expect_eq(editor_edit(&r, "decision", "x", err, sizeof err), EX_UNAVAILABLE);
	cr_expect_eq(r.outcome, EDITOR_FAILED);
	cr_expect(strstr(err, "exited with status 3"), "%s", err);
	cr_expect(r.changed, "what was typed is in the file");
	cr_expect_null(r.text);
	cr_expect_eq(editor_end(&r, true, err, sizeof err), 0);
	cr_expect(exists(r.path));
	unlink(r.path);

	visual("exit 1");
	cr_expect_eq(editor_edit(&r, "decision", "x", err, sizeof err), EX_UNAVAILABLE);
	cr_expect_not(r.changed, "nothing typed");
	editor_end(&r, false, err, sizeof err);
	cr_expect_not(exists(slurp("path")));

	visual("kill -9 $$");
	int saved = dup(2); /* the shell says "Killed" */
	cr_assert(freopen("/dev/null", "w", stderr));
	int rc = editor_edit(&r, "decision", "x", err, sizeof err);
	dup2(saved, 2);
	close(saved);
	cr_expect_eq(rc, EX_UNAVAILABLE);
	cr_expect(strstr(err, "killed by signal 9 (SIGKILL)"), "%s", err);
	editor_end(&r, false, err, sizeof err);
}

Test(app_editor, no_editor_no_file, .init = setup, .fini = tdir_teardown)
{
	struct editor_run r;
	char err[256] = "", dir[256];
	int saved = dup(2);
	cr_assert(freopen("/dev/null", "w", stderr));
	setenv("EDITOR", "/nonexistent/editor", 1);
	int rc = editor_edit(&r, "decision", "x", err, sizeof err);
	dup2(saved, 2);
	close(saved);
	cr_expect_eq(rc, EX_UNAVAILABLE);
	cr_expect(strstr(err, "could not be run"), "%s", err);
	editor_end(&r, false, err, sizeof err);

	setenv("TMPDIR", tpath(dir, sizeof dir, "missing"), 1);
	setenv("EDITOR", "true", 1);
	cr_expect_eq(editor_edit(&r, "decision", "x", err, sizeof err), EX_CANTCREAT);
	cr_expect(strstr(err, "temporary file"), "%s", err);
	cr_expect_str_eq(r.path, "");
	cr_expect_eq(editor_end(&r, false, err, sizeof err), 0);

	cr_expect_eq(editor_edit(&r, "../x", "x", err, sizeof err), EX_SOFTWARE);
	editor_end(&r, false, err, sizeof err);
}

Test(app_editor, a_nul_byte_is_no_text, .init = setup, .fini = tdir_teardown)
{
	struct editor_run r;
	char err[256] = "";
	visual("printf 'a\\000b' >\"$f\"");
	cr_expect_eq(editor_edit(&r, "decision", "x", err, sizeof err), EX_DATAERR);
	cr_expect(strstr(err, "NUL"), "%s", err);
	cr_expect(r.changed);
	editor_end(&r, false, err, sizeof err);
}

/* Unit tests for src/app/notes.c: a note's text, reading it, and the
 * editor it is written in (a scripted one: a shell script as $EDITOR). */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sysexits.h>
#include <unistd.h>

#include "app/internal.h"
#include "tmpdir.h"

static void setup(void)
{
	tdir_make("notes");
	cr_assert_eq(setenv("TMPDIR", tdir, 1), 0);
	unsetenv("VISUAL");
	unsetenv("EDITOR");
}

Test(app_notes, tidy)
{
	char a[] = "\n\n  Leadership meeting\r\n- one\r\n\r\n- two\rthree  \n\n \n";
	cr_expect_str_eq(note_tidy(a), "Leadership meeting\n- one\n\n- two\nthree");
	char b[] = " \t\n";
	cr_expect_str_eq(note_tidy(b), "");
	char c[] = "plain";
	cr_expect_str_eq(note_tidy(c), "plain");
	cr_expect_null(note_tidy(NULL));
}

Test(app_notes, first_line_and_the_lines_after)
{
	int more = -1;
	cr_expect_eq(note_first_line("one line", &more), 8);
	cr_expect_eq(more, 0);
	cr_expect_eq(note_first_line("Meeting:\n- a\n\n  \n- b", &more), 8);
	cr_expect_eq(more, 2, "blank lines are not counted");
	cr_expect_eq(note_first_line("", &more), 0);
	cr_expect_eq(more, 0);
	cr_expect_eq(note_first_line(NULL, NULL), 0);
}

Test(app_notes, read_from_a_pipe)
{
	int fds[2];
	char *text = NULL, err[256] = "";
	cr_assert_eq(pipe(fds), 0);
	cr_assert_eq(write(fds[1], "hi\r\nthere\n\n", 11), 11);
	close(fds[1]);
	cr_expect_eq(app_read_text(fds[0], "standard input", &text, err, sizeof err), 0, "%s", err);
	close(fds[0]);
	cr_expect_str_eq(text, "hi\nthere");
	free(text);

	cr_assert_eq(pipe(fds), 0);
	cr_assert_eq(write(fds[1], "a\0b", 3), 3);
	close(fds[1]);
	cr_expect_eq(app_read_text(fds[0], "standard input", &text, err, sizeof err), EX_DATAERR);
	cr_expect_null(text);
	cr_expect(strstr(err, "NUL"), "%s", err);
	close(fds[0]);
}

Test(app_notes, a_long_input_is_refused, .init = setup, .fini = tdir_teardown)
{
	char path[256];
	tpath(path, sizeof path, "big");
	FILE *fp = fopen(path, "w");
	cr_assert_not_null(fp);
	for (int i = 0; i < NOTE_READ_MAX / 64 + 1; i++)
		fputs("0123456789012345678901234567890123456789012345678901234567890123", fp);
	fclose(fp);
	FILE *in = fopen(path, "r");
	char *text = NULL, err[256] = "";
	cr_expect_eq(app_read_text(fileno(in), "big", &text, err, sizeof err), EX_DATAERR);
	cr_expect(strstr(err, "too long"), "%s", err);
	cr_expect_null(text);
	fclose(in);
}

Test(app_notes, the_editor_variables)
{
	unsetenv("VISUAL");
	unsetenv("EDITOR");
	cr_expect_str_eq(app_editor(), "vi");
	setenv("EDITOR", "nano", 1);
	cr_expect_str_eq(app_editor(), "nano");
	setenv("VISUAL", "  ", 1);
	cr_expect_str_eq(app_editor(), "nano", "a blank VISUAL is no editor");
	setenv("VISUAL", "code -w", 1);
	cr_expect_str_eq(app_editor(), "code -w");
}

/* An editor that records what it was given (its arguments, the file's
 * mode, directory and text) in tdir, then writes body into the file. */
static void scripted_editor(const char *body)
{
	char script[512];
	const char *path = write_file("editor.sh", "");
	snprintf(script, sizeof script,
	         "#!/bin/sh\n"
	         "d=%s\n"
	         "echo \"$#:$1\" >\"$d/args\"\n"
	         "for f; do :; done\n"
	         "stat -c %%a \"$f\" >\"$d/mode\"\n"
	         "dirname \"$f\" >\"$d/dir\"\n"
	         "echo \"$f\" >\"$d/path\"\n"
	         "cat \"$f\" >\"$d/seen\"\n"
	         "%s\n",
	         tdir, body);
	write_file("editor.sh", script);
	cr_assert_eq(chmod(path, 0700), 0);
}

static char *slurp(const char *name)
{
	static char buf[4096];
	char path[256];
	FILE *fp = fopen(tpath(path, sizeof path, name), "r");
	buf[0] = '\0';
	if (fp) {
		size_t n = fread(buf, 1, sizeof buf - 1, fp);
		buf[n] = '\0';
		fclose(fp);
		if (n && buf[n - 1] == '\n')
			buf[n - 1] = '\0';
	}
	return buf;
}

Test(app_notes, edits_a_private_file_and_removes_it, .init = setup, .fini = tdir_teardown)
{
	char cmd[600], *text = NULL, err[256] = "";
	scripted_editor("printf '\\n\\nMeeting\\n- one\\n- two\\n\\n\\n' >\"$f\"");
	snprintf(cmd, sizeof cmd, "%s/editor.sh --wait", tdir);
	setenv("EDITOR", cmd, 1);
	cr_assert_eq(app_edit_text("Old text\nsecond", &text, err, sizeof err), 0, "%s", err);
	cr_expect_str_eq(text, "Meeting\n- one\n- two");
	free(text);
	cr_expect_str_eq(slurp("seen"), "Old text\nsecond", "the file starts with the text");
	cr_expect_str_eq(slurp("mode"), "600");
	cr_expect_str_eq(slurp("dir"), tdir, "in $TMPDIR");
	cr_expect_eq(strncmp(slurp("args"), "2:--wait", 8), 0, "the editor's own arguments: %s",
	             slurp("args"));
	cr_expect_neq(access(slurp("path"), F_OK), 0, "the file is removed");
}

Test(app_notes, an_empty_file_gives_an_empty_text, .init = setup, .fini = tdir_teardown)
{
	char cmd[600], *text = NULL, err[256] = "";
	scripted_editor(": >\"$f\"");
	snprintf(cmd, sizeof cmd, "%s/editor.sh", tdir);
	setenv("VISUAL", cmd, 1);
	setenv("EDITOR", "false", 1);
	cr_assert_eq(app_edit_text(NULL, &text, err, sizeof err), 0, "VISUAL first: %s", err);
	cr_expect_str_eq(text, "");
	free(text);
	cr_expect_str_eq(slurp("seen"), "", "nothing to start from");
}

Test(app_notes, a_failing_editor_gives_nothing, .init = setup, .fini = tdir_teardown)
{
	char cmd[600], *text = NULL, err[256] = "";
	scripted_editor("echo written >\"$f\"; exit 3");
	snprintf(cmd, sizeof cmd, "%s/editor.sh", tdir);
	setenv("EDITOR", cmd, 1);
	cr_expect_eq(app_edit_text("x", &text, err, sizeof err), EX_UNAVAILABLE);
	cr_expect_null(text);
	cr_expect(strstr(err, "exited with status 3"), "%s", err);
	cr_expect_neq(access(slurp("path"), F_OK), 0, "the file is removed");

	/* The shell says "not found": not on the test's output. */
	int saved = dup(2);
	cr_assert(freopen("/dev/null", "w", stderr));
	setenv("EDITOR", "/nonexistent/editor", 1);
	int rc = app_edit_text("x", &text, err, sizeof err);
	dup2(saved, 2);
	close(saved);
	cr_expect_eq(rc, EX_UNAVAILABLE);
	cr_expect(strstr(err, "could not be run"), "%s", err);
}

Test(app_notes, no_temporary_file_no_editor, .init = setup, .fini = tdir_teardown)
{
	char *text = NULL, err[256] = "", dir[256];
	setenv("TMPDIR", tpath(dir, sizeof dir, "missing"), 1);
	setenv("EDITOR", "true", 1);
	cr_expect_eq(app_edit_text("x", &text, err, sizeof err), EX_CANTCREAT);
	cr_expect(strstr(err, "temporary file"), "%s", err);
	cr_expect_null(text);
}

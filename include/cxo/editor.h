/*
 * editor.h: the user's editor on a private temporary file, for the shell
 * and the dashboard alike.
 *
 *	struct editor_run r;
 *	int rc = editor_edit(&r, "decision", template, err, sizeof err);
 *	... r.outcome: store r.text when EDITOR_SAVED ...
 *	editor_end(&r, keep);   // keep: the text could not be stored
 *
 * editor_edit writes the text to a new file in $TMPDIR (else /tmp), mode
 * 0600, named cxo-NAME-XXXXXX.md, runs the editor on it ($VISUAL, else
 * $EDITOR, else vi, through /bin/sh -c so that the variable may hold
 * arguments: "code -w"), waits for it and reads the file back.  The file
 * stays until editor_end, which removes it unless told to keep it: a
 * caller that cannot store what was written (a store error, a text that
 * does not parse) keeps it and names r.path ("your text is in ..."), so
 * that nothing typed is lost.
 *
 * The editor runs on the terminal cxo has: it touches no terminal state
 * itself (a dashboard calls def_prog_mode() and endwin() before it, and
 * takes the screen back after).  From editor_edit to editor_end, SIGINT
 * and SIGQUIT are ignored (the editor's, as system(3) has them), SIGTSTP
 * stops cxo as by default, and a SIGHUP or SIGTERM is held, then
 * delivered by editor_end once the file is removed or kept.  One run at a
 * time in a process.
 */
#ifndef CXO_EDITOR_H
#define CXO_EDITOR_H

#include <stdbool.h>
#include <stddef.h>

/* The most the file may hold when read back, in bytes. */
#define EDITOR_READ_MAX (1024 * 1024)

enum editor_outcome {
	EDITOR_SAVED,     /* the file holds new text: r.text */
	EDITOR_UNCHANGED, /* the file is as it was given: the user quit without saving */
	EDITOR_EMPTY,     /* the file holds nothing but white space: a cancel */
	EDITOR_FAILED,    /* no text: the editor could not run, exited non-zero or was
	                     killed, or the file could not be made or read (err says) */
};

struct editor_run {
	enum editor_outcome outcome;
	/* EDITOR_SAVED: the file's text, line ends made "\n", otherwise as
	 * written; editor_end frees it (a caller taking it sets it NULL). */
	char *text;
	/* The temporary file, "" when there is none (not made, or removed). */
	char path[4096];
	/* EDITOR_FAILED: the file exists and differs from what was given,
	 * so it may hold what the user typed (keep it, name its path). */
	bool changed;
};

/*
 * Runs the editor on text (NULL: an empty file; a final newline is added
 * when text lacks one) in a file named after name ("decision", "note":
 * lower-case letters).  Returns 0 with r->outcome SAVED, UNCHANGED or
 * EMPTY; otherwise r->outcome is EDITOR_FAILED and it returns
 * EX_UNAVAILABLE (the editor could not be run, exited with a status or
 * was killed by a signal, named in err: "the editor "vim" exited with
 * status 1"), EX_TEMPFAIL (cxo was sent SIGHUP or SIGTERM meanwhile),
 * EX_DATAERR (the file holds a NUL byte or more than EDITOR_READ_MAX
 * bytes), EX_CANTCREAT, EX_IOERR or EX_OSERR, the message (sanitised) in
 * err.  Prints nothing.  Always follow it with editor_end.
 */
int editor_edit(struct editor_run *r, const char *name, const char *text, char *err, size_t errsz);

/*
 * Removes the file, unless keep (then r->path stays set, for the caller
 * to name), frees r->text, puts the signal handlers back and delivers a
 * SIGHUP or SIGTERM that came meanwhile.  0, or EX_IOERR when the file
 * cannot be removed (the message in err).
 */
int editor_end(struct editor_run *r, bool keep, char *err, size_t errsz);

#endif

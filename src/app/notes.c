/*
 * notes.c: what the shell and the dashboard share about a note's text:
 * tidying it, its first line, reading it from a file or a pipe, and
 * writing it in the user's editor on a private temporary file.
 */
#include "internal.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <sysexits.h>
#include <unistd.h>

#include "cxo/text.h"

static int refuse(int code, char *err, size_t errsz, const char *fmt, ...)
        __attribute__((format(printf, 4, 5)));

/* The message into err, sanitised: it may name $TMPDIR or $EDITOR. */
static int refuse(int code, char *err, size_t errsz, const char *fmt, ...)
{
	char raw[1024];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(raw, sizeof raw, fmt, ap);
	va_end(ap);
	text_sanitize_into(raw, err, errsz);
	return code;
}

/* ---- the text ---- */

char *note_tidy(char *s)
{
	if (!s)
		return NULL;
	char *w = s;
	for (const char *r = s; *r; r++) {
		if (*r == '\r') {
			*w++ = '\n';
			if (r[1] == '\n')
				r++;
			continue;
		}
		*w++ = *r;
	}
	*w = '\0';
	return text_trim(s);
}

static bool blank(const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r')
			return false;
	return true;
}

size_t note_first_line(const char *text, int *more)
{
	const char *s = text ? text : "";
	size_t first = strcspn(s, "\n");
	int n = 0;
	for (const char *p = s + first; *p;) {
		p++; /* the '\n' */
		size_t len = strcspn(p, "\n");
		n += !blank(p, len);
		p += len;
	}
	if (more)
		*more = n;
	return first;
}

/* ---- reading ---- */

/* All of fd, up to NOTE_READ_MAX bytes, as a tidied string in *out. */
static int read_all(int fd, const char *what, char **out, char *err, size_t errsz)
{
	size_t len = 0, cap = 4096;
	char *buf = malloc(cap);
	*out = NULL;
	if (!buf)
		return refuse(EX_OSERR, err, errsz, "out of memory");
	while (len <= NOTE_READ_MAX) {
		if (len + 1 >= cap) {
			char *bigger = realloc(buf, cap * 2);
			if (!bigger) {
				free(buf);
				return refuse(EX_OSERR, err, errsz, "out of memory");
			}
			buf = bigger;
			cap *= 2;
		}
		ssize_t got = read(fd, buf + len, cap - len - 1);
		if (got < 0 && errno == EINTR)
			continue;
		if (got < 0) {
			int e = errno;
			free(buf);
			return refuse(EX_IOERR, err, errsz, "cannot read %s: %s", what,
			              strerror(e));
		}
		if (got == 0)
			break;
		len += (size_t)got;
	}
	buf[len] = '\0';
	if (len > NOTE_READ_MAX || memchr(buf, '\0', len)) {
		free(buf);
		if (len > NOTE_READ_MAX)
			return refuse(EX_DATAERR, err, errsz,
			              "%s is too long for a note (more than %d KiB)", what,
			              NOTE_READ_MAX / 1024);
		return refuse(EX_DATAERR, err, errsz, "%s is not text (it holds a NUL byte)", what);
	}
	*out = note_tidy(buf);
	return 0;
}

int app_read_text(int fd, const char *what, char **out, char *err, size_t errsz)
{
	return read_all(fd, what, out, err, errsz);
}

/* ---- the editor ---- */

const char *app_editor(void)
{
	static const char *const vars[] = { "VISUAL", "EDITOR" };
	for (size_t i = 0; i < sizeof vars / sizeof vars[0]; i++) {
		const char *e = getenv(vars[i]);
		if (e && e[strspn(e, " \t")])
			return e;
	}
	return "vi";
}

/* A hang-up or termination that came while the editor ran, delivered
 * once the temporary file is gone. */
static volatile sig_atomic_t edit_signal;

static void on_edit_signal(int sig)
{
	edit_signal = sig;
}

/* While the editor runs, Ctrl-C and Ctrl-\ are the editor's (as
 * system(3) has it), Ctrl-Z stops cxo with it as it would anything else
 * (not through a dashboard's curses handler, made for its own screen),
 * and a hang-up or termination waits until the file is removed. */
static const int held[] = { SIGINT, SIGQUIT, SIGTSTP, SIGHUP, SIGTERM };
#define N_HELD (sizeof held / sizeof held[0])

static void hold_signals(struct sigaction old[N_HELD])
{
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sigemptyset(&sa.sa_mask);
	edit_signal = 0;
	for (size_t i = 0; i < N_HELD; i++) {
		sa.sa_handler = held[i] == SIGINT || held[i] == SIGQUIT ? SIG_IGN
		                : held[i] == SIGTSTP                    ? SIG_DFL
		                                                        : on_edit_signal;
		sigaction(held[i], &sa, &old[i]);
	}
}

/* Puts the handlers back, then lets a held signal do what it would
 * have done. */
static void release_signals(const struct sigaction old[N_HELD])
{
	for (size_t i = 0; i < N_HELD; i++)
		sigaction(held[i], &old[i], NULL);
	if (edit_signal)
		raise(edit_signal);
}

/* Runs `editor "$@"` with path through /bin/sh, on the terminal. */
static int run_editor(const char *editor, const char *path, char *err, size_t errsz)
{
	size_t n = strlen(editor) + sizeof " \"$@\"";
	char *cmd = malloc(n);
	if (!cmd)
		return refuse(EX_OSERR, err, errsz, "out of memory");
	snprintf(cmd, n, "%s \"$@\"", editor);
	fflush(stdout);
	fflush(stderr);
	pid_t pid = fork();
	if (pid == 0) {
		for (size_t i = 0; i < N_HELD; i++)
			signal(held[i], SIG_DFL);
		execl("/bin/sh", "sh", "-c", cmd, editor, path, (char *)NULL);
		_exit(127);
	}
	int e = errno;
	free(cmd);
	if (pid < 0)
		return refuse(EX_OSERR, err, errsz, "cannot start the editor \"%s\": %s", editor,
		              strerror(e));
	int status;
	while (waitpid(pid, &status, 0) < 0) {
		if (errno != EINTR)
			return refuse(EX_OSERR, err, errsz, "lost the editor \"%s\": %s", editor,
			              strerror(errno));
	}
	if (WIFEXITED(status) && WEXITSTATUS(status) == 0)
		return 0;
	if (WIFEXITED(status) && (WEXITSTATUS(status) == 126 || WEXITSTATUS(status) == 127))
		return refuse(EX_UNAVAILABLE, err, errsz,
		              "the editor \"%s\" could not be run (set VISUAL or EDITOR)", editor);
	if (WIFEXITED(status))
		return refuse(EX_UNAVAILABLE, err, errsz, "the editor \"%s\" exited with status %d",
		              editor, WEXITSTATUS(status));
	return refuse(EX_UNAVAILABLE, err, errsz, "the editor \"%s\" ended by signal %d", editor,
	              WIFSIGNALED(status) ? WTERMSIG(status) : 0);
}

static int write_all(int fd, const char *s, size_t n)
{
	while (n > 0) {
		ssize_t w = write(fd, s, n);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return -1;
		s += w;
		n -= (size_t)w;
	}
	return 0;
}

/* The temporary file: made, filled with text (ending in a newline, as
 * editors keep text files), given to the editor, read back. */
static int edit_in(char *path, const char *base, const char *text, char **out, char *err,
                   size_t errsz)
{
	int fd = mkstemp(path);
	if (fd < 0)
		return refuse(EX_CANTCREAT, err, errsz, "cannot make a temporary file in %s: %s",
		              base, strerror(errno));
	int rc = 0;
	if (fchmod(fd, 0600) != 0 ||
	    (text && *text && (write_all(fd, text, strlen(text)) || write_all(fd, "\n", 1))))
		rc = refuse(EX_IOERR, err, errsz, "cannot write the temporary file %s: %s", path,
		            strerror(errno));
	if (close(fd) != 0 && !rc)
		rc = refuse(EX_IOERR, err, errsz, "cannot write the temporary file %s: %s", path,
		            strerror(errno));
	if (!rc)
		rc = run_editor(app_editor(), path, err, errsz);
	if (!rc && edit_signal)
		rc = refuse(EX_TEMPFAIL, err, errsz, "stopped by signal %d", (int)edit_signal);
	if (!rc) {
		/* By name: an editor may have written a new file in its place. */
		int in = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
		if (in < 0)
			rc = refuse(EX_IOERR, err, errsz, "cannot read the temporary file %s: %s",
			            path, strerror(errno));
		else {
			rc = read_all(in, "the edited text", out, err, errsz);
			close(in);
		}
	}
	return rc;
}

int app_edit_text(const char *initial, char **out, char *err, size_t errsz)
{
	const char *tmp = getenv("TMPDIR");
	const char *base = tmp && tmp[0] == '/' ? tmp : "/tmp";
	char path[4096];
	struct sigaction old[N_HELD];
	*out = NULL;
	if (snprintf(path, sizeof path, "%s/cxo-note.XXXXXX", base) >= (int)sizeof path)
		return refuse(EX_CANTCREAT, err, errsz, "TMPDIR is too long");
	hold_signals(old);
	int rc = edit_in(path, base, initial, out, err, errsz);
	/* Whatever happened, the text leaves no copy behind. */
	if (unlink(path) != 0 && errno != ENOENT && !rc)
		rc = refuse(EX_IOERR, err, errsz, "cannot remove the temporary file %s: %s", path,
		            strerror(errno));
	if (rc) {
		free(*out);
		*out = NULL;
	}
	release_signals(old);
	return rc;
}

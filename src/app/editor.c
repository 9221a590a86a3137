/*
 * editor.c: the user's editor on a private temporary file (editor.h),
 * for notes, decisions and whatever else is written at length.
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

#include "cxo/editor.h"
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
	if (err && errsz)
		text_sanitize_into(raw, err, errsz);
	return code;
}

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

/* ---- signals ---- */

/* A hang-up or termination that came while the editor ran, delivered
 * once the temporary file is dealt with. */
static volatile sig_atomic_t edit_signal;

static void on_edit_signal(int sig)
{
	edit_signal = sig;
}

static const int held[] = { SIGINT, SIGQUIT, SIGTSTP, SIGHUP, SIGTERM };
#define N_HELD (sizeof held / sizeof held[0])
static struct sigaction saved[N_HELD];
static bool holding;

static void hold_signals(void)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sigemptyset(&sa.sa_mask);
	edit_signal = 0;
	for (size_t i = 0; i < N_HELD; i++) {
		sa.sa_handler = held[i] == SIGINT || held[i] == SIGQUIT ? SIG_IGN
		                : held[i] == SIGTSTP                    ? SIG_DFL
		                                                        : on_edit_signal;
		sigaction(held[i], &sa, &saved[i]);
	}
	holding = true;
}

/* Puts the handlers back, then lets a held signal do what it would
 * have done. */
static void release_signals(void)
{
	if (!holding)
		return;
	holding = false;
	for (size_t i = 0; i < N_HELD; i++)
		sigaction(held[i], &saved[i], NULL);
	if (edit_signal)
		raise(edit_signal);
}

/* "SIGKILL": the usual ones by name, others by number. */
static void signal_name(int sig, char *buf, size_t n)
{
	static const struct {
		int sig;
		const char *name;
	} names[] = {
		{ SIGHUP, "SIGHUP" },   { SIGINT, "SIGINT" },   { SIGQUIT, "SIGQUIT" },
		{ SIGILL, "SIGILL" },   { SIGABRT, "SIGABRT" }, { SIGBUS, "SIGBUS" },
		{ SIGFPE, "SIGFPE" },   { SIGKILL, "SIGKILL" }, { SIGSEGV, "SIGSEGV" },
		{ SIGPIPE, "SIGPIPE" }, { SIGTERM, "SIGTERM" },
	};
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
		if (names[i].sig == sig) {
			snprintf(buf, n, "%d (%s)", sig, names[i].name);
			return;
		}
	snprintf(buf, n, "%d", sig);
}

/* ---- running it ---- */

/* Runs `editor "$@"` with path through /bin/sh, on the terminal. */
static int run_editor(const char *editor, const char *path, char *err, size_t errsz)
{
	size_t n = strlen(editor) + sizeof " \"$@\"";
	char *cmd = malloc(n);
	if (!cmd)
		return refuse(EX_OSERR, err, errsz, "out of memory");
	snprintf(cmd, n, "%s \"$@\"", editor);
	if (fflush(stdout) == EOF || fflush(stderr) == EOF) {
		/* What stdout holds would be written twice, by both. */
		free(cmd);
		return refuse(EX_IOERR, err, errsz, "cannot write the output: %s", strerror(errno));
	}
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
	/* The shell says 128 + N when the editor was killed by signal N. */
	int killed = WIFSIGNALED(status) ? WTERMSIG(status)
	             : WEXITSTATUS(status) > 128 && WEXITSTATUS(status) < 128 + 65
	                     ? WEXITSTATUS(status) - 128
	                     : 0;
	if (!killed)
		return refuse(EX_UNAVAILABLE, err, errsz, "the editor \"%s\" exited with status %d",
		              editor, WEXITSTATUS(status));
	char sig[32];
	signal_name(killed, sig, sizeof sig);
	return refuse(EX_UNAVAILABLE, err, errsz, "the editor \"%s\" was killed by signal %s",
	              editor, sig);
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

/* The whole file at path into *out (len bytes, NUL-terminated). */
static int read_back(const char *path, char **out, size_t *len, char *err, size_t errsz)
{
	/* By name: an editor may have written a new file in its place. */
	int fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0)
		return refuse(EX_IOERR, err, errsz, "cannot read the temporary file %s: %s", path,
		              strerror(errno));
	size_t n = 0, cap = 4096;
	char *buf = malloc(cap);
	int rc = buf ? 0 : refuse(EX_OSERR, err, errsz, "out of memory");
	while (!rc && n <= EDITOR_READ_MAX) {
		if (n + 1 >= cap) {
			char *bigger = realloc(buf, cap * 2);
			if (!bigger) {
				rc = refuse(EX_OSERR, err, errsz, "out of memory");
				break;
			}
			buf = bigger;
			cap *= 2;
		}
		ssize_t got = read(fd, buf + n, cap - n - 1);
		if (got < 0 && errno == EINTR)
			continue;
		if (got < 0)
			rc = refuse(EX_IOERR, err, errsz, "cannot read the temporary file %s: %s",
			            path, strerror(errno));
		else if (got == 0)
			break;
		else
			n += (size_t)got;
	}
	close(fd);
	if (!rc && n > EDITOR_READ_MAX)
		rc = refuse(EX_DATAERR, err, errsz, "the text in %s is too long (more than %d KiB)",
		            path, EDITOR_READ_MAX / 1024);
	if (!rc && memchr(buf, '\0', n))
		rc = refuse(EX_DATAERR, err, errsz,
		            "the text in %s is not text (it holds a NUL byte)", path);
	if (rc) {
		free(buf);
		return rc;
	}
	buf[n] = '\0';
	*out = buf;
	*len = n;
	return 0;
}

/* CR LF and lone CRs made "\n", in place. */
static void unix_lines(char *s)
{
	char *w = s;
	for (const char *p = s; *p; p++) {
		if (*p == '\r') {
			*w++ = '\n';
			if (p[1] == '\n')
				p++;
			continue;
		}
		*w++ = *p;
	}
	*w = '\0';
}

static bool blank(const char *s)
{
	return !s[strspn(s, " \t\r\n")];
}

/* name: lower-case letters, so that the file's name says what it is. */
static bool good_name(const char *name)
{
	size_t n = strspn(name, "abcdefghijklmnopqrstuvwxyz");
	return n > 0 && n <= 32 && !name[n];
}

int editor_edit(struct editor_run *r, const char *name, const char *text, char *err, size_t errsz)
{
	memset(r, 0, sizeof *r);
	r->outcome = EDITOR_FAILED;
	if (!name || !good_name(name))
		return refuse(EX_SOFTWARE, err, errsz, "a bad name for a temporary file: \"%s\"",
		              name ? name : "");
	const char *tmp = getenv("TMPDIR");
	const char *base = tmp && tmp[0] == '/' ? tmp : "/tmp";
	if (snprintf(r->path, sizeof r->path, "%s/cxo-%s-XXXXXX.md", base, name) >=
	    (int)sizeof r->path) {
		r->path[0] = '\0';
		return refuse(EX_CANTCREAT, err, errsz, "TMPDIR is too long");
	}
	hold_signals();

	/* What the file starts as, with the final newline editors keep. */
	const char *given = text ? text : "";
	size_t glen = strlen(given);
	bool newline = glen && given[glen - 1] != '\n';

	int fd = mkstemps(r->path, 3);
	if (fd < 0) {
		int e = errno;
		r->path[0] = '\0';
		return refuse(EX_CANTCREAT, err, errsz, "cannot make a temporary file in %s: %s",
		              base, strerror(e));
	}
	int rc = 0;
	if (fchmod(fd, 0600) != 0 || write_all(fd, given, glen) ||
	    (newline && write_all(fd, "\n", 1)))
		rc = refuse(EX_IOERR, err, errsz, "cannot write the temporary file %s: %s", r->path,
		            strerror(errno));
	if (close(fd) != 0 && !rc)
		rc = refuse(EX_IOERR, err, errsz, "cannot write the temporary file %s: %s", r->path,
		            strerror(errno));
	if (rc)
		return rc;

	int ran = run_editor(app_editor(), r->path, err, errsz);
	if (ran == EX_OSERR)
		return ran;
	char *got = NULL;
	size_t len = 0;
	char rerr[512];
	int read_rc = read_back(r->path, &got, &len, rerr, sizeof rerr);
	bool same = !read_rc && len == glen + newline && !memcmp(got, given, glen) &&
	            (!newline || got[glen] == '\n');
	r->changed = !read_rc ? !same && !blank(got) : read_rc == EX_DATAERR;
	if (ran) {
		free(got);
		return ran;
	}
	if (edit_signal) {
		free(got);
		char sig[32];
		signal_name(edit_signal, sig, sizeof sig);
		return refuse(EX_TEMPFAIL, err, errsz, "stopped by signal %s", sig);
	}
	if (read_rc) {
		free(got);
		return refuse(read_rc, err, errsz, "%s", rerr);
	}
	unix_lines(got);
	r->changed = false;
	if (same) {
		free(got);
		r->outcome = EDITOR_UNCHANGED;
	} else if (blank(got)) {
		free(got);
		r->outcome = EDITOR_EMPTY;
	} else {
		r->text = got;
		r->outcome = EDITOR_SAVED;
	}
	return 0;
}

int editor_end(struct editor_run *r, bool keep, char *err, size_t errsz)
{
	int rc = 0;
	free(r->text);
	r->text = NULL;
	if (r->path[0] && !keep) {
		if (unlink(r->path) != 0 && errno != ENOENT)
			rc = refuse(EX_IOERR, err, errsz, "cannot remove the temporary file %s: %s",
			            r->path, strerror(errno));
		r->path[0] = '\0';
	}
	release_signals();
	return rc;
}

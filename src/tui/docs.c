/*
 * docs.c: R, a document for the current client and this month (the hours
 * statement, the risk summary, the board pack, the weekly update),
 * written under $XDG_DOCUMENTS_DIR or ~ without blocking the screen: a
 * child process opens its own read-only store, writes the file through
 * report_write_file and _exit()s; it makes no curses call.  The loop
 * reaps it (docs_poll, waitpid WNOHANG) and the status bar says what it
 * wrote, or why not.
 */
#include "internal.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <sysexits.h>
#include <unistd.h>

#include "cxo/report.h"

#define DOCS_TRIES 99 /* name, name-2 ... name-99 */

struct doc_choice {
	const char *word; /* in the form */
	enum report_kind kind;
	enum report_format format; /* the default */
};

static const struct doc_choice CHOICES[] = {
	{ "hours", REPORT_HOURS, REPORT_HTML },
	{ "risks", REPORT_RISKS, REPORT_HTML },
	{ "board", REPORT_BOARD, REPORT_HTML },
	{ "week", REPORT_WEEK, REPORT_MD },
};
#define N_CHOICES (sizeof CHOICES / sizeof CHOICES[0])

static const char *const KIND_WORDS[] = { "hours", "risks", "board", "week", NULL };
static const char *const FORMAT_WORDS[] = { "html", "md", "json", NULL };

static const struct doc_choice *choice_of(const char *word)
{
	for (size_t i = 0; i < N_CHOICES; i++)
		if (!strcmp(CHOICES[i].word, word))
			return &CHOICES[i];
	return NULL;
}

static bool v_kind(const char *text, void *ctx, char *err, size_t errsz)
{
	(void)ctx;
	if (choice_of(text))
		return true;
	snprintf(err, errsz, "expected hours, risks, board or week");
	return false;
}

static bool v_format(const char *text, void *ctx, char *err, size_t errsz)
{
	(void)ctx;
	enum report_format f;
	if (report_format_parse(text, &f) &&
	    (f == REPORT_HTML || f == REPORT_MD || f == REPORT_JSON))
		return true;
	snprintf(err, errsz, "expected html, md or json (empty: html, md for week)");
	return false;
}

/* The directory documents go to: $XDG_DOCUMENTS_DIR when absolute, else
 * $HOME; NULL when neither. */
static const char *docs_dir(void)
{
	const char *d = getenv("XDG_DOCUMENTS_DIR");
	if (d && d[0] == '/')
		return d;
	d = getenv("HOME");
	return d && d[0] == '/' ? d : NULL;
}

/* Sends "0 PATH" or "CODE message" to the parent and ends the child. */
static void child_end(int fd, int rc, const char *text)
{
	char buf[PATH_MAX + 1100];
	int n = snprintf(buf, sizeof buf, "%d %s", rc, text);
	if (n > 0) {
		size_t len = (size_t)n < sizeof buf ? (size_t)n : sizeof buf - 1;
		ssize_t w = write(fd, buf, len);
		(void)w; /* the parent says "no answer" when nothing came */
	}
	_exit(rc ? rc : 0);
}

/* In the child: no curses, no stdio of the parent's. */
static void child_write(struct tui *ui, int fd, const struct report_request *req, const char *dir,
                        const char *base, const char *ext)
{
	struct store *st = NULL;
	char err[1024] = "", path[PATH_MAX];
	int rc = store_open(ui->app->db_path, STORE_READ, 5000, &st, NULL, err, sizeof err);
	if (rc)
		child_end(fd, rc, err);
	for (int i = 1; i <= DOCS_TRIES; i++) {
		char suffix[8] = "";
		if (i > 1)
			snprintf(suffix, sizeof suffix, "-%d", i);
		int n = snprintf(path, sizeof path, "%s/%s%s.%s", dir, base, suffix, ext);
		if (n < 0 || (size_t)n >= sizeof path) {
			store_close(st);
			child_end(fd, EX_CANTCREAT, "the documents' directory's name is too long");
		}
		struct stat sb;
		if (lstat(path, &sb) == 0)
			continue; /* never overwriting: the next name */
		rc = report_write_file(st, req, path, false, err, sizeof err);
		if (rc == EX_CANTCREAT && lstat(path, &sb) == 0)
			continue; /* made meanwhile */
		store_close(st);
		child_end(fd, rc, rc ? err : path);
	}
	store_close(st);
	snprintf(err, sizeof err, "%s/%s-2 ... -%d.%s all exist", dir, base, DOCS_TRIES, ext);
	child_end(fd, EX_CANTCREAT, err);
}

static void docs_start(struct tui *ui, const struct client *c, const struct doc_choice *ch,
                       enum report_format fmt)
{
	const char *dir = docs_dir();
	if (!dir) {
		tui_error(ui, "nowhere to write: set HOME or XDG_DOCUMENTS_DIR");
		return;
	}
	struct report_request req;
	memset(&req, 0, sizeof req);
	req.kind = ch->kind;
	req.format = fmt;
	req.client = c;
	req.today = ui->today;
	req.now = ui->app->now;
	req.cfg = ui->cfg;
	char from[DAY_LEN], to[DAY_LEN], err[256], base[160];
	int y, m;
	date_month_iso(ui->today, &y, &m, from, to);
	if (!date_parse_iso(from, &req.from))
		req.from = ui->today;
	req.to = date_next_month(y, m);
	req.whole_month = true;
	if (ch->kind == REPORT_WEEK && report_period_week("this", ui->today, ui->cfg->week_start,
	                                                  &req.from, &req.to, err, sizeof err)) {
		tui_error(ui, "%s", err);
		return;
	}
	if (ch->kind == REPORT_WEEK) {
		char day[DAY_LEN];
		date_format_iso(req.from, day);
		req.whole_month = false;
		snprintf(base, sizeof base, "cxo-%s-week-%s", c->key, day);
	} else {
		snprintf(base, sizeof base, "cxo-%s-%s-%.7s", c->key, ch->word, from);
	}
	const char *ext = report_format_ext(fmt);

	int fds[2];
	if (pipe(fds) != 0) {
		tui_error(ui, "cannot start the writer: %s", strerror(errno));
		return;
	}
	pid_t pid = fork();
	if (pid < 0) {
		tui_error(ui, "cannot start the writer: %s", strerror(errno));
		close(fds[0]);
		close(fds[1]);
		return;
	}
	if (pid == 0) {
		close(fds[0]);
		/* Not the dashboard's handlers: a crash here must not put the
		 * terminal back under the parent; Ctrl-C is the dashboard's. */
		screen_signals_restore();
		signal(SIGINT, SIG_IGN);
		signal(SIGQUIT, SIG_IGN);
		child_write(ui, fds[1], &req, dir, base, ext);
		_exit(EX_SOFTWARE); /* not reached */
	}
	close(fds[1]);
	if (fcntl(fds[0], F_SETFD, FD_CLOEXEC) != 0) {
		/* Harmless: only a later child would inherit it. */
	}
	ui->doc_pid = pid;
	ui->doc_fd = fds[0];
	snprintf(ui->doc_what, sizeof ui->doc_what, "%s.%s", base, ext);
	tui_message(ui, "writing %s ...", ui->doc_what);
}

void docs_key(struct tui *ui)
{
	const struct client *c = tui_client(ui);
	if (ui->screen == SCREEN_OVERVIEW && ui->ov_sel >= 0 &&
	    (size_t)ui->ov_sel < ui->ov.sums.n) {
		int i = tui_client_index(&ui->clients, ui->ov.sums.items[ui->ov_sel].client.id);
		c = i >= 0 ? &ui->clients.items[i] : NULL;
	}
	if (!c) {
		tui_message(ui, "no client yet: a adds one");
		return;
	}
	if (ui->doc_pid > 0) {
		tui_message(ui, "still writing %s ...", ui->doc_what);
		return;
	}
	struct form_field fields[2];
	memset(fields, 0, sizeof fields);
	fields[0].label = "Document";
	edit_field_set(&fields[0], "hours");
	fields[0].hint = "hours statement, risks, board pack, week update";
	fields[0].required = true;
	fields[0].validate = v_kind;
	fields[0].choices = KIND_WORDS;
	fields[1].label = "Format";
	fields[1].hint = "html, md, json (empty: html, md for week)";
	fields[1].validate = v_format;
	fields[1].choices = FORMAT_WORDS;
	char title[96];
	snprintf(title, sizeof title, "Write a document for %s", c->key);
	struct form f = { .title = title, .fields = fields, .n = 2, .ctx = ui };
	bool go = form_run_to(ui, &f, "write");
	tui_mark(ui, DIRTY_ALL);
	if (!go)
		return;
	const struct doc_choice *ch = choice_of(edit_field_text(&fields[0]));
	enum report_format fmt = ch ? ch->format : REPORT_HTML;
	const char *fw = edit_field_text(&fields[1]);
	if (!ch || (fw[0] && !report_format_parse(fw, &fmt)))
		return; /* the form's validators refused these */
	docs_start(ui, c, ch, fmt);
}

/* What the child said, once it has ended. */
static void docs_reaped(struct tui *ui, int status)
{
	char buf[PATH_MAX + 1100];
	size_t got = 0;
	for (;;) {
		ssize_t n = read(ui->doc_fd, buf + got, sizeof buf - 1 - got);
		if (n > 0 && (got += (size_t)n) < sizeof buf - 1)
			continue;
		if (n < 0 && errno == EINTR)
			continue;
		break;
	}
	buf[got] = '\0';
	close(ui->doc_fd);
	ui->doc_fd = -1;
	ui->doc_pid = 0;
	char *text = strchr(buf, ' ');
	int rc = atoi(buf);
	if (!got || !text) {
		tui_error(ui, "could not write %s: the writer ended (status %d) without a word",
		          ui->doc_what, WIFEXITED(status) ? WEXITSTATUS(status) : -1);
	} else if (rc == 0) {
		tui_message(ui, "wrote %s", text + 1);
	} else {
		tui_error(ui, "%s", text + 1); /* names the file or the report */
	}
	tui_mark(ui, DIRTY_STATUS);
}

void docs_poll(struct tui *ui, bool wait)
{
	if (ui->doc_pid <= 0)
		return;
	int status = 0;
	pid_t p;
	do
		p = waitpid(ui->doc_pid, &status, wait ? 0 : WNOHANG);
	while (p < 0 && errno == EINTR);
	if (p == ui->doc_pid || p < 0)
		docs_reaped(ui, status);
}

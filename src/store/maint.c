/*
 * maint.c: backups (VACUUM INTO, consistent while others write), whole or
 * absent whatever happens, and the health check behind `cxo doctor`.
 */
#include "internal.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sysexits.h>
#include <unistd.h>

/* ---- whole-or-absent copies ---- */

/* The directory part of path ("." for none, "/" for the root). */
static void dir_of(const char *path, char *dir, size_t n)
{
	const char *slash = strrchr(path, '/');
	if (!slash)
		snprintf(dir, n, ".");
	else if (slash == path)
		snprintf(dir, n, "/");
	else
		snprintf(dir, n, "%.*s", (int)(slash - path), path);
}

int store_sync_dir_of(const char *path)
{
	char dir[PATH_MAX];
	dir_of(path, dir, sizeof dir);
	int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0)
		return errno;
	int e = fsync(fd) == 0 ? 0 : errno;
	if (close(fd) != 0 && !e)
		e = errno;
	return e;
}

/* A write that failed with errno e: the disk (EX_IOERR) or the place
 * (EX_CANTCREAT). */
static int errno_fail(struct store *st, int e, const char *doing, const char *shown)
{
	bool io = e == EIO || e == ENOSPC || e == EDQUOT || e == EFBIG || e == EROFS;
	return store_fail(st, io ? EX_IOERR : EX_CANTCREAT, "%s \"%s\": %s", doing, shown,
	                  strerror(e));
}

void store_tmp_discard(struct store_tmp *t)
{
	if (!t->dir[0])
		return;
	DIR *d = opendir(t->dir);
	if (d) {
		struct dirent *e;
		while ((e = readdir(d)) != NULL)
			if (strcmp(e->d_name, ".") && strcmp(e->d_name, ".."))
				(void)unlinkat(dirfd(d), e->d_name, 0);
		(void)closedir(d);
	}
	(void)rmdir(t->dir);
	t->dir[0] = t->file[0] = '\0';
}

/* The private directory beside target and, in it, the empty 0600 file
 * the copy goes to; its descriptor in *fd. */
static int tmp_begin(struct store *st, const char *target, const char *shown, struct store_tmp *t,
                     int *fd)
{
	char dir[PATH_MAX];
	t->dir[0] = t->file[0] = '\0';
	dir_of(target, dir, sizeof dir);
	if (snprintf(t->dir, sizeof t->dir, "%s/.cxo-copy-XXXXXX", dir) >= (int)sizeof t->dir ||
	    snprintf(t->file, sizeof t->file, "%s/.cxo-copy-XXXXXX/copy.db", dir) >=
	            (int)sizeof t->file) {
		t->dir[0] = t->file[0] = '\0';
		return store_fail(st, EX_CANTCREAT, "cannot create \"%s\": the path is too long",
		                  shown);
	}
	if (!mkdtemp(t->dir)) {
		int e = errno;
		t->dir[0] = t->file[0] = '\0';
		return errno_fail(st, e, "cannot create", shown);
	}
	if (snprintf(t->file, sizeof t->file, "%s/copy.db", t->dir) >= (int)sizeof t->file) {
		store_tmp_discard(t);
		return store_fail(st, EX_CANTCREAT, "cannot create \"%s\": the path is too long",
		                  shown);
	}
	/* Made here, 0600: the copy is never readable by others. */
	*fd = open(t->file, O_RDWR | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
	if (*fd < 0) {
		int e = errno;
		store_tmp_discard(t);
		return errno_fail(st, e, "cannot create", shown);
	}
	return 0;
}

/* Syncs the finished copy and closes fd; on failure discards it. */
static int tmp_finish(struct store *st, struct store_tmp *t, int fd, const char *shown)
{
	int e = fsync(fd) == 0 ? 0 : errno;
	if (close(fd) != 0 && !e)
		e = errno;
	if (e) {
		store_tmp_discard(t);
		return errno_fail(st, e, "cannot write", shown);
	}
	return 0;
}

int store_tmp_vacuum(struct store *st, const char *target, const char *shown, struct store_tmp *t)
{
	int fd = -1;
	int rc = tmp_begin(st, target, shown, t, &fd);
	if (rc)
		return rc;
	sqlite3_stmt *s = NULL;
	int src = sqlite3_prepare_v2(st->db, "VACUUM INTO ?1", -1, &s, NULL);
	if (src == SQLITE_OK) {
		sqlite3_bind_text(s, 1, t->file, -1, SQLITE_STATIC);
		src = sqlite3_step(s);
	}
	sqlite3_finalize(s);
	if (src != SQLITE_DONE && src != SQLITE_OK) {
		const char *msg = sqlite3_errmsg(st->db);
		int ext = sqlite3_extended_errcode(st->db);
		char what[300];
		snprintf(what, sizeof what, "copying to \"%s\"", shown);
		if ((src & 0xff) == SQLITE_FULL)
			rc = store_fail(st, EX_IOERR, "cannot write \"%s\": the disk is full (%s)",
			                shown, msg);
		else if ((src & 0xff) == SQLITE_IOERR && ext != SQLITE_IOERR_READ &&
		         ext != SQLITE_IOERR_SHORT_READ)
			rc = store_fail(st, EX_IOERR, "cannot write \"%s\": I/O error (%s)", shown,
			                msg);
		else if ((rc = store_sql_fail(st, src, what)) == EX_SOFTWARE)
			rc = EX_CANTCREAT;
		(void)close(fd);
		store_tmp_discard(t);
		return rc;
	}
	return tmp_finish(st, t, fd, shown);
}

int store_tmp_bytes(struct store *st, const char *src, const char *target, const char *shown,
                    struct store_tmp *t)
{
	int in = open(src, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
	if (in < 0)
		return store_fail(st, EX_NOINPUT, "cannot read \"%s\": %s", src, strerror(errno));
	int fd = -1;
	int rc = tmp_begin(st, target, shown, t, &fd);
	if (rc) {
		(void)close(in);
		return rc;
	}
	char buf[65536];
	for (;;) {
		ssize_t n = read(in, buf, sizeof buf);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			rc = store_fail(st, EX_IOERR, "cannot read \"%s\": %s", src,
			                strerror(errno));
			break;
		}
		if (n == 0)
			break;
		for (ssize_t off = 0; off < n && !rc;) {
			ssize_t w = write(fd, buf + off, (size_t)(n - off));
			if (w < 0 && errno == EINTR)
				continue;
			if (w < 0)
				rc = errno_fail(st, errno, "cannot write", shown);
			else
				off += w;
		}
		if (rc)
			break;
	}
	(void)close(in);
	if (rc) {
		(void)close(fd);
		store_tmp_discard(t);
		return rc;
	}
	return tmp_finish(st, t, fd, shown);
}

int store_tmp_place(struct store *st, struct store_tmp *t, const char *target, const char *shown,
                    bool replace)
{
	if (replace ? rename(t->file, target) != 0 : link(t->file, target) != 0) {
		int e = errno;
		if (e == EEXIST)
			return store_fail(
			        st, EX_CANTCREAT,
			        "\"%s\" already exists (a backup never overwrites a file)", shown);
		return errno_fail(st, e, "cannot create", shown);
	}
	int e = store_sync_dir_of(target);
	if (e) {
		/* Not on the disk for sure: a new name goes again. */
		if (!replace)
			(void)unlink(target);
		return errno_fail(st, e, "cannot write", shown);
	}
	return 0;
}

int store_backup(struct store *st, const char *path)
{
	char shown[256];
	store_msg_text(path, shown, sizeof shown);
	if (!path || !*path)
		return store_fail(st, EX_USAGE, "no backup file given");
	if (st->depth > 0 || !sqlite3_get_autocommit(st->db))
		return store_fail(st, EX_SOFTWARE, "internal error: backup inside a transaction");
	/* query_only forbids VACUUM INTO too; a read-only handle still
	 * cannot change the database itself. */
	if (st->mode == STORE_READ)
		store_pragma(st, "PRAGMA query_only=OFF");
	struct store_tmp t;
	int rc = store_tmp_vacuum(st, path, shown, &t);
	if (st->mode == STORE_READ) {
		char saved[STORE_ERR_LEN];
		memcpy(saved, st->err, sizeof saved);
		if (store_pragma(st, "PRAGMA query_only=ON") != 0 && !rc)
			rc = EX_SOFTWARE;
		else
			memcpy(st->err, saved, sizeof saved);
	}
	if (!rc)
		rc = store_tmp_place(st, &t, path, shown, false);
	store_tmp_discard(&t);
	return rc;
}

/* What risk_cells holds, counted from the risks. */
#define RISK_CELLS_COUNTED                                                                         \
	"SELECT client_id, likelihood, impact, count(*) FROM risks"                                \
	" WHERE status IN ('open', 'mitigating') GROUP BY client_id, likelihood, impact"

int store_rebuild_totals(struct store *st)
{
	int rc = store_begin(st);
	if (rc)
		return rc;
	rc = sqlite3_exec(st->db,
	                  "DELETE FROM entry_days;"
	                  "INSERT INTO entry_days(client_id, day, minutes, billable, entries)"
	                  " SELECT client_id, day, sum(minutes), sum(billable * minutes), count(*)"
	                  " FROM time_entries GROUP BY client_id, day;"
	                  "DELETE FROM risk_cells;"
	                  "INSERT INTO risk_cells(client_id, likelihood, impact, open)"
	                  " " RISK_CELLS_COUNTED ";",
	                  NULL, NULL, NULL);
	if (rc != SQLITE_OK)
		rc = store_sql_fail(st, rc, "rebuilding the kept totals");
	return store_end(st, rc);
}

void store_check_free(struct store_check *c)
{
	if (!c)
		return;
	free(c->integrity);
	c->integrity = NULL;
}

/* Appends text and a newline separator to *buf. */
static int append(char **buf, size_t *len, const char *text)
{
	size_t n = strlen(text);
	char *p = realloc(*buf, *len + n + 2);
	if (!p)
		return -1;
	if (*len)
		p[(*len)++] = '\n';
	memcpy(p + *len, text, n + 1);
	*len += n;
	*buf = p;
	return 0;
}

static int integrity(struct store *st, char **out)
{
	sqlite3_stmt *s = NULL;
	size_t len = 0;
	int src = sqlite3_prepare_v2(st->db, "PRAGMA integrity_check", -1, &s, NULL);
	while (src == SQLITE_OK || src == SQLITE_ROW) {
		src = sqlite3_step(s);
		if (src != SQLITE_ROW)
			break;
		const unsigned char *t = sqlite3_column_text(s, 0);
		if (append(out, &len, t ? (const char *)t : "?")) {
			sqlite3_finalize(s);
			return store_fail(st, EX_SOFTWARE, "out of memory");
		}
	}
	sqlite3_finalize(s);
	if (src == SQLITE_DONE && *out)
		return 0;
	/* A damaged file can fail the check itself: that is its answer. */
	const char *msg = sqlite3_errmsg(st->db);
	if ((src & 0xff) == SQLITE_CORRUPT || (src & 0xff) == SQLITE_NOTADB || src == SQLITE_DONE) {
		if (append(out, &len, src == SQLITE_DONE ? "no answer" : msg))
			return store_fail(st, EX_SOFTWARE, "out of memory");
		return 0;
	}
	return store_sql_fail(st, src, "checking the database");
}

/* Rows in one query's answer and not the other's, either way: 0 when
 * the kept totals (kept) agree with the rows they sum (counted). */
static int count_differences(struct store *st, const char *kept, const char *counted,
                             const char *what, int *out)
{
	char sql[1024];
	snprintf(sql, sizeof sql,
	         "SELECT (SELECT count(*) FROM (%s EXCEPT %s)) + (SELECT count(*) FROM (%s EXCEPT "
	         "%s))",
	         kept, counted, counted, kept);
	sqlite3_stmt *s = NULL;
	int src = sqlite3_prepare_v2(st->db, sql, -1, &s, NULL);
	if (src == SQLITE_OK && (src = sqlite3_step(s)) == SQLITE_ROW)
		*out = sqlite3_column_int(s, 0);
	sqlite3_finalize(s);
	return src == SQLITE_ROW ? 0 : store_sql_fail(st, src, what);
}

int store_check(struct store *st, struct store_check *out)
{
	memset(out, 0, sizeof *out);
	int rc = integrity(st, &out->integrity);
	if (rc) {
		store_check_free(out);
		return rc;
	}
	sqlite3_stmt *s = NULL;
	int src = sqlite3_prepare_v2(st->db, "PRAGMA foreign_key_check", -1, &s, NULL);
	while (src == SQLITE_OK || src == SQLITE_ROW) {
		src = sqlite3_step(s);
		if (src == SQLITE_ROW)
			out->foreign_key_errors++;
	}
	sqlite3_finalize(s);
	if (src != SQLITE_DONE) {
		store_check_free(out);
		return store_sql_fail(st, src, "checking foreign keys");
	}

	out->day_totals_kept = STORE_HAS_ENTRY_DAYS(st);
	if (out->day_totals_kept &&
	    (rc = count_differences(
	             st, "SELECT client_id, day, minutes, billable, entries FROM entry_days",
	             "SELECT client_id, day, sum(minutes), sum(billable * minutes),"
	             " count(*) FROM time_entries GROUP BY client_id, day",
	             "checking the daily totals", &out->day_total_errors)) != 0) {
		store_check_free(out);
		return rc;
	}
	out->risk_cells_kept = STORE_HAS_RISK_CELLS(st);
	if (out->risk_cells_kept &&
	    (rc = count_differences(st,
	                            "SELECT client_id, likelihood, impact, open FROM risk_cells",
	                            RISK_CELLS_COUNTED, "checking the open risk counts",
	                            &out->risk_cell_errors)) != 0) {
		store_check_free(out);
		return rc;
	}

	/* Since schema 4 a waiting action names the person it waits for, and
	 * only a waiting one does. */
	out->waiting_for_kept = STORE_HAS_WAITING_FOR(st);
	if (out->waiting_for_kept) {
		src = sqlite3_prepare_v2(st->db,
		                         "SELECT count(*) FROM actions"
		                         " WHERE (status = 'waiting') <> (waiting_for IS NOT NULL)",
		                         -1, &s, NULL);
		if (src == SQLITE_OK && (src = sqlite3_step(s)) == SQLITE_ROW)
			out->waiting_for_errors = sqlite3_column_int(s, 0);
		sqlite3_finalize(s);
		if (src != SQLITE_ROW) {
			store_check_free(out);
			return store_sql_fail(st, src, "checking who actions wait for");
		}
	}

	static const char *const sql[] = { "PRAGMA user_version", "PRAGMA application_id",
		                           "PRAGMA journal_mode" };
	for (size_t i = 0; i < sizeof sql / sizeof sql[0]; i++) {
		src = sqlite3_prepare_v2(st->db, sql[i], -1, &s, NULL);
		if (src == SQLITE_OK && (src = sqlite3_step(s)) == SQLITE_ROW) {
			if (i == 0)
				out->schema_version = sqlite3_column_int(s, 0);
			else if (i == 1)
				out->application_id_ok =
				        sqlite3_column_int64(s, 0) == STORE_APPLICATION_ID;
			else
				store_col_copy(s, 0, out->journal_mode, sizeof out->journal_mode);
		}
		sqlite3_finalize(s);
		if (src != SQLITE_ROW) {
			store_check_free(out);
			return store_sql_fail(st, src, sql[i]);
		}
	}
	return 0;
}

/*
 * restore.c: putting a backup in the database's place.
 *
 * The backup is checked first (integrity, cxo's application_id, a schema
 * this cxo can open) and copied beside the database.  Then, holding the
 * database's exclusive lock (refused at once when another cxo has it
 * open), the current database is kept as a backup of its own, switched
 * out of WAL so its -wal is checkpointed and gone, its -shm and any
 * -journal removed, and the copy renamed over it.  Every step before the
 * rename changes nothing the user can see; a failure undoes the kept
 * copy too.
 */
#include "internal.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sysexits.h>
#include <unistd.h>

/* A bare handle on path: no schema check, no migration, no WAL switch. */
static int raw_open(const char *path, const char *shown, int flags, struct store **out)
{
	struct store *st = calloc(1, sizeof *st);
	if (!st || !(st->path = strdup(shown))) {
		free(st);
		return EX_SOFTWARE;
	}
	st->mode = (flags & SQLITE_OPEN_READONLY) ? STORE_READ : STORE_WRITE;
	*out = st;
	int src = sqlite3_open_v2(path, &st->db, flags, NULL);
	if (src != SQLITE_OK)
		return store_fail(st, EX_NOINPUT, "cannot open \"%s\": %s", shown,
		                  st->db ? sqlite3_errmsg(st->db) : sqlite3_errstr(src));
	sqlite3_extended_result_codes(st->db, 1);
	if (sqlite3_db_config(st->db, SQLITE_DBCONFIG_DEFENSIVE, 1, (int *)NULL) != SQLITE_OK ||
	    sqlite3_db_config(st->db, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, (int *)NULL) !=
	            SQLITE_OK ||
	    sqlite3_busy_timeout(st->db, 0) != SQLITE_OK)
		return store_sql_fail(st, sqlite3_errcode(st->db), "configuring the database");
	return 0;
}

/* One integer from sql into *out; the SQLite code. */
static int one_long(struct store *st, const char *sql, long *out)
{
	sqlite3_stmt *s = NULL;
	int src = sqlite3_prepare_v2(st->db, sql, -1, &s, NULL);
	if (src == SQLITE_OK && (src = sqlite3_step(s)) == SQLITE_ROW)
		*out = (long)sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	return src == SQLITE_ROW ? SQLITE_OK : src;
}

/* The backup is a whole cxo database this cxo can open. */
static int check_backup(struct store *st, const char *shown, int *schema, bool whole)
{
	long app = 0, version = 0, objects = 0;
	int src = one_long(st, "PRAGMA application_id", &app);
	if (src == SQLITE_OK)
		src = one_long(st, "PRAGMA user_version", &version);
	if (src == SQLITE_OK)
		src = one_long(st, "SELECT count(*) FROM sqlite_master", &objects);
	if ((src & 0xff) == SQLITE_NOTADB || (src == SQLITE_OK && app != STORE_APPLICATION_ID))
		return store_fail(st, EX_DATAERR, "\"%s\" is not a cxo database", shown);
	if ((src & 0xff) == SQLITE_CORRUPT)
		return store_fail(st, EX_DATAERR, "\"%s\" is damaged (%s): choose another backup",
		                  shown, sqlite3_errmsg(st->db));
	if (src != SQLITE_OK)
		return store_sql_fail(st, src, "reading the backup");
	if (version > STORE_SCHEMA_VERSION)
		return store_fail(st, EX_DATAERR,
		                  "\"%s\" was made by a newer cxo (schema %ld, this cxo knows %d)",
		                  shown, version, STORE_SCHEMA_VERSION);
	if (version < STORE_SCHEMA_READABLE || objects == 0)
		return store_fail(st, EX_DATAERR,
		                  "\"%s\" is not a cxo database (schema %ld, expected %d to %d)",
		                  shown, version, STORE_SCHEMA_READABLE, STORE_SCHEMA_VERSION);
	*schema = (int)version;
	if (!whole)
		return 0;

	sqlite3_stmt *s = NULL;
	char first[256] = "";
	int rows = 0;
	src = sqlite3_prepare_v2(st->db, "PRAGMA integrity_check", -1, &s, NULL);
	while (src == SQLITE_OK || src == SQLITE_ROW) {
		if ((src = sqlite3_step(s)) != SQLITE_ROW)
			break;
		if (rows++ == 0)
			store_col_copy(s, 0, first, sizeof first);
	}
	sqlite3_finalize(s);
	if ((src & 0xff) == SQLITE_CORRUPT || (src & 0xff) == SQLITE_NOTADB)
		snprintf(first, sizeof first, "%s", sqlite3_errmsg(st->db));
	else if (src != SQLITE_DONE)
		return store_sql_fail(st, src, "checking the backup");
	if (src != SQLITE_DONE || rows != 1 || strcmp(first, "ok")) {
		char clean[256];
		store_msg_text(first, clean, sizeof clean);
		return store_fail(st, EX_DATAERR, "\"%s\" is damaged (%s%s): choose another backup",
		                  shown, clean, rows > 1 ? " and more" : "");
	}
	return 0;
}

/* mkdir -p, 0700 for what it makes. */
static int make_dirs(const char *dir)
{
	char buf[PATH_MAX];
	if (snprintf(buf, sizeof buf, "%s", dir) >= (int)sizeof buf)
		return ENAMETOOLONG;
	for (char *p = buf + 1;; p++) {
		if (*p != '/' && *p != '\0')
			continue;
		char c = *p;
		*p = '\0';
		if (mkdir(buf, 0700) != 0 && errno != EEXIST)
			return errno;
		*p = c;
		if (!c)
			return 0;
	}
}

/* The database's path with its directory's real path, made if missing. */
static int full_db_path(struct store *st, const char *db, const char *shown, char *full, size_t n)
{
	const char *slash = strrchr(db, '/');
	const char *base = slash ? slash + 1 : db;
	char dir[PATH_MAX], real[PATH_MAX];
	if (!*base || !strcmp(base, ".") || !strcmp(base, ".."))
		return store_fail(st, EX_USAGE, "bad database path \"%s\" (expected a file name)",
		                  shown);
	if (!slash)
		snprintf(dir, sizeof dir, ".");
	else if (slash == db)
		snprintf(dir, sizeof dir, "/");
	else
		snprintf(dir, sizeof dir, "%.*s", (int)(slash - db), db);
	int e = make_dirs(dir);
	if (e || !realpath(dir, real))
		return store_fail(st, EX_CANTCREAT, "cannot use the directory of \"%s\": %s", shown,
		                  strerror(e ? e : errno));
	if (snprintf(full, n, "%s/%s", strcmp(real, "/") ? real : "", base) >= (int)n)
		return store_fail(st, EX_USAGE, "database path \"%s\" is too long", shown);
	return 0;
}

/* Runs sql, a statement whose rows are ignored; the SQLite code. */
static int exec(struct store *st, const char *sql)
{
	return sqlite3_exec(st->db, sql, NULL, NULL, NULL);
}

/* Takes the database's exclusive lock and keeps it until closed: *locked
 * false (and 0) when the file is not a database at all, so nothing can
 * hold it; *damaged when its pages cannot all be read. */
static int lock_current(struct store *cur, bool *locked, bool *damaged)
{
	*locked = *damaged = false;
	int src = exec(cur, "PRAGMA locking_mode=EXCLUSIVE");
	if (src == SQLITE_OK)
		src = exec(cur, "BEGIN EXCLUSIVE");
	if ((src & 0xff) == SQLITE_BUSY || (src & 0xff) == SQLITE_LOCKED)
		return store_fail(cur, EX_TEMPFAIL,
		                  "\"%s\" is in use by another cxo (the dashboard?): quit it and "
		                  "restore again",
		                  cur->path);
	if ((src & 0xff) == SQLITE_NOTADB || (src & 0xff) == SQLITE_CORRUPT) {
		*damaged = true;
		return 0;
	}
	if (src != SQLITE_OK)
		return store_sql_fail(cur, src, "locking the database");
	/* The lock stays after the commit: locking_mode=EXCLUSIVE. */
	if ((src = exec(cur, "COMMIT")) != SQLITE_OK)
		return store_sql_fail(cur, src, "locking the database");
	*locked = true;
	src = exec(cur, "PRAGMA wal_checkpoint(TRUNCATE)");
	if ((src & 0xff) == SQLITE_CORRUPT || (src & 0xff) == SQLITE_NOTADB)
		*damaged = true;
	else if (src != SQLITE_OK)
		return store_sql_fail(cur, src, "checkpointing the database");
	/* VACUUM INTO copies some damaged pages without a word: only a
	 * sound database is copied that way. */
	sqlite3_stmt *s = NULL;
	src = sqlite3_prepare_v2(cur->db, "PRAGMA quick_check(1)", -1, &s, NULL);
	if (src == SQLITE_OK)
		src = sqlite3_step(s);
	if (src != SQLITE_ROW || !sqlite3_column_text(s, 0) ||
	    strcmp((const char *)sqlite3_column_text(s, 0), "ok"))
		*damaged = true;
	sqlite3_finalize(s);
	return 0;
}

/* Keeps the current database at keep: a consistent copy, or, when it is
 * damaged, its bytes (and those of a -wal that could not be
 * checkpointed, beside it as keep-wal). */
static int keep_current(struct store *cur, const char *full, const char *keep, bool damaged,
                        struct restore_request *r)
{
	char shown[256];
	store_msg_text(keep, shown, sizeof shown);
	struct store_tmp t;
	int rc = damaged ? EX_DATAERR : store_tmp_vacuum(cur, keep, shown, &t);
	if (rc == EX_DATAERR) { /* damaged: keep it as it is */
		damaged = true;
		rc = store_tmp_bytes(cur, full, keep, shown, &t);
	}
	if (!rc)
		rc = store_tmp_place(cur, &t, keep, shown, false);
	store_tmp_discard(&t);
	if (rc)
		return rc;
	r->kept = true;
	r->kept_bytes = damaged;
	char wal[PATH_MAX + 8], keep_wal[PATH_MAX + 8];
	struct stat sb;
	snprintf(wal, sizeof wal, "%s-wal", full);
	snprintf(keep_wal, sizeof keep_wal, "%s-wal", keep);
	if (!damaged || lstat(wal, &sb) != 0 || sb.st_size == 0)
		return 0;
	store_msg_text(keep_wal, shown, sizeof shown);
	rc = store_tmp_bytes(cur, wal, keep_wal, shown, &t);
	if (!rc)
		rc = store_tmp_place(cur, &t, keep_wal, shown, false);
	store_tmp_discard(&t);
	return rc;
}

/* Takes the database out of WAL (its -wal checkpointed and removed) and
 * removes its -shm and any -journal, so nothing stale meets the copy. */
static int clear_side_files(struct store *cur, const char *full, bool locked)
{
	if (locked) {
		sqlite3_stmt *s = NULL;
		int src = sqlite3_prepare_v2(cur->db, "PRAGMA journal_mode=DELETE", -1, &s, NULL);
		if (src == SQLITE_OK)
			src = sqlite3_step(s);
		bool ok = src == SQLITE_ROW && sqlite3_column_text(s, 0) &&
		          !strcmp((const char *)sqlite3_column_text(s, 0), "delete");
		sqlite3_finalize(s);
		if (src != SQLITE_ROW)
			return store_sql_fail(cur, src, "closing the write-ahead log");
		if (!ok)
			return store_fail(cur, EX_SOFTWARE,
			                  "cannot take \"%s\" out of WAL mode to replace it",
			                  cur->path);
	}
	static const char *const sides[] = { "-wal", "-shm", "-journal" };
	for (size_t i = 0; i < sizeof sides / sizeof sides[0]; i++) {
		char side[PATH_MAX + 16];
		snprintf(side, sizeof side, "%s%s", full, sides[i]);
		if (unlink(side) != 0 && errno != ENOENT)
			return store_fail(cur, EX_CANTCREAT, "cannot remove \"%s%s\": %s",
			                  cur->path, sides[i], strerror(errno));
	}
	return 0;
}

/* The copy in WAL mode, as cxo keeps its database, so the lock that
 * tells restore another process has it open is taken from the first
 * open on; synced again. */
static int set_wal(struct store *bk, struct store_tmp *copy, const char *shown)
{
	struct store *c = NULL;
	int rc = raw_open(copy->file, shown, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOFOLLOW, &c);
	if (!rc && (rc = store_set_wal(c)) == 0)
		rc = store_pragma(c, "PRAGMA wal_checkpoint(TRUNCATE)");
	if (rc)
		snprintf(bk->err, sizeof bk->err, "%s", c ? c->err : "out of memory");
	store_close(c); /* the last connection: removes the -wal and -shm */
	if (rc)
		return rc;
	int fd = open(copy->file, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
	int e = fd < 0 || fsync(fd) != 0 ? errno : 0;
	if (fd >= 0 && close(fd) != 0 && !e)
		e = errno;
	if (e)
		return store_fail(bk, e == ENOSPC || e == EIO ? EX_IOERR : EX_CANTCREAT,
		                  "cannot write \"%s\": %s", shown, strerror(e));
	return 0;
}

/* Everything after the backup is checked and copied: the lock, the kept
 * copy, the side files and the rename. */
static int replace(struct store *cur, const char *full, struct store_tmp *copy,
                   struct restore_request *r)
{
	bool locked = false, damaged = false;
	int rc = lock_current(cur, &locked, &damaged);
	if (!rc)
		rc = keep_current(cur, full, r->keep_path, damaged, r);
	if (!rc)
		rc = clear_side_files(cur, full, locked);
	if (!rc && rename(copy->file, full) != 0) {
		int e = errno;
		rc = store_fail(cur, e == EIO || e == ENOSPC ? EX_IOERR : EX_CANTCREAT,
		                "cannot replace \"%s\": %s", cur->path, strerror(e));
	}
	if (rc && r->kept) {
		/* Nothing was replaced: the kept copy goes again. */
		char keep_wal[PATH_MAX + 8];
		snprintf(keep_wal, sizeof keep_wal, "%s-wal", r->keep_path);
		(void)unlink(r->keep_path);
		if (r->kept_bytes)
			(void)unlink(keep_wal);
		r->kept = r->kept_bytes = false;
	}
	return rc;
}

int store_restore(struct restore_request *r, char *err, size_t errsz)
{
	char db_shown[256], file_shown[256];
	store_msg_text(r->db_path, db_shown, sizeof db_shown);
	store_msg_text(r->file, file_shown, sizeof file_shown);
	r->kept = r->kept_bytes = r->had_database = false;
	struct store *bk = NULL, *cur = NULL;
	struct store_tmp copy = { .dir = "" };
	char full[PATH_MAX];
	struct stat fs, ds;
	int rc = raw_open(r->file, file_shown, SQLITE_OPEN_READONLY, &bk);
	if (rc == EX_SOFTWARE && !bk) {
		snprintf(err, errsz, "out of memory");
		return rc;
	}
	if (!rc && stat(r->file, &fs) != 0)
		rc = store_fail(bk, EX_NOINPUT, "cannot read \"%s\": %s", file_shown,
		                strerror(errno));
	if (!rc)
		rc = full_db_path(bk, r->db_path, db_shown, full, sizeof full);
	if (!rc && lstat(full, &ds) == 0) {
		r->had_database = true;
		if (S_ISLNK(ds.st_mode))
			rc = store_fail(bk, EX_CANTCREAT,
			                "\"%s\" is a symbolic link (give the path of the database "
			                "itself)",
			                db_shown);
		else if (ds.st_dev == fs.st_dev && ds.st_ino == fs.st_ino)
			rc = store_fail(bk, EX_USAGE, "\"%s\" is the database itself", file_shown);
	}
	if (!rc)
		rc = check_backup(bk, file_shown, &r->schema, !r->move_file);
	if (!rc && r->move_file)
		snprintf(copy.file, sizeof copy.file, "%s", r->file); /* dir stays "": not ours */
	else if (!rc)
		rc = store_tmp_vacuum(bk, full, db_shown, &copy);
	if (!rc)
		rc = set_wal(bk, &copy, db_shown);
	if (rc) {
		snprintf(err, errsz, "%s", bk->err);
		store_close(bk);
		store_tmp_discard(&copy);
		return rc;
	}
	store_close(bk);

	if (!r->had_database) {
		/* Nothing to keep or to lock: the copy takes the free name, and
		 * a database made meanwhile is never replaced unseen. */
		if ((rc = raw_open(":memory:", db_shown, SQLITE_OPEN_READWRITE, &cur)) == 0)
			rc = store_tmp_place(cur, &copy, full, db_shown, false);
		if (rc == EX_CANTCREAT && cur && strstr(cur->err, "already exists"))
			rc = store_fail(cur, EX_TEMPFAIL,
			                "a database appeared at \"%s\" meanwhile: restore again",
			                db_shown);
	} else {
		rc = raw_open(full, db_shown, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOFOLLOW, &cur);
		if (!rc)
			rc = replace(cur, full, &copy, r);
		if (!rc) {
			int e = store_sync_dir_of(full);
			if (e)
				rc = store_fail(
				        cur, EX_IOERR,
				        "\"%s\" is restored, but syncing its directory failed "
				        "(%s): run cxo doctor",
				        db_shown, strerror(e));
		}
	}
	if (rc)
		snprintf(err, errsz, "%s", cur ? cur->err : "out of memory");
	store_close(cur); /* lets go of the old file's lock */
	store_tmp_discard(&copy);
	return rc;
}

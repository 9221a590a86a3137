/*
 * files.c: the database's files before SQLite opens them.  Where the file
 * is (its directory made 0700 for a write), that it and its -wal and -shm
 * are regular files of the user's own that no one else may read or write,
 * and that the -wal and -shm exist 0600 before SQLite would make them with
 * the database's mode (or another user could make them first).
 */
#include "internal.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sysexits.h>
#include <unistd.h>

#include "cxo/fileperm.h"

static const char *const SIDECARS[] = { "-wal", "-shm" };
#define SIDECAR_COUNT 2

/* mkdir -p with mode 0700 for every directory it creates. */
static int make_dirs(const char *dir, char *err, size_t errsz)
{
	char buf[PATH_MAX];
	if (snprintf(buf, sizeof buf, "%s", dir) >= (int)sizeof buf) {
		snprintf(err, errsz, "database directory \"%s\" is too long", dir);
		return EX_CANTCREAT;
	}
	for (char *p = buf + 1;; p++) {
		if (*p != '/' && *p != '\0')
			continue;
		char c = *p;
		*p = '\0';
		if (mkdir(buf, 0700) != 0 && errno != EEXIST) {
			if (errno == EACCES) {
				struct stat sb;
				/* One we may not even look into: say so. */
				if (stat(buf, &sb) != 0 && errno == EACCES) {
					snprintf(err, errsz,
					         "cannot use directory \"%s\": permission denied",
					         buf);
					return EX_NOPERM;
				}
				errno = EACCES;
			}
			snprintf(err, errsz, "cannot create directory \"%s\": %s", buf,
			         strerror(errno));
			return EX_CANTCREAT;
		}
		*p = c;
		if (!c)
			return 0;
	}
}

int store_files_resolve(const char *path, enum store_mode mode, char *full, size_t fullsz,
                        char *err, size_t errsz)
{
	const char *slash = strrchr(path, '/');
	const char *base = slash ? slash + 1 : path;
	char dir[PATH_MAX];
	if (!*base || !strcmp(base, ".") || !strcmp(base, "..")) {
		snprintf(err, errsz, "bad database path \"%s\" (expected a file name)", path);
		return EX_USAGE;
	}
	if (!slash)
		snprintf(dir, sizeof dir, ".");
	else if (slash == path)
		snprintf(dir, sizeof dir, "/");
	else if ((size_t)(slash - path) >= sizeof dir) {
		snprintf(err, errsz, "database path \"%s\" is too long", path);
		return EX_USAGE;
	} else
		snprintf(dir, sizeof dir, "%.*s", (int)(slash - path), path);

	if (mode == STORE_WRITE) {
		int rc = make_dirs(dir, err, errsz);
		if (rc)
			return rc;
	}
	char real[PATH_MAX];
	if (!realpath(dir, real)) {
		if (errno == EACCES) {
			snprintf(err, errsz,
			         "cannot use directory \"%s\" of \"%s\": permission denied", dir,
			         path);
			return EX_NOPERM;
		}
		if (errno == ENOENT && mode == STORE_READ) {
			snprintf(err, errsz, "no database at \"%s\"", path);
			return EX_NOINPUT;
		}
		snprintf(err, errsz, "cannot use directory \"%s\": %s", dir, strerror(errno));
		return mode == STORE_READ ? EX_NOINPUT : EX_CANTCREAT;
	}
	if (snprintf(full, fullsz, "%s/%s", strcmp(real, "/") ? real : "", base) >= (int)fullsz) {
		snprintf(err, errsz, "database path \"%s\" is too long", path);
		return EX_USAGE;
	}
	return 0;
}

/* Refuses a file st describes that is not the user's private file. */
static int judge(const char *shown, const struct stat *sb, char *err, size_t errsz)
{
	return fileperm_ok(shown, sb, FILEPERM_PRIVATE, (unsigned)geteuid(), err, errsz)
	               ? 0
	               : EX_NOPERM;
}

/* A lstat that failed for another reason than the file missing. */
static int cannot_look(const char *shown, int e, enum store_mode mode, char *err, size_t errsz)
{
	if (e == EACCES) {
		snprintf(err, errsz, "cannot use \"%s\": permission denied", shown);
		return EX_NOPERM;
	}
	snprintf(err, errsz, "cannot use \"%s\": %s", shown, strerror(e));
	return mode == STORE_READ ? EX_NOINPUT : EX_CANTCREAT;
}

/* Checks the existing -wal or -shm of full (shown as path + suffix), or
 * notes it missing (*missing); a write needs it writable by the user. */
static int check_sidecar(const char *path, const char *full, const char *suffix,
                         enum store_mode mode, bool *missing, off_t *size, char *err, size_t errsz)
{
	char name[PATH_MAX + 8], shown[PATH_MAX + 8];
	snprintf(name, sizeof name, "%s%s", full, suffix);
	snprintf(shown, sizeof shown, "%s%s", path, suffix);
	struct stat sb;
	*missing = false;
	*size = 0;
	if (lstat(name, &sb) != 0) {
		if (errno == ENOENT) {
			*missing = true;
			return 0;
		}
		return cannot_look(shown, errno, mode, err, errsz);
	}
	int rc = judge(shown, &sb, err, errsz);
	if (rc)
		return rc;
	if (mode == STORE_WRITE && (sb.st_mode & 0600) != 0600) {
		snprintf(
		        err, errsz,
		        "\"%s\" is mode %04o, which you cannot write (expected 0600): chmod 600 %s",
		        shown, (unsigned)sb.st_mode & 07777, shown);
		return EX_NOPERM;
	}
	*size = sb.st_size;
	return 0;
}

/* Makes the missing -wal or -shm 0600 before SQLite would (with the
 * database's mode).  *denied: the directory will not have it (a read may
 * then go on without). */
static int make_sidecar(const char *path, const char *full, const char *suffix,
                        enum store_mode mode, bool *denied, char *err, size_t errsz)
{
	char name[PATH_MAX + 8], shown[PATH_MAX + 8];
	snprintf(name, sizeof name, "%s%s", full, suffix);
	snprintf(shown, sizeof shown, "%s%s", path, suffix);
	*denied = false;
	int fd = open(name, O_RDWR | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
	if (fd < 0) {
		if (errno == EEXIST) { /* made meanwhile: by whom? */
			bool missing;
			off_t size;
			return check_sidecar(path, full, suffix, mode, &missing, &size, err, errsz);
		}
		if (errno == EACCES || errno == EROFS || errno == EPERM) {
			*denied = true;
			if (mode == STORE_READ)
				return 0;
		}
		snprintf(err, errsz, "cannot create \"%s\": %s", shown, strerror(errno));
		return EX_CANTCREAT;
	}
	if (fchmod(fd, 0600) != 0) {
		snprintf(err, errsz, "cannot create \"%s\": %s", shown, strerror(errno));
		close(fd);
		return EX_CANTCREAT;
	}
	if (close(fd) != 0) {
		snprintf(err, errsz, "cannot create \"%s\": %s", shown, strerror(errno));
		return EX_CANTCREAT;
	}
	return 0;
}

/* Reads the start of the file to see whether it is a WAL database. */
static bool wal_header(const char *full)
{
	unsigned char h[20];
	int fd = open(full, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0)
		return false;
	ssize_t n = read(fd, h, sizeof h);
	close(fd);
	return n == (ssize_t)sizeof h && !memcmp(h, "SQLite format 3", 16) && h[18] == 2 &&
	       h[19] == 2;
}

int store_files_prepare(const char *path, const char *full, enum store_mode mode, bool may_init,
                        struct store_files *out, char *err, size_t errsz)
{
	struct stat sb;
	bool raced = false;
	out->made = false;
	out->immutable = false;
	/* The -wal and -shm first: another user's, made before the database
	 * in a shared directory, must stop the command before it creates
	 * anything. */
	bool missing[SIDECAR_COUNT];
	off_t size[SIDECAR_COUNT];
	int rc;
	for (int i = 0; i < SIDECAR_COUNT; i++)
		if ((rc = check_sidecar(path, full, SIDECARS[i], mode, &missing[i], &size[i], err,
		                        errsz)))
			return rc;
	if (lstat(full, &sb) != 0) {
		if (errno != ENOENT)
			return cannot_look(path, errno, mode, err, errsz);
		if (mode == STORE_READ) {
			snprintf(err, errsz, "no database at \"%s\"", path);
			return EX_NOINPUT;
		}
		/* SQLite would create it 0644; the -wal and -shm copy this
		 * mode. */
		int fd = open(full, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
		if (fd < 0 && errno != EEXIST) {
			snprintf(err, errsz, "cannot create \"%s\": %s", path, strerror(errno));
			return EX_CANTCREAT;
		}
		if (fd >= 0) {
			if (fchmod(fd, 0600) != 0 || close(fd) != 0) {
				snprintf(err, errsz, "cannot create \"%s\": %s", path,
				         strerror(errno));
				return EX_CANTCREAT;
			}
			out->made = true;
		} else {
			raced = true; /* another cxo was quicker */
		}
		if (lstat(full, &sb) != 0)
			return cannot_look(path, errno, mode, err, errsz);
	}
	if ((rc = judge(path, &sb, err, errsz)) != 0) {
		if (out->made)
			store_files_unmake(full);
		out->made = false;
		return rc;
	}
	bool empty = sb.st_size == 0 && size[0] == 0;
	if (empty && !out->made && !raced && !may_init) {
		/* Not one cxo made: only `cxo init` adopts it, and a refused
		 * command leaves it as it is. */
		snprintf(err, errsz,
		         "\"%s\" is an empty file, not a cxo database yet: run 'cxo init' to "
		         "set it up",
		         path);
		return EX_NOINPUT;
	}
	bool wal = !empty && wal_header(full);
	if (!(wal || (mode == STORE_WRITE && empty)))
		return 0; /* a rollback-journal file: store_files_sidecars, if migrated */
	/* SQLite gives an empty -wal or -shm the database's own mode: one
	 * made for a read of a 0400 file would stay 0400 and fail every
	 * write once the file is 0600 again.  No one may write such a file,
	 * so it is read as it is, and nothing is made. */
	if (mode == STORE_READ && !(sb.st_mode & S_IWUSR) && size[0] == 0 &&
	    (missing[0] || missing[1])) {
		out->immutable = true;
		return 0;
	}
	for (int i = 0; i < SIDECAR_COUNT; i++) {
		bool denied = false;
		if (!missing[i])
			continue;
		if ((rc = make_sidecar(path, full, SIDECARS[i], mode, &denied, err, errsz)))
			return rc;
		/* A read where they cannot be made (a read-only mount, a
		 * directory of someone else's): with no -wal, the file alone
		 * is the whole database, read as it is. */
		if (denied && size[0] == 0) {
			out->immutable = true;
			break;
		}
	}
	return 0;
}

int store_files_sidecars(struct store *st)
{
	const char *full = sqlite3_db_filename(st->db, "main");
	if (!full || !*full)
		return 0;
	char err[STORE_ERR_LEN];
	for (int i = 0; i < SIDECAR_COUNT; i++) {
		bool missing, denied;
		off_t size;
		int rc = check_sidecar(st->path, full, SIDECARS[i], st->mode, &missing, &size, err,
		                       sizeof err);
		if (!rc && missing)
			rc = make_sidecar(st->path, full, SIDECARS[i], st->mode, &denied, err,
			                  sizeof err);
		if (rc)
			return store_fail(st, rc, "%s", err);
	}
	return 0;
}

void store_files_unmake(const char *full)
{
	char names[1 + SIDECAR_COUNT][PATH_MAX + 8];
	snprintf(names[0], sizeof names[0], "%s", full);
	for (int i = 0; i < SIDECAR_COUNT; i++)
		snprintf(names[1 + i], sizeof names[1 + i], "%s%s", full, SIDECARS[i]);
	for (int i = 0; i <= SIDECAR_COUNT; i++) {
		struct stat sb;
		/* Something written, or not ours to judge: keep everything. */
		if (lstat(names[i], &sb) == 0 && (!S_ISREG(sb.st_mode) || sb.st_size != 0))
			return;
	}
	/* The sidecars first: a -wal without its database means nothing. */
	for (int i = SIDECAR_COUNT; i >= 0; i--)
		(void)unlink(names[i]); /* best effort: a failed command's leftovers */
}

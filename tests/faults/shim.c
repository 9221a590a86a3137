/*
 * shim.c: an LD_PRELOAD library that makes one write fail, for
 * tests/faults/run.py.
 *
 *   CXO_FAULT_CALL   the kind of call to fail: write, pwrite (pwrite and
 *                    pwrite64), fsync (fsync and fdatasync) or ftruncate
 *                    (ftruncate and ftruncate64)
 *   CXO_FAULT_NTH    fail the Nth call of that kind (from 1); unset or 0:
 *                    fail none, only count
 *   CXO_FAULT_ERRNO  EIO (the default) or ENOSPC
 *   CXO_FAULT_LOG    a file the counts are appended to at exit, one line:
 *                    "write=N pwrite=N fsync=N ftruncate=N injected=0|1"
 *
 * Only calls on regular files and directories count: the terminal, pipes
 * and sockets are left alone, so the failing command can still say why.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

enum kind { K_WRITE, K_PWRITE, K_FSYNC, K_FTRUNCATE, K_COUNT };
static const char *const names[K_COUNT] = { "write", "pwrite", "fsync", "ftruncate" };

static long counts[K_COUNT];
static int target = -1; /* the kind to fail, -1 none */
static long nth;
static int fault_errno = EIO;
static int injected;
static int ready;

static void setup(void)
{
	if (ready)
		return;
	ready = 1;
	const char *call = getenv("CXO_FAULT_CALL");
	const char *n = getenv("CXO_FAULT_NTH");
	const char *e = getenv("CXO_FAULT_ERRNO");
	for (int k = 0; call && k < K_COUNT; k++)
		if (!strcmp(call, names[k]))
			target = k;
	nth = n ? strtol(n, NULL, 10) : 0;
	if (e && !strcmp(e, "ENOSPC"))
		fault_errno = ENOSPC;
}

/* Whether this call on fd fails: counts it when fd is a file. */
static int fail_now(enum kind k, int fd)
{
	struct stat sb;
	setup();
	if (fstat(fd, &sb) != 0 || !(S_ISREG(sb.st_mode) || S_ISDIR(sb.st_mode)))
		return 0;
	counts[k]++;
	if ((int)k == target && nth > 0 && counts[k] == nth) {
		injected = 1;
		return 1;
	}
	return 0;
}

#define REAL(name, type) ((type)dlsym(RTLD_NEXT, name))

ssize_t write(int fd, const void *buf, size_t n)
{
	if (fail_now(K_WRITE, fd)) {
		errno = fault_errno;
		return -1;
	}
	return REAL("write", ssize_t(*)(int, const void *, size_t))(fd, buf, n);
}

ssize_t pwrite(int fd, const void *buf, size_t n, off_t off)
{
	if (fail_now(K_PWRITE, fd)) {
		errno = fault_errno;
		return -1;
	}
	return REAL("pwrite", ssize_t(*)(int, const void *, size_t, off_t))(fd, buf, n, off);
}

ssize_t pwrite64(int fd, const void *buf, size_t n, off64_t off)
{
	if (fail_now(K_PWRITE, fd)) {
		errno = fault_errno;
		return -1;
	}
	return REAL("pwrite64", ssize_t(*)(int, const void *, size_t, off64_t))(fd, buf, n, off);
}

int fsync(int fd)
{
	if (fail_now(K_FSYNC, fd)) {
		errno = fault_errno;
		return -1;
	}
	return REAL("fsync", int (*)(int))(fd);
}

int fdatasync(int fd)
{
	if (fail_now(K_FSYNC, fd)) {
		errno = fault_errno;
		return -1;
	}
	return REAL("fdatasync", int (*)(int))(fd);
}

int ftruncate(int fd, off_t len)
{
	if (fail_now(K_FTRUNCATE, fd)) {
		errno = fault_errno;
		return -1;
	}
	return REAL("ftruncate", int (*)(int, off_t))(fd, len);
}

int ftruncate64(int fd, off64_t len)
{
	if (fail_now(K_FTRUNCATE, fd)) {
		errno = fault_errno;
		return -1;
	}
	return REAL("ftruncate64", int (*)(int, off64_t))(fd, len);
}

__attribute__((destructor)) static void report(void)
{
	const char *log = getenv("CXO_FAULT_LOG");
	if (!log)
		return;
	target = -1; /* the report itself never fails */
	char line[256];
	int len = snprintf(
	        line, sizeof line, "write=%ld pwrite=%ld fsync=%ld ftruncate=%ld injected=%d\n",
	        counts[K_WRITE], counts[K_PWRITE], counts[K_FSYNC], counts[K_FTRUNCATE], injected);
	int fd = open(log, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
	if (fd < 0)
		return;
	if (len > 0)
		(void)!REAL("write", ssize_t(*)(int, const void *, size_t))(fd, line, (size_t)len);
	(void)close(fd);
}

/*
 * tmpdir.h: a private temporary directory per test, removed afterwards,
 * and a helper to write files into it.  Shared by the store, settings and
 * theme tests.
 */
#ifndef CXO_TEST_TMPDIR_H
#define CXO_TEST_TMPDIR_H

#include <criterion/criterion.h>
#include <ftw.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static char tdir[96];

/* Makes $TMPDIR/cxo-NAME-test-XXXXXX into tdir: /tmp when TMPDIR is unset,
 * relative, or too long for the tests' path buffers. */
static inline void tdir_make(const char *name)
{
	const char *tmp = getenv("TMPDIR");

	if (!tmp || tmp[0] != '/' || strlen(tmp) > 64)
		tmp = "/tmp";
	snprintf(tdir, sizeof tdir, "%s/cxo-%s-test-XXXXXX", tmp, name);
	cr_assert_not_null(mkdtemp(tdir), "cannot make %s", tdir);
}

static inline int tdir_rm_entry(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
	(void)sb;
	(void)flag;
	(void)ftw;
	return remove(path);
}

static inline void tdir_teardown(void)
{
	if (tdir[0])
		nftw(tdir, tdir_rm_entry, 16, FTW_DEPTH | FTW_PHYS);
	tdir[0] = '\0';
}

/* tdir/name into buf. */
static inline const char *tpath(char *buf, size_t n, const char *name)
{
	snprintf(buf, n, "%s/%s", tdir, name);
	return buf;
}

/* Writes text to tdir/name, making its parent directories; the path, in
 * a static buffer. */
static inline const char *write_file(const char *name, const char *text)
{
	static char path[512];
	tpath(path, sizeof path, name);
	for (char *slash = strchr(path + strlen(tdir) + 1, '/'); slash;
	     slash = strchr(slash + 1, '/')) {
		*slash = '\0';
		mkdir(path, 0700);
		*slash = '/';
	}
	FILE *fp = fopen(path, "w");
	cr_assert_not_null(fp, "cannot create %s", path);
	cr_assert_geq(fputs(text, fp), 0);
	cr_assert_eq(fclose(fp), 0);
	return path;
}

#endif

/* Fuzzing the theme reader: the input is a theme file, found by name in
 * CXO_THEME_DIR.  It loads, or is refused with a message naming the
 * file; never a crash, a leak or an exit from the parser. */
#include "fuzz.h"

#include <sysexits.h>
#include <unistd.h>

#include "cxo/theme.h"

static char dir[64], path[128];

static void setup(void)
{
	if (dir[0])
		return;
	snprintf(dir, sizeof dir, "/tmp/cxo-fuzz-theme-XXXXXX");
	FUZZ_CHECK(mkdtemp(dir), "mkdtemp");
	snprintf(path, sizeof path, "%s/fuzz.theme", dir);
	FUZZ_CHECK(setenv("CXO_THEME_DIR", dir, 1) == 0, "setenv");
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	setup();
	FILE *fp = fopen(path, "w");
	FUZZ_CHECK(fp, "%s", path);
	FUZZ_CHECK(fwrite(data, 1, size, fp) == size && fclose(fp) == 0, "%s", path);

	struct theme th;
	char err[1024] = "";
	int rc = theme_load("fuzz", &th, err, sizeof err);
	FUZZ_CHECK(rc == 0 || rc == EX_CONFIG || rc == EX_OSERR, "rc %d", rc);
	if (rc == 0)
		FUZZ_CHECK(th.path && strstr(th.path, dir), "loaded from %s", th.path);
	else if (rc == EX_CONFIG)
		FUZZ_CHECK(strstr(err, "fuzz.theme"), "the error names no file: %s", err);
	theme_free(&th); /* as after a failure too */
	return 0;
}

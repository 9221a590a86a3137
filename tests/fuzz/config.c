/* Fuzzing the configuration reader: the input is a configuration file
 * (includes are resolved beside it, in a directory of its own).  It is
 * read or refused with a "FILE:LINE: message" naming the file; never a
 * crash, a leak or an exit from the parser. */
#include "fuzz.h"

#include <sysexits.h>
#include <unistd.h>

#include "cxo/config.h"

static char dir[64], path[128];

static void setup(void)
{
	if (dir[0])
		return;
	const char *tmp = getenv("TMPDIR");
	snprintf(dir, sizeof dir, "%s/cxo-fuzz-XXXXXX", tmp && *tmp ? tmp : "/tmp");
	if (strlen(dir) >= sizeof dir - 1 || !mkdtemp(dir)) {
		snprintf(dir, sizeof dir, "/tmp/cxo-fuzz-XXXXXX");
		FUZZ_CHECK(mkdtemp(dir), "mkdtemp");
	}
	snprintf(path, sizeof path, "%s/config", dir);
	/* something for an @include to find */
	char inc[160];
	snprintf(inc, sizeof inc, "%s/extra.cfg", dir);
	FILE *fp = fopen(inc, "w");
	FUZZ_CHECK(fp, "%s", inc);
	fputs("theme = \"light\";\n", fp);
	FUZZ_CHECK(fclose(fp) == 0, "%s", inc);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	setup();
	FILE *fp = fopen(path, "w");
	FUZZ_CHECK(fp, "%s", path);
	FUZZ_CHECK(fwrite(data, 1, size, fp) == size && fclose(fp) == 0, "%s", path);

	struct config cfg;
	char err[1024] = "";
	int rc = config_load(path, true, &cfg, err, sizeof err);
	FUZZ_CHECK(rc == 0 || rc == EX_CONFIG || rc == EX_OSERR, "rc %d", rc);
	if (rc == EX_CONFIG)
		FUZZ_CHECK(strstr(err, dir), "the error names no file: %s", err);
	config_free(&cfg);
	return 0;
}

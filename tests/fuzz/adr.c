/* Fuzzing adr_parse, the decision record read from Markdown.  Round
 * trip: a record that reads is written (adr_format), and what is written
 * reads back and is written again the same. */
#include "fuzz.h"

#include <sysexits.h>

#include "cxo/adr.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = fuzz_text(data, size);
	if (!text)
		return 0;
	char err[256] = "";
	struct decision d = { 0 }, again = { 0 };
	/* A new decision's default: the file may leave Status out. */
	strcpy(d.status, "decided");
	int rc = adr_parse(text, &d, err, sizeof err);
	if (!rc) {
		FUZZ_CHECK(d.title && *d.title, "\"%s\": no title", text);
		char *md = adr_format(&d, NULL, 0);
		if (md) {
			rc = adr_parse(md, &again, err, sizeof err);
			FUZZ_CHECK(!rc, "\"%s\" written as \"%s\" does not read back: %s", text, md,
			           err);
			char *md2 = adr_format(&again, NULL, 0);
			FUZZ_CHECK(!md2 || !strcmp(md, md2),
			           "\"%s\" written as \"%s\", then \"%s\"", text, md, md2);
			free(md2);
			free(md);
		}
	} else if (rc == EX_DATAERR) {
		FUZZ_CHECK_ERR(err);
	}
	decision_free(&d);
	decision_free(&again);
	free(text);
	return 0;
}

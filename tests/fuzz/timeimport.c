/* Fuzzing the Harvest and Toggl Track reader: the input's first byte
 * chooses the service (and --rounded), the rest is the CSV file.  It is
 * read or refused with a message naming the file; every row read has a
 * day, 0 to 1440 minutes, a note of at most TEXT_MAX_LONG characters, a
 * key unique in the file, and lines that never go back.  The same input
 * goes through the cell parsers, whose results read back the same. */
#include "fuzz.h"

#include <unistd.h>

#include "cxo/records.h"
#include "cxo/timeimport.h"
#include "report/timeparse.h"

static char path[128];

static void setup(void)
{
	if (path[0])
		return;
	const char *tmp = getenv("TMPDIR");
	snprintf(path, sizeof path, "%s/cxo-fuzz-csv-XXXXXX", tmp && *tmp ? tmp : "/tmp");
	int fd = strlen(path) < sizeof path - 1 ? mkstemp(path) : -1;
	if (fd < 0) {
		snprintf(path, sizeof path, "/tmp/cxo-fuzz-csv-XXXXXX");
		fd = mkstemp(path);
	}
	FUZZ_CHECK(fd >= 0, "mkstemp");
	close(fd);
}

static void cells(const char *text)
{
	cxo_day day, again;
	if (timeparse_day(text, &day)) {
		char iso[DATE_ISO_LEN];
		date_format_iso(day, iso);
		FUZZ_CHECK(timeparse_day(iso, &again) && again == day, "\"%s\" read back", iso);
	}
	int minutes;
	if (timeparse_hours(text, 1440, &minutes))
		FUZZ_CHECK(minutes >= 0 && minutes <= 1440, "\"%s\": %d", text, minutes);
	long secs, back;
	if (timeparse_hms(text, &secs)) {
		char hms[32];
		snprintf(hms, sizeof hms, "%ld:%02ld:%02ld", secs / 3600, secs / 60 % 60,
		         secs % 60);
		FUZZ_CHECK(timeparse_hms(hms, &back) && back == secs, "\"%s\" read back", hms);
	}
	char clock[9], clock2[9];
	if (timeparse_clock(text, clock))
		FUZZ_CHECK(timeparse_clock(clock, clock2) && !strcmp(clock, clock2),
		           "\"%s\" read back", clock);
}

static int by_key(const void *a, const void *b)
{
	return strcmp(((const struct timeimport_row *)a)->key,
	              ((const struct timeimport_row *)b)->key);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	setup();
	char *text = fuzz_text(data, size);
	if (!text)
		return 0;
	cells(text);
	free(text);
	if (!size)
		return 0;
	FILE *fp = fopen(path, "wb");
	FUZZ_CHECK(fp, "%s", path);
	FUZZ_CHECK(fwrite(data + 1, 1, size - 1, fp) == size - 1 && fclose(fp) == 0, "write");
	enum timeimport_service s = data[0] & 1 ? TIMEIMPORT_TOGGL : TIMEIMPORT_HARVEST;
	struct timeimport_file f;
	char err[512] = "";
	if (timeimport_read(path, s, data[0] & 2, &f, err, sizeof err) != 0) {
		FUZZ_CHECK_ERR(err);
		FUZZ_CHECK(strstr(err, path), "the file is not named: %s", err);
		timeimport_file_free(&f);
		return 0;
	}
	uint32_t line = 2;
	for (size_t i = 0; i < f.n; i++) {
		const struct timeimport_row *r = &f.rows[i];
		FUZZ_CHECK(r->minutes >= 0 && r->minutes <= 1440, "%d minutes", r->minutes);
		FUZZ_CHECK(r->line >= line, "line %u after %u", r->line, line);
		line = r->line;
		FUZZ_CHECK(r->client < f.clients.n && r->person < f.people.n &&
		                   r->project < f.projects.n && r->note < f.text_len,
		           "row %zu points outside", i);
		const char *note = f.text + r->note;
		size_t chars = 0;
		for (const char *p = note; *p; p++)
			chars += ((unsigned char)*p & 0xc0) != 0x80;
		FUZZ_CHECK(chars <= TEXT_MAX_LONG, "a note of %zu characters", chars);
		FUZZ_CHECK(r->key[0] && strlen(r->key) < TIMEIMPORT_KEY_LEN, "key");
	}
	qsort(f.rows, f.n, sizeof *f.rows, by_key);
	for (size_t i = 1; i < f.n; i++)
		FUZZ_CHECK(strcmp(f.rows[i - 1].key, f.rows[i].key) != 0, "two rows with key %s",
		           f.rows[i].key);
	timeimport_file_free(&f);
	return 0;
}

/*
 * standalone.c: a driver for the harnesses where libFuzzer is not
 * linked (gcc, the plain and sanitizer builds of make check): replays
 * every file of the corpus directories or files given, then, with
 * -seconds=N, mutates them at random for N seconds (bit flips, bytes
 * inserted, removed or repeated, a few tokens the parsers care about).
 * Nothing found is saved; an input that breaks a property aborts, and
 * is first written to ./crash-standalone.
 *
 *   replay-NAME [-seconds=N] [-seed=S] DIR_OR_FILE...
 */
#include <dirent.h>
#include <fcntl.h>
#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "fuzz.h"

#define FUZZ_MAX_INPUT 4096

struct corpus {
	uint8_t **data;
	size_t *size, n, cap;
};

static const uint8_t *current;
static size_t current_size;

static void on_crash(int sig)
{
	int fd = open("crash-standalone", O_WRONLY | O_CREAT | O_TRUNC, 0600);
	if (fd >= 0) {
		if (write(fd, current, current_size) < 0) {
			/* nothing more to do in a signal handler */
		}
		close(fd);
	}
	signal(sig, SIG_DFL);
	raise(sig);
}

static int run_one(const uint8_t *data, size_t size)
{
	current = data;
	current_size = size;
	return LLVMFuzzerTestOneInput(data, size);
}

static bool add_file(struct corpus *c, const char *path)
{
	FILE *fp = fopen(path, "rb");
	if (!fp) {
		perror(path);
		return false;
	}
	uint8_t *buf = malloc(FUZZ_MAX_INPUT);
	size_t got = buf ? fread(buf, 1, FUZZ_MAX_INPUT, fp) : 0;
	bool ok = buf && !ferror(fp);
	fclose(fp);
	if (ok && c->n == c->cap) {
		size_t cap = c->cap ? c->cap * 2 : 64;
		uint8_t **d = realloc(c->data, cap * sizeof *d);
		if (d)
			c->data = d;
		size_t *s = d ? realloc(c->size, cap * sizeof *s) : NULL;
		if (s)
			c->size = s;
		ok = d && s;
		if (ok)
			c->cap = cap;
	}
	if (!ok) {
		fprintf(stderr, "%s: cannot read it\n", path);
		free(buf);
		return false;
	}
	c->data[c->n] = buf;
	c->size[c->n++] = got;
	return true;
}

static bool add_path(struct corpus *c, const char *path)
{
	struct stat st;
	if (stat(path, &st) != 0) {
		perror(path);
		return false;
	}
	if (!S_ISDIR(st.st_mode))
		return add_file(c, path);
	struct dirent **names;
	int n = scandir(path, &names, NULL, alphasort);
	if (n < 0) {
		perror(path);
		return false;
	}
	bool ok = true;
	for (int i = 0; i < n; i++) {
		char full[4096];
		if (names[i]->d_name[0] != '.' &&
		    snprintf(full, sizeof full, "%s/%s", path, names[i]->d_name) < (int)sizeof full)
			ok = add_file(c, full) && ok;
		free(names[i]);
	}
	free(names);
	return ok;
}

static const char *const tokens[] = {
	"%",           "%%",
	"@include \"", "\"",
	"\\",          "-",
	"+",           ":",
	".",           ",",
	"0",           "9",
	"h",           "m",
	"d",           "w",
	"e",           "today",
	"eom",         "=",
	";",           "{",
	"}",           "[",
	"]",           "/*",
	"*/",          "#",
	"\xc3\xa9",    "\xe2\x80\xae",
	"\xff",        "99999999999999999999",
};

/* One random change to buf (len bytes, room for FUZZ_MAX_INPUT). */
static size_t mutate(uint8_t *buf, size_t len)
{
	size_t at = len ? (size_t)rand() % (len + 1) : 0;
	switch (rand() % 6) {
	case 0: /* flip a bit */
		if (len)
			buf[at % len] ^= (uint8_t)(1u << (rand() % 8));
		break;
	case 1: /* a random byte */
		if (len < FUZZ_MAX_INPUT) {
			memmove(buf + at + 1, buf + at, len - at);
			buf[at] = (uint8_t)rand();
			len++;
		}
		break;
	case 2: /* remove a few bytes */
		if (len) {
			size_t n = 1 + (size_t)rand() % 4;
			at %= len;
			if (n > len - at)
				n = len - at;
			memmove(buf + at, buf + at + n, len - at - n);
			len -= n;
		}
		break;
	case 3: { /* a token */
		const char *t = tokens[(size_t)rand() % (sizeof tokens / sizeof tokens[0])];
		size_t n = strlen(t);
		if (len + n <= FUZZ_MAX_INPUT) {
			memmove(buf + at + n, buf + at, len - at);
			memcpy(buf + at, t, n);
			len += n;
		}
		break;
	}
	case 4: /* repeat a piece */
		if (len && len * 2 <= FUZZ_MAX_INPUT) {
			size_t from = (size_t)rand() % len, n = 1 + (size_t)rand() % (len - from);
			memmove(buf + at + n, buf + at, len - at);
			memmove(buf + at, buf + from + (from >= at ? n : 0), n);
			len += n;
		}
		break;
	default: /* replace a byte */
		if (len)
			buf[at % len] = (uint8_t)rand();
		break;
	}
	return len;
}

int main(int argc, char **argv)
{
	struct corpus c = { 0 };
	long seconds = 0;
	unsigned seed = (unsigned)time(NULL);
	bool ok = true;
	const char *name = strrchr(argv[0], '/') ? strrchr(argv[0], '/') + 1 : argv[0];

	signal(SIGABRT, on_crash);
	signal(SIGSEGV, on_crash);
	for (int i = 1; i < argc; i++) {
		if (!strncmp(argv[i], "-seconds=", 9))
			seconds = strtol(argv[i] + 9, NULL, 10);
		else if (!strncmp(argv[i], "-seed=", 6))
			seed = (unsigned)strtoul(argv[i] + 6, NULL, 10);
		else
			ok = add_path(&c, argv[i]) && ok;
	}
	if (!ok)
		return 1;
	for (size_t i = 0; i < c.n; i++)
		run_one(c.data[i], c.size[i]);
	printf("%s: %zu inputs replayed\n", name, c.n);

	unsigned long execs = 0;
	if (seconds > 0) {
		uint8_t *buf = malloc(FUZZ_MAX_INPUT);
		time_t end = time(NULL) + seconds;
		srand(seed);
		while (buf && time(NULL) < end) {
			for (int k = 0; k < 1000; k++) {
				size_t len = 0;
				if (c.n) {
					size_t pick = (size_t)rand() % c.n;
					len = c.size[pick];
					memcpy(buf, c.data[pick], len);
				}
				for (int m = 1 + rand() % 4; m > 0; m--)
					len = mutate(buf, len);
				run_one(buf, len);
				execs++;
			}
		}
		free(buf);
		printf("%s: %lu executions in %ld s (seed %u)\n", name, execs, seconds, seed);
	}
	for (size_t i = 0; i < c.n; i++)
		free(c.data[i]);
	free(c.data);
	free(c.size);
	return 0;
}

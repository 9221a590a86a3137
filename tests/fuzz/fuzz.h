/*
 * fuzz.h: what every harness under tests/fuzz shares.  Each harness is
 * one LLVMFuzzerTestOneInput over one parser: built with clang's
 * libFuzzer (make fuzz) or with standalone.c, which replays a corpus and
 * can mutate it for a while (make check, make sanitize).  A broken
 * property aborts, which both drivers report as a crash.
 */
#ifndef CXO_FUZZ_H
#define CXO_FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The input as a NUL-terminated string (cut at its first NUL, as a
 * command-line argument would be); caller frees.  NULL when out of
 * memory, which the harness skips. */
static inline char *fuzz_text(const uint8_t *data, size_t size)
{
	char *s = malloc(size + 1);
	if (s) {
		memcpy(s, data, size);
		s[size] = '\0';
	}
	return s;
}

#define FUZZ_CHECK(cond, ...)                                                                      \
	do {                                                                                       \
		if (!(cond)) {                                                                     \
			fprintf(stderr, "fuzz: %s:%d: %s: ", __FILE__, __LINE__, #cond);           \
			fprintf(stderr, __VA_ARGS__);                                              \
			fputc('\n', stderr);                                                       \
			abort();                                                                   \
		}                                                                                  \
	} while (0)

/* An error message is a terminated string that says something. */
#define FUZZ_CHECK_ERR(err) FUZZ_CHECK(memchr((err), '\0', sizeof(err)) && (err)[0], "empty error")

#endif

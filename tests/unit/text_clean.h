/*
 * text_clean.h: the tests' oracle for "clean" text, that which reaches a
 * terminal unchanged: text_sanitize leaves it exactly as it is.
 */
#ifndef CXO_TEST_TEXT_CLEAN_H
#define CXO_TEST_TEXT_CLEAN_H

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "cxo/text.h"

static inline bool is_clean(const char *s)
{
	char *clean = text_sanitize(s);
	bool same = clean && strcmp(clean, s ? s : "") == 0;
	free(clean);
	return same;
}

#endif

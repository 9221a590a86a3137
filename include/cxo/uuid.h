/*
 * uuid.h: the identity of every row.  Formatting only; the caller supplies
 * the 16 random bytes (the store reads them from getrandom()).
 */
#ifndef CXO_UUID_H
#define CXO_UUID_H

#include <stdbool.h>
#include <stdint.h>

#define UUID_LEN 37    /* 36 characters and NUL */
#define SHORT_ID_LEN 8 /* characters shown in lists */

/* Sets the version 4 and variant bits in a copy of bytes and writes the
 * lower-case canonical form. */
void uuid_format_v4(const uint8_t bytes[16], char out[UUID_LEN]);

bool uuid_valid(const char *s);

/* The first SHORT_ID_LEN characters of id (fewer when it is shorter; ""
 * for NULL), as lists show it; returns out. */
const char *uuid_short(const char *id, char out[SHORT_ID_LEN + 1]);

/* A possible id prefix: 4 to 36 characters of [0-9a-f-] (upper case is
 * folded into out, which must hold UUID_LEN bytes). */
bool uuid_prefix_normalize(const char *s, char out[UUID_LEN]);

#endif

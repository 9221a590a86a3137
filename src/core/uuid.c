/* uuid.c: canonical text form of random (version 4) UUIDs. */
#include "cxo/uuid.h"

#include <ctype.h>
#include <string.h>

void uuid_format_v4(const uint8_t bytes[16], char out[UUID_LEN])
{
	static const char hex[] = "0123456789abcdef";
	uint8_t b[16];
	memcpy(b, bytes, sizeof b);
	b[6] = (uint8_t)((b[6] & 0x0f) | 0x40);
	b[8] = (uint8_t)((b[8] & 0x3f) | 0x80);
	char *p = out;
	for (int i = 0; i < 16; i++) {
		if (i == 4 || i == 6 || i == 8 || i == 10)
			*p++ = '-';
		*p++ = hex[b[i] >> 4];
		*p++ = hex[b[i] & 0x0f];
	}
	*p = '\0';
}

bool uuid_valid(const char *s)
{
	if (!s || strlen(s) != 36)
		return false;
	for (int i = 0; i < 36; i++) {
		bool dash = i == 8 || i == 13 || i == 18 || i == 23;
		if (dash ? s[i] != '-'
		         : !isxdigit((unsigned char)s[i]) || isupper((unsigned char)s[i]))
			return false;
	}
	return true;
}

bool uuid_prefix_normalize(const char *s, char out[UUID_LEN])
{
	size_t n = s ? strlen(s) : 0;
	if (n < 4 || n > 36)
		return false;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		bool dash_pos = i == 8 || i == 13 || i == 18 || i == 23;
		if (dash_pos ? c != '-' : !isxdigit(c))
			return false;
		out[i] = (char)tolower(c);
	}
	out[n] = '\0';
	return true;
}

const char *uuid_short(const char *id, char out[SHORT_ID_LEN + 1])
{
	size_t len = id ? strnlen(id, SHORT_ID_LEN) : 0;
	if (len)
		memcpy(out, id, len);
	out[len] = '\0';
	return out;
}

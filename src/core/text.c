/*
 * text.c: UTF-8 sanitising, display widths and fitting text to columns.
 *
 * Decoding is done by hand so the result never depends on the locale.
 * Invalid input is replaced by U+FFFD once per maximal subpart (the
 * Unicode and WHATWG recommendation): a truncated but well-begun sequence
 * gives one U+FFFD, and every byte that can never start or continue a
 * sequence gives one each.  Overlong forms, surrogates (U+D800-U+DFFF)
 * and values above U+10FFFF are invalid.  Only the display width comes
 * from wcwidth(); a printable character it does not know counts 1.
 */
#include "cxo/text.h"

#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#define REPLACEMENT 0xfffdu

/*
 * Decodes one character at s (s[0] != 0).  Returns the bytes consumed and
 * stores the code point, or U+FFFD for an invalid sequence.  The NUL
 * terminator is never a continuation byte, so reads stop at it.
 */
static size_t utf8_decode(const unsigned char *s, uint32_t *cp)
{
	unsigned char b = s[0];
	size_t need;
	unsigned char lo = 0x80, hi = 0xbf; /* range of the second byte */
	uint32_t c;

	if (b < 0x80) {
		*cp = b;
		return 1;
	}
	if (b >= 0xc2 && b <= 0xdf) {
		need = 1;
		c = b & 0x1fu;
	} else if (b >= 0xe0 && b <= 0xef) {
		need = 2;
		c = b & 0x0fu;
		if (b == 0xe0)
			lo = 0xa0; /* overlong below */
		else if (b == 0xed)
			hi = 0x9f; /* surrogates above */
	} else if (b >= 0xf0 && b <= 0xf4) {
		need = 3;
		c = b & 0x07u;
		if (b == 0xf0)
			lo = 0x90; /* overlong below */
		else if (b == 0xf4)
			hi = 0x8f; /* beyond U+10FFFF above */
	} else {
		/* 0x80-0xc1 (stray continuation, overlong lead), 0xf5-0xff */
		*cp = REPLACEMENT;
		return 1;
	}
	for (size_t i = 1; i <= need; i++) {
		unsigned char cb = s[i];
		unsigned char min = i == 1 ? lo : 0x80;
		unsigned char max = i == 1 ? hi : 0xbf;
		if (cb < min || cb > max) {
			*cp = REPLACEMENT;
			return i; /* the maximal subpart ends before cb */
		}
		c = (c << 6) | (cb & 0x3fu);
	}
	*cp = c;
	return need + 1;
}

size_t text_utf8_encode(uint32_t cp, char out[4])
{
	if (cp < 0x80) {
		out[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		out[0] = (char)(0xc0 | (cp >> 6));
		out[1] = (char)(0x80 | (cp & 0x3f));
		return 2;
	}
	if (cp < 0x10000) {
		out[0] = (char)(0xe0 | (cp >> 12));
		out[1] = (char)(0x80 | ((cp >> 6) & 0x3f));
		out[2] = (char)(0x80 | (cp & 0x3f));
		return 3;
	}
	out[0] = (char)(0xf0 | (cp >> 18));
	out[1] = (char)(0x80 | ((cp >> 12) & 0x3f));
	out[2] = (char)(0x80 | ((cp >> 6) & 0x3f));
	out[3] = (char)(0x80 | (cp & 0x3f));
	return 4;
}

bool text_cp_dropped(uint32_t cp)
{
	if (cp < 0x20 || (cp >= 0x7f && cp <= 0x9f))
		return true;
	/* U+061C ALM; U+200B-U+200F zero widths, joiners and marks */
	if (cp == 0x061c || (cp >= 0x200b && cp <= 0x200f))
		return true;
	/* U+2028 and U+2029 end lines; U+202A-U+202E embeddings, overrides */
	if (cp >= 0x2028 && cp <= 0x202e)
		return true;
	/* isolates, and U+FEFF (a byte order mark, a zero-width no-break) */
	return (cp >= 0x2066 && cp <= 0x2069) || cp == 0xfeff;
}

static int cp_width(uint32_t cp)
{
	if (cp >= 0x20 && cp < 0x7f)
		return 1;
	int w = wcwidth((wchar_t)cp);
	return w < 0 ? 1 : w;
}

/* Length of the leading run of printable ASCII, which sanitising keeps
 * as it is and which is one column a byte: nearly all stored text is this,
 * so every function below starts with it. */
static size_t plain_run(const unsigned char *s)
{
	const unsigned char *p = s;
	while (*p >= 0x20 && *p < 0x7f)
		p++;
	return (size_t)(p - s);
}

bool text_plain(const char *s, size_t *len)
{
	const unsigned char *p = (const unsigned char *)(s ? s : "");
	size_t run = plain_run(p);
	if (len)
		*len = run;
	return p[run] == '\0';
}

/*
 * Iterates over the sanitised characters of a string: each call stores the
 * next kept character (as UTF-8 in out) and returns its length, or 0 at
 * the end.
 */
struct cursor {
	const unsigned char *p;
};

static size_t next_char(struct cursor *c, uint32_t *cp, char out[4])
{
	while (*c->p) {
		uint32_t v;
		c->p += utf8_decode(c->p, &v);
		if (text_cp_dropped(v))
			continue;
		*cp = v;
		return text_utf8_encode(v, out);
	}
	return 0;
}

char *text_sanitize(const char *s)
{
	size_t run;
	if (text_plain(s, &run)) {
		char *copy = malloc(run + 1);
		if (copy)
			memcpy(copy, s ? s : "", run + 1);
		return copy;
	}
	struct cursor c = { (const unsigned char *)s + run };
	size_t total = run, len;
	uint32_t cp;
	char ch[4];

	while ((len = next_char(&c, &cp, ch)) > 0)
		total += len;
	char *out = malloc(total + 1);
	if (!out)
		return NULL;
	text_sanitize_into(s, out, total + 1);
	return out;
}

void text_sanitize_into(const char *s, char *buf, size_t n)
{
	const unsigned char *p = (const unsigned char *)(s ? s : "");
	size_t used = plain_run(p), len;
	uint32_t cp;
	char ch[4];

	if (n == 0)
		return;
	if (used >= n)
		used = n - 1;
	memcpy(buf, p, used);
	struct cursor c = { p + used };
	while ((len = next_char(&c, &cp, ch)) > 0 && used + len < n) {
		memcpy(buf + used, ch, len);
		used += len;
	}
	buf[used] = '\0';
}

int text_width(const char *s)
{
	const unsigned char *p = (const unsigned char *)(s ? s : "");
	size_t run = plain_run(p);
	if (!p[run])
		return run < INT32_MAX - 2 ? (int)run : INT32_MAX - 2;
	struct cursor c = { p };
	long total = 0;
	uint32_t cp;
	char ch[4];

	while (next_char(&c, &cp, ch) > 0 && total < INT32_MAX - 2)
		total += cp_width(cp);
	return (int)total;
}

/*
 * One character as it is shown: in ASCII mode every non-ASCII character
 * becomes '?' (one column), except zero-width ones such as combining marks,
 * which vanish rather than add a column each.
 */
static size_t shown(uint32_t cp, const char *utf8, size_t len, bool utf8_mode, char out[4], int *w)
{
	if (utf8_mode || cp < 0x80) {
		memcpy(out, utf8, len);
		*w = cp_width(cp);
		return len;
	}
	if (cp_width(cp) == 0) {
		*w = 0;
		return 0;
	}
	out[0] = '?';
	*w = 1;
	return 1;
}

int text_fit(const char *s, int width, bool utf8, char *buf, size_t n)
{
	const char *ell = utf8 ? "\xe2\x80\xa6" : "~";
	size_t ell_len = strlen(ell);
	struct cursor c = { (const unsigned char *)(s ? s : "") };
	size_t used = 0, len;
	int cols = 0;
	uint32_t cp;
	char ch[4], out[4];

	if (n == 0)
		return 0;
	buf[0] = '\0';
	if (width <= 0)
		return 0;

	/* Plain ASCII is a column a byte: copied whole, or cut at once when
	 * more than width plain characters come before anything else. */
	size_t run;
	if (text_plain(s, &run) && run <= (size_t)width && run < n) {
		memcpy(buf, s ? s : "", run + 1);
		return (int)run;
	}
	if (run > (size_t)width && (size_t)width - 1 + ell_len < n) {
		memcpy(buf, s, (size_t)width - 1);
		memcpy(buf + width - 1, ell, ell_len + 1);
		return width;
	}

	/* Does all of it fit, both in columns and in bytes? */
	bool fits = true;
	while ((len = next_char(&c, &cp, ch)) > 0) {
		int w;
		size_t olen = shown(cp, ch, len, utf8, out, &w);
		if (cols + w > width || used + olen >= n) {
			fits = false;
			break;
		}
		memcpy(buf + used, out, olen);
		used += olen;
		cols += w;
	}
	if (fits) {
		buf[used] = '\0';
		return cols;
	}

	/* Cut: keep what fits in width - 1 columns and leaves room for the
	 * ellipsis, so a wide character is never split over the limit. */
	c.p = (const unsigned char *)(s ? s : "");
	used = 0;
	cols = 0;
	buf[0] = '\0';
	if (ell_len + 1 > n)
		return 0; /* not even the ellipsis fits */
	while ((len = next_char(&c, &cp, ch)) > 0) {
		int w;
		size_t olen = shown(cp, ch, len, utf8, out, &w);
		if (cols + w > width - 1 || used + olen + ell_len >= n)
			break;
		memcpy(buf + used, out, olen);
		used += olen;
		cols += w;
	}
	memcpy(buf + used, ell, ell_len);
	used += ell_len;
	buf[used] = '\0';
	return cols + 1;
}

int text_pad(const char *s, int width, bool utf8, char *buf, size_t n)
{
	int cols = text_fit(s, width, utf8, buf, n);
	if (n == 0)
		return 0;
	size_t used = strlen(buf);
	while (cols < width && used + 1 < n) {
		buf[used++] = ' ';
		cols++;
	}
	buf[used] = '\0';
	return cols;
}

char *text_tmux_escape(const char *s)
{
	char *clean = text_sanitize(s);
	if (!clean)
		return NULL;
	size_t hashes = 0, len = 0;
	for (const char *p = clean; *p; p++, len++)
		if (*p == '#')
			hashes++;
	char *out = malloc(len + hashes + 1);
	if (!out) {
		free(clean);
		return NULL;
	}
	char *q = out;
	for (const char *p = clean; *p; p++) {
		if (*p == '#')
			*q++ = '#';
		*q++ = *p;
	}
	*q = '\0';
	free(clean);
	return out;
}

static bool is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r';
}

char *text_trim(char *s)
{
	if (!s)
		return NULL;
	size_t start = 0, len = strlen(s);
	while (start < len && is_space(s[start]))
		start++;
	while (len > start && is_space(s[len - 1]))
		len--;
	memmove(s, s + start, len - start);
	s[len - start] = '\0';
	return s;
}

static char lower(char c)
{
	return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
}

bool text_to_long(const char *s, long lo, long hi, long *out)
{
	const char *p = s ? s : "";
	bool neg = *p == '-';
	unsigned long v = 0, limit = neg ? 0UL - (unsigned long)LONG_MIN : (unsigned long)LONG_MAX;
	p += neg;
	if (*p < '0' || *p > '9')
		return false;
	for (; *p >= '0' && *p <= '9'; p++) {
		unsigned d = (unsigned)(*p - '0');
		if (v > (limit - d) / 10)
			return false;
		v = v * 10 + d;
	}
	if (*p)
		return false;
	long r = neg ? (v == 0 ? 0 : -(long)(v - 1) - 1) : (long)v;
	if (r < lo || r > hi)
		return false;
	*out = r;
	return true;
}

bool text_ieq(const char *a, const char *b)
{
	if (!a || !b)
		return a == b;
	while (*a && lower(*a) == lower(*b)) {
		a++;
		b++;
	}
	return *a == '\0' && *b == '\0';
}

bool text_iprefix(const char *prefix, const char *s)
{
	if (!prefix || !s)
		return false;
	while (*prefix) {
		if (lower(*prefix) != lower(*s))
			return false;
		prefix++;
		s++;
	}
	return true;
}

bool text_replace(char **field, const char *value)
{
	char *copy = NULL;
	if (value && *value && !(copy = strdup(value)))
		return false;
	free(*field);
	*field = copy;
	return true;
}

/* ---- case folding ---- */

/*
 * Unicode 14's simple case folding (the C and S lines of CaseFolding.txt),
 * as runs: each code point from lo to hi, every one (step 1) or every
 * other (step 2, the alternating upper and lower case of Latin Extended,
 * Cyrillic and others), folds to itself plus delta.  Made with Python's
 * str.casefold (a single character), else str.lower (a single character):
 *
 *   for cp in range(0x110000): c = chr(cp); f = c.casefold()
 *       f = f if len(f) == 1 else c.lower() if len(c.lower()) == 1 else c
 *       if f != c: map cp -> ord(f)
 *
 * then runs of equal delta.  Sorted by lo, for a binary search.
 */
static const struct fold_run {
	uint32_t lo, hi;
	int32_t delta;
	uint8_t step;
} fold_runs[] = {
	{ 0x0041, 0x005a, 32, 1 },     { 0x00b5, 0x00b5, 775, 1 },    { 0x00c0, 0x00d6, 32, 1 },
	{ 0x00d8, 0x00de, 32, 1 },     { 0x0100, 0x012e, 1, 2 },      { 0x0132, 0x0136, 1, 2 },
	{ 0x0139, 0x0147, 1, 2 },      { 0x014a, 0x0176, 1, 2 },      { 0x0178, 0x0178, -121, 1 },
	{ 0x0179, 0x017d, 1, 2 },      { 0x017f, 0x017f, -268, 1 },   { 0x0181, 0x0181, 210, 1 },
	{ 0x0182, 0x0184, 1, 2 },      { 0x0186, 0x0186, 206, 1 },    { 0x0187, 0x0187, 1, 1 },
	{ 0x0189, 0x018a, 205, 1 },    { 0x018b, 0x018b, 1, 1 },      { 0x018e, 0x018e, 79, 1 },
	{ 0x018f, 0x018f, 202, 1 },    { 0x0190, 0x0190, 203, 1 },    { 0x0191, 0x0191, 1, 1 },
	{ 0x0193, 0x0193, 205, 1 },    { 0x0194, 0x0194, 207, 1 },    { 0x0196, 0x0196, 211, 1 },
	{ 0x0197, 0x0197, 209, 1 },    { 0x0198, 0x0198, 1, 1 },      { 0x019c, 0x019c, 211, 1 },
	{ 0x019d, 0x019d, 213, 1 },    { 0x019f, 0x019f, 214, 1 },    { 0x01a0, 0x01a4, 1, 2 },
	{ 0x01a6, 0x01a6, 218, 1 },    { 0x01a7, 0x01a7, 1, 1 },      { 0x01a9, 0x01a9, 218, 1 },
	{ 0x01ac, 0x01ac, 1, 1 },      { 0x01ae, 0x01ae, 218, 1 },    { 0x01af, 0x01af, 1, 1 },
	{ 0x01b1, 0x01b2, 217, 1 },    { 0x01b3, 0x01b5, 1, 2 },      { 0x01b7, 0x01b7, 219, 1 },
	{ 0x01b8, 0x01b8, 1, 1 },      { 0x01bc, 0x01bc, 1, 1 },      { 0x01c4, 0x01c4, 2, 1 },
	{ 0x01c5, 0x01c5, 1, 1 },      { 0x01c7, 0x01c7, 2, 1 },      { 0x01c8, 0x01c8, 1, 1 },
	{ 0x01ca, 0x01ca, 2, 1 },      { 0x01cb, 0x01db, 1, 2 },      { 0x01de, 0x01ee, 1, 2 },
	{ 0x01f1, 0x01f1, 2, 1 },      { 0x01f2, 0x01f4, 1, 2 },      { 0x01f6, 0x01f6, -97, 1 },
	{ 0x01f7, 0x01f7, -56, 1 },    { 0x01f8, 0x021e, 1, 2 },      { 0x0220, 0x0220, -130, 1 },
	{ 0x0222, 0x0232, 1, 2 },      { 0x023a, 0x023a, 10795, 1 },  { 0x023b, 0x023b, 1, 1 },
	{ 0x023d, 0x023d, -163, 1 },   { 0x023e, 0x023e, 10792, 1 },  { 0x0241, 0x0241, 1, 1 },
	{ 0x0243, 0x0243, -195, 1 },   { 0x0244, 0x0244, 69, 1 },     { 0x0245, 0x0245, 71, 1 },
	{ 0x0246, 0x024e, 1, 2 },      { 0x0345, 0x0345, 116, 1 },    { 0x0370, 0x0372, 1, 2 },
	{ 0x0376, 0x0376, 1, 1 },      { 0x037f, 0x037f, 116, 1 },    { 0x0386, 0x0386, 38, 1 },
	{ 0x0388, 0x038a, 37, 1 },     { 0x038c, 0x038c, 64, 1 },     { 0x038e, 0x038f, 63, 1 },
	{ 0x0391, 0x03a1, 32, 1 },     { 0x03a3, 0x03ab, 32, 1 },     { 0x03c2, 0x03c2, 1, 1 },
	{ 0x03cf, 0x03cf, 8, 1 },      { 0x03d0, 0x03d0, -30, 1 },    { 0x03d1, 0x03d1, -25, 1 },
	{ 0x03d5, 0x03d5, -15, 1 },    { 0x03d6, 0x03d6, -22, 1 },    { 0x03d8, 0x03ee, 1, 2 },
	{ 0x03f0, 0x03f0, -54, 1 },    { 0x03f1, 0x03f1, -48, 1 },    { 0x03f4, 0x03f4, -60, 1 },
	{ 0x03f5, 0x03f5, -64, 1 },    { 0x03f7, 0x03f7, 1, 1 },      { 0x03f9, 0x03f9, -7, 1 },
	{ 0x03fa, 0x03fa, 1, 1 },      { 0x03fd, 0x03ff, -130, 1 },   { 0x0400, 0x040f, 80, 1 },
	{ 0x0410, 0x042f, 32, 1 },     { 0x0460, 0x0480, 1, 2 },      { 0x048a, 0x04be, 1, 2 },
	{ 0x04c0, 0x04c0, 15, 1 },     { 0x04c1, 0x04cd, 1, 2 },      { 0x04d0, 0x052e, 1, 2 },
	{ 0x0531, 0x0556, 48, 1 },     { 0x10a0, 0x10c5, 7264, 1 },   { 0x10c7, 0x10c7, 7264, 1 },
	{ 0x10cd, 0x10cd, 7264, 1 },   { 0x13f8, 0x13fd, -8, 1 },     { 0x1c80, 0x1c80, -6222, 1 },
	{ 0x1c81, 0x1c81, -6221, 1 },  { 0x1c82, 0x1c82, -6212, 1 },  { 0x1c83, 0x1c84, -6210, 1 },
	{ 0x1c85, 0x1c85, -6211, 1 },  { 0x1c86, 0x1c86, -6204, 1 },  { 0x1c87, 0x1c87, -6180, 1 },
	{ 0x1c88, 0x1c88, 35267, 1 },  { 0x1c90, 0x1cba, -3008, 1 },  { 0x1cbd, 0x1cbf, -3008, 1 },
	{ 0x1e00, 0x1e94, 1, 2 },      { 0x1e9b, 0x1e9b, -58, 1 },    { 0x1e9e, 0x1e9e, -7615, 1 },
	{ 0x1ea0, 0x1efe, 1, 2 },      { 0x1f08, 0x1f0f, -8, 1 },     { 0x1f18, 0x1f1d, -8, 1 },
	{ 0x1f28, 0x1f2f, -8, 1 },     { 0x1f38, 0x1f3f, -8, 1 },     { 0x1f48, 0x1f4d, -8, 1 },
	{ 0x1f59, 0x1f5f, -8, 2 },     { 0x1f68, 0x1f6f, -8, 1 },     { 0x1f88, 0x1f8f, -8, 1 },
	{ 0x1f98, 0x1f9f, -8, 1 },     { 0x1fa8, 0x1faf, -8, 1 },     { 0x1fb8, 0x1fb9, -8, 1 },
	{ 0x1fba, 0x1fbb, -74, 1 },    { 0x1fbc, 0x1fbc, -9, 1 },     { 0x1fbe, 0x1fbe, -7173, 1 },
	{ 0x1fc8, 0x1fcb, -86, 1 },    { 0x1fcc, 0x1fcc, -9, 1 },     { 0x1fd8, 0x1fd9, -8, 1 },
	{ 0x1fda, 0x1fdb, -100, 1 },   { 0x1fe8, 0x1fe9, -8, 1 },     { 0x1fea, 0x1feb, -112, 1 },
	{ 0x1fec, 0x1fec, -7, 1 },     { 0x1ff8, 0x1ff9, -128, 1 },   { 0x1ffa, 0x1ffb, -126, 1 },
	{ 0x1ffc, 0x1ffc, -9, 1 },     { 0x2126, 0x2126, -7517, 1 },  { 0x212a, 0x212a, -8383, 1 },
	{ 0x212b, 0x212b, -8262, 1 },  { 0x2132, 0x2132, 28, 1 },     { 0x2160, 0x216f, 16, 1 },
	{ 0x2183, 0x2183, 1, 1 },      { 0x24b6, 0x24cf, 26, 1 },     { 0x2c00, 0x2c2f, 48, 1 },
	{ 0x2c60, 0x2c60, 1, 1 },      { 0x2c62, 0x2c62, -10743, 1 }, { 0x2c63, 0x2c63, -3814, 1 },
	{ 0x2c64, 0x2c64, -10727, 1 }, { 0x2c67, 0x2c6b, 1, 2 },      { 0x2c6d, 0x2c6d, -10780, 1 },
	{ 0x2c6e, 0x2c6e, -10749, 1 }, { 0x2c6f, 0x2c6f, -10783, 1 }, { 0x2c70, 0x2c70, -10782, 1 },
	{ 0x2c72, 0x2c72, 1, 1 },      { 0x2c75, 0x2c75, 1, 1 },      { 0x2c7e, 0x2c7f, -10815, 1 },
	{ 0x2c80, 0x2ce2, 1, 2 },      { 0x2ceb, 0x2ced, 1, 2 },      { 0x2cf2, 0x2cf2, 1, 1 },
	{ 0xa640, 0xa66c, 1, 2 },      { 0xa680, 0xa69a, 1, 2 },      { 0xa722, 0xa72e, 1, 2 },
	{ 0xa732, 0xa76e, 1, 2 },      { 0xa779, 0xa77b, 1, 2 },      { 0xa77d, 0xa77d, -35332, 1 },
	{ 0xa77e, 0xa786, 1, 2 },      { 0xa78b, 0xa78b, 1, 1 },      { 0xa78d, 0xa78d, -42280, 1 },
	{ 0xa790, 0xa792, 1, 2 },      { 0xa796, 0xa7a8, 1, 2 },      { 0xa7aa, 0xa7aa, -42308, 1 },
	{ 0xa7ab, 0xa7ab, -42319, 1 }, { 0xa7ac, 0xa7ac, -42315, 1 }, { 0xa7ad, 0xa7ad, -42305, 1 },
	{ 0xa7ae, 0xa7ae, -42308, 1 }, { 0xa7b0, 0xa7b0, -42258, 1 }, { 0xa7b1, 0xa7b1, -42282, 1 },
	{ 0xa7b2, 0xa7b2, -42261, 1 }, { 0xa7b3, 0xa7b3, 928, 1 },    { 0xa7b4, 0xa7c2, 1, 2 },
	{ 0xa7c4, 0xa7c4, -48, 1 },    { 0xa7c5, 0xa7c5, -42307, 1 }, { 0xa7c6, 0xa7c6, -35384, 1 },
	{ 0xa7c7, 0xa7c9, 1, 2 },      { 0xa7d0, 0xa7d0, 1, 1 },      { 0xa7d6, 0xa7d8, 1, 2 },
	{ 0xa7f5, 0xa7f5, 1, 1 },      { 0xab70, 0xabbf, -38864, 1 }, { 0xff21, 0xff3a, 32, 1 },
	{ 0x10400, 0x10427, 40, 1 },   { 0x104b0, 0x104d3, 40, 1 },   { 0x10570, 0x1057a, 39, 1 },
	{ 0x1057c, 0x1058a, 39, 1 },   { 0x1058c, 0x10592, 39, 1 },   { 0x10594, 0x10595, 39, 1 },
	{ 0x10c80, 0x10cb2, 64, 1 },   { 0x118a0, 0x118bf, 32, 1 },   { 0x16e40, 0x16e5f, 32, 1 },
	{ 0x1e900, 0x1e921, 34, 1 },
};

uint32_t text_fold_cp(uint32_t cp)
{
	if (cp < 0x80)
		return cp >= 'A' && cp <= 'Z' ? cp + 32 : cp;
	size_t lo = 0, hi = sizeof fold_runs / sizeof fold_runs[0];
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (fold_runs[mid].hi < cp)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo == sizeof fold_runs / sizeof fold_runs[0])
		return cp;
	const struct fold_run *r = &fold_runs[lo];
	if (cp < r->lo || (cp - r->lo) % r->step != 0)
		return cp;
	return (uint32_t)((int32_t)cp + r->delta);
}

size_t text_fold(const char *s, size_t len, char *out, size_t cap)
{
	const unsigned char *p = (const unsigned char *)s, *end = p + len;
	size_t need = 0, written = 0;
	bool full = cap == 0;
	while (p < end) {
		uint32_t cp;
		size_t n = utf8_decode(p, &cp);
		char enc[4];
		size_t m = text_utf8_encode(text_fold_cp(cp), enc);
		p += n;
		need += m;
		/* Whole characters only: the first that does not fit ends
		 * the writing. */
		if (!full && written + m < cap) {
			memcpy(out + written, enc, m);
			written += m;
		} else {
			full = true;
		}
	}
	if (cap)
		out[written] = '\0';
	return need;
}

char *text_json_escape(const char *json)
{
	static const char hex[] = "0123456789abcdef";
	const unsigned char *s = (const unsigned char *)(json ? json : "");
	size_t total = 0;

	for (const unsigned char *p = s; *p;) {
		uint32_t cp;
		size_t len = utf8_decode(p, &cp);
		total += cp >= 0x7f && text_cp_dropped(cp) ? 6 : len;
		p += len;
	}
	char *out = malloc(total + 1), *o = out;
	if (!out)
		return NULL;
	for (const unsigned char *p = s; *p;) {
		uint32_t cp;
		size_t len = utf8_decode(p, &cp);
		if (cp >= 0x7f && text_cp_dropped(cp)) {
			/* every dropped code point is in the BMP: one \uXXXX */
			*o++ = '\\';
			*o++ = 'u';
			for (int shift = 12; shift >= 0; shift -= 4)
				*o++ = hex[(cp >> shift) & 0xf];
		} else {
			memcpy(o, p, len);
			o += len;
		}
		p += len;
	}
	*o = '\0';
	return out;
}

/* An invalid sequence decodes as U+FFFD; the character itself, written
 * as EF BF BD, is valid. */
static bool invalid_at(const unsigned char *p, size_t n, uint32_t cp)
{
	return cp == REPLACEMENT && !(n == 3 && p[0] == 0xef && p[1] == 0xbf && p[2] == 0xbd);
}

bool text_utf8_valid(const char *s)
{
	for (const unsigned char *p = (const unsigned char *)(s ? s : ""); *p;) {
		uint32_t cp;
		size_t n = utf8_decode(p, &cp);
		if (invalid_at(p, n, cp))
			return false;
		p += n;
	}
	return true;
}

char *text_utf8_repair(const char *s)
{
	const unsigned char *in = (const unsigned char *)(s ? s : "");
	/* Each invalid byte grows to at most three. */
	char *out = malloc(3 * strlen((const char *)in) + 1);
	if (!out)
		return NULL;
	char *o = out;
	for (const unsigned char *p = in; *p;) {
		uint32_t cp;
		size_t n = utf8_decode(p, &cp);
		if (invalid_at(p, n, cp)) {
			memcpy(o, "\xef\xbf\xbd", 3);
			o += 3;
		} else {
			memcpy(o, p, n);
			o += n;
		}
		p += n;
	}
	*o = '\0';
	return out;
}

size_t text_utf8_chars(const char *s)
{
	size_t n = 0;
	for (; *s; s++)
		n += ((unsigned char)*s & 0xc0) != 0x80;
	return n;
}

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
	if (cp == 0x061c || cp == 0x200e || cp == 0x200f)
		return true;
	if (cp >= 0x202a && cp <= 0x202e)
		return true;
	return cp >= 0x2066 && cp <= 0x2069;
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

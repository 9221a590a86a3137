/* Unit tests for src/core/text.c. */
#include "cxo/text.h"
#include "text_clean.h"

#include <criterion/criterion.h>
#include <limits.h>
#include <locale.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void init_locale(void)
{
	setlocale(LC_CTYPE, "C.UTF-8");
}

TestSuite(core_text, .init = init_locale);

#define FFFD "\xef\xbf\xbd"
#define ELL "\xe2\x80\xa6"      /* … */
#define KAN "\xe6\xbc\xa2"      /* 漢, wide */
#define JI "\xe5\xad\x97"       /* 字, wide */
#define ACUTE "\xcc\x81"        /* U+0301 combining acute, zero width */
#define E_ACUTE "\xc3\xa9"      /* é precomposed */
#define GRIN "\xf0\x9f\x98\x80" /* U+1F600, wide */
#define ZWJ "\xe2\x80\x8d"      /* U+200D, zero width, dropped */

/* Sanitised copy compared with want; frees it. */
static void check_sanitize(const char *in, const char *want)
{
	char *got = text_sanitize(in);
	cr_assert_not_null(got);
	cr_assert_str_eq(got, want);
	cr_assert(is_clean(got));
	free(got);
}

static size_t encode(uint32_t cp, char *out)
{
	if (cp < 0x80) {
		out[0] = (char)cp;
		out[1] = 0;
		return 1;
	}
	if (cp < 0x800) {
		out[0] = (char)(0xc0 | (cp >> 6));
		out[1] = (char)(0x80 | (cp & 0x3f));
		out[2] = 0;
		return 2;
	}
	if (cp < 0x10000) {
		out[0] = (char)(0xe0 | (cp >> 12));
		out[1] = (char)(0x80 | ((cp >> 6) & 0x3f));
		out[2] = (char)(0x80 | (cp & 0x3f));
		out[3] = 0;
		return 3;
	}
	out[0] = (char)(0xf0 | (cp >> 18));
	out[1] = (char)(0x80 | ((cp >> 12) & 0x3f));
	out[2] = (char)(0x80 | ((cp >> 6) & 0x3f));
	out[3] = (char)(0x80 | (cp & 0x3f));
	out[4] = 0;
	return 4;
}

static bool should_drop(uint32_t cp)
{
	return cp < 0x20 || (cp >= 0x7f && cp <= 0x9f) || cp == 0x061c ||
	       (cp >= 0x200b && cp <= 0x200f) || (cp >= 0x2028 && cp <= 0x202e) ||
	       (cp >= 0x2066 && cp <= 0x2069) || cp == 0xfeff;
}

/* ---- decoding and replacement ---- */

Test(core_text, sanitize_keeps_plain_text)
{
	check_sanitize("", "");
	check_sanitize("hello, world", "hello, world");
	check_sanitize("caf" E_ACUTE, "caf" E_ACUTE);
	check_sanitize("cafe" ACUTE, "cafe" ACUTE);
	check_sanitize(KAN JI, KAN JI);
	check_sanitize(GRIN " ok", GRIN " ok");
	/* A zero-width joiner is dropped: the emoji show as two, the width
	 * counted. */
	check_sanitize("\xf0\x9f\x91\xa9" ZWJ "\xf0\x9f\x92\xbb", "\xf0\x9f\x91\xa9"
	                                                          "\xf0\x9f\x92\xbb");
	check_sanitize(FFFD, FFFD);
	check_sanitize("'; DROP TABLE clients; --", "'; DROP TABLE clients; --");
	check_sanitize("#[fg=red]", "#[fg=red]");
	char *s = text_sanitize(NULL);
	cr_assert_str_eq(s, "");
	free(s);
}

Test(core_text, sanitize_boundary_code_points)
{
	check_sanitize("\xc2\xa0", "\xc2\xa0");                 /* U+00A0, first after C1 */
	check_sanitize("\xdf\xbf", "\xdf\xbf");                 /* U+07FF */
	check_sanitize("\xe0\xa0\x80", "\xe0\xa0\x80");         /* U+0800 */
	check_sanitize("\xed\x9f\xbf", "\xed\x9f\xbf");         /* U+D7FF */
	check_sanitize("\xee\x80\x80", "\xee\x80\x80");         /* U+E000 */
	check_sanitize("\xef\xbf\xbf", "\xef\xbf\xbf");         /* U+FFFF */
	check_sanitize("\xf0\x90\x80\x80", "\xf0\x90\x80\x80"); /* U+10000 */
	check_sanitize("\xf4\x8f\xbf\xbf", "\xf4\x8f\xbf\xbf"); /* U+10FFFF */
	check_sanitize("~", "~");
}

Test(core_text, sanitize_overlongs)
{
	check_sanitize("\xc0\x80", FFFD FFFD);
	check_sanitize("\xc0\xaf", FFFD FFFD); /* overlong '/' */
	check_sanitize("\xc1\xbf", FFFD FFFD);
	check_sanitize("\xe0\x80\x80", FFFD FFFD FFFD);
	check_sanitize("\xe0\x9f\xbf", FFFD FFFD FFFD);
	check_sanitize("\xe0\x80\xaf", FFFD FFFD FFFD);
	check_sanitize("\xf0\x80\x80\x80", FFFD FFFD FFFD FFFD);
	check_sanitize("\xf0\x8f\xbf\xbf", FFFD FFFD FFFD FFFD);
	check_sanitize("\xf0\x80\x80\xaf", FFFD FFFD FFFD FFFD);
	/* An overlong ESC or NUL must not come back as a control */
	check_sanitize("\xc0\x9b[31m", FFFD FFFD "[31m");
	check_sanitize("a\xc0\x80z", "a" FFFD FFFD "z");
}

Test(core_text, sanitize_surrogates_and_beyond)
{
	check_sanitize("\xed\xa0\x80", FFFD FFFD FFFD);                            /* U+D800 */
	check_sanitize("\xed\xbf\xbf", FFFD FFFD FFFD);                            /* U+DFFF */
	check_sanitize("\xed\xa0\xbd\xed\xb8\x80", FFFD FFFD FFFD FFFD FFFD FFFD); /* CESU pair */
	check_sanitize("\xf4\x90\x80\x80", FFFD FFFD FFFD FFFD);                   /* U+110000 */
	check_sanitize("\xf5\x80\x80\x80", FFFD FFFD FFFD FFFD);
	check_sanitize("\xf7\xbf\xbf\xbf", FFFD FFFD FFFD FFFD);
	check_sanitize("\xf8\x88\x80\x80\x80", FFFD FFFD FFFD FFFD FFFD);
	check_sanitize("\xfc\x84\x80\x80\x80\x80", FFFD FFFD FFFD FFFD FFFD FFFD);
	check_sanitize("\xfe\xff", FFFD FFFD);
}

Test(core_text, sanitize_truncated_and_stray)
{
	check_sanitize("\x80", FFFD);
	check_sanitize("\xbf", FFFD);
	check_sanitize("\x80\x80\x80", FFFD FFFD FFFD);
	check_sanitize("\xc3", FFFD);
	check_sanitize("\xc3x", FFFD "x");
	check_sanitize("\xe2\x82", FFFD); /* one per maximal subpart */
	check_sanitize("\xe2\x82x", FFFD "x");
	check_sanitize("\xe2\x82\xe2\x82\xac", FFFD "\xe2\x82\xac");
	check_sanitize("\xf0\x9f\x98", FFFD);
	check_sanitize("\xf0\x9f\x98x", FFFD "x");
	check_sanitize("\xf0\x9f", FFFD);
	check_sanitize("\xf0", FFFD);
	check_sanitize("abc\xe6\xbc", "abc" FFFD);
	/* The example of Unicode 15, section 3.9, table 3-8 */
	check_sanitize("\x61\xf1\x80\x80\xe1\x80\xc2\x62\x80\x63\x80\xbf\x64",
	               "a" FFFD FFFD FFFD "b" FFFD "c" FFFD FFFD "d");
}

Test(core_text, sanitize_drops_controls)
{
	check_sanitize("a\tb\rc\nd", "abcd");
	check_sanitize("\x1b[31mred\x1b[0m", "[31mred[0m");
	check_sanitize("\x1b]0;owned\x07", "]0;owned");
	check_sanitize("\x1b]8;;http://x\x1b\\link\x1b]8;;\x1b\\", "]8;;http://x\\link]8;;\\");
	check_sanitize("back\bspace", "backspace");
	check_sanitize("del\x7f", "del");
	check_sanitize("\xc2\x9b"
	               "31m",
	               "31m");                          /* 8-bit CSI */
	check_sanitize("\xc2\x80\xc2\x85\xc2\x9f", ""); /* C1 range ends, NEL */
	check_sanitize("\x01\x02\x1f", "");
	check_sanitize("evil\xe2\x80\xae"
	               "txt.exe",
	               "eviltxt.exe"); /* RLO */
	check_sanitize("\xe2\x80\xaa\xe2\x80\xab\xe2\x80\xac\xe2\x80\xad\xe2\x80\xae", "");
	check_sanitize("\xe2\x81\xa6\xe2\x81\xa7\xe2\x81\xa8\xe2\x81\xa9", "");
	check_sanitize("\xe2\x80\x8e\xe2\x80\x8f\xd8\x9c", "");
	/* zero widths (U+200B-U+200D, U+FEFF), line and paragraph separators */
	check_sanitize("a\xe2\x80\x8b\xe2\x80\x8c\xe2\x80\x8d"
	               "b\xef\xbb\xbf"
	               "c",
	               "abc");
	check_sanitize("row\xe2\x80\xa8"
	               "one\xe2\x80\xa9two",
	               "rowonetwo");
	/* Their neighbours stay */
	check_sanitize("\xe2\x80\xaf", "\xe2\x80\xaf"); /* U+202F */
	check_sanitize("\xe2\x80\xa7", "\xe2\x80\xa7"); /* U+2027 */
	check_sanitize("\xe2\x80\x8a", "\xe2\x80\x8a"); /* U+200A */
	check_sanitize("\xe2\x81\xa5", "\xe2\x81\xa5"); /* U+2065 */
	check_sanitize("\xe2\x81\xaa", "\xe2\x81\xaa"); /* U+206A */
	check_sanitize("\xef\xbb\xbe", "\xef\xbb\xbe"); /* U+FEFE */
	check_sanitize("\xd8\x9b", "\xd8\x9b");         /* U+061B */
	check_sanitize("\xc2\xa0", "\xc2\xa0");
	check_sanitize(" ", " ");
}

Test(core_text, every_code_point)
{
	char in[8], out[16];
	for (uint32_t cp = 1; cp <= 0x10ffff; cp++) {
		size_t len = encode(cp, in);
		text_sanitize_into(in, out, sizeof out);
		if (cp >= 0xd800 && cp <= 0xdfff) {
			if (strcmp(out, FFFD FFFD FFFD) != 0)
				cr_assert_fail("surrogate %x", cp);
			continue;
		}
		if (should_drop(cp)) {
			if (out[0] != '\0' || is_clean(in))
				cr_assert_fail("U+%04X should be dropped", cp);
		} else if (strlen(out) != len || memcmp(in, out, len) != 0 || !is_clean(in)) {
			cr_assert_fail("U+%04X should be kept", cp);
		}
		int w = text_width(in);
		if (w < 0 || w > 2 || (should_drop(cp) && w != 0))
			cr_assert_fail("width of U+%04X is %d", cp, w);
	}
}

/* A plain reference: decode by the lead byte's bit pattern, then reject
 * overlong, surrogate and out-of-range values. */
static bool reference_valid(const unsigned char *s)
{
	while (*s) {
		unsigned char b = *s;
		int len = b < 0x80         ? 1
		          : (b >> 5) == 6  ? 2
		          : (b >> 4) == 14 ? 3
		          : (b >> 3) == 30 ? 4
		                           : 0;
		if (len == 0)
			return false;
		uint32_t cp = len == 1   ? b
		              : len == 2 ? (b & 0x1fu)
		              : len == 3 ? (b & 0x0fu)
		                         : (b & 0x07u);
		for (int i = 1; i < len; i++) {
			if ((s[i] & 0xc0) != 0x80)
				return false;
			cp = (cp << 6) | (s[i] & 0x3fu);
		}
		static const uint32_t min[5] = { 0, 0, 0x80, 0x800, 0x10000 };
		if (cp < min[len] || (cp >= 0xd800 && cp <= 0xdfff) || cp > 0x10ffff)
			return false;
		s += len;
	}
	return true;
}

static bool reference_clean(const unsigned char *s)
{
	if (!reference_valid(s))
		return false;
	char buf[64];
	text_sanitize_into((const char *)s, buf, sizeof buf);
	return strcmp(buf, (const char *)s) == 0;
}

/* Validity agrees with the reference for every one- and two-byte string,
 * every three-byte string with a three-byte lead, and four-byte strings
 * over all second bytes. */
Test(core_text, validity_matches_reference)
{
	unsigned char s[5] = { 0 };
	static const unsigned char tails[] = { 0x41, 0x7f, 0x80, 0x8f, 0x90,
		                               0x9f, 0xa0, 0xbf, 0xc0, 0xff };
	for (int a = 1; a < 256; a++) {
		s[0] = (unsigned char)a;
		s[1] = 0;
		cr_assert_eq(is_clean((char *)s), reference_clean(s), "%02x", a);
		for (int b = 1; b < 256; b++) {
			s[1] = (unsigned char)b;
			s[2] = 0;
			if (is_clean((char *)s) != reference_clean(s))
				cr_assert_fail("%02x %02x", a, b);
		}
	}
	for (int a = 0xe0; a <= 0xef; a++)
		for (int b = 1; b < 256; b++)
			for (int c = 1; c < 256; c++) {
				s[0] = (unsigned char)a;
				s[1] = (unsigned char)b;
				s[2] = (unsigned char)c;
				s[3] = 0;
				if (is_clean((char *)s) != reference_clean(s))
					cr_assert_fail("%02x %02x %02x", a, b, c);
			}
	for (int a = 0xf0; a <= 0xff; a++)
		for (int b = 1; b < 256; b++)
			for (size_t c = 0; c < sizeof tails; c++)
				for (size_t d = 0; d < sizeof tails; d++) {
					s[0] = (unsigned char)a;
					s[1] = (unsigned char)b;
					s[2] = tails[c];
					s[3] = tails[d];
					s[4] = 0;
					if (is_clean((char *)s) != reference_clean(s))
						cr_assert_fail("%02x %02x %02x %02x", a, b,
						               tails[c], tails[d]);
				}
}

/* Random bytes: the output is always clean, sanitising is idempotent and
 * widths agree before and after. */
Test(core_text, random_bytes_properties)
{
	uint32_t seed = 12345;
	char in[64];
	for (int round = 0; round < 20000; round++) {
		size_t len = 0;
		int n = (int)(seed % 40);
		for (int i = 0; i < n; i++) {
			seed = seed * 1103515245u + 12345u;
			char c = (char)(seed >> 16);
			if (c)
				in[len++] = c;
		}
		in[len] = '\0';
		char *a = text_sanitize(in);
		cr_assert_not_null(a);
		if (!is_clean(a))
			cr_assert_fail("round %d not clean", round);
		char *b = text_sanitize(a);
		if (strcmp(a, b) != 0 || text_width(a) != text_width(in))
			cr_assert_fail("round %d not stable", round);
		char fit[32];
		int cols = text_fit(in, 10, true, fit, sizeof fit);
		if (cols > 10 || text_width(fit) != cols || !is_clean(fit))
			cr_assert_fail("round %d: fit", round);
		cols = text_fit(in, 10, false, fit, sizeof fit);
		for (const char *p = fit; *p; p++)
			if ((unsigned char)*p >= 0x80 || (unsigned char)*p < 0x20)
				cr_assert_fail("round %d: ascii fit", round);
		cr_assert(cols <= 10 && (size_t)cols == strlen(fit));
		free(a);
		free(b);
	}
}

/* ---- into a buffer ---- */

Test(core_text, sanitize_into)
{
	char buf[16];
	text_sanitize_into("plain", buf, sizeof buf);
	cr_assert_str_eq(buf, "plain");
	text_sanitize_into("a\x1b"
	                   "b",
	                   buf, sizeof buf);
	cr_assert_str_eq(buf, "ab");
	text_sanitize_into(NULL, buf, sizeof buf);
	cr_assert_str_eq(buf, "");
	/* Never splits a character */
	char four[4];
	text_sanitize_into("a" E_ACUTE KAN, four, sizeof four);
	cr_assert_str_eq(four, "a" E_ACUTE);
	char three[3];
	text_sanitize_into(KAN, three, sizeof three);
	cr_assert_str_eq(three, "");
	char one[1] = { 'x' };
	text_sanitize_into("abc", one, sizeof one);
	cr_assert_str_eq(one, "");
	char keep = 'k';
	text_sanitize_into("abc", &keep, 0);
	cr_assert_eq(keep, 'k');
	char five[5];
	text_sanitize_into("\xff"
	                   "abcdef",
	                   five, sizeof five);
	cr_assert_str_eq(five, FFFD "a");
}

Test(core_text, plain_ascii)
{
	size_t len = 99;
	cr_assert(text_plain("Acme Corp ~!", &len));
	cr_assert_eq(len, 12);
	cr_assert(text_plain("", &len));
	cr_assert_eq(len, 0);
	cr_assert(text_plain(NULL, &len));
	cr_assert_eq(len, 0);
	cr_assert_not(text_plain("ab\tcd", &len));
	cr_assert_eq(len, 2);
	cr_assert_not(text_plain("abc\x7f", &len));
	cr_assert_eq(len, 3);
	cr_assert_not(text_plain("caf" E_ACUTE, &len));
	cr_assert_eq(len, 3);
	cr_assert_not(text_plain("\x1b[31m", NULL));
}

/* The printable-ASCII shortcuts give what the general path gives when the
 * plain run is followed by anything else. */
Test(core_text, plain_prefix_then_anything)
{
	static const char *const tails[] = { "", "\x1b[2J", "\t", E_ACUTE, KAN, "\xff", "\x7f" };
	char s[64], buf[64], small[6];
	for (size_t t = 0; t < sizeof tails / sizeof *tails; t++) {
		for (int n = 0; n <= 8; n++) {
			snprintf(s, sizeof s, "%.*s%s", n, "abcdefgh", tails[t]);
			char *clean = text_sanitize(s);
			cr_assert_not_null(clean);
			cr_assert_eq(strncmp(clean, "abcdefgh", (size_t)n), 0, "%s", clean);
			text_sanitize_into(s, buf, sizeof buf);
			cr_assert_str_eq(buf, clean);
			text_sanitize_into(s, small, sizeof small);
			cr_assert_eq(strncmp(small, clean, strlen(small)), 0);
			cr_assert(strlen(small) <= 5);
			int w = text_width(s);
			int fitted = text_fit(s, 80, true, buf, sizeof buf);
			cr_assert_eq(fitted, w, "%d vs %d for tail %zu", fitted, w, t);
			cr_assert_str_eq(buf, clean);
			/* Cut to 4 columns: 3 characters and the ellipsis. */
			if (w > 4) {
				cr_assert_eq(text_fit(s, 4, true, buf, sizeof buf), 4);
				cr_assert_eq(strncmp(buf, clean, n >= 3 ? 3 : (size_t)n), 0);
			}
			free(clean);
		}
	}
}

/* ---- widths ---- */

Test(core_text, width)
{
	cr_assert_eq(text_width(NULL), 0);
	cr_assert_eq(text_width(""), 0);
	cr_assert_eq(text_width("acme"), 4);
	cr_assert_eq(text_width(KAN JI), 4);
	cr_assert_eq(text_width("cafe" ACUTE), 4);
	cr_assert_eq(text_width("caf" E_ACUTE), 4);
	cr_assert_eq(text_width(GRIN), 2);
	cr_assert_eq(text_width("a\tb\nc\x1b[0m"), 6);   /* "abc[0m" */
	cr_assert_eq(text_width("\xff\xfe"), 2);         /* two U+FFFD */
	cr_assert_eq(text_width("\xcd\xb8"), 1);         /* unassigned U+0378 */
	cr_assert_eq(text_width("\xf4\x8f\xbf\xbf"), 1); /* U+10FFFF */
	cr_assert_eq(text_width("\xef\xbc\xa1"), 2);     /* fullwidth A */
	cr_assert_eq(text_width("\xe1\x84\x80"), 2);     /* Hangul jamo */
	cr_assert_eq(text_width(ZWJ), 0);
	cr_assert_eq(text_width("\xe2\x80\xae"), 0);
}

/* ---- fitting to columns ---- */

static const char *fit(const char *s, int width, bool utf8, int *cols)
{
	static char buf[512];
	*cols = text_fit(s, width, utf8, buf, sizeof buf);
	return buf;
}

Test(core_text, fit_utf8)
{
	int c;
	cr_assert_str_eq(fit("acme", 10, true, &c), "acme");
	cr_assert_eq(c, 4);
	cr_assert_str_eq(fit("acme", 4, true, &c), "acme");
	cr_assert_eq(c, 4);
	cr_assert_str_eq(fit("acme", 3, true, &c), "ac" ELL);
	cr_assert_eq(c, 3);
	cr_assert_str_eq(fit("acme", 1, true, &c), ELL);
	cr_assert_eq(c, 1);
	cr_assert_str_eq(fit("a", 1, true, &c), "a");
	cr_assert_eq(c, 1);
	cr_assert_str_eq(fit("acme", 0, true, &c), "");
	cr_assert_eq(c, 0);
	cr_assert_str_eq(fit("acme", -5, true, &c), "");
	cr_assert_eq(c, 0);
	cr_assert_str_eq(fit(NULL, 5, true, &c), "");
	cr_assert_eq(c, 0);
	cr_assert_str_eq(fit("", 5, true, &c), "");
	cr_assert_str_eq(fit("a\x1b[2Jb", 10, true, &c), "a[2Jb");
	cr_assert_eq(c, 5);
}

Test(core_text, fit_wide_characters_never_split)
{
	int c;
	/* "ab漢字" is 6 columns */
	cr_assert_str_eq(fit("ab" KAN JI, 6, true, &c), "ab" KAN JI);
	cr_assert_eq(c, 6);
	cr_assert_str_eq(fit("ab" KAN JI, 5, true, &c), "ab" KAN ELL);
	cr_assert_eq(c, 5);
	cr_assert_str_eq(fit("ab" KAN JI, 4, true, &c), "ab" ELL);
	cr_assert_eq(c, 3);
	cr_assert_str_eq(fit("a" KAN, 3, true, &c), "a" KAN);
	cr_assert_eq(c, 3);
	cr_assert_str_eq(fit("a" KAN, 2, true, &c), "a" ELL);
	cr_assert_eq(c, 2);
	cr_assert_str_eq(fit(KAN, 1, true, &c), ELL);
	cr_assert_eq(c, 1);
	cr_assert_str_eq(fit(KAN, 2, true, &c), KAN);
	cr_assert_str_eq(fit(GRIN GRIN, 3, true, &c), GRIN ELL);
	cr_assert_eq(c, 3);
	cr_assert_str_eq(fit(GRIN GRIN, 2, true, &c), ELL);
	cr_assert_eq(c, 1);
}

Test(core_text, fit_combining_marks_stay_with_base)
{
	int c;
	cr_assert_str_eq(fit("e" ACUTE "e" ACUTE "e" ACUTE, 3, true, &c),
	                 "e" ACUTE "e" ACUTE "e" ACUTE);
	cr_assert_eq(c, 3);
	cr_assert_str_eq(fit("e" ACUTE "e" ACUTE "e" ACUTE, 2, true, &c), "e" ACUTE ELL);
	cr_assert_eq(c, 2);
	/* Many marks on one base still fit in one column, within the buffer */
	char zalgo[600] = "z";
	for (int i = 0; i < 200; i++)
		strcat(zalgo, ACUTE);
	char small[32];
	int cols = text_fit(zalgo, 5, true, small, sizeof small);
	cr_assert(strlen(small) < sizeof small);
	cr_assert(is_clean(small));
	cr_assert_eq(cols, text_width(small));
	cr_assert(strstr(small, ELL) != NULL); /* cut because of the buffer */
}

Test(core_text, fit_ascii_mode)
{
	int c;
	cr_assert_str_eq(fit("acme", 3, false, &c), "ac~");
	cr_assert_eq(c, 3);
	cr_assert_str_eq(fit("caf" E_ACUTE, 10, false, &c), "caf?");
	cr_assert_eq(c, 4);
	cr_assert_str_eq(fit("cafe" ACUTE, 10, false, &c), "cafe");
	cr_assert_eq(c, 4);
	cr_assert_str_eq(fit(KAN JI "x", 10, false, &c), "??x");
	cr_assert_eq(c, 3);
	cr_assert_str_eq(fit(KAN JI "xyz", 3, false, &c), "??~");
	cr_assert_eq(c, 3);
	cr_assert_str_eq(fit(GRIN, 1, false, &c), "?");
	cr_assert_str_eq(fit("\xff", 5, false, &c), "?");
	cr_assert_str_eq(fit("ab", 1, false, &c), "~");
	cr_assert_str_eq(fit("a\tb", 5, false, &c), "ab");
}

Test(core_text, fit_long_name)
{
	char name[201];
	memset(name, 'n', 200);
	name[200] = '\0';
	int c;
	const char *got = fit(name, 20, true, &c);
	cr_assert_eq(c, 20);
	cr_assert_eq(strlen(got), 19 + 3);
	cr_assert_str_eq(got + 19, ELL);
	cr_assert_eq(text_width(got), 20);
	got = fit(name, 200, true, &c);
	cr_assert_str_eq(got, name);
	got = fit(name, 199, false, &c);
	cr_assert_eq(c, 199);
	cr_assert_eq(got[198], '~');
	/* Wide names: every cut lands on a character boundary */
	char wide[3 * 100 + 1] = "";
	for (int i = 0; i < 100; i++)
		strcat(wide, i % 2 ? KAN : "w");
	for (int w = 1; w <= 160; w++) {
		got = fit(wide, w, true, &c);
		if (w >= 150)
			cr_assert_eq(c, 150);
		else
			cr_assert(c <= w && c >= w - 1, "width %d gave %d", w, c);
		cr_assert_eq(text_width(got), c);
		cr_assert(is_clean(got));
	}
}

/* The plain-ASCII shortcut cuts exactly as the general path does. */
Test(core_text, fit_plain_prefix)
{
	int c;
	cr_assert_str_eq(fit("abcdefgh" KAN, 5, true, &c), "abcd" ELL);
	cr_assert_eq(c, 5);
	cr_assert_str_eq(fit("abcdef\x1b[31m", 5, true, &c), "abcd" ELL);
	cr_assert_eq(c, 5);
	/* Exactly width plain characters and a control character that is
	 * dropped: it fits, uncut. */
	cr_assert_str_eq(fit("abcde\x07", 5, true, &c), "abcde");
	cr_assert_eq(c, 5);
	cr_assert_str_eq(fit("abcde" KAN, 6, true, &c), "abcde" ELL);
	cr_assert_eq(c, 6);
	cr_assert_str_eq(fit("abcdefgh", 5, false, &c), "abcd~");
	cr_assert_eq(c, 5);
}

Test(core_text, fit_small_buffers)
{
	char buf[8];
	/* 6 bytes of text and the NUL fit in 8 */
	cr_assert_eq(text_fit("abcdef", 20, true, buf, sizeof buf), 6);
	cr_assert_str_eq(buf, "abcdef");
	/* Too many bytes: cut with the ellipsis inside the buffer */
	cr_assert_eq(text_fit("abcdefghij", 20, true, buf, sizeof buf), 5);
	cr_assert_str_eq(buf, "abcd" ELL);
	cr_assert_eq(text_fit("abcdefghij", 20, false, buf, sizeof buf), 7);
	cr_assert_str_eq(buf, "abcdef~");
	cr_assert_eq(text_fit(KAN KAN KAN, 20, true, buf, sizeof buf), 3);
	cr_assert_str_eq(buf, KAN ELL);
	char three[3];
	cr_assert_eq(text_fit("abc", 20, true, three, sizeof three), 0);
	cr_assert_str_eq(three, "");
	cr_assert_eq(text_fit("abc", 20, false, three, sizeof three), 2);
	cr_assert_str_eq(three, "a~");
	char keep = 'k';
	cr_assert_eq(text_fit("abc", 20, true, &keep, 0), 0);
	cr_assert_eq(keep, 'k');
}

Test(core_text, pad)
{
	char buf[64];
	cr_assert_eq(text_pad("ab", 5, true, buf, sizeof buf), 5);
	cr_assert_str_eq(buf, "ab   ");
	cr_assert_eq(text_pad("abcdef", 5, true, buf, sizeof buf), 5);
	cr_assert_str_eq(buf, "abcd" ELL);
	cr_assert_eq(text_pad(KAN JI, 5, true, buf, sizeof buf), 5);
	cr_assert_str_eq(buf, KAN JI " ");
	/* A wide character at the limit leaves a gap that padding fills */
	cr_assert_eq(text_pad("ab" KAN JI, 4, true, buf, sizeof buf), 4);
	cr_assert_str_eq(buf, "ab" ELL " ");
	cr_assert_eq(text_pad(KAN, 3, false, buf, sizeof buf), 3);
	cr_assert_str_eq(buf, "?  ");
	cr_assert_eq(text_pad(NULL, 3, true, buf, sizeof buf), 3);
	cr_assert_str_eq(buf, "   ");
	cr_assert_eq(text_pad("x", 0, true, buf, sizeof buf), 0);
	cr_assert_str_eq(buf, "");
	cr_assert_eq(text_pad("x", -1, true, buf, sizeof buf), 0);
	cr_assert_str_eq(buf, "");
	char small[4];
	cr_assert_eq(text_pad("", 10, true, small, sizeof small), 3);
	cr_assert_str_eq(small, "   ");
	cr_assert_eq(text_pad("x", 10, true, small, 0), 0);
	for (int w = 1; w < 30; w++) {
		text_pad("ab" KAN "c" GRIN "d" ACUTE "e", w, true, buf, sizeof buf);
		cr_assert_eq(text_width(buf), w);
	}
}

/* ---- tmux ---- */

Test(core_text, tmux_escape)
{
	char *s = text_tmux_escape("acme #1");
	cr_assert_str_eq(s, "acme ##1");
	free(s);
	s = text_tmux_escape("#[fg=red]#(rm -rf ~)##");
	cr_assert_str_eq(s, "##[fg=red]##(rm -rf ~)####");
	free(s);
	s = text_tmux_escape("a\x1b[31m#\nb");
	cr_assert_str_eq(s, "a[31m##b");
	free(s);
	s = text_tmux_escape(NULL);
	cr_assert_str_eq(s, "");
	free(s);
	s = text_tmux_escape("\xff#" KAN);
	cr_assert_str_eq(s, FFFD "##" KAN);
	free(s);
	s = text_tmux_escape("no hashes");
	cr_assert_str_eq(s, "no hashes");
	free(s);
}

/* ---- cleanliness ---- */

Test(core_text, is_clean)
{
	cr_assert(is_clean(NULL));
	cr_assert(is_clean(""));
	cr_assert(is_clean("acme " KAN GRIN "e" ACUTE FFFD));
	cr_assert_not(is_clean("a\tb"));
	cr_assert_not(is_clean("a\nb"));
	cr_assert_not(is_clean("a\rb"));
	cr_assert_not(is_clean("\x1b[0m"));
	cr_assert_not(is_clean("\x7f"));
	cr_assert_not(is_clean("\xc2\x9b"));
	cr_assert_not(is_clean("\xe2\x80\xae"));
	cr_assert_not(is_clean("\xe2\x81\xa9"));
	cr_assert_not(is_clean("\xd8\x9c"));
	cr_assert_not(is_clean("\xff"));
	cr_assert_not(is_clean("\xc0\x80"));
	cr_assert_not(is_clean("\xed\xa0\x80"));
	cr_assert_not(is_clean("\xf4\x90\x80\x80"));
	cr_assert_not(is_clean("\xe6\xbc"));
	cr_assert_not(is_clean("\xf0\x9f\x98"));
}

/* ---- small helpers ---- */

Test(core_text, trim)
{
	char a[] = "  acme \t\r\n";
	cr_assert_str_eq(text_trim(a), "acme");
	char b[] = "\v\f x y \f";
	cr_assert_str_eq(text_trim(b), "x y");
	char c[] = "    ";
	cr_assert_str_eq(text_trim(c), "");
	char d[] = "";
	cr_assert_str_eq(text_trim(d), "");
	char e[] = "none";
	cr_assert_eq(text_trim(e), e);
	cr_assert_str_eq(e, "none");
	char f[] = "\xc2\xa0x\xc2\xa0"; /* NBSP is not ASCII space */
	cr_assert_str_eq(text_trim(f), "\xc2\xa0x\xc2\xa0");
	cr_assert_null(text_trim(NULL));
}

Test(core_text, ieq_and_iprefix)
{
	cr_assert(text_ieq("Acme", "aCME"));
	cr_assert(text_ieq("", ""));
	cr_assert_not(text_ieq("acme", "acm"));
	cr_assert_not(text_ieq("acm", "acme"));
	cr_assert_not(text_ieq("a", "b"));
	cr_assert(text_ieq(NULL, NULL));
	cr_assert_not(text_ieq(NULL, ""));
	cr_assert_not(text_ieq("", NULL));
	cr_assert(text_ieq(E_ACUTE, E_ACUTE));
	cr_assert_not(text_ieq(E_ACUTE, "\xc3\x89")); /* ASCII folding only */
	cr_assert_not(text_ieq("@", "`"));            /* neighbours of the letters */
	cr_assert_not(text_ieq("[", "{"));
	cr_assert(text_iprefix("", "acme"));
	cr_assert(text_iprefix("AC", "acme"));
	cr_assert(text_iprefix("acme", "ACME"));
	cr_assert_not(text_iprefix("acmex", "acme"));
	cr_assert_not(text_iprefix("b", "acme"));
	cr_assert(text_iprefix("", ""));
	cr_assert_not(text_iprefix(NULL, "a"));
	cr_assert_not(text_iprefix("a", NULL));
}

Test(core_text, utf8_encode_every_length)
{
	char out[4];
	cr_assert_eq(text_utf8_encode(0x41, out), 1);
	cr_assert_eq(memcmp(out, "A", 1), 0);
	cr_assert_eq(text_utf8_encode(0xe9, out), 2);
	cr_assert_eq(memcmp(out, "\xc3\xa9", 2), 0);
	cr_assert_eq(text_utf8_encode(0x2026, out), 3);
	cr_assert_eq(memcmp(out, "\xe2\x80\xa6", 3), 0);
	cr_assert_eq(text_utf8_encode(0x1f600, out), 4);
	cr_assert_eq(memcmp(out, "\xf0\x9f\x98\x80", 4), 0);
	cr_assert_eq(text_utf8_encode(0x7ff, out), 2);
	cr_assert_eq(text_utf8_encode(0x800, out), 3);
	cr_assert_eq(text_utf8_encode(0xffff, out), 3);
	cr_assert_eq(text_utf8_encode(0x10000, out), 4);
}

Test(core_text, dropped_code_points)
{
	static const uint32_t dropped[] = { 0x00,   0x07,   0x1b,   0x1f,   0x7f,   0x85,   0x9f,
		                            0x061c, 0x200b, 0x200d, 0x200e, 0x200f, 0x2028, 0x2029,
		                            0x202a, 0x202e, 0x2066, 0x2069, 0xfeff };
	static const uint32_t kept[] = { 0x20,   0x41,   0x7e,   0xa0,   0xe9,   0x200a, 0x2027,
		                         0x202f, 0x2065, 0x206a, 0xfefe, 0xff00, 0x1f600 };
	for (size_t i = 0; i < sizeof dropped / sizeof dropped[0]; i++)
		cr_assert(text_cp_dropped(dropped[i]), "U+%04X kept", (unsigned)dropped[i]);
	for (size_t i = 0; i < sizeof kept / sizeof kept[0]; i++)
		cr_assert(!text_cp_dropped(kept[i]), "U+%04X dropped", (unsigned)kept[i]);
}

Test(core_text, whole_numbers)
{
	long v = 42;
	cr_assert(text_to_long("0", 0, 10, &v));
	cr_assert_eq(v, 0);
	cr_assert(text_to_long("120", 0, 10000000, &v));
	cr_assert_eq(v, 120);
	cr_assert(text_to_long("-5", -10, 10, &v));
	cr_assert_eq(v, -5);
	cr_assert(text_to_long("9223372036854775807", 0, LONG_MAX, &v));
	cr_assert_eq(v, LONG_MAX);
	cr_assert(text_to_long("-9223372036854775808", LONG_MIN, 0, &v));
	cr_assert_eq(v, LONG_MIN);
	static const char *const bad[] = { "",
		                           " 5",
		                           "5 ",
		                           "+5",
		                           "5x",
		                           "0x10",
		                           "1e3",
		                           "-",
		                           "--1",
		                           "1.5",
		                           "9223372036854775808",
		                           "-9223372036854775809",
		                           "11",
		                           "-11" };
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		v = 42;
		cr_assert(!text_to_long(bad[i], -10, 10, &v), "\"%s\" in -10..10", bad[i]);
		cr_assert_eq(v, 42, "\"%s\" wrote a value", bad[i]);
	}
	cr_assert(!text_to_long(NULL, 0, 10, &v));
	cr_assert(!text_to_long("9223372036854775808", LONG_MIN, LONG_MAX, &v), "overflow");
	cr_assert(!text_to_long("-9223372036854775809", LONG_MIN, LONG_MAX, &v), "underflow");
}

/* ---- case folding ---- */

Test(core_text, fold_code_points)
{
	static const struct {
		uint32_t from, to;
	} cases[] = {
		{ 'A', 'a' },
		{ 'Z', 'z' },
		{ 'a', 'a' },
		{ '0', '0' },
		{ '@', '@' },
		{ '[', '[' },
		/* Latin-1 */
		{ 0xcb, 0xeb },  /* Ë ë */
		{ 0xc0, 0xe0 },  /* À à */
		{ 0xde, 0xfe },  /* Þ þ */
		{ 0xd7, 0xd7 },  /* × is no letter */
		{ 0xdf, 0xdf },  /* ß folds to "ss", two characters: as it is */
		{ 0xb5, 0x3bc }, /* micro sign: μ */
		{ 0xff, 0xff },  /* ÿ */
		{ 0x178, 0xff }, /* Ÿ ÿ */
		/* Latin Extended-A, the alternating pairs */
		{ 0x141, 0x142 }, /* Ł ł */
		{ 0x142, 0x142 }, /* ł */
		{ 0x17d, 0x17e }, /* Ž ž */
		{ 0x100, 0x101 }, /* Ā ā */
		{ 0x17f, 's' },   /* long s */
		{ 0x130, 0x130 }, /* İ folds to two characters: as it is */
		{ 0x131, 0x131 }, /* ı */
		{ 0x1e9e, 0xdf }, /* ẞ ß */
		/* Greek */
		{ 0x3a3, 0x3c3 },   /* Σ σ */
		{ 0x3c2, 0x3c3 },   /* final ς σ */
		{ 0x386, 0x3ac },   /* Ά ά */
		{ 0x389, 0x3ae },   /* Ή ή */
		{ 0x3a9, 0x3c9 },   /* Ω ω */
		{ 0x1f88, 0x1f80 }, /* ᾈ ᾀ */
		/* Cyrillic */
		{ 0x416, 0x436 }, /* Ж ж */
		{ 0x401, 0x451 }, /* Ё ё */
		{ 0x490, 0x491 }, /* Ґ ґ */
		{ 0x436, 0x436 },
		/* Armenian, Georgian, letterlike symbols, fullwidth, Deseret */
		{ 0x531, 0x561 },   /* Ա ա */
		{ 0x10a0, 0x2d00 }, /* Ⴀ ⴀ */
		{ 0x212a, 'k' },    /* Kelvin sign */
		{ 0x2126, 0x3c9 },  /* Ohm sign */
		{ 0xff21, 0xff41 }, /* Ａ ａ */
		{ 0x10400, 0x10428 },
		/* No case */
		{ 0x6f22, 0x6f22 },
		{ 0x1f600, 0x1f600 },
		{ 0x10ffff, 0x10ffff },
		{ 0xfffd, 0xfffd },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
		cr_expect_eq(text_fold_cp(cases[i].from), cases[i].to,
		             "U+%04X gave U+%04X, not U+%04X", (unsigned)cases[i].from,
		             (unsigned)text_fold_cp(cases[i].from), (unsigned)cases[i].to);
}

/* Folding twice is folding once; a folded character never needs more
 * UTF-8 bytes than half again its own (what text_fold's 3 * len allows). */
Test(core_text, fold_is_idempotent_everywhere)
{
	for (uint32_t cp = 0; cp <= 0x10ffff; cp++) {
		if (cp >= 0xd800 && cp <= 0xdfff)
			continue;
		uint32_t f = text_fold_cp(cp);
		char a[4], b[4];
		cr_assert_eq(text_fold_cp(f), f, "U+%04X folds to U+%04X, which folds on",
		             (unsigned)cp, (unsigned)f);
		cr_assert(f <= 0x10ffff && !(f >= 0xd800 && f <= 0xdfff));
		size_t la = text_utf8_encode(cp, a), lb = text_utf8_encode(f, b);
		cr_assert_leq(2 * lb, 3 * la, "U+%04X grows from %zu to %zu bytes", (unsigned)cp,
		              la, lb);
	}
}

Test(core_text, fold_strings)
{
	char out[64];
	const char *s = "ZO\xc3\x8b and Zo\xc3\xab"; /* ZOË and Zoë */
	size_t n = text_fold(s, strlen(s), out, sizeof out);
	cr_assert_str_eq(out, "zo\xc3\xab and zo\xc3\xab");
	cr_assert_eq(n, strlen(out));
	/* Greek and Cyrillic whole words. */
	s = "\xce\xa3\xce\xa4\xce\xa1\xce\x91\xce\xa4\xce\x97\xce\x93\xce\x99\xce\x9a\xce\x89"; /* ΣΤΡΑΤΗΓΙΚΉ
	                                                                                         */
	text_fold(s, strlen(s), out, sizeof out);
	cr_assert_str_eq(out, "\xcf\x83\xcf\x84\xcf\x81\xce\xb1\xcf\x84\xce\xb7\xce\xb3\xce\xb9\xce"
	                      "\xba\xce\xae");                  /* στρατηγική */
	s = "\xd0\x9c\xd0\x9e\xd0\xa1\xd0\x9a\xd0\x92\xd0\x90"; /* МОСКВА */
	text_fold(s, strlen(s), out, sizeof out);
	cr_assert_str_eq(out, "\xd0\xbc\xd0\xbe\xd1\x81\xd0\xba\xd0\xb2\xd0\xb0"); /* москва */
	/* Invalid bytes as U+FFFD, three bytes for one. */
	n = text_fold("A\xff", 2, out, sizeof out);
	cr_assert_str_eq(out, "a\xef\xbf\xbd");
	cr_assert_eq(n, 4);
	cr_assert_leq(n, 3 * 2);
	/* Short of room: whole characters only, and the length it needs. */
	n = text_fold("\xc3\x8b\xc3\x8b\xc3\x8b", 6, out, 4);
	cr_assert_str_eq(out, "\xc3\xab");
	cr_assert_eq(n, 6);
	n = text_fold("abc", 3, out, 0);
	cr_assert_eq(n, 3);
	/* A length, not the NUL, ends the text. */
	n = text_fold("ABCD", 2, out, sizeof out);
	cr_assert_str_eq(out, "ab");
	cr_assert_eq(n, 2);
	n = text_fold("", 0, out, sizeof out);
	cr_assert_str_eq(out, "");
	cr_assert_eq(n, 0);
}

static void check_json_escape(const char *in, const char *want)
{
	char *got = text_json_escape(in);
	cr_assert_not_null(got);
	cr_assert_str_eq(got, want);
	free(got);
}

Test(core_text, json_escape)
{
	check_json_escape("", "");
	check_json_escape("[\n  \"plain\"\n]", "[\n  \"plain\"\n]"); /* layout stays */
	check_json_escape("\"Caf\xc3\xa9 \xe6\x9d\xb1\"", "\"Caf\xc3\xa9 \xe6\x9d\xb1\"");
	check_json_escape("\"x\xc2\x9b"
	                  "2J\"",
	                  "\"x\\u009b2J\""); /* 8-bit CSI */
	check_json_escape("\"\x7f\xc2\x80\xc2\x9f\"", "\"\\u007f\\u0080\\u009f\"");
	check_json_escape("\"a\xe2\x80\xae"
	                  "b\xe2\x81\xa6\"",
	                  "\"a\\u202eb\\u2066\"");
	check_json_escape("\"\xe2\x80\xa8\xe2\x80\xa9\xe2\x80\x8b\xef\xbb\xbf\"",
	                  "\"\\u2028\\u2029\\u200b\\ufeff\"");
	check_json_escape("\"\xc2\xa0\xe2\x80\xaf\"", "\"\xc2\xa0\xe2\x80\xaf\""); /* kept */
	/* Invalid bytes are copied as they are. */
	check_json_escape("\xff\xc2", "\xff\xc2");
}

/* Well-formed UTF-8 is valid, U+FFFD itself included; stray bytes,
 * overlongs, surrogates, beyond U+10FFFF and cut sequences are not. */
Test(core_text, utf8_valid)
{
	cr_expect(text_utf8_valid(NULL));
	cr_expect(text_utf8_valid(""));
	cr_expect(text_utf8_valid("plain \t\n\x1b[0m"));
	cr_expect(text_utf8_valid("Zo\xc3\xab \xe6\x9d\xb1 \xf0\x9f\x99\x82 \xef\xbf\xbd"));
	cr_expect(text_utf8_valid("\xf4\x8f\xbf\xbf")); /* U+10FFFF */
	cr_expect(!text_utf8_valid("caf\xe9"));         /* Latin-1 */
	cr_expect(!text_utf8_valid("\x80"));
	cr_expect(!text_utf8_valid("\xc0\xaf"));         /* overlong */
	cr_expect(!text_utf8_valid("\xed\xa0\x80"));     /* a surrogate */
	cr_expect(!text_utf8_valid("\xf4\x90\x80\x80")); /* past U+10FFFF */
	cr_expect(!text_utf8_valid("\xe6\x9d"));         /* cut short */
}

/* Each invalid sequence becomes one U+FFFD; the rest, controls too, stays. */
Test(core_text, utf8_repair)
{
	char *r = text_utf8_repair("caf\xe9 \x1b\t ok \xe6\x9d");
	cr_assert_not_null(r);
	cr_expect_str_eq(r, "caf\xef\xbf\xbd \x1b\t ok \xef\xbf\xbd");
	cr_expect(text_utf8_valid(r));
	free(r);
	r = text_utf8_repair("Zo\xc3\xab \xef\xbf\xbd");
	cr_assert_not_null(r);
	cr_expect_str_eq(r, "Zo\xc3\xab \xef\xbf\xbd");
	free(r);
	r = text_utf8_repair(NULL);
	cr_assert_not_null(r);
	cr_expect_str_eq(r, "");
	free(r);
	/* The worst growth: every byte invalid. */
	r = text_utf8_repair("\xff\xff\xff");
	cr_assert_not_null(r);
	cr_expect_str_eq(r, "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd");
	free(r);
}

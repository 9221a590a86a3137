/*
 * doc_text.c: a document as terminal text: headings underlined, facts
 * aligned, tables as columns, the heat map as a grid of counts, bars of
 * block characters; every line sanitised and at most width columns.
 * doc_render_lines makes the lines; doc_render_text prints them.
 */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "cxo/text.h"
#include "doc_impl.h"

#define WIDTH_DEFAULT 80
#define WIDTH_MIN 20

struct lines {
	char **v;
	size_t n, cap;
	int width; /* what the layout fills, WIDTH_MIN at least */
	int cut;   /* what no line exceeds */
};

/* Adds s, sanitised and cut to the width (trailing spaces dropped). */
static int add(struct lines *L, const char *s)
{
	if (L->n == L->cap) {
		size_t cap = L->cap ? L->cap * 2 : 64;
		char **nv = realloc(L->v, cap * sizeof *nv);
		if (!nv)
			return EX_OSERR;
		L->v = nv;
		L->cap = cap;
	}
	size_t len = strlen(s) * 3 + 8;
	char *buf = malloc(len);
	if (!buf)
		return EX_OSERR;
	text_fit(s, L->cut, true, buf, len);
	size_t k = strlen(buf);
	while (k > 0 && buf[k - 1] == ' ')
		buf[--k] = '\0';
	L->v[L->n++] = buf;
	return 0;
}

static void lines_free(char **v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

/* Bytes of the UTF-8 character starting at p (text is sanitised). */
static size_t char_len(const char *p)
{
	unsigned char c = (unsigned char)*p;
	size_t n = c < 0x80 ? 1 : c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : c >= 0xc0 ? 2 : 1;
	for (size_t i = 1; i < n; i++)
		if (!p[i])
			return i;
	return n;
}

static int char_width(const char *p, size_t n)
{
	char buf[8];
	memcpy(buf, p, n);
	buf[n] = '\0';
	return text_width(buf);
}

static int span_width(const char *p, size_t n)
{
	int w = 0;
	for (size_t i = 0; i < n;) {
		size_t k = char_len(p + i);
		if (i + k > n)
			k = n - i;
		w += char_width(p + i, k);
		i += k;
	}
	return w;
}

/* A line being filled: its prefix and the words added. */
struct fill {
	struct lines *L;
	char *buf;
	size_t len;
	int cols, avail;
	bool words;
	const char *rest;
	int rest_w;
};

static void fill_start(struct fill *f, const char *prefix, int prefix_w)
{
	f->len = strlen(prefix);
	memcpy(f->buf, prefix, f->len);
	f->buf[f->len] = '\0';
	f->cols = 0;
	f->avail = f->L->width - prefix_w;
	if (f->avail < 1)
		f->avail = 1;
	f->words = false;
}

static int fill_flush(struct fill *f)
{
	int rc = add(f->L, f->buf);
	fill_start(f, f->rest, f->rest_w);
	return rc;
}

static void fill_put(struct fill *f, const char *p, size_t n, int w)
{
	memcpy(f->buf + f->len, p, n);
	f->len += n;
	f->buf[f->len] = '\0';
	f->cols += w;
}

/* text (sanitised) wrapped at spaces: the first line after first (first_w
 * columns), the others after rest.  A word wider than a line is cut. */
static int wrap(struct lines *L, const char *text, const char *first, int first_w, const char *rest,
                int rest_w)
{
	size_t cap = strlen(text) + strlen(first) + strlen(rest) + 8;
	struct fill f = { .L = L, .rest = rest, .rest_w = rest_w };
	f.buf = malloc(cap);
	if (!f.buf)
		return EX_OSERR;
	fill_start(&f, first, first_w);
	int rc = 0;
	const char *p = text;
	while (!rc && *p) {
		while (*p == ' ')
			p++;
		if (!*p)
			break;
		const char *q = p;
		while (*q && *q != ' ')
			q++;
		size_t n = (size_t)(q - p);
		int w = span_width(p, n);
		if (f.words && f.cols + 1 + w > f.avail)
			rc = fill_flush(&f);
		if (!rc && w > f.avail - (f.words ? f.cols + 1 : 0)) {
			/* Too wide for any line: cut it by characters. */
			if (f.words)
				rc = fill_flush(&f);
			for (const char *c = p; !rc && c < q;) {
				size_t k = char_len(c);
				int cw = char_width(c, k);
				if (f.cols + cw > f.avail && f.cols > 0)
					rc = fill_flush(&f);
				fill_put(&f, c, k, cw);
				f.words = true;
				c += k;
			}
		} else if (!rc) {
			if (f.words)
				fill_put(&f, " ", 1, 1);
			fill_put(&f, p, n, w);
			f.words = true;
		}
		p = q;
	}
	if (!rc && f.words)
		rc = add(L, f.buf);
	free(f.buf);
	return rc;
}

static int wrap_plain(struct lines *L, const char *raw, const char *first, const char *rest)
{
	char *t = doc_clean(raw);
	if (!t)
		return EX_OSERR;
	int rc = wrap(L, t, first, (int)strlen(first), rest, (int)strlen(rest));
	free(t);
	return rc;
}

/* A line of n copies of the string c. */
static int rule(struct lines *L, const char *c, int n)
{
	if (n > L->width)
		n = L->width;
	size_t cl = strlen(c);
	char *buf = malloc((size_t)(n > 0 ? n : 0) * cl + 1);
	if (!buf)
		return EX_OSERR;
	size_t k = 0;
	for (int i = 0; i < n; i++, k += cl)
		memcpy(buf + k, c, cl);
	buf[k] = '\0';
	int rc = add(L, buf);
	free(buf);
	return rc;
}

static int heading(struct lines *L, const char *raw, const char *under)
{
	char *t = doc_clean(raw);
	if (!t)
		return EX_OSERR;
	int before = (int)L->n;
	int rc = wrap(L, t, "", 0, "", 0);
	int w = 0;
	for (size_t i = (size_t)before; !rc && i < L->n; i++) {
		int lw = text_width(L->v[i]);
		w = lw > w ? lw : w;
	}
	free(t);
	return rc ? rc : rule(L, under, w);
}

/* Appends s (sanitised) cut to w columns, padded to w on the side away
 * from align: right pads on the left. */
static void cell_into(char *out, size_t cap, const char *raw, int w, bool right)
{
	char *t = doc_clean(raw);
	size_t tl = t ? strlen(t) * 3 + 8 : 8;
	char *fit = malloc(tl);
	size_t k = strlen(out);
	if (!t || !fit) {
		free(t);
		free(fit);
		return;
	}
	int used = text_fit(t, w, true, fit, tl);
	int pad = w - used;
	if (right)
		for (; pad > 0 && k + 1 < cap; pad--)
			out[k++] = ' ';
	size_t fl = strlen(fit);
	if (k + fl < cap) {
		memcpy(out + k, fit, fl);
		k += fl;
	}
	for (; !right && pad > 0 && k + 1 < cap; pad--)
		out[k++] = ' ';
	out[k] = '\0';
	free(t);
	free(fit);
}

static int cell_width(const char *raw)
{
	char *t = doc_clean(raw);
	int w = t ? text_width(t) : 0;
	free(t);
	return w;
}

static int table_row(struct lines *L, const struct block *b, char *const *cells, const int *w,
                     char *buf, size_t cap)
{
	buf[0] = '\0';
	for (size_t c = 0; c < b->ncols; c++) {
		if (c)
			strcat(buf, "  ");
		cell_into(buf, cap, cells[c], w[c], b->aligns[c] == DOC_RIGHT);
	}
	return add(L, buf);
}

static int table(struct lines *L, const struct block *b)
{
	int w[DOC_MAX_COLS];
	size_t cap = 16;
	for (size_t c = 0; c < b->ncols; c++) {
		w[c] = cell_width(b->heads[c]);
		size_t most = strlen(b->heads[c]);
		for (size_t r = 0; r < b->nrows; r++) {
			int cw = cell_width(b->rows[r].cells[c]);
			w[c] = cw > w[c] ? cw : w[c];
			size_t len = strlen(b->rows[r].cells[c]);
			most = len > most ? len : most;
		}
		/* Invalid bytes become U+FFFD (3 bytes), "…" and padding. */
		cap += most * 3 + 8;
	}
	/* Narrow the widest column until the table fits (3 columns each at
	 * least, "ab…"); add() cuts what still does not. */
	for (;;) {
		int total = 2 * (int)(b->ncols - 1), widest = 0;
		for (size_t c = 0; c < b->ncols; c++) {
			total += w[c];
			if (w[c] > w[widest])
				widest = (int)c;
		}
		if (total <= L->width || w[widest] <= 3)
			break;
		w[widest]--;
	}
	for (size_t c = 0; c < b->ncols; c++)
		cap += (size_t)w[c] + 2;
	char *buf = malloc(cap);
	if (!buf)
		return EX_OSERR;
	int rc = table_row(L, b, b->heads, w, buf, cap);
	int all = 2 * (int)(b->ncols - 1);
	for (size_t c = 0; c < b->ncols; c++)
		all += w[c];
	if (!rc)
		rc = rule(L, "-", all);
	bool ruled = false;
	for (size_t r = 0; !rc && r < b->nrows; r++) {
		if (b->rows[r].total && !ruled && r > 0)
			rc = rule(L, "-", all);
		ruled = b->rows[r].total;
		if (!rc)
			rc = table_row(L, b, b->rows[r].cells, w, buf, cap);
	}
	free(buf);
	return rc;
}

/* The facts from blocks[i] on while they are facts: labels aligned. */
static int facts(struct lines *L, const struct block *bl, size_t n)
{
	int lw = 0;
	for (size_t i = 0; i < n; i++) {
		int w = cell_width(bl[i].label);
		lw = w > lw ? w : lw;
	}
	if (lw > L->width / 3)
		lw = L->width / 3;
	char *indent = malloc((size_t)lw + 3);
	if (!indent)
		return EX_OSERR;
	memset(indent, ' ', (size_t)lw + 2);
	indent[lw + 2] = '\0';
	int rc = 0;
	for (size_t i = 0; !rc && i < n; i++) {
		size_t cap = strlen(bl[i].label) * 3 + (size_t)lw + 16;
		char *first = malloc(cap);
		char *value = doc_clean(bl[i].text);
		if (!first || !value) {
			free(first);
			free(value);
			rc = EX_OSERR;
			break;
		}
		first[0] = '\0';
		cell_into(first, cap, bl[i].label, lw, false);
		strcat(first, "  ");
		rc = *value ? wrap(L, value, first, lw + 2, indent, lw + 2) : add(L, first);
		free(first);
		free(value);
	}
	free(indent);
	return rc;
}

static int heatmap(struct lines *L, const struct block *b)
{
	char buf[128];
	int cw = L->width >= 36 ? 5 : 3; /* "Likelihood" and five columns */
	int rc = add(L, "            Impact");
	if (!rc) {
		snprintf(buf, sizeof buf, "Likelihood%*d%*d%*d%*d%*d", cw, 1, cw, 2, cw, 3, cw, 4,
		         cw, 5);
		rc = add(L, buf);
	}
	for (int l = 5; !rc && l >= 1; l--) {
		int k = snprintf(buf, sizeof buf, "%10d", l);
		for (int i = 1; i <= 5 && k > 0 && (size_t)k < sizeof buf; i++) {
			int c = b->counts[l - 1][i - 1];
			if (c)
				k += snprintf(buf + k, sizeof buf - (size_t)k, "%*d", cw, c);
			else
				k += snprintf(buf + k, sizeof buf - (size_t)k, "%*s", cw, ".");
		}
		rc = add(L, buf);
	}
	if (!rc) {
		snprintf(buf, sizeof buf,
		         "Score (likelihood x impact): low 1-%d, medium %d-%d, high %d-%d, "
		         "critical %d-25.",
		         b->th.medium - 1, b->th.medium, b->th.high - 1, b->th.high,
		         b->th.critical - 1, b->th.critical);
		rc = wrap(L, buf, "", 0, "", 0);
	}
	return rc;
}

static int bars(struct lines *L, const struct block *b)
{
	static const char *const eighths[8] = { "", "▏", "▎", "▍", "▌", "▋", "▊", "▉" };
	char val[DOC_NUM_LEN];
	int lw = 0, vw = 0;
	long max = b->budget;
	for (size_t i = 0; i < b->nbars; i++) {
		int w = cell_width(b->labels[i]);
		lw = w > lw ? w : lw;
		duration_format(b->minutes[i], b->style, val, sizeof val);
		w = (int)strlen(val);
		vw = w > vw ? w : vw;
		max = b->minutes[i] > max ? b->minutes[i] : max;
	}
	if (lw > L->width / 3)
		lw = L->width / 3;
	int barw = L->width - lw - vw - 3;
	if (barw < 1)
		barw = 1;
	int rc = 0;
	for (size_t i = 0; !rc && i < b->nbars; i++) {
		size_t cap = strlen(b->labels[i]) * 3 + (size_t)lw + (size_t)barw * 3 + 64;
		char *buf = malloc(cap);
		if (!buf)
			return EX_OSERR;
		buf[0] = '\0';
		cell_into(buf, cap, b->labels[i], lw, false);
		strcat(buf, "  ");
		long long e = max > 0 ? ((long long)b->minutes[i] * barw * 8 + max / 2) / max : 0;
		if (e == 0 && b->minutes[i] > 0)
			e = 1;
		for (long long k = 0; k < e / 8; k++)
			strcat(buf, "█");
		strcat(buf, eighths[e % 8]);
		duration_format(b->minutes[i], b->style, val, sizeof val);
		strcat(buf, " ");
		strcat(buf, val);
		rc = add(L, buf);
		free(buf);
	}
	if (!rc && b->budget > 0) {
		duration_format(b->budget, b->style, val, sizeof val);
		char line[DOC_NUM_LEN + 16];
		snprintf(line, sizeof line, "Budget: %s.", val);
		rc = add(L, line);
	}
	return rc;
}

static bool grouped(enum block_kind k)
{
	return k == B_FACT || k == B_ITEM;
}

static int render(const struct doc *d, struct lines *L)
{
	int rc = heading(L, d->title, "=");
	for (size_t i = 0; !rc && i < d->n;) {
		const struct block *b = &d->blocks[i];
		if (b->kind == B_PAGE_BREAK) {
			i++;
			continue;
		}
		rc = add(L, "");
		if (rc)
			break;
		size_t j = i + 1;
		if (grouped(b->kind))
			while (j < d->n && d->blocks[j].kind == b->kind)
				j++;
		switch (b->kind) {
		case B_HEADING:
			rc = heading(L, b->text, b->level == 1 ? "=" : b->level == 2 ? "-" : "~");
			break;
		case B_PARA:
		case B_NOTE:
			rc = wrap_plain(L, b->text, "", "");
			break;
		case B_FACT:
			rc = facts(L, b, j - i);
			break;
		case B_ITEM:
			for (size_t k = i; !rc && k < j; k++)
				rc = wrap_plain(L, d->blocks[k].text, "- ", "  ");
			break;
		case B_TABLE:
			rc = table(L, b);
			break;
		case B_HEATMAP:
			rc = heatmap(L, b);
			break;
		case B_BARS:
			rc = bars(L, b);
			break;
		case B_PAGE_BREAK:
			break;
		}
		i = j;
	}
	return rc;
}

int doc_render_lines(const struct doc *d, int width, char ***lines, size_t *n)
{
	*lines = NULL;
	*n = 0;
	if (!d)
		return EX_SOFTWARE;
	struct lines L = { .cut = width <= 0 ? WIDTH_DEFAULT : width };
	L.width = L.cut < WIDTH_MIN ? WIDTH_MIN : L.cut;
	int rc = render(d, &L);
	if (rc) {
		lines_free(L.v, L.n);
		return rc;
	}
	*lines = L.v;
	*n = L.n;
	return 0;
}

int doc_render_text(const struct doc *d, int width, FILE *out)
{
	char **v;
	size_t n;
	int rc = doc_render_lines(d, width, &v, &n);
	for (size_t i = 0; !rc && i < n; i++)
		if (fputs(v[i], out) == EOF || fputc('\n', out) == EOF)
			rc = EX_IOERR;
	if (!rc && (fflush(out) == EOF || ferror(out)))
		rc = EX_IOERR;
	lines_free(v, n);
	return rc;
}

/*
 * svg.c: the heat map and the bars as inline SVG for the HTML document:
 * well-formed XML with a <title>, every number also written as text (a
 * PDF of the page holds them), colours from the document's style sheet
 * by class (fill attributes as the fallback).
 */
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "cxo/text.h"
#include "doc_impl.h"

int doc_put_xml(FILE *out, const char *raw)
{
	char *t = doc_clean(raw);
	if (!t)
		return EX_OSERR;
	int rc = 0;
	for (const char *p = t; !rc && *p; p++) {
		switch (*p) {
		case '&':
			rc = doc_put(out, "&amp;");
			break;
		case '<':
			rc = doc_put(out, "&lt;");
			break;
		case '>':
			rc = doc_put(out, "&gt;");
			break;
		case '"':
			rc = doc_put(out, "&quot;");
			break;
		case '\'':
			rc = doc_put(out, "&#39;");
			break;
		default:
			if (fputc(*p, out) == EOF)
				rc = EX_IOERR;
		}
	}
	free(t);
	return rc;
}

/* The fallback fills (light scheme) of the bands, by enum risk_level. */
static const char *const band_fill[RISK_LEVEL_COUNT] = { "#cfe8cf", "#fbe7a1", "#f6b77c",
	                                                 "#e9867f" };

#define HM_CELL 56
#define HM_LEFT 64
#define HM_TOP 12

int svg_heatmap(const struct block *b, FILE *out)
{
	int total = 0;
	for (int l = 0; l < 5; l++)
		for (int i = 0; i < 5; i++)
			total += b->counts[l][i];
	int w = HM_LEFT + 5 * HM_CELL + 8, h = HM_TOP + 5 * HM_CELL + 48;
	int rc = doc_printf(
	        out,
	        "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"heatmap\" "
	        "viewBox=\"0 0 %d %d\" width=\"%d\" height=\"%d\" role=\"img\">\n"
	        "<title>Risk heat map: %d open risk%s by likelihood and impact</title>\n",
	        w, h, w, h, total, total == 1 ? "" : "s");
	for (int l = 5; !rc && l >= 1; l--) {
		int y = HM_TOP + (5 - l) * HM_CELL;
		rc = doc_printf(
		        out,
		        "<text class=\"axis\" x=\"%d\" y=\"%d\" text-anchor=\"end\">%d</text>\n",
		        HM_LEFT - 8, y + HM_CELL / 2 + 5, l);
		for (int i = 1; !rc && i <= 5; i++) {
			int x = HM_LEFT + (i - 1) * HM_CELL, n = b->counts[l - 1][i - 1];
			enum risk_level lv = risk_level_of(risk_score(l, i), &b->th);
			rc = doc_printf(out,
			                "<rect class=\"band-%s\" x=\"%d\" y=\"%d\" width=\"%d\" "
			                "height=\"%d\" fill=\"%s\"/>\n"
			                "<text class=\"count%s\" x=\"%d\" y=\"%d\" "
			                "text-anchor=\"middle\">%d</text>\n",
			                risk_level_name(lv), x + 1, y + 1, HM_CELL - 2, HM_CELL - 2,
			                band_fill[lv], n ? "" : " zero", x + HM_CELL / 2,
			                y + HM_CELL / 2 + 6, n);
		}
	}
	int base = HM_TOP + 5 * HM_CELL;
	for (int i = 1; !rc && i <= 5; i++)
		rc = doc_printf(out,
		                "<text class=\"axis\" x=\"%d\" y=\"%d\" "
		                "text-anchor=\"middle\">%d</text>\n",
		                HM_LEFT + (i - 1) * HM_CELL + HM_CELL / 2, base + 18, i);
	if (!rc)
		rc = doc_printf(out,
		                "<text class=\"axis\" x=\"%d\" y=\"%d\" "
		                "text-anchor=\"middle\">Impact</text>\n"
		                "<text class=\"axis\" x=\"14\" y=\"%d\" text-anchor=\"middle\" "
		                "transform=\"rotate(-90 14 %d)\">Likelihood</text>\n</svg>\n",
		                HM_LEFT + 5 * HM_CELL / 2, base + 40, HM_TOP + 5 * HM_CELL / 2,
		                HM_TOP + 5 * HM_CELL / 2);
	return rc;
}

#define BAR_ROW 24
#define BAR_LABEL 180
#define BAR_AREA 380
#define BAR_W (BAR_LABEL + BAR_AREA + 100)
#define BAR_LABEL_CHARS 26

/* s cut to BAR_LABEL_CHARS columns for a bar's label. */
static int put_label(FILE *out, const char *raw)
{
	char *t = doc_clean(raw);
	if (!t)
		return EX_OSERR;
	size_t cap = strlen(t) * 3 + 8;
	char *fit = malloc(cap);
	int rc = EX_OSERR;
	if (fit) {
		text_fit(t, BAR_LABEL_CHARS, true, fit, cap);
		rc = doc_put_xml(out, fit);
	}
	free(fit);
	free(t);
	return rc;
}

int svg_bars(const struct block *b, FILE *out)
{
	long max = b->budget;
	for (size_t i = 0; i < b->nbars; i++)
		max = b->minutes[i] > max ? b->minutes[i] : max;
	int h = (int)b->nbars * BAR_ROW + (b->budget > 0 ? 30 : 8);
	int rc = doc_printf(out,
	                    "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"bars\" "
	                    "viewBox=\"0 0 %d %d\" width=\"%d\" height=\"%d\" role=\"img\">\n"
	                    "<title>Hours%s</title>\n",
	                    BAR_W, h, BAR_W, h, b->nbars ? "" : ": none");
	char val[DOC_NUM_LEN];
	for (size_t i = 0; !rc && i < b->nbars; i++) {
		int y = (int)i * BAR_ROW + 4;
		long len = max > 0 ? b->minutes[i] * BAR_AREA / max : 0;
		if (len == 0 && b->minutes[i] > 0)
			len = 1;
		duration_format(b->minutes[i], b->style, val, sizeof val);
		rc = doc_printf(out, "<text class=\"label\" x=\"%d\" y=\"%d\" text-anchor=\"end\">",
		                BAR_LABEL - 8, y + 14);
		if (!rc)
			rc = put_label(out, b->labels[i]);
		if (!rc)
			rc = doc_printf(
			        out,
			        "</text>\n<rect class=\"bar\" x=\"%d\" y=\"%d\" width=\"%ld\" "
			        "height=\"%d\" fill=\"#4a78b5\"/>\n"
			        "<text class=\"value\" x=\"%ld\" y=\"%d\">%s</text>\n",
			        BAR_LABEL, y, len, BAR_ROW - 8, BAR_LABEL + len + 6, y + 14, val);
	}
	if (!rc && b->budget > 0) {
		long x = BAR_LABEL + (max > 0 ? b->budget * BAR_AREA / max : 0);
		int bottom = (int)b->nbars * BAR_ROW + 4;
		duration_format(b->budget, b->style, val, sizeof val);
		rc = doc_printf(out,
		                "<line class=\"budget\" x1=\"%ld\" y1=\"0\" x2=\"%ld\" y2=\"%d\" "
		                "stroke=\"#b03a2e\" stroke-width=\"2\" stroke-dasharray=\"5 3\"/>\n"
		                "<text class=\"budget-label\" x=\"%ld\" y=\"%d\" "
		                "text-anchor=\"middle\">budget %s</text>\n",
		                x, x, bottom, x, bottom + 18, val);
	}
	return rc ? rc : doc_put(out, "</svg>\n");
}

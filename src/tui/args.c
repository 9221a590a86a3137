/*
 * args.c: the options of `cxo ui`, and the statistics the benchmark mode
 * reports.
 */
#include "cxo/tui.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "cxo/text.h"

#define BENCH_MAX 1000000

static bool parse_count(const char *text, int *out)
{
	long v;
	if (!text_to_long(text, 1, BENCH_MAX, &v))
		return false;
	*out = (int)v;
	return true;
}

int tui_parse_args(int argc, char **argv, struct ui_request *out, bool *help, char *err,
                   size_t errsz)
{
	memset(out, 0, sizeof *out);
	*help = false;
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		const char *val = NULL;
		size_t nlen = strcspn(a, "=");
		bool inline_val = a[nlen] == '=';

		if (!strncmp(a, "--bench-switch", nlen) && nlen == strlen("--bench-switch")) {
			val = inline_val ? a + nlen + 1 : (i + 1 < argc ? argv[++i] : NULL);
			if (!val) {
				snprintf(err, errsz, "--bench-switch needs a number of switches");
				return EX_USAGE;
			}
			if (!parse_count(val, &out->bench_switch)) {
				snprintf(
				        err, errsz,
				        "bad --bench-switch \"%s\" (expected a count from 1 to %d)",
				        val, BENCH_MAX);
				return EX_USAGE;
			}
		} else if (!strncmp(a, "--report", nlen) && nlen == strlen("--report")) {
			val = inline_val ? a + nlen + 1 : (i + 1 < argc ? argv[++i] : NULL);
			if (!val || !*val) {
				snprintf(err, errsz, "--report needs a file name");
				return EX_USAGE;
			}
			out->report = val;
		} else if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
			*help = true;
		} else if (!strcmp(a, "--list-keys")) {
			out->list_keys = true;
		} else {
			snprintf(err, errsz,
			         "unknown option \"%s\" for ui (expected --bench-switch N, "
			         "--report FILE or --list-keys)",
			         a);
			return EX_USAGE;
		}
	}
	if (out->bench_switch && !out->report) {
		snprintf(err, errsz, "--bench-switch needs --report FILE for its result");
		return EX_USAGE;
	}
	if (out->report && !out->bench_switch) {
		snprintf(err, errsz, "--report goes with --bench-switch N");
		return EX_USAGE;
	}
	return 0;
}

static int cmp_double(const void *pa, const void *pb)
{
	double a = *(const double *)pa, b = *(const double *)pb;
	return a < b ? -1 : a > b;
}

void bench_stats(double *ms, size_t n, double *median, double *p95)
{
	*median = *p95 = 0;
	if (n == 0)
		return;
	qsort(ms, n, sizeof *ms, cmp_double);
	*median = n % 2 ? ms[n / 2] : (ms[n / 2 - 1] + ms[n / 2]) / 2;
	/* Nearest rank: the smallest value with at least 95% at or below it. */
	size_t rank = (95 * n + 99) / 100;
	if (rank < 1)
		rank = 1;
	*p95 = ms[rank - 1];
}

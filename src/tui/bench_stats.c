/*
 * bench_stats.c: the statistics the benchmark mode reports (`cxo ui
 * --bench-switch N`, whose options the shell's command table reads).
 */
#include "bench_stats.h"

#include <stdio.h>
#include <stdlib.h>

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

/*
 * bench_stats.h: the statistics the benchmark mode reports (`cxo ui
 * --bench-switch N`).  Pure, unit-tested.
 */
#ifndef CXO_TUI_BENCH_STATS_H
#define CXO_TUI_BENCH_STATS_H

#include <stddef.h>

/* Median and 95th percentile (nearest rank) of ms[0..n); sorts ms. */
void bench_stats(double *ms, size_t n, double *median, double *p95);

#endif

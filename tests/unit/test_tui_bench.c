/*
 * test_tui_bench.c: the benchmark statistics.  The options of `cxo ui`
 * are the shell's command table's: tests/cli/t-ui.sh checks them.
 */
#include <criterion/criterion.h>

#include "tui/bench_stats.h"

Test(tui_bench, bench_stats)
{
	double ms[100];
	double median, p95;
	for (int i = 0; i < 100; i++)
		ms[i] = 100 - i; /* unsorted: 100 .. 1 */
	bench_stats(ms, 100, &median, &p95);
	cr_expect_float_eq(median, 50.5, 1e-9);
	cr_expect_float_eq(p95, 95.0, 1e-9);
	double one[] = { 3.25 };
	bench_stats(one, 1, &median, &p95);
	cr_expect_float_eq(median, 3.25, 1e-9);
	cr_expect_float_eq(p95, 3.25, 1e-9);
	double three[] = { 9, 1, 5 };
	bench_stats(three, 3, &median, &p95);
	cr_expect_float_eq(median, 5, 1e-9);
	cr_expect_float_eq(p95, 9, 1e-9);
	bench_stats(NULL, 0, &median, &p95);
	cr_expect_float_eq(median, 0, 1e-9);
}

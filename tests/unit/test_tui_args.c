/*
 * test_tui_args.c: the options of `cxo ui` and the benchmark statistics.
 */
#include <criterion/criterion.h>
#include <string.h>
#include <sysexits.h>

#include "cxo/tui.h"

#define ARGV(...) ((const char *[]){ "ui", __VA_ARGS__, NULL })

/* tui_parse_args takes argv as main() gets it, writable strings: it is
 * given copies of the literals, kept until the next parse (the options
 * point into them). */
static int parse(int argc, const char **args, struct tui_options *o, char *err)
{
	static char text[8][64];
	static char *argv[9];
	cr_assert_lt(argc, 9);
	for (int i = 0; i < argc; i++) {
		cr_assert_lt(strlen(args[i]), sizeof text[i]);
		strcpy(text[i], args[i]);
		argv[i] = text[i];
	}
	argv[argc] = NULL;
	return tui_parse_args(argc, argv, o, err, 256);
}

Test(tui_args, none_is_interactive)
{
	struct tui_options o;
	char err[256];
	const char *v[] = { "ui", NULL };
	cr_assert_eq(parse(1, v, &o, err), 0);
	cr_expect_eq(o.bench_switch, 0);
	cr_expect_null(o.report);
	cr_expect_not(o.list_keys);
}

Test(tui_args, bench_switch_and_report)
{
	struct tui_options o;
	char err[256];
	const char **v = ARGV("--bench-switch", "400", "--report", "/tmp/r.txt");
	cr_assert_eq(parse(5, v, &o, err), 0, "%s", err);
	cr_expect_eq(o.bench_switch, 400);
	cr_expect_str_eq(o.report, "/tmp/r.txt");
	const char **w = ARGV("--report=out", "--bench-switch=7");
	cr_assert_eq(parse(3, w, &o, err), 0, "%s", err);
	cr_expect_eq(o.bench_switch, 7);
	cr_expect_str_eq(o.report, "out");
}

Test(tui_args, bad_values_are_usage_errors)
{
	struct tui_options o;
	char err[256];
	const char **a = ARGV("--bench-switch", "0", "--report", "f");
	cr_expect_eq(parse(5, a, &o, err), EX_USAGE);
	cr_expect(strstr(err, "\"0\""), "%s", err);
	const char **b = ARGV("--bench-switch", "ten", "--report", "f");
	cr_expect_eq(parse(5, b, &o, err), EX_USAGE);
	const char **c = ARGV("--bench-switch", "5x", "--report", "f");
	cr_expect_eq(parse(5, c, &o, err), EX_USAGE);
	const char **d = ARGV("--bench-switch");
	cr_expect_eq(parse(2, d, &o, err), EX_USAGE);
	const char **e = ARGV("--bench-switch", "5");
	cr_expect_eq(parse(3, e, &o, err), EX_USAGE, "needs --report");
	cr_expect(strstr(err, "--report"), "%s", err);
	const char **f = ARGV("--report", "x");
	cr_expect_eq(parse(3, f, &o, err), EX_USAGE, "--report alone");
	const char **g = ARGV("--frobnicate");
	cr_expect_eq(parse(2, g, &o, err), EX_USAGE);
	cr_expect(strstr(err, "--frobnicate"), "%s", err);
	const char **h = ARGV("--bench-switch", "2000000", "--report", "f");
	cr_expect_eq(parse(5, h, &o, err), EX_USAGE);
	const char **i = ARGV("--report");
	cr_expect_eq(parse(2, i, &o, err), EX_USAGE);
}

Test(tui_args, list_keys_and_help)
{
	struct tui_options o;
	char err[256];
	const char **a = ARGV("--list-keys");
	cr_assert_eq(parse(2, a, &o, err), 0);
	cr_expect(o.list_keys);
	const char **b = ARGV("--help");
	cr_assert_eq(parse(2, b, &o, err), 0);
	cr_expect(o.help);
}

Test(tui_args, bench_stats)
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

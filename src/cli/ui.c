/*
 * ui.c: `cxo ui`, plain `cxo` on a terminal and `cxo --demo`: the
 * dashboard, which main() puts in app->dashboard, so that the shell never
 * includes its code.
 */
#include "internal.h"

#include <sysexits.h>

#include "cxo/text.h"

#define BENCH_MAX 1000000

static int ui_check(struct cli_call *c)
{
	const char *n = cli_text(c, "bench-switch"), *report = cli_text(c, "report");
	long v;
	if (n && !text_to_long(n, 1, BENCH_MAX, &v))
		return cli_usage(c, "bad --bench-switch \"%s\" (expected a count from 1 to %d)", n,
		                 BENCH_MAX);
	if (report && !*report)
		return cli_usage(c, "--report needs a file name");
	if (n && !report)
		return cli_usage(c, "--bench-switch needs --report FILE for its result");
	if (report && !n)
		return cli_usage(c, "--report goes with --bench-switch N");
	return 0;
}

static int ui_run(struct cli_call *c)
{
	struct ui_request r = { .demo = c->demo, .list_keys = cli_flag(c, "list-keys") };
	long n = 0;
	if (cli_flag(c, "bench-switch"))
		text_to_long(cli_text(c, "bench-switch"), 1, BENCH_MAX, &n);
	r.bench_switch = (int)n;
	r.report = cli_text(c, "report");
	if (!c->app->dashboard)
		return app_error(EX_UNAVAILABLE, "this cxo has no dashboard");
	return c->app->dashboard(c->app, &r);
}

static const struct cli_option ui_opts[] = {
	{ .name = "bench-switch",
	  .arg = "N",
	  .kind = VAL_NUMBER,
	  .lo = 1,
	  .hi = BENCH_MAX,
	  .flags = OPT_RAW,
	  .missing = "--bench-switch needs a number of switches",
	  .help = "time N client switches ..." },
	{ .name = "report",
	  .arg = "FILE",
	  .kind = VAL_FILE,
	  .missing = "--report needs a file name",
	  .help = "... and append the result to FILE" },
	{ .name = "list-keys", .help = "print the key table, KEY<TAB>HELP a line" },
	{ .name = NULL },
};

const struct cli_command cli_ui = {
	.name = "ui",
	.synopsis = "\n--bench-switch N --report FILE\n--list-keys",
	.summary = "the full-screen dashboard (also plain 'cxo' on a terminal)",
	.help = "  The full-screen dashboard; ? inside it lists the keys.  --bench-switch\n"
	        "  times N client switches and appends 'switch_ms n N median MS p95 MS' to\n"
	        "  FILE.  'cxo --demo' opens it on a throwaway copy of the sample portfolio.",
	.opts = ui_opts,
	.flags = CMD_LIST_OPTIONS,
	.check = ui_check,
	.run = ui_run,
};

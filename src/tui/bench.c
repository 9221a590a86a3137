/*
 * bench.c: `cxo ui --bench-switch N --report FILE`.  Switches client N
 * times, cycling through the tabs, each switch loading the client's
 * panels and drawing the whole frame to the terminal as a user would see
 * it; times each with CLOCK_MONOTONIC and appends
 *   first_frame_ms MS cols C lines L
 *   switch_ms n N median MS p95 MS min MS max MS mean MS
 * to FILE.
 */
#include "internal.h"

#include "bench_stats.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

int bench_run(struct tui *ui, const struct ui_request *o, double t0)
{
	int n = o->bench_switch;

	tui_load(ui);
	tui_draw(ui);
	double first = tui_now_ms() - t0;
	if (ui->clients.n == 0) {
		snprintf(ui->msg, sizeof ui->msg, "--bench-switch: no clients to switch between");
		return EX_DATAERR;
	}
	double *ms = calloc((size_t)n, sizeof *ms);
	if (!ms) {
		snprintf(ui->msg, sizeof ui->msg, "out of memory");
		return EX_OSERR;
	}
	int done = 0;
	for (; done < n && !tui_signalled; done++) {
		int next = ui->cur < 0 ? 0 : (int)(((size_t)ui->cur + 1) % ui->clients.n);
		double a = tui_now_ms();
		tui_select_client(ui, next);
		tui_load(ui);
		tui_draw(ui);
		ms[done] = tui_now_ms() - a;
	}
	double sum = 0, median, p95;
	for (int i = 0; i < done; i++)
		sum += ms[i];
	bench_stats(ms, (size_t)done, &median, &p95);

	int rc = 0;
	FILE *f = fopen(o->report, "a");
	if (!f) {
		snprintf(ui->msg, sizeof ui->msg, "--report: cannot open \"%s\" for appending",
		         o->report);
		rc = EX_CANTCREAT;
	} else {
		fprintf(f, "first_frame_ms %.3f cols %d lines %d\n", first, ui->lay.cols,
		        ui->lay.rows);
		fprintf(f, "switch_ms n %d median %.3f p95 %.3f min %.3f max %.3f mean %.3f\n",
		        done, median, p95, done ? ms[0] : 0.0, done ? ms[done - 1] : 0.0,
		        done ? sum / done : 0.0);
		if (ferror(f) | fclose(f)) {
			snprintf(ui->msg, sizeof ui->msg, "--report: cannot write \"%s\"",
			         o->report);
			rc = EX_IOERR;
		}
	}
	free(ms);
	return rc;
}

/*
 * sync.c: with sync_auto, the dashboard syncs when it starts and at each
 * refresh (r, Ctrl-L); what happened goes to the status bar, never to
 * the terminal under curses.
 */
#include "internal.h"

#include "cxo/sync.h"

void tui_sync_auto(struct tui *ui)
{
	struct sync_report r;
	bool ran = false;
	if (ui->read_only)
		return;
	int rc = app_sync_auto(ui->app, &r, &ran);
	if (rc)
		tui_error(ui, "sync: %s", r.error[0] ? r.error : "failed");
	else if (ran && r.warning_count)
		tui_error(ui, "sync: %s%s", r.warnings[0],
		          r.warning_count > 1 ? " (more: cxo sync)" : "");
	else if (ran && (r.applied || r.conflicts))
		tui_message(ui, "sync: sent %lld, applied %lld%s", r.sent, r.applied,
		            r.conflicts ? ", with conflicts (cxo sync --conflicts)" : "");
	if (ran)
		ui->reload = RELOAD_ALL;
	sync_report_free(&r);
}

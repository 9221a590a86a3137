/*
 * tui.h: the full-screen dashboard, as the rest of cxo sees it.
 *
 * `cxo` (no command), `cxo ui` and `cxo --demo` open it.  Everything else
 * about it (its state, its panels, its pure and unit-tested parts) is in
 * the headers of src/tui/; it reaches the database, the settings and the
 * client choice through the app layer (app.h), never through the shell's
 * code.
 */
#ifndef CXO_TUI_H
#define CXO_TUI_H

#include "cxo/app.h"

/*
 * Runs the dashboard as r asks (see struct ui_request in app.h): it needs
 * a terminal on stdin and stdout (EX_UNAVAILABLE otherwise), except to
 * list the keys.  Returns 0 or a sysexits.h code, having printed its own
 * message.  main() hands it to the shell as app->dashboard.
 */
int tui_run(struct cxo_app *app, const struct ui_request *r);

#endif

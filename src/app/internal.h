/*
 * internal.h: what the files of src/app share and no other layer sees.
 */
#ifndef CXO_APP_INTERNAL_H
#define CXO_APP_INTERNAL_H

#include "cxo/app.h"
#include "cxo/rules.h"

/* Replaces the database path (the demo's throwaway copy); closes any
 * open store.  0 or EX_OSERR. */
int app_set_db_path(struct cxo_app *app, const char *path, enum db_source source);
/* "cxo: clients: acme beta" (or how to add one) on stderr. */
void app_list_keys(struct cxo_app *app);

/* The first day after the due-soon window (today + DUE_SOON_DAYS), as
 * an ISO day for the store's range queries. */
void due_soon_end_iso(cxo_day today, char out[DAY_LEN]);

/* ---- notes.c ---- */

/* Tidies a note's text in place: CR LF and lone CRs become "\n", and
 * blank lines and spaces at both ends go; returns s. */
char *note_tidy(char *s);

/* ---- editor.c ---- */

/* The editor text is written in: $VISUAL, else $EDITOR, else vi. */
const char *app_editor(void);

#endif

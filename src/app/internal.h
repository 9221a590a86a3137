/*
 * internal.h: what the files of src/app share and no other layer sees.
 */
#ifndef CXO_APP_INTERNAL_H
#define CXO_APP_INTERNAL_H

#include "cxo/app.h"

/* app_open, saying "created database PATH" on stderr only when announce
 * is true (a throwaway demo database is not news). */
int app_open_store(struct cxo_app *app, enum store_mode mode, bool announce);

#endif

/*
 * archive.c: the cxo archive (cxo-json(5)) out and in.
 */
#include "internal.h"

#include <sysexits.h>

int cli_export_json(struct cli_call *c, const struct exchange_out *o)
{
	(void)o;
	return app_error(EX_UNAVAILABLE, "%s: the archive is not built yet", c->path);
}

int cli_import_json(struct cli_call *c, const char *file)
{
	(void)file;
	return app_error(EX_UNAVAILABLE, "%s: the archive is not built yet", c->path);
}

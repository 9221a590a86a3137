/*
 * timeimport.c: Harvest and Toggl Track time reports in.
 */
#include "internal.h"

#include <sysexits.h>

int cli_import_time(struct cli_call *c, const char *file, const char *service)
{
	(void)file;
	(void)service;
	return app_error(EX_UNAVAILABLE, "%s: time imports are not built yet", c->path);
}

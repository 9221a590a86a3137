/*
 * client_offboard.c: `cxo client export KEY --output FILE`: one client's
 * whole archive (cxo-json(5)), recorded as its last export.
 */
#include "internal.h"

#include <sysexits.h>

static int client_export(struct cli_call *c)
{
	struct client cl = { 0 };
	int rc = app_load_client(c->app, c->argv[0], &cl);
	if (rc)
		return rc;
	rc = cli_archive_out(c, &cl, cli_text(c, "output"), cli_flag(c, "force"));
	client_free(&cl);
	return rc;
}

static int client_export_check(struct cli_call *c)
{
	if (!cli_text(c, "output"))
		return cli_usage(c,
		                 "--output FILE is needed (the client's archive goes into a file)");
	return 0;
}

static const struct cli_option client_export_opts[] = {
	{ .name = "output",
	  .letter = 'o',
	  .arg = "FILE",
	  .kind = VAL_FILE,
	  .help = "write into FILE (never over an existing one)" },
	{ .name = "force", .help = "replace an existing FILE" },
	{ .name = NULL },
};

const struct cli_command cli_client_export = {
	.name = "export",
	.synopsis = "KEY --output FILE [--force]",
	.summary = "the client's whole archive (cxo-json(5)) into FILE",
	.help = "Everything kept about the client, as `cxo export -C KEY` writes it\n"
	        "(cxo-json(5)); recorded as the client's last export.",
	.opts = client_export_opts,
	.operands = "KEY",
	.flags = CMD_READ,
	.check = client_export_check,
	.run = client_export,
};

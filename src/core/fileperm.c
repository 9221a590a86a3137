/*
 * fileperm.c: judging a file's type, owner and mode before trusting it.
 */
#include "cxo/fileperm.h"

#include <stdio.h>

bool fileperm_ok(const char *path, const struct stat *sb, enum fileperm_rule rule, unsigned euid,
                 char *msg, size_t msgsz)
{
	unsigned mode = (unsigned)sb->st_mode & 07777;
	unsigned owner = (unsigned)sb->st_uid;
	bool priv = rule == FILEPERM_PRIVATE;

	if (msgsz)
		msg[0] = '\0';
	if (S_ISLNK(sb->st_mode)) {
		snprintf(msg, msgsz,
		         "\"%s\" is a symbolic link (cxo does not follow one here: give the "
		         "path of the file itself, or remove the link)",
		         path);
		return false;
	}
	if (!S_ISREG(sb->st_mode)) {
		snprintf(msg, msgsz, "\"%s\" is not a regular file (expected a file of your own)",
		         path);
		return false;
	}
	if (owner != euid && (priv || owner != 0)) {
		snprintf(msg, msgsz,
		         "\"%s\" belongs to another user (uid %u, mode %04o; you are uid %u): "
		         "remove it, or keep the file in a directory of your own",
		         path, owner, mode, euid);
		return false;
	}
	if (priv && (mode & 077)) {
		snprintf(msg, msgsz,
		         "\"%s\" is mode %04o, open to other users (expected 0600): chmod 600 %s",
		         path, mode, path);
		return false;
	}
	if (!priv && (mode & 022)) {
		snprintf(msg, msgsz,
		         "\"%s\" is mode %04o, writable by other users (expected 0644 or "
		         "tighter): chmod go-w %s",
		         path, mode, path);
		return false;
	}
	return true;
}

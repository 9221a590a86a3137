/*
 * fileperm.h: whether a file may be trusted with the user's data or
 * settings: a regular file of the user's own that other users cannot
 * change (or, for the database, read).
 */
#ifndef CXO_FILEPERM_H
#define CXO_FILEPERM_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/stat.h>

enum fileperm_rule {
	/* The database and its -wal and -shm: the user's own, no
	 * permission at all for group or others, never a symbolic link. */
	FILEPERM_PRIVATE,
	/* Settings (configuration, themes, .cxo-client): the user's or
	 * root's, not writable by group or others. */
	FILEPERM_TRUSTED,
};

/*
 * True when the file that sb describes (from lstat for FILEPERM_PRIVATE,
 * where a link is refused; from stat or fstat for FILEPERM_TRUSTED)
 * passes rule for the user euid.  Otherwise msg (msgsz bytes) says what is
 * wrong with path, its owner and mode, and the fix: "\"P\" is mode 0644,
 * open to other users (expected 0600): chmod 600 P".
 */
bool fileperm_ok(const char *path, const struct stat *sb, enum fileperm_rule rule, unsigned euid,
                 char *msg, size_t msgsz);

#endif

/*
 * archive_in.h: what archive_in.c (reading an archive, field by field)
 * and archive_check.c (checking it across items) share.
 */
#ifndef CXO_REPORT_ARCHIVE_IN_H
#define CXO_REPORT_ARCHIVE_IN_H

#include <jansson.h>
#include <stddef.h>

#include "cxo/store.h"

struct archive {
	json_t *root;
	struct store_arc_client *clients;
	size_t n;
};

/* Where an item is, for messages. */
struct place {
	size_t client;
	enum store_arc_kind kind;
	size_t row;
};

struct loader {
	char name[256]; /* the file, sanitised */
	char *err;
	size_t errsz;
	struct archive *a;
	long long version; /* the archive's */
};

/* Formats the message into ld->err, naming the file; EX_DATAERR. */
int arc_fail(struct loader *ld, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* "clients[2] (acme) mandates[3]": the item at p, for messages. */
void arc_where(const struct loader *ld, struct place p, char *buf, size_t n);
/* Every check across items: keys, links, ids used twice (archive_check.c). */
int arc_check(struct loader *ld);

#endif

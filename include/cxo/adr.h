/*
 * adr.h: a decision record as Markdown, the form it is shown, edited and
 * read in:
 *
 *	# Move the ERP to the cloud
 *
 *	Status: decided
 *	Date: 2026-11-18
 *	Decided by: Dana (CEO)
 *	Consulted: finance, IT
 *	Review: 2027-05-18
 *
 *	## Context
 *	...
 *	## Options considered
 *	...
 *	## Decision
 *	...
 *	## Consequences
 *	...
 *
 * Reading it back: the title is the first line, "# " and the title; the
 * metadata lines ("Key: value", keys in any case) come before the first
 * "## " heading, an empty value clearing the field; the four sections
 * are found by their headings in any case ("Options" and "Options
 * considered" alike), each taking the text up to the next one.  A
 * heading it does not know stays, heading and all, in the text of the
 * section before (the context when none came before), so nothing written
 * is lost; a section given twice gets both texts.  HTML comments
 * (<!-- ... -->, the template's guidance) are dropped.  Lines cxo writes
 * about a decision's links ("Superseded by:", "Mandates:", "Risks:",
 * "Vendors:") are read and ignored: links are changed by their options.
 *
 * Written the other way, a line of a section that would read back as one
 * of the four headings is written "\## ...", and "<!--" as "<\!--"
 * (Markdown's escapes), so that format, parse and format again give the
 * same text.
 *
 * Pure text: nothing here reads the store or prints.
 */
#ifndef CXO_ADR_H
#define CXO_ADR_H

#include <stddef.h>

#include "cxo/decision.h"

/* A line of metadata shown but not read back ("Superseded by", "...").
 * value NULL or "" leaves the line out. */
struct adr_line {
	const char *key;
	const char *value;
};

/* d as Markdown, the extra lines (n of them, may be 0) after Review:;
 * the caller frees it.  NULL when out of memory. */
char *adr_format(const struct decision *d, const struct adr_line *extra, size_t n);

/* The file a new decision is written in: the same form, filled with what
 * d holds (a title, a status, a day ...), with guidance in HTML comments.
 * NULL when out of memory. */
char *adr_template(const struct decision *d);

/*
 * Reads text into d: the title, status, day, decided_by, consulted,
 * review and the four texts; a metadata line left out leaves its field
 * as it was (a new decision's defaults), other fields are not touched.
 * 0; EX_DATAERR with the message in err naming the line ("line 4: bad
 * Date "2026-02-30": expected a day as YYYY-MM-DD"), d then as it was;
 * EX_OSERR when out of memory.
 */
int adr_parse(const char *text, struct decision *d, char *err, size_t errsz);

#endif

/*
 * timeimport.h: Harvest and Toggl Track detailed time reports (CSV) read
 * into rows for `cxo import --from harvest|toggl`.
 *
 * The whole file is read and checked before anything is written: a
 * malformed record, a bad date or duration, a missing column stops the
 * read with FILE:LINE and the column named.  Columns are found by their
 * header's name (any case, spaces around ignored), never by position.
 */
#ifndef CXO_TIMEIMPORT_H
#define CXO_TIMEIMPORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "cxo/date.h"

enum timeimport_service { TIMEIMPORT_HARVEST, TIMEIMPORT_TOGGL };

/* The longest source key, with its NUL. */
#define TIMEIMPORT_KEY_LEN 48

/* One row of the report. */
struct timeimport_row {
	uint32_t line;    /* the physical line (from 1) the record starts on */
	uint32_t client;  /* index into the file's clients */
	uint32_t person;  /* ... people */
	uint32_t project; /* ... projects; 0 is the empty title (no project) */
	cxo_day day;
	int minutes;           /* 0: under half a minute (Toggl) or zero hours: skipped */
	bool billable;         /* true when the file has no billable column */
	size_t note;           /* offset of the note (Notes or Description, " — Task") in text */
	char start[9], end[9]; /* HH:MM or HH:MM:SS, or "" */
	char key[TIMEIMPORT_KEY_LEN]; /* identity: a hash of the row and its occurrence */
};

/* A distinct client name, project title or person, and how many rows
 * name it. */
struct timeimport_name {
	char *text;  /* the name as written ("" when the cell was empty) */
	char *email; /* people: the email ("" when none); others "" */
	size_t rows;
};

struct timeimport_names {
	struct timeimport_name *items;
	size_t n, cap;
	uint32_t *slots; /* open-addressed index of items + 1 (0 empty) */
	size_t nslots;
};

struct timeimport_file {
	enum timeimport_service service;
	struct timeimport_row *rows;
	size_t n, cap;
	char *text; /* the notes, each NUL-terminated */
	size_t text_len, text_cap;
	struct timeimport_names clients, people, projects;
};

/* "harvest" or "toggl". */
const char *timeimport_service_name(enum timeimport_service s);

/* Reads the CSV file at path (shown in messages as given) into *out,
 * which the caller frees with timeimport_file_free whatever the result.
 * rounded: Harvest's Hours Rounded instead of Hours.  0, or EX_NOINPUT
 * (cannot open), EX_IOERR, EX_DATAERR (the file, line and column named
 * in err), EX_OSERR (out of memory). */
int timeimport_read(const char *path, enum timeimport_service service, bool rounded,
                    struct timeimport_file *out, char *err, size_t errsz);
void timeimport_file_free(struct timeimport_file *f);

#endif

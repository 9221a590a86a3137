/*
 * archive_out.c: the cxo archive written out (cxo-json(5)).  The store
 * hands over one row at a time; each becomes one line of JSON, so the
 * memory an export takes does not grow with the portfolio, and the same
 * content always gives the same bytes (no date of export in it).
 */
#include "internal.h"

#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "cxo/archive.h"
#include "cxo/text.h"

struct writer {
	FILE *out;
	struct archive_ids *ids;
	size_t clients; /* written so far */
	size_t rows;    /* of the current kind, for the current client */
	char key[KEY_LEN];
	size_t repaired;     /* strings not UTF-8, written with U+FFFD ... */
	char first_bad[160]; /* ... the first of them */
	char *err;
	size_t errsz;
};

static int fail(struct writer *w, int code, const char *fmt, ...)
        __attribute__((format(printf, 3, 4)));
static int fail(struct writer *w, int code, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(w->err, w->errsz, fmt, ap);
	va_end(ap);
	return code;
}

static int put(struct writer *w, const char *s)
{
	if (fputs(s, w->out) == EOF)
		return fail(w, EX_IOERR, "cannot write the archive: %s", strerror(errno));
	return 0;
}

/* The row as an object, its fields in the kind's order. */
static int row_object(struct writer *w, enum store_arc_kind kind, const struct store_arc_value *row,
                      json_t **out)
{
	const struct store_arc_info *k = &store_arc_kinds[kind];
	json_t *o = json_object();
	for (size_t j = 0; o && j < k->n; j++) {
		const struct store_arc_field *f = &k->fields[j];
		json_t *v = row[j].null           ? json_null()
		            : f->type == ARC_INT  ? json_integer(row[j].i)
		            : f->type == ARC_BOOL ? json_boolean(row[j].i)
		                                  : json_string(row[j].s);
		if (!v && !row[j].null && f->type != ARC_INT && f->type != ARC_BOOL &&
		    !text_utf8_valid(row[j].s)) {
			/* Bytes that are not UTF-8 (a shell argument in another
			 * encoding) are taken out all the same, as U+FFFD: the
			 * first is said, the rest counted. */
			char *fixed = text_utf8_repair(row[j].s);
			v = fixed ? json_string(fixed) : NULL;
			free(fixed);
			if (v && !w->repaired++)
				snprintf(w->first_bad, sizeof w->first_bad,
				         "client %s: the %s of %s %s", w->key, f->name,
				         strchr("aeiou", k->item[0]) ? "an" : "a", k->item);
		}
		if (!v) {
			json_decref(o);
			return fail(w, EX_OSERR, "out of memory writing the archive");
		}
		if (json_object_set_new(o, f->name, v)) {
			json_decref(o);
			o = NULL;
		}
	}
	if (!o)
		return fail(w, EX_OSERR, "out of memory writing the archive");
	*out = o;
	return 0;
}

static int dump(struct writer *w, json_t *o)
{
	int rc = json_dumpf(o, w->out, JSON_PRESERVE_ORDER);
	json_decref(o);
	if (rc)
		return fail(w, EX_IOERR, "cannot write the archive: %s",
		            strerror(errno ? errno : EIO));
	return 0;
}

static int add_id(struct writer *w, const char *id)
{
	struct archive_ids *ids = w->ids;
	if (!ids)
		return 0;
	void *grown = realloc(ids->ids, (ids->n + 1) * sizeof *ids->ids);
	if (!grown)
		return fail(w, EX_OSERR, "out of memory writing the archive");
	ids->ids = grown;
	snprintf(ids->ids[ids->n++], UUID_LEN, "%s", id);
	return 0;
}

/* A client opens with its own fields, on one line, its brace left open. */
static int client_row(struct writer *w, const struct store_arc_value *row)
{
	json_t *o;
	snprintf(w->key, sizeof w->key, "%s", row[1].s);
	int rc = row_object(w, ARC_CLIENT, row, &o);
	if (rc || (rc = add_id(w, row[0].s)))
		return rc;
	char *text = json_dumps(o, JSON_PRESERVE_ORDER);
	json_decref(o);
	if (!text)
		return fail(w, EX_OSERR, "out of memory writing the archive");
	text[strlen(text) - 1] = '\0'; /* the closing brace comes after its items */
	rc = put(w, w->clients++ ? ",\n" : "\n");
	if (!rc)
		rc = put(w, text);
	free(text);
	return rc ? rc : put(w, ",\n");
}

static int on_row(void *arg, enum store_arc_kind kind, const struct store_arc_value *row)
{
	struct writer *w = arg;
	const struct store_arc_info *k = &store_arc_kinds[kind];
	char head[64];
	int rc;
	json_t *o;
	if (kind == ARC_CLIENT)
		return client_row(w, row);
	if (k->single) {
		snprintf(head, sizeof head, " \"%s\": ", k->name);
		if ((rc = put(w, head)))
			return rc;
		if (!row)
			rc = put(w, "null");
		else if (!(rc = row_object(w, kind, row, &o)))
			rc = dump(w, o);
		return rc ? rc : put(w, ",\n");
	}
	if (!row) {
		if (!w->rows)
			snprintf(head, sizeof head, " \"%s\": []", k->name);
		else
			snprintf(head, sizeof head, "\n ]");
		w->rows = 0;
		if ((rc = put(w, head)))
			return rc;
		return put(w, kind == ARC_KIND_COUNT - 1 ? "}" : ",\n");
	}
	if (w->rows++)
		rc = put(w, ",\n  ");
	else {
		snprintf(head, sizeof head, " \"%s\": [\n  ", k->name);
		rc = put(w, head);
	}
	if (rc || (rc = row_object(w, kind, row, &o)))
		return rc;
	return dump(w, o);
}

int archive_write(struct store *st, const char *client_id, FILE *out, struct archive_ids *ids,
                  char *err, size_t errsz)
{
	struct writer w = { .out = out, .ids = ids, .err = err, .errsz = errsz };
	err[0] = '\0';
	char head[64];
	snprintf(head, sizeof head, "{\"format\": \"%s\", \"version\": %d, \"clients\": [",
	         ARCHIVE_FORMAT, ARCHIVE_VERSION);
	int rc = put(&w, head);
	if (!rc && (rc = store_arc_read(st, client_id, on_row, &w)) && !*err)
		snprintf(err, errsz, "%s", store_error(st));
	if (!rc)
		rc = put(&w, w.clients ? "\n]}\n" : "]}\n");
	if (!rc && ferror(out))
		rc = fail(&w, EX_IOERR, "cannot write the archive");
	if (!rc && w.repaired == 1)
		snprintf(err, errsz, "%s is not UTF-8: each bad byte sequence is written as U+FFFD",
		         w.first_bad);
	else if (!rc && w.repaired)
		snprintf(err, errsz,
		         "%s and %zu other text%s are not UTF-8: each bad byte sequence is written "
		         "as U+FFFD",
		         w.first_bad, w.repaired - 1, w.repaired > 2 ? "s" : "");
	return rc;
}

void archive_ids_free(struct archive_ids *ids)
{
	if (!ids)
		return;
	free(ids->ids);
	ids->ids = NULL;
	ids->n = 0;
}

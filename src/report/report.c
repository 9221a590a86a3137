/*
 * report.c: the dispatcher: a request becomes a document (text, Markdown,
 * HTML), a JSON object or CSV rows through its kind's operations, for one
 * client or a section per client; and the writing of it to a file, whole
 * or not at all.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sysexits.h>
#include <unistd.h>

#include "cxo/text.h"
#include "internal.h"

static const char *const kind_names[REPORT_KIND_COUNT] = { "brief", "hours", "risks", "board",
	                                                   "week" };
static const char *const format_names[] = { "text", "md", "html", "json", "csv" };
static const char *const format_exts[] = { "txt", "md", "html", "json", "csv" };

const char *report_kind_name(enum report_kind k)
{
	return (unsigned)k < REPORT_KIND_COUNT ? kind_names[k] : "?";
}

bool report_format_parse(const char *word, enum report_format *out)
{
	for (size_t i = 0; word && i < sizeof format_names / sizeof *format_names; i++)
		if (strcmp(word, format_names[i]) == 0) {
			*out = (enum report_format)i;
			return true;
		}
	return false;
}

const char *report_format_ext(enum report_format f)
{
	return (unsigned)f < sizeof format_exts / sizeof *format_exts ? format_exts[f] : "txt";
}

__attribute__((format(printf, 4, 5))) static int fail(char *err, size_t n, int code,
                                                      const char *fmt, ...)
{
	if (err && n) {
		va_list ap;
		va_start(ap, fmt);
		vsnprintf(err, n, fmt, ap);
		va_end(ap);
	}
	return code;
}

/* "Hours statement: Acme, November 2026" (the brief has no period). */
static void make_title(const struct report_request *r, const struct report_ops *ops, char *buf,
                       size_t n)
{
	const char *who = r->all_clients ? "all clients" : r->client->name;
	char period[64] = "";
	if (r->kind != REPORT_BRIEF && r->whole_month) {
		char m[32];
		if (date_format(r->from, "%B %Y", m, sizeof m))
			snprintf(period, sizeof period, ", %s", m);
	} else if (r->kind != REPORT_BRIEF) {
		char a[DATE_ISO_LEN], b[DATE_ISO_LEN];
		date_format_iso(r->from, a);
		date_format_iso(r->to - 1, b);
		snprintf(period, sizeof period, ", %s to %s", a, b);
	}
	snprintf(buf, n, "%s: %s%s", ops->title ? ops->title : report_kind_name(r->kind),
	         who ? who : "", period);
}

/* The formats ops has, for a message: "md, html, text". */
static void formats_of(const struct report_ops *ops, char *buf, size_t n)
{
	snprintf(buf, n, "%s%s%s", ops->doc ? "text, md, html" : "",
	         ops->json ? (ops->doc ? ", json" : "json") : "",
	         ops->csv ? (ops->doc || ops->json ? ", csv" : "csv") : "");
}

/* The request is one the dispatcher can serve. */
static int check_request(const struct report_request *r, const struct report_ops *ops, char *err,
                         size_t n)
{
	if (!r || !r->cfg || (!r->all_clients && !r->client))
		return fail(err, n, EX_SOFTWARE, "a report needs a client and a configuration");
	if (!ops)
		return fail(err, n, EX_SOFTWARE, "this cxo cannot write the %s report",
		            report_kind_name(r ? r->kind : REPORT_KIND_COUNT));
	bool has;
	switch (r->format) {
	case REPORT_TEXT:
	case REPORT_MD:
	case REPORT_HTML:
		has = ops->doc != NULL;
		break;
	case REPORT_JSON:
		has = ops->json != NULL;
		break;
	case REPORT_CSV:
		has = ops->csv != NULL;
		break;
	default:
		has = false;
	}
	if (!has) {
		char fm[64];
		formats_of(ops, fm, sizeof fm);
		return fail(err, n, EX_USAGE, "the %s report has no %s format (it has %s)",
		            report_kind_name(r->kind), report_format_ext(r->format), fm);
	}
	return 0;
}

/* The clients a request covers: its one client, or the active and paused
 * ones in tab order (list filled; free it with client_list_free). */
static int clients_of(struct store *st, const struct report_request *r, struct client_list *list,
                      const struct client **v, size_t *nv, char *err, size_t n)
{
	memset(list, 0, sizeof *list);
	if (!r->all_clients) {
		*v = r->client;
		*nv = 1;
		return 0;
	}
	int rc = store_client_list(st, false, list);
	if (rc)
		return fail(err, n, rc, "%s", store_error(st));
	*v = list->items;
	*nv = list->n;
	return 0;
}

/* The document of the request, built by ops->doc for each client. */
static int build_doc(struct store *st, const struct report_request *r, const struct report_ops *ops,
                     struct doc **out, char *err, size_t n)
{
	char title[600];
	make_title(r, ops, title, sizeof title);
	struct doc *d = doc_new(title);
	if (!d)
		return fail(err, n, EX_OSERR, "out of memory");
	struct client_list list;
	const struct client *v;
	size_t nv;
	int rc = clients_of(st, r, &list, &v, &nv, err, n);
	if (!rc && r->all_clients && nv == 0 && doc_para(d, "No active or paused clients."))
		rc = fail(err, n, EX_OSERR, "out of memory");
	for (size_t i = 0; !rc && i < nv; i++) {
		/* On paper each client starts a page. */
		if (r->all_clients &&
		    ((i > 0 && doc_page_break(d)) || doc_heading(d, 1, v[i].name))) {
			rc = fail(err, n, EX_OSERR, "out of memory");
			break;
		}
		rc = ops->doc(st, r, &v[i], d, err, n);
	}
	client_list_free(&list);
	if (rc) {
		doc_free(d);
		return rc;
	}
	*out = d;
	return 0;
}

static json_t *build_json(struct store *st, const struct report_request *r,
                          const struct report_ops *ops, int *rc, char *err, size_t n)
{
	json_t *root = json_object();
	if (!root || json_object_set_new(root, "format", json_string("cxo-report")) ||
	    json_object_set_new(root, "kind", json_string(report_kind_name(r->kind)))) {
		json_decref(root);
		*rc = fail(err, n, EX_OSERR, "out of memory");
		return NULL;
	}
	struct client_list list;
	const struct client *v;
	size_t nv;
	*rc = clients_of(st, r, &list, &v, &nv, err, n);
	json_t *arr = NULL;
	if (!*rc && r->all_clients) {
		arr = json_array();
		if (!arr || json_object_set_new(root, "clients", arr))
			*rc = fail(err, n, EX_OSERR, "out of memory");
	}
	for (size_t i = 0; !*rc && i < nv; i++) {
		json_t *obj = NULL;
		*rc = ops->json(st, r, &v[i], &obj, err, n);
		if (!*rc && !obj)
			*rc = fail(err, n, EX_SOFTWARE, "the %s report made no JSON",
			           report_kind_name(r->kind));
		if (*rc) {
			json_decref(obj);
			break;
		}
		if (arr ? json_array_append_new(arr, obj) : json_object_update(root, obj))
			*rc = fail(err, n, EX_OSERR, "out of memory");
		if (!arr)
			json_decref(obj);
	}
	client_list_free(&list);
	if (*rc) {
		json_decref(root);
		return NULL;
	}
	return root;
}

json_t *report_json_text(const char *s)
{
	return s && *s ? json_string(s) : json_null();
}

static int put_json(json_t *v, FILE *out, char *err, size_t n)
{
	char *raw = json_dumps(v, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	char *text = raw ? text_json_escape(raw) : NULL;
	free(raw);
	if (!text)
		return fail(err, n, EX_OSERR, "out of memory");
	int rc = fputs(text, out) == EOF || fputc('\n', out) == EOF ? EX_IOERR : 0;
	free(text);
	return rc;
}

static int write_csv(struct store *st, const struct report_request *r, const struct report_ops *ops,
                     FILE *out, char *err, size_t n)
{
	struct client_list list;
	const struct client *v;
	size_t nv;
	int rc = clients_of(st, r, &list, &v, &nv, err, n);
	for (size_t i = 0; !rc && i < nv; i++)
		rc = ops->csv(st, r, &v[i], i == 0, out, err, n);
	client_list_free(&list);
	return rc;
}

int report_write_ops(struct store *st, const struct report_request *r, const struct report_ops *ops,
                     FILE *out, char *err, size_t n)
{
	int rc = check_request(r, ops, err, n);
	if (rc)
		return rc;
	if (r->format == REPORT_JSON) {
		json_t *v = build_json(st, r, ops, &rc, err, n);
		if (!v)
			return rc;
		rc = put_json(v, out, err, n);
		json_decref(v);
	} else if (r->format == REPORT_CSV) {
		rc = write_csv(st, r, ops, out, err, n);
	} else {
		/* Built whole before a byte is written: a failure writes nothing. */
		struct doc *d;
		rc = build_doc(st, r, ops, &d, err, n);
		if (rc)
			return rc;
		rc = r->format == REPORT_MD     ? doc_render_md(d, out)
		     : r->format == REPORT_HTML ? doc_render_html(d, out)
		                                : doc_render_text(d, r->width, out);
		doc_free(d);
		if (rc == EX_OSERR)
			return fail(err, n, rc, "out of memory");
	}
	if (!rc && (fflush(out) == EOF || ferror(out)))
		rc = EX_IOERR;
	if (rc == EX_IOERR)
		return fail(err, n, rc, "cannot write the %s report: %s", report_kind_name(r->kind),
		            strerror(errno ? errno : EIO));
	return rc;
}

int report_write(struct store *st, const struct report_request *r, FILE *out, char *err,
                 size_t errsz)
{
	return report_write_ops(st, r, r ? report_ops_of(r->kind) : NULL, out, err, errsz);
}

int report_lines_ops(struct store *st, const struct report_request *r, const struct report_ops *ops,
                     char ***lines, size_t *n, char *err, size_t errsz)
{
	*lines = NULL;
	*n = 0;
	struct report_request text = r ? *r : (struct report_request){ 0 };
	text.format = REPORT_TEXT;
	int rc = check_request(r ? &text : NULL, ops, err, errsz);
	struct doc *d;
	if (!rc)
		rc = build_doc(st, &text, ops, &d, err, errsz);
	if (rc)
		return rc;
	rc = doc_render_lines(d, text.width, lines, n);
	doc_free(d);
	return rc ? fail(err, errsz, rc, "out of memory") : 0;
}

int report_lines(struct store *st, const struct report_request *r, char ***lines, size_t *n,
                 char *err, size_t errsz)
{
	return report_lines_ops(st, r, r ? report_ops_of(r->kind) : NULL, lines, n, err, errsz);
}

/* ---- into a file ---- */

/* The directory of path ("." for a bare name) into dir. */
static bool dir_of(const char *path, char *dir, size_t n)
{
	const char *slash = strrchr(path, '/');
	if (!slash)
		return snprintf(dir, n, ".") < (int)n;
	size_t len = slash == path ? 1 : (size_t)(slash - path);
	if (len >= n)
		return false;
	memcpy(dir, path, len);
	dir[len] = '\0';
	return true;
}

int report_file_whole(const char *path, bool force, report_writer_fn *write, void *arg, char *err,
                      size_t n)
{
	char dir[4096], tmp[4200], q[256];
	text_sanitize_into(path ? path : "", q, sizeof q);
	const char *base = path ? strrchr(path, '/') : NULL;
	base = base ? base + 1 : path;
	if (!path || !*base || !dir_of(path, dir, sizeof dir) ||
	    snprintf(tmp, sizeof tmp, "%s/.%s.XXXXXX", dir, base) >= (int)sizeof tmp)
		return fail(err, n, EX_USAGE, "bad output file \"%s\" (expected a file name)", q);
	struct stat sb;
	if (!force && lstat(path, &sb) == 0)
		return fail(err, n, EX_CANTCREAT, "\"%s\" already exists (--force replaces it)", q);
	int fd = mkstemp(tmp);
	if (fd < 0)
		return fail(err, n, EX_CANTCREAT, "cannot create \"%s\": %s", q, strerror(errno));
	FILE *f = fchmod(fd, 0600) == 0 ? fdopen(fd, "w") : NULL;
	int rc;
	if (!f) {
		rc = fail(err, n, EX_CANTCREAT, "cannot create \"%s\": %s", q, strerror(errno));
		close(fd);
		unlink(tmp);
		return rc;
	}
	errno = 0;
	rc = write(f, arg, err, n);
	if (rc == EX_IOERR) /* name the file rather than what was written */
		fail(err, n, rc, "cannot write \"%s\": %s", q, strerror(errno ? errno : EIO));
	if (!rc && (fflush(f) == EOF || fsync(fileno(f)) != 0))
		rc = fail(err, n, EX_IOERR, "cannot write \"%s\": %s", q, strerror(errno));
	if (fclose(f) == EOF && !rc)
		rc = fail(err, n, EX_IOERR, "cannot write \"%s\": %s", q, strerror(errno));
	if (!rc && !force && link(tmp, path) != 0)
		rc = errno == EEXIST ? fail(err, n, EX_CANTCREAT,
		                            "\"%s\" already exists (--force replaces it)", q)
		                     : fail(err, n, EX_CANTCREAT, "cannot create \"%s\": %s", q,
		                            strerror(errno));
	if (!rc && force && rename(tmp, path) != 0)
		rc = fail(err, n, EX_CANTCREAT, "cannot replace \"%s\": %s", q, strerror(errno));
	if (rc || !force)
		unlink(tmp);
	if (!rc) {
		/* The new name lasts as the file does. */
		int dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
		if (dfd >= 0) {
			(void)fsync(dfd);
			close(dfd);
		}
	}
	return rc;
}

struct doc_job {
	struct store *st;
	const struct report_request *r;
	const struct report_ops *ops;
};

static int write_doc_job(FILE *out, void *arg, char *err, size_t n)
{
	const struct doc_job *j = arg;
	return report_write_ops(j->st, j->r, j->ops, out, err, n);
}

int report_write_file_ops(struct store *st, const struct report_request *r,
                          const struct report_ops *ops, const char *path, bool force, char *err,
                          size_t n)
{
	char q[256];
	text_sanitize_into(path ? path : "", q, sizeof q);
	const char *base = path ? strrchr(path, '/') : NULL;
	base = base ? base + 1 : path;
	if (!path || !*base)
		return fail(err, n, EX_USAGE, "bad output file \"%s\" (expected a file name)", q);
	struct stat sb;
	if (!force && lstat(path, &sb) == 0)
		return fail(err, n, EX_CANTCREAT, "\"%s\" already exists (--force replaces it)", q);
	int rc = check_request(r, ops, err, n);
	if (rc)
		return rc;
	struct doc_job j = { st, r, ops };
	return report_file_whole(path, force, write_doc_job, &j, err, n);
}

int report_write_file(struct store *st, const struct report_request *r, const char *path,
                      bool force, char *err, size_t errsz)
{
	return report_write_file_ops(st, r, r ? report_ops_of(r->kind) : NULL, path, force, err,
	                             errsz);
}

/* Unit tests for src/report/report.c: the dispatcher, through operations
 * of the test's own, and the writing of files whole or not at all. */
#include <dirent.h>
#include <jansson.h>
#include <locale.h>
#include <signal.h>
#include <sys/resource.h>

#include "cxo/config.h"
#include "cxo/report.h"
#include "cxo/text.h"
#include "report/internal.h"
#include "store_test.h"

static int fake_doc(struct store *st, const struct report_request *r, const struct client *c,
                    struct doc *d, char *err, size_t n)
{
	(void)st;
	(void)r;
	(void)err;
	(void)n;
	char line[128];
	snprintf(line, sizeof line, "Figures of %s <b>", c->key);
	const char *heads[] = { "Key", "Minutes" };
	const enum doc_align al[] = { DOC_LEFT, DOC_RIGHT };
	const char *row[] = { c->key, "90" };
	if (doc_heading(d, 2, "Section") || doc_para(d, line) || doc_table(d, 2, heads, al) ||
	    doc_row(d, row))
		return EX_OSERR;
	return 0;
}

static int fake_json(struct store *st, const struct report_request *r, const struct client *c,
                     json_t **out, char *err, size_t n)
{
	(void)st;
	(void)r;
	(void)err;
	(void)n;
	*out = json_pack("{s:s, s:i}", "client", c->key, "minutes", 90);
	return *out ? 0 : EX_OSERR;
}

static int fake_csv(struct store *st, const struct report_request *r, const struct client *c,
                    bool header, FILE *out, char *err, size_t n)
{
	(void)st;
	(void)r;
	(void)err;
	(void)n;
	if (header && fputs("client,minutes\n", out) == EOF)
		return EX_IOERR;
	return fprintf(out, "%s,90\n", c->key) < 0 ? EX_IOERR : 0;
}

static int broken_doc(struct store *st, const struct report_request *r, const struct client *c,
                      struct doc *d, char *err, size_t n)
{
	(void)st;
	(void)r;
	(void)c;
	(void)d;
	snprintf(err, n, "no figures for \"%s\"", c->key);
	return EX_DATAERR;
}

/* Many lines: larger than the file size limit of write_failure. */
static int long_doc(struct store *st, const struct report_request *r, const struct client *c,
                    struct doc *d, char *err, size_t n)
{
	(void)st;
	(void)r;
	(void)c;
	(void)err;
	(void)n;
	for (int i = 0; i < 200; i++)
		if (doc_para(d, "A line of the report that fills the file up."))
			return EX_OSERR;
	return 0;
}

/* Makes race_path while the report is being built: another program
 * that writes the same name meanwhile. */
static char race_path[256];
static int racing_doc(struct store *st, const struct report_request *r, const struct client *c,
                      struct doc *d, char *err, size_t n)
{
	FILE *f = fopen(race_path, "wx");
	if (!f || fputs("theirs\n", f) == EOF || fclose(f) == EOF)
		return EX_IOERR;
	return fake_doc(st, r, c, d, err, n);
}

static const struct report_ops racing = { "Race", racing_doc, NULL, NULL };
static const struct report_ops ops = { "Test report", fake_doc, fake_json, fake_csv };
static const struct report_ops doc_only = { "Test report", fake_doc, NULL, NULL };
static const struct report_ops broken = { "Broken", broken_doc, NULL, NULL };
static const struct report_ops longer = { "Long", long_doc, NULL, NULL };

static struct store *st;
static struct config cfg;
static struct client acme, beta;

static void setup(void)
{
	setlocale(LC_CTYPE, "C.UTF-8");
	tdir_make("report");
	st = open_new();
	add_client(st, "acme", NULL);
	add_client(st, "beta", NULL);
	cr_assert_eq(store_client_get(st, "acme", &acme), 0);
	cr_assert_eq(store_client_get(st, "beta", &beta), 0);
	config_defaults(&cfg);
}

static void teardown(void)
{
	client_free(&acme);
	client_free(&beta);
	store_close(st);
	config_free(&cfg);
	tdir_teardown();
}

TestSuite(report_write, .init = setup, .fini = teardown);

static struct report_request req(enum report_format f, const struct client *c)
{
	return (struct report_request){
		.kind = REPORT_HOURS,
		.format = f,
		.client = c,
		.all_clients = c == NULL,
		.from = date_from_ymd(2026, 11, 1),
		.to = date_from_ymd(2026, 12, 1),
		.whole_month = true,
		.today = date_from_ymd(2026, 11, 18),
		.cfg = &cfg,
		.width = 60,
	};
}

/* What report_write_ops wrote (caller frees); its code in *rc. */
static char *written(const struct report_request *r, const struct report_ops *o, int *rc, char *err,
                     size_t n)
{
	FILE *f = tmpfile();
	cr_assert_not_null(f);
	*rc = report_write_ops(st, r, o, f, err, n);
	long len = ftell(f);
	char *buf = malloc((size_t)len + 1);
	cr_assert_not_null(buf);
	rewind(f);
	cr_assert_eq(fread(buf, 1, (size_t)len, f), (size_t)len);
	buf[len] = '\0';
	fclose(f);
	return buf;
}

Test(report_write, one_client_document)
{
	struct report_request r = req(REPORT_MD, &acme);
	char err[256] = "";
	int rc;
	char *md = written(&r, &ops, &rc, err, sizeof err);
	cr_assert_eq(rc, 0, "%s", err);
	cr_assert_eq(strncmp(md, "# Test report: acme, November 2026\n", 35), 0, "%s", md);
	cr_assert_not_null(strstr(md, "\n## Section\n"));
	cr_assert_not_null(strstr(md, "Figures of acme \\<b\\>"));
	cr_assert_null(strstr(md, "beta"));
	free(md);

	r = req(REPORT_HTML, &acme);
	r.whole_month = false;
	r.to = date_from_ymd(2026, 11, 15);
	char *html = written(&r, &ops, &rc, err, sizeof err);
	cr_assert_eq(rc, 0, "%s", err);
	cr_assert_not_null(
	        strstr(html, "<title>Test report: acme, 2026-11-01 to 2026-11-14</title>"),
	        "the period as typed, both days in: %s", html);
	cr_assert_not_null(strstr(html, "Figures of acme &lt;b&gt;"));
	free(html);
}

Test(report_write, all_clients_in_sections)
{
	struct report_request r = req(REPORT_TEXT, NULL);
	char err[256] = "";
	int rc;
	char *text = written(&r, &ops, &rc, err, sizeof err);
	cr_assert_eq(rc, 0, "%s", err);
	cr_assert_eq(strncmp(text, "Test report: all clients, November 2026\n", 40), 0, "%s", text);
	char *a = strstr(text, "\nacme\n====\n"), *b = strstr(text, "\nbeta\n====\n");
	cr_assert(a && b && a < b, "a section per client in tab order: %s", text);
	cr_assert_not_null(strstr(a, "Figures of acme"));
	cr_assert_not_null(strstr(b, "Figures of beta"));
	free(text);

	r.format = REPORT_HTML;
	char *html = written(&r, &ops, &rc, err, sizeof err);
	cr_assert_eq(rc, 0, "%s", err);
	a = strstr(html, "<h1>acme</h1>");
	b = strstr(html, "<h1>beta</h1>");
	char *brk = strstr(html, "<div class=\"page-break\"></div>\n<h1>beta</h1>");
	cr_assert(a && b && a < b, "%s", html);
	cr_assert_not_null(brk, "each client after the first starts a page: %s", html);
	cr_assert_null(strstr(html, "<div class=\"page-break\"></div>\n<h1>acme</h1>"));
	free(html);
}

Test(report_write, json_envelope)
{
	struct report_request r = req(REPORT_JSON, &acme);
	char err[256] = "";
	int rc;
	char *text = written(&r, &ops, &rc, err, sizeof err);
	cr_assert_eq(rc, 0, "%s", err);
	json_error_t je;
	json_t *v = json_loads(text, 0, &je);
	cr_assert_not_null(v, "%s: %s", je.text, text);
	cr_assert_str_eq(json_string_value(json_object_get(v, "format")), "cxo-report");
	cr_assert_str_eq(json_string_value(json_object_get(v, "kind")), "hours");
	cr_assert_str_eq(json_string_value(json_object_get(v, "client")), "acme");
	cr_assert(json_is_integer(json_object_get(v, "minutes")));
	cr_assert_eq(strncmp(text, "{\n  \"format\": \"cxo-report\",\n  \"kind\": \"hours\",", 45),
	             0, "format and kind first: %s", text);
	json_decref(v);
	free(text);

	r = req(REPORT_JSON, NULL);
	text = written(&r, &ops, &rc, err, sizeof err);
	cr_assert_eq(rc, 0, "%s", err);
	v = json_loads(text, 0, &je);
	cr_assert_not_null(v, "%s", je.text);
	json_t *cl = json_object_get(v, "clients");
	cr_assert_eq(json_array_size(cl), 2);
	cr_assert_str_eq(json_string_value(json_object_get(json_array_get(cl, 0), "client")),
	                 "acme");
	cr_assert_str_eq(json_string_value(json_object_get(json_array_get(cl, 1), "client")),
	                 "beta");
	json_decref(v);
	free(text);
}

Test(report_write, csv_header_once)
{
	struct report_request r = req(REPORT_CSV, NULL);
	char err[256] = "";
	int rc;
	char *csv = written(&r, &ops, &rc, err, sizeof err);
	cr_assert_eq(rc, 0, "%s", err);
	cr_assert_str_eq(csv, "client,minutes\nacme,90\nbeta,90\n");
	free(csv);
}

Test(report_write, formats_and_kinds_missing)
{
	struct report_request r = req(REPORT_CSV, &acme);
	char err[256] = "";
	int rc;
	char *out = written(&r, &doc_only, &rc, err, sizeof err);
	cr_assert_eq(rc, EX_USAGE);
	cr_assert_str_eq(err, "the hours report has no csv format (it has text, md, html)");
	cr_assert_str_eq(out, "", "nothing written");
	free(out);
	/* No kind is built in this tree's kinds.c until its report is. */
	for (int k = 0; k < REPORT_KIND_COUNT; k++) {
		if (report_ops_of((enum report_kind)k))
			continue;
		r.kind = (enum report_kind)k;
		r.format = REPORT_MD;
		cr_assert_eq(report_write(st, &r, stdout, err, sizeof err), EX_SOFTWARE);
		cr_assert_not_null(strstr(err, "this cxo cannot write the"), "%s", err);
	}
	cr_assert_null(report_ops_of((enum report_kind)REPORT_KIND_COUNT));
	/* A failing builder: its message, nothing written. */
	r = req(REPORT_HTML, &acme);
	out = written(&r, &broken, &rc, err, sizeof err);
	cr_assert_eq(rc, EX_DATAERR);
	cr_assert_str_eq(err, "no figures for \"acme\"");
	cr_assert_str_eq(out, "");
	free(out);
}

Test(report_write, format_words)
{
	const char *words[] = { "text", "md", "html", "json", "csv" };
	const char *exts[] = { "txt", "md", "html", "json", "csv" };
	for (int i = 0; i < 5; i++) {
		enum report_format f;
		cr_assert(report_format_parse(words[i], &f));
		cr_assert_eq((int)f, i);
		cr_assert_str_eq(report_format_ext(f), exts[i]);
	}
	enum report_format f = REPORT_MD;
	cr_assert(!report_format_parse("pdf", &f));
	cr_assert(!report_format_parse("HTML ", &f));
	cr_assert(!report_format_parse(NULL, &f));
	cr_assert_eq(f, REPORT_MD);
	cr_assert_str_eq(report_kind_name(REPORT_BRIEF), "brief");
	cr_assert_str_eq(report_kind_name(REPORT_WEEK), "week");
}

Test(report_write, lines_fit)
{
	struct report_request r = req(REPORT_HTML, &acme);
	r.width = 24;
	char **lines;
	size_t n;
	char err[256] = "";
	cr_assert_eq(report_lines_ops(st, &r, &ops, &lines, &n, err, sizeof err), 0, "%s", err);
	cr_assert_gt(n, 5);
	cr_assert_str_eq(lines[0], "Test report: acme,");
	for (size_t i = 0; i < n; i++) {
		cr_assert_leq(text_width(lines[i]), 24, "\"%s\"", lines[i]);
		free(lines[i]);
	}
	free(lines);
	r.kind = REPORT_BRIEF;
	cr_assert_eq(report_lines_ops(st, &r, &broken, &lines, &n, err, sizeof err), EX_DATAERR);
	cr_assert_null(lines);
	cr_assert_eq(n, 0);
}

/* Entries in tdir, the database's files aside. */
static int files_in_tdir(void)
{
	DIR *d = opendir(tdir);
	cr_assert_not_null(d);
	int n = 0;
	for (struct dirent *e; (e = readdir(d));)
		if (strcmp(e->d_name, ".") && strcmp(e->d_name, "..") &&
		    strncmp(e->d_name, "cxo.db", 6))
			n++;
	closedir(d);
	return n;
}

Test(report_write, file_whole_private_never_overwritten)
{
	char path[256], err[256] = "";
	tpath(path, sizeof path, "statement.md");
	struct report_request r = req(REPORT_MD, &acme);
	cr_assert_eq(report_write_file_ops(st, &r, &ops, path, false, err, sizeof err), 0, "%s",
	             err);
	struct stat sb;
	cr_assert_eq(stat(path, &sb), 0);
	cr_assert_eq(sb.st_mode & 07777, 0600, "mode %o", sb.st_mode & 07777);
	cr_assert_eq(files_in_tdir(), 1, "no temporary file left");
	size_t n;
	char *first = slurp(path, &n);
	int rc;
	char *direct = written(&r, &ops, &rc, err, sizeof err);
	cr_assert_str_eq(first, direct, "the file holds what report_write writes");
	free(direct);

	/* Never replaced without force, whatever the report. */
	r = req(REPORT_MD, &beta);
	cr_assert_eq(report_write_file_ops(st, &r, &ops, path, false, err, sizeof err),
	             EX_CANTCREAT);
	cr_assert_not_null(strstr(err, "statement.md\" already exists"), "%s", err);
	char *again = slurp(path, &n);
	cr_assert_str_eq(again, first);
	free(again);
	cr_assert_eq(files_in_tdir(), 1);

	/* With force it is, whole. */
	cr_assert_eq(report_write_file_ops(st, &r, &ops, path, true, err, sizeof err), 0, "%s",
	             err);
	char *forced = slurp(path, &n);
	cr_assert_not_null(strstr(forced, "Figures of beta"));
	cr_assert_eq(stat(path, &sb), 0);
	cr_assert_eq(sb.st_mode & 07777, 0600);
	cr_assert_eq(files_in_tdir(), 1);
	free(forced);
	free(first);
}

Test(report_write, file_made_meanwhile_kept)
{
	char err[256] = "";
	tpath(race_path, sizeof race_path, "race.md");
	struct report_request r = req(REPORT_MD, &acme);
	cr_assert_eq(report_write_file_ops(st, &r, &racing, race_path, false, err, sizeof err),
	             EX_CANTCREAT);
	cr_assert_not_null(strstr(err, "race.md\" already exists"), "%s", err);
	size_t n;
	char *kept = slurp(race_path, &n);
	cr_assert_str_eq(kept, "theirs\n");
	free(kept);
	cr_assert_eq(files_in_tdir(), 1, "no temporary file left");
}

Test(report_write, file_dangling_symlink_kept)
{
	char path[256], target[256], err[256] = "";
	tpath(path, sizeof path, "link.md");
	tpath(target, sizeof target, "target.md");
	cr_assert_eq(symlink(target, path), 0);
	struct report_request r = req(REPORT_MD, &acme);
	cr_assert_eq(report_write_file_ops(st, &r, &ops, path, false, err, sizeof err),
	             EX_CANTCREAT);
	struct stat sb;
	cr_assert_neq(stat(target, &sb), 0, "nothing written through the link");
	cr_assert_eq(files_in_tdir(), 1);
}

Test(report_write, file_nothing_left_on_failure)
{
	char path[256], err[256] = "";
	struct report_request r = req(REPORT_MD, &acme);
	tpath(path, sizeof path, "broken.md");
	cr_assert_eq(report_write_file_ops(st, &r, &broken, path, false, err, sizeof err),
	             EX_DATAERR);
	cr_assert_eq(files_in_tdir(), 0, "no file, no temporary file");
	cr_assert_eq(report_write_file_ops(st, &r, &broken, path, true, err, sizeof err),
	             EX_DATAERR);
	cr_assert_eq(files_in_tdir(), 0);

	/* A directory that is not there, or where no file can be made. */
	tpath(path, sizeof path, "missing/statement.md");
	cr_assert_eq(report_write_file_ops(st, &r, &ops, path, false, err, sizeof err),
	             EX_CANTCREAT);
	cr_assert_not_null(strstr(err, "missing/statement.md"), "%s", err);
	cr_assert_eq(
	        report_write_file_ops(st, &r, &ops, "/proc/statement.md", true, err, sizeof err),
	        EX_CANTCREAT);
	cr_assert_eq(files_in_tdir(), 0);
	cr_assert_eq(report_write_file_ops(st, &r, &ops, "", false, err, sizeof err), EX_USAGE);
	tpath(path, sizeof path, "dir/");
	cr_assert_eq(report_write_file_ops(st, &r, &ops, path, false, err, sizeof err), EX_USAGE);
}

Test(report_write, file_write_failure)
{
	/* The disk fills up (a file size limit stands for it): EX_IOERR,
	 * nothing under the name, no temporary file. */
	char path[256], err[256] = "";
	tpath(path, sizeof path, "full.md");
	cr_assert_neq(signal(SIGXFSZ, SIG_IGN), SIG_ERR);
	struct rlimit lim = { .rlim_cur = 1000, .rlim_max = RLIM_INFINITY };
	cr_assert_eq(setrlimit(RLIMIT_FSIZE, &lim), 0);
	struct report_request r = req(REPORT_MD, &acme);
	int rc = report_write_file_ops(st, &r, &longer, path, true, err, sizeof err);
	lim.rlim_cur = RLIM_INFINITY;
	setrlimit(RLIMIT_FSIZE, &lim);
	cr_assert_eq(rc, EX_IOERR, "%d %s", rc, err);
	cr_assert_not_null(strstr(err, "cannot write \""), "%s", err);
	cr_assert_not_null(strstr(err, "full.md\": File too large"), "names the file: %s", err);
	cr_assert_eq(files_in_tdir(), 0);
}

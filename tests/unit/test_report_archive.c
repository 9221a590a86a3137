/* Unit tests for the cxo archive's JSON mapping (src/report/archive_out.c,
 * archive_in.c): the layout written, a document read back into the same
 * rows, and every kind of bad file refused with the item and field named. */
#include <jansson.h>

#include "cxo/archive.h"
#include "cxo/decision.h"
#include "cxo/vendor.h"
#include "store_test.h"

static void setup(void)
{
	tdir_setup();
}

static void teardown(void)
{
	tdir_teardown();
}

TestSuite(report_archive, .init = setup, .fini = teardown);

/* The archive of st (every client) as a string (caller frees). */
static char *export_all(struct store *st, struct archive_ids *ids)
{
	char *buf = NULL, err[512] = "";
	size_t n = 0;
	FILE *f = open_memstream(&buf, &n);
	cr_assert_not_null(f);
	int rc = archive_write(st, NULL, f, ids, err, sizeof err);
	cr_assert_eq(rc, 0, "archive_write: %d %s", rc, err);
	cr_assert_eq(fclose(f), 0);
	return buf;
}

/* Loads text (written to tdir/name) and returns the code; err filled. */
static int load(const char *text, char *err, size_t n, struct archive **a)
{
	return archive_load(write_file("in.json", text), a, err, n);
}

static void load_refused(const char *text, const char *want)
{
	char err[1024] = "";
	struct archive *a = NULL;
	int rc = load(text, err, sizeof err, &a);
	cr_assert_eq(rc, EX_DATAERR, "expected 65 for %.80s, got %d (%s)", text, rc, err);
	cr_assert_null(a);
	cr_assert(strstr(err, want), "expected \"%s\" in \"%s\"", want, err);
}

Test(report_archive, empty_portfolio)
{
	struct store *st = open_new();
	char *text = export_all(st, NULL);
	cr_assert_str_eq(text, "{\"format\": \"cxo\", \"version\": 2, \"clients\": []}\n");
	free(text);
	store_close(st);
}

Test(report_archive, layout_one_item_a_line)
{
	struct store *st = open_new();
	struct client c;
	add_client(st, "acme", &c);
	struct mandate m = { 0 };
	snprintf(m.client_id, sizeof m.client_id, "%s", c.id);
	m.title = (char *)"Roadmap \"2027\" – ünïcode";
	cr_assert_eq(store_mandate_add(st, &m), 0, "%s", store_error(st));
	struct archive_ids ids = { 0 };
	char *text = export_all(st, &ids);
	cr_assert_eq(ids.n, 1);
	cr_assert_str_eq(ids.ids[0], c.id);
	char want[256];
	snprintf(want, sizeof want,
	         "{\"format\": \"cxo\", \"version\": 2, \"clients\": [\n{\"id\": \"%s\", \"key\": "
	         "\"acme\", \"name\": \"acme\", \"role\": \"cio\", ",
	         c.id);
	cr_assert(!strncmp(text, want, strlen(want)), "starts: %.300s", text);
	cr_assert(strstr(text, "\"tab_order\": 1,\n \"terms\": null,\n \"seen\": {"), "%s", text);
	cr_assert(strstr(text, "\n \"mandates\": [\n  {\"id\": \""), "%s", text);
	cr_assert(strstr(text, "\"title\": \"Roadmap \\\"2027\\\" – ünïcode\", \"area\": null"),
	          "%s", text);
	cr_assert(strstr(text, "\n \"risks\": [],\n"), "%s", text);
	cr_assert(
	        strstr(text, "\n \"vendors\": [],\n \"vendor_risks\": [],\n \"decisions\": [],\n"),
	        "%s", text);
	cr_assert(strstr(text, "\"change\": \"added\""), "the kept change: %s", text);
	size_t len = strlen(text);
	cr_assert(len > 6 && !strcmp(text + len - 6, "]}\n]}\n"), "ends: %s",
	          text + (len > 20 ? len - 20 : 0));
	/* The same content, the same bytes. */
	char *again = export_all(st, NULL);
	cr_assert_str_eq(again, text);
	free(again);
	free(text);
	archive_ids_free(&ids);
	store_close(st);
}

Test(report_archive, read_back_into_an_empty_database)
{
	struct store *st = open_new();
	struct client c;
	add_client(st, "acme", &c);
	struct mandate m = { 0 };
	snprintf(m.client_id, sizeof m.client_id, "%s", c.id);
	m.title = (char *)"Roadmap";
	cr_assert_eq(store_mandate_add(st, &m), 0, "%s", store_error(st));
	char *text = export_all(st, NULL);
	store_close(st);

	char p[128], err[1024] = "";
	struct store *copy = open_ok(tpath(p, sizeof p, "copy.db"), STORE_WRITE);
	struct archive *a = NULL;
	cr_assert_eq(load(text, err, sizeof err, &a), 0, "%s", err);
	struct store_arc_counts n;
	cr_assert_eq(archive_merge(copy, a, ARC_REFUSE, false, &n, NULL, NULL, err, sizeof err), 0,
	             "%s", err);
	cr_assert_eq(n.added[ARC_CLIENT], 1);
	cr_assert_eq(n.added[ARC_MANDATE], 1);
	char *again = export_all(copy, NULL);
	cr_assert_str_eq(again, text);
	/* Again: nothing new, nothing conflicting. */
	cr_assert_eq(archive_merge(copy, a, ARC_REFUSE, false, &n, NULL, NULL, err, sizeof err), 0,
	             "%s", err);
	cr_assert_eq(n.added[ARC_MANDATE], 0);
	cr_assert_eq(n.same[ARC_MANDATE], 1);
	archive_free(a);
	free(again);
	free(text);
	store_close(copy);
}

#define HEAD "{\"format\": \"cxo\", \"version\": 1, \"clients\": "
#define ID1 "0f8fad5b-d9cb-469f-a165-70867728950e"
/* A client with everything but its rows, then more fields. */
#define CLIENT(more)                                                                               \
	"{\"id\": \"" ID1 "\", \"key\": \"acme\", \"name\": null, \"role\": null, "                \
	"\"industry\": null, \"employees\": 3, \"status\": \"active\", \"start_date\": null, "     \
	"\"end_date\": null, \"budget_minutes\": 600, \"rate_cents\": 100, \"currency\": "         \
	"\"EUR\", \"tab_order\": 1, \"terms\": null, \"seen\": null, \"timer\": null, "            \
	"\"risks\": [], \"actions\": [], \"entries\": [], \"notes\": [], \"locks\": [], "          \
	"\"changes\": []" more "}"
#define MANDATE(id, title)                                                                         \
	"{\"id\": \"" id "\", \"title\": " title ", \"area\": null, \"status\": \"active\", "      \
	"\"due\": null, \"measure\": null, \"created\": \"2026-01-02T03:04:05Z\"}"

/* Version 1, before vendors and decisions: none. */
Test(report_archive, a_minimal_archive_loads)
{
	char err[1024] = "";
	struct archive *a = NULL;
	int rc = load(HEAD "[" CLIENT(", \"mandates\": []") "]}", err, sizeof err, &a);
	cr_assert_eq(rc, 0, "%s", err);
	archive_free(a);
}

Test(report_archive, bad_documents)
{
	load_refused("[1]", "not a cxo archive");
	load_refused("{\"format\": \"other\", \"version\": 1, \"clients\": []}",
	             "\"format\" is \"other\" (expected \"cxo\"");
	load_refused("{\"format\": \"cxo\", \"version\": 3, \"clients\": []}",
	             "archive version 3 was made by a newer cxo");
	load_refused("{\"format\": \"cxo\", \"version\": \"1\", \"clients\": []}",
	             "\"version\" is not a positive integer");
	load_refused("{\"format\": \"cxo\", \"version\": 1, \"clients\": {}}",
	             "\"clients\" is not an array");
	load_refused("{\"format\": \"cxo\", \"version\": 1, \"clients\": [], \"x\": 1}",
	             "unknown fields beside");
	load_refused("{\"format\": \"cxo\", \"format\": \"cxo\", \"version\": 1, \"clients\": []}",
	             "duplicate object key");
	load_refused("{\"format\": \"cxo\", \"version\": 1, \"clients\": [", "(expected JSON)");
}

Test(report_archive, bad_fields_are_named)
{
	load_refused(HEAD "[" CLIENT("") "]}", "clients[0] (acme): no \"mandates\"");
	load_refused(HEAD "[" CLIENT(", \"mandates\": [" MANDATE(ID1, "\"x\"") "]") "]}",
	             "is used twice: by clients[0] (acme) and by clients[0] (acme) mandates[0]");
	load_refused(HEAD "[" CLIENT(", \"mandates\": [" MANDATE(
	                     "1f8fad5b-d9cb-469f-a165-70867728950e", "7") "]") "]}",
	             "clients[0] (acme) mandates[0]: \"title\" is not a string");
	load_refused(HEAD "[" CLIENT(", \"mandates\": [" MANDATE(
	                     "1f8fad5b-d9cb-469f-a165-70867728950e", "\"\"") "]") "]}",
	             "\"title\" has 0 characters (expected a string of 1 to 500");
	load_refused(HEAD "[" CLIENT(", \"mandates\": [" MANDATE(
	                     "1F8FAD5B-d9cb-469f-a165-70867728950e", "\"x\"") "]") "]}",
	             "\"id\" is \"1F8FAD5B-d9cb-469f-a165-70867728950e\" (expected a lower-case "
	             "UUID)");
	load_refused(HEAD "[" CLIENT(", \"mandates\": [], \"colour\": 1") "]}",
	             "unknown field \"colour\"");
	load_refused(HEAD "[" CLIENT(", \"mandates\": []") ", " CLIENT(", \"mandates\": []") "]}",
	             "clients[1] (acme): the key is clients[0]'s too");
}

Test(report_archive, sizes_and_depth_before_parsing)
{
	/* Deeper than an archive ever nests. */
	char deep[200];
	memset(deep, '[', 100);
	deep[100] = '\0';
	load_refused(deep, "line 1: nested deeper than 32 levels");
	/* A string longer than the longest field, escaped, may be. */
	size_t big = (size_t)ARCHIVE_MAX_STRING + 10;
	char *text = malloc(big + 64);
	cr_assert_not_null(text);
	strcpy(text, "{\"format\": \"");
	memset(text + strlen(text), 'a', big);
	strcpy(text + 12 + big, "\"}");
	load_refused(text, "line 1: a string longer than 1200002 bytes");
	free(text);
}

Test(report_archive, unreadable_files)
{
	char p[128], err[512] = "";
	struct archive *a = NULL;
	cr_assert_eq(archive_load(tpath(p, sizeof p, "missing.json"), &a, err, sizeof err),
	             EX_NOINPUT);
	cr_assert(strstr(err, "cannot open"), "%s", err);
	cr_assert_eq(archive_load(tdir, &a, err, sizeof err), EX_NOINPUT);
	cr_assert(strstr(err, "is not a file"), "%s", err);
}

/* ---- vendors and decisions (archive version 2) ---- */

#define HEAD2 "{\"format\": \"cxo\", \"version\": 2, \"clients\": "
#define V8(vendors, vendor_risks, decisions, links)                                                \
	", \"mandates\": [], \"vendors\": [" vendors "], \"vendor_risks\": [" vendor_risks         \
	"], \"decisions\": [" decisions "], \"decision_mandates\": [], \"decision_risks\": [], "   \
	"\"decision_vendors\": [" links "]"
#define VID "2f8fad5b-d9cb-469f-a165-70867728950e"
#define DID "3f8fad5b-d9cb-469f-a165-70867728950e"
#define DID2 "4f8fad5b-d9cb-469f-a165-70867728950e"
#define VENDOR(more)                                                                               \
	"{\"id\": \"" VID "\", \"name\": \"Epic\", \"category\": \"saas\", \"owner\": null, "      \
	"\"annual_cents\": 100, \"currency\": \"USD\", \"billing\": \"annual\", \"units\": 0, "    \
	"\"start_date\": \"2026-01-01\", \"auto_renew\": true, \"notice_days\": 90, "              \
	"\"diligence\": \"none\", \"diligence_on\": null, \"data\": \"regulated\", "               \
	"\"notes\": null, \"created\": \"2026-01-01\"" more "}"
#define DECISION(id, more)                                                                         \
	"{\"id\": \"" id "\", \"title\": \"Keep Epic\", \"day\": \"2026-02-01\", "                 \
	"\"decided_by\": null, \"consulted\": null, \"context\": null, \"options\": null, "        \
	"\"decision\": null, \"consequences\": null, \"review\": null, "                           \
	"\"created\": \"2026-02-01T10:00:00Z\"" more "}"
#define OK_VENDOR VENDOR(", \"term_end\": \"2026-12-31\", \"status\": \"active\", \"ended\": null")
#define OK_DECISION(id) DECISION(id, ", \"status\": \"decided\", \"superseded_by\": null")

Test(report_archive, vendors_and_decisions_round_trip)
{
	struct store *st = open_new();
	struct client c;
	add_client(st, "acme", &c);
	struct risk r = { .likelihood = 3, .impact = 4 };
	snprintf(r.client_id, sizeof r.client_id, "%s", c.id);
	r.title = (char *)"PHI without a BAA";
	cr_assert_eq(store_risk_add(st, &r), 0, "%s", store_error(st));
	struct mandate m = { 0 };
	snprintf(m.client_id, sizeof m.client_id, "%s", c.id);
	m.title = (char *)"EHR renewal";
	cr_assert_eq(store_mandate_add(st, &m), 0, "%s", store_error(st));
	struct vendor v = { .annual_cents = 9900000, .notice_days = 90, .auto_renew = true };
	snprintf(v.client_id, sizeof v.client_id, "%s", c.id);
	v.name = (char *)"Epic";
	v.notes = (char *)"No BAA on file\nasked twice";
	snprintf(v.term_end, sizeof v.term_end, "2027-06-30");
	snprintf(v.data, sizeof v.data, "regulated");
	cr_assert_eq(store_vendor_add(st, &v), 0, "%s", store_error(st));
	struct vendor gone = { 0 };
	snprintf(gone.client_id, sizeof gone.client_id, "%s", c.id);
	gone.name = (char *)"Old EHR";
	snprintf(gone.status, sizeof gone.status, "ended");
	cr_assert_eq(store_vendor_add(st, &gone), 0, "%s", store_error(st));
	cr_assert_eq(store_vendor_link_risk(st, v.id, r.id, true), 0);
	/* The first decision is superseded by one made after it: the file
	 * names, before it is read, a decision that comes later. */
	struct decision d1 = { 0 }, d2 = { 0 };
	snprintf(d1.client_id, sizeof d1.client_id, "%s", c.id);
	d1.title = (char *)"Renew Epic for a year";
	d1.context = (char *)"## Context\n\nThe BAA is missing.";
	snprintf(d1.created, sizeof d1.created, "2026-01-01T09:00:00Z");
	cr_assert_eq(store_decision_add(st, &d1), 0, "%s", store_error(st));
	d2 = d1;
	d2.title = (char *)"Replace Epic";
	d2.context = NULL;
	snprintf(d2.review, sizeof d2.review, "2027-01-15");
	snprintf(d2.created, sizeof d2.created, "2026-03-01T09:00:00Z");
	cr_assert_eq(store_decision_add(st, &d2), 0, "%s", store_error(st));
	cr_assert_eq(store_decision_supersede(st, d1.id, d2.id), 0, "%s", store_error(st));
	cr_assert_eq(store_decision_link(st, d2.id, DECISION_LINK_VENDOR, v.id, true), 0);
	cr_assert_eq(store_decision_link(st, d2.id, DECISION_LINK_RISK, r.id, true), 0);
	cr_assert_eq(store_decision_link(st, d2.id, DECISION_LINK_MANDATE, m.id, true), 0);
	char *text = export_all(st, NULL);
	store_close(st);
	cr_assert(strstr(text, "\"name\": \"Epic\""), "%s", text);
	cr_assert(strstr(text, "\"notes\": \"No BAA on file\\nasked twice\""), "%s", text);
	cr_assert(strstr(text, "\"superseded_by\": \""), "%s", text);

	char p[128], err[1024] = "";
	struct store *copy = open_ok(tpath(p, sizeof p, "copy.db"), STORE_WRITE);
	struct archive *a = NULL;
	cr_assert_eq(load(text, err, sizeof err, &a), 0, "%s", err);
	struct store_arc_counts n;
	cr_assert_eq(archive_merge(copy, a, ARC_REFUSE, false, &n, NULL, NULL, err, sizeof err), 0,
	             "%s", err);
	cr_assert_eq(n.added[ARC_VENDOR], 2);
	cr_assert_eq(n.added[ARC_VENDOR_RISK], 1);
	cr_assert_eq(n.added[ARC_DECISION], 2);
	cr_assert_eq(n.added[ARC_DECISION_MANDATE], 1);
	cr_assert_eq(n.added[ARC_DECISION_RISK], 1);
	cr_assert_eq(n.added[ARC_DECISION_VENDOR], 1);
	char *again = export_all(copy, NULL);
	cr_assert_str_eq(again, text);
	struct decision got;
	cr_assert_eq(store_decision_get(copy, d1.id, &got), 0);
	cr_assert_str_eq(got.superseded_by_title, "Replace Epic");
	decision_free(&got);
	/* Again: all the same. */
	cr_assert_eq(archive_merge(copy, a, ARC_REFUSE, false, &n, NULL, NULL, err, sizeof err), 0,
	             "%s", err);
	cr_assert_eq(n.same[ARC_VENDOR], 2);
	cr_assert_eq(n.same[ARC_DECISION_VENDOR], 1);
	cr_assert_eq(n.added[ARC_DECISION_VENDOR], 0);
	archive_free(a);
	free(again);
	free(text);
	store_close(copy);
}

Test(report_archive, vendors_and_decisions_checked)
{
	char err[1024] = "";
	struct archive *a = NULL;
	int rc = load(HEAD2 "[" CLIENT(V8(OK_VENDOR, "", OK_DECISION(DID), "")) "]}", err,
	              sizeof err, &a);
	cr_assert_eq(rc, 0, "%s", err);
	archive_free(a);
	/* Version 2 has them all. */
	load_refused(HEAD2 "[" CLIENT(", \"mandates\": []") "]}",
	             "clients[0] (acme): no \"vendors\" (expected an array, [] for none)");
	load_refused(HEAD2 "[" CLIENT(V8(VENDOR(", \"term_end\": \"2026-12-31\", \"status\": "
	                                        "\"gone\", \"ended\": null"),
	                                 "", "", "")) "]}",
	             "clients[0] (acme) vendors[0]: \"status\" is \"gone\" (expected one of: "
	             "evaluating active renewing leaving ended)");
	load_refused(HEAD2 "[" CLIENT(V8(VENDOR(", \"term_end\": \"2025-12-31\", \"status\": "
	                                        "\"active\", \"ended\": null"),
	                                 "", "", "")) "]}",
	             "vendors[0]: \"term_end\" 2025-12-31 is before \"start_date\" 2026-01-01");
	load_refused(HEAD2 "[" CLIENT(V8(VENDOR(", \"term_end\": null, \"status\": \"active\", "
	                                        "\"ended\": \"2026-05-01\""),
	                                 "", "", "")) "]}",
	             "vendors[0]: \"ended\" is 2026-05-01 but \"status\" is \"active\"");
	load_refused(HEAD2 "[" CLIENT(V8(VENDOR(", \"term_end\": \"2026-12-31\", \"status\": "
	                                        "\"active\", \"ended\": null, \"notice_days\": 1"),
	                                 "", "", "")) "]}",
	             "duplicate object key");
	load_refused(HEAD2 "[" CLIENT(V8(OK_VENDOR,
	                                 "{\"vendor_id\": \"" VID "\", \"risk_id\": \"" DID "\"}",
	                                 OK_DECISION(DID), "")) "]}",
	             "vendor_risks[0]: \"risk_id\" is " DID ", which is not one of this client's "
	             "risks");
	load_refused(HEAD2 "[" CLIENT(V8(OK_VENDOR, "", OK_DECISION(DID),
	                                 "{\"decision_id\": \"" DID "\", \"vendor_id\": \"" VID
	                                 "\"}, {\"decision_id\": \"" DID "\", \"vendor_id\": \"" VID
	                                 "\"}")) "]}",
	             "decision_vendors[1]: the same link as decision_vendors[0]");
	load_refused(HEAD2 "[" CLIENT(V8(OK_VENDOR, "",
	                                 DECISION(DID, ", \"status\": \"superseded\", "
	                                               "\"superseded_by\": \"" DID "\""),
	                                 "")) "]}",
	             "decisions[0]: \"superseded_by\" is its own id");
	load_refused(HEAD2 "[" CLIENT(V8(OK_VENDOR, "",
	                                 DECISION(DID, ", \"status\": \"superseded\", "
	                                               "\"superseded_by\": \"" DID2 "\""),
	                                 "")) "]}",
	             "\"superseded_by\" is " DID2 ", which is not one of this client's decisions");
	load_refused(HEAD2 "[" CLIENT(V8(OK_VENDOR, "", OK_DECISION(VID), "")) "]}",
	             "id " VID " is used twice");
}

/*
 * schema_v8.c: version 8 of the schema, vendors and decisions.
 *
 * A vendor is a client's contract with a supplier: what it costs, when
 * its term ends and how long before that a notice must be given, what
 * due diligence it passed and what data it holds.  The notice deadline
 * (term end minus the notice period) is never stored: the index below
 * computes it, so an edit of either field on any device keeps it right.
 * A decision is a client's recorded choice (an architecture decision
 * record): who decided, the context, the options, the decision and the
 * consequences, a review date and what superseded it.  The links to
 * risks, mandates and vendors are tables of their own, each row going
 * with either end.  Part of schema.c's frozen migrations: never edit,
 * append a version.
 */
#include "internal.h"

#define DAY_GLOB "'[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'"
#define STAMP_GLOB "'[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]:[0-6][0-9]Z'"
#define ID_CHECK(col) "CHECK (length(" col ") = 36 AND " col " NOT GLOB '*[^0-9a-f-]*')"
#define INT_CHECK(col) "typeof(" col ") = 'integer'"
#define STR(x) #x
#define XSTR(x) STR(x)
/* The notice deadline, as core/renewal.c computes it for days. */
#define NOTICE_BY "date(term_end, '-' || notice_days || ' days')"
#define LINK_TABLE(name, a, a_table, b, b_table)                                                   \
	"CREATE TABLE " name " ("                                                                  \
	" " a " TEXT NOT NULL REFERENCES " a_table "(id) ON DELETE CASCADE,"                       \
	" " b " TEXT NOT NULL REFERENCES " b_table "(id) ON DELETE CASCADE,"                       \
	" PRIMARY KEY (" a ", " b ")"                                                              \
	") WITHOUT ROWID;"                                                                         \
	"CREATE INDEX " name "_" b " ON " name "(" b ");"

/* clang-format off */
const char *const SCHEMA_V8[] = {
	"CREATE TABLE vendors ("
	" id TEXT NOT NULL PRIMARY KEY " ID_CHECK("id") ","
	" client_id TEXT NOT NULL REFERENCES clients(id) ON DELETE CASCADE,"
	" name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND " XSTR(MAX_NAME) "),"
	" category TEXT NOT NULL DEFAULT 'other' CHECK (category IN"
	"  ('saas', 'infrastructure', 'msp', 'telecom', 'security', 'hardware', 'other')),"
	" owner TEXT CHECK (length(owner) <= " XSTR(MAX_NAME) "),"
	" annual_cents INTEGER NOT NULL DEFAULT 0"
	"  CHECK (" INT_CHECK("annual_cents") " AND annual_cents >= 0),"
	" currency TEXT NOT NULL DEFAULT 'USD' CHECK (length(currency) = 3"
	"  AND currency GLOB '[A-Z][A-Z][A-Z]'),"
	" billing TEXT NOT NULL DEFAULT 'annual' CHECK (billing IN"
	"  ('monthly', 'quarterly', 'annual', 'multiyear', 'usage')),"
	" units INTEGER NOT NULL DEFAULT 0 CHECK (" INT_CHECK("units") " AND units >= 0),"
	" start_date TEXT CHECK (start_date GLOB " DAY_GLOB "),"
	" term_end TEXT CHECK (term_end GLOB " DAY_GLOB "),"
	" auto_renew INTEGER NOT NULL DEFAULT 0 CHECK (auto_renew IN (0, 1)),"
	" notice_days INTEGER NOT NULL DEFAULT 0"
	"  CHECK (" INT_CHECK("notice_days") " AND notice_days BETWEEN 0 AND 3650),"
	" status TEXT NOT NULL DEFAULT 'active' CHECK (status IN"
	"  ('evaluating', 'active', 'renewing', 'leaving', 'ended')),"
	" diligence TEXT NOT NULL DEFAULT 'none' CHECK (diligence IN"
	"  ('none', 'sent', 'reviewed', 'approved')),"
	" diligence_on TEXT CHECK (diligence_on GLOB " DAY_GLOB "),"
	" data TEXT NOT NULL DEFAULT 'none' CHECK (data IN"
	"  ('none', 'internal', 'confidential', 'regulated')),"
	" notes TEXT CHECK (length(notes) <= " XSTR(MAX_TEXT) "),"
	" created TEXT NOT NULL CHECK (created GLOB " DAY_GLOB "),"
	" ended TEXT CHECK (ended GLOB " DAY_GLOB ")"
	");"
	"CREATE INDEX vendors_client_name ON vendors(client_id, name COLLATE NOCASE);"
	/* Contracts still running, by their notice deadline: the renewals
	 * list and the overview's next deadline read only these. */
	"CREATE INDEX vendors_notice ON vendors(" NOTICE_BY ", client_id)"
	" WHERE term_end IS NOT NULL AND status <> 'ended';"
	"CREATE INDEX vendors_client_notice ON vendors(client_id, " NOTICE_BY ")"
	" WHERE term_end IS NOT NULL AND status <> 'ended';",

	LINK_TABLE("vendor_risks", "vendor_id", "vendors", "risk_id", "risks"),

	"CREATE TABLE decisions ("
	" id TEXT NOT NULL PRIMARY KEY " ID_CHECK("id") ","
	" client_id TEXT NOT NULL REFERENCES clients(id) ON DELETE CASCADE,"
	" title TEXT NOT NULL CHECK (length(title) BETWEEN 1 AND " XSTR(MAX_NAME) "),"
	" day TEXT NOT NULL CHECK (day GLOB " DAY_GLOB "),"
	" status TEXT NOT NULL DEFAULT 'decided' CHECK (status IN"
	"  ('proposed', 'decided', 'superseded', 'reversed')),"
	" decided_by TEXT CHECK (length(decided_by) <= " XSTR(MAX_NAME) "),"
	" consulted TEXT CHECK (length(consulted) <= " XSTR(MAX_NAME) "),"
	" context TEXT CHECK (length(context) <= " XSTR(MAX_NOTE) "),"
	" options TEXT CHECK (length(options) <= " XSTR(MAX_NOTE) "),"
	" decision TEXT CHECK (length(decision) <= " XSTR(MAX_NOTE) "),"
	" consequences TEXT CHECK (length(consequences) <= " XSTR(MAX_NOTE) "),"
	" review TEXT CHECK (review GLOB " DAY_GLOB "),"
	" superseded_by TEXT REFERENCES decisions(id) ON DELETE SET NULL,"
	" created TEXT NOT NULL CHECK (created GLOB " STAMP_GLOB "),"
	" CHECK (superseded_by IS NOT id)"
	");"
	"CREATE INDEX decisions_client_day ON decisions(client_id, day);"
	"CREATE INDEX decisions_day ON decisions(day);"
	"CREATE INDEX decisions_review ON decisions(review, client_id)"
	" WHERE review IS NOT NULL AND status IN ('proposed', 'decided');"
	"CREATE INDEX decisions_superseded_by ON decisions(superseded_by)"
	" WHERE superseded_by IS NOT NULL;",

	LINK_TABLE("decision_mandates", "decision_id", "decisions", "mandate_id", "mandates")
	LINK_TABLE("decision_risks", "decision_id", "decisions", "risk_id", "risks")
	LINK_TABLE("decision_vendors", "decision_id", "decisions", "vendor_id", "vendors"),
	NULL,
};
/* clang-format on */

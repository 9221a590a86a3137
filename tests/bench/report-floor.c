/*
 * report-floor: the least a month's hours statement must do, for `make
 * bench` to compare `cxo report hours` with.  Opens a cxo database read
 * only, finds the current client, reads this month's entries with their
 * mandates' titles in one prepared query and prints them: a Markdown
 * table (md) or a JSON array (json), then the totals.  No escaping beyond
 * the minimum, no settings, no checks: a floor, not a tool.
 *
 *   report-floor DB md|json
 *
 * The renewals floor: the contracts of every client whose notice
 * deadline falls from today back RENEWAL_NOTICE_MAX days to DAYS ahead,
 * read in one prepared query over the vendors_notice index (the
 * expression and condition written as the index has them), kept when
 * renewed by default (auto-renewing, deadline passed, term running) or
 * not yet passed, printed one a line: what `cxo vendor list --renewing
 * DAYSd --all-clients` prints, without its formatting.
 *
 *   report-floor DB renewing DAYS
 */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static sqlite3 *db;

static void die(const char *what)
{
	fprintf(stderr, "report-floor: %s: %s\n", what, db ? sqlite3_errmsg(db) : "?");
	exit(1);
}

static sqlite3_stmt *prep(const char *sql)
{
	sqlite3_stmt *s;
	if (sqlite3_prepare_v2(db, sql, -1, &s, NULL) != SQLITE_OK)
		die(sql);
	return s;
}

static void json_string(const unsigned char *s)
{
	putchar('"');
	for (; s && *s; s++) {
		if (*s == '"' || *s == '\\')
			printf("\\%c", *s);
		else if (*s < 0x20)
			printf("\\u%04x", *s);
		else
			putchar(*s);
	}
	putchar('"');
}

#define NOTICE_BY "date(v.term_end, '-' || v.notice_days || ' days')"

static int renewing(int days)
{
	time_t now = time(NULL);
	struct tm tm;
	localtime_r(&now, &tm);
	char today[16];
	snprintf(today, sizeof today, "%04d-%02d-%02d", (tm.tm_year + 1900) % 10000,
	         (tm.tm_mon + 1) % 100, tm.tm_mday % 100);
	sqlite3_stmt *s =
	        prep("SELECT c.key, v.id, v.name, " NOTICE_BY ", v.term_end, v.auto_renew,"
	             " v.annual_cents, v.currency,"
	             " CAST(julianday(" NOTICE_BY ") - julianday(?1) AS INTEGER)"
	             " FROM vendors v JOIN clients c ON c.id = v.client_id"
	             " WHERE v.term_end IS NOT NULL AND v.status <> 'ended'"
	             " AND " NOTICE_BY " >= date(?1, '-3650 days')"
	             " AND " NOTICE_BY " <= date(?1, '+' || ?2 || ' days')"
	             " ORDER BY " NOTICE_BY ", c.key, v.name COLLATE NOCASE, v.id");
	sqlite3_bind_text(s, 1, today, -1, SQLITE_STATIC);
	sqlite3_bind_int(s, 2, days);
	while (sqlite3_step(s) == SQLITE_ROW) {
		int left = sqlite3_column_int(s, 8), autorenew = sqlite3_column_int(s, 5);
		const char *end = (const char *)sqlite3_column_text(s, 4);
		if (left < 0 && !(autorenew && strcmp(end, today) >= 0))
			continue;
		long long cents = sqlite3_column_int64(s, 6);
		printf("%s  %.8s  %s  %s  ", sqlite3_column_text(s, 0), sqlite3_column_text(s, 1),
		       sqlite3_column_text(s, 2), sqlite3_column_text(s, 3));
		if (left < 0)
			printf("renewed by default");
		else
			printf("%d", left);
		printf("  %s  %s  %lld.%02lld %s\n", end, autorenew ? "yes" : "no", cents / 100,
		       cents % 100, sqlite3_column_text(s, 7));
	}
	sqlite3_finalize(s);
	sqlite3_close(db);
	return 0;
}

int main(int argc, char **argv)
{
	if (argc == 4 && !strcmp(argv[2], "renewing")) {
		if (sqlite3_open_v2(argv[1], &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK)
			die("open");
		return renewing(atoi(argv[3]));
	}
	if (argc != 3 || (strcmp(argv[2], "md") && strcmp(argv[2], "json"))) {
		fprintf(stderr, "usage: report-floor DB md|json\n"
		                "       report-floor DB renewing DAYS\n");
		return 64;
	}
	int json = !strcmp(argv[2], "json");
	if (sqlite3_open_v2(argv[1], &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK)
		die("open");
	sqlite3_busy_timeout(db, 5000);

	time_t now = time(NULL);
	struct tm tm;
	localtime_r(&now, &tm);
	char from[16], to[16];
	int y = tm.tm_year + 1900, m = tm.tm_mon + 1;
	snprintf(from, sizeof from, "%04d-%02d-01", y % 10000, m % 100);
	snprintf(to, sizeof to, "%04d-%02d-01", (m == 12 ? y + 1 : y) % 10000,
	         (m == 12 ? 1 : m + 1) % 100);

	sqlite3_stmt *c =
	        prep("SELECT c.id, c.key, c.name, c.rate_cents, c.currency FROM settings s"
	             " JOIN clients c ON c.id = s.value WHERE s.key = 'current_client'");
	if (sqlite3_step(c) != SQLITE_ROW)
		die("no current client");
	sqlite3_stmt *s = prep("SELECT e.day, e.minutes, e.billable, e.note, m.title"
	                       " FROM time_entries e LEFT JOIN mandates m ON m.id = e.mandate_id"
	                       " WHERE e.client_id = ?1 AND e.day >= ?2 AND e.day < ?3"
	                       " ORDER BY e.day, e.created, e.id");
	sqlite3_bind_text(s, 1, (const char *)sqlite3_column_text(c, 0), -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, 2, from, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 3, to, -1, SQLITE_STATIC);
	long total = 0, billable = 0;
	if (json)
		printf("{\"client\":\"%s\",\"from\":\"%s\",\"entries\":[",
		       sqlite3_column_text(c, 1), from);
	else
		printf("# %s\n\n| Date | Hours | Billable | Mandate | Note "
		       "|\n|---|---:|---|---|---|\n",
		       sqlite3_column_text(c, 2));
	int n = 0;
	while (sqlite3_step(s) == SQLITE_ROW) {
		int min = sqlite3_column_int(s, 1), bill = sqlite3_column_int(s, 2);
		total += min;
		billable += bill ? min : 0;
		if (json) {
			printf("%s{\"day\":\"%s\",\"minutes\":%d,\"billable\":%s,\"mandate\":",
			       n ? "," : "", sqlite3_column_text(s, 0), min,
			       bill ? "true" : "false");
			json_string(sqlite3_column_text(s, 4));
			printf(",\"note\":");
			json_string(sqlite3_column_text(s, 3));
			putchar('}');
		} else {
			printf("| %s | %d.%02d | %s | %s | %s |\n", sqlite3_column_text(s, 0),
			       min / 60, min % 60 * 100 / 60, bill ? "yes" : "no",
			       sqlite3_column_text(s, 4) ? (const char *)sqlite3_column_text(s, 4)
			                                 : "",
			       sqlite3_column_text(s, 3) ? (const char *)sqlite3_column_text(s, 3)
			                                 : "");
		}
		n++;
	}
	long cents = billable * sqlite3_column_int64(c, 3) / 60;
	if (json)
		printf("],\"minutes\":%ld,\"billable_minutes\":%ld,\"cents\":%ld}\n", total,
		       billable, cents);
	else
		printf("\n**Total** %ld.%02ldh, billable %ld.%02ldh, %ld.%02ld %s\n", total / 60,
		       total % 60 * 100 / 60, billable / 60, billable % 60 * 100 / 60, cents / 100,
		       cents % 100, sqlite3_column_text(c, 4));
	sqlite3_finalize(s);
	sqlite3_finalize(c);
	sqlite3_close(db);
	return 0;
}

/*
 * rows.h: what each panel row says (rows.c), from the store's plain
 * structs, by the rules both front ends apply (cxo/rules.h).  Pure.
 */
#ifndef CXO_TUI_ROWS_H
#define CXO_TUI_ROWS_H

#include <stdbool.h>

#include "cxo/date.h"
#include "cxo/duration.h"
#include "cxo/pace.h"
#include "cxo/records.h"
#include "cxo/risk.h"
#include "cxo/theme.h"

struct action_row {
	char when[24]; /* "3d late", "today", "in 2d", "no date"; "done", "dropped" */
	/* EL_OVERDUE, EL_DUE_SOON, EL_WAITING, EL_NORMAL; EL_DONE when closed */
	enum theme_element el;
	bool overdue;
	/* "waiting for Dana, 5d", "Priya, waiting for Dana, 5d", "Priya", "" */
	char who[320];
	char who_short[160]; /* "waiting 5d: Dana", "Priya": when who does not fit */
};
void action_row(const struct action *a, cxo_day today, struct action_row *out);

struct risk_row {
	int score;
	enum risk_level level;
	enum theme_element el;
	char level_name[16];
	char level_short[16];  /* "crit", "high", "med", "low" */
	char review[40];       /* "review 3d late" when due, else "" */
	char review_short[32]; /* "3d late": the same, where room is short */
	bool review_due;
	/* An accepted or closed risk: its status in place of its level
	 * ("closed", short "done"; "accepted", "acc."), el EL_DONE, no review;
	 * "" for an open one. */
	char mark[16];
	char mark_short[8];
};
void risk_row(const struct risk *r, const struct risk_thresholds *t, cxo_day today,
              struct risk_row *out);

/* How the rows of a risk list w columns wide share them: the score, the
 * level, the title and, at the right, a due review (review_w columns, the
 * widest of the rows shown; 0 when none is due).  The review must show:
 * the level shortens ("crit"), then goes, before the review does, and
 * the review shortens last ("3d late"); the title keeps RISK_TITLE_MIN
 * columns, or the review is left out (a list too narrow for both). */
#define RISK_SCORE_W 3       /* "20 " */
#define RISK_LEVEL_W 9       /* "critical " */
#define RISK_LEVEL_SHORT_W 5 /* "crit " */
#define RISK_TITLE_MIN 12
struct risk_cols {
	int level_w;       /* RISK_LEVEL_W, RISK_LEVEL_SHORT_W or 0 */
	bool review;       /* a due review shows */
	bool review_short; /* ... as review_short */
};
void risk_columns(int w, int review_w, int review_short_w, struct risk_cols *out);
enum theme_element risk_level_element(enum risk_level level);

struct mandate_row {
	char when[24];         /* due relative, "" when none */
	enum theme_element el; /* EL_DONE for closed, EL_OVERDUE when late */
	char open[16];         /* "2 open", "" */
};
void mandate_row(const struct mandate *m, cxo_day today, struct mandate_row *out);

struct entry_row {
	char when[24];  /* "today", "yesterday", "Mon 17", ISO beyond a week */
	char hours[16]; /* "1.5h" or "1:30" */
	bool billable;
};
void entry_row(const struct entry *e, cxo_day today, enum hours_style style, struct entry_row *out);

enum theme_element pace_element(enum pace_level level);

/* The line under a row where its list has the room for one: what the
 * row leaves out, parts joined by sep (" · "), days in date_fmt (ISO
 * when it fails); "" when there is nothing to add.  Unsanitised: the caller
 * writes it through the sanitiser.
 *   mandate: "Board · due 2026-11-28"
 *   risk:    "mitigating · owner Priya Shah · SOC 2 · security · review 2026-12-20"
 *   action:  "mandate Board update · risk No MFA · waiting since 2026-11-09 · added 2026-11-02" */
void mandate_more(const struct mandate *m, const char *sep, const char *date_fmt, char *buf,
                  size_t n);
void risk_more(const struct risk *r, const char *sep, const char *date_fmt, char *buf, size_t n);
void action_more(const struct action *a, const char *sep, const char *date_fmt, char *buf,
                 size_t n);

#endif

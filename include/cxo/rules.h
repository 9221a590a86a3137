/*
 * rules.h: the business rules the shell, the dashboard and the sample
 * portfolio apply, each written once.
 *
 * Pure: every function takes today (or now) and the settings it needs as
 * arguments and changes only the structs it is given; nothing reads the
 * clock, the store or the terminal.  Functions that can refuse return 0
 * or EX_DATAERR with a message for the user in err.
 */
#ifndef CXO_RULES_H
#define CXO_RULES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "cxo/config.h"
#include "cxo/date.h"
#include "cxo/pace.h"
#include "cxo/records.h"

/* "Due soon": due today or within the next DUE_SOON_DAYS - 1 days, so
 * "in 6d" is soon and "in 7d" is not.  Every count, colour and list of
 * what is due soon uses this one window. */
#define DUE_SOON_DAYS 7

/* ---- actions ---- */

/* Still to do: todo or waiting. */
bool action_is_open(const struct action *a);
/* Open and due before today. */
bool action_is_overdue(const struct action *a, cxo_day today);
/* Open and due from today to the end of the due-soon window. */
bool action_is_due_soon(const struct action *a, cxo_day today);
/* Waiting for someone, and for how many days (0 when not waiting or
 * since today). */
bool action_is_waiting(const struct action *a);
int action_days_waited(const struct action *a, cxo_day today);
/* "", "me" or "ME": the owner is the user, stored as no owner. */
bool owner_is_me(const char *owner);

/*
 * An action has an owner, who does it (NULL = me), and while it waits,
 * the person it waits for (waiting_for), who need not be the owner: an
 * action of mine can wait for the client's CFO, one of Priya's for a
 * vendor.  Moving to waiting sets waiting_for and waiting_since and
 * leaves the owner alone; leaving waiting clears both, so the owner is
 * what it was before the wait.
 */

/*
 * A new action's status and dates: todo, or waiting for the person
 * waiting names since the day since (ISO, "" = today; the action has
 * existed since then too).  owner ("me", "" or NULL = the user) is who
 * does it either way.  Refused: since without waiting, since in the
 * future, an empty name or me as the person waited for.  Sets status,
 * waiting_since, done_on, created, owner and waiting_for (replacing
 * what they held).
 */
int action_begin(struct action *a, const char *owner, const char *waiting, const char *since,
                 cxo_day today, char *err, size_t errsz);

/*
 * Moves a to status (a word of VOCAB_ACTION_STATUS) as of today, with the
 * dates that go with it: waiting_since for waiting, done_on for done,
 * both cleared when reopened.  The owner never changes here.
 *
 * Waiting needs a person: who, else the one a already waits for, else
 * the owner when the owner is someone else (an action Priya owns waits
 * for Priya); with none of them, or who "me", it is refused.  The wait
 * starts today, and again when it turns to someone else; waiting again
 * for the same person keeps its day.  who is read only for waiting.
 *
 * Any other status clears waiting_for; the same status again keeps its
 * dates.
 */
int action_set_status(struct action *a, const char *status, const char *who, cxo_day today,
                      char *err, size_t errsz);

/* ---- risks ---- */

/* Counted in the register's open figures and heat map: open or
 * mitigating. */
bool risk_is_open(const struct risk *r);
/* Not closed and its review day is today or past. */
bool risk_review_due(const struct risk *r, cxo_day today);
/* A new risk before its fields are given: category security, treatment
 * mitigate, status open, opened today. */
void risk_begin(struct risk *r, cxo_day today);
/* The review day, when none is set, from the level of the score: the
 * settings' review_days after today. */
void risk_default_review(struct risk *r, const struct config *cfg, cxo_day today);

/*
 * Moves r to status (a word of VOCAB_RISK_STATUS) as of today:
 *  - accepted needs until (ISO, after today; "" keeps a current
 *    acceptance's date): sets the treatment to accept and brings the
 *    review forward to until, when it is later;
 *  - closed records today as the closing day (an already closed risk
 *    keeps its day) and ends any acceptance;
 *  - open and mitigating reopen it: no closing day, no acceptance.
 */
int risk_set_status(struct risk *r, const char *status, const char *until, cxo_day today, char *err,
                    size_t errsz);

/* ---- reopening what was closed ---- */

/*
 * Reopens a done or dropped action: back to what it was before it was
 * closed (before: its status, waiting_for, waiting_since; the rest is
 * not read), or, with before NULL or itself closed, to todo.  done_on is
 * cleared.  Refused: an action that is open already.
 */
int action_reopen(struct action *a, const struct action *before, cxo_day today, char *err,
                  size_t errsz);
/*
 * Reopens an accepted or closed risk: back to before's status with the
 * fields that go with it (closed, accepted_until, treatment, review; the
 * rest is not read), or, with before NULL, to open by risk_set_status.
 * Refused: a risk that is open or mitigating already.
 */
int risk_reopen(struct risk *r, const struct risk *before, cxo_day today, char *err, size_t errsz);
/* Reopens a done or dropped mandate: back to before (a status), or to
 * active when before is NULL or not a status it can go back to.
 * Refused: an active mandate. */
int mandate_reopen(struct mandate *m, const char *before, char *err, size_t errsz);
/* Closed as far as the lists of open work go: a done or dropped action,
 * an accepted or closed risk, a done or dropped mandate. */
bool action_is_closed(const struct action *a);
bool risk_is_closed(const struct risk *r);
bool mandate_is_closed(const struct mandate *m);

/* ---- the timer ---- */

/* Seconds from the timer's start to now, saturated at the int64_t range
 * (a stored start may be anything). */
int64_t timer_elapsed_seconds(const struct timer *t, int64_t now);
/* Whole minutes since the timer started (0 for a clock behind it). */
long timer_elapsed_minutes(const struct timer *t, int64_t now);
/* The minutes an entry gets when the timer stops at end: rounded to the
 * nearest minute, at least 1 (callers cap it at DURATION_MAX_MINUTES or
 * ask). */
long timer_entry_minutes(const struct timer *t, int64_t end);
/* Forgotten: running longer than the limit, or started before today. */
bool timer_is_forgotten(const struct timer *t, int64_t now, cxo_day today, int limit_minutes);
/* The day a timer's entry goes on, stopped whenever: the day it started
 * (a session from 23:00 to 00:30 is the evening's work, not split); ""
 * when the C library cannot place it. */
void timer_entry_day(const struct timer *t, char day[DAY_LEN]);
/*
 * Where a timer stopped with an end time (stop --at HH:MM: at_minute
 * minutes after midnight) ends, into *end: that time on the day it
 * started, or, when that is before the start, the same time the next day,
 * a session past midnight, as long as it then ran no longer than
 * limit_minutes (the forgotten-timer limit).  Refused: an end after now,
 * and a time before the start that the next day does not make plausible.
 * The entry stays on the day it started (timer_entry_day).
 */
int timer_end_at(const struct timer *t, int at_minute, int64_t now, int limit_minutes, int64_t *end,
                 char *err, size_t errsz);

/* ---- notes ---- */

/* The creation stamp of a note written up on day (ISO): that day at the
 * present local time of day.  Today or "" give "", which the store
 * stamps with the moment of the write.  A future day is refused. */
int note_stamp(const char *day, int64_t now, cxo_day today, char stamp[STAMP_LEN], char *err,
               size_t errsz);

/* ---- hours ---- */

/* The month's pace for a budget and the minutes used so far, by the
 * settings: working days, warning level, the pace's tolerance and how
 * much of the month is too early to tell. */
void hours_pace(const struct config *cfg, long budget_minutes, long used_minutes, cxo_day today,
                struct pace *out);
/* The same for the month year-month, as it stood (a past month), stands
 * or will stand on today. */
void hours_pace_month(const struct config *cfg, long budget_minutes, long used_minutes, int year,
                      int month, cxo_day today, struct pace *out);
/* The hours of every client in that month against the settings'
 * capacity: a ceiling, not a retainer, so never behind (spare capacity
 * is no problem); over and warning as for a budget. */
void capacity_pace_month(const struct config *cfg, long used_minutes, int year, int month,
                         cxo_day today, struct pace *out);

#endif

/*
 * pace.h: hours used this month against a monthly budget, the hours
 * expected by today if work were spread evenly over the month's working
 * days, where the month ends at the current pace, and whether that is on
 * pace, ahead of it (a warning), over the budget, or behind it.
 */
#ifndef CXO_PACE_H
#define CXO_PACE_H

#include <stdbool.h>

#include "cxo/date.h"

/* BEHIND last so that the older levels keep their values. */
enum pace_level { PACE_OK, PACE_WARNING, PACE_OVER, PACE_BEHIND };

/* The defaults of the settings below (cxo.conf(5)). */
#define PACE_TOLERANCE_DEFAULT 10
#define PACE_TOO_EARLY_DEFAULT 20

/* How a month is judged: the settings, passed in by the rules. */
struct pace_rules {
	unsigned workdays;     /* the working days, a bitmask of 1 << WD_MON ... */
	int warn_percent;      /* used reaching this percentage of the budget is a
	                          warning; 0 turns that off */
	int tolerance_percent; /* a projection within the budget plus or minus this
	                          percentage of it is on pace (0 to 100) */
	int too_early_percent; /* a projection is not judged before this share of
	                          the month's working days has begun (0 to 100) */
};

struct pace {
	long budget_minutes;
	long used_minutes;
	int workdays_total;     /* in the month */
	int workdays_elapsed;   /* up to and including today */
	long expected_minutes;  /* budget * elapsed / total */
	long projected_minutes; /* used * total / elapsed; used when elapsed is 0 */
	int percent_used;       /* of budget, 0 when there is no budget */
	bool judged;            /* the projection counted: a budget, and enough of the
	                           month begun ("too early to tell" otherwise) */
	enum pace_level level;
};

/*
 * Levels, the first that applies:
 *  - OVER: more than the budget used;
 *  - WARNING: used reaches warn_percent of the budget, or (judged) the
 *    projection exceeds the budget by more than the tolerance;
 *  - BEHIND: (judged) the projection falls short of the budget by more
 *    than the tolerance: a retainer the client is not getting;
 *  - OK otherwise, "too early to tell" included.
 * The projection is judged once at least one working day and
 * too_early_percent of the month's working days have begun; what was
 * used (OVER, warn_percent) counts from the first day.  A zero budget is
 * always OK (nothing to pace against).  When today lies after the month,
 * the whole month has elapsed; before it, none has.
 */
void pace_compute(long budget_minutes, long used_minutes, int year, int month, cxo_day today,
                  const struct pace_rules *rules, struct pace *out);

/* "ok", "warning", "over", "behind". */
const char *pace_level_name(enum pace_level level);

#endif

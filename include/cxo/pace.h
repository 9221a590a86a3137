/*
 * pace.h: hours used this month against a monthly budget, the hours
 * expected by today if work were spread evenly over the month's working
 * days, and where the month ends at the current pace.
 */
#ifndef CXO_PACE_H
#define CXO_PACE_H

#include "cxo/date.h"

enum pace_level { PACE_OK, PACE_WARNING, PACE_OVER };

struct pace {
	long budget_minutes;
	long used_minutes;
	int workdays_total;     /* in the month */
	int workdays_elapsed;   /* up to and including today */
	long expected_minutes;  /* budget * elapsed / total */
	long projected_minutes; /* used * total / elapsed; used when elapsed is 0 */
	int percent_used;       /* of budget, 0 when there is no budget */
	enum pace_level level;
};

/*
 * Levels: OVER when used exceeds the budget; WARNING when the projection
 * exceeds the budget or used reaches warn_percent of it; OK otherwise.
 * A zero budget is always OK (nothing to pace against).  When today lies
 * after the month, the whole month has elapsed; before it, none has.
 */
void pace_compute(long budget_minutes, long used_minutes, int year, int month, cxo_day today,
                  unsigned workdays, int warn_percent, struct pace *out);

const char *pace_level_name(enum pace_level level); /* "ok", "warning", "over" */

#endif

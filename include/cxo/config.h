/*
 * config.h: the user's settings, read from a libconfig file.
 *
 * A missing file is fine (defaults apply); a malformed one is refused with
 * file:line and libconfig's message.  Every setting is validated and a bad
 * value is named with what was expected.  Functions return 0 or EX_CONFIG
 * (78); on failure err holds the message.
 */
#ifndef CXO_CONFIG_H
#define CXO_CONFIG_H

#include <stdbool.h>
#include <stddef.h>

#include "cxo/duration.h"
#include "cxo/risk.h"

/* journal_days: the default and the most accepted. */
#define JOURNAL_DAYS_DEFAULT 90
#define JOURNAL_DAYS_MAX 3650

struct config {
	char *path;                 /* file read, NULL when none existed */
	char *db_path;              /* NULL = default location */
	char *theme;                /* "default" */
	int week_start;             /* WD_MON (0) .. WD_SUN (6); default Monday */
	unsigned workdays;          /* bitmask, default Monday-Friday */
	long capacity_minutes;      /* personal monthly capacity, default 120h */
	int budget_warn_percent;    /* default 90 */
	int pace_tolerance_percent; /* a projection this close to the budget is on pace; 10 */
	int pace_too_early_percent; /* the share of working days before it is judged; 20 */
	struct risk_thresholds thresholds;
	struct risk_review_days review_days;
	enum hours_style hours_style; /* default decimal */
	char *date_format;            /* display format, default "%Y-%m-%d" */
	int timer_limit_minutes;      /* a timer older than this is suspect; 600 */
	bool brief_on_switch;         /* the dashboard opens the brief of a client not
	                                 seen today when it switches to it; false */
	int journal_days;             /* days the history of changes is kept (undo);
	                                 0 keeps none; default 90 */
	bool sync_auto;               /* sync after each write command and on the
	                                 dashboard's start and refresh; false */
};

/* Fills defaults only. */
void config_defaults(struct config *cfg);

/*
 * Reads path, or when NULL the default location
 * ($XDG_CONFIG_HOME/cxo/config, else ~/.config/cxo/config).  A missing
 * file is an error only when required (given by -c or CXO_CONFIG).
 * cfg is always left valid (defaults at least); release with config_free.
 */
int config_load(const char *path, bool required, struct config *cfg, char *err, size_t errsz);
void config_free(struct config *cfg);

#endif

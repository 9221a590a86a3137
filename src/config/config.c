/*
 * config.c: the user's settings file.  Every setting is optional; every
 * value present is checked, and a setting cxo does not know is an error
 * so a typo is never silently ignored.
 */
#include "cxo/config.h"

#include <math.h> /* isfinite only: a macro, no libm needed */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "cfgfile.h"
#include "cxo/date.h"
#include "cxo/pace.h"

/* Defaults live in static storage so config_defaults cannot fail;
 * config_free only frees strings that differ from these. */
static char default_theme[] = "default";
static char default_date_format[] = "%Y-%m-%d";

#define CAPACITY_MAX_HOURS 744.0 /* 31 days of 24 hours */
#define TIMER_LIMIT_MAX_HOURS 24.0
#define REVIEW_DAYS_MAX 3650

void config_defaults(struct config *cfg)
{
	cfg->path = NULL;
	cfg->db_path = NULL;
	cfg->theme = default_theme;
	cfg->week_start = WD_MON;
	cfg->workdays = WORKDAYS_MON_FRI;
	cfg->capacity_minutes = 120L * 60;
	cfg->budget_warn_percent = 90;
	cfg->pace_tolerance_percent = PACE_TOLERANCE_DEFAULT;
	cfg->pace_too_early_percent = PACE_TOO_EARLY_DEFAULT;
	cfg->thresholds = RISK_THRESHOLDS_DEFAULT;
	cfg->review_days = RISK_REVIEW_DAYS_DEFAULT;
	cfg->hours_style = HOURS_DECIMAL;
	cfg->date_format = default_date_format;
	cfg->timer_limit_minutes = 600;
	cfg->brief_on_switch = false;
	cfg->journal_days = JOURNAL_DAYS_DEFAULT;
	cfg->sync_auto = false;
}

void config_free(struct config *cfg)
{
	if (!cfg)
		return;
	free(cfg->path);
	free(cfg->db_path);
	if (cfg->theme != default_theme)
		free(cfg->theme);
	if (cfg->date_format != default_date_format)
		free(cfg->date_format);
	/* A released config is still a valid one. */
	config_defaults(cfg);
}

char *config_dir(void)
{
	const char *xdg = getenv("XDG_CONFIG_HOME");
	const char *home;
	char *base, *dir;

	/* The XDG spec says relative values are to be ignored. */
	if (xdg && xdg[0] == '/')
		return cfg_join(xdg, "cxo");
	home = cfg_home();
	if (!home)
		return NULL;
	base = cfg_join(home, ".config");
	if (!base)
		return NULL;
	dir = cfg_join(base, "cxo");
	free(base);
	return dir;
}

/* State while one file is checked. */
struct reader {
	const char *path;
	struct config *cfg;
	char *err;
	size_t errsz;
};

static int bad_value(struct reader *r, const config_setting_t *s, const char *expected)
{
	char name[128], value[256];

	cfg_setting_path(s, name, sizeof name);
	cfg_describe(s, value, sizeof value);
	cfg_error(r->err, r->errsz, s, r->path, "%s: bad value %s (expected %s)", name, value,
	          expected);
	return EX_CONFIG;
}

static int unknown_setting(struct reader *r, const config_setting_t *s, const char *known)
{
	char where[128], near[80], hint[sizeof near + 24] = "";
	const char *name = config_setting_name(s);

	cfg_setting_path(config_setting_parent(s), where, sizeof where);
	cfg_suggest(name, known, near, sizeof near);
	if (near[0])
		snprintf(hint, sizeof hint, ": did you mean \"%s\"?", near);
	if (where[0])
		cfg_error(r->err, r->errsz, s, r->path, "%s: unknown setting \"%s\" (known: %s)%s",
		          where, name, known, hint);
	else
		cfg_error(r->err, r->errsz, s, r->path, "unknown setting \"%s\" (known: %s)%s",
		          name, known, hint);
	return EX_CONFIG;
}

static int out_of_memory(struct reader *r)
{
	snprintf(r->err, r->errsz, "%s: out of memory", r->path);
	return EX_CONFIG;
}

/* Reads an int, int64 or float setting as a double. */
static bool number_of(const config_setting_t *s, double *out)
{
	switch (config_setting_type(s)) {
	case CONFIG_TYPE_INT:
		*out = config_setting_get_int(s);
		return true;
	case CONFIG_TYPE_INT64:
		*out = (double)config_setting_get_int64(s);
		return true;
	case CONFIG_TYPE_FLOAT:
		*out = config_setting_get_float(s);
		return isfinite(*out);
	default:
		return false;
	}
}

/* Reads a whole number in [lo, hi]. */
static bool int_in(const config_setting_t *s, int lo, int hi, int *out)
{
	long long v;

	if (config_setting_type(s) == CONFIG_TYPE_INT)
		v = config_setting_get_int(s);
	else if (config_setting_type(s) == CONFIG_TYPE_INT64)
		v = config_setting_get_int64(s);
	else
		return false;
	if (v < lo || v > hi)
		return false;
	*out = (int)v;
	return true;
}

/* Replaces a possibly-default string field with a copy of value. */
static bool set_string(char **field, const char *fixed_default, const char *value)
{
	char *copy = strdup(value);

	if (!copy)
		return false;
	if (*field != fixed_default)
		free(*field);
	*field = copy;
	return true;
}

static int read_database(struct reader *r, const config_setting_t *s)
{
	static const char expected[] = "a path, absolute or starting with ~/";
	const char *v = config_setting_get_string(s);
	char *path;

	if (!v || !v[0])
		return bad_value(r, s, expected);
	if (v[0] == '~' && (v[1] == '\0' || v[1] == '/')) {
		const char *home = cfg_home();

		if (!home)
			return bad_value(r, s, "a path not starting with ~ when HOME is unset");
		path = v[1] ? cfg_join(home, v + 2) : strdup(home);
	} else if (v[0] == '/') {
		path = strdup(v);
	} else {
		/* Relative to what?  Refuse rather than guess. */
		return bad_value(r, s, expected);
	}
	if (!path)
		return out_of_memory(r);
	free(r->cfg->db_path);
	r->cfg->db_path = path;
	return 0;
}

static int read_theme(struct reader *r, const config_setting_t *s)
{
	const char *v = config_setting_get_string(s);

	if (!v || !v[0] || strchr(v, '/') || strlen(v) > 64)
		return bad_value(r, s,
		                 "a theme name such as default, light, "
		                 "solarized-dark or mono");
	if (!set_string(&r->cfg->theme, default_theme, v))
		return out_of_memory(r);
	return 0;
}

static int read_week_start(struct reader *r, const config_setting_t *s)
{
	const char *v = config_setting_get_string(s);
	int wd = v ? date_weekday_parse(v) : -1;

	if (wd < 0)
		return bad_value(r, s, "a weekday name");
	r->cfg->week_start = wd;
	return 0;
}

static int read_working_days(struct reader *r, const config_setting_t *s)
{
	static const char expected[] =
	        "a list of weekday names such as [\"mon\", \"tue\", \"wed\", \"thu\", \"fri\"]";
	unsigned mask = 0;
	int i, n;

	if (!config_setting_is_array(s) && !config_setting_is_list(s))
		return bad_value(r, s, expected);
	n = config_setting_length(s);
	if (n == 0)
		return bad_value(r, s, "at least one weekday name");
	for (i = 0; i < n; i++) {
		const config_setting_t *e = config_setting_get_elem(s, (unsigned)i);
		const char *v = e ? config_setting_get_string(e) : NULL;
		int wd = v ? date_weekday_parse(v) : -1;

		if (wd < 0)
			return bad_value(r, e ? e : s, "a weekday name");
		mask |= 1u << wd;
	}
	r->cfg->workdays = mask;
	return 0;
}

static int read_capacity(struct reader *r, const config_setting_t *s)
{
	double h;

	if (!number_of(s, &h) || h <= 0 || h > CAPACITY_MAX_HOURS)
		return bad_value(r, s, "hours per month, a number above 0 and at most 744");
	r->cfg->capacity_minutes = (long)(h * 60 + 0.5); /* h > 0 */
	if (r->cfg->capacity_minutes < 1)
		r->cfg->capacity_minutes = 1;
	return 0;
}

static int read_budget_warning(struct reader *r, const config_setting_t *s)
{
	int v;

	if (!int_in(s, 1, 100, &v))
		return bad_value(r, s, "a whole percentage from 1 to 100");
	r->cfg->budget_warn_percent = v;
	return 0;
}

static int read_pace_tolerance(struct reader *r, const config_setting_t *s)
{
	int v;

	if (!int_in(s, 0, 100, &v))
		return bad_value(r, s, "a whole percentage of the budget from 0 to 100");
	r->cfg->pace_tolerance_percent = v;
	return 0;
}

static int read_pace_too_early(struct reader *r, const config_setting_t *s)
{
	int v;

	if (!int_in(s, 0, 100, &v))
		return bad_value(r, s, "a whole percentage of the working days from 0 to 100");
	r->cfg->pace_too_early_percent = v;
	return 0;
}

static int read_risk_levels(struct reader *r, const config_setting_t *s)
{
	struct risk_thresholds t = r->cfg->thresholds;
	int i, n;

	if (!config_setting_is_group(s))
		return bad_value(r, s, "a group such as { medium = 4; high = 8; critical = 15; }");
	n = config_setting_length(s);
	for (i = 0; i < n; i++) {
		const config_setting_t *e = config_setting_get_elem(s, (unsigned)i);
		const char *name = config_setting_name(e);
		int *field, v;

		if (strcmp(name, "medium") == 0)
			field = &t.medium;
		else if (strcmp(name, "high") == 0)
			field = &t.high;
		else if (strcmp(name, "critical") == 0)
			field = &t.critical;
		else
			return unknown_setting(r, e, "medium, high, critical");
		if (!int_in(e, 1, 25, &v))
			return bad_value(r, e, "a score from 1 to 25");
		*field = v;
	}
	if (!risk_thresholds_valid(&t)) {
		char name[64];

		cfg_setting_path(s, name, sizeof name);
		cfg_error(r->err, r->errsz, s, r->path,
		          "%s: bad value { medium = %d; high = %d; critical = %d; } "
		          "(expected 1 <= medium < high < critical <= 25)",
		          name, t.medium, t.high, t.critical);
		return EX_CONFIG;
	}
	r->cfg->thresholds = t;
	return 0;
}

static int read_review_days(struct reader *r, const config_setting_t *s)
{
	static const char *const levels[RISK_LEVEL_COUNT] = { "low", "medium", "high", "critical" };
	struct risk_review_days d = r->cfg->review_days;
	int i, n, lv;

	if (!config_setting_is_group(s))
		return bad_value(r, s,
		                 "a group such as { low = 360; medium = 180; "
		                 "high = 90; critical = 90; }");
	n = config_setting_length(s);
	for (i = 0; i < n; i++) {
		const config_setting_t *e = config_setting_get_elem(s, (unsigned)i);
		const char *name = config_setting_name(e);
		int v;

		for (lv = 0; lv < RISK_LEVEL_COUNT; lv++)
			if (strcmp(name, levels[lv]) == 0)
				break;
		if (lv == RISK_LEVEL_COUNT)
			return unknown_setting(r, e, "low, medium, high, critical");
		if (!int_in(e, 1, REVIEW_DAYS_MAX, &v))
			return bad_value(r, e, "a number of days from 1 to 3650");
		d.days[lv] = v;
	}
	r->cfg->review_days = d;
	return 0;
}

static int read_hours_style(struct reader *r, const config_setting_t *s)
{
	const char *v = config_setting_get_string(s);
	enum hours_style style;

	if (!v || !hours_style_parse(v, &style))
		return bad_value(r, s, "\"decimal\" or \"clock\"");
	r->cfg->hours_style = style;
	return 0;
}

static int read_date_format(struct reader *r, const config_setting_t *s)
{
	const char *v = config_setting_get_string(s);
	char sample[128];

	/* Formatting a real day proves every conversion is known and the
	 * result fits a display field. */
	if (!v || !v[0] || strlen(v) > 64 ||
	    !date_format(date_from_ymd(2026, 12, 31), v, sample, sizeof sample))
		return bad_value(r, s,
		                 "a date format using only "
		                 "%Y %m %d %e %b %a %A %B %%");
	if (!set_string(&r->cfg->date_format, default_date_format, v))
		return out_of_memory(r);
	return 0;
}

static int read_timer_limit(struct reader *r, const config_setting_t *s)
{
	double h;
	long m;

	if (!number_of(s, &h) || h <= 0 || h > TIMER_LIMIT_MAX_HOURS)
		return bad_value(r, s, "hours, a number above 0 and at most 24");
	m = (long)(h * 60 + 0.5); /* h > 0 */
	r->cfg->timer_limit_minutes = m < 1 ? 1 : (int)m;
	return 0;
}

/* ---- brief_on_switch ---- */
static int read_brief_on_switch(struct reader *r, const config_setting_t *s)
{
	if (config_setting_type(s) != CONFIG_TYPE_BOOL)
		return bad_value(r, s, "true or false");
	r->cfg->brief_on_switch = config_setting_get_bool(s) != 0;
	return 0;
}

/* ---- journal_days ---- */
static int read_journal_days(struct reader *r, const config_setting_t *s)
{
	int v;

	if (!int_in(s, 0, JOURNAL_DAYS_MAX, &v))
		return bad_value(r, s, "a whole number of days from 0 (no history) to 3650");
	r->cfg->journal_days = v;
	return 0;
}

/* ---- sync_auto ---- */
static int read_sync_auto(struct reader *r, const config_setting_t *s)
{
	if (config_setting_type(s) != CONFIG_TYPE_BOOL)
		return bad_value(r, s, "true or false");
	r->cfg->sync_auto = config_setting_get_bool(s) != 0;
	return 0;
}

static const struct {
	const char *name;
	int (*read)(struct reader *r, const config_setting_t *s);
} settings[] = {
	{ "database", read_database },
	{ "theme", read_theme },
	{ "week_start", read_week_start },
	{ "working_days", read_working_days },
	{ "capacity_hours", read_capacity },
	{ "budget_warning", read_budget_warning },
	{ "pace_tolerance_percent", read_pace_tolerance },
	{ "pace_too_early_percent", read_pace_too_early },
	{ "risk_levels", read_risk_levels },
	{ "review_days", read_review_days },
	{ "hours_style", read_hours_style },
	{ "date_format", read_date_format },
	{ "timer_limit_hours", read_timer_limit },
	{ "brief_on_switch", read_brief_on_switch },
	{ "journal_days", read_journal_days },
	{ "sync_auto", read_sync_auto },
};

#define KNOWN_SETTINGS                                                                             \
	"database, theme, week_start, working_days, "                                              \
	"capacity_hours, budget_warning, pace_tolerance_percent, "                                 \
	"pace_too_early_percent, risk_levels, review_days, "                                       \
	"hours_style, date_format, timer_limit_hours, brief_on_switch, journal_days, "             \
	"sync_auto"

static int read_settings(struct reader *r, const config_setting_t *root)
{
	int i, n = config_setting_length(root);
	size_t k;

	for (i = 0; i < n; i++) {
		const config_setting_t *s = config_setting_get_elem(root, (unsigned)i);
		const char *name = config_setting_name(s);
		int rc;

		for (k = 0; k < sizeof settings / sizeof settings[0]; k++)
			if (strcmp(name, settings[k].name) == 0)
				break;
		if (k == sizeof settings / sizeof settings[0])
			return unknown_setting(r, s, KNOWN_SETTINGS);
		/* A wrong type is a bad value: config_setting_get_string
		 * gives NULL for a non-string, which the readers refuse. */
		rc = settings[k].read(r, s);
		if (rc)
			return rc;
	}
	return 0;
}

int config_load(const char *path, bool required, struct config *cfg, char *err, size_t errsz)
{
	struct reader r = { .cfg = cfg, .err = err, .errsz = errsz };
	char *dir = NULL, *fallback = NULL;
	enum cfg_read_result res;
	config_t c;
	int rc;

	config_defaults(cfg);
	if (errsz)
		err[0] = '\0';
	if (!path) {
		dir = config_dir();
		if (!dir)
			return 0; /* no HOME, no XDG_CONFIG_HOME: nothing to read */
		fallback = cfg_join(dir, "config");
		free(dir);
		if (!fallback) {
			snprintf(err, errsz, "out of memory");
			return EX_CONFIG;
		}
		path = fallback;
	}
	r.path = path;

	config_init(&c);
	res = cfg_read(&c, path, err, errsz);
	if (res == CFG_READ_MISSING) {
		rc = 0;
		if (required) {
			snprintf(err, errsz, "%s: no such configuration file", path);
			rc = EX_CONFIG;
		}
	} else if (res == CFG_READ_ERROR) {
		rc = EX_CONFIG;
	} else if (res == CFG_READ_UNSAFE) {
		rc = EX_NOPERM;
	} else {
		rc = read_settings(&r, config_root_setting(&c));
		if (rc == 0) {
			cfg->path = strdup(path);
			if (!cfg->path)
				rc = out_of_memory(&r);
		}
	}
	config_destroy(&c);
	free(fallback);
	if (rc != 0)
		config_free(cfg); /* back to plain defaults */
	return rc;
}

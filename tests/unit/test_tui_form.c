/*
 * test_tui_form.c: what a form decides, without a terminal: which field
 * is invalid and with what message (the core parsers' own), where focus
 * goes, that nothing typed is changed, how choices cycle and complete,
 * and where the window goes on screens of every size.
 */
#include <criterion/criterion.h>
#include <locale.h>
#include <stdio.h>
#include <string.h>

#include "cxo/date.h"
#include "cxo/duration.h"
#include "tui/form.h"

static void init_locale(void)
{
	setlocale(LC_CTYPE, "C.UTF-8");
}

TestSuite(tui_form, .init = init_locale);

/* ---- validators as the dashboard's forms use them ---- */

struct ctx {
	cxo_day today;
	int calls;
	char last[512];
};

static bool v_date(const char *text, void *ctx, char *err, size_t errsz)
{
	struct ctx *c = ctx;
	cxo_day d;
	c->calls++;
	snprintf(c->last, sizeof c->last, "%s", text);
	return date_parse(text, c->today, 0, &d, err, errsz);
}

static bool v_duration(const char *text, void *ctx, char *err, size_t errsz)
{
	struct ctx *c = ctx;
	int m;
	c->calls++;
	snprintf(c->last, sizeof c->last, "%s", text);
	return duration_parse(text, &m, err, errsz);
}

static bool v_silent(const char *text, void *ctx, char *err, size_t errsz)
{
	(void)text;
	(void)ctx;
	(void)err;
	(void)errsz;
	return false;
}

enum { F_TITLE, F_DUE, F_HOURS, F_OWNER, F_N };

static struct form_field fields[F_N];
static struct ctx cx;
static struct form form;

static void setup(void)
{
	memset(fields, 0, sizeof fields);
	memset(&cx, 0, sizeof cx);
	cx.today = date_from_ymd(2026, 3, 10);
	fields[F_TITLE] = (struct form_field){ .label = "Title", .required = true };
	fields[F_DUE] = (struct form_field){ .label = "Due",
		                             .validate = v_date,
		                             .hint = "fri, +3d, 2026-12-01" };
	fields[F_HOURS] =
	        (struct form_field){ .label = "Hours", .required = true, .validate = v_duration };
	fields[F_OWNER] = (struct form_field){ .label = "Owner" };
	form = (struct form){ "New action", fields, F_N, &cx };
}

static void set(int i, const char *v)
{
	snprintf(fields[i].value, sizeof fields[i].value, "%s", v);
}

Test(tui_form, all_valid)
{
	setup();
	set(F_TITLE, "Call the auditor");
	set(F_DUE, "fri");
	set(F_HOURS, "1h30m");
	snprintf(fields[F_OWNER].error, sizeof fields[F_OWNER].error, "stale message");
	cr_assert_eq(form_validate(&form), -1);
	for (int i = 0; i < F_N; i++)
		cr_assert_str_empty(fields[i].error, "field %d kept \"%s\"", i, fields[i].error);
}

Test(tui_form, required_blank_is_invalid)
{
	setup();
	set(F_HOURS, "2h");
	cr_assert_eq(form_validate(&form), F_TITLE);
	cr_assert_str_eq(fields[F_TITLE].error, "Title is required");
	/* Spaces are blank too, and stay as typed. */
	set(F_TITLE, "   ");
	cr_assert_eq(form_validate(&form), F_TITLE);
	cr_assert_str_eq(fields[F_TITLE].value, "   ");
}

Test(tui_form, invalid_date_gets_the_parser_message)
{
	setup();
	set(F_TITLE, "Renew the insurance");
	set(F_DUE, "2026-13-01");
	set(F_HOURS, "1h");
	cr_assert_eq(form_validate(&form), F_DUE);
	cr_assert(strstr(fields[F_DUE].error, "2026-13-01"),
	          "message \"%s\" does not name the "
	          "value",
	          fields[F_DUE].error);
	cr_assert_str_eq(fields[F_DUE].value, "2026-13-01");
	cr_assert_str_empty(fields[F_TITLE].error);
	cr_assert_str_empty(fields[F_HOURS].error);
}

Test(tui_form, first_invalid_gets_focus_and_all_are_marked)
{
	setup();
	set(F_DUE, "someday");
	set(F_HOURS, "lots");
	cr_assert_eq(form_validate(&form), F_TITLE);
	cr_assert_str_not_empty(fields[F_TITLE].error);
	cr_assert_str_not_empty(fields[F_DUE].error);
	cr_assert_str_not_empty(fields[F_HOURS].error);
	cr_assert_str_empty(fields[F_OWNER].error);
	/* Fix the first: focus moves to the next invalid one. */
	set(F_TITLE, "x");
	cr_assert_eq(form_validate(&form), F_DUE);
	set(F_DUE, "+3d");
	cr_assert_eq(form_validate(&form), F_HOURS);
	set(F_HOURS, "45m");
	cr_assert_eq(form_validate(&form), -1);
}

Test(tui_form, values_are_never_changed)
{
	setup();
	set(F_TITLE, "  padded title  ");
	set(F_DUE, " 2026-13-01 ");
	set(F_HOURS, "\xc3\xa9t\xc3\xa9");
	set(F_OWNER, "Dana \xe6\xbc\xa2");
	struct form_field before[F_N];
	memcpy(before, fields, sizeof fields);
	form_validate(&form);
	for (int i = 0; i < F_N; i++)
		cr_assert_str_eq(fields[i].value, before[i].value);
}

Test(tui_form, validator_gets_trimmed_text_and_ctx)
{
	setup();
	set(F_TITLE, "t");
	set(F_DUE, "  fri  ");
	set(F_HOURS, " 2h ");
	cr_assert_eq(form_validate(&form), -1);
	cr_assert_eq(cx.calls, 2);
	cr_assert_str_eq(cx.last, "2h");
}

Test(tui_form, blank_optional_field_skips_its_validator)
{
	setup();
	set(F_TITLE, "t");
	set(F_HOURS, "1h");
	set(F_DUE, "  ");
	cr_assert_eq(form_validate(&form), -1);
	cr_assert_eq(cx.calls, 1); /* Hours only */
}

Test(tui_form, silent_validator_gets_a_message)
{
	setup();
	fields[F_OWNER].validate = v_silent;
	set(F_TITLE, "t");
	set(F_HOURS, "1h");
	set(F_OWNER, "nobody");
	cr_assert_eq(form_validate(&form), F_OWNER);
	cr_assert(strstr(fields[F_OWNER].error, "nobody"));
}

Test(tui_form, empty_form_is_valid)
{
	struct form f = { "nothing", NULL, 0, NULL };
	cr_assert_eq(form_validate(&f), -1);
}

/* ---- rules between fields, limits ---- */

/* Due and Hours together: a rule of the two, as the client form's start
 * and planned end are. */
static int rule_due_needs_hours(struct form *f)
{
	struct ctx *c = f->ctx;
	c->calls++;
	if (strcmp(f->fields[F_DUE].value, "today") || strcmp(f->fields[F_HOURS].value, "9h"))
		return -1;
	form_mark_linked(f, F_HOURS, "a day has no room for %s more", "9h");
	return form_mark_linked(f, F_DUE, "due today with too many hours");
}

Test(tui_form, a_rule_marks_both_fields)
{
	setup();
	fields[F_HOURS].rule = rule_due_needs_hours;
	set(F_TITLE, "t");
	set(F_DUE, "today");
	set(F_HOURS, "9h");
	cr_assert_eq(form_validate(&form), F_DUE);
	cr_assert_str_eq(fields[F_DUE].error, "due today with too many hours");
	cr_assert_str_eq(fields[F_HOURS].error, "a day has no room for 9h more");
	cr_assert(fields[F_DUE].error_linked);
	cr_assert(fields[F_HOURS].error_linked);
	cr_assert_str_empty(fields[F_TITLE].error);
	cr_assert_not(fields[F_TITLE].error_linked);
	/* Fixed: both messages go. */
	set(F_HOURS, "1h");
	cr_assert_eq(form_validate(&form), -1);
	cr_assert_str_empty(fields[F_DUE].error);
	cr_assert_str_empty(fields[F_HOURS].error);
	cr_assert_not(fields[F_DUE].error_linked);
}

Test(tui_form, rules_wait_for_every_field)
{
	setup();
	fields[F_HOURS].rule = rule_due_needs_hours;
	set(F_DUE, "today");
	set(F_HOURS, "9h");
	/* The title is missing: that is said first, the rule not asked. */
	int calls = cx.calls;
	cr_assert_eq(form_validate(&form), F_TITLE);
	cr_assert_str_empty(fields[F_HOURS].error);
	cr_assert_eq(cx.calls, calls + 2); /* the two validators, not the rule */
}

Test(tui_form, field_max_and_counter)
{
	struct form_field f = { .label = "Title" };
	char buf[32];

	cr_assert_eq(form_field_max(&f), (size_t)FORM_NAME_MAX);
	cr_assert_eq((size_t)FORM_NAME_MAX, (size_t)500); /* the store's title limit */
	f.max = 32;
	cr_assert_eq(form_field_max(&f), 32);
	/* A tenth of the limit before it, at least ten characters. */
	cr_assert_not(form_counter(449, 500, buf, sizeof buf));
	cr_assert_str_empty(buf);
	cr_assert(form_counter(450, 500, buf, sizeof buf));
	cr_assert_str_eq(buf, "450/500");
	cr_assert(form_counter(500, 500, buf, sizeof buf));
	cr_assert_str_eq(buf, "500/500");
	cr_assert_not(form_counter(21, 32, buf, sizeof buf));
	cr_assert(form_counter(22, 32, buf, sizeof buf));
	cr_assert_str_eq(buf, "22/32");
	cr_assert(form_counter(2, 3, buf, sizeof buf));
	cr_assert(form_counter(1200, 1000, buf, sizeof buf));
	cr_assert_str_eq(buf, "1200/1000");
	cr_assert_not(form_counter(5, 0, buf, sizeof buf));
	/* The longest text a field takes fits its buffer, however many
	 * bytes its characters are. */
	cr_assert_geq(sizeof f.value, 4 * (size_t)FORM_TEXT_MAX + 1);
	cr_assert_geq(sizeof f.value, 4 * (size_t)FORM_NAME_MAX + 1);
}

Test(tui_form, footer_says_what_enter_does)
{
	char buf[128];
	setup();
	form_footer(&form, "save", true, buf, sizeof buf);
	cr_assert_str_eq(buf, "Enter save \xc2\xb7 Tab next field \xc2\xb7 Shift-Tab back \xc2\xb7 "
	                      "Esc cancel");
	form_footer(&form, "save", false, buf, sizeof buf);
	cr_assert_str_eq(buf, "Enter save | Tab next field | Shift-Tab back | Esc cancel");
	/* One field: nowhere to Tab to. */
	struct form one = { "Filter Risks", fields, 1, &cx };
	form_footer(&one, "filter", false, buf, sizeof buf);
	cr_assert_str_eq(buf, "Enter filter | Esc cancel");
}

/* ---- choices ---- */

static const char *const STATUS[] = { "todo", "waiting", "done", NULL };
static const char *const NONE[] = { NULL };

Test(tui_form, choice_step_cycles_both_ways)
{
	cr_assert_str_eq(form_choice_step(STATUS, "todo", 1), "waiting");
	cr_assert_str_eq(form_choice_step(STATUS, "waiting", 1), "done");
	cr_assert_str_eq(form_choice_step(STATUS, "done", 1), "todo");
	cr_assert_str_eq(form_choice_step(STATUS, "todo", -1), "done");
	cr_assert_str_eq(form_choice_step(STATUS, "done", -1), "waiting");
	/* Case and surrounding spaces do not matter. */
	cr_assert_str_eq(form_choice_step(STATUS, " WAITING ", 1), "done");
}

Test(tui_form, choice_step_from_elsewhere)
{
	cr_assert_str_eq(form_choice_step(STATUS, "", 1), "todo");
	cr_assert_str_eq(form_choice_step(STATUS, "", -1), "done");
	cr_assert_str_eq(form_choice_step(STATUS, "wait", 1), "todo");
	cr_assert_null(form_choice_step(NULL, "x", 1));
	cr_assert_null(form_choice_step(NONE, "x", -1));
	static const char *const ONE[] = { "only", NULL };
	cr_assert_str_eq(form_choice_step(ONE, "only", 1), "only");
	cr_assert_str_eq(form_choice_step(ONE, "only", -1), "only");
}

Test(tui_form, choice_complete)
{
	cr_assert_str_eq(form_choice_complete(STATUS, "wa"), "waiting");
	cr_assert_str_eq(form_choice_complete(STATUS, "D"), "done");
	cr_assert_str_eq(form_choice_complete(STATUS, " t "), "todo");
	/* Already a choice, blank, or no match: Tab moves on. */
	cr_assert_null(form_choice_complete(STATUS, "todo"));
	cr_assert_null(form_choice_complete(STATUS, "Done"));
	cr_assert_null(form_choice_complete(STATUS, ""));
	cr_assert_null(form_choice_complete(STATUS, "   "));
	cr_assert_null(form_choice_complete(STATUS, "x"));
	cr_assert_null(form_choice_complete(NULL, "t"));
	cr_assert_null(form_choice_complete(NONE, "t"));
	/* The first match in the caller's order. */
	static const char *const TITLES[] = { "Vendor review", "Vendor exit", NULL };
	cr_assert_str_eq(form_choice_complete(TITLES, "vendor"), "Vendor review");
}

/* ---- geometry ---- */

static struct form_field many[40];

static struct form make(size_t n)
{
	memset(many, 0, sizeof many);
	for (size_t i = 0; i < n; i++)
		many[i].label = i % 3 ? "Due" : "Mitigation";
	return (struct form){ "Form", many, n, NULL };
}

static void check_inside(const struct form_geom *g, int rows, int cols, size_t n)
{
	cr_assert_geq(g->y, 0);
	cr_assert_geq(g->x, 0);
	cr_assert_leq(g->y + g->h, rows, "window %d+%d below %d rows", g->y, g->h, rows);
	cr_assert_leq(g->x + g->w, cols);
	cr_assert_eq(g->h, 2 * g->shown + 3);
	cr_assert_geq(g->shown, 1);
	cr_assert_leq((size_t)g->shown, n);
	cr_assert_eq(g->value_x + g->value_w + 3, g->w);
	cr_assert_geq(g->value_w, (g->w - 7) / 2);
	cr_assert_geq(g->top, 0);
	cr_assert_leq((size_t)(g->top + g->shown), n);
}

Test(tui_form, geometry_80x24)
{
	struct form f = make(6);
	struct form_geom g;
	cr_assert(form_geometry(&f, 24, 80, 0, 0, &g));
	check_inside(&g, 24, 80, 6);
	cr_assert_eq(g.shown, 6);
	cr_assert_eq(g.h, 15);
	cr_assert_eq(g.w, 72);
	cr_assert_eq(g.x, 4);
	cr_assert_eq(g.y, 4);
	cr_assert_eq(g.label_w, 11); /* "Mitigation:" */
	cr_assert_eq(g.value_x, 15);
	cr_assert_eq(g.value_w, 54);
}

Test(tui_form, geometry_large_screen_caps_width)
{
	struct form f = make(6);
	struct form_geom g;
	cr_assert(form_geometry(&f, 60, 200, 0, 0, &g));
	check_inside(&g, 60, 200, 6);
	cr_assert_eq(g.w, 96);
	cr_assert_eq(g.x, 52);
}

Test(tui_form, geometry_scrolls_a_tall_form)
{
	struct form f = make(14);
	struct form_geom g;
	cr_assert(form_geometry(&f, 24, 80, 0, 0, &g));
	cr_assert_eq(g.shown, 10);
	cr_assert_eq(g.top, 0);
	cr_assert_eq(g.h, 23);
	/* Focus below the shown rows: the least scroll that shows it. */
	cr_assert(form_geometry(&f, 24, 80, 10, g.top, &g));
	cr_assert_eq(g.top, 1);
	cr_assert(form_geometry(&f, 24, 80, 13, g.top, &g));
	cr_assert_eq(g.top, 4);
	/* Back up inside the shown rows: no scroll. */
	cr_assert(form_geometry(&f, 24, 80, 6, g.top, &g));
	cr_assert_eq(g.top, 4);
	cr_assert(form_geometry(&f, 24, 80, 2, g.top, &g));
	cr_assert_eq(g.top, 2);
	/* A stale top beyond the end is pulled back. */
	cr_assert(form_geometry(&f, 24, 80, 13, 30, &g));
	cr_assert_eq(g.top, 4);
	/* Focus out of range is clamped. */
	cr_assert(form_geometry(&f, 24, 80, 99, 0, &g));
	cr_assert_eq(g.top, 4);
}

Test(tui_form, geometry_too_small)
{
	struct form f = make(3);
	struct form_geom g;
	cr_assert_not(form_geometry(&f, 4, 80, 0, 0, &g));
	cr_assert_not(form_geometry(&f, 24, 29, 0, 0, &g));
	struct form empty = make(0);
	cr_assert_not(form_geometry(&empty, 24, 80, 0, 0, &g));
	cr_assert(form_geometry(&f, FORM_MIN_ROWS, FORM_MIN_COLS, 2, 0, &g));
	cr_assert_eq(g.shown, 1);
	cr_assert_eq(g.top, 2);
	check_inside(&g, FORM_MIN_ROWS, FORM_MIN_COLS, 3);
}

Test(tui_form, geometry_every_size)
{
	for (size_t n = 1; n <= 40; n += 3) {
		struct form f = make(n);
		for (int rows = FORM_MIN_ROWS; rows <= 70; rows += 3) {
			for (int cols = FORM_MIN_COLS; cols <= 220; cols += 7) {
				int top = 0;
				for (int focus = 0; focus < (int)n; focus += 2) {
					struct form_geom g;
					cr_assert(form_geometry(&f, rows, cols, focus, top, &g));
					check_inside(&g, rows, cols, n);
					cr_assert_geq(focus, g.top);
					cr_assert_lt(focus, g.top + g.shown);
					top = g.top;
				}
			}
		}
	}
}

Test(tui_form, geometry_long_labels_leave_room_for_values)
{
	struct form_field ff[2] = {
		{ .label = "An extraordinarily long label for a field that goes on and on" },
		{ .label = "Due" },
	};
	struct form f = { "Form", ff, 2, NULL };
	struct form_geom g;
	cr_assert(form_geometry(&f, 24, 80, 0, 0, &g));
	check_inside(&g, 24, 80, 2);
	cr_assert_eq(g.label_w, (72 - 7) / 2);
}

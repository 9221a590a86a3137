/*
 * ics-check: reads an iCalendar file with libical's parser, as a calendar
 * program would, and prints what it found: a JSON object a line, the
 * calendar first, then each component with its UID, DTSTAMP, SUMMARY,
 * DESCRIPTION, CATEGORIES, dates, STATUS and PRIORITY (texts unescaped
 * by libical).
 *
 *   ics-check FILE
 *
 * Exits 1, saying why on stderr, when the file does not parse, libical
 * marks an error in it (X-LIC-ERROR), the METHOD's restrictions
 * (RFC 5546) fail, or a component lacks its UID or DTSTAMP; 2 when FILE
 * cannot be read.  Built for the tests only (make check), with libical.
 */
#include <libical/ical.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* text as a JSON string: quotes, backslashes and controls escaped, the
 * rest as it is (UTF-8). */
static void put_json(const char *text)
{
	putchar('"');
	for (const unsigned char *p = (const unsigned char *)(text ? text : ""); *p; p++) {
		if (*p == '"' || *p == '\\')
			printf("\\%c", *p);
		else if (*p < 0x20 || *p == 0x7f)
			printf("\\u%04x", *p);
		else
			putchar(*p);
	}
	putchar('"');
}

static void put_field(const char *name, const char *text)
{
	printf(", \"%s\": ", name);
	if (text)
		put_json(text);
	else
		fputs("null", stdout);
}

/* A DATE as YYYY-MM-DD, a DATE-TIME as YYYY-MM-DDTHH:MM:SS(Z), or null. */
static void put_time(const char *name, struct icaltimetype t)
{
	char buf[32];
	if (icaltime_is_null_time(t)) {
		put_field(name, NULL);
		return;
	}
	if (t.is_date)
		snprintf(buf, sizeof buf, "%04d-%02d-%02d", t.year, t.month, t.day);
	else
		snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d%s", t.year, t.month, t.day,
		         t.hour, t.minute, t.second, icaltime_is_utc(t) ? "Z" : "");
	put_field(name, buf);
}

static char *read_all(const char *path)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	size_t cap = 65536, n = 0;
	char *buf = malloc(cap);
	while (buf) {
		n += fread(buf + n, 1, cap - n - 1, f);
		if (n < cap - 1)
			break;
		char *more = realloc(buf, cap * 2);
		if (!more) {
			free(buf);
			buf = NULL;
			break;
		}
		buf = more;
		cap *= 2;
	}
	if (buf && ferror(f)) {
		free(buf);
		buf = NULL;
	}
	fclose(f);
	if (buf)
		buf[n] = '\0';
	return buf;
}

int main(int argc, char **argv)
{
	if (argc != 2) {
		fprintf(stderr, "usage: ics-check FILE\n");
		return 2;
	}
	char *text = read_all(argv[1]);
	if (!text) {
		perror(argv[1]);
		return 2;
	}
	icalcomponent *cal = icalparser_parse_string(text);
	free(text);
	if (!cal || icalcomponent_isa(cal) != ICAL_VCALENDAR_COMPONENT) {
		fprintf(stderr, "ics-check: %s: no VCALENDAR\n", argv[1]);
		if (cal)
			icalcomponent_free(cal);
		return 1;
	}
	int bad = 0;
	if (icalcomponent_get_first_property(cal, ICAL_METHOD_PROPERTY) &&
	    !icalrestriction_check(cal))
		bad++;
	int errors = icalcomponent_count_errors(cal);
	if (errors) {
		fprintf(stderr, "ics-check: %d errors\n", errors);
		for (icalcomponent *c = icalcomponent_get_first_component(cal, ICAL_ANY_COMPONENT);
		     c; c = icalcomponent_get_next_component(cal, ICAL_ANY_COMPONENT)) {
			/* The UID first: reading it walks the component's
			 * properties, which would restart the walk below. */
			const char *uid = icalcomponent_get_uid(c);
			for (icalproperty *e =
			             icalcomponent_get_first_property(c, ICAL_XLICERROR_PROPERTY);
			     e; e = icalcomponent_get_next_property(c, ICAL_XLICERROR_PROPERTY))
				fprintf(stderr, "ics-check: %s: %s\n", uid ? uid : "?",
				        icalproperty_get_xlicerror(e));
		}
		bad++;
	}
	icalproperty *p = icalcomponent_get_first_property(cal, ICAL_PRODID_PROPERTY);
	icalproperty *v = icalcomponent_get_first_property(cal, ICAL_VERSION_PROPERTY);
	printf("{\"kind\": \"VCALENDAR\"");
	put_field("prodid", p ? icalproperty_get_prodid(p) : NULL);
	put_field("version", v ? icalproperty_get_version(v) : NULL);
	puts("}");
	if (!p || !v) {
		fprintf(stderr, "ics-check: the calendar lacks its PRODID or VERSION\n");
		bad++;
	}
	for (icalcomponent *c = icalcomponent_get_first_component(cal, ICAL_ANY_COMPONENT); c;
	     c = icalcomponent_get_next_component(cal, ICAL_ANY_COMPONENT)) {
		const char *kind = icalcomponent_kind_to_string(icalcomponent_isa(c));
		const char *uid = icalcomponent_get_uid(c);
		struct icaltimetype stamp = icalcomponent_get_dtstamp(c);
		if (!uid || !*uid || icaltime_is_null_time(stamp)) {
			fprintf(stderr, "ics-check: a %s without its UID or DTSTAMP\n", kind);
			bad++;
		}
		printf("{\"kind\": ");
		put_json(kind);
		put_field("uid", uid);
		put_time("dtstamp", stamp);
		put_field("summary", icalcomponent_get_summary(c));
		put_field("description", icalcomponent_get_description(c));
		icalproperty_status status = icalcomponent_get_status(c);
		put_field("status", status == ICAL_STATUS_NONE
		                            ? NULL
		                            : icalproperty_status_to_string(status));
		icalproperty *pr = icalcomponent_get_first_property(c, ICAL_PRIORITY_PROPERTY);
		if (pr)
			printf(", \"priority\": %d", icalproperty_get_priority(pr));
		else
			printf(", \"priority\": null");
		printf(", \"categories\": [");
		int n = 0;
		for (icalproperty *cp =
		             icalcomponent_get_first_property(c, ICAL_CATEGORIES_PROPERTY);
		     cp; cp = icalcomponent_get_next_property(c, ICAL_CATEGORIES_PROPERTY)) {
			if (n++)
				fputs(", ", stdout);
			put_json(icalproperty_get_categories(cp));
		}
		putchar(']');
		if (icalcomponent_isa(c) == ICAL_VTODO_COMPONENT)
			put_time("due", icalcomponent_get_due(c));
		else {
			put_time("dtstart", icalcomponent_get_dtstart(c));
			put_time("dtend", icalcomponent_get_dtend(c));
		}
		puts("}");
	}
	icalcomponent_free(cal);
	if (fflush(stdout) == EOF || ferror(stdout))
		return 2;
	return bad ? 1 : 0;
}

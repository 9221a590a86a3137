/*
 * state.c: the last client, panel and screen, remembered across runs in
 * $XDG_STATE_HOME/cxo/state: a tiny text file, not the database, so that
 * looking at the dashboard never writes the database.
 *
 *   client acme
 *   panel actions
 *   screen client
 */
#include "state.h"
#include "cxo/vocab.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define STATE_MAX 4096

void tui_state_parse(const char *text, struct tui_state *out)
{
	memset(out, 0, sizeof *out);
	out->panel = (enum panel_id)0; /* the first panel */
	while (text && *text) {
		size_t len = strcspn(text, "\n");
		char line[256];
		if (len < sizeof line) {
			memcpy(line, text, len);
			line[len] = '\0';
			char *sp = strchr(line, ' ');
			if (sp) {
				*sp = '\0';
				const char *val = sp + 1;
				char err[8];
				if (!strcmp(line, "client") &&
				    client_key_valid(val, err, sizeof err))
					snprintf(out->client, sizeof out->client, "%s", val);
				else if (!strcmp(line, "panel"))
					panel_from_word(val, &out->panel);
				else if (!strcmp(line, "screen"))
					out->overview = !strcmp(val, "overview");
			}
		}
		text += len;
		if (*text == '\n')
			text++;
	}
}

void tui_state_format(const struct tui_state *s, char *buf, size_t n)
{
	snprintf(buf, n, "client %s\npanel %s\nscreen %s\n", s->client, panel_word(s->panel),
	         s->overview ? "overview" : "client");
}

static bool state_dir(char *buf, size_t n)
{
	const char *xdg = getenv("XDG_STATE_HOME");
	const char *home = getenv("HOME");
	int w;

	if (xdg && xdg[0] == '/')
		w = snprintf(buf, n, "%s/cxo", xdg);
	else if (home && home[0] == '/')
		w = snprintf(buf, n, "%s/.local/state/cxo", home);
	else
		return false;
	return w > 0 && (size_t)w < n;
}

bool tui_state_path(char *buf, size_t n)
{
	char dir[4096];
	if (!state_dir(dir, sizeof dir))
		return false;
	int w = snprintf(buf, n, "%s/state", dir);
	return w > 0 && (size_t)w < n;
}

void tui_state_load(struct tui_state *out)
{
	char path[4200], text[STATE_MAX];
	tui_state_parse(NULL, out);
	if (!tui_state_path(path, sizeof path))
		return;
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
	if (fd < 0)
		return;
	ssize_t got = read(fd, text, sizeof text - 1);
	close(fd);
	if (got <= 0)
		return;
	text[got] = '\0';
	tui_state_parse(text, out);
}

/* mkdir -p with mode 0700 for the parts it creates. */
static int make_dirs(char *path)
{
	for (char *p = path + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		int rc = mkdir(path, 0700);
		*p = '/';
		if (rc && errno != EEXIST)
			return -1;
	}
	if (mkdir(path, 0700) && errno != EEXIST)
		return -1;
	return 0;
}

int tui_state_save(const struct tui_state *s)
{
	char dir[4096], path[4200], tmp[4200], text[STATE_MAX];

	if (!state_dir(dir, sizeof dir) || make_dirs(dir))
		return -1;
	snprintf(path, sizeof path, "%s/state", dir);
	snprintf(tmp, sizeof tmp, "%s/.state.XXXXXX", dir);
	tui_state_format(s, text, sizeof text);

	int fd = mkstemp(tmp);
	if (fd < 0)
		return -1;
	size_t len = strlen(text), done = 0;
	int rc = fchmod(fd, 0600);
	while (rc == 0 && done < len) {
		ssize_t w = write(fd, text + done, len - done);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			rc = -1;
		else
			done += (size_t)w;
	}
	if (close(fd) && rc == 0)
		rc = -1;
	if (rc == 0 && rename(tmp, path))
		rc = -1;
	if (rc)
		unlink(tmp);
	return rc;
}

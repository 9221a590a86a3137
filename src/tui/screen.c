/*
 * screen.c: the terminal.  Setting it up (newterm, never initscr, which
 * exits on an unknown TERM), colours from the theme or a monochrome
 * screen whose attributes carry the meaning, and putting it back on quit
 * and on fatal signals.
 */
#include "internal.h"

#include <langinfo.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include <term.h>
#include <termios.h>
#include <unistd.h>

/* Set by SIGINT, SIGQUIT, SIGTERM and SIGHUP, which is all their handler
 * does: the loop (and a modal's wait for a key) notices, quits,
 * screen_close puts the terminal back and the demo's directory goes.  The
 * handlers stay from before the demo is made until after it is removed:
 * a second SIGHUP (the kernel's, then the shell's when the terminal
 * closes) must not kill cxo half-way through. */
volatile sig_atomic_t tui_signalled;
static volatile sig_atomic_t screen_active;
static bool signals_installed;

/* What a crash writes to put the terminal back, made while the screen
 * opens: the terminal's own sequences to leave the alternate screen, show
 * the cursor, reset the attributes and the keypad, and stop mouse
 * reports; and the terminal modes from before. */
static char restore_seq[256];
static size_t restore_len;
static struct termios saved_modes;
static bool have_modes;

/* Wakes the loop at least this often to notice other processes' writes. */
#define POLL_MS 1000

static void on_quit_signal(int sig)
{
	tui_signalled = sig;
}

/* A crash must not leave the terminal in raw mode, and the loop will not
 * run again: put it back with write and tcsetattr only (async-signal-safe,
 * unlike endwin), then let the signal do what it would have done (a core
 * dump); SA_RESETHAND has restored its default action. */
static void on_fatal_signal(int sig)
{
	if (screen_active) {
		ssize_t w = write(STDOUT_FILENO, restore_seq, restore_len);
		(void)w;
		if (have_modes)
			tcsetattr(STDIN_FILENO, TCSANOW, &saved_modes);
	}
	raise(sig);
}

static void add_cap(const char *name)
{
	char *cap = tigetstr(name);
	if (!cap || cap == (char *)-1)
		return;
	size_t n = strlen(cap);
	if (restore_len + n < sizeof restore_seq) {
		memcpy(restore_seq + restore_len, cap, n);
		restore_len += n;
	}
}

/* Before newterm: the sequences from terminfo and the modes as they are. */
static void prepare_restore(void)
{
	have_modes = tcgetattr(STDIN_FILENO, &saved_modes) == 0;
	restore_len = 0;
}

/* A terminal without an alternate screen (linux, vt100) would keep the
 * dashboard's last frame under the shell's prompt: it is cleared instead. */
static bool have_alt_screen(void)
{
	char *cap = tigetstr("rmcup");
	return cap && cap != (char *)-1 && *cap;
}

/* After newterm, whose terminfo entry tigetstr reads. */
static void prepare_restore_seq(void)
{
	add_cap("sgr0");
	add_cap("cnorm");
	add_cap("rmkx");
	/* ncurses turns xterm mouse reports on where kmous is "\E[M". */
	char *kmous = tigetstr("kmous");
	if (kmous && kmous != (char *)-1 && !strcmp(kmous, "\033[M")) {
		static const char mouse_off[] = "\033[?1006l\033[?1000l";
		if (restore_len + sizeof mouse_off - 1 < sizeof restore_seq) {
			memcpy(restore_seq + restore_len, mouse_off, sizeof mouse_off - 1);
			restore_len += sizeof mouse_off - 1;
		}
	}
	if (have_alt_screen())
		add_cap("rmcup");
	else
		add_cap("clear");
}

static const int quit_signals[] = { SIGINT, SIGQUIT, SIGTERM, SIGHUP };
static const int fatal_signals[] = { SIGSEGV, SIGABRT, SIGBUS, SIGFPE };
#define N_OF(a) (sizeof(a) / sizeof((a)[0]))

void screen_signals_install(void)
{
	struct sigaction sa;
	if (signals_installed)
		return;
	signals_installed = true;
	tui_signalled = 0;
	memset(&sa, 0, sizeof sa);
	sigemptyset(&sa.sa_mask);
	/* No SA_RESTART: a signal interrupts the wait for a key. */
	sa.sa_handler = on_quit_signal;
	for (size_t i = 0; i < N_OF(quit_signals); i++)
		sigaction(quit_signals[i], &sa, NULL);
	sa.sa_handler = on_fatal_signal;
	sa.sa_flags = SA_RESETHAND;
	for (size_t i = 0; i < N_OF(fatal_signals); i++)
		sigaction(fatal_signals[i], &sa, NULL);
}

void screen_signals_restore(void)
{
	if (!signals_installed)
		return;
	signals_installed = false;
	for (size_t i = 0; i < N_OF(quit_signals); i++)
		signal(quit_signals[i], SIG_DFL);
	for (size_t i = 0; i < N_OF(fatal_signals); i++)
		signal(fatal_signals[i], SIG_DFL);
}

/* The mono theme's meaning, for when its file cannot be found: compiled
 * in from themes/mono.theme (the Makefile writes build/mono_theme.c). */
extern const unsigned tui_mono_attrs[EL_COUNT];

static int curses_attrs(unsigned a)
{
	int r = A_NORMAL;
	if (a & ATTR_BOLD)
		r |= A_BOLD;
	if (a & ATTR_DIM)
		r |= A_DIM;
	if (a & ATTR_UNDERLINE)
		r |= A_UNDERLINE;
	if (a & ATTR_REVERSE)
		r |= A_REVERSE;
	if (a & ATTR_STANDOUT)
		r |= A_STANDOUT;
#ifdef A_ITALIC
	if (a & ATTR_ITALIC)
		r |= A_ITALIC;
#endif
	return r;
}

static bool want_color(const struct tui *ui)
{
	/* --color=always cannot give colour to a terminal without any. */
	return has_colors() && app_color_for(ui->app, true);
}

static void setup_colors(struct tui *ui)
{
	ui->color = want_color(ui);
	if (!ui->color) {
		/* Monochrome: the mono theme's attributes, so the meaning
		 * (overdue, critical, over budget) still shows. */
		struct theme mono;
		char err[512];
		bool have = theme_load("mono", &mono, err, sizeof err) == 0;
		for (int el = 0; el < EL_COUNT; el++)
			ui->attr[el] =
			        curses_attrs(have ? mono.styles[el].attrs : tui_mono_attrs[el]);
		if (have)
			theme_free(&mono);
		return;
	}
	start_color();
	bool have_default = use_default_colors() == OK;
	for (int el = 0; el < EL_COUNT; el++) {
		const struct theme_style *s = &ui->theme.styles[el];
		struct palette_pair p;
		palette_map(s, COLORS, have_default, &p);
		int attrs = curses_attrs(s->attrs | p.attrs);
		/* The terminal's own pair needs no colour pair, and without one
		 * the attributes survive a terminal that cannot show them with
		 * colours (ncv: linux drops dim on a coloured cell). */
		if ((p.fg >= 0 || p.bg >= 0) && el + 1 < COLOR_PAIRS &&
		    init_pair((short)(el + 1), p.fg, p.bg) == OK)
			attrs |= (int)COLOR_PAIR(el + 1);
		ui->attr[el] = attrs;
	}
}

int screen_usable(void)
{
	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
		fprintf(stderr,
		        "cxo: the dashboard needs a terminal (stdin and stdout are not both "
		        "a tty); use the shell commands instead, e.g. 'cxo overview'\n");
		return EX_UNAVAILABLE;
	}
	const char *term = getenv("TERM");
	if (!term || !*term || !strcmp(term, "dumb")) {
		return app_error(EX_UNAVAILABLE,
		                 "the dashboard cannot draw on TERM=%s (set TERM to your "
		                 "terminal's type, e.g. xterm-256color)",
		                 term && *term ? term : "(unset)");
	}
	return 0;
}

int screen_open(struct tui *ui)
{
	int rc = screen_usable();
	if (rc)
		return rc;
	const char *term = getenv("TERM");
	ui->utf8 = !strcmp(nl_langinfo(CODESET), "UTF-8");

	/* Our handlers first: ncurses leaves installed handlers alone.
	 * tui_run installed them already; a caller that did not gets them
	 * until it calls screen_signals_restore. */
	prepare_restore();
	screen_signals_install();
	ui->scr = newterm(NULL, stdout, stdin);
	if (!ui->scr) {
		return app_error(EX_UNAVAILABLE,
		                 "cannot open the terminal \"%s\" (unknown to terminfo?)", term);
	}
	set_term(ui->scr);
	prepare_restore_seq();
	screen_active = 1;
	char *cup = tigetstr("cup");
	if (cup == NULL || cup == (char *)-1) {
		screen_close(ui);
		return app_error(EX_UNAVAILABLE,
		                 "the terminal \"%s\" cannot move the cursor; the dashboard "
		                 "needs one that can",
		                 term);
	}
	cbreak();
	noecho();
	nonl();
	intrflush(stdscr, FALSE);
	keypad(stdscr, TRUE);
	leaveok(stdscr, TRUE);
	curs_set(0);
	set_escdelay(25);
	/* Frames are small and quick: send each whole, in one write, rather
	 * than stopping to poll for typeahead every few lines. */
	typeahead(-1);
	/* The loop wakes up once a second even with no key pressed. */
	wtimeout(stdscr, POLL_MS);
	mouseinterval(0);
	mousemask(BUTTON1_PRESSED | BUTTON4_PRESSED | BUTTON5_PRESSED, NULL);
	setup_colors(ui);
	wbkgdset(stdscr, (chtype)' ' | (chtype)ui->attr[EL_NORMAL]);
	return 0;
}

void screen_close(struct tui *ui)
{
	if (!ui->scr)
		return;
	mousemask(0, NULL);
	curs_set(1);
	endwin();
	if (!have_alt_screen()) {
		char *clear = tigetstr("clear");
		if (clear && clear != (char *)-1)
			putp(clear);
		fflush(stdout);
	}
	screen_active = 0;
	delscreen(ui->scr);
	ui->scr = NULL;
}

void screen_size(struct tui *ui, int *rows, int *cols)
{
	(void)ui;
	getmaxyx(stdscr, *rows, *cols);
}

int tui_attr(const struct tui *ui, enum theme_element el)
{
	if ((unsigned)el >= EL_COUNT)
		return A_NORMAL;
	return ui->attr[el];
}

bool tui_utf8(const struct tui *ui)
{
	return ui->utf8;
}

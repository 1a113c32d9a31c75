#include "tui_term.h"

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <unistd.h>

/* The alternate screen keeps the shell's screen as it was; the cursor is
 * hidden so that it does not blink in a corner of a panel. */
static const char enter_seq[] = "\033[?1049h\033[?25l";
static const char leave_seq[] = "\033[?25h\033[?1049l";

/* An arrow key's bytes arrive together; a lone ESC has nothing after it
 * within this many milliseconds. */
enum { ESC_WAIT_MS = 50 };

static struct termios saved;
static volatile sig_atomic_t active, resized;

void tui_term_leave(void)
{
	int e = errno;	/* a signal handler calls this */
	/* Restored before the flag drops: a signal in between restores again. */
	if (active) {
		tcsetattr(STDIN_FILENO, TCSANOW, &saved);
		if (write(STDOUT_FILENO, leave_seq, sizeof(leave_seq) - 1) < 0) {
			/* the terminal is gone: nothing is left to restore on it */
		}
		active = 0;
	}
	errno = e;
}

/* SA_RESETHAND: once the terminal is back, the signal, still pending
 * while this handler runs, takes its default action. */
static void on_fatal(int sig)
{
	tui_term_leave();
	raise(sig);
}

static void on_winch(int sig)
{
	(void)sig;
	resized = 1;
}

/* No SA_RESTART for SIGWINCH: the read waiting for a key returns, and the
 * screen is drawn again. */
static void handle_signals(void)
{
	static const int fatal[] = { SIGINT, SIGTERM, SIGHUP, SIGQUIT };
	struct sigaction sa = { .sa_handler = on_fatal, .sa_flags = SA_RESETHAND };
	sigemptyset(&sa.sa_mask);
	for (size_t i = 0; i < sizeof(fatal) / sizeof(fatal[0]); i++)
		sigaction(fatal[i], &sa, NULL);
	sa = (struct sigaction){ .sa_handler = on_winch };
	sigemptyset(&sa.sa_mask);
	sigaction(SIGWINCH, &sa, NULL);
}

int tui_term_enter(void)
{
	static int registered;
	if (tcgetattr(STDIN_FILENO, &saved))
		return -1;
	struct termios raw = saved;
	/* ISIG off: ^C arrives as a key and quits like q, through the same
	 * path as every other way out. */
	raw.c_lflag &= ~(tcflag_t)(ICANON | ECHO | ISIG | IEXTEN);
	raw.c_iflag &= ~(tcflag_t)(IXON | ICRNL);
	raw.c_cc[VMIN] = 1;
	raw.c_cc[VTIME] = 0;
	if (!registered && atexit(tui_term_leave))
		return -1;
	registered = 1;
	handle_signals();
	active = 1;
	if (tcsetattr(STDIN_FILENO, TCSANOW, &raw)) {
		active = 0;
		return -1;
	}
	return tui_term_write(enter_seq, sizeof(enter_seq) - 1);
}

static int next_byte(unsigned char *c)
{
	struct pollfd p = { .fd = STDIN_FILENO, .events = POLLIN };
	return poll(&p, 1, ESC_WAIT_MS) == 1 && read(STDIN_FILENO, c, 1) == 1 ? 0 : -1;
}

/* After ESC: an arrow key is ESC [ A..D, or ESC O A..D in the terminal's
 * application mode, perhaps with parameters (ESC [ 1 ; 5 C); the whole of any
 * other sequence (F5 is ESC [ 1 5 ~) is read and ignored, so none of its
 * digits is taken for a key. */
static int escape(void)
{
	unsigned char intro, final = 0;
	if (next_byte(&intro) || (intro != '[' && intro != 'O'))
		return TUI_KEY_NONE;
	for (int n = 0; n < 16; n++)
		if (next_byte(&final) || (final >= 0x40 && final <= 0x7e))
			break;
	switch (final) {
	case 'A': return TUI_KEY_UP;
	case 'B': return TUI_KEY_DOWN;
	case 'C': return TUI_KEY_RIGHT;
	case 'D': return TUI_KEY_LEFT;
	default: return TUI_KEY_NONE;
	}
}

int tui_term_key(void)
{
	unsigned char c;
	ssize_t n = read(STDIN_FILENO, &c, 1);
	if (n < 0 && errno == EINTR) {
		int r = resized;
		resized = 0;
		return r ? TUI_KEY_RESIZE : TUI_KEY_NONE;
	}
	if (n <= 0)
		return TUI_KEY_EOF;
	return c == 0x1b ? escape() : c;
}

int tui_term_size(int *rows, int *cols)
{
	struct winsize w;
	if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &w) || !w.ws_row || !w.ws_col)
		return -1;
	*rows = w.ws_row;
	*cols = w.ws_col;
	return 0;
}

int tui_term_write(const char *buf, size_t len)
{
	while (len) {
		ssize_t n = write(STDOUT_FILENO, buf, len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return -1;
		buf += n;
		len -= (size_t)n;
	}
	return 0;
}

/*
 * The terminal under the interactive replay: keys read one at a time
 * (raw mode), whole screens written at once, and the terminal given back
 * as it was however the replay ends: on return, at exit, or on SIGINT,
 * SIGTERM, SIGHUP or SIGQUIT (the signal then goes on to its default
 * action). A SIGKILL cannot be caught.
 */
#ifndef VIZ_TUI_TERM_H
#define VIZ_TUI_TERM_H

#include <stddef.h>

/* What tui_term_key returns besides a byte typed. */
enum {
	TUI_KEY_EOF = -1,	/* no more input */
	TUI_KEY_NONE = 0,	/* nothing to act on (a sequence not known) */
	TUI_KEY_UP = 256, TUI_KEY_DOWN, TUI_KEY_RIGHT, TUI_KEY_LEFT,
	TUI_KEY_RESIZE,		/* the window changed size: draw again */
};

/* Raw mode on stdin, the alternate screen on stdout. 0, or -1 (errno). */
int tui_term_enter(void);
/* Back to the saved modes and the normal screen; does nothing the second
 * time. Async-signal-safe. */
void tui_term_leave(void);
/* The next key, waiting for it. */
int tui_term_key(void);
/* The window's rows and columns; 0 or -1. */
int tui_term_size(int *rows, int *cols);
/* All of buf to stdout. 0 or -1. */
int tui_term_write(const char *buf, size_t len);

#endif

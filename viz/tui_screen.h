/*
 * The terminal replay draws into a fixed grid of character cells, 100
 * columns by 30 rows, before anything reaches the terminal: panels cannot
 * spill into each other or past the edge whatever the database holds, and
 * the same grid prints as plain text when stdout is not a terminal.
 * Every text put on the grid goes through the terminal sanitizer
 * (termtext.h) first, ours and the database's alike.
 */
#ifndef VIZ_TUI_SCREEN_H
#define VIZ_TUI_SCREEN_H

#include <stddef.h>
#include <stdint.h>

#define TUI_COLS 100
#define TUI_ROWS 30

struct tui_cell {
	char ch[5];		/* one character, UTF-8, NUL-terminated */
	unsigned char lit;	/* highlighted: reverse video on a terminal */
};

struct tui_screen {
	struct tui_cell cell[TUI_ROWS][TUI_COLS];
};

/* Bytes tui_row may write: four per character, an SGR pair per cell. */
#define TUI_ROW_BYTES (TUI_COLS * 4 + TUI_COLS * 8 + 1)

/* Every cell a space, nothing lit. */
void tui_clear(struct tui_screen *s);
/* text at (row, col), sanitized, in at most width columns (a longer one is
 * cut with "…"), clipped at the right edge; lit highlights it. Returns the
 * columns written. */
int tui_put(struct tui_screen *s, int row, int col, int width, int lit, const char *text);
/* The same with printf formatting, the result sanitized as a whole. */
int tui_putf(struct tui_screen *s, int row, int col, int width, int lit, const char *fmt, ...)
	__attribute__((format(printf, 6, 7)));
/* Highlights width columns from (row, col), blanks included. */
void tui_light(struct tui_screen *s, int row, int col, int width);
/* A rule "── title ───" across width columns, the title printf-formatted. */
void tui_rule(struct tui_screen *s, int row, int col, int width, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));
/* Row as text into buf (TUI_ROW_BYTES), at most cols columns, trailing
 * blanks dropped; ansi draws lit cells in reverse video. Returns its length. */
size_t tui_row(const struct tui_screen *s, int row, int cols, int ansi, char *buf);
/* The rows up to the last one that is not blank. */
int tui_rows_used(const struct tui_screen *s);

/* Room for tui_hex's text. */
#define TUI_HEX 16
/* v as 0x%08x, or "—" where it is RM_NULL (replay_model.h); returns buf. */
const char *tui_hex(char *buf, int64_t v);

#endif

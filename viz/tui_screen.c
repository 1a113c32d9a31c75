#include "tui_screen.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "replay_model.h"
#include "termtext.h"
#include "utf8.h"

void tui_clear(struct tui_screen *s)
{
	for (int r = 0; r < TUI_ROWS; r++)
		for (int c = 0; c < TUI_COLS; c++)
			s->cell[r][c] = (struct tui_cell){ " ", 0 };
}

int tui_put(struct tui_screen *s, int row, int col, int width, int lit, const char *text)
{
	if (row < 0 || row >= TUI_ROWS || col < 0 || col >= TUI_COLS || width <= 0)
		return 0;
	if (width > TUI_COLS - col)
		width = TUI_COLS - col;
	char buf[TERM_BYTES(TUI_COLS)];
	size_t len;
	term_text(buf, (const unsigned char *)text, strlen(text), (size_t)width, &len);
	/* term_text wrote valid UTF-8, one column per character. */
	int cols = 0;
	for (size_t i = 0, n; i < len; i += n, cols++) {
		n = utf8_seq_len((const unsigned char *)buf + i, len - i);
		struct tui_cell *c = &s->cell[row][col + cols];
		memcpy(c->ch, buf + i, n);
		c->ch[n] = '\0';
		c->lit = (unsigned char)(lit != 0);
	}
	return cols;
}

static int put_va(struct tui_screen *s, int row, int col, int width, int lit, const char *fmt,
		  va_list ap)
{
	char buf[8 * TUI_COLS];	/* wider than any line: term_text cuts it */
	vsnprintf(buf, sizeof(buf), fmt, ap);
	return tui_put(s, row, col, width, lit, buf);
}

int tui_putf(struct tui_screen *s, int row, int col, int width, int lit, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int cols = put_va(s, row, col, width, lit, fmt, ap);
	va_end(ap);
	return cols;
}

void tui_light(struct tui_screen *s, int row, int col, int width)
{
	for (int c = col; c < col + width && c < TUI_COLS; c++)
		if (row >= 0 && row < TUI_ROWS && c >= 0)
			s->cell[row][c].lit = 1;
}

void tui_rule(struct tui_screen *s, int row, int col, int width, const char *fmt, ...)
{
	va_list ap;
	int at = col + tui_put(s, row, col, width, 0, "── ");
	va_start(ap, fmt);
	at += put_va(s, row, at, col + width - at - 1, 0, fmt, ap);
	va_end(ap);
	for (at++; at < col + width; at++)
		tui_put(s, row, at, 1, 0, "─");
}

/* A lit blank shows on a terminal (a highlighted bar), not in plain text. */
static int blank(const struct tui_cell *c, int ansi)
{
	return !(ansi && c->lit) && !strcmp(c->ch, " ");
}

size_t tui_row(const struct tui_screen *s, int row, int cols, int ansi, char *buf)
{
	const struct tui_cell *cell = s->cell[row];
	int end = cols < TUI_COLS ? cols : TUI_COLS, lit = 0;
	size_t p = 0;
	while (end > 0 && blank(&cell[end - 1], ansi))
		end--;
	for (int c = 0; c < end; c++) {
		if (ansi && cell[c].lit != lit) {
			lit = cell[c].lit;
			p += (size_t)sprintf(buf + p, lit ? "\033[7m" : "\033[27m");
		}
		size_t n = strlen(cell[c].ch);
		memcpy(buf + p, cell[c].ch, n);
		p += n;
	}
	if (lit)
		p += (size_t)sprintf(buf + p, "\033[27m");
	buf[p] = '\0';
	return p;
}

int tui_rows_used(const struct tui_screen *s)
{
	char buf[TUI_ROW_BYTES];
	int used = 0;
	for (int r = 0; r < TUI_ROWS; r++)
		if (tui_row(s, r, TUI_COLS, 1, buf))
			used = r + 1;
	return used;
}

const char *tui_hex(char *buf, int64_t v)
{
	if (v == RM_NULL)
		return "—";
	snprintf(buf, TUI_HEX, "0x%08llx", (unsigned long long)(uint32_t)v);
	return buf;
}

/* Query results as an aligned text table: every row is read first, since a
 * column's width depends on its longest cell. Numeric columns are aligned
 * right, NULL shows as "-", and control bytes and invalid UTF-8 as '?', so
 * that nothing in the database can drive the terminal. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "out.h"
#include "utf8.h"

/* A column is numeric if it holds numbers and nothing else but NULL. */
enum { NUM_NO, NUM_YES, NUM_UNSEEN };

struct grid {
	char **cell;		/* row-major; row 0 is the header */
	size_t n, cap;
	int ncol;
};

/* A printable copy of n bytes; *width gets its length in characters. */
static char *clean(const unsigned char *s, size_t n, size_t *width)
{
	char *d = malloc(n + 1), *p = d;
	*width = 0;
	if (!d)
		return NULL;
	for (size_t i = 0; i < n; (*width)++) {
		size_t len = utf8_seq_len(s + i, n - i);
		if (!len || s[i] < 0x20 || s[i] == 0x7f) {
			*p++ = '?';
			i++;
			continue;
		}
		memcpy(p, s + i, len);
		p += len;
		i += len;
	}
	*p = 0;
	return d;
}

static char *hex(const unsigned char *b, size_t n, size_t *width)
{
	char *d = malloc(2 * n + 1);
	for (size_t i = 0; d && i < n; i++)
		snprintf(d + 2 * i, 3, "%02x", b[i]);
	if (d)
		d[2 * n] = 0;
	*width = 2 * n;
	return d;
}

static char *cell_of(sqlite3_stmt *st, int i, size_t *width)
{
	const unsigned char *p;
	switch (sqlite3_column_type(st, i)) {
	case SQLITE_NULL:
		return clean((const unsigned char *)"-", 1, width);
	case SQLITE_BLOB:
		p = sqlite3_column_blob(st, i);
		return hex(p, (size_t)sqlite3_column_bytes(st, i), width);
	default:
		p = sqlite3_column_text(st, i);
		return clean(p, (size_t)sqlite3_column_bytes(st, i), width);
	}
}

static int push(struct grid *g, char *s)
{
	if (!s)
		return -1;
	if (g->n == g->cap) {
		size_t cap = g->cap ? 2 * g->cap : 64;
		char **c = cap < SIZE_MAX / sizeof(*c) ? realloc(g->cell, cap * sizeof(*c)) : NULL;
		if (!c) {
			free(s);
			return -1;
		}
		g->cell = c;
		g->cap = cap;
	}
	g->cell[g->n++] = s;
	return 0;
}

static void widen(size_t *w, size_t width)
{
	if (width > *w)
		*w = width;
}

/* Read every row into g, tracking widths and which columns are numeric; an
 * SQLite result code (SQLITE_DONE when complete), or SQLITE_NOMEM. */
static int fill(struct grid *g, sqlite3_stmt *st, size_t *w, char *numeric)
{
	size_t width;
	for (int i = 0; i < g->ncol; i++) {
		const char *name = sqlite3_column_name(st, i);
		name = name ? name : "?";
		if (push(g, clean((const unsigned char *)name, strlen(name), &width)))
			return SQLITE_NOMEM;
		widen(&w[i], width);
		numeric[i] = NUM_UNSEEN;
	}
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		for (int i = 0; i < g->ncol; i++) {
			int type = sqlite3_column_type(st, i);
			if (push(g, cell_of(st, i, &width)))
				return SQLITE_NOMEM;
			widen(&w[i], width);
			if (type == SQLITE_TEXT || type == SQLITE_BLOB)
				numeric[i] = NUM_NO;
			else if (type != SQLITE_NULL && numeric[i] == NUM_UNSEEN)
				numeric[i] = NUM_YES;
		}
	}
	return rc;
}

static size_t chars(const char *s)
{
	size_t n = 0;
	for (; *s; s++)
		n += ((unsigned char)*s & 0xc0) != 0x80;
	return n;
}

static void print_row(FILE *out, char **row, int ncol, const size_t *w, const char *numeric)
{
	for (int i = 0; i < ncol; i++) {
		size_t pad = w[i] - chars(row[i]);
		int right = numeric[i] == NUM_YES, last = i == ncol - 1;
		fprintf(out, "%s%*s%s%*s", i ? "  " : "", right ? (int)pad : 0, "", row[i],
			right || last ? 0 : (int)pad, "");
	}
	fputc('\n', out);
}

static void print_rule(FILE *out, int ncol, const size_t *w)
{
	for (int i = 0; i < ncol; i++) {
		fputs(i ? "  " : "", out);
		for (size_t k = 0; k < w[i]; k++)
			fputc('-', out);
	}
	fputc('\n', out);
}

int out_table(FILE *out, sqlite3_stmt *st, char *err, size_t errlen)
{
	struct grid g = { .ncol = sqlite3_column_count(st) };
	size_t *w = calloc((size_t)g.ncol + 1, sizeof(*w));
	char *numeric = calloc((size_t)g.ncol + 1, 1);
	int rc = w && numeric ? fill(&g, st, w, numeric) : SQLITE_NOMEM;
	if (rc == SQLITE_DONE && g.ncol) {
		print_row(out, g.cell, g.ncol, w, numeric);
		print_rule(out, g.ncol, w);
		for (size_t r = 1; r < g.n / (size_t)g.ncol; r++)
			print_row(out, g.cell + r * (size_t)g.ncol, g.ncol, w, numeric);
	}
	if (rc == SQLITE_NOMEM)
		snprintf(err, errlen, "out of memory for the table");
	else if (rc != SQLITE_DONE)
		snprintf(err, errlen, "%s", sqlite3_errmsg(sqlite3_db_handle(st)));
	for (size_t i = 0; i < g.n; i++)
		free(g.cell[i]);
	free(g.cell);
	free(w);
	free(numeric);
	return rc == SQLITE_DONE ? 0 : -1;
}

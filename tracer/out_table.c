/* Query results as an aligned text table, streamed: the widths come from the
 * first rows (a bounded sample), and a later, wider cell widens its column
 * from there on. Each cell is cut at CELL_MAX columns with a visible "…",
 * so one huge cell cannot blow up the whole table, and memory stays constant
 * however many rows there are. Numeric columns are aligned right, NULL shows
 * as "-", and text goes through the terminal sanitizer (viz/termtext.h). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "out.h"
#include "termtext.h"

enum {
	CELL_MAX = 72,		/* columns of the widest cell */
	SAMPLE_CELLS = 4096,	/* cells read before the first row is printed */
};

/* A column is numeric if it holds numbers and nothing else but NULL. */
enum { NUM_NO, NUM_YES, NUM_UNSEEN };

struct cell {
	char *text;		/* sanitized, NUL-terminated */
	size_t len, cols;
};

struct table {
	FILE *out;
	int ncol;
	size_t *w;		/* column widths so far */
	char *numeric;
	struct cell *rows;	/* the sample, row-major; row 0 is the header */
	size_t nrows, cap;	/* rows held, rows the sample may hold */
	char *scratch;		/* one cell's rendering */
	char *rowbuf;		/* once streaming: every cell's rendering */
	char *line;		/* one printed row (line_bytes) */
};

/* Renders one value into c: into the row buffer once streaming (no
 * allocation per cell, the hot path), else into a copy for the sample
 * (NULL text when out of memory). */
static void render(struct table *t, struct cell *c, const unsigned char *s, size_t n)
{
	if (t->rowbuf) {
		c->cols = term_text(c->text, s, n, CELL_MAX, &c->len);
		return;
	}
	c->cols = term_text(t->scratch, s, n, CELL_MAX, &c->len);
	c->text = malloc(c->len + 1);
	if (c->text)
		memcpy(c->text, t->scratch, c->len + 1);
}

/* A blob shows as hex; only the part that fits is converted. */
static void render_blob(struct table *t, struct cell *c, const unsigned char *b, size_t n)
{
	char hex[2 * CELL_MAX + 2];
	size_t k = n < CELL_MAX ? n : CELL_MAX;
	for (size_t i = 0; i < k; i++)
		snprintf(hex + 2 * i, 3, "%02x", b[i]);
	render(t, c, (const unsigned char *)hex, 2 * k);	/* cut if k < n */
}

static void render_value(struct table *t, struct cell *c, sqlite3_stmt *st, int i)
{
	int type = sqlite3_column_type(st, i);
	if (type == SQLITE_NULL)
		render(t, c, (const unsigned char *)"-", 1);
	else if (type == SQLITE_BLOB)
		render_blob(t, c, sqlite3_column_blob(st, i), (size_t)sqlite3_column_bytes(st, i));
	else
		render(t, c, sqlite3_column_text(st, i), (size_t)sqlite3_column_bytes(st, i));
	if (t->rowbuf)
		return;	/* streaming: the sample decided, so a column keeps its side */
	if (type == SQLITE_TEXT || type == SQLITE_BLOB)
		t->numeric[i] = NUM_NO;
	else if (type != SQLITE_NULL && t->numeric[i] == NUM_UNSEEN)
		t->numeric[i] = NUM_YES;
}

/* Renders the current row (or the header) into row; -1 if out of memory. */
static int take_row(struct table *t, struct cell *row, sqlite3_stmt *st, int header)
{
	int rc = 0;
	for (int i = 0; i < t->ncol; i++) {
		const char *name = header ? sqlite3_column_name(st, i) : NULL;
		if (header)
			render(t, &row[i], (const unsigned char *)(name ? name : "?"),
			       strlen(name ? name : "?"));
		else
			render_value(t, &row[i], st, i);
		if (!row[i].text)
			rc = -1;
		else if (row[i].cols > t->w[i])
			t->w[i] = row[i].cols;
	}
	return rc;
}

static void free_row(struct cell *row, int ncol)
{
	for (int i = 0; i < ncol; i++) {
		free(row[i].text);
		row[i].text = NULL;
	}
}

/* Bytes of one printed row at most: each cell, its padding (widths are at
 * most CELL_MAX) and the two spaces before it; then the newline. */
static size_t line_bytes(int ncol)
{
	return (size_t)ncol * (TERM_BYTES(CELL_MAX) + CELL_MAX + 2) + 2;
}

/* The row is put together in t->line and written at once: one stdio call a
 * row, not a few a cell, is what keeps the table near CSV's speed. */
static void print_row(const struct table *t, const struct cell *row)
{
	char *p = t->line;
	for (int i = 0; i < t->ncol; i++) {
		size_t gap = t->w[i] - row[i].cols;
		int right = t->numeric[i] == NUM_YES, last = i == t->ncol - 1;
		if (i)
			*p++ = ' ', *p++ = ' ';
		if (right)
			memset(p, ' ', gap), p += gap;
		memcpy(p, row[i].text, row[i].len), p += row[i].len;
		if (!right && !last)
			memset(p, ' ', gap), p += gap;
	}
	*p++ = '\n';
	fwrite(t->line, 1, (size_t)(p - t->line), t->out);
}

static void print_rule(const struct table *t)
{
	for (int i = 0; i < t->ncol; i++) {
		fputs(i ? "  " : "", t->out);
		for (size_t k = 0; k < t->w[i]; k++)
			fputc('-', t->out);
	}
	fputc('\n', t->out);
}

/* Reads the header and the sample; an SQLite result code: SQLITE_ROW if
 * rows remain, SQLITE_DONE, an error, or SQLITE_NOMEM. */
static int sample(struct table *t, sqlite3_stmt *st)
{
	if (take_row(t, t->rows, st, 1))
		return SQLITE_NOMEM;
	for (int i = 0; i < t->ncol; i++)
		t->numeric[i] = NUM_UNSEEN;
	for (t->nrows = 1;; t->nrows++) {
		int rc = sqlite3_step(st);
		if (rc != SQLITE_ROW || t->nrows == t->cap)
			return rc;
		if (take_row(t, t->rows + t->nrows * (size_t)t->ncol, st, 0))
			return SQLITE_NOMEM;
	}
}

/* Prints the sample, then every further row as it comes (st is on a row
 * when rc is SQLITE_ROW); returns the final result code. */
static int stream(struct table *t, sqlite3_stmt *st, int rc)
{
	struct cell *row = t->rows;	/* the header's place, printed already */
	print_row(t, t->rows);
	print_rule(t);
	for (size_t r = 1; r < t->nrows; r++)
		print_row(t, t->rows + r * (size_t)t->ncol);
	free_row(row, t->ncol);
	if (rc != SQLITE_ROW)
		return rc;
	t->rowbuf = malloc((size_t)t->ncol * TERM_BYTES(CELL_MAX));
	if (!t->rowbuf)
		return SQLITE_NOMEM;
	for (int i = 0; i < t->ncol; i++)
		row[i].text = t->rowbuf + (size_t)i * TERM_BYTES(CELL_MAX);
	for (; rc == SQLITE_ROW && !ferror(t->out); rc = sqlite3_step(st)) {
		take_row(t, row, st, 0);	/* cannot fail: no allocation */
		print_row(t, row);
	}
	for (int i = 0; i < t->ncol; i++)
		row[i].text = NULL;	/* not the sample's to free */
	return rc;
}

static int table_init(struct table *t, FILE *out, sqlite3_stmt *st)
{
	size_t ncol = (size_t)sqlite3_column_count(st);
	*t = (struct table){ .out = out, .ncol = (int)ncol };
	t->cap = 1 + SAMPLE_CELLS / (ncol ? ncol : 1);
	t->w = calloc(ncol + 1, sizeof(*t->w));
	t->numeric = calloc(ncol + 1, 1);
	t->rows = calloc(t->cap * ncol + 1, sizeof(*t->rows));
	t->scratch = malloc(TERM_BYTES(CELL_MAX));
	t->line = malloc(line_bytes(t->ncol));
	return t->w && t->numeric && t->rows && t->scratch && t->line ? 0 : -1;
}

static void table_free(struct table *t)
{
	for (size_t r = 0; t->rows && r < t->cap; r++)
		free_row(t->rows + r * (size_t)t->ncol, t->ncol);
	free(t->rows);
	free(t->w);
	free(t->numeric);
	free(t->scratch);
	free(t->rowbuf);
	free(t->line);
}

int out_table(FILE *out, sqlite3_stmt *st)
{
	struct table t;
	int rc = table_init(&t, out, st) ? SQLITE_NOMEM : sample(&t, st);
	if ((rc == SQLITE_ROW || rc == SQLITE_DONE) && t.ncol)
		rc = stream(&t, st, rc);
	while (rc == SQLITE_ROW)	/* no columns: nothing to show */
		rc = sqlite3_step(st);
	table_free(&t);
	return rc;
}

/* Query helpers of the replay model: one loop over a statement's rows with
 * every SQLite return code checked, and columns copied out bounded. */
#include "replay_rows.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int rr_say(struct rr_err *e, const char *fmt, ...)
{
	if (!e->buf[0]) {
		va_list ap;
		va_start(ap, fmt);
		vsnprintf(e->buf, e->len, fmt, ap);
		va_end(ap);
	}
	return -1;
}

static int bind(sqlite3_stmt *st, const struct rr_key *k)
{
	int n = sqlite3_bind_parameter_count(st);
	if (n >= 1 && sqlite3_bind_int64(st, 1, k->run) != SQLITE_OK)
		return -1;
	if (n >= 2 && sqlite3_bind_int64(st, 2, k->seq) != SQLITE_OK)
		return -1;
	if (n >= 3 && sqlite3_bind_text(st, 3, k->owner, -1, SQLITE_STATIC) != SQLITE_OK)
		return -1;
	return 0;
}

int rr_each(sqlite3 *h, const char *sql, const struct rr_key *k,
	    int (*fn)(void *ctx, sqlite3_stmt *st), void *ctx, struct rr_err *e)
{
	sqlite3_stmt *st = NULL;
	int rc, out = 0;
	if (sqlite3_prepare_v2(h, sql, -1, &st, NULL) != SQLITE_OK || bind(st, k)) {
		rr_say(e, "database: %s", sqlite3_errmsg(h));
		sqlite3_finalize(st);
		return -1;
	}
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		if ((out = fn(ctx, st)) != 0)
			break;
	if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
		rr_say(e, "database: %s", sqlite3_errmsg(h));
		out = -1;
	}
	sqlite3_finalize(st);
	return out;
}

int64_t rr_int(sqlite3_stmt *st, int col)
{
	return sqlite3_column_type(st, col) == SQLITE_NULL ? RM_NULL : sqlite3_column_int64(st, col);
}

char *rr_text(sqlite3_stmt *st, int col)
{
	const unsigned char *s = sqlite3_column_text(st, col);
	size_t n = s ? (size_t)sqlite3_column_bytes(st, col) : 0;
	char *out = malloc((n > RM_TEXT_MAX ? RM_TEXT_MAX : n) + 1);
	if (!out)
		return NULL;
	n = n > RM_TEXT_MAX ? RM_TEXT_MAX : n;
	if (n)
		memcpy(out, s, n);
	out[n] = '\0';
	return out;
}

/* Capacities are powers of two from 16, so the count alone says when to
 * grow. */
int rr_push(void **arr, size_t *n, size_t size, size_t cap)
{
	size_t k = *n;
	if (k >= cap)
		return 1;
	if (k == 0 || (k >= 16 && (k & (k - 1)) == 0)) {
		void *p = realloc(*arr, (k ? k * 2 : 16) * size);
		if (!p)
			return -1;
		*arr = p;
	}
	*n = k + 1;
	return 0;
}

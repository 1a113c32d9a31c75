/* Inside the replay model (replay_model.c, replay_parts.c): running one
 * query over a fault's rows, and taking its columns apart safely. */
#ifndef VIZ_REPLAY_ROWS_H
#define VIZ_REPLAY_ROWS_H

#include <sqlite3.h>
#include <stddef.h>
#include <stdint.h>

#include "replay_model.h"

struct rr_err {
	char *buf;
	size_t len;
};

/* What a query is about: bound as ?1, ?2 and ?3, as far as it has them. */
struct rr_key {
	int64_t run, seq;
	const char *owner;
};

/* Prepare sql, bind the key, and call fn on each row: fn returns 0 to go on,
 * 1 to stop, -1 on failure. -1 (with a message in e if SQLite failed), 1 if
 * fn stopped, 0 after the last row. */
int rr_each(sqlite3 *h, const char *sql, const struct rr_key *k,
	    int (*fn)(void *ctx, sqlite3_stmt *st), void *ctx, struct rr_err *e);
/* The column as an integer, RM_NULL if NULL. */
int64_t rr_int(sqlite3_stmt *st, int col);
/* The column's text, at most RM_TEXT_MAX bytes, in a new string ("" for
 * NULL); NULL only when out of memory. */
char *rr_text(sqlite3_stmt *st, int col);
/* Append one element (of size bytes) to *arr, which holds *n of them and
 * may hold cap: 0 with *n counting the new element, 1 if *arr is full, -1
 * when out of memory. */
int rr_push(void **arr, size_t *n, size_t size, size_t cap);
/* Set the message unless one is set already; returns -1. */
int rr_say(struct rr_err *e, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* The probes, the tables they read, the walk and the source lines. */
int replay_load_parts(sqlite3 *h, struct replay_model *m, struct rr_err *e);

#endif

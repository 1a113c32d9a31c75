/* Inside the database code: the file opener (db_file.c) and the writer's
 * state and helpers shared by db.c and db_rows.c. */
#ifndef TRACER_DB_IMPL_H
#define TRACER_DB_IMPL_H

#include <sqlite3.h>
#include <stddef.h>
#include <stdint.h>

/* Open PATH; writable: create the schema in a new or empty file and switch
 * to WAL. 0 and a handle, or -1 with one line in err (and *out NULL). */
int db_file_open(sqlite3 **out, const char *path, int writable, char *err, size_t errlen);

enum {
	ST_BEGIN, ST_COMMIT, ST_RUN_BEGIN, ST_RUN_END, ST_FAULT, ST_FAULT_UPDATE,
	ST_CONSOLE, ST_EXTABLE, ST_STEP, ST_STEP_REG, ST_SOURCE, ST_PROBE, ST_WALK, ST_BENCH,
	NR_ST
};

/* The fault columns that db_update_fault rewrites come first in both
 * ST_FAULT and ST_FAULT_UPDATE, so one function binds them for both. */
#define FAULT_LATE_COLS 16

#define STR_MAX 4096	/* longest name accepted through a pointer */

struct db {
	sqlite3 *h;
	sqlite3_stmt *st[NR_ST];
	unsigned pending;		/* rows in the open transaction */
	char path[256];			/* for messages */
	char err[512];
};

/* Set db->err from SQLite's last error; returns -1. */
int db_fail(struct db *db);
/* Step a bound statement to completion and clear it for the next row. */
int db_step(struct db *db, sqlite3_stmt *st);
/* A row starts the batch if none is open, and counts towards its commit. */
int db_row_begin(struct db *db);
int db_row_count(struct db *db);

/* Bind s (at most max bytes) as text, leaving NULL for NULL or "". */
void db_bind_str(sqlite3_stmt *st, int i, const char *s, size_t max);
#define DB_BIND_ARRAY(st, i, s) db_bind_str(st, i, s, sizeof(s))
/* Stored as the signed 64-bit pattern; CHECKs reject what must not wrap. */
void db_bind_u64(sqlite3_stmt *st, int i, uint64_t v);

#endif

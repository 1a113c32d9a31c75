/*
 * The faultline database (schema.sql): the tracer's writer and the query
 * commands' read-only access.
 *
 * Rows are written with prepared statements into one open transaction (a
 * batch) that commits every DB_BATCH_ROWS rows and whenever the caller calls
 * db_flush or db_run_end. Whatever has been committed survives any way the
 * process ends, SIGKILL included (WAL while open, synchronous=NORMAL).
 *
 * Every function returning int gives 0 on success and -1 on failure; then
 * db_error() is a one-line message naming the database file.
 */
#ifndef TRACER_DB_H
#define TRACER_DB_H

#include <sqlite3.h>
#include <stddef.h>
#include <stdint.h>

#include "record.h"

/* PRAGMA application_id and user_version of schema.sql ("Fltb", version 4). */
#define DB_APPLICATION_ID 0x466c7462
#define DB_SCHEMA_VERSION 4

/* Rows per automatic commit: big enough that commits cost little per row. */
#define DB_BATCH_ROWS 8192u

struct db;

/* Open PATH for writing: create the schema in a new or empty file, accept a
 * faultline database of this schema version, refuse anything else (another
 * application's SQLite file, a file that is not SQLite, a path that cannot be
 * written). On failure *out is NULL and err holds one line. */
int db_open(struct db **out, const char *path, char *err, size_t errlen);

/* Start a run; the row is committed at once so the run exists even if
 * faultline is killed. */
int db_run_begin(struct db *db, const struct run_info *info, int64_t *run_id);

/* Record a fault. Empty strings, entry_index < 0, fixup 0 and the cr2 of
 * anything but a page fault are stored as NULL, and so are resume_eip,
 * eax_after and edx_after when resume_eip is 0 (nothing resumed, as after an
 * oops, or not known yet). */
int db_add_fault(struct db *db, int64_t run_id, const struct fault_record *f);

/* Rewrite the lookup and outcome fields (lookup to note) of the fault with
 * f->seq, recorded earlier with db_add_fault. */
int db_update_fault(struct db *db, int64_t run_id, const struct fault_record *f);

/* One console line of len bytes (no newline), stored byte for byte. */
int db_add_console(struct db *db, int64_t run_id, uint64_t ts_ns, const char *line, size_t len);
int db_add_extable(struct db *db, int64_t run_id, const struct extable_row *e);
int db_add_step(struct db *db, int64_t run_id, const struct step_row *s);
int db_add_step_reg(struct db *db, int64_t run_id, const struct step_reg_row *r);
/* One line of a source file (len bytes, no newline); a line already stored
 * for the run is kept. */
int db_add_source_line(struct db *db, int64_t run_id, const char *file, uint32_t line,
		       const char *text, size_t len);
int db_add_probe(struct db *db, int64_t run_id, const struct probe_row *p);
int db_add_walk(struct db *db, int64_t run_id, const struct walk_row *w);
int db_add_bench(struct db *db, int64_t run_id, const struct bench_row *b);

/* Commit the open batch, if any. */
int db_flush(struct db *db);

/* Finish a run (ended_at, status, counts) and commit everything. */
int db_run_end(struct db *db, int64_t run_id, const struct run_end *end);

/* Commits what is pending (call db_flush first to see errors) and closes;
 * the file goes back to a rollback journal, so that reading it needs no
 * write access to its directory. */
void db_close(struct db *db);

/* The last error, one line; "" if none. */
const char *db_error(const struct db *db);

/* $FAULTLINE_DB if set and not empty, else "faultline.db" (current directory). */
const char *db_default_path(void);

/* Open an existing faultline database read-only for queries: no writes, no
 * ATTACH. Refuses missing, empty and foreign files with one line in err. */
int db_open_readonly(sqlite3 **out, const char *path, char *err, size_t errlen);

/* The embedded schema.sql, NUL-terminated (tracer/schema.S). */
extern const char schema_sql[];

#endif

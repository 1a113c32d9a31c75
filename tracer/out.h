/* Printing query results: an aligned table, RFC 4180 CSV or a JSON array of
 * objects. Cell text from the database is hostile (guest console lines, any
 * file's strings): the table shows it through the terminal sanitizer
 * (viz/termtext.h), JSON escapes it (C1 and bidi controls too), CSV quotes
 * what needs quoting and, on a terminal only, is sanitized as well. Output
 * that ends in an error must not pass for a complete result: JSON is left
 * without its closing bracket, CSV ends in an unterminated quoted field. */
#ifndef TRACER_OUT_H
#define TRACER_OUT_H

#include <sqlite3.h>
#include <stddef.h>
#include <stdio.h>

/* OUT_QEMU: `faults --format qemu`, for the timeline's fault rows only */
enum out_format { OUT_TABLE, OUT_CSV, OUT_JSON, OUT_QEMU };

/* Step st to its end and print every row to out, flushed. 0, or -1 with one
 * line in err (a write error, an SQLite error, or memory). */
int out_rows(FILE *out, sqlite3_stmt *st, enum out_format fmt, char *err, size_t errlen);

/* The aligned table (out_table.c); same contract as out_rows. */
int out_table(FILE *out, sqlite3_stmt *st, char *err, size_t errlen);

/* Fault rows (vector, error_code, cpl, eip, cr2) as QEMU's `-d int` log
 * lines (out_qemu.c); same contract as out_rows. */
int out_qemu(FILE *out, sqlite3_stmt *st, char *err, size_t errlen);

/* How printing ended, given the last sqlite3_step result rc (SQLITE_NOMEM
 * for memory): flushes out; 0, or -1 with err. A write error comes first,
 * since the output is incomplete whatever SQLite says. */
int out_status(FILE *out, sqlite3_stmt *st, int rc, char *err, size_t errlen);

#endif

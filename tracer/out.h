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

/* Two of the formats out_rows picks from: each steps st to its end and
 * returns the last sqlite3_step result (SQLITE_NOMEM for memory), which
 * out_rows turns into its status. out_table (out_table.c): the aligned
 * table. out_qemu (out_qemu.c): fault rows (vector, error_code, cpl, eip,
 * cr2) as QEMU's `-d int` log lines. */
int out_table(FILE *out, sqlite3_stmt *st);
int out_qemu(FILE *out, sqlite3_stmt *st);

#endif

/* Printing query results: an aligned table, RFC 4180 CSV or a JSON array of
 * objects. Cell text from the database is hostile (guest console lines, any
 * file's strings): the table shows control bytes and invalid UTF-8 as '?',
 * JSON escapes them, CSV quotes what needs quoting. */
#ifndef TRACER_OUT_H
#define TRACER_OUT_H

#include <sqlite3.h>
#include <stddef.h>
#include <stdio.h>

enum out_format { OUT_TABLE, OUT_CSV, OUT_JSON };

/* Step st to its end and print every row to out. 0, or -1 with one line in
 * err (an SQLite error, or memory). */
int out_rows(FILE *out, sqlite3_stmt *st, enum out_format fmt, char *err, size_t errlen);

/* The aligned table (out_table.c); same contract as out_rows. */
int out_table(FILE *out, sqlite3_stmt *st, char *err, size_t errlen);

#endif

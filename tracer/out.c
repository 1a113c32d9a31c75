/* Query results as CSV (RFC 4180) and JSON; the table is in out_table.c. */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "out.h"
#include "utf8.h"

static void put_hex(FILE *out, const unsigned char *b, size_t n)
{
	for (size_t i = 0; i < n; i++)
		fprintf(out, "%02x", b[i]);
}

static void csv_field(FILE *out, const unsigned char *s, size_t n)
{
	if (!memchr(s, ',', n) && !memchr(s, '"', n) && !memchr(s, '\r', n) && !memchr(s, '\n', n)) {
		fwrite(s, 1, n, out);
		return;
	}
	fputc('"', out);
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '"')
			fputc('"', out);
		fputc(s[i], out);
	}
	fputc('"', out);
}

static void csv_row(FILE *out, sqlite3_stmt *st, int header)
{
	int n = sqlite3_column_count(st);
	for (int i = 0; i < n; i++) {
		if (i)
			fputc(',', out);
		if (header) {
			const char *name = sqlite3_column_name(st, i);
			name = name ? name : "?";
			csv_field(out, (const unsigned char *)name, strlen(name));
		} else if (sqlite3_column_type(st, i) == SQLITE_BLOB) {
			const void *b = sqlite3_column_blob(st, i);
			put_hex(out, b, (size_t)sqlite3_column_bytes(st, i));
		} else if (sqlite3_column_type(st, i) != SQLITE_NULL) {
			const unsigned char *s = sqlite3_column_text(st, i);
			csv_field(out, s, (size_t)sqlite3_column_bytes(st, i));
		}
	}
	fputs("\r\n", out);
}

/* Invalid UTF-8 becomes U+FFFD so that the document stays valid JSON. */
static void json_string(FILE *out, const unsigned char *s, size_t n)
{
	fputc('"', out);
	for (size_t i = 0; i < n;) {
		size_t len = utf8_seq_len(s + i, n - i);
		if (!len) {
			fputs("\\ufffd", out);
			i++;
			continue;
		}
		if (s[i] == '"' || s[i] == '\\')
			fprintf(out, "\\%c", s[i]);
		else if (s[i] == '\n')
			fputs("\\n", out);
		else if (s[i] == '\t')
			fputs("\\t", out);
		else if (s[i] < 0x20)
			fprintf(out, "\\u%04x", s[i]);
		else
			fwrite(s + i, 1, len, out);
		i += len;
	}
	fputc('"', out);
}

static void json_value(FILE *out, sqlite3_stmt *st, int i)
{
	switch (sqlite3_column_type(st, i)) {
	case SQLITE_INTEGER:
		fputs((const char *)sqlite3_column_text(st, i), out);
		break;
	case SQLITE_FLOAT:
		if (isfinite(sqlite3_column_double(st, i)))
			fputs((const char *)sqlite3_column_text(st, i), out);
		else
			fputs("null", out);
		break;
	case SQLITE_TEXT:
		json_string(out, sqlite3_column_text(st, i), (size_t)sqlite3_column_bytes(st, i));
		break;
	case SQLITE_BLOB:
		fputc('"', out);
		put_hex(out, sqlite3_column_blob(st, i), (size_t)sqlite3_column_bytes(st, i));
		fputc('"', out);
		break;
	default:
		fputs("null", out);
	}
}

static void json_row(FILE *out, sqlite3_stmt *st)
{
	int n = sqlite3_column_count(st);
	fputc('{', out);
	for (int i = 0; i < n; i++) {
		const char *name = sqlite3_column_name(st, i);
		name = name ? name : "?";
		if (i)
			fputs(", ", out);
		json_string(out, (const unsigned char *)name, strlen(name));
		fputs(": ", out);
		json_value(out, st, i);
	}
	fputc('}', out);
}

int out_rows(FILE *out, sqlite3_stmt *st, enum out_format fmt, char *err, size_t errlen)
{
	if (fmt == OUT_TABLE)
		return out_table(out, st, err, errlen);
	if (fmt == OUT_CSV)
		csv_row(out, st, 1);
	else
		fputc('[', out);
	int rc, rows = 0;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (fmt == OUT_CSV) {
			csv_row(out, st, 0);
			continue;
		}
		fputs(rows++ ? ",\n " : "\n ", out);
		json_row(out, st);
	}
	if (fmt == OUT_JSON)
		fputs(rows ? "\n]\n" : "]\n", out);
	if (rc != SQLITE_DONE) {
		snprintf(err, errlen, "%s", sqlite3_errmsg(sqlite3_db_handle(st)));
		return -1;
	}
	return 0;
}

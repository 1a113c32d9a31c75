/* Query results as CSV (RFC 4180) and JSON; the table is in out_table.c.
 * Both write spans with fwrite rather than a byte at a time: they are the
 * formats for whole runs, a million rows and more. */
#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "json_text.h"
#include "out.h"
#include "termtext.h"

static void put_hex(FILE *out, const unsigned char *b, size_t n)
{
	static const char dig[] = "0123456789abcdef";
	char buf[256];
	for (size_t i = 0; i < n;) {
		size_t k = 0;
		for (; i < n && k < sizeof(buf); i++, k += 2)
			buf[k] = dig[b[i] >> 4], buf[k + 1] = dig[b[i] & 0xf];
		fwrite(buf, 1, k, out);
	}
}

/* CSV is the exact text, but not on a terminal: there it is for reading,
 * and goes through the terminal sanitizer like the table. */
static void csv_put(FILE *out, const unsigned char *s, size_t n, int tty)
{
	if (tty)
		term_write(out, s, n);
	else
		fwrite(s, 1, n, out);
}

static void csv_field(FILE *out, const unsigned char *s, size_t n, int tty)
{
	if (!memchr(s, ',', n) && !memchr(s, '"', n) && !memchr(s, '\r', n) && !memchr(s, '\n', n)) {
		csv_put(out, s, n, tty);
		return;
	}
	fputc('"', out);
	for (const unsigned char *q; n && (q = memchr(s, '"', n)); n -= (size_t)(q + 1 - s), s = q + 1)
		csv_put(out, s, (size_t)(q + 1 - s), tty), fputc('"', out);	/* doubled */
	csv_put(out, s, n, tty);
	fputc('"', out);
}

static void csv_row(FILE *out, sqlite3_stmt *st, int header, int tty)
{
	int n = sqlite3_column_count(st);
	for (int i = 0; i < n; i++) {
		if (i)
			fputc(',', out);
		if (header) {
			const char *name = sqlite3_column_name(st, i);
			name = name ? name : "?";
			csv_field(out, (const unsigned char *)name, strlen(name), tty);
		} else if (sqlite3_column_type(st, i) == SQLITE_BLOB) {
			const void *b = sqlite3_column_blob(st, i);
			put_hex(out, b, (size_t)sqlite3_column_bytes(st, i));
		} else if (sqlite3_column_type(st, i) != SQLITE_NULL) {
			const unsigned char *s = sqlite3_column_text(st, i);
			csv_field(out, s, (size_t)sqlite3_column_bytes(st, i), tty);
		}
	}
	fputs("\r\n", out);
}

static void json_value(FILE *out, sqlite3_stmt *st, int i)
{
	switch (sqlite3_column_type(st, i)) {
	case SQLITE_INTEGER:
		fprintf(out, "%lld", (long long)sqlite3_column_int64(st, i));
		break;
	case SQLITE_FLOAT:
		if (isfinite(sqlite3_column_double(st, i)))
			fputs((const char *)sqlite3_column_text(st, i), out);
		else
			fputs("null", out);
		break;
	case SQLITE_TEXT:
		json_string(out, sqlite3_column_text(st, i), (size_t)sqlite3_column_bytes(st, i),
			    JSON_PLAIN);
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

/* The keys, `"name": `, escaped once for every row. */
static char *json_keys(sqlite3_stmt *st, size_t **off)
{
	char *buf = NULL;
	size_t len = 0, n = (size_t)sqlite3_column_count(st);
	FILE *m = open_memstream(&buf, &len);
	*off = calloc(n + 1, sizeof(**off));
	for (size_t i = 0; m && *off && i < n; i++) {
		const char *name = sqlite3_column_name(st, (int)i);
		name = name ? name : "?";
		(*off)[i] = (size_t)ftell(m);
		fputs(i ? ", " : "{", m);
		json_string(m, (const unsigned char *)name, strlen(name), JSON_PLAIN);
		fputs(": ", m);
		(*off)[n] = (size_t)ftell(m);
	}
	if (m && fclose(m) == 0 && *off)
		return buf;
	free(buf);
	return NULL;
}

static void json_row(FILE *out, sqlite3_stmt *st, const char *keys, const size_t *off)
{
	int n = sqlite3_column_count(st);
	for (int i = 0; i < n; i++) {
		fwrite(keys + off[i], 1, off[i + 1] - off[i], out);
		json_value(out, st, i);
	}
	fputc(n ? '}' : '{', out);
	if (!n)
		fputc('}', out);
}

static int json_rows(FILE *out, sqlite3_stmt *st)
{
	size_t *off = NULL;
	char *keys = json_keys(st, &off);
	int rc = keys ? SQLITE_DONE : SQLITE_NOMEM, rows = 0;
	if (keys)
		fputc('[', out);
	while (keys && !ferror(out) && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		fputs(rows++ ? ",\n " : "\n ", out);
		json_row(out, st, keys, off);
	}
	if (rc == SQLITE_DONE)	/* only a complete result is a complete array */
		fputs(rows ? "\n]\n" : "]\n", out);
	free(keys);
	free(off);
	return rc;
}

static int csv_rows(FILE *out, sqlite3_stmt *st)
{
	int rc, tty = isatty(fileno(out));
	csv_row(out, st, 1, tty);
	while (!ferror(out) && (rc = sqlite3_step(st)) == SQLITE_ROW)
		csv_row(out, st, 0, tty);
	return ferror(out) ? SQLITE_IOERR : rc;
}

/* How printing ended, given the last sqlite3_step result rc (SQLITE_NOMEM
 * for memory): flushes out; 0, or -1 with err. A write error comes first,
 * since the output is incomplete whatever SQLite says. */
static int out_status(FILE *out, sqlite3_stmt *st, int rc, char *err, size_t errlen)
{
	int bad_write = fflush(out) || ferror(out);
	if (bad_write)
		snprintf(err, errlen, "writing the output: %s", strerror(errno ? errno : EIO));
	else if (rc == SQLITE_NOMEM)
		snprintf(err, errlen, "out of memory");
	else if (rc != SQLITE_DONE)
		snprintf(err, errlen, "%s", sqlite3_errmsg(sqlite3_db_handle(st)));
	return bad_write || rc != SQLITE_DONE ? -1 : 0;
}

/* An unterminated quoted field: no CSV reader can take this for a record
 * that ended well, and a lenient one shows the reason. */
static void csv_spoil(FILE *out, const char *err)
{
	fputs("\"faultline: incomplete output: ", out);
	for (; *err; err++)
		fputc(*err == '"' ? '\'' : *err, out);
	fflush(out);
}

int out_rows(FILE *out, sqlite3_stmt *st, enum out_format fmt, char *err, size_t errlen)
{
	errno = 0;
	int rc = fmt == OUT_TABLE ? out_table(out, st)
		 : fmt == OUT_QEMU ? out_qemu(out, st)
		 : fmt == OUT_CSV ? csv_rows(out, st) : json_rows(out, st);
	if (out_status(out, st, rc, err, errlen))
		return fmt == OUT_CSV && !ferror(out) ? (csv_spoil(out, err), -1) : -1;
	return 0;
}

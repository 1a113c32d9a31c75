/* Helpers for the database tests: a fresh directory per test, files, and
 * one-value queries through a second, independent SQLite connection.
 * Include after <cmocka.h>. */
#ifndef TESTS_DBTEST_H
#define TESTS_DBTEST_H

#include <dirent.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

struct dbtest {
	char dir[64];
	char path[96];		/* dir/t.db, not created */
};

static inline int dbtest_setup(void **state)
{
	struct dbtest *t = calloc(1, sizeof(*t));
	if (!t)
		return -1;
	snprintf(t->dir, sizeof(t->dir), "/tmp/test_db.XXXXXX");
	if (!mkdtemp(t->dir))
		return -1;
	snprintf(t->path, sizeof(t->path), "%s/t.db", t->dir);
	*state = t;
	return 0;
}

static inline int dbtest_teardown(void **state)
{
	struct dbtest *t = *state;
	DIR *d = opendir(t->dir);
	char p[400];
	for (struct dirent *e; d && (e = readdir(d));) {
		if (e->d_name[0] == '.')
			continue;
		snprintf(p, sizeof(p), "%s/%s", t->dir, e->d_name);
		unlink(p);
	}
	if (d)
		closedir(d);
	rmdir(t->dir);
	free(t);
	return 0;
}

static inline void write_file(const char *path, const void *data, size_t len)
{
	FILE *f = fopen(path, "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(data, 1, len, f), len);
	assert_int_equal(fclose(f), 0);
}

static inline size_t read_file(const char *path, void *buf, size_t max)
{
	FILE *f = fopen(path, "rb");
	assert_non_null(f);
	size_t n = fread(buf, 1, max, f);
	fclose(f);
	return n;
}

static inline sqlite3 *raw_open(const char *path)
{
	sqlite3 *h = NULL;
	if (sqlite3_open_v2(path, &h, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) != SQLITE_OK) {
		fprintf(stderr, "raw_open %s: %s\n", path, sqlite3_errmsg(h));
		sqlite3_close(h);
		return NULL;
	}
	return h;
}

/* The first column of the first row as an integer; -999 if there is none
 * and -998 if it is NULL, so that a test can tell them apart. */
static inline long long q_int(sqlite3 *h, const char *sql)
{
	sqlite3_stmt *st;
	long long v = -999;
	if (sqlite3_prepare_v2(h, sql, -1, &st, NULL) != SQLITE_OK) {
		fprintf(stderr, "q_int %s: %s\n", sql, sqlite3_errmsg(h));
		return v;
	}
	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_type(st, 0) == SQLITE_NULL ? -998 : sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return v;
}

/* The same as text in buf; "(none)" or "(null)". */
static inline const char *q_text(sqlite3 *h, const char *sql, char *buf, size_t len)
{
	sqlite3_stmt *st;
	snprintf(buf, len, "(none)");
	if (sqlite3_prepare_v2(h, sql, -1, &st, NULL) != SQLITE_OK) {
		fprintf(stderr, "q_text %s: %s\n", sql, sqlite3_errmsg(h));
		return buf;
	}
	if (sqlite3_step(st) == SQLITE_ROW)
		snprintf(buf, len, "%s", sqlite3_column_type(st, 0) == SQLITE_NULL ? "(null)"
					 : (const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	return buf;
}

#endif

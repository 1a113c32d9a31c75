/* Opening a database file: telling a faultline database from anything else
 * before a byte is written, and creating the schema in a new file. */
#include <errno.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "db.h"
#include "db_impl.h"

#define BUSY_MS 5000		/* wait for another faultline writing the same file */
#define PATH_MAX_LEN 4096

enum kind { DB_OURS, DB_EMPTY };

static int fail(sqlite3 *h, const char *path, char *err, size_t errlen, const char *what)
{
	snprintf(err, errlen, "%s: %s", path, what ? what : sqlite3_errmsg(h));
	return -1;
}

/* One value of a one-row statement (a PRAGMA, a count); a sqlite3 result code. */
static int query_int(sqlite3 *h, const char *sql, sqlite3_int64 *v)
{
	sqlite3_stmt *st;
	int rc = sqlite3_prepare_v2(h, sql, -1, &st, NULL);
	if (rc != SQLITE_OK)
		return rc;
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		*v = sqlite3_column_int64(st, 0);
		rc = SQLITE_OK;
	}
	sqlite3_finalize(st);
	return rc;
}

/* Reads only: a foreign file must come out of this untouched. */
static int classify(sqlite3 *h, const char *path, char *err, size_t errlen)
{
	sqlite3_int64 app = 0, ver = 0, objects = 0;
	int rc = query_int(h, "PRAGMA application_id", &app);
	if (rc == SQLITE_OK)
		rc = query_int(h, "PRAGMA user_version", &ver);
	if (rc == SQLITE_OK)
		rc = query_int(h, "SELECT count(*) FROM sqlite_schema", &objects);
	if ((rc & 0xff) == SQLITE_NOTADB)
		return fail(h, path, err, errlen, "not a faultline database (not an SQLite file)");
	if (rc != SQLITE_OK)
		return fail(h, path, err, errlen, NULL);
	if (app == DB_APPLICATION_ID && ver == DB_SCHEMA_VERSION)
		return DB_OURS;
	if (app == DB_APPLICATION_ID) {
		snprintf(err, errlen, "%s: faultline database of schema version %lld; this faultline uses version %d",
			 path, (long long)ver, DB_SCHEMA_VERSION);
		return -1;
	}
	if (app == 0 && ver == 0 && objects == 0)
		return DB_EMPTY;
	return fail(h, path, err, errlen,
		    "not a faultline database (an SQLite database of another application)");
}

static int exec(sqlite3 *h, const char *sql, const char *path, char *err, size_t errlen)
{
	if (sqlite3_exec(h, sql, NULL, NULL, NULL) != SQLITE_OK)
		return fail(h, path, err, errlen, NULL);
	return 0;
}

static int wal_on(sqlite3 *h, const char *path, char *err, size_t errlen)
{
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(h, "PRAGMA journal_mode=WAL", -1, &st, NULL) != SQLITE_OK)
		return fail(h, path, err, errlen, NULL);
	int rc = sqlite3_step(st);
	int wal = rc == SQLITE_ROW && !sqlite3_stricmp((const char *)sqlite3_column_text(st, 0), "wal");
	if (rc != SQLITE_ROW)
		fail(h, path, err, errlen, NULL);
	else if (!wal)
		fail(h, path, err, errlen, "cannot use write-ahead logging here");
	sqlite3_finalize(st);
	return wal ? 0 : -1;
}

/* The schema goes in under a write lock, after a second look: another
 * faultline may have created it since classify(). */
static int create_schema(sqlite3 *h, const char *path, char *err, size_t errlen)
{
	if (exec(h, "BEGIN IMMEDIATE", path, err, errlen))
		return -1;
	int kind = classify(h, path, err, errlen);
	if (kind < 0 || (kind == DB_EMPTY && exec(h, schema_sql, path, err, errlen)) ||
	    exec(h, "COMMIT", path, err, errlen)) {
		sqlite3_exec(h, "ROLLBACK", NULL, NULL, NULL);
		return -1;
	}
	return 0;
}

static int setup_writable(sqlite3 *h, const char *path, int kind, char *err, size_t errlen)
{
	if (sqlite3_db_readonly(h, "main") == 1)
		return fail(h, path, err, errlen, "cannot write to this file (read-only)");
	if (wal_on(h, path, err, errlen) ||
	    exec(h, "PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON", path, err, errlen))
		return -1;
	return kind == DB_EMPTY ? create_schema(h, path, err, errlen) : 0;
}

static int setup_readonly(sqlite3 *h, const char *path, int kind, char *err, size_t errlen)
{
	if (kind == DB_EMPTY)
		return fail(h, path, err, errlen, "empty file, not a faultline database");
	sqlite3_limit(h, SQLITE_LIMIT_ATTACHED, 0);
	return exec(h, "PRAGMA query_only=ON", path, err, errlen);
}

/* A new file needs a directory we may write; SQLite's own failure would
 * report the read-only retry it makes after that ("No such file"). */
static int check_dir(const char *path, char *err, size_t errlen)
{
	char dir[PATH_MAX_LEN];
	snprintf(dir, sizeof(dir), "%s", path);
	if (access(dirname(dir), W_OK | X_OK) == 0)
		return 0;
	snprintf(err, errlen, "%s: cannot create it: %s", path, strerror(errno));
	return -1;
}

/* Before SQLite sees the path: a directory, a device or a missing file to
 * read would only give its vague "unable to open database file". */
static int check_path(const char *path, int writable, char *err, size_t errlen)
{
	struct stat st;
	if (!*path || strlen(path) >= PATH_MAX_LEN) {
		snprintf(err, errlen, "database path is empty or too long");
		return -1;
	}
	if (stat(path, &st) == 0) {
		if (S_ISREG(st.st_mode))
			return 0;
		snprintf(err, errlen, "%s: not a regular file", path);
		return -1;
	}
	if (errno == ENOENT && writable)
		return check_dir(path, err, errlen);
	snprintf(err, errlen, "%s: %s", path, strerror(errno));
	return -1;
}

static int open_handle(sqlite3 **h, const char *path, int writable, char *err, size_t errlen)
{
	char name[PATH_MAX_LEN + 2];
	/* "./" keeps ":memory:" and "file:..." from meaning anything special */
	snprintf(name, sizeof(name), "%s%s", path[0] == '/' ? "" : "./", path);
	int flags = SQLITE_OPEN_NOMUTEX |
		    (writable ? SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE : SQLITE_OPEN_READONLY);
	if (sqlite3_open_v2(name, h, flags, NULL) == SQLITE_OK) {
		/* A crafted file's triggers and views must not run SQL functions
		 * with side effects on our behalf. */
		sqlite3_db_config(*h, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, NULL);
		return 0;
	}
	int e = *h ? sqlite3_system_errno(*h) : 0;
	snprintf(err, errlen, "%s: cannot open: %s", path,
		 e ? strerror(e) : *h ? sqlite3_errmsg(*h) : "out of memory");
	return -1;
}

int db_file_open(sqlite3 **out, const char *path, int writable, char *err, size_t errlen)
{
	sqlite3 *h = NULL;
	int kind = -1;
	*out = NULL;
	if (!check_path(path, writable, err, errlen) && !open_handle(&h, path, writable, err, errlen)) {
		sqlite3_extended_result_codes(h, 1);
		sqlite3_busy_timeout(h, BUSY_MS);
		kind = classify(h, path, err, errlen);
	}
	if (kind < 0 || (writable ? setup_writable(h, path, kind, err, errlen)
				  : setup_readonly(h, path, kind, err, errlen))) {
		sqlite3_close(h);
		return -1;
	}
	*out = h;
	return 0;
}

int db_open_readonly(sqlite3 **out, const char *path, char *err, size_t errlen)
{
	return db_file_open(out, path, 0, err, errlen);
}

const char *db_default_path(void)
{
	const char *p = getenv("FAULTLINE_DB");
	return p && *p ? p : "faultline.db";
}

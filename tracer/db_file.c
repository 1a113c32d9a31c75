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
#include "errorf.h"

#define BUSY_MS 5000		/* wait for another faultline writing the same file */
#define PATH_MAX_LEN 4096

enum kind { DB_OURS, DB_EMPTY };

/* The file's path, then what is wrong, or SQLite's reason when what is NULL. */
static int fail(sqlite3 *h, const char *path, char *err, size_t errlen, const char *what)
{
	return errorf(err, errlen, "%s: %s", path, what ? what : sqlite3_errmsg(h));
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

/* Debian's SQLite lets fts3_tokenizer(NAME, PTR) install a tokenizer from a
 * pointer, and the one-argument form hands out a heap address: a crafted
 * view could call either on our behalf. The config turns off the first; the
 * authorizer refuses both by name. */
static int deny_fts3_tokenizer(void *unused, int action, const char *a1, const char *fn,
			       const char *a3, const char *a4)
{
	(void)unused, (void)a1, (void)a3, (void)a4;
	return action == SQLITE_FUNCTION && fn && !sqlite3_stricmp(fn, "fts3_tokenizer")
		       ? SQLITE_DENY : SQLITE_OK;
}

/* path as a URI with immutable=1, every byte outside [A-Za-z0-9/._~-] %-escaped. */
static void immutable_uri(char *uri, size_t len, const char *path)
{
	static const char hex[] = "0123456789ABCDEF";
	size_t n = (size_t)snprintf(uri, len, "file:%s", path[0] == '/' ? "" : "./");
	for (const unsigned char *p = (const unsigned char *)path; *p && n + 4 < len; p++) {
		if ((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') ||
		    strchr("/._~-", *p)) {
			uri[n++] = (char)*p;
		} else {
			uri[n++] = '%';
			uri[n++] = hex[*p >> 4];
			uri[n++] = hex[*p & 15];
		}
	}
	snprintf(uri + n, len - n, "?immutable=1");
}

static int open_handle(sqlite3 **h, const char *path, int writable, int immutable,
		       char *err, size_t errlen)
{
	char name[3 * PATH_MAX_LEN + 32];
	/* "./" keeps ":memory:" and "file:..." from meaning anything special */
	if (immutable)
		immutable_uri(name, sizeof(name), path);
	else
		snprintf(name, sizeof(name), "%s%s", path[0] == '/' ? "" : "./", path);
	int flags = SQLITE_OPEN_NOMUTEX | (immutable ? SQLITE_OPEN_URI : 0) |
		    (writable ? SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE : SQLITE_OPEN_READONLY);
	if (sqlite3_open_v2(name, h, flags, NULL) == SQLITE_OK) {
		/* A crafted file's triggers and views must not run SQL functions
		 * with side effects on our behalf. */
		sqlite3_db_config(*h, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, NULL);
		sqlite3_db_config(*h, SQLITE_DBCONFIG_ENABLE_FTS3_TOKENIZER, 0, NULL);
		sqlite3_set_authorizer(*h, deny_fts3_tokenizer, NULL);
		return 0;
	}
	int e = *h ? sqlite3_system_errno(*h) : 0;
	snprintf(err, errlen, "%s: cannot open: %s", path,
		 e ? strerror(e) : *h ? sqlite3_errmsg(*h) : "out of memory");
	return -1;
}

/* A file in WAL mode (header bytes 18 and 19 are 2) is read through PATH-shm,
 * which SQLite creates beside it: in a directory we cannot write, without a
 * -shm, SQLite fails with "attempt to write a readonly database" or "unable
 * to open database file". Then, if no -wal holds data, the file alone is the
 * whole database and is read as immutable; if one does, say why we cannot.
 * 1: open immutable, 0: open as usual, -1: err says why not. */
static int wal_without_shm(const char *path, char *err, size_t errlen)
{
	unsigned char hdr[20];
	char side[PATH_MAX_LEN + 8], dir[PATH_MAX_LEN];
	struct stat st;
	FILE *f = fopen(path, "rb");
	size_t got = f ? fread(hdr, 1, sizeof(hdr), f) : 0;
	if (f)
		fclose(f);
	if (got < sizeof(hdr) || hdr[18] != 2 || hdr[19] != 2)
		return 0;
	snprintf(side, sizeof(side), "%s-shm", path);
	snprintf(dir, sizeof(dir), "%s", path);
	if (stat(side, &st) == 0 || access(dirname(dir), W_OK | X_OK) == 0)
		return 0;
	snprintf(side, sizeof(side), "%s-wal", path);
	if (stat(side, &st) != 0 || st.st_size == 0)
		return 1;
	snprintf(err, errlen, "%s: cannot read it here: %s-wal holds data that SQLite reads only "
		 "with a %s-shm beside it, and the directory is not writable to create one; "
		 "copy %s and %s-wal to a writable directory", path, path, path, path, path);
	return -1;
}

int db_file_open(sqlite3 **out, const char *path, int writable, char *err, size_t errlen)
{
	sqlite3 *h = NULL;
	int kind = -1;
	*out = NULL;
	int immutable = 0;
	if (!check_path(path, writable, err, errlen) &&
	    (writable || (immutable = wal_without_shm(path, err, errlen)) >= 0) &&
	    !open_handle(&h, path, writable, immutable, err, errlen)) {
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

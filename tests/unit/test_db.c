/* The database files: creating, reopening, refusing what is not ours before
 * writing a byte, batching, and surviving SIGKILL. Row contents and views are
 * in test_db_rows.c. */
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <cmocka.h>

#include "db.h"
#include "dbtest.h"

static const struct run_info info = { .scenario = "tour", .kernel_path = "(built-in)",
				      .engine = "kvm_pvm", .emulated = 1 };

/* A writer on t's file, with a run begun in it. */
static struct db *open_with_run(const struct dbtest *t, int64_t *run)
{
	struct db *db;
	char err[256];
	assert_int_equal(db_open(&db, t->path, err, sizeof(err)), 0);
	assert_int_equal(db_run_begin(db, &info, run), 0);
	return db;
}

static void creates_the_schema_and_reopens(void **state)
{
	struct dbtest *t = *state;
	struct db *db;
	char err[256], buf[64];
	int64_t run;
	db = open_with_run(t, &run);
	assert_int_equal(run, 1);
	sqlite3 *h = raw_open(t->path);
	assert_string_equal(q_text(h, "PRAGMA journal_mode", buf, sizeof(buf)), "wal");
	sqlite3_close(h);
	db_close(db);

	h = raw_open(t->path);
	assert_int_equal(q_int(h, "PRAGMA application_id"), DB_APPLICATION_ID);
	assert_int_equal(q_int(h, "PRAGMA user_version"), DB_SCHEMA_VERSION);
	assert_string_equal(q_text(h, "PRAGMA journal_mode", buf, sizeof(buf)), "delete");
	assert_string_equal(q_text(h, "PRAGMA integrity_check", buf, sizeof(buf)), "ok");
	sqlite3_close(h);

	/* a second run goes into the same file */
	db = open_with_run(t, &run);
	assert_int_equal(run, 2);
	db_close(db);
	assert_int_equal(db_open_readonly(&h, t->path, err, sizeof(err)), 0);
	assert_int_equal(q_int(h, "SELECT count(*) FROM runs"), 2);
	assert_int_not_equal(sqlite3_exec(h, "DELETE FROM runs", NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(h);
}

static void an_empty_file_is_initialised(void **state)
{
	struct dbtest *t = *state;
	struct db *db;
	char err[256];
	write_file(t->path, "", 0);
	assert_int_equal(db_open(&db, t->path, err, sizeof(err)), 0);
	db_close(db);
	sqlite3 *h = raw_open(t->path);
	assert_int_equal(q_int(h, "SELECT count(*) FROM sqlite_schema WHERE name = 'faults'"), 1);
	sqlite3_close(h);
}

/* err is one line naming the path and saying why; the file is unchanged. */
static void assert_refused(const char *path, const char *why, const void *before, size_t len)
{
	struct db *db = (struct db *)1;
	sqlite3 *h = (sqlite3 *)1;
	char err[256], after[8192];
	assert_int_equal(db_open(&db, path, err, sizeof(err)), -1);
	assert_null(db);
	assert_non_null(strstr(err, path));
	assert_non_null(strstr(err, why));
	assert_null(strchr(err, '\n'));
	assert_int_equal(db_open_readonly(&h, path, err, sizeof(err)), -1);
	assert_null(h);
	assert_non_null(strstr(err, why));
	if (before) {
		assert_int_equal(read_file(path, after, sizeof(after)), len);
		assert_memory_equal(after, before, len);
	}
}

static void another_applications_database_is_refused(void **state)
{
	struct dbtest *t = *state;
	static char before[8192];
	sqlite3 *h = raw_open(t->path);
	assert_int_equal(sqlite3_exec(h, "CREATE TABLE notes (x); INSERT INTO notes VALUES (1)",
				      NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(h);
	size_t len = read_file(t->path, before, sizeof(before));
	assert_refused(t->path, "not a faultline database", before, len);
}

static void random_bytes_are_refused(void **state)
{
	struct dbtest *t = *state;
	static uint8_t junk[4096];
	uint32_t x = 12345;
	for (size_t i = 0; i < sizeof(junk); i++)
		junk[i] = (uint8_t)((x = x * 1103515245u + 12345u) >> 24);
	write_file(t->path, junk, sizeof(junk));
	assert_refused(t->path, "not an SQLite file", junk, sizeof(junk));
	write_file(t->path, "hello\n", 6);
	assert_refused(t->path, "not", "hello\n", 6);
}

static void another_schema_version_is_refused(void **state)
{
	struct dbtest *t = *state;
	sqlite3 *h = raw_open(t->path);
	assert_int_equal(sqlite3_exec(h, schema_sql, NULL, NULL, NULL), SQLITE_OK);
	/* a version this faultline will never have (schema.sql is at 2 now) */
	assert_int_equal(sqlite3_exec(h, "PRAGMA user_version = 99", NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(h);
	assert_refused(t->path, "schema version 99", NULL, 0);
}

static void unusable_paths_are_refused(void **state)
{
	struct dbtest *t = *state;
	char path[200];
	snprintf(path, sizeof(path), "%s/no/such/dir/x.db", t->dir);
	assert_refused(path, "No such file or directory", NULL, 0);
	assert_refused(t->dir, "not a regular file", NULL, 0);
	assert_refused("/proc/nonexistent/x.db", "/proc/nonexistent/x.db", NULL, 0);
	assert_refused("", "empty", NULL, 0);
	/* reading needs an existing faultline file, even an empty one will not do */
	sqlite3 *h;
	char err[256];
	assert_int_equal(db_open_readonly(&h, t->path, err, sizeof(err)), -1);
	write_file(t->path, "", 0);
	assert_int_equal(db_open_readonly(&h, t->path, err, sizeof(err)), -1);
	assert_non_null(strstr(err, "empty"));
}

/* Another user (nobody) may read a closed database in a directory it
 * cannot write, but not open it for writing. */
static void readers_need_no_write_access(void **state)
{
	struct dbtest *t = *state;
	struct db *db;
	char err[256];
	int64_t run;
	if (geteuid() != 0)
		skip();
	db = open_with_run(t, &run);
	db_close(db);
	assert_int_equal(chmod(t->dir, 0755), 0);
	pid_t pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		sqlite3 *h;
		if (setgid(65534) || setuid(65534))
			_exit(10);
		if (db_open_readonly(&h, t->path, err, sizeof(err)))
			_exit(11);
		int runs = (int)q_int(h, "SELECT count(*) FROM runs");
		sqlite3_close(h);
		if (runs != 1)
			_exit(12);
		if (db_open(&db, t->path, err, sizeof(err)) != -1 || !strstr(err, "cannot write"))
			_exit(13);
		_exit(0);
	}
	int status;
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFEXITED(status));
	assert_int_equal(WEXITSTATUS(status), 0);
}

static void add(struct db *db, int64_t run, uint64_t seq)
{
	struct fault_record f = { .seq = seq, .vector = 14, .eip = 0xc0100000, .entry_index = -1,
				  .lookup = LOOKUP_NONE };
	assert_int_equal(db_add_fault(db, run, &f), 0);
}

static void rows_commit_in_batches(void **state)
{
	struct dbtest *t = *state;
	struct db *db;
	int64_t run;
	db = open_with_run(t, &run);
	sqlite3 *h = raw_open(t->path);	/* sees only what is committed */
	assert_int_equal(q_int(h, "SELECT count(*) FROM runs"), 1);
	uint64_t seq = 1;
	for (; seq < DB_BATCH_ROWS; seq++)
		add(db, run, seq);
	assert_int_equal(q_int(h, "SELECT count(*) FROM faults"), 0);
	add(db, run, seq++);
	assert_int_equal(q_int(h, "SELECT count(*) FROM faults"), DB_BATCH_ROWS);
	add(db, run, seq++);
	assert_int_equal(q_int(h, "SELECT count(*) FROM faults"), DB_BATCH_ROWS);
	assert_int_equal(db_flush(db), 0);
	assert_int_equal(q_int(h, "SELECT count(*) FROM faults"), DB_BATCH_ROWS + 1);
	assert_int_equal(db_flush(db), 0);
	add(db, run, seq++);
	struct run_end end = { .status = RUN_COMPLETED, .fault_count = seq - 1 };
	assert_int_equal(db_run_end(db, run, &end), 0);
	assert_int_equal(q_int(h, "SELECT count(*) FROM faults"), DB_BATCH_ROWS + 2);
	assert_int_equal(q_int(h, "SELECT fault_count FROM runs"), DB_BATCH_ROWS + 2);
	sqlite3_close(h);
	db_close(db);
}

static void a_bad_row_is_refused_and_the_batch_goes_on(void **state)
{
	struct dbtest *t = *state;
	struct db *db;
	int64_t run;
	db = open_with_run(t, &run);
	add(db, run, 1);
	struct fault_record bad = { .seq = 2, .vector = 14, .cpl = 4, .entry_index = -1 };
	assert_int_equal(db_add_fault(db, run, &bad), -1);
	assert_non_null(strstr(db_error(db), "CHECK constraint failed"));
	assert_non_null(strstr(db_error(db), t->path));
	assert_int_equal(db_add_fault(db, run + 1, &(struct fault_record){ .seq = 2 }), -1);
	assert_non_null(strstr(db_error(db), "FOREIGN KEY"));
	add(db, run, 1 + 1);
	assert_int_equal(db_run_end(db, 99, &(struct run_end){ .status = RUN_COMPLETED }), -1);
	assert_non_null(strstr(db_error(db), "no run 99"));
	db_close(db);
	sqlite3 *h = raw_open(t->path);
	assert_int_equal(q_int(h, "SELECT group_concat(seq) = '1,2' FROM faults"), 1);
	sqlite3_close(h);
}

/* The child commits some rows, leaves more in an open batch and is killed;
 * the file must be sound and hold exactly what was committed. */
static void sigkill_keeps_what_was_committed(void **state)
{
	struct dbtest *t = *state;
	char err[256], buf[64];
	pid_t pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		struct db *db;
		int64_t run;
		if (db_open(&db, t->path, err, sizeof(err)) || db_run_begin(db, &info, &run))
			_exit(1);
		for (uint64_t seq = 1; seq <= 100; seq++) {
			add(db, run, seq);
			if (seq == 60 && db_flush(db))
				_exit(1);
		}
		raise(SIGKILL);
		_exit(1);
	}
	int status;
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL);
	sqlite3 *h = raw_open(t->path);
	assert_string_equal(q_text(h, "PRAGMA integrity_check", buf, sizeof(buf)), "ok");
	assert_int_equal(q_int(h, "SELECT count(*) FROM faults"), 60);
	assert_int_equal(q_int(h, "SELECT status FROM runs WHERE id = 1"), -998);
	sqlite3_close(h);
	struct db *db;
	assert_int_equal(db_open(&db, t->path, err, sizeof(err)), 0);
	db_close(db);
}

static void the_default_path_follows_the_environment(void **state)
{
	(void)state;
	assert_int_equal(setenv("FAULTLINE_DB", "/tmp/x.db", 1), 0);
	assert_string_equal(db_default_path(), "/tmp/x.db");
	assert_int_equal(setenv("FAULTLINE_DB", "", 1), 0);
	assert_string_equal(db_default_path(), "faultline.db");
	assert_int_equal(unsetenv("FAULTLINE_DB"), 0);
	assert_string_equal(db_default_path(), "faultline.db");
}

#define T(f) cmocka_unit_test_setup_teardown(f, dbtest_setup, dbtest_teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(creates_the_schema_and_reopens),
		T(an_empty_file_is_initialised),
		T(another_applications_database_is_refused),
		T(random_bytes_are_refused),
		T(another_schema_version_is_refused),
		T(unusable_paths_are_refused),
		T(readers_need_no_write_access),
		T(rows_commit_in_batches),
		T(a_bad_row_is_refused_and_the_batch_goes_on),
		T(sigkill_keeps_what_was_committed),
		cmocka_unit_test(the_default_path_follows_the_environment),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

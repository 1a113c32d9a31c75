/* SQLite ingest rate of fault rows through db_add_fault, host only:
 *   ingest-bench [ROWS]    (default 1000000)
 * Writes synthetic faults into a new database in a temporary directory,
 * prints rows per second (including the final commit), removes the files. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "db.h"

static double now_s(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

/* A fault that looks like get_user's: found in the table, fixed up. */
static void synth(struct fault_record *f, uint64_t seq)
{
	uint32_t eip = 0xc0101000u + (uint32_t)(seq % 64) * 16;
	f->seq = seq;
	f->ts_ns = seq * 1000;
	f->tsc = seq * 2000;
	f->vector = 14;
	f->cr2 = 0x1000u + (uint32_t)seq;
	f->eip = eip;
	snprintf(f->eip_symbol, sizeof(f->eip_symbol), "get_user_%u+0x%x", (unsigned)(seq % 64), 5u);
	f->error_code = 4;
	f->entry_index = (int64_t)(seq % 64);
	f->fixup = 0xc0200000u + (uint32_t)(seq % 64) * 8;
	snprintf(f->fixup_symbol, sizeof(f->fixup_symbol), ".fixup+0x%x", (unsigned)(seq % 64) * 8);
	f->resume_eip = f->fixup;
	f->eax_after = 0xfffffff2u;
}

static int parse_rows(int argc, char **argv, unsigned long long *rows)
{
	char *end;
	*rows = 1000000;
	if (argc < 2)
		return 0;
	errno = 0;
	*rows = strtoull(argv[1], &end, 10);
	if (argc > 2 || errno || end == argv[1] || *end || argv[1][0] == '-' || !*rows ||
	    *rows > 1000000000ull) {
		fprintf(stderr, "usage: ingest-bench [ROWS]  (1 to 1000000000)\n");
		return -1;
	}
	return 0;
}

static int ingest(const char *path, unsigned long long rows)
{
	struct db *db;
	char err[512];
	int64_t run;
	struct run_info ri = { .scenario = "bench", .kernel_path = "(built-in)",
			       .cmdline = "ingest" };
	struct fault_record f = { .lookup = LOOKUP_FOUND, .handler = "ex_handler_default",
				  .owner = "kernel", .outcome = OUTCOME_FIXUP };
	if (db_open(&db, path, err, sizeof(err))) {
		fprintf(stderr, "ingest-bench: %s\n", err);
		return 1;
	}
	int rc = db_run_begin(db, &ri, &run);
	double t0 = now_s();
	for (unsigned long long i = 1; !rc && i <= rows; i++) {
		synth(&f, i);
		rc = db_add_fault(db, run, &f);
	}
	rc = rc || db_flush(db);
	double secs = now_s() - t0;
	if (rc)
		fprintf(stderr, "ingest-bench: %s\n", db_error(db));
	else
		printf("%llu fault rows in %.3f s: %.0f rows/s\n", rows, secs, (double)rows / secs);
	db_close(db);
	return rc ? 1 : 0;
}

int main(int argc, char **argv)
{
	unsigned long long rows;
	char dir[] = "/tmp/ingest-bench.XXXXXX", path[64];
	if (parse_rows(argc, argv, &rows))
		return 2;
	if (!mkdtemp(dir)) {
		perror("ingest-bench: mkdtemp");
		return 1;
	}
	snprintf(path, sizeof(path), "%s/bench.db", dir);
	int rc = ingest(path, rows);
	for (const char *suffix = ""; suffix; suffix = *suffix ? NULL : "-wal") {
		char p[80];
		snprintf(p, sizeof(p), "%s%s", path, suffix);
		unlink(p);
	}
	snprintf(path, sizeof(path), "%s/bench.db-shm", dir);
	unlink(path);
	rmdir(dir);
	return rc;
}

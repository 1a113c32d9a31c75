/* faultline bench: the exception-table path against verify_area, measured
 * in the guest (instructions, cycles) and natively (host_ns). */
#include <getopt.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "bench_data.h"
#include "bench_host.h"
#include "bench_native.h"
#include "bench_report.h"
#include "cli.h"
#include "db.h"
#include "session.h"
#include "vm.h"

struct bench_opts {
	int quick;
	unsigned long long reps;
	const char *out, *db, *qemu_log;
	double timeout_s;
	enum vm_accel accel;
};

static int parse(int argc, char **argv, struct bench_opts *o)
{
	static const struct option longopts[] = {
		{ "quick", no_argument, 0, 'q' }, { "out", required_argument, 0, 'o' },
		{ "db", required_argument, 0, 'd' }, { "reps", required_argument, 0, 'r' },
		{ "timeout", required_argument, 0, 't' }, { "accel", required_argument, 0, 'a' },
		{ "qemu-log", required_argument, 0, 'L' }, { 0, 0, 0, 0 },
	};
	*o = (struct bench_opts){ .reps = 101, .db = db_default_path(), .timeout_s = 900 };
	optind = 1;
	for (int c; (c = getopt_long(argc, argv, "", longopts, NULL)) != -1;) {
		switch (c) {
		case 'q': o->quick = 1; break;
		case 'o': o->out = optarg; break;
		case 'd': o->db = optarg; break;
		case 'L': o->qemu_log = optarg; break;
		case 'a':
			if (parse_accel(optarg, &o->accel))
				return bad_value("bench", "--accel", "auto, kvm or tcg", optarg);
			break;
		case 'r':
			if (parse_u64(optarg, 1, 1001, &o->reps))
				return bad_value("bench", "--reps", "a count from 1 to 1001", optarg);
			break;
		case 't':
			if (parse_double(optarg, 0, 86400, &o->timeout_s))
				return bad_value("bench", "--timeout", "seconds between 0 and 86400", optarg);
			break;
		default:
			return usage(stderr, "bench");
		}
	}
	if (optind < argc) {
		fl_error("unexpected argument \"%s\"", argv[optind]);
		return usage(stderr, "bench");
	}
	return 0;
}

/* The native timings go into the same run, then everything is read back. */
static int finish(const struct bench_opts *o, int64_t run_id)
{
	char err[512];
	struct db *db;
	if (db_open(&db, o->db, err, sizeof(err)) || bench_native(db, run_id, o->quick)) {
		fl_error("%s", db ? db_error(db) : err);
		if (db)
			db_close(db);
		return 1;
	}
	db_close(db);
	sqlite3 *rd;
	struct bench_data d;
	if (db_open_readonly(&rd, o->db, err, sizeof(err))) {
		fl_error("%s", err);
		return 1;
	}
	int loaded = bench_load(rd, run_id, &d, err, sizeof(err));
	sqlite3_close(rd);
	if (loaded) {
		fl_error("%s", err);
		return 1;
	}
	printf("faultline bench, run %lld (database %s)\n\n", (long long)run_id, o->db);
	bench_print_table(&d, stdout, 0);
	bench_print_claims(&d, stdout);
	int rc = 0;
	if (o->out && bench_write_report(&d, o->out, err, sizeof(err))) {
		fl_error("%s", err);
		rc = 1;
	} else if (o->out) {
		printf("\nWrote %s/vmas.svg, %s/extable.svg and %s/summary.md\n", o->out, o->out, o->out);
	}
	bench_data_free(&d);
	return rc;
}

int cmd_bench(int argc, char **argv)
{
	struct bench_opts o;
	struct bench_host host = { .progress = isatty(STDERR_FILENO) ? stderr : NULL };
	char args[64];
	int rc = parse(argc, argv, &o);
	if (rc)
		return rc;
	snprintf(args, sizeof(args), "reps=%llu quick=%d", o.reps, o.quick);
	struct run_opts ro = { .scenario = "bench", .db = o.db, .timeout_s = o.timeout_s,
			       .mem_mib = 64, .extra_args = args, .bench = &host,
			       .accel = o.accel, .qemu_log = o.qemu_log };
	rc = run_session(&ro);
	int64_t run_id = host.run_id;
	bench_host_free(&host);
	if (rc)
		return rc;
	return finish(&o, run_id);
}

/* faultline export --format chrome-json: the database as a Trace Event
 * Format file for Perfetto UI and chrome://tracing.
 *
 * Each run is a process (pid = run id) named by "M" process_name metadata.
 * Its faults are complete ("X") events on one track (tid) per CPL, its
 * console lines instant ("i") events on a track of their own. A stepped
 * fault's milestones (fault_steps rows with a milestone) are child slices.
 *
 * Times: faults.ts_ns and console.ts_ns, printed as microseconds with three
 * decimals, so the nanoseconds stay exact. A fault has no recorded end, so
 * it lasts FAULT_NS (1 µs), or less when the run's next fault comes sooner:
 * slices on one track never overlap. fault_steps have no times of their
 * own; a milestone starts at its share of the fault's slice by step index
 * (step_idx / steps) and lasts up to the next milestone or the fault's end,
 * all in whole nanoseconds so children stay inside their parent exactly.
 *
 * Output that ends in an error is left without its closing brackets, so it
 * cannot pass for a complete trace. */
#include <errno.h>
#include <getopt.h>
#include <stdint.h>
#include <string.h>

#include "cli.h"
#include "db.h"
#include "deadline.h"
#include "out.h"
#include "replay.h"

#define FAULT_NS 1000LL
#define CONSOLE_TID 4	/* CPL tracks are 0 to 3 */
#define MAX_NS (INT64_MAX - FAULT_NS)

struct export {
	FILE *out;
	sqlite3 *h;
	const char *db;
	sqlite3_int64 run;	/* 0: every run */
	int events;		/* events written, for the separating commas */
	double max_time;	/* --max-time */
	struct deadline deadline;
};

/* The one line for a failed statement: on expiry, what stopped it. */
static void sql_fail(struct export *x)
{
	if (x->deadline.expired)
		fl_error("%s: stopped after --max-time %g s: the export does not finish "
			 "(a view that never ends?)", x->db, x->max_time);
	else
		fl_error("%s: %s", x->db, sqlite3_errmsg(x->h));
}

static const char *const vector_name[] = { [0] = "#DE", [14] = "#PF" };

/* Each event on its own line, after a comma if one came before. */
static void begin(struct export *x)
{
	fputs(x->events++ ? ",\n" : "\n", x->out);
}

static void text(struct export *x, sqlite3_stmt *st, int col)
{
	if (sqlite3_column_type(st, col) == SQLITE_NULL)
		fputs("null", x->out);
	else
		out_json_string(x->out, sqlite3_column_text(st, col),
				(size_t)sqlite3_column_bytes(st, col));
}

static void hex(struct export *x, sqlite3_stmt *st, int col)
{
	if (sqlite3_column_type(st, col) == SQLITE_NULL)
		fputs("null", x->out);
	else
		fprintf(x->out, "\"0x%08llx\"", (unsigned long long)sqlite3_column_int64(st, col) & 0xffffffffu);
}

/* A time in ns, clamped to what the arithmetic here cannot overflow. */
static long long ns_at(sqlite3_stmt *st, int col)
{
	long long ns = sqlite3_column_int64(st, col);
	return ns < 0 ? 0 : ns > MAX_NS ? MAX_NS : ns;
}

static void us(struct export *x, const char *key, long long ns)
{
	fprintf(x->out, ",\"%s\":%lld.%03lld", key, ns / 1000, ns % 1000);
}

/* sql with ?1 bound to the run (0: all runs); NULL after one line of error. */
static sqlite3_stmt *prepare(struct export *x, const char *sql)
{
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(x->h, sql, -1, &st, NULL) != SQLITE_OK) {
		sql_fail(x);
		return NULL;
	}
	sqlite3_bind_int64(st, 1, x->run);
	return st;
}

/* Steps st to its end, calling row for each; 0, or -1 after one line. */
static int each(struct export *x, sqlite3_stmt *st, int (*row)(struct export *, sqlite3_stmt *))
{
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		if (row(x, st))
			break;
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		sql_fail(x);
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : -1;
}

#define RUN_FILTER " (?1 = 0 OR run_id = ?1)"

static int run_row(struct export *x, sqlite3_stmt *st)
{
	begin(x);
	fprintf(x->out, "{\"ph\":\"M\",\"name\":\"process_name\",\"pid\":%lld,\"tid\":0,"
		"\"args\":{\"name\":", (long long)sqlite3_column_int64(st, 0));
	text(x, st, 1);
	fputs("}}", x->out);
	return 0;
}

static int track_row(struct export *x, sqlite3_stmt *st)
{
	long long tid = sqlite3_column_int64(st, 1);
	begin(x);
	fprintf(x->out, "{\"ph\":\"M\",\"name\":\"thread_name\",\"pid\":%lld,\"tid\":%lld,"
		"\"args\":{\"name\":", (long long)sqlite3_column_int64(st, 0), tid);
	if (tid == CONSOLE_TID)
		fputs("\"console\"}}", x->out);
	else
		fprintf(x->out, "\"CPL %lld faults\"}}", tid);
	return 0;
}

/* The milestones of fault (run, seq), inside [ts, ts + dur). */
static int milestones(struct export *x, long long run, long long seq, int tid, long long ts,
		      long long dur, long long steps)
{
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(x->h, "SELECT step_idx, milestone, eip, eip_symbol, insn, changed"
				     " FROM fault_steps WHERE run_id = ?1 AND fault_seq = ?2"
				     " AND milestone IS NOT NULL ORDER BY step_idx", -1, &st, NULL)) {
		sql_fail(x);
		return -1;
	}
	sqlite3_bind_int64(st, 1, run);
	sqlite3_bind_int64(st, 2, seq);
	int rc = sqlite3_step(st);
	while (rc == SQLITE_ROW) {
		/* The share of the slice by step index; double, since a hostile
		 * step_idx times dur could overflow. */
		long long idx = sqlite3_column_int64(st, 0), m = sqlite3_column_int64(st, 1);
		long long start = ts + (long long)((double)dur * (double)(idx < 0 ? 0 : idx > steps ? steps : idx) / (double)steps);
		begin(x);
		fprintf(x->out, "{\"ph\":\"X\",\"name\":\"step %lld\",\"cat\":\"milestone\",\"pid\":%lld,\"tid\":%d",
			m, run, tid);
		us(x, "ts", start);
		fputs(",\"args\":{\"what\":", x->out);
		if (m >= 1 && m <= 8)
			out_json_string(x->out, (const unsigned char *)milestone_text[m], strlen(milestone_text[m]));
		else
			fputs("null", x->out);
		fprintf(x->out, ",\"seq\":%lld,\"step_idx\":%lld,\"eip\":", seq, idx);
		hex(x, st, 2);
		fputs(",\"symbol\":", x->out);
		text(x, st, 3);
		fputs(",\"insn\":", x->out);
		text(x, st, 4);
		fputs(",\"changed\":", x->out);
		text(x, st, 5);
		fputc('}', x->out);
		/* Its end is the next milestone's start, known after the next step. */
		long long end = ts + dur;
		if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
			long long next = sqlite3_column_int64(st, 0);
			end = ts + (long long)((double)dur * (double)(next < idx ? idx : next > steps ? steps : next) / (double)steps);
		}
		us(x, "dur", end - start);
		fputc('}', x->out);
	}
	if (rc != SQLITE_DONE)
		sql_fail(x);
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : -1;
}

/* run_id, seq, ts_ns, the next fault's ts_ns, vector, cpl, cr2, eip,
 * eip_symbol, lookup, fixup, fixup_symbol, outcome, error_code, steps,
 * refused_by */
/* A fault's args: its columns of the fault query, as hex numbers or text. */
static const struct {
	const char *key;
	int col, is_hex;
} fault_args[] = {
	{ "cr2", 6, 1 }, { "eip", 7, 1 }, { "symbol", 8, 0 }, { "lookup", 9, 0 },
	{ "fixup", 10, 1 }, { "fixup_symbol", 11, 0 }, { "outcome", 12, 0 }, { "error_code", 13, 1 },
	{ "refused_by", 15, 0 },
};

static int fault_row(struct export *x, sqlite3_stmt *st)
{
	long long run = sqlite3_column_int64(st, 0), seq = sqlite3_column_int64(st, 1);
	long long ts = ns_at(st, 2), dur = FAULT_NS, steps = sqlite3_column_int64(st, 14);
	if (sqlite3_column_type(st, 3) != SQLITE_NULL) {
		long long next = ns_at(st, 3);
		if (next >= ts && next - ts < FAULT_NS)
			dur = next - ts;
	}
	long long vec = sqlite3_column_int64(st, 4);
	int tid = (int)(sqlite3_column_int64(st, 5) & 3);
	begin(x);
	if (vec >= 0 && vec < 15 && vector_name[vec])
		fprintf(x->out, "{\"ph\":\"X\",\"name\":\"%s\"", vector_name[vec]);
	else
		fprintf(x->out, "{\"ph\":\"X\",\"name\":\"vector %lld\"", vec);
	fprintf(x->out, ",\"cat\":\"fault\",\"pid\":%lld,\"tid\":%d", run, tid);
	us(x, "ts", ts);
	us(x, "dur", dur);
	fprintf(x->out, ",\"args\":{\"seq\":%lld", seq);
	for (size_t i = 0; i < sizeof(fault_args) / sizeof(fault_args[0]); i++) {
		fprintf(x->out, ",\"%s\":", fault_args[i].key);
		if (fault_args[i].is_hex)
			hex(x, st, fault_args[i].col);
		else
			text(x, st, fault_args[i].col);
	}
	fputs("}}", x->out);
	return steps > 0 ? milestones(x, run, seq, tid, ts, dur, steps) : 0;
}

static int console_row(struct export *x, sqlite3_stmt *st)
{
	begin(x);
	fprintf(x->out, "{\"ph\":\"i\",\"s\":\"t\",\"name\":");
	text(x, st, 2);
	fprintf(x->out, ",\"cat\":\"console\",\"pid\":%lld,\"tid\":%d",
		(long long)sqlite3_column_int64(st, 0), CONSOLE_TID);
	us(x, "ts", ns_at(st, 1));
	fputc('}', x->out);
	return 0;
}

/* The events in order: metadata first, then faults, then console lines. */
static int write_trace(struct export *x)
{
	static const struct {
		const char *sql;
		int (*row)(struct export *, sqlite3_stmt *);
	} parts[] = {
		{ "SELECT id, printf('run %d: %s (%s, %s)', id, coalesce(scenario, program, '?'),"
		  " coalesce(engine, '?'), status) FROM runs WHERE (?1 = 0 OR id = ?1) ORDER BY id",
		  run_row },
		{ "SELECT DISTINCT run_id, cpl & 3 FROM faults WHERE" RUN_FILTER
		  " UNION SELECT DISTINCT run_id, 4 FROM console WHERE" RUN_FILTER
		  " ORDER BY 1, 2", track_row },
		{ "SELECT run_id, seq, ts_ns, lead(ts_ns) OVER (PARTITION BY run_id ORDER BY seq),"
		  " vector, cpl, cr2, eip, eip_symbol, lookup, fixup, fixup_symbol, outcome,"
		  " error_code, (SELECT max(step_idx) + 1 FROM fault_steps s"
		  " WHERE s.run_id = f.run_id AND s.fault_seq = f.seq),"
		  " (SELECT refused_by FROM fault_timeline t WHERE t.run_id = f.run_id"
		  " AND t.seq = f.seq)"
		  " FROM faults f WHERE" RUN_FILTER " ORDER BY run_id, seq", fault_row },
		{ "SELECT run_id, ts_ns, line FROM console WHERE" RUN_FILTER " ORDER BY id",
		  console_row },
	};
	fputs("{\"displayTimeUnit\":\"ns\",\"traceEvents\":[", x->out);
	for (size_t i = 0; i < sizeof(parts) / sizeof(parts[0]); i++) {
		sqlite3_stmt *st = prepare(x, parts[i].sql);
		if (!st || each(x, st, parts[i].row))
			return -1;
	}
	fputs("\n]}\n", x->out);
	return 0;
}

/* --run N exists, or (no --run) there is at least one run. */
static int check_run(struct export *x)
{
	sqlite3_stmt *st = prepare(x, "SELECT count(*) FROM runs WHERE (?1 = 0 OR id = ?1)");
	if (!st)
		return -1;
	int rc = sqlite3_step(st);
	long long n = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
	if (rc != SQLITE_ROW)
		sql_fail(x);
	else if (!n && x->run)
		fl_error("%s: no run %lld (see `faultline query runs`)", x->db, (long long)x->run);
	else if (!n)
		fl_error("%s: no runs recorded yet", x->db);
	sqlite3_finalize(st);
	return n ? 0 : -1;
}

int cmd_export(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "format", required_argument, 0, 'f' }, { "run", required_argument, 0, 'r' },
		{ "db", required_argument, 0, 'd' }, { "output", required_argument, 0, 'o' },
		{ "max-time", required_argument, 0, 't' }, { 0, 0, 0, 0 },
	};
	struct export x = { .db = db_default_path(), .max_time = DEFAULT_MAX_TIME };
	const char *format = NULL, *path = NULL;
	unsigned long long run = 0;
	optind = 1;
	for (int c; (c = getopt_long(argc, argv, "o:", longopts, NULL)) != -1;) {
		switch (c) {
		case 'f': format = optarg; break;
		case 'r':
			if (parse_u64(optarg, 1, INT64_MAX, &run))
				return bad_value("export", "--run", "a run number", optarg);
			break;
		case 'd': x.db = optarg; break;
		case 'o': path = optarg; break;
		case 't':
			if (parse_double(optarg, 0.001, 86400, &x.max_time))
				return bad_value("export", "--max-time", "seconds between 0.001 and 86400", optarg);
			break;
		default: return usage(stderr, "export");
		}
	}
	if (optind < argc) {
		fl_error("unexpected argument \"%s\"", argv[optind]);
		return usage(stderr, "export");
	}
	if (!format) {
		fl_error("which format? --format chrome-json");
		return usage(stderr, "export");
	}
	if (strcmp(format, "chrome-json"))
		return bad_value("export", "--format", "chrome-json", format);
	x.run = (sqlite3_int64)run;
	char err[512];
	if (db_open_readonly(&x.h, x.db, err, sizeof(err))) {
		fl_error("%s", err);
		return 1;
	}
	deadline_set(x.h, &x.deadline, x.max_time);
	/* The database is checked before -o creates or truncates anything. */
	int rc = check_run(&x);
	x.out = stdout;
	if (!rc && path && !(x.out = fopen(path, "w"))) {
		fl_error("%s: %s", path, strerror(errno));
		rc = -1;
	}
	if (!rc)
		rc = write_trace(&x);
	/* A write error makes the trace incomplete whatever else happened. */
	if (x.out && (fflush(x.out) || ferror(x.out)) && !rc) {
		fl_error("%s: writing the trace failed", path ? path : "stdout");
		rc = -1;
	}
	if (x.out && x.out != stdout && fclose(x.out) && !rc) {
		fl_error("%s: writing the trace failed", path);
		rc = -1;
	}
	sqlite3_close(x.h);
	return rc ? 1 : 0;
}

/* faultline faults, extable and query: read-only views of the database. */
#include <getopt.h>
#include <stdint.h>
#include <string.h>

#include <fl_extable.h>

#include "cli.h"
#include "db.h"
#include "deadline.h"
#include "out.h"

struct named_query {
	const char *name, *summary, *sql;	/* :run is the chosen run */
};

static const struct named_query queries[] = {
	{ "timeline", "one row per fault, in order (what `faultline faults` shows)",
	  "SELECT seq, t_ms, exception, cpl, eip, eip_symbol, cr2, access, refused_by, lookup,"
	  " fixup, fixup_symbol, outcome, resume_eip, eax_after, edx_after, note"
	  " FROM fault_timeline WHERE run_id = :run ORDER BY seq" },
	{ "by-function", "faults per function and outcome, most first",
	  "SELECT function, outcome, faults FROM faults_by_function WHERE run_id = :run"
	  " ORDER BY faults DESC, function, outcome" },
	{ "unexplained", "faults the tracer cannot account for, with the reason",
	  "SELECT seq, eip, eip_symbol, cpl, lookup, outcome, fixup, resume_eip,"
	  " reason, note FROM unexplained_faults WHERE run_id = :run ORDER BY seq" },
	{ "runs", "every run in the database",
	  "SELECT id, started_at, ended_at, status, exit_code,"
	  " coalesce(scenario, program) AS workload, engine, emulated, tsc_khz,"
	  " fault_count, exits, round(exits_per_fault, 2) AS exits_per_fault"
	  " FROM runs ORDER BY id" },
	{ "extable", "the exception tables by instruction address (`faultline extable`)",
	  "SELECT idx, insn, fixup, handler, insn_symbol, fixup_symbol, owner"
	  " FROM extable_listing WHERE run_id = :run ORDER BY insn, owner, idx" },
	{ "console", "what the guest printed",
	  "SELECT printf('%.3f', ts_ns / 1e6) AS t_ms, line FROM console"
	  " WHERE run_id = :run ORDER BY id" },
	{ "steps", "the single-stepped instructions of each fault (run --steps)",
	  "SELECT fault_seq, step_idx, milestone, printf('0x%08x', eip) AS eip, eip_symbol,"
	  " changed FROM fault_steps WHERE run_id = :run ORDER BY fault_seq, step_idx" },
	{ "bench", "benchmark figures",
	  "SELECT case_name, parameter, measure, value, unit, repetitions FROM bench"
	  " WHERE run_id = :run ORDER BY id" },
};

#define NR_QUERIES (sizeof(queries) / sizeof(queries[0]))

struct query_opts {
	const char *cmd, *db, *sql, *name;
	unsigned long long run;		/* 0: the latest */
	enum out_format fmt;
	int list;
	double max_time;	/* seconds the whole command may spend in SQLite */
};

/* One command, one database handle, one deadline. */
static struct deadline deadline;

/* The one line for a failed statement: on expiry, what stopped it. */
static void sql_error(const struct query_opts *o, const char *msg)
{
	if (deadline.expired)
		fl_error("%s: stopped after --max-time %g s: the query does not finish "
			 "(a view that never ends?)", o->db, o->max_time);
	else
		fl_error("%s: %s", o->db, msg);
}

static const struct named_query *find_query(const char *name)
{
	for (size_t i = 0; i < NR_QUERIES; i++)
		if (!strcmp(queries[i].name, name))
			return &queries[i];
	return NULL;
}

static int parse_opts(int argc, char **argv, struct query_opts *o, int is_query)
{
	static const struct option longopts[] = {
		{ "run", required_argument, 0, 'r' }, { "db", required_argument, 0, 'd' },
		{ "csv", no_argument, 0, 'c' }, { "json", no_argument, 0, 'j' },
		{ "sql", required_argument, 0, 's' }, { "list", no_argument, 0, 'l' },
		{ "max-time", required_argument, 0, 't' }, { "format", required_argument, 0, 'f' },
		{ 0, 0, 0, 0 },
	};
	int formats = 0;
	optind = 1;
	for (int c; (c = getopt_long(argc, argv, "", longopts, NULL)) != -1;) {
		switch (c) {
		case 'r':
			if (parse_u64(optarg, 1, INT64_MAX, &o->run))
				return bad_value(o->cmd, "--run", "a run number", optarg);
			break;
		case 'd': o->db = optarg; break;
		case 't':
			if (parse_double(optarg, 0.001, 86400, &o->max_time))
				return bad_value(o->cmd, "--max-time", "seconds between 0.001 and 86400", optarg);
			break;
		case 'c': o->fmt = OUT_CSV; formats++; break;
		case 'j': o->fmt = OUT_JSON; formats++; break;
		case 'f':	/* faults only: --format qemu */
			if (strcmp(o->cmd, "faults"))
				return usage(stderr, o->cmd);
			if (strcmp(optarg, "qemu"))
				return bad_value(o->cmd, "--format", "qemu", optarg);
			o->fmt = OUT_QEMU;
			formats++;
			break;
		case 's':
		case 'l':
			if (!is_query)
				return usage(stderr, o->cmd);
			if (c == 's')
				o->sql = optarg;
			else
				o->list = 1;
			break;
		default: return usage(stderr, o->cmd);
		}
	}
	if (formats > 1) {
		fl_error("--csv, --json and --format exclude each other");
		return usage(stderr, o->cmd);
	}
	if (is_query && optind < argc)
		o->name = argv[optind++];
	if (optind < argc) {
		fl_error("unexpected argument \"%s\"", argv[optind]);
		return usage(stderr, o->cmd);
	}
	return 0;
}

/* The run the query is about: --run if it exists, else the latest. */
static int pick_run(sqlite3 *h, const struct query_opts *o, sqlite3_int64 *run)
{
	sqlite3_stmt *st;
	const char *sql = o->run ? "SELECT id FROM runs WHERE id = ?" : "SELECT max(id) FROM runs";
	if (sqlite3_prepare_v2(h, sql, -1, &st, NULL) != SQLITE_OK) {
		sql_error(o, sqlite3_errmsg(h));
		return -1;
	}
	if (o->run)
		sqlite3_bind_int64(st, 1, (sqlite3_int64)o->run);
	int rc = sqlite3_step(st);
	int found = rc == SQLITE_ROW && sqlite3_column_type(st, 0) != SQLITE_NULL;
	if (found)
		*run = sqlite3_column_int64(st, 0);
	else if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		sql_error(o, sqlite3_errmsg(h));
	else if (o->run)
		fl_error("%s: no run %llu (see `faultline query runs`)", o->db, o->run);
	else
		fl_error("%s: no runs recorded yet", o->db);
	sqlite3_finalize(st);
	return found ? 0 : -1;
}

/* --sql: exactly one statement, and one that only reads. */
static int prepare_user_sql(sqlite3 *h, const struct query_opts *o, sqlite3_stmt **st)
{
	const char *tail;
	if (sqlite3_prepare_v2(h, o->sql, -1, st, &tail) != SQLITE_OK) {
		fl_error("--sql: %s", sqlite3_errmsg(h));
		return -1;
	}
	tail += strspn(tail, " \t\r\n;");
	const char *why = !*st ? "no statement" : *tail ? "one statement only" :
			  !sqlite3_stmt_readonly(*st) ? "only statements that read are allowed" : NULL;
	if (why) {
		fl_error("--sql: %s", why);
		sqlite3_finalize(*st);
		*st = NULL;
		return -1;
	}
	return 0;
}

static int prepare(sqlite3 *h, const struct query_opts *o, const char *sql, sqlite3_stmt **st)
{
	sqlite3_int64 run;
	if (!sql && prepare_user_sql(h, o, st))
		return -1;
	if (sql && sqlite3_prepare_v2(h, sql, -1, st, NULL) != SQLITE_OK) {
		sql_error(o, sqlite3_errmsg(h));
		return -1;
	}
	int idx = sqlite3_bind_parameter_index(*st, ":run");
	if (idx && pick_run(h, o, &run)) {
		sqlite3_finalize(*st);
		*st = NULL;
		return -1;
	}
	if (idx)
		sqlite3_bind_int64(*st, idx, run);
	return 0;
}

/* The seed's table, for scale: Linux 2.1.8's vmlinux has an __ex_table
 * section of 0x15c0 bytes, 8-byte entries (insn, fixup; no handler yet). */
#define SEED_EXTABLE_BYTES 0x15c0u
#define SEED_ENTRY_SIZE 8u

/* `faultline extable`, as a table only: the size of the run's tables beside
 * the seed's. CSV and JSON stay one result set, so scripts see no change. */
static int extable_summary(sqlite3 *h, const struct query_opts *o)
{
	sqlite3_stmt *st = NULL;
	if (prepare(h, o, "SELECT count(*), coalesce(sum(owner = 'kernel'), 0)"
			  " FROM extable_entries WHERE run_id = :run", &st))
		return -1;
	int rc = sqlite3_step(st);
	if (rc != SQLITE_ROW) {
		sql_error(o, sqlite3_errmsg(h));
		sqlite3_finalize(st);
		return -1;
	}
	long long all = sqlite3_column_int64(st, 0), kernel = sqlite3_column_int64(st, 1);
	sqlite3_finalize(st);
	printf("\nthis run: %lld entries, %lld bytes (%u bytes each: insn, fixup, handler);"
	       " kernel %lld, modules %lld\n", all, all * EX_ENTRY_SIZE, EX_ENTRY_SIZE,
	       kernel, all - kernel);
	printf("Linux 2.1.8 __ex_table: %u entries, 0x%x = %u,%03u bytes (%u bytes each: insn, fixup)\n",
	       SEED_EXTABLE_BYTES / SEED_ENTRY_SIZE, SEED_EXTABLE_BYTES,
	       SEED_EXTABLE_BYTES / 1000, SEED_EXTABLE_BYTES % 1000, SEED_ENTRY_SIZE);
	return 0;
}

/* Prints the result of sql (or of --sql when sql is NULL), then for extable
 * on a table the summary: 0, or 1 on error. */
static int show(const struct query_opts *o, const char *sql)
{
	sqlite3 *h;
	sqlite3_stmt *st = NULL;
	char err[512];
	if (db_open_readonly(&h, o->db, err, sizeof(err))) {
		fl_error("%s", err);
		return 1;
	}
	deadline_set(h, &deadline, o->max_time);
	int rc = prepare(h, o, sql, &st);
	if (!rc && (rc = out_rows(stdout, st, o->fmt, err, sizeof(err))))
		sql_error(o, err);
	if (!rc && o->fmt == OUT_TABLE && !strcmp(o->cmd, "extable"))
		rc = extable_summary(h, o);
	if (!rc && fflush(stdout)) {
		fl_error("writing the output failed");
		rc = -1;
	}
	sqlite3_finalize(st);
	sqlite3_close(h);
	return rc ? 1 : 0;
}

static int named(int argc, char **argv, const char *cmd, const char *query)
{
	struct query_opts o = { .cmd = cmd, .db = db_default_path(), .max_time = DEFAULT_MAX_TIME };
	int rc = parse_opts(argc, argv, &o, 0);
	return rc ? rc : show(&o, find_query(query)->sql);
}

/* The columns out_qemu prints, for `faults --format qemu`. */
static const char qemu_sql[] = "SELECT vector, error_code, cpl, eip, cr2 FROM faults"
			       " WHERE run_id = :run ORDER BY seq";

int cmd_faults(int argc, char **argv)
{
	struct query_opts o = { .cmd = "faults", .db = db_default_path(), .max_time = DEFAULT_MAX_TIME };
	int rc = parse_opts(argc, argv, &o, 0);
	return rc ? rc : show(&o, o.fmt == OUT_QEMU ? qemu_sql : find_query("timeline")->sql);
}

int cmd_extable(int argc, char **argv)
{
	return named(argc, argv, "extable", "extable");
}

int cmd_query(int argc, char **argv)
{
	struct query_opts o = { .cmd = "query", .db = db_default_path(), .max_time = DEFAULT_MAX_TIME };
	int rc = parse_opts(argc, argv, &o, 1);
	if (rc)
		return rc;
	if (o.list) {
		for (size_t i = 0; i < NR_QUERIES; i++)
			printf("%-12s %s\n", queries[i].name, queries[i].summary);
		return 0;
	}
	if (!o.name == !o.sql) {
		fl_error(o.sql ? "give a query NAME or --sql, not both"
			       : "which query? give a NAME (see `faultline query --list`) or --sql");
		return usage(stderr, "query");
	}
	const struct named_query *q = o.name ? find_query(o.name) : NULL;
	if (o.name && !q) {
		fl_error("unknown query \"%s\" (see `faultline query --list`)", o.name);
		return 2;
	}
	return show(&o, q ? q->sql : NULL);
}

/*
 * faultline replay: a recorded fault, instruction by instruction, from the
 * database alone (run --steps stored it). The eight steps of the seed's
 * flow are announced as they come; on a terminal the replay waits at each
 * of them, so a class can follow the fault one step at a time.
 */
#include <getopt.h>
#include <sqlite3.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "db.h"

static const char *const milestone_text[9] = {
	NULL,
	"the access: kernel code touches a user address through a pointer it was handed",
	"the MMU refuses it: the CPU raises the exception and enters the trap stub",
	"the C handler runs (do_page_fault or do_divide_error): is the address one it can make good?",
	"search_exception_table is asked about the faulting EIP (regs->eip)",
	"the lookup answers: the table has an entry for that instruction",
	"the entry's handler has pointed regs->eip at the fixup; the trap returns there",
	"the fixup runs: the error code becomes -EFAULT and the destination is cleared",
	"the fixup jumps back past the access: the caller sees -EFAULT and goes on",
};

struct replay_opts {
	const char *db;
	unsigned long long run, fault;
	int only_milestones, wait;
};

static int parse(int argc, char **argv, struct replay_opts *o)
{
	static const struct option longopts[] = {
		{ "db", required_argument, 0, 'd' }, { "run", required_argument, 0, 'r' },
		{ "fault", required_argument, 0, 'f' }, { "milestones", no_argument, 0, 'm' },
		{ "all", no_argument, 0, 'a' }, { 0, 0, 0, 0 },
	};
	*o = (struct replay_opts){ .db = db_default_path(),
				   .wait = isatty(STDIN_FILENO) && isatty(STDOUT_FILENO) };
	optind = 1;
	for (int c; (c = getopt_long(argc, argv, "", longopts, NULL)) != -1;) {
		if (c == 'd')
			o->db = optarg;
		else if (c == 'm')
			o->only_milestones = 1;
		else if (c == 'a')
			o->wait = 0;
		else if ((c == 'r' || c == 'f') &&
			 !parse_u64(optarg, 1, INT64_MAX, c == 'r' ? &o->run : &o->fault))
			;
		else
			return usage(stderr, "replay");
	}
	return optind < argc ? usage(stderr, "replay") : 0;
}

/* The run and fault to show: as asked, or the latest run's first stepped fault. */
static int pick(sqlite3 *h, struct replay_opts *o)
{
	sqlite3_stmt *st;
	const char *sql = "SELECT run_id, fault_seq FROM fault_steps"
			  " WHERE (?1 = 0 OR run_id = ?1) AND (?2 = 0 OR fault_seq = ?2)"
			  " ORDER BY run_id DESC, fault_seq LIMIT 1";
	if (sqlite3_prepare_v2(h, sql, -1, &st, NULL) != SQLITE_OK)
		return -1;
	sqlite3_bind_int64(st, 1, (sqlite3_int64)o->run);
	sqlite3_bind_int64(st, 2, (sqlite3_int64)o->fault);
	int rc = sqlite3_step(st) == SQLITE_ROW ? 0 : -1;
	if (!rc) {
		o->run = (unsigned long long)sqlite3_column_int64(st, 0);
		o->fault = (unsigned long long)sqlite3_column_int64(st, 1);
	}
	sqlite3_finalize(st);
	return rc;
}

static const char *text(sqlite3_stmt *st, int col)
{
	const unsigned char *s = sqlite3_column_text(st, col);
	return s ? (const char *)s : "";
}

static void header(sqlite3 *h, const struct replay_opts *o)
{
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(h, "SELECT exception, eip, eip_symbol, cr2, access, lookup,"
				  " fixup_symbol, outcome FROM fault_timeline WHERE run_id = ? AND seq = ?",
			       -1, &st, NULL) != SQLITE_OK)
		return;
	sqlite3_bind_int64(st, 1, (sqlite3_int64)o->run);
	sqlite3_bind_int64(st, 2, (sqlite3_int64)o->fault);
	if (sqlite3_step(st) == SQLITE_ROW)
		printf("Run %llu, fault %llu: %s at %s <%s>, cr2 %s (%s); lookup %s, fixup %s;"
		       " outcome %s\n\n", o->run, o->fault, text(st, 0), text(st, 1), text(st, 2),
		       text(st, 3), text(st, 4), text(st, 5), text(st, 6), text(st, 7));
	sqlite3_finalize(st);
}

/* 0 to go on, 1 if the viewer asked to stop. */
static int pause_here(const struct replay_opts *o)
{
	if (!o->wait)
		return 0;
	printf("        [Enter: next step, q: quit] ");
	fflush(stdout);
	int c = getchar(), q = c == 'q' || c == EOF;
	while (c != '\n' && c != EOF)
		c = getchar();
	return q;
}

static int show_steps(sqlite3 *h, const struct replay_opts *o)
{
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(h, "SELECT step_idx, milestone, eip, eip_symbol, insn, changed"
				  " FROM fault_steps WHERE run_id = ? AND fault_seq = ? ORDER BY step_idx",
			       -1, &st, NULL) != SQLITE_OK)
		return -1;
	sqlite3_bind_int64(st, 1, (sqlite3_int64)o->run);
	sqlite3_bind_int64(st, 2, (sqlite3_int64)o->fault);
	while (sqlite3_step(st) == SQLITE_ROW) {
		int m = sqlite3_column_type(st, 1) == SQLITE_NULL ? 0 : sqlite3_column_int(st, 1);
		if (m < 0 || m > 8 || (o->only_milestones && !m))
			continue;
		if (m && pause_here(o))
			break;
		if (m)
			printf("\n== step %d: %s\n", m, milestone_text[m]);
		printf("%6lld  0x%08llx  %-28s %-34s %s\n", (long long)sqlite3_column_int64(st, 0),
		       (unsigned long long)sqlite3_column_int64(st, 2), text(st, 3), text(st, 4),
		       text(st, 5));
	}
	sqlite3_finalize(st);
	return 0;
}

int cmd_replay(int argc, char **argv)
{
	struct replay_opts o;
	sqlite3 *h;
	char err[512];
	int rc = parse(argc, argv, &o);
	if (rc)
		return rc;
	if (db_open_readonly(&h, o.db, err, sizeof(err))) {
		fl_error("%s", err);
		return 1;
	}
	if (pick(h, &o)) {
		fl_error("%s: no stepped fault%s (record one with `faultline run --steps`)", o.db,
			 o.run || o.fault ? " matches --run/--fault" : "");
		sqlite3_close(h);
		return 1;
	}
	header(h, &o);
	rc = show_steps(h, &o) ? 1 : 0;
	sqlite3_close(h);
	return rc;
}

/*
 * A recorded fault, instruction by instruction, from the database alone (run
 * --steps stored it): which fault to show, its summary line, and a sentence
 * for each of the eight steps of the seed's flow. The
 * terminal replay is viz/tui.c; `faultline replay` (tracer/cmd_replay.c)
 * opens the database and picks what to show.
 */
#include <sqlite3.h>
#include <stdio.h>
#include <string.h>

#include "replay.h"
#include "termtext.h"

/* Columns of one field of the summary line: the database may hold text of
 * any length. */
enum { SUMMARY_FIELD = 40 };

const char *const milestone_text[9] = {
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

/* The run and fault to show: as asked, or the latest run's first stepped fault. */
int replay_pick(sqlite3 *h, int64_t *run, int64_t *fault)
{
	sqlite3_stmt *st;
	const char *sql = "SELECT run_id, fault_seq FROM fault_steps"
			  " WHERE (?1 = 0 OR run_id = ?1) AND (?2 = 0 OR fault_seq = ?2)"
			  " ORDER BY run_id DESC, fault_seq LIMIT 1";
	if (sqlite3_prepare_v2(h, sql, -1, &st, NULL) != SQLITE_OK)
		return -1;
	sqlite3_bind_int64(st, 1, *run);
	sqlite3_bind_int64(st, 2, *fault);
	int rc = sqlite3_step(st) == SQLITE_ROW ? 0 : -1;
	if (!rc) {
		*run = sqlite3_column_int64(st, 0);
		*fault = sqlite3_column_int64(st, 1);
	}
	sqlite3_finalize(st);
	return rc;
}

static const char *text(sqlite3_stmt *st, int col)
{
	const unsigned char *s = sqlite3_column_text(st, col);
	return s ? (const char *)s : "";
}

/* Column col through the terminal sanitizer, into f (TERM_BYTES(max)). */
static const char *clean(char *f, sqlite3_stmt *st, int col, size_t max)
{
	const char *s = text(st, col);
	term_text(f, (const unsigned char *)s, strlen(s), max, NULL);
	return f;
}

void replay_summary(sqlite3 *h, int64_t run, int64_t fault, char *buf, size_t len)
{
	sqlite3_stmt *st;
	char f[8][TERM_BYTES(SUMMARY_FIELD)];
	snprintf(buf, len, "run %lld, fault %lld", (long long)run, (long long)fault);
	if (sqlite3_prepare_v2(h, "SELECT exception, eip, eip_symbol, cr2, access, lookup,"
				  " fixup_symbol, outcome FROM fault_timeline WHERE run_id = ? AND seq = ?",
			       -1, &st, NULL) != SQLITE_OK)
		return;
	sqlite3_bind_int64(st, 1, run);
	sqlite3_bind_int64(st, 2, fault);
	if (sqlite3_step(st) == SQLITE_ROW) {
		for (int i = 0; i < 8; i++)
			clean(f[i], st, i, SUMMARY_FIELD);
		snprintf(buf, len, "Run %lld, fault %lld: %s at %s <%s>, cr2 %s (%s); lookup %s,"
			 " fixup %s; outcome %s", (long long)run, (long long)fault, f[0], f[1],
			 f[2], f[3], f[4], f[5], f[6], f[7]);
	}
	sqlite3_finalize(st);
}

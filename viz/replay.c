/*
 * A recorded fault, instruction by instruction, from the database alone (run
 * --steps stored it). The eight steps of the seed's flow are announced as
 * they come; on a terminal the replay waits at each of them, so a class can
 * follow the fault one step at a time. `faultline replay` (tracer/cmd_replay.c)
 * opens the database and picks what to show.
 */
#include <sqlite3.h>
#include <stdio.h>
#include <string.h>

#include "replay.h"
#include "termtext.h"

/* Columns of one field of the summary line, and of one step's field: the
 * database may hold text of any length. */
enum { SUMMARY_FIELD = 40, STEP_FIELD = 160 };

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

int replay_each(sqlite3 *h, int64_t run, int64_t fault,
		int (*fn)(void *ctx, const struct step_view *s), void *ctx)
{
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(h, "SELECT step_idx, milestone, eip, eip_symbol, insn, changed"
				  " FROM fault_steps WHERE run_id = ? AND fault_seq = ? ORDER BY step_idx",
			       -1, &st, NULL) != SQLITE_OK)
		return -1;
	sqlite3_bind_int64(st, 1, run);
	sqlite3_bind_int64(st, 2, fault);
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		int m = sqlite3_column_type(st, 1) == SQLITE_NULL ? 0 : sqlite3_column_int(st, 1);
		struct step_view v = { sqlite3_column_int64(st, 0), m >= 1 && m <= 8 ? m : 0,
				       (unsigned long long)sqlite3_column_int64(st, 2), text(st, 3),
				       text(st, 4), text(st, 5) };
		if (fn(ctx, &v)) {
			rc = SQLITE_DONE;
			break;
		}
	}
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : -1;
}

/* 0 to go on, 1 if the viewer asked to stop. */
static int pause_here(const struct replay_view *o)
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

/* s sanitized and cut at STEP_FIELD columns, padded with spaces to width. */
static void put_field(const char *s, size_t width)
{
	char f[TERM_BYTES(STEP_FIELD)];
	size_t cols = term_text(f, (const unsigned char *)s, strlen(s), STEP_FIELD, NULL);
	fputs(f, stdout);
	for (; cols < width; cols++)
		putchar(' ');
}

static int show_step(void *ctx, const struct step_view *s)
{
	const struct replay_view *o = ctx;
	if (o->only_milestones && !s->milestone)
		return 0;
	if (s->milestone && pause_here(o))
		return 1;
	if (s->milestone)
		printf("\n== step %d: %s\n", s->milestone, milestone_text[s->milestone]);
	printf("%6lld  0x%08llx  ", s->idx, s->eip);
	put_field(s->symbol, 28);
	putchar(' ');
	put_field(s->insn, 34);
	putchar(' ');
	put_field(s->changed, 0);
	putchar('\n');
	return ferror(stdout) ? 1 : 0;	/* no use going on */
}

int replay_terminal(sqlite3 *h, int64_t run, int64_t fault, const struct replay_view *view)
{
	char line[REPLAY_SUMMARY_MAX];
	replay_summary(h, run, fault, line, sizeof(line));
	printf("%s\n\n", line);
	return replay_each(h, run, fault, show_step, (void *)view) ? 1 : 0;
}

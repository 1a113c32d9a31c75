/* Every table's rows come back with exactly the values written, NULL where
 * the API says so, and the views answer the common questions. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "db.h"
#include "dbtest.h"

struct fixture {
	struct dbtest t;	/* first: dbtest_teardown frees the whole */
	struct db *db;
	int64_t run;
	sqlite3 *h;
};

static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof(*f));
	void *t;
	char err[256];
	struct run_info ri = { .scenario = "tour", .program = NULL, .kernel_path = "/k/kernel.elf",
			       .kernel_sha256 = "0123456789abcdef0123456789abcdef"
						"0123456789abcdef0123456789abcdef",
			       .engine = "kvm_pvm", .engine_version = "KVM API 12", .emulated = 1, .tsc_khz = 2000000,
			       .cmdline = "scenario=tour" };
	if (!f || dbtest_setup(&t))
		return -1;
	f->t = *(struct dbtest *)t;
	free(t);
	if (db_open(&f->db, f->t.path, err, sizeof(err)) || db_run_begin(f->db, &ri, &f->run))
		return -1;
	f->h = raw_open(f->t.path);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;
	char buf[16];
	int bad = strcmp(q_text(f->h, "PRAGMA integrity_check", buf, sizeof(buf)), "ok");
	sqlite3_close(f->h);
	db_close(f->db);
	return dbtest_teardown(state) || bad;
}

static const struct fault_record get_user_fault = {
	.seq = 1, .ts_ns = 1234567, .tsc = 0xfedcba9876543210ull, .has_tsc = 1, .vector = 14, .cr2 = 0xbad0,
	.eip = 0xc0101234, .eip_symbol = "sys_read_user+0x14", .error_code = 0x2, .cpl = 0,
	.lookup = LOOKUP_FOUND, .entry_index = 3, .fixup = 0xc0108000,
	.fixup_symbol = ".fixup+0x10", .handler = "ex_handler_default", .owner = "kernel",
	.outcome = OUTCOME_FIXUP, .resume_eip = 0xc0108000, .eax_after = 0xfffffff2,
	.edx_after = 0,
};

#define CHECK_INT(sql, v) assert_int_equal(q_int(f->h, sql), v)
#define CHECK_TEXT(sql, s) assert_string_equal(q_text(f->h, sql, buf, sizeof(buf)), s)

static void runs_round_trip(void **state)
{
	struct fixture *f = *state;
	char buf[128];
	CHECK_TEXT("SELECT scenario || '|' || kernel_path || '|' || engine || '|' || cmdline"
		   " FROM runs", "tour|/k/kernel.elf|kvm_pvm|scenario=tour");
	CHECK_TEXT("SELECT kernel_sha256 FROM runs",
		   "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef");
	CHECK_INT("SELECT program IS NULL AND ended_at IS NULL AND status IS NULL FROM runs", 1);
	CHECK_INT("SELECT emulated FROM runs", 1);
	CHECK_INT("SELECT tsc_khz FROM runs", 2000000);
	CHECK_INT("SELECT started_at GLOB '20[0-9][0-9]-[01][0-9]-[0-3][0-9]T*Z' FROM runs", 1);
	struct run_end end = { .status = RUN_GUEST_FAILED, .exit_code = 3, .fault_count = 7,
			       .exits = 14, .exits_per_fault = 2.0 };
	assert_int_equal(db_run_end(f->db, f->run, &end), 0);
	CHECK_TEXT("SELECT status FROM runs", "guest_failed");
	CHECK_INT("SELECT exit_code * 1000000 + fault_count * 1000 + exits FROM runs", 3007014);
	CHECK_INT("SELECT exits_per_fault = 2.0 AND ended_at >= started_at FROM runs", 1);
	end.fault_count = 0;
	end.status = "finished";
	assert_int_equal(db_run_end(f->db, f->run, &end), -1);
	assert_non_null(strstr(db_error(f->db), "CHECK constraint failed"));
}

static void faults_round_trip(void **state)
{
	struct fixture *f = *state;
	char buf[128];
	assert_int_equal(db_add_fault(f->db, f->run, &get_user_fault), 0);
	assert_int_equal(db_flush(f->db), 0);
	CHECK_INT("SELECT run_id * 100 + seq FROM faults", 101);
	CHECK_INT("SELECT ts_ns FROM faults", 1234567);
	CHECK_INT("SELECT tsc FROM faults", (long long)0xfedcba9876543210ull);
	CHECK_INT("SELECT vector * 100000 + cr2 FROM faults", 14 * 100000 + 0xbad0);
	CHECK_INT("SELECT eip FROM faults", 0xc0101234);
	CHECK_TEXT("SELECT eip_symbol FROM faults", "sys_read_user+0x14");
	CHECK_TEXT("SELECT printf('%d%d%d%d%d', err_present, err_write, err_user, err_rsvd,"
		   " err_fetch) FROM faults", "01000");
	CHECK_INT("SELECT error_code * 10 + cpl FROM faults", 20);
	CHECK_TEXT("SELECT lookup || ' ' || entry_index || ' ' || fixup || ' ' || fixup_symbol"
		   " FROM faults", "found 3 3222306816 .fixup+0x10");
	CHECK_TEXT("SELECT handler || ' ' || owner || ' ' || outcome"
		   " FROM faults", "ex_handler_default kernel fixup");
	CHECK_TEXT("SELECT printf('%x %x %x', resume_eip, eax_after, edx_after) FROM faults",
		   "c0108000 fffffff2 0");
	CHECK_INT("SELECT mismatch = 0 AND note IS NULL FROM faults", 1);
}

/* A fault is first recorded at the exception entry, its outcome later. */
static void a_fault_is_completed_later(void **state)
{
	struct fixture *f = *state;
	char buf[128];
	struct fault_record r = { .seq = 1, .vector = 0, .cr2 = 0x1234, .eip = 0x08048010,
				  .cpl = 3, .entry_index = -1, .error_code = 0 };
	assert_int_equal(db_add_fault(f->db, f->run, &r), 0);
	CHECK_INT("SELECT count(*) FROM faults", 0);	/* not committed yet */
	assert_int_equal(db_flush(f->db), 0);
	CHECK_INT("SELECT lookup IS NULL AND outcome IS NULL AND resume_eip IS NULL"
		  " AND fixup IS NULL AND entry_index IS NULL AND err_write IS NULL"
		  " AND cr2 IS NULL FROM faults", 1);
	r.lookup = LOOKUP_NA;
	r.outcome = OUTCOME_KILLED;
	r.resume_eip = 0xc0100500;
	snprintf(r.note, sizeof(r.note), "divide by zero in user mode");
	assert_int_equal(db_update_fault(f->db, f->run, &r), 0);
	assert_int_equal(db_flush(f->db), 0);
	CHECK_TEXT("SELECT lookup || ' ' || outcome || ' ' || resume_eip || ' ' || note FROM faults",
		   "not_applicable killed 3222275328 divide by zero in user mode");
	r.seq = 5;
	assert_int_equal(db_update_fault(f->db, f->run, &r), -1);
	assert_non_null(strstr(db_error(f->db), "has no fault 5"));
	r.seq = 1;
	r.outcome = OUTCOME_OOPS;
	r.resume_eip = 0;
	r.eax_after = 0xfffffff2;
	assert_int_equal(db_update_fault(f->db, f->run, &r), 0);
	assert_int_equal(db_flush(f->db), 0);
	CHECK_INT("SELECT resume_eip IS NULL AND eax_after IS NULL FROM faults", 1);
}

static void console_lines_keep_every_byte(void **state)
{
	struct fixture *f = *state;
	char buf[128];
	static const char line[] = "a\0b\xff\x1b[2J\xc3\xa9";
	assert_int_equal(db_add_console(f->db, f->run, 42, line, sizeof(line) - 1), 0);
	assert_int_equal(db_add_console(f->db, f->run, 43, NULL, 0), 0);
	assert_int_equal(db_add_console(f->db, f->run, 44, line, 1 << 20), -1);
	assert_int_equal(db_flush(f->db), 0);
	CHECK_TEXT("SELECT hex(CAST(line AS BLOB)) FROM console WHERE ts_ns = 42",
		   "610062FF1B5B324AC3A9");
	CHECK_INT("SELECT length(CAST(line AS BLOB)) FROM console WHERE ts_ns = 43", 0);
	CHECK_INT("SELECT count(*) FROM console", 2);
}

static void extable_steps_and_bench_round_trip(void **state)
{
	struct fixture *f = *state;
	char buf[128];
	struct extable_row e = { .owner = "kernel", .idx = 4, .insn = 0xc0101234,
				 .fixup = 0xc0108000, .handler = 1,
				 .insn_symbol = "get_user_4+0x3", .fixup_symbol = ".fixup+0x10" };
	assert_int_equal(db_add_extable(f->db, f->run, &e), 0);
	assert_int_equal(db_add_fault(f->db, f->run, &get_user_fault), 0);
	struct step_row s = { .fault_seq = 1, .step_idx = 0, .milestone = 0, .eip = 0xc0100000,
			      .eip_symbol = "page_fault+0x0", .changed = "" };
	assert_int_equal(db_add_step(f->db, f->run, &s), 0);
	s.step_idx = 1;
	s.milestone = 7;
	snprintf(s.changed, sizeof(s.changed), "eax=0xfffffff2 edx=0x0");
	assert_int_equal(db_add_step(f->db, f->run, &s), 0);
	s.milestone = 9;
	s.step_idx = 2;
	assert_int_equal(db_add_step(f->db, f->run, &s), -1);
	struct bench_row b = { .case_name = "get_user_fault", .parameter = NULL,
			       .measure = "instructions", .value = 123.5, .unit = "instructions",
			       .repetitions = 10 };
	assert_int_equal(db_add_bench(f->db, f->run, &b), 0);
	assert_int_equal(db_flush(f->db), 0);
	CHECK_TEXT("SELECT printf('%s %d %x %x %d %s %s', owner, idx, insn, fixup, handler,"
		   " insn_symbol, fixup_symbol) FROM extable_entries",
		   "kernel 4 c0101234 c0108000 1 get_user_4+0x3 .fixup+0x10");
	CHECK_TEXT("SELECT group_concat(printf('%d:%s:%x:%s:%s', step_idx, ifnull(milestone, 'NULL'),"
		   " eip, eip_symbol, ifnull(changed, 'NULL')), ' / ') FROM fault_steps",
		   "0:NULL:c0100000:page_fault+0x0:NULL / "
		   "1:7:c0100000:page_fault+0x0:eax=0xfffffff2 edx=0x0");
	CHECK_TEXT("SELECT printf('%s %s %s %.1f %s %d', case_name, ifnull(parameter, 'NULL'),"
		   " measure, value, unit, repetitions) FROM bench",
		   "get_user_fault NULL instructions 123.5 instructions 10");
	CHECK_TEXT("SELECT handler || ' ' || insn || ' ' || fixup FROM extable_listing",
		   "ex_handler_fault 0xc0101234 0xc0108000");
}

/* What a replay panel needs: the walk and frame of a fault, each step's
 * registers and source, and the table probes. */
static void replay_rows_round_trip(void **state)
{
	struct fixture *f = *state;
	char buf[256];
	struct fault_record r = get_user_fault;
	r.walk_level = 1;
	r.walk_reason = WALK_NOT_PRESENT;
	r.has_frame = 1;
	r.frame_addr = 0xc0200ff0;
	r.frame_eip_before = 0xc0101234;
	r.frame_eax_before = 0xbad0;
	r.frame_edx_before = 7;
	assert_int_equal(db_add_fault(f->db, f->run, &r), 0);
	r.has_frame_after = 1;
	r.frame_eax_after = 14;
	r.frame_edx_after = 7;
	assert_int_equal(db_update_fault(f->db, f->run, &r), 0);
	struct walk_row w = { .fault_seq = 1, .level = 4, .entry_addr = 0x1000,
			      .entry_value = 0x8000000000002007ull };
	assert_int_equal(db_add_walk(f->db, f->run, &w), 0);
	struct step_row s = { .fault_seq = 1, .eip = 0xc0101234, .src_file = "guest/mm/fault.c",
			      .src_line = 42 };
	assert_int_equal(db_add_step(f->db, f->run, &s), 0);
	struct step_reg_row g = { .fault_seq = 1, .reg = "eax", .value = 0xfffffff2 };
	assert_int_equal(db_add_step_reg(f->db, f->run, &g), 0);
	g.reg = "rax";
	assert_int_equal(db_add_step_reg(f->db, f->run, &g), -1);
	assert_int_equal(db_add_source_line(f->db, f->run, "guest/mm/fault.c", 42, "\tx = 1;", 7), 0);
	assert_int_equal(db_add_source_line(f->db, f->run, "guest/mm/fault.c", 42, "other", 5), 0);
	struct probe_row p = { .fault_seq = 1, .probe = 1, .step_idx = 0, .owner = "kernel",
			       .idx = 5, .insn = 0xc0100000, .result = PROBE_BELOW };
	assert_int_equal(db_add_probe(f->db, f->run, &p), 0);
	assert_int_equal(db_flush(f->db), 0);
	CHECK_TEXT("SELECT printf('%d %s %x %x %x %x %x %x', walk_level, walk_reason, frame_addr,"
		   " frame_eip_before, frame_eax_before, frame_edx_before, frame_eax_after,"
		   " frame_edx_after) FROM faults", "1 not_present c0200ff0 c0101234 bad0 7 e 7");
	CHECK_TEXT("SELECT refused_by FROM fault_timeline", "PTE not present");
	CHECK_TEXT("SELECT printf('%d %x %x', level, entry_addr, entry_value) FROM fault_walk",
		   "4 1000 8000000000002007");
	CHECK_TEXT("SELECT src_file || ':' || src_line FROM fault_steps", "guest/mm/fault.c:42");
	CHECK_TEXT("SELECT group_concat(reg || '=' || printf('%x', value)) FROM step_regs",
		   "eax=fffffff2");
	CHECK_TEXT("SELECT group_concat(text) FROM source_lines", "\tx = 1;");
	CHECK_TEXT("SELECT printf('%d %d %s %d %x %s', probe, step_idx, owner, idx, insn, result)"
		   " FROM extable_probes", "1 0 kernel 5 c0100000 below");
}

static void add_fault(struct fixture *f, uint64_t seq, const char *sym, const char *lookup,
		      const char *outcome, uint32_t resume)
{
	struct fault_record r = get_user_fault;
	r.seq = seq;
	snprintf(r.eip_symbol, sizeof(r.eip_symbol), "%s", sym);
	r.lookup = lookup;
	r.outcome = outcome;
	r.resume_eip = resume;
	assert_int_equal(db_add_fault(f->db, f->run, &r), 0);
}

static void the_views_answer_the_common_questions(void **state)
{
	struct fixture *f = *state;
	char buf[256];
	add_fault(f, 1, "get_user_4+0x3", LOOKUP_FOUND, OUTCOME_FIXUP, 0xc0108000);
	add_fault(f, 2, "get_user_4+0x3", LOOKUP_FOUND, OUTCOME_FIXUP, 0xc0108000);
	add_fault(f, 3, "get_user_4+0x3", LOOKUP_FOUND, NULL, 0);
	add_fault(f, 4, "copy_page", LOOKUP_NONE, OUTCOME_FIXUP, 0xc0108000);
	add_fault(f, 5, "get_user_4+0x3", LOOKUP_FOUND, OUTCOME_FIXUP, 0xc0101234);
	add_fault(f, 6, "do_oops+0x1", LOOKUP_FOUND, OUTCOME_OOPS, 0);
	assert_int_equal(db_flush(f->db), 0);
	CHECK_TEXT("SELECT printf('%s|%s|%s|%s|%s|%s|%s', t_ms, exception, eip, cr2, access,"
		   " fixup, eax_after) FROM fault_timeline WHERE seq = 1",
		   "1.235|#PF|0xc0101234|0x0000bad0|kernel write, not present|0xc0108000|0xfffffff2");
	CHECK_TEXT("SELECT group_concat(function || ':' || ifnull(outcome, '?') || ':' || faults, ' ')"
		   " FROM (SELECT * FROM faults_by_function ORDER BY function, outcome)",
		   "copy_page:fixup:1 do_oops:oops:1 get_user_4:?:1 get_user_4:fixup:3");
	CHECK_TEXT("SELECT group_concat(seq || '=' || reason, '; ') FROM unexplained_faults",
		   "3=the outcome is unknown; "
		   "4=resumed at a fixup the table does not have; "
		   "5=resumed somewhere other than the fixup; "
		   "6=an oops although the table has a fixup");
}

#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(runs_round_trip),
		T(faults_round_trip),
		T(a_fault_is_completed_later),
		T(console_lines_keep_every_byte),
		T(extable_steps_and_bench_round_trip),
		T(replay_rows_round_trip),
		T(the_views_answer_the_common_questions),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

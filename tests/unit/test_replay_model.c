/* The replay model reads back what the tracer's writers stored: registers
 * folded step by step, probes, the probed table, the walk and the source;
 * and it stays whole on rows that make no sense. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "db.h"
#include "dbtest.h"
#include "replay_model.h"

static const struct fault_record fault = {
	.seq = 1, .vector = 14, .cr2 = 0, .eip = 0xc0101234, .eip_symbol = "get_user_4+0x3",
	.error_code = 0, .cpl = 0, .lookup = LOOKUP_FOUND, .entry_index = 2, .fixup = 0xc0108000,
	.owner = "kernel", .outcome = OUTCOME_FIXUP, .resume_eip = 0xc0108000,
	.walk_level = 4, .walk_reason = WALK_NOT_PRESENT, .has_frame = 1, .frame_addr = 0xc0200ff0,
	.frame_eip_before = 0xc0101234, .observed_index = -1,
};

static void add_steps(struct db *db, int64_t run)
{
	static const int milestones[] = { 1, 2, 0, 4, 0, 5 };
	for (uint32_t i = 0; i < 6; i++) {
		struct step_row s = { .fault_seq = 1, .step_idx = i, .milestone = milestones[i],
				      .eip = 0xc0100000 + i, .src_file = "guest/mm/fault.c",
				      .src_line = 40 + i };
		assert_int_equal(db_add_step(db, run, &s), 0);
	}
	struct step_reg_row r[] = {
		{ 1, 0, "eax", 1 }, { 1, 0, "esp", 0x1000 }, { 1, 0, "eip", 0xc0100000 },
		{ 1, 2, "eax", 2 }, { 1, 5, "esp", 0xff0 }, { 1, 5, "eax", 0xc0300010 },
	};
	for (size_t i = 0; i < sizeof(r) / sizeof(r[0]); i++)
		assert_int_equal(db_add_step_reg(db, run, &r[i]), 0);
}

static void add_rest(struct db *db, int64_t run)
{
	for (uint32_t i = 0; i < 5; i++) {
		struct extable_row e = { .owner = "kernel", .idx = i, .insn = 0xc0101000 + i * 0x100 };
		assert_int_equal(db_add_extable(db, run, &e), 0);
	}
	struct probe_row p[] = { { 1, 1, 3, "kernel", 2, 0xc0101200, PROBE_BELOW },
				 { 1, 2, 4, "kernel", 3, 0xc0101300, PROBE_ABOVE } };
	for (size_t i = 0; i < 2; i++)
		assert_int_equal(db_add_probe(db, run, &p[i]), 0);
	struct walk_row w = { 1, 4, 0x1000, 0x2006 };
	assert_int_equal(db_add_walk(db, run, &w), 0);
	assert_int_equal(db_add_source_line(db, run, "guest/mm/fault.c", 41, "\tfoo();", 7), 0);
	assert_int_equal(db_add_source_line(db, run, "guest/arch/fixup.c", 9, "bar", 3), 0);
}

static int setup(void **state)
{
	struct db *db;
	int64_t run;
	char err[256];
	struct run_info ri = { .kernel_path = "k", .cmdline = "" };
	if (dbtest_setup(state) || db_open(&db, ((struct dbtest *)*state)->path, err, sizeof(err)) ||
	    db_run_begin(db, &ri, &run) || db_add_fault(db, run, &fault))
		return -1;
	add_steps(db, run);
	add_rest(db, run);
	db_close(db);
	return 0;
}

static sqlite3 *open_db(void **state)
{
	sqlite3 *h;
	char err[256];
	assert_int_equal(db_open_readonly(&h, ((struct dbtest *)*state)->path, err, sizeof(err)), 0);
	return h;
}

static void registers_fold_step_by_step(void **state)
{
	sqlite3 *h = open_db(state);
	struct replay_model m;
	char err[256];
	assert_int_equal(replay_load(h, 1, 1, &m, err, sizeof(err)), 0);
	assert_int_equal(m.nsteps, 6);
	assert_int_equal(m.steps[1].regs[RM_EAX], 1);
	assert_int_equal(m.steps[1].changed_regs, 0);
	assert_int_equal(m.steps[3].regs[RM_EAX], 2);
	assert_int_equal(m.steps[3].regs[RM_ESP], 0x1000);
	assert_int_equal(m.steps[2].changed_regs, 1u << RM_EAX);
	assert_int_equal(m.steps[5].regs[RM_EAX], 0xc0300010);
	assert_int_equal(m.steps[5].changed_regs, (1u << RM_EAX) | (1u << RM_ESP));
	assert_false(m.steps[5].known & (1u << RM_CR2));
	assert_int_equal(replay_milestone_step(&m, 5), 5);
	assert_int_equal(replay_milestone_step(&m, 7), -1);
	assert_int_equal(replay_phase(&m, 4), 4);
	assert_string_equal(m.steps[1].src_file, "guest/mm/fault.c");
	assert_int_equal(m.steps[1].src_line, 41);
	assert_string_equal(replay_source(&m, "guest/mm/fault.c", 41), "\tfoo();");
	assert_null(replay_source(&m, "guest/mm/fault.c", 40));
	replay_free(&m);
	sqlite3_close(h);
}

static void probes_tables_and_walk(void **state)
{
	sqlite3 *h = open_db(state);
	struct replay_model m;
	char err[256];
	assert_int_equal(replay_load(h, 1, 1, &m, err, sizeof(err)), 0);
	assert_int_equal(m.nprobes, 2);
	assert_string_equal(m.probes[1].result, "above");
	assert_int_equal(m.probes[1].idx, 3);
	assert_int_equal(m.ntables, 1);
	assert_int_equal(replay_table(&m, "kernel")->n, 5);
	assert_int_equal(replay_table(&m, "kernel")->e[4].insn, 0xc0101400);
	assert_int_equal(m.nwalk, 1);
	assert_int_equal(m.walk[0].level, 4);
	assert_int_equal(m.walk[0].value, 0x2006);
	assert_int_equal(m.f.walk_level, 4);
	assert_string_equal(m.f.walk_reason, "not_present");
	assert_int_equal(m.f.frame_eax_after, RM_NULL);
	assert_int_equal(m.f.frame_addr, 0xc0200ff0);
	replay_free(&m);
	sqlite3_close(h);
}

static void a_missing_fault_is_one_line(void **state)
{
	sqlite3 *h = open_db(state);
	struct replay_model m;
	char err[256];
	int64_t *seqs;
	size_t n;
	assert_int_equal(replay_load(h, 1, 9, &m, err, sizeof(err)), -1);
	assert_string_equal(err, "run 1 has no fault 9");
	assert_int_equal(replay_stepped_faults(h, 1, &seqs, &n, err, sizeof(err)), 0);
	assert_int_equal(n, 1);
	assert_int_equal(seqs[0], 1);
	free(seqs);
	sqlite3_close(h);
}

#define T(f) cmocka_unit_test_setup_teardown(f, setup, dbtest_teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(registers_fold_step_by_step),
		T(probes_tables_and_walk),
		T(a_missing_fault_is_one_line),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

/*
 * Instruction counts that do not depend on the engine: the same fault path,
 * as QEMU TCG stops on it (every boundary) and as the emulating KVM does (no
 * stop on a stub's first instruction or on the instruction an iret returns
 * to), must count the same; a C handler returning into the glue is no gap.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "stepgap.h"

#define STUBS 0xc0100100u	/* trap_entry_0; stubs are 16 bytes apart */
#define PF_STUB (STUBS + 14 * 16)
#define COMMON (STUBS + 32 * 16)	/* trap_common, in the glue */
#define IRET (COMMON + 0x80)
#define GLUE_END (COMMON + 0x100)
#define ACCESS 0xc0105000u
#define FIXUP 0xc0109000u
#define HANDLER 0xc0102000u

static struct stepgap gap(void)
{
	struct stepgap g = { .stubs_lo = STUBS, .stubs_hi = STUBS + 32 * 16, .glue_lo = STUBS,
			     .glue_hi = GLUE_END, .iret = IRET };
	for (unsigned v = 0; v < STEPGAP_VECTORS; v++)
		g.entry[v] = STUBS + v * 16;
	return g;
}

/* Count a sequence of stops as bench does: one each, plus the gaps. */
static unsigned count(const uint32_t *pc, size_t n, uint32_t target)
{
	struct stepgap g = gap();
	unsigned total = 0;
	for (size_t i = 0; i < n; i++)
		total += 1 + stepgap_missed(&g, pc[i], pc[i] == IRET ? target : 0);
	return total;
}

static void every_boundary_counts_once(void **state)
{
	(void)state;
	const uint32_t tcg[] = { ACCESS, PF_STUB, PF_STUB + 2, COMMON, HANDLER, HANDLER + 4,
				 COMMON + 5, IRET, FIXUP, FIXUP + 5, ACCESS + 3 };
	assert_int_equal(count(tcg, sizeof(tcg) / sizeof(tcg[0]), FIXUP), 11);
}

static void skipped_stops_are_counted(void **state)
{
	(void)state;
	/* No stop at PF_STUB (delivery) nor at FIXUP (after iretq). */
	const uint32_t kvm[] = { ACCESS, PF_STUB + 2, COMMON, HANDLER, HANDLER + 4, COMMON + 5,
				 IRET, FIXUP + 5, ACCESS + 3 };
	assert_int_equal(count(kvm, sizeof(kvm) / sizeof(kvm[0]), FIXUP), 11);
}

static void returns_into_the_glue_are_not_gaps(void **state)
{
	(void)state;
	struct stepgap g = gap();
	assert_int_equal(stepgap_missed(&g, HANDLER + 8, 0), 0);
	assert_int_equal(stepgap_missed(&g, COMMON + 5, 0), 0);	/* ret from the C handler */
	assert_int_equal(stepgap_missed(&g, COMMON + 9, 0), 0);
}

static void iret_to_its_target_is_no_gap(void **state)
{
	(void)state;
	struct stepgap g = gap();
	stepgap_missed(&g, IRET, ACCESS);
	assert_int_equal(stepgap_missed(&g, ACCESS, 0), 0);	/* a resolved fault retries */
	stepgap_missed(&g, IRET, ACCESS);
	assert_int_equal(stepgap_missed(&g, ACCESS + 3, 0), 1);
}

static void a_fault_right_after_iret_misses_two(void **state)
{
	(void)state;
	/* The instruction iretq returns to faults at once: TCG stops at it and at
	 * the stub; the emulating KVM at neither. */
	const uint32_t tcg[] = { IRET, FIXUP, PF_STUB, PF_STUB + 2 };
	const uint32_t kvm[] = { IRET, PF_STUB + 2 };
	assert_int_equal(count(tcg, 4, FIXUP), 4);
	assert_int_equal(count(kvm, 2, FIXUP), 4);
}

static void reset_forgets_the_previous_stop(void **state)
{
	(void)state;
	struct stepgap g = gap();
	stepgap_missed(&g, PF_STUB, 0);
	stepgap_reset(&g);
	/* A region starting inside a stub: no earlier stop to prove a gap from. */
	assert_int_equal(stepgap_missed(&g, PF_STUB + 2, 0), 1);
	assert_int_equal(stepgap_missed(&g, PF_STUB + 4, 0), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(every_boundary_counts_once),
		cmocka_unit_test(skipped_stops_are_counted),
		cmocka_unit_test(returns_into_the_glue_are_not_gaps),
		cmocka_unit_test(iret_to_its_target_is_no_gap),
		cmocka_unit_test(a_fault_right_after_iret_misses_two),
		cmocka_unit_test(reset_forgets_the_previous_stop),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

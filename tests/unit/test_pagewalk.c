/* The page walk's verdict (tracer/pagewalk.c): each reason from crafted
 * entries and error codes, and the cases it must leave unexplained. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "pagewalk.h"
#include "record.h"

#define P   0x001ull
#define RW  0x002ull
#define US  0x004ull
#define PS  0x080ull
#define XD  (1ull << 63)
#define WP  (1ull << 16)
#define NXE (1ull << 11)
#define TABLE (P | RW | US)

/* A walk that read n entries, top level first, and ended as end says. */
static struct page_walk walk(unsigned n, const uint64_t *e, enum page_walk_end end)
{
	struct page_walk w = { .n = n, .end = end };
	for (unsigned i = 0; i < n; i++) {
		w.addr[i] = 0x1000 * (i + 1);
		w.entry[i] = e[i];
	}
	return w;
}

static void expect(struct page_walk w, uint32_t err, uint64_t cr0, uint64_t efer, int level,
		   const char *reason)
{
	struct walk_verdict v = walk_explain(&w, err, cr0, efer);
	assert_int_equal(v.level, level);
	if (reason)
		assert_string_equal(v.reason, reason);
	else
		assert_null(v.reason);
}

static void not_present_at_the_first_clear_level(void **state)
{
	(void)state;
	const uint64_t e[] = { TABLE | 0x2000, TABLE | 0x3000, 0 };
	expect(walk(3, e, PAGE_WALK_NOT_PRESENT), 0, WP, 0, 2, WALK_NOT_PRESENT);
	/* PROT_NONE: the guest's software bit on a non-present PTE */
	const uint64_t f[] = { TABLE, TABLE, TABLE, 0x5000 | 0x400 };
	expect(walk(4, f, PAGE_WALK_NOT_PRESENT), PF_ERR_USER, WP, 0, 1, WALK_NOT_PRESENT);
	/* a level above forbidding the access does not matter: the walk stops first */
	const uint64_t g[] = { P | RW, 0 };
	expect(walk(2, g, PAGE_WALK_NOT_PRESENT), PF_ERR_USER, WP, 0, 3, WALK_NOT_PRESENT);
}

static void read_only_and_cr0_wp(void **state)
{
	(void)state;
	const uint64_t e[] = { TABLE, TABLE, TABLE, P | US | 0x5000 };
	struct page_walk w = walk(4, e, PAGE_WALK_MAPPED);
	uint32_t kwrite = PF_ERR_PRESENT | PF_ERR_WRITE;
	expect(w, kwrite, WP, 0, 1, WALK_READ_ONLY);
	expect(w, kwrite, 0, 0, 0, WALK_ALLOWED);	/* WP clear: the kernel writes anywhere */
	expect(w, kwrite | PF_ERR_USER, 0, 0, 1, WALK_READ_ONLY);
	expect(w, PF_ERR_PRESENT | PF_ERR_USER, WP, 0, 0, WALK_ALLOWED);	/* a read is fine */
	const uint64_t d[] = { TABLE, P | US, TABLE, TABLE | 0x5000 };
	expect(walk(4, d, PAGE_WALK_MAPPED), kwrite, WP, 0, 3, WALK_READ_ONLY);
}

static void supervisor_pages(void **state)
{
	(void)state;
	/* the kernel's 2 MiB pages: PDE leaf without U/S */
	const uint64_t e[] = { TABLE, TABLE, P | RW | PS | 0x200000 };
	struct page_walk w = walk(3, e, PAGE_WALK_MAPPED);
	expect(w, PF_ERR_PRESENT | PF_ERR_USER, WP, 0, 2, WALK_SUPERVISOR);
	expect(w, PF_ERR_PRESENT | PF_ERR_USER | PF_ERR_WRITE, WP, 0, 2, WALK_SUPERVISOR);
	expect(w, PF_ERR_PRESENT, WP, 0, 0, WALK_ALLOWED);
	/* the topmost level that forbids it is named */
	const uint64_t f[] = { P | RW, TABLE, TABLE, P | 0x5000 };
	expect(walk(4, f, PAGE_WALK_MAPPED), PF_ERR_PRESENT | PF_ERR_USER, WP, 0, 4,
	       WALK_SUPERVISOR);
}

static void no_execute_needs_nxe(void **state)
{
	(void)state;
	const uint64_t e[] = { TABLE, TABLE | XD, TABLE, TABLE | 0x5000 };
	struct page_walk w = walk(4, e, PAGE_WALK_MAPPED);
	uint32_t fetch = PF_ERR_PRESENT | PF_ERR_FETCH | PF_ERR_USER;
	expect(w, fetch, WP, NXE, 3, WALK_NO_EXECUTE);
	expect(w, PF_ERR_PRESENT | PF_ERR_USER, WP, NXE, 0, WALK_ALLOWED);	/* a read */
	/* without NXE bit 63 is reserved, whatever the access */
	expect(w, PF_ERR_PRESENT | PF_ERR_RSVD, WP, 0, 3, WALK_RESERVED);
}

static void reserved_bits(void **state)
{
	(void)state;
	uint32_t rsvd = PF_ERR_PRESENT | PF_ERR_RSVD;
	const uint64_t pml4_ps[] = { TABLE | PS, TABLE, TABLE, TABLE };
	expect(walk(4, pml4_ps, PAGE_WALK_MAPPED), rsvd, WP, 0, 4, WALK_RESERVED);
	const uint64_t gib[] = { TABLE, TABLE | PS | 0x40000000 | 0x2000 };
	expect(walk(2, gib, PAGE_WALK_MAPPED), rsvd, WP, 0, 3, WALK_RESERVED);
	const uint64_t mib[] = { TABLE, TABLE, TABLE | PS | 0x200000 | 0x100000 };
	expect(walk(3, mib, PAGE_WALK_MAPPED), rsvd, WP, 0, 2, WALK_RESERVED);
	/* an aligned large page has none: its PAT bit (12) is not reserved */
	const uint64_t ok[] = { TABLE, TABLE, TABLE | PS | 0x201000 };
	expect(walk(3, ok, PAGE_WALK_MAPPED), PF_ERR_PRESENT, WP, 0, 0, WALK_ALLOWED);
	/* reserved before a not-present level below it: the walk stops there */
	const uint64_t first[] = { TABLE | XD, 0 };
	expect(walk(2, first, PAGE_WALK_NOT_PRESENT), 0, WP, 0, 4, WALK_RESERVED);
	/* an RSVD fault the checked bits do not show (MAXPHYADDR): no reason */
	const uint64_t high[] = { TABLE, TABLE, TABLE, TABLE | (1ull << 50) };
	expect(walk(4, high, PAGE_WALK_MAPPED), rsvd, WP, 0, 0, NULL);
}

static void allowed_and_walks_out_of_ram(void **state)
{
	(void)state;
	const uint64_t e[] = { TABLE, TABLE, TABLE, TABLE | 0x5000 };
	expect(walk(4, e, PAGE_WALK_MAPPED), PF_ERR_WRITE | PF_ERR_USER, WP, 0, 0, WALK_ALLOWED);
	/* two entries read, the third outside RAM: nothing to say */
	expect(walk(2, e, PAGE_WALK_OUTSIDE), PF_ERR_WRITE, WP, 0, 0, NULL);
	expect(walk(0, e, PAGE_WALK_OUTSIDE), 0, WP, 0, 0, NULL);
	/* unless a level read already refused it */
	const uint64_t f[] = { TABLE, 0 };
	expect(walk(2, f, PAGE_WALK_NOT_PRESENT), 0, WP, 0, 3, WALK_NOT_PRESENT);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(not_present_at_the_first_clear_level),
		cmocka_unit_test(read_only_and_cr0_wp),
		cmocka_unit_test(supervisor_pages),
		cmocka_unit_test(no_execute_needs_nxe),
		cmocka_unit_test(reserved_bits),
		cmocka_unit_test(allowed_and_walks_out_of_ram),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

/* Guest memory access: bounds and page-table walks against hostile values. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "mem.h"

#define SIZE (4u << 20)

static void bounds_are_overflow_safe(void **state)
{
	(void)state;
	struct guest_mem m = { calloc(1, SIZE), SIZE };
	assert_non_null(gmem_ptr(&m, 0, SIZE));
	assert_non_null(gmem_ptr(&m, SIZE - 1, 1));
	assert_non_null(gmem_ptr(&m, SIZE, 0));
	assert_null(gmem_ptr(&m, SIZE, 1));
	assert_null(gmem_ptr(&m, SIZE - 1, 2));
	assert_null(gmem_ptr(&m, 1, UINT64_MAX));
	assert_null(gmem_ptr(&m, UINT64_MAX, 2));
	free(m.host);
}

static void put64(struct guest_mem *m, uint64_t gpa, uint64_t v)
{
	memcpy(m->host + gpa, &v, 8);
}

static void walks_four_levels_and_large_pages(void **state)
{
	(void)state;
	struct guest_mem m = { calloc(1, SIZE), SIZE };
	/* PML4 0x1000 -> PDPT 0x2000 -> PD 0x3000 -> PT 0x4000 -> page 0x5000 */
	put64(&m, 0x1000, 0x2000 | 1);
	put64(&m, 0x2000 + 3 * 8, 0x3000 | 1);
	put64(&m, 0x3000, 0x4000 | 1);
	put64(&m, 0x4000 + 2 * 8, 0x5000 | 1);
	put64(&m, 0x3000 + 8, 0x200000 | 0x81);	/* a 2 MiB page */
	uint64_t pa;
	assert_int_equal(gmem_translate(&m, 0x1000, 0xC0002123, &pa), 0);
	assert_int_equal(pa, 0x5123);
	assert_int_equal(gmem_translate(&m, 0x1000, 0xC0212345, &pa), 0);
	assert_int_equal(pa, 0x212345);
	assert_int_equal(gmem_translate(&m, 0x1000, 0xC0003000, &pa), -1);
	assert_int_equal(gmem_translate(&m, 0x1000, 0x00000000, &pa), -1);
	memcpy(m.host + 0x5ffe, "ab", 2);
	char buf[3] = { 0 };
	assert_int_equal(gmem_read_virt(&m, 0x1000, 0xC0002ffe, buf, 2), 0);
	assert_string_equal(buf, "ab");
	assert_int_equal(gmem_read_virt(&m, 0x1000, 0xC0002fff, buf, 2), -1);
	free(m.host);
}

/* The walk keeps each entry it read and says how it ended. */
static void walks_keep_every_entry(void **state)
{
	(void)state;
	struct guest_mem m = { calloc(1, SIZE), SIZE };
	struct page_walk w;
	put64(&m, 0x1000, 0x2000 | 7);
	put64(&m, 0x2000 + 3 * 8, 0x3000 | 7);
	put64(&m, 0x3000, 0x4000 | 7);
	put64(&m, 0x4000 + 2 * 8, 0x8000000000005005ull);	/* XD, user, read-only */
	put64(&m, 0x3000 + 8, 0x200000 | 0x83);
	assert_int_equal(gmem_walk(&m, 0x1000, 0xC0002123, &w), 0);
	assert_int_equal(w.n, 4);
	assert_int_equal(w.end, PAGE_WALK_MAPPED);
	const uint64_t addr[] = { 0x1000, 0x2018, 0x3000, 0x4010 };
	const uint64_t entry[] = { 0x2007, 0x3007, 0x4007, 0x8000000000005005ull };
	assert_memory_equal(w.addr, addr, sizeof(addr));
	assert_memory_equal(w.entry, entry, sizeof(entry));
	assert_int_equal(w.gpa, 0x5123);
	/* a 2 MiB page ends at the PDE */
	assert_int_equal(gmem_walk(&m, 0x1000, 0xC0212345, &w), 0);
	assert_int_equal(w.n, 3);
	assert_int_equal(w.addr[2], 0x3008);
	assert_int_equal(w.gpa, 0x212345);
	/* not present: the PTE, then the PDPTE */
	assert_int_equal(gmem_walk(&m, 0x1000, 0xC0003000, &w), -1);
	assert_int_equal(w.n, 4);
	assert_int_equal(w.end, PAGE_WALK_NOT_PRESENT);
	assert_int_equal(w.addr[3], 0x4018);
	assert_int_equal(w.entry[3], 0);
	assert_int_equal(gmem_walk(&m, 0x1000, 0x00000000, &w), -1);
	assert_int_equal(w.n, 2);
	assert_int_equal(w.end, PAGE_WALK_NOT_PRESENT);
	/* PS in the PML4E does not end the walk */
	put64(&m, 0x1000, 0x2000 | 0x87);
	assert_int_equal(gmem_walk(&m, 0x1000, 0xC0002123, &w), 0);
	assert_int_equal(w.n, 4);
	free(m.host);
}

static void tables_outside_memory_are_refused(void **state)
{
	(void)state;
	struct guest_mem m = { calloc(1, SIZE), SIZE };
	uint64_t pa;
	put64(&m, 0x1000, 0x7fff000000ull | 1);	/* PDPT far beyond RAM */
	assert_int_equal(gmem_translate(&m, 0x1000, 0x1000, &pa), -1);
	assert_int_equal(gmem_translate(&m, 0xfffffffff000ull, 0x1000, &pa), -1);
	/* the walk names the entry it could not read */
	struct page_walk w;
	assert_int_equal(gmem_walk(&m, 0x1000, 0x1000, &w), -1);
	assert_int_equal(w.end, PAGE_WALK_OUTSIDE);
	assert_int_equal(w.n, 1);
	assert_int_equal(w.addr[1], 0x7fff000000ull);
	assert_int_equal(gmem_walk(&m, 0xfffffffff000ull, 0x1000, &w), -1);
	assert_int_equal(w.end, PAGE_WALK_OUTSIDE);
	assert_int_equal(w.n, 0);
	put64(&m, SIZE - 8, 0x2000 | 1);	/* the last word of RAM is an entry */
	assert_int_equal(gmem_walk(&m, SIZE - 4096, 511ull << 39, &w), -1);
	assert_int_equal(w.n, 2);
	assert_int_equal(w.addr[0], SIZE - 8);
	put64(&m, 0x1000, 0x2000 | 1);
	put64(&m, 0x2000, 0x3000 | 1);
	put64(&m, 0x3000, 0x4000 | 1);
	put64(&m, 0x4000, 0x7ffff000ull | 1);	/* a page beyond RAM */
	assert_int_equal(gmem_translate(&m, 0x1000, 0x10, &pa), 0);
	char c;
	assert_int_equal(gmem_read_virt(&m, 0x1000, 0x10, &c, 1), -1);
	free(m.host);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(bounds_are_overflow_safe),
		cmocka_unit_test(walks_four_levels_and_large_pages),
		cmocka_unit_test(walks_keep_every_entry),
		cmocka_unit_test(tables_outside_memory_are_refused),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

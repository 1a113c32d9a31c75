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

static void tables_outside_memory_are_refused(void **state)
{
	(void)state;
	struct guest_mem m = { calloc(1, SIZE), SIZE };
	uint64_t pa;
	put64(&m, 0x1000, 0x7fff000000ull | 1);	/* PDPT far beyond RAM */
	assert_int_equal(gmem_translate(&m, 0x1000, 0x1000, &pa), -1);
	assert_int_equal(gmem_translate(&m, 0xfffffffff000ull, 0x1000, &pa), -1);
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
		cmocka_unit_test(tables_outside_memory_are_refused),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

/*
 * The oops scenario: a kernel bug. A load through a pointer that is neither
 * user memory nor mapped, from code with no exception-table entry, so
 * do_page_fault finds no fixup and the kernel stops with an oops.
 */
#include <kernel/kernel.h>
#include <kernel/ktest.h>

struct buggy {
	uint32_t pad[3];
	uint32_t field;
};

__attribute__((noinline)) static uint32_t read_field(const struct buggy *b)
{
	return b->field;
}

int ktest_oops(uint32_t arg)
{
	const struct buggy *b = (const struct buggy *)(uintptr_t)arg;
	printk("[oops] reading a field through the bad pointer %p, with no fixup\n", (void *)b);
	uint32_t v = read_field(b);
	return ktest_case(0, "read_field(%p) returned %#x: the fault did not happen", (void *)b, v);
}

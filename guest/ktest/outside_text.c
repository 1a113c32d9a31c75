/*
 * A user access whose instruction is not in .text but in .init.text, its own
 * output section. The 2.1 kernel warned that only .text was searched; our
 * table is sorted globally at build time, so an entry from any executable
 * section is found like any other.
 */
#include <kernel/kernel.h>
#include <kernel/ktest.h>
#include <kernel/uaccess.h>

__attribute__((section(".init.text"), noinline)) static int get_user_elsewhere(uint32_t addr,
									       uint32_t *val)
{
	return get_user(*val, (const uint32_t *)addr);
}

int ktest_outside_text(uint32_t arg)
{
	(void)arg;
	uint32_t val = 0xdeadbeef;
	int err = get_user_elsewhere(0x10, &val);
	return ktest_case(err == -EFAULT && val == 0,
			  "get_user from .init.text (%p) on unmapped 0x10 = %d, value %#x",
			  (void *)get_user_elsewhere, err, val);
}

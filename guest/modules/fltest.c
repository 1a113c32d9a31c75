/*
 * fltest: a module whose user accesses are covered by its own exception
 * table, not the kernel's. Its test reads a user word with get_user.
 */
#include <kernel/kernel.h>
#include <kernel/module.h>
#include <kernel/uaccess.h>

static int fltest_peek(uint32_t addr)
{
	uint32_t val = 0xdeadbeef;
	int err = get_user(val, (const uint32_t *)addr);
	printk("[module] fltest: get_user(u32, %#x) = %d, value %#x\n", addr, err, val);
	return err;
}

KMODULE("fltest", fltest_peek);

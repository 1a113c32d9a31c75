/*
 * The verify_area scenario: the uaccess scenario's pointers through the old
 * path. verify_area walks the process's areas before any access, so a bad
 * pointer is refused without a fault, at the price of a tree lookup on
 * every call, even for good pointers. A range that runs into a hole is
 * refused whole, where copy_from_user copies what it can.
 */
#include <kernel/kernel.h>
#include <kernel/ktest.h>
#include <kernel/mm.h>
#include <kernel/sched.h>
#include <kernel/string.h>
#include <kernel/verify_area.h>

static int check(const char *what, int type, uint32_t addr, uint32_t size, int want)
{
	uint32_t probes;
	int err = __verify_area(current->mm, type, addr, size, &probes);
	return ktest_case(err == want, "verify_area(%s, %s %#x, %u) = %d after %u tree probes",
			  type == VERIFY_WRITE ? "VERIFY_WRITE" : "VERIFY_READ", what, addr, size,
			  err, probes);
}

int ktest_verify_area(uint32_t arg)
{
	(void)arg;
	uint32_t page = ktest_map(2 * PAGE_SIZE, PROT_READ | PROT_WRITE);
	uint32_t ro = ktest_map(PAGE_SIZE, PROT_READ);
	do_munmap(current->mm, page + PAGE_SIZE, PAGE_SIZE);
	int failed = 0;
	failed += check("valid", VERIFY_READ, page, 4, 0);
	failed += check("NULL", VERIFY_READ, 0, 4, -EFAULT);
	failed += check("kernel address", VERIFY_READ, PAGE_OFFSET + 0x100000, 4, -EFAULT);
	failed += check("last word below TASK_SIZE", VERIFY_READ, TASK_SIZE - 4, 4, 0);
	failed += check("word crossing TASK_SIZE", VERIFY_READ, TASK_SIZE - 3, 4, -EFAULT);
	failed += check("wrapping", VERIFY_READ, 0xfffffff0u, 0x20, -EFAULT);
	failed += check("unmapped", VERIFY_READ, page + PAGE_SIZE, 4, -EFAULT);
	failed += check("straddling into a hole", VERIFY_READ, page + PAGE_SIZE - 10, 32, -EFAULT);
	failed += check("read-only", VERIFY_WRITE, ro, 4, -EFAULT);
	uint32_t v = 0;
	if (!verify_area(VERIFY_READ, (void *)page, 4))
		v = get_user_unchecked((const uint32_t *)page);
	failed += ktest_case(v == 0, "verify_area then an unchecked load of %#x = %#x (a fresh page)",
			     page, v);
	do_munmap(current->mm, page, PAGE_SIZE);
	do_munmap(current->mm, ro, PAGE_SIZE);
	return failed;
}

/*
 * The uaccess scenario: get_user, put_user and copy_from_user on every kind
 * of pointer a system call might be handed. The bad ones come back as
 * -EFAULT (or a short copy), and the kernel runs on.
 */
#include <kernel/kernel.h>
#include <kernel/ktest.h>
#include <kernel/mm.h>
#include <kernel/sched.h>
#include <kernel/string.h>
#include <kernel/uaccess.h>

#define ANY_VALUE 0xdeadbeef	/* the value is not checked */

static int get_case(const char *what, uint32_t addr, int want_err, uint32_t want_val)
{
	uint32_t val = ANY_VALUE;
	int err = get_user(val, (const uint32_t *)addr);
	return ktest_case(err == want_err && (want_val == ANY_VALUE || val == want_val),
			  "get_user(u32, %s %#x) = %d, value %#x", what, addr, err, val);
}

static int pointer_cases(uint32_t page)
{
	int failed = 0;
	failed += get_case("valid", page, 0, 0x1234abcd);
	failed += get_case("NULL", 0, -EFAULT, 0);
	failed += get_case("kernel address", PAGE_OFFSET + 0x100000, -EFAULT, 0);
	failed += get_case("last word below TASK_SIZE", TASK_SIZE - 4, 0, ANY_VALUE);
	failed += get_case("word crossing TASK_SIZE", TASK_SIZE - 3, -EFAULT, 0);
	failed += ktest_case(!access_ok(TASK_SIZE - 0x1000, 0x40001000u) &&
				     !access_ok(0xfffffff0u, 0x20),
			     "access_ok(%#x, %#x) and access_ok(0xfffffff0, 0x20), which wrap = 0",
			     TASK_SIZE - 0x1000, 0x40001000u);
	failed += get_case("unmapped", page + PAGE_SIZE, -EFAULT, 0);
	return failed;
}

static int straddle_case(uint32_t page)
{
	uint8_t kbuf[32];
	uint32_t src = page + PAGE_SIZE - 10;
	memset(kbuf, 0xaa, sizeof(kbuf));
	uint32_t left = copy_from_user(kbuf, (const void *)src, sizeof(kbuf));
	int zeroed = 1;
	for (uint32_t i = 10; i < sizeof(kbuf); i++)
		zeroed &= kbuf[i] == 0;
	return ktest_case(left == 22 && kbuf[0] == 0x5a && kbuf[9] == 0x5a && zeroed,
			  "copy_from_user(kbuf, %#x, 32) across into an unmapped page = %u left,"
			  " the tail of kbuf zeroed", src, left);
}

static int readonly_case(void)
{
	uint32_t ro = ktest_map(PAGE_SIZE, PROT_READ);
	uint32_t before;
	int r1 = get_user(before, (uint32_t *)ro);	/* maps the page, read-only */
	int err = put_user(0x55u, (uint32_t *)ro);
	uint32_t after = 1;
	int r2 = get_user(after, (uint32_t *)ro);
	return ktest_case(!r1 && !r2 && err == -EFAULT && before == 0 && after == 0,
			  "put_user(0x55, read-only %#x) = %d, memory still %#x", ro, err, after);
}

int ktest_uaccess(uint32_t arg)
{
	(void)arg;
	uint32_t page = ktest_map(2 * PAGE_SIZE, PROT_READ | PROT_WRITE);
	do_munmap(current->mm, page + PAGE_SIZE, PAGE_SIZE);	/* a hole after it */
	int failed = put_user(0x1234abcdu, (uint32_t *)page);
	for (uint32_t i = 0; i < 10; i++)
		failed += put_user((uint8_t)0x5a, (uint8_t *)(page + PAGE_SIZE - 10 + i)) != 0;
	failed += pointer_cases(page);
	failed += straddle_case(page);
	failed += readonly_case();
	do_munmap(current->mm, page, PAGE_SIZE);
	return failed;
}

/*
 * The usercopy scenario: the assertions of Linux's usercopy self-tests,
 * written for this kernel. Round trips of every get_user/put_user size,
 * and the rules for failures: a failed get_user zeroes its destination, a
 * failed copy_from_user zero-fills what it could not copy, a failed put_user
 * writes nothing, and kernel addresses are refused in both directions.
 */
#include <kernel/kernel.h>
#include <kernel/ktest.h>
#include <kernel/mm.h>
#include <kernel/sched.h>
#include <kernel/string.h>
#include <kernel/uaccess.h>

#define ROUND_TRIP(type, val, uaddr) ({					\
	type __in = (type)(val), __out = 0;				\
	int __e1 = put_user(__in, (type *)(uaddr));			\
	int __e2 = get_user(__out, (type *)(uaddr));			\
	ktest_case(!__e1 && !__e2 && __out == __in,			\
		   "put_user/get_user(" #type ", %#x) round trip = %d/%d", \
		   (uaddr), __e1, __e2); })

static int round_trips(uint32_t u)
{
	int failed = 0;
	failed += ROUND_TRIP(uint8_t, 0x5a, u + 1);
	failed += ROUND_TRIP(uint16_t, 0x5aa5, u + 2);
	failed += ROUND_TRIP(uint32_t, 0x5aa5c33cu, u + 4);
	failed += ROUND_TRIP(uint64_t, 0x0123456789abcdefull, u + 8);
	return failed;
}

static int failed_reads_zero(uint32_t hole)
{
	int failed = 0;
	uint64_t v64 = ~0ull;
	uint8_t v8 = 0xff;
	int e = get_user(v64, (uint64_t *)hole);
	failed += ktest_case(e == -EFAULT && v64 == 0, "get_user(u64, unmapped %#x) = %d, value zeroed",
			     hole, e);
	e = get_user(v8, (uint8_t *)hole);
	failed += ktest_case(e == -EFAULT && v8 == 0, "get_user(u8, unmapped %#x) = %d, value zeroed",
			     hole, e);
	uint8_t kbuf[16];
	memset(kbuf, 0xaa, sizeof(kbuf));
	uint32_t left = copy_from_user(kbuf, (void *)hole, sizeof(kbuf));
	int zero = 1;
	for (size_t i = 0; i < sizeof(kbuf); i++)
		zero &= kbuf[i] == 0;
	failed += ktest_case(left == sizeof(kbuf) && zero,
			     "copy_from_user(kbuf, unmapped %#x, 16) = %u left, kbuf all zero", hole, left);
	return failed;
}

static int kernel_addresses_refused(uint32_t u)
{
	static uint32_t kernel_word = 0x600dcafe;
	uint32_t kaddr = (uint32_t)&kernel_word;
	int failed = 0;
	int e = put_user(0xbadu, (uint32_t *)kaddr);
	failed += ktest_case(e == -EFAULT && kernel_word == 0x600dcafe,
			     "put_user(0xbad, kernel %#x) = %d, kernel memory untouched", kaddr, e);
	uint32_t left = copy_to_user((void *)kaddr, &u, 4);
	failed += ktest_case(left == 4 && kernel_word == 0x600dcafe,
			     "copy_to_user(kernel %#x, .., 4) = %u left", kaddr, left);
	uint32_t buf = 0xffffffff;
	left = copy_from_user(&buf, (void *)kaddr, 4);
	failed += ktest_case(left == 4 && buf == 0, "copy_from_user(.., kernel %#x, 4) = %u left, zeroed",
			     kaddr, left);
	return failed;
}

static int string_calls(uint32_t u, uint32_t hole)
{
	int failed = 0;
	char k[16];
	copy_to_user((void *)u, "faultline", 10);
	int32_t n = strncpy_from_user(k, (const char *)u, sizeof(k));
	failed += ktest_case(n == 9 && !strcmp(k, "faultline"), "strncpy_from_user(k, %#x, 16) = %d", u, n);
	n = strncpy_from_user(k, (const char *)hole, sizeof(k));
	failed += ktest_case(n == -EFAULT, "strncpy_from_user(k, unmapped %#x, 16) = %d", hole, n);
	uint32_t len = strnlen_user((const char *)u, 64);
	failed += ktest_case(len == 10, "strnlen_user(%#x, 64) = %u (with the NUL)", u, len);
	len = strnlen_user((const char *)(hole - 2), 64);
	failed += ktest_case(len == 0, "strnlen_user(%#x running into a hole, 64) = %u", hole - 2, len);
	uint32_t left = clear_user((void *)(hole - 6), 16);
	uint8_t last = 1;
	get_user(last, (uint8_t *)(hole - 1));
	failed += ktest_case(left == 10 && last == 0, "clear_user(%#x, 16) = %u not cleared", hole - 6, left);
	return failed;
}

int ktest_usercopy(uint32_t arg)
{
	(void)arg;
	uint32_t u = ktest_map(2 * PAGE_SIZE, PROT_READ | PROT_WRITE);
	uint32_t hole = u + PAGE_SIZE;
	do_munmap(current->mm, hole, PAGE_SIZE);
	put_user((uint16_t)0x4142, (uint16_t *)(hole - 2));	/* "BA", no NUL before the hole */
	int failed = round_trips(u) + failed_reads_zero(hole) + kernel_addresses_refused(u) +
		     string_calls(u, hole);
	do_munmap(current->mm, u, PAGE_SIZE);
	return failed;
}

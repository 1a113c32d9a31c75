/*
 * User memory by the current task's uaccess mode, for the file system calls.
 * Under UACCESS_VERIFY_AREA a call first checks its whole user range with
 * user_range_ok (verify_area), then copies with plain accesses that cannot
 * fault; under UACCESS_EXTABLE user_range_ok passes everything and the copies
 * go through the exception table, stopping at the first bad byte.
 */
#include <kernel/fs.h>
#include <kernel/sched.h>
#include <kernel/uaccess.h>
#include <kernel/verify_area.h>

int uaccess_verifying(void)
{
	return current->uaccess_mode == UACCESS_VERIFY_AREA;
}

int user_range_ok(int type, const void *addr, uint32_t n)
{
	return !uaccess_verifying() || !verify_area(type, addr, n);
}

uint32_t user_copy_to(void *to, const void *from, uint32_t n)
{
	if (!uaccess_verifying())
		return copy_to_user(to, from, n);
	copy_unchecked(to, from, n);
	return 0;
}

uint32_t user_copy_from(void *to, const void *from, uint32_t n)
{
	if (!uaccess_verifying())
		return copy_from_user(to, from, n);
	copy_unchecked(to, from, n);
	return 0;
}

uint32_t user_clear(void *to, uint32_t n)
{
	if (!uaccess_verifying())
		return clear_user(to, n);
	clear_unchecked(to, n);
	return 0;
}

int verified_put(void *ubuf, const void *kbuf, uint32_t size)
{
	if (verify_area(VERIFY_WRITE, ubuf, size))
		return -EFAULT;
	copy_unchecked(ubuf, kbuf, size);
	return 0;
}

/*
 * read and write: the descriptor is checked first (-EBADF), then the whole
 * user range: access_ok, so a range past TASK_SIZE or wrapping is refused
 * before anything is touched, and under verify_area the areas as well. The
 * file's operation then copies; with the exception table it stops at the
 * first bad byte and returns the bytes done, or -EFAULT if there were none.
 */
#include <kernel/fs.h>
#include <kernel/kernel.h>
#include <kernel/uaccess.h>
#include <kernel/verify_area.h>

/* The most one call moves, so a count always fits the int32_t result. */
#define MAX_RW_COUNT 0x7ffff000u

int32_t sys_read(uint32_t fd, uint32_t buf, uint32_t len, uint32_t d, uint32_t e)
{
	(void)d, (void)e;
	struct file *f = fget(fd);
	if (!f || !f->f_op->read)
		return -EBADF;
	if (!access_ok(buf, len) || !user_range_ok(VERIFY_WRITE, (void *)buf, len))
		return -EFAULT;
	if (!len)
		return 0;
	return f->f_op->read(f, (char *)buf, len < MAX_RW_COUNT ? len : MAX_RW_COUNT);
}

int32_t sys_write(uint32_t fd, uint32_t buf, uint32_t len, uint32_t d, uint32_t e)
{
	(void)d, (void)e;
	struct file *f = fget(fd);
	if (!f || !f->f_op->write)
		return -EBADF;
	if (!access_ok(buf, len) || !user_range_ok(VERIFY_READ, (const void *)buf, len))
		return -EFAULT;
	if (!len)
		return 0;
	return f->f_op->write(f, (const char *)buf, len < MAX_RW_COUNT ? len : MAX_RW_COUNT);
}

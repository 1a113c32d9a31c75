/*
 * open and fstat. A name must be a readable, NUL-terminated string: a bad
 * pointer, or one running into memory it cannot read before its NUL, is
 * -EFAULT; a good one longer than NAME_MAX (or with no NUL in PATH_MAX bytes)
 * is -ENAMETOOLONG. Both user-access modes give the same answers.
 */
#include <kernel/fs.h>
#include <kernel/kernel.h>
#include <kernel/string.h>
#include <kernel/uaccess.h>
#include <kernel/verify_area.h>

/* The exception-table way: copy with strncpy_from_user; if the name fills
 * the buffer, measure it with strnlen_user to tell long from unterminated. */
static int getname_extable(char *name, const char *uname)
{
	int32_t n = strncpy_from_user(name, uname, NAME_MAX + 1);
	if (n < 0)
		return -EFAULT;
	if (n <= NAME_MAX)
		return 0;
	return strnlen_user(uname, PATH_MAX) ? -ENAMETOOLONG : -EFAULT;
}

/* The verify_area way (2.0's getname): find how much of the string's memory
 * is readable, then look for the NUL within it with plain accesses. */
static int getname_verify(char *name, const char *uname)
{
	uint32_t avail = verify_area_max(VERIFY_READ, uname, PATH_MAX);
	uint32_t len = strnlen(uname, avail);
	if (len == avail && avail < PATH_MAX)
		return -EFAULT;
	if (len > NAME_MAX)
		return -ENAMETOOLONG;
	copy_unchecked(name, uname, len + 1);
	return 0;
}

int32_t sys_open(uint32_t uname, uint32_t b, uint32_t c, uint32_t d, uint32_t e)
{
	(void)b, (void)c, (void)d, (void)e;
	char name[NAME_MAX + 1];
	int err = uaccess_verifying() ? getname_verify(name, (const char *)uname)
				      : getname_extable(name, (const char *)uname);
	if (err)
		return err;
	struct file *f;
	if (!strcmp(name, "zero"))
		f = file_alloc(FL_S_ZERO, &zero_fops);
	else if (!strcmp(name, "console"))
		f = file_alloc(FL_S_CONSOLE, &console_fops);
	else
		return -ENOENT;
	if (!f)
		return -ENOMEM;
	int32_t fd = fd_install(f);
	if (fd < 0)
		fput(f);
	return fd;
}

/* Field by field with put_user, the 8-byte ones included; a structure that
 * runs into a bad page keeps the fields stored before it. */
static int cp_new_stat(const struct fl_stat *st, struct fl_stat *ubuf)
{
	if (uaccess_verifying())
		return verified_put(ubuf, st, sizeof(*st));
	if (!access_ok(ubuf, sizeof(*ubuf)))
		return -EFAULT;
	if (__put_user(st->st_mode, &ubuf->st_mode) || __put_user(st->st_nlink, &ubuf->st_nlink) ||
	    __put_user(st->st_ino, &ubuf->st_ino) || __put_user(st->st_size, &ubuf->st_size))
		return -EFAULT;
	return 0;
}

int32_t sys_fstat(uint32_t fd, uint32_t ustat, uint32_t c, uint32_t d, uint32_t e)
{
	(void)c, (void)d, (void)e;
	struct file *f = fget(fd);
	if (!f)
		return -EBADF;
	struct fl_stat st = {
		.st_mode = f->mode, .st_nlink = (uint32_t)f->count,
		.st_ino = f->ino, .st_size = pipe_size(f),
	};
	return cp_new_stat(&st, (struct fl_stat *)ustat);
}

/*
 * The two character files: the console, which a process starts with on
 * descriptors 1 and 2, and zero; open() gives either by name. Each copies
 * through the calling task's uaccess mode (uaccess_mode.c).
 */
#include <kernel/fs.h>
#include <kernel/kernel.h>

/* The console through a kernel buffer, a chunk at a time. */
static int32_t tty_write(struct file *f, const char *ubuf, uint32_t len)
{
	(void)f;
	char chunk[128];
	uint32_t done = 0;
	while (done < len) {
		uint32_t n = len - done < sizeof(chunk) ? len - done : sizeof(chunk);
		uint32_t left = user_copy_from(chunk, ubuf + done, n);
		console_write(chunk, n - left);
		done += n - left;
		if (left)
			return done ? (int32_t)done : -EFAULT;
	}
	return (int32_t)done;
}

/* Zeroes, written straight into the user buffer with clear_user. */
static int32_t zero_read(struct file *f, char *ubuf, uint32_t len)
{
	(void)f;
	uint32_t left = user_clear(ubuf, len);
	return left == len ? -EFAULT : (int32_t)(len - left);
}

const struct file_operations console_fops = { .write = tty_write };
const struct file_operations zero_fops = { .read = zero_read };

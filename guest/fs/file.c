/*
 * Files and descriptor tables, with reference counts so that dup, close,
 * threads sharing a table and a pipe's two ends all let go of a file once.
 */
#include <kernel/fs.h>
#include <kernel/kernel.h>
#include <kernel/mm.h>
#include <kernel/sched.h>

static uint32_t next_ino = 1;

struct file *file_alloc(uint32_t mode, const struct file_operations *ops)
{
	struct file *f = kmalloc(sizeof(*f));
	if (!f)
		return NULL;
	*f = (struct file){ .count = 1, .mode = mode, .ino = next_ino++, .f_op = ops };
	return f;
}

void fput(struct file *f)
{
	if (--f->count)
		return;
	if (f->f_op->release)
		f->f_op->release(f);
	kfree(f);
}

/* A table with the console on 1 and 2, both one file as if dup'ed. */
struct files_struct *files_alloc(void)
{
	struct files_struct *files = kmalloc(sizeof(*files));
	struct file *console = file_alloc(FL_S_CONSOLE, &console_fops);
	if (!files || !console) {
		kfree(files);
		kfree(console);
		return NULL;
	}
	files->count = 1;
	files->fd[1] = files->fd[2] = console;
	console->count = 2;
	return files;
}

void files_get(struct files_struct *files)
{
	files->count++;
}

void files_put(struct files_struct *files)
{
	if (--files->count)
		return;
	for (int i = 0; i < NR_OPEN; i++)
		if (files->fd[i])
			fput(files->fd[i]);
	kfree(files);
}

struct file *fget(uint32_t fd)
{
	struct files_struct *files = current->files;
	return files && fd < NR_OPEN ? files->fd[fd] : NULL;
}

int32_t fd_install(struct file *f)
{
	struct files_struct *files = current->files;
	for (int32_t fd = 0; files && fd < NR_OPEN; fd++) {
		if (!files->fd[fd]) {
			files->fd[fd] = f;
			return fd;
		}
	}
	return -EMFILE;
}

void fd_release(int32_t fd)
{
	struct file *f = fget((uint32_t)fd);
	current->files->fd[fd] = NULL;
	fput(f);
}

int32_t sys_close(uint32_t fd, uint32_t b, uint32_t c, uint32_t d, uint32_t e)
{
	(void)b, (void)c, (void)d, (void)e;
	if (!fget(fd))
		return -EBADF;
	fd_release((int32_t)fd);
	return 0;
}

int32_t sys_dup(uint32_t fd, uint32_t b, uint32_t c, uint32_t d, uint32_t e)
{
	(void)b, (void)c, (void)d, (void)e;
	struct file *f = fget(fd);
	if (!f)
		return -EBADF;
	int32_t nfd = fd_install(f);
	if (nfd >= 0)
		f->count++;
	return nfd;
}

/*
 * Open files and descriptor tables. A process starts with the console on
 * descriptors 1 and 2; pipe, open and dup take the lowest free descriptor.
 * Threads (clone) share their process's table; a spawned program gets a
 * fresh one, since spawn is not fork.
 */
#ifndef KERNEL_FS_H
#define KERNEL_FS_H

#include <stdint.h>
#include <faultline/unistd.h>

struct file;

/* read and write return bytes transferred, or a negative errno; NULL:
 * -EBADF. release, if any, runs when the last reference goes. */
struct file_operations {
	int32_t (*read)(struct file *f, char *ubuf, uint32_t len);
	int32_t (*write)(struct file *f, const char *ubuf, uint32_t len);
	void (*release)(struct file *f);
};

struct file {
	int count;		/* descriptors referring to it */
	uint32_t mode;		/* FL_S_* */
	uint32_t ino;
	const struct file_operations *f_op;
	struct pipe_inode_info *pipe;	/* both ends of a pipe share it */
};

struct files_struct {
	int count;		/* tasks sharing the table */
	struct file *fd[NR_OPEN];
};

/* file.c */
struct files_struct *files_alloc(void);
void files_get(struct files_struct *files);
void files_put(struct files_struct *files);
/* A new file with one reference, or NULL. */
struct file *file_alloc(uint32_t mode, const struct file_operations *ops);
void fput(struct file *f);
/* The current task's file for fd, or NULL. */
struct file *fget(uint32_t fd);
/* Install f at the lowest free descriptor; the descriptor or -EMFILE. */
int32_t fd_install(struct file *f);
void fd_release(int32_t fd);

/* devices.c: the console and zero files' operations */
extern const struct file_operations console_fops, zero_fops;
/* pipe.c */
uint32_t pipe_size(const struct file *f);

/* uaccess_mode.c: the copies return the bytes NOT copied. Under verify_area
 * the range must have passed user_range_ok first. */
int uaccess_verifying(void);
int user_range_ok(int type, const void *addr, uint32_t n);
uint32_t user_copy_to(void *to, const void *from, uint32_t n);
uint32_t user_copy_from(void *to, const void *from, uint32_t n);
uint32_t user_clear(void *to, uint32_t n);
/* The verify_area way to fill a user structure: check all of it, then store
 * it whole; 0 or -EFAULT. (The exception-table way is put_user per field.) */
int verified_put(void *ubuf, const void *kbuf, uint32_t size);

/* The system calls, in the table's argument form. */
int32_t sys_read(uint32_t fd, uint32_t buf, uint32_t len, uint32_t d, uint32_t e);
int32_t sys_write(uint32_t fd, uint32_t buf, uint32_t len, uint32_t d, uint32_t e);
int32_t sys_pipe(uint32_t ufds, uint32_t b, uint32_t c, uint32_t d, uint32_t e);
int32_t sys_open(uint32_t uname, uint32_t b, uint32_t c, uint32_t d, uint32_t e);
int32_t sys_close(uint32_t fd, uint32_t b, uint32_t c, uint32_t d, uint32_t e);
int32_t sys_dup(uint32_t fd, uint32_t b, uint32_t c, uint32_t d, uint32_t e);
int32_t sys_fstat(uint32_t fd, uint32_t ustat, uint32_t c, uint32_t d, uint32_t e);

#endif

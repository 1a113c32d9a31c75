/* System call wrappers and printf for user programs. */
#include <faultline/user.h>

int write(int fd, const void *buf, size_t len)
{
	return syscall5(SYS_write, (uint32_t)fd, (uint32_t)buf, len, 0, 0);
}

void exit(int status)
{
	syscall5(SYS_exit, (uint32_t)status, 0, 0, 0, 0);
	for (;;)
		;
}

int spawn(const char *prog, const char *args)
{
	return syscall5(SYS_spawn, (uint32_t)prog, (uint32_t)args, 0, 0, 0);
}

int printf(const char *fmt, ...)
{
	char buf[256];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	return write(1, buf, strnlen(buf, sizeof(buf)));
}

const char *getarg(int argc, char **argv, const char *key)
{
	size_t klen = strlen(key);
	for (int i = 1; i < argc; i++)
		if (!strncmp(argv[i], key, klen) && argv[i][klen] == '=')
			return argv[i] + klen + 1;
	return NULL;
}

void *mmap(void *addr, size_t len, int prot, int flags)
{
	return (void *)syscall5(SYS_mmap, (uint32_t)addr, len, (uint32_t)prot, (uint32_t)flags, 0);
}

int munmap(void *addr, size_t len)
{
	return syscall5(SYS_munmap, (uint32_t)addr, len, 0, 0, 0);
}

int mprotect(void *addr, size_t len, int prot)
{
	return syscall5(SYS_mprotect, (uint32_t)addr, len, (uint32_t)prot, 0, 0);
}

int ktest(const char *name, uint32_t arg)
{
	return syscall5(SYS_ktest, (uint32_t)name, arg, 0, 0, 0);
}

int clone(void (*fn)(void *), void *stack_top, void *arg)
{
	return syscall5(SYS_clone, (uint32_t)fn, (uint32_t)stack_top, (uint32_t)arg, 0, 0);
}

int uaccess_mode(int mode)
{
	return syscall5(SYS_uaccess_mode, (uint32_t)mode, 0, 0, 0, 0);
}

int read(int fd, void *buf, size_t len)
{
	return syscall5(SYS_read, (uint32_t)fd, (uint32_t)buf, len, 0, 0);
}

int pipe(int fds[2])
{
	return syscall5(SYS_pipe, (uint32_t)fds, 0, 0, 0, 0);
}

int open(const char *name)
{
	return syscall5(SYS_open, (uint32_t)name, 0, 0, 0, 0);
}

int close(int fd)
{
	return syscall5(SYS_close, (uint32_t)fd, 0, 0, 0, 0);
}

int dup(int fd)
{
	return syscall5(SYS_dup, (uint32_t)fd, 0, 0, 0, 0);
}

int getpid(struct fl_pids *ids)
{
	return syscall5(SYS_getpid, (uint32_t)ids, 0, 0, 0, 0);
}

int fstat(int fd, struct fl_stat *st)
{
	return syscall5(SYS_fstat, (uint32_t)fd, (uint32_t)st, 0, 0, 0);
}

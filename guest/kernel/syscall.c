/*
 * System calls. The return address and every pointer argument come from user
 * space and are read with the uaccess routines, so a bad pointer is an
 * -EFAULT (or, for the return address, a SIGSEGV), never a kernel fault.
 */
#include <faultline/unistd.h>
#include <kernel/fs.h>
#include <kernel/kernel.h>
#include <kernel/sched.h>
#include <kernel/uaccess.h>
#include <kernel/ktest.h>

typedef int32_t (*syscall_fn)(uint32_t, uint32_t, uint32_t, uint32_t, uint32_t);

static int32_t sys_exit(uint32_t status, uint32_t b, uint32_t c, uint32_t d, uint32_t e)
{
	(void)b, (void)c, (void)d, (void)e;
	do_exit((int)(status & 0xff));
}

/* A NUL-terminated user string into dst: 0, -EFAULT, or -EINVAL if too long. */
static int32_t user_string(char *dst, uint32_t size, uint32_t usrc)
{
	int32_t n = strncpy_from_user(dst, (const char *)usrc, size);
	if (n < 0)
		return n;
	return n == (int32_t)size ? -EINVAL : 0;
}

static int32_t sys_spawn(uint32_t uprog, uint32_t uargs, uint32_t c, uint32_t d, uint32_t e)
{
	(void)c, (void)d, (void)e;
	char prog[FL_MOD_NAME], args[128] = "";
	int32_t err = user_string(prog, sizeof(prog), uprog);
	if (!err && uargs)
		err = user_string(args, sizeof(args), uargs);
	return err ? err : spawn(prog, args);
}

static int32_t sys_mmap(uint32_t addr, uint32_t len, uint32_t prot, uint32_t flags, uint32_t e)
{
	(void)e;
	return (int32_t)do_mmap(current->mm, addr, len, prot, flags);
}

static int32_t sys_munmap(uint32_t addr, uint32_t len, uint32_t c, uint32_t d, uint32_t e)
{
	(void)c, (void)d, (void)e;
	return do_munmap(current->mm, addr, len);
}

static int32_t sys_mprotect(uint32_t addr, uint32_t len, uint32_t prot, uint32_t d, uint32_t e)
{
	(void)d, (void)e;
	return do_mprotect(current->mm, addr, len, prot);
}

static int32_t sys_ktest(uint32_t uname, uint32_t arg, uint32_t c, uint32_t d, uint32_t e)
{
	(void)c, (void)d, (void)e;
	char name[32];
	int32_t err = user_string(name, sizeof(name), uname);
	return err ? err : ktest_run(name, arg);
}

static int32_t sys_clone(uint32_t entry, uint32_t stack, uint32_t arg, uint32_t d, uint32_t e)
{
	(void)d, (void)e;
	return clone_thread(entry, stack, arg);
}

static int32_t sys_uaccess_mode(uint32_t mode, uint32_t b, uint32_t c, uint32_t d, uint32_t e)
{
	(void)b, (void)c, (void)d, (void)e;
	if (mode != UACCESS_EXTABLE && mode != UACCESS_VERIFY_AREA)
		return -EINVAL;
	current->uaccess_mode = (int)mode;
	return 0;
}

/* The ids field by field with put_user; a structure that runs into a bad page
 * keeps the fields stored before it. Returns the pid, as Linux's getpid. */
static int32_t sys_getpid(uint32_t uids, uint32_t b, uint32_t c, uint32_t d, uint32_t e)
{
	(void)b, (void)c, (void)d, (void)e;
	struct fl_pids *u = (struct fl_pids *)uids;
	const struct fl_pids ids = {
		.pid = current->pid,
		.ppid = current->parent ? current->parent->pid : 0,
		.syscalls = current->syscalls,
	};
	int err;
	if (uaccess_verifying())
		err = verified_put(u, &ids, sizeof(ids));
	else if (!access_ok(u, sizeof(*u)) || __put_user(ids.pid, &u->pid) ||
		 __put_user(ids.ppid, &u->ppid) || __put_user(ids.syscalls, &u->syscalls))
		err = -EFAULT;
	else
		err = 0;
	return err ? err : ids.pid;
}

static const syscall_fn syscall_table[NR_SYSCALLS] = {
	[SYS_exit] = sys_exit,
	[SYS_write] = sys_write,
	[SYS_spawn] = sys_spawn,
	[SYS_mmap] = sys_mmap,
	[SYS_munmap] = sys_munmap,
	[SYS_mprotect] = sys_mprotect,
	[SYS_ktest] = sys_ktest,
	[SYS_clone] = sys_clone,
	[SYS_uaccess_mode] = sys_uaccess_mode,
	[SYS_read] = sys_read,
	[SYS_pipe] = sys_pipe,
	[SYS_open] = sys_open,
	[SYS_close] = sys_close,
	[SYS_dup] = sys_dup,
	[SYS_getpid] = sys_getpid,
	[SYS_fstat] = sys_fstat,
};

void do_sysenter(struct pt_regs *regs)
{
	uint32_t ret;
	if (get_user(ret, (uint32_t *)regs->ebp))
		force_sig(SIGSEGV, regs, regs->ebp);
	regs->eip = ret;
	regs->esp = regs->ebp + 4;
	uint32_t nr = regs->orig_eax;
	current->syscalls++;
	if (nr >= NR_SYSCALLS || !syscall_table[nr]) {
		regs->eax = (uint32_t)-ENOSYS;
		return;
	}
	regs->eax = (uint32_t)syscall_table[nr](regs->ebx, regs->ecx, regs->edx, regs->esi,
						regs->edi);
}

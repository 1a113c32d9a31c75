/*
 * System calls. The return address and every pointer argument come from user
 * space and are read with the uaccess routines, so a bad pointer is an
 * -EFAULT (or, for the return address, a SIGSEGV), never a kernel fault.
 */
#include <faultline/unistd.h>
#include <kernel/kernel.h>
#include <kernel/sched.h>
#include <kernel/traps.h>
#include <kernel/uaccess.h>

typedef int32_t (*syscall_fn)(uint32_t, uint32_t, uint32_t, uint32_t, uint32_t);

void console_write(const char *s, size_t n);

static int32_t sys_exit(uint32_t status, uint32_t b, uint32_t c, uint32_t d, uint32_t e)
{
	(void)b, (void)c, (void)d, (void)e;
	do_exit((int)(status & 0xff));
}

static int32_t sys_write(uint32_t fd, uint32_t buf, uint32_t len, uint32_t d, uint32_t e)
{
	(void)d, (void)e;
	char chunk[128];
	uint32_t done = 0;
	if (fd != 1 && fd != 2)
		return -EBADF;
	while (done < len) {
		uint32_t n = len - done < sizeof(chunk) ? len - done : sizeof(chunk);
		uint32_t left = copy_from_user(chunk, (const void *)(buf + done), n);
		console_write(chunk, n - left);
		done += n - left;
		if (left)
			return done ? (int32_t)done : -EFAULT;
	}
	return (int32_t)done;
}

static int32_t sys_spawn(uint32_t uprog, uint32_t uargs, uint32_t c, uint32_t d, uint32_t e)
{
	(void)c, (void)d, (void)e;
	char prog[FL_MOD_NAME], args[128];
	int32_t n = strncpy_from_user(prog, (const char *)uprog, sizeof(prog));
	if (n < 0 || n == (int32_t)sizeof(prog))
		return n < 0 ? n : -EINVAL;
	n = uargs ? strncpy_from_user(args, (const char *)uargs, sizeof(args)) : 0;
	if (n < 0 || n == (int32_t)sizeof(args))
		return n < 0 ? n : -EINVAL;
	args[n] = '\0';
	return spawn(prog, args);
}

static const syscall_fn syscall_table[NR_SYSCALLS] = {
	[SYS_exit] = sys_exit,
	[SYS_write] = sys_write,
	[SYS_spawn] = sys_spawn,
};

void do_sysenter(struct pt_regs *regs)
{
	uint32_t ret;
	if (get_user(ret, (uint32_t *)regs->ebp))
		force_sig(SIGSEGV, regs, regs->ebp);
	regs->eip = ret;
	regs->esp = regs->ebp + 4;
	uint32_t nr = regs->orig_eax;
	if (nr >= NR_SYSCALLS || !syscall_table[nr]) {
		regs->eax = (uint32_t)-ENOSYS;
		return;
	}
	regs->eax = (uint32_t)syscall_table[nr](regs->ebx, regs->ecx, regs->edx, regs->esi,
						regs->edi);
}

/*
 * The C side of exceptions: dispatch by vector and the divide error handler.
 * A page fault goes on to mm/fault.c; an oops to dumpstack.c.
 */
#include <kernel/extable.h>
#include <kernel/fault.h>
#include <kernel/kernel.h>
#include <kernel/sched.h>
#include <kernel/traps.h>

void do_divide_error(struct pt_regs *regs)
{
	if (user_mode(regs))
		force_sig(SIGFPE, regs, regs->eip);
	if (!fixup_exception(regs, X86_TRAP_DE))
		die("divide error in kernel mode", regs, 0);
}

void do_trap(struct pt_regs *regs)
{
	switch (regs->trapno) {
	case X86_TRAP_PF:
		do_page_fault(regs, regs->error_code);
		break;
	case X86_TRAP_DE:
		do_divide_error(regs);
		break;
	case X86_TRAP_DB:
		/* sysenter keeps a user's TF: the step lands on the entry itself. */
		if (!user_mode(regs) && regs->eip == (uint32_t)sysenter_entry) {
			regs->eflags &= ~X86_EFLAGS_TF;
			break;
		}
		/* fall through */
	default:
		if (user_mode(regs))
			force_sig(SIGSEGV, regs, regs->eip);
		die("unexpected exception", regs, regs->error_code);
	}
}

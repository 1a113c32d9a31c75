/*
 * The fixup handlers: what a kernel-mode fault with an exception-table entry
 * does instead of an oops. The entry is found by search_exception_table
 * (kernel/extable.c); its handler field picks what is done here.
 */
#include <kernel/extable.h>
#include <kernel/ptrace.h>

static void ex_handler_default(const struct exception_table_entry *e, struct pt_regs *regs)
{
	regs->eip = e->fixup;
}

static void ex_handler_fault(const struct exception_table_entry *e, struct pt_regs *regs,
			     int trapnr)
{
	regs->eax = (uint32_t)trapnr;
	ex_handler_default(e, regs);
}

int fixup_exception(struct pt_regs *regs, int trapnr)
{
	const struct exception_table_entry *e = search_exception_table(regs->eip);
	if (!e)
		return 0;
	switch (e->handler) {
	case EX_HANDLER_FAULT:
		ex_handler_fault(e, regs, trapnr);
		return 1;
	case EX_HANDLER_DEFAULT:
		ex_handler_default(e, regs);
		return 1;
	default:
		return 0;
	}
}

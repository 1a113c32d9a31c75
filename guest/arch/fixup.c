/*
 * search_exception_table and the fixup handlers. The kernel's table was
 * sorted at build time (guest/tools/sortextable); it is checked once at boot
 * because a binary search over an unsorted table silently misses entries.
 */
#include <kernel/extable.h>
#include <kernel/kernel.h>
#include <kernel/module.h>
#include <kernel/ptrace.h>

static uint32_t kernel_entries(void)
{
	return (uint32_t)(__stop___ex_table - __start___ex_table);
}

void extable_init(void)
{
	int32_t bad = extable_first_unsorted(__start___ex_table, kernel_entries());
	if (bad >= 0)
		panic("__ex_table is not sorted at entry %d (insn %#x): refusing to run", bad,
		      __start___ex_table[bad].insn);
	printk("extable: %u entries, sorted\n", kernel_entries());
}

/* The kernel's own table first, then each registered module's. Never
 * inlined: it is a milestone of the fault flow a replay shows. */
__attribute__((noinline)) const struct exception_table_entry *search_exception_table(uint32_t addr)
{
	const struct exception_table_entry *e =
		search_extable(__start___ex_table, kernel_entries(), addr, NULL);
	return e ? e : search_module_extables(addr);
}

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

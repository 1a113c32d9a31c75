/*
 * The exception table entry, shared by the guest kernel, the build-time sorter
 * (guest/tools/sortextable) and the tracer's shadow lookup.
 *
 * Each entry of a `__ex_table` section is three little-endian 32-bit words:
 *   insn     address of the instruction that may fault (the 2.1 kernel's "1b")
 *   fixup    address where execution resumes instead ("3b", usually in .fixup)
 *   handler  EX_HANDLER_*: what the fault handler does before resuming
 * The first two words are the 2.1-era pair; the third is the later x86
 * kernel's _ASM_EXTABLE_HANDLE(from, to, handler), kept as a small type number
 * rather than a function pointer so host tools can name it.
 * A table is sorted by insn, ascending, with no duplicate insn, so that
 * search_exception_table can binary-search it.
 */
#ifndef FL_EXTABLE_H
#define FL_EXTABLE_H

#include <stdint.h>

struct exception_table_entry {
	uint32_t insn;
	uint32_t fixup;
	uint32_t handler;
};

/* Handler types (plain macros: the uaccess asm stringifies them). */
#define EX_HANDLER_DEFAULT 0	/* regs->eip = fixup */
#define EX_HANDLER_FAULT   1	/* regs->eip = fixup, regs->eax = trap number */
#define EX_HANDLER_MAX     2

#define EX_ENTRY_SIZE 12u

/* The kernel function a handler type stands for, or "?": part of the
 * contract, so the tracer names handlers without the kernel's code. */
static inline const char *ex_handler_name(uint32_t handler)
{
	return handler == EX_HANDLER_DEFAULT ? "ex_handler_default"
	       : handler == EX_HANDLER_FAULT ? "ex_handler_fault" : "?";
}

#endif

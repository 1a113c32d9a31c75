/* Exceptions: the C side of the trap glue and the exception table. */
#ifndef KERNEL_TRAPS_H
#define KERNEL_TRAPS_H

#include <stdint.h>
#include <fl_extable.h>
#include <kernel/ptrace.h>

#define X86_TRAP_DE 0
#define X86_TRAP_DB 1
#define X86_EFLAGS_TF 0x100
#define X86_TRAP_PF 14

#define SIGFPE  8
#define SIGKILL 9
#define SIGSEGV 11

void trap_init(void);
void do_trap(struct pt_regs *regs);
void do_divide_error(struct pt_regs *regs);
/* Oops: print the registers and stop the guest with FL_EXIT_OOPS. */
__attribute__((noreturn)) void die(const char *what, struct pt_regs *regs, uint32_t error_code);

/* The kernel's own table, laid out by guest/kernel.ld and sorted at build
 * time by guest/tools/sortextable. */
extern const struct exception_table_entry __start___ex_table[], __stop___ex_table[];

/* fixup.c */
void extable_init(void);
const struct exception_table_entry *search_exception_table(uint32_t addr);
/* Run the entry's handler for a kernel-mode fault at regs->eip: 1 if fixed. */
int fixup_exception(struct pt_regs *regs, int trapnr);

#endif

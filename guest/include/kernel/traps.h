/* Exceptions: the C side of the trap glue (arch/traps.c). */
#ifndef KERNEL_TRAPS_H
#define KERNEL_TRAPS_H

#include <kernel/ptrace.h>

#define X86_EFLAGS_TF 0x100

/* entry.S */
extern char trap_stubs[];
void sysenter_entry(void);

void trap_init(void);
void do_trap(struct pt_regs *regs);
void do_divide_error(struct pt_regs *regs);

#endif

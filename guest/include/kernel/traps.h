/* The C side of the trap glue: the IDT, and the handlers entry.S calls. */
#ifndef KERNEL_TRAPS_H
#define KERNEL_TRAPS_H

#include <kernel/ptrace.h>

#define X86_EFLAGS_TF 0x100

/* The glue's entry points: entry.S's trap stubs, sysenter.S's entry. */
extern char trap_stubs[];
void sysenter_entry(void);

/* idt.c: the IDT's gates to the stubs, then the CPU's own set-up. */
void trap_init(void);

/* traps.c */
void do_trap(struct pt_regs *regs);
void do_divide_error(struct pt_regs *regs);

#endif

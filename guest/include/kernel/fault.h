/* The page-fault handler, called by the trap dispatcher (arch/traps.c). */
#ifndef KERNEL_FAULT_H
#define KERNEL_FAULT_H

#include <stdint.h>

struct pt_regs;

/* mm/fault.c: resolve the fault at CR2, or fix it up, kill the process or oops. */
void do_page_fault(struct pt_regs *regs, uint32_t error_code);
/* Each page fault prints the walk of its address first (pfwalk=1 on the
 * command line), for the host's recorded walk to be checked against. */
extern int pf_print_walk;

#endif

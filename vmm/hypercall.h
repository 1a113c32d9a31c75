/* The hypercall dispatcher (fl_abi.h, "Hypercalls"). */
#ifndef VMM_HYPERCALL_H
#define VMM_HYPERCALL_H

#include "console.h"

/* Hypercall nr (the value written to FL_HC_PORT): 0 to continue, non-zero
 * to stop (res says why). */
int hypercall(struct vm *vm, uint32_t nr, struct console *c, const struct vm_hooks *hooks,
	      struct vm_result *res);

#endif

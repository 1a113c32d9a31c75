/* Exact guest instruction counts by single-stepping (one debug exit each).
 * Deterministic and machine-independent, unlike cycle counts here. */
#ifndef TRACER_INSNCOUNT_H
#define TRACER_INSNCOUNT_H

#include <stdint.h>
#include "vm.h"

struct insn_count {
	uint64_t total;
	uint64_t before_user;	/* instructions before the first one below TASK_SIZE */
	int in_user;
};

/* Turn single-stepping on; then call insn_count_step at every debug exit. */
int insn_count_start(struct vm *vm, struct insn_count *c);
int insn_count_step(struct insn_count *c, uint64_t pc);

#endif

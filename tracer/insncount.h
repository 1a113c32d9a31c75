/* Exact guest instruction counts by single-stepping (one debug stop each,
 * with the stops an engine provably skips added back: flow.h).
 * Deterministic and machine-independent, unlike cycle counts here. */
#ifndef TRACER_INSNCOUNT_H
#define TRACER_INSNCOUNT_H

#include <stdint.h>
#include "flow.h"
#include "symtab.h"
#include "vm.h"

struct elf_image;

struct insn_count {
	uint64_t total;
	uint64_t before_user;	/* instructions before the first one below TASK_SIZE */
	int in_user;
	struct symtab syms;
	struct flow flow;
	int have_flow;		/* the kernel has the symbols the classifier needs */
};

/* Turn single-stepping on; then call insn_count_step at every debug stop. */
int insn_count_start(struct vm *vm, struct insn_count *c, const struct elf_image *kernel);
int insn_count_step(struct insn_count *c, struct vm *vm, uint64_t pc);
void insn_count_free(struct insn_count *c);

#endif

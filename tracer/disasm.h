#ifndef TRACER_DISASM_H
#define TRACER_DISASM_H

#include <stddef.h>
#include <stdint.h>
#include "vm.h"

#define DISASM_MAX_READS 4

/* What the step capture needs of an instruction besides its text. */
struct step_insn {
	/* It may load CS, SS or a control register (far transfers, iret,
	 * interrupts, privileged moves), or it could not be decoded. */
	int sets_sregs;
	/* The guest addresses its memory operands read, where they can be known. */
	unsigned nreads;
	uint64_t reads[DISASM_MAX_READS];
};

/* The instruction at guest virtual pc, about to run with the registers r, in
 * buf (Intel syntax, or "?" if its bytes cannot be read) and *out: as i386
 * code if force32, else in the vCPU's code mode now (the 64-bit glue or
 * compatibility mode), which is right when pc is where it stopped. */
void disasm_step(struct vm *vm, uint32_t pc, int force32, const struct vm_regs *r, char *buf,
		 size_t len, struct step_insn *out);

#endif

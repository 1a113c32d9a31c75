/*
 * Where a decoded x86 memory operand points, from the registers of the
 * moment: the address the instruction is about to access.
 */
#ifndef TRACER_OPERAND_H
#define TRACER_OPERAND_H

#include <capstone/capstone.h>
#include <stdint.h>

#include "vm.h"

/* The effective address of insn's memory operand op (base + index * scale +
 * displacement, wrapped to the instruction's address size) with the
 * registers in r, insn having been decoded at its guest address (which
 * RIP-relative operands count from). 0 and *ea, or -1 when it cannot be
 * known: an FS or GS base (not flat), or a register vm_regs lacks (r8 to
 * r15). */
int operand_addr(const cs_insn *insn, const cs_x86_op *op, const struct vm_regs *r, uint64_t *ea);

#endif

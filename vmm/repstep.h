/*
 * One step per instruction. A rep-prefixed string instruction is one
 * instruction, as hardware counters count it, but engines stop inside it:
 * QEMU TCG once per iteration, the emulating KVM once per chunk. Consecutive
 * single-step stops at the same rep-prefixed instruction are one step.
 */
#ifndef VMM_REPSTEP_H
#define VMM_REPSTEP_H

#include <stdint.h>

#include "vm.h"

/* A single-step stop at pc: 1 if it is still the previous stop's rep
 * instruction (not a new step), else 0 (and pc becomes the previous stop).
 * A stop at one of the breakpoints is always new. */
int repstep_same_insn(struct vm *vm, uint64_t pc);

#endif

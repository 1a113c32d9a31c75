/*
 * Instruction boundaries an engine crosses without a single-step stop.
 * Counting means "every instruction the CPU begins, a rep-prefixed string
 * instruction once" on every engine. QEMU TCG stops at every boundary; the
 * emulating KVM (kvm_pvm) makes no stop on the first instruction of an
 * exception handler or on the instruction an iret returns to. Both gaps can
 * be proved from the stops themselves, with the kernel's symbols, so the
 * count does not depend on which engine ran.
 */
#ifndef TRACER_STEPGAP_H
#define TRACER_STEPGAP_H

#include <stdint.h>

#include "symtab.h"
#include "vm.h"

#define STEPGAP_VECTORS 32

struct stepgap {
	uint32_t entry[STEPGAP_VECTORS];	/* trap_entry_N: where delivery lands */
	uint32_t stubs_lo, stubs_hi;	/* the stubs, entered only by delivery */
	uint32_t glue_lo, glue_hi;	/* the whole trap glue, stubs included */
	uint32_t iret;			/* the trap return's iretq */
	uint32_t prev;			/* the previous stop */
	uint32_t iret_target;		/* where that iretq returns to */
	int have_prev;
};

/* The stub and iret addresses from the kernel's symbols; 0, or -1 if one
 * is missing. */
int stepgap_init(struct stepgap *g, const struct symtab *syms);
/* The stop at pc: how many instructions (0 to 2) ran since the previous
 * stop without one of their own. iret_target: the RIP in the iretq frame,
 * read by the caller when pc is g->iret (otherwise ignored). */
unsigned stepgap_missed(struct stepgap *g, uint32_t pc, uint32_t iret_target);
/* stepgap_missed for a single-step stop of vm at pc (stepgap_vm.c). */
unsigned stepgap_stop(struct stepgap *g, struct vm *vm, uint32_t pc);
/* Forget the previous stop (a new counted region). */
void stepgap_reset(struct stepgap *g);

#endif

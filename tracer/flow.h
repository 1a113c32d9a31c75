/*
 * The single-step classifier: at each stop of a single-stepped guest, how
 * many instructions ran without a stop of their own (stepgap.h) and where
 * the stop lies in the seed's fault flow. One classifier serves the three
 * users of single-stepping: --steps names the eight milestones from it
 * (steps.c), bench splits a fault's instructions into phases (bench_host.c)
 * and --count-instructions counts (insncount.c).
 */
#ifndef TRACER_FLOW_H
#define TRACER_FLOW_H

#include <stdint.h>

#include "stepgap.h"
#include "symtab.h"
#include "vm.h"

/* Where a stop is: the first stop of each part of the flow. */
enum flow_mark {
	FLOW_NONE,
	FLOW_DELIVERED,		/* first stop in the trap stubs: an exception was delivered */
	FLOW_HANDLER,		/* do_page_fault or do_divide_error */
	FLOW_SEARCH,		/* search_exception_table */
	FLOW_SEARCH_RETURN,	/* back in the caller of search_exception_table */
	FLOW_IRET,		/* the trap return's iretq */
	FLOW_FIXUP,		/* into the fixup code */
	FLOW_FIXUP_LEFT,	/* out of it again */
};

struct flow {
	struct stepgap gap;
	uint32_t handler[2], search;
	uint32_t fixup_lo, fixup_hi;	/* the fixup code of the fault followed */
	uint32_t search_ret;		/* where the current search returns to */
	int in_stubs, in_fixup;
};

struct flow_stop {
	enum flow_mark mark;
	unsigned missed;		/* instructions before this stop with none of their own */
};

/* The addresses from the kernel's symbols (fl_trace.h); 0, or -1 if one is
 * missing. */
int flow_init(struct flow *f, const struct symtab *syms);
/* Follow a new stretch of steps (a fault, a bench case) whose fixup code, if
 * any, is [fixup_lo, fixup_hi). */
void flow_begin(struct flow *f, uint32_t fixup_lo, uint32_t fixup_hi);
/* The fixup code of the stretch, once it is known: [lo, hi). */
void flow_set_fixup(struct flow *f, uint32_t lo, uint32_t hi);
/* pc is in the trap stubs, where only exception delivery enters. */
int flow_in_stubs(const struct flow *f, uint32_t pc);
/* The stop of vm at pc. */
struct flow_stop flow_step(struct flow *f, struct vm *vm, uint32_t pc);

#endif

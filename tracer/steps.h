/*
 * --steps: single-step one fault from its exception entry until execution
 * continues after the faulting access, recording every instruction (EIP,
 * symbol, the registers it changed) and tagging the milestones of the seed's
 * eight-step flow:
 *   1 the faulting access           5 the lookup's result (its return)
 *   2 the exception (entry stub)    6 the handler returning (iretq to the fixup)
 *   3 do_page_fault/do_divide_error 7 the first fixup instruction
 *   4 search_exception_table called 8 back in the function, after the access
 * A fault that resolves, kills or oopses gets the milestones that apply.
 */
#ifndef TRACER_STEPS_H
#define TRACER_STEPS_H

#include <stdint.h>

struct tracer;

int steps_begin(struct tracer *t);
int steps_on_step(struct tracer *t, uint32_t pc);
void steps_free(struct tracer *t);

#endif

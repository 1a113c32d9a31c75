/*
 * The exception-table entries search_exception_table reads, as observed
 * while it is single-stepped: every memory read of a stepped instruction
 * that falls inside a table the tracer knows is a probe of the entry there.
 * Nothing is searched on the host; the entry's insn is read from guest
 * memory, as the guest read it.
 */
#ifndef TRACER_PROBES_H
#define TRACER_PROBES_H

#include <stdint.h>

struct tracer;
struct shadow_table;

/* The probes of the fault being stepped. */
struct probes {
	uint32_t count;
	const struct shadow_table *last;	/* the entry read last, */
	uint32_t last_idx;			/* so that reading it again is no new probe */
};

/* The instruction of step step_idx reads the guest addresses reads[0..n):
 * record a probe for each that is in a table, unless it reads the entry the
 * previous probe read. 0, or -1 with t->error set. */
int probes_note(struct tracer *t, struct probes *p, uint32_t step_idx, const uint64_t *reads,
		unsigned n);

#endif

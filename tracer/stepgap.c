#include "stepgap.h"

#include <stdio.h>

#include <fl_trace.h>

static int in_stubs(const struct stepgap *g, uint32_t pc)
{
	return pc >= g->stubs_lo && pc < g->stubs_hi;
}

static int is_entry(const struct stepgap *g, uint32_t pc)
{
	for (unsigned v = 0; v < STEPGAP_VECTORS; v++)
		if (g->entry[v] == pc)
			return 1;
	return 0;
}

int stepgap_init(struct stepgap *g, const struct symtab *syms)
{
	char name[32];
	*g = (struct stepgap){ 0 };
	for (unsigned v = 0; v < STEPGAP_VECTORS; v++) {
		snprintf(name, sizeof(name), FL_SYM_TRAP_ENTRY_FMT, v);
		if (symtab_addr(syms, name, &g->entry[v]))
			return -1;
	}
	g->stubs_lo = g->entry[0];
	return symtab_addr(syms, FL_SYM_TRAP_COMMON, &g->stubs_hi) ||	/* right after the stubs */
	       symtab_addr(syms, FL_SYM_TRAP_STUBS, &g->glue_lo) ||
	       symtab_addr(syms, FL_SYM_SYSENTER, &g->glue_hi) ||
	       symtab_addr(syms, FL_SYM_TRAP_IRET, &g->iret);
}

unsigned stepgap_missed(struct stepgap *g, uint32_t pc, uint32_t iret_target)
{
	unsigned missed = 0;
	/* Both can happen at once: the instruction returned to faulted at once. */
	if (g->have_prev && g->prev == g->iret && pc != g->iret_target)
		missed++;	/* the instruction returned to ran unseen */
	if (in_stubs(g, pc) && !(g->have_prev && in_stubs(g, g->prev)) && !is_entry(g, pc))
		missed++;	/* delivery's first stub instruction ran unseen */
	if (pc == g->iret)
		g->iret_target = iret_target;
	g->prev = pc;
	g->have_prev = 1;
	return missed;
}

void stepgap_reset(struct stepgap *g)
{
	g->have_prev = 0;
}

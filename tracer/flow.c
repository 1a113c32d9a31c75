/* The single-step classifier (flow.h). */
#include "flow.h"

#include <fl_trace.h>

int flow_init(struct flow *f, const struct symtab *syms)
{
	*f = (struct flow){ 0 };
	return stepgap_init(&f->gap, syms) ||
	       symtab_addr(syms, FL_SYM_DO_PAGE_FAULT, &f->handler[0]) ||
	       symtab_addr(syms, FL_SYM_DO_DIVIDE, &f->handler[1]) ||
	       symtab_addr(syms, FL_SYM_SEARCH, &f->search);
}

void flow_set_fixup(struct flow *f, uint32_t lo, uint32_t hi)
{
	f->fixup_lo = lo;
	f->fixup_hi = hi;
}

void flow_begin(struct flow *f, uint32_t fixup_lo, uint32_t fixup_hi)
{
	stepgap_reset(&f->gap);
	flow_set_fixup(f, fixup_lo, fixup_hi);
	f->search_ret = 0;
	f->in_stubs = f->in_fixup = 0;
}

int flow_in_stubs(const struct flow *f, uint32_t pc)
{
	return pc >= f->gap.stubs_lo && pc < f->gap.stubs_hi;
}

/* Entering or leaving a range counts once: the stubs are entered only by
 * delivery, the fixup code only by a trap return or a jump to it. */
static enum flow_mark ranges(struct flow *f, uint32_t pc)
{
	int stubs = flow_in_stubs(f, pc);
	int fixup = pc >= f->fixup_lo && pc < f->fixup_hi;
	enum flow_mark m = FLOW_NONE;
	if (stubs && !f->in_stubs)
		m = FLOW_DELIVERED;
	else if (fixup && !f->in_fixup)
		m = FLOW_FIXUP;
	else if (!fixup && f->in_fixup)
		m = FLOW_FIXUP_LEFT;
	f->in_stubs = stubs;
	f->in_fixup = fixup;
	return m;
}

static enum flow_mark mark(struct flow *f, struct vm *vm, uint32_t pc)
{
	struct vm_regs r;
	enum flow_mark range = ranges(f, pc);
	if (pc == f->handler[0] || pc == f->handler[1])
		return FLOW_HANDLER;
	if (pc == f->search) {
		f->search_ret = 0;
		if (!vm_get_regs(vm, &r))	/* the return address, on top of the stack */
			vm_read_virt(vm, (uint32_t)r.rsp, &f->search_ret, sizeof(f->search_ret));
		return FLOW_SEARCH;
	}
	if (f->search_ret && pc == f->search_ret) {
		f->search_ret = 0;
		return FLOW_SEARCH_RETURN;
	}
	if (pc == f->gap.iret)
		return FLOW_IRET;
	return range;
}

struct flow_stop flow_step(struct flow *f, struct vm *vm, uint32_t pc)
{
	/* The gap first: it reads the iretq's frame before anything moves. */
	unsigned missed = stepgap_stop(&f->gap, vm, pc);
	return (struct flow_stop){ mark(f, vm, pc), missed };
}

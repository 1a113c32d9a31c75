/*
 * How a traced fault ends, whether the tracer waited at breakpoints
 * (trace.c) or single-stepped the handler (steps.c): at the trap return, by
 * a kill or an oops, or back in the function after a fixup; each completes
 * the row written at the entry. With the few primitives both files use.
 */
#include <stdio.h>
#include <string.h>

#include "trace.h"

int tracer_fail(struct tracer *t, const char *what)
{
	snprintf(t->error, sizeof(t->error), "tracing stopped: %s", what);
	return -1;
}

int tracer_vm_fail(struct tracer *t, const char *what)
{
	snprintf(t->error, sizeof(t->error), "tracing stopped: %s: %s", what, t->vm->error);
	return -1;
}

int tracer_arm_entry(struct tracer *t)
{
	uint64_t bp[] = { t->bp_pf, t->bp_de };
	return vm_set_debug(t->vm, 0, bp, 2) ? tracer_vm_fail(t, "cannot set breakpoints") : 0;
}

int tracer_read_guest(struct tracer *t, uint64_t gva, void *dst, size_t len)
{
	if (vm_read_virt(t->vm, gva, dst, len))
		return tracer_fail(t, "the exception frame is not readable guest memory");
	return 0;
}

/* The outcome is known: complete the row written at the entry. */
int tracer_store(struct tracer *t)
{
	t->pending = 0;
	t->continuation = 0;
	/* Committed fault by fault: cheap under WAL, and nothing is lost to a kill. */
	if (db_update_fault(t->db, t->run_id, &t->cur) || db_flush(t->db))
		return tracer_fail(t, db_error(t->db));
	return 0;
}

/* At the trap return: the frame on the stack says where execution goes on. */
int tracer_on_iret(struct tracer *t)
{
	struct vm_regs r;
	uint64_t rip;
	struct fault_record *f = &t->cur;
	if (vm_get_regs(t->vm, &r))
		return tracer_vm_fail(t, "cannot read the registers");
	if (tracer_read_guest(t, r.rsp, &rip, sizeof(rip)))
		return -1;
	f->resume_eip = (uint32_t)rip;
	f->eax_after = (uint32_t)r.rax;
	f->edx_after = (uint32_t)r.rdx;
	if (r.rsp != t->entry_rsp) {
		fault_disagree(f, "returned through a different frame (rsp %#llx, entry %#llx)",
			       (unsigned long long)r.rsp, (unsigned long long)t->entry_rsp);
	} else {
		/* trap_return has loaded them from pt_regs: what the handler left */
		f->has_frame_after = 1;
		f->frame_eax_after = f->eax_after;
		f->frame_edx_after = f->edx_after;
		t->continuation = observe_return(t, (uint32_t)r.rax);
	}
	if (t->continuation)
		return 0;	/* registers are taken once the fixup has run */
	return tracer_store(t);
}

/* Back in the function after the fixup ran: the fixup's effect. */
int tracer_on_continuation(struct tracer *t)
{
	struct vm_regs r;
	if (vm_get_regs(t->vm, &r))
		return tracer_vm_fail(t, "cannot read the registers");
	t->cur.eax_after = (uint32_t)r.rax;
	t->cur.edx_after = (uint32_t)r.rdx;
	return tracer_store(t);
}

int tracer_on_end(struct tracer *t, const char *outcome)
{
	struct fault_record *f = &t->cur;
	f->outcome = outcome;
	if (!strcmp(outcome, OUTCOME_OOPS) && f->entry_index >= 0)
		fault_disagree(f, "the %s table has entry %lld for this EIP but the kernel found none"
			       " (unregistered, or a search that misses it?)", f->owner,
			       (long long)f->entry_index);
	else if (!strcmp(outcome, OUTCOME_KILLED) && f->cpl != 3)
		fault_disagree(f, "a kernel-mode fault killed the process");
	return tracer_store(t);
}

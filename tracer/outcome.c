/*
 * How a traced fault ends, whether the tracer waited at breakpoints
 * (trace.c) or single-stepped the handler (steps.c): at the trap return, by
 * a kill or an oops, or back in the function after a fixup; each completes
 * the row written at the entry. With the few primitives both files use.
 *
 * What the guest did is checked here against what the host predicted. At
 * the trap return the tracer sees where execution resumes; from that alone
 * it names the entry the guest used (the one whose fixup it is), and checks
 * that the entry's handler and its fixup did what the mechanism promises:
 * the entry is the one the host predicts, ex_handler_fault leaves the trap
 * number in EAX, and the fixup resumes past the faulting access, in the same
 * function.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include <capstone/capstone.h>

#include "trace.h"

#define FIXUP_WINDOW 48

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

#define FIXUP_WINDOW 48

/* Where a fixup jumps back to: its first jmp's target, found by
 * disassembling the fixup code in guest memory with Capstone; 0 if none. */
static uint32_t fixup_continuation(struct tracer *t, uint32_t fixup)
{
	uint8_t code[FIXUP_WINDOW];
	csh h;
	cs_insn *insn;
	uint32_t target = 0;
	if (vm_read_virt(t->vm, fixup, code, sizeof(code)) ||
	    cs_open(CS_ARCH_X86, CS_MODE_32, &h))
		return 0;
	cs_option(h, CS_OPT_DETAIL, CS_OPT_ON);
	size_t n = cs_disasm(h, code, sizeof(code), fixup, 0, &insn);
	for (size_t i = 0; i < n && !target; i++) {
		const cs_x86 *x = &insn[i].detail->x86;
		if (insn[i].id == X86_INS_JMP && x->op_count == 1 && x->operands[0].type == X86_OP_IMM)
			target = (uint32_t)x->operands[0].imm;
	}
	if (n)
		cs_free(insn, n);
	cs_close(&h);
	return target;
}

static void vnote(struct fault_record *f, const char *fmt, va_list ap)
{
	size_t n = strlen(f->note);
	if (n && n + 2 < sizeof(f->note)) {
		memcpy(f->note + n, "; ", 3);
		n += 2;
	}
	vsnprintf(f->note + n, sizeof(f->note) - n, fmt, ap);
}

void fault_note(struct fault_record *f, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vnote(f, fmt, ap);
	va_end(ap);
}

void fault_disagree(struct fault_record *f, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vnote(f, fmt, ap);
	va_end(ap);
	f->mismatch = 1;
}

/* The entry whose fixup the guest resumed at, against the prediction. */
static int observe_entry(struct tracer *t, struct fault_record *f, struct shadow_hit *hit)
{
	if (!shadow_by_fixup(t->tabs, t->ntabs, f->resume_eip, f->eip, hit))
		return 0;
	f->observed_index = hit->idx;
	f->observed_owner = hit->table->owner;
	if (f->entry_index < 0)
		fault_disagree(f, "the kernel used %s entry %u (insn %#x), where the host finds no"
			       " entry for this EIP", hit->table->owner, hit->idx, hit->entry->insn);
	else if ((int64_t)hit->idx != f->entry_index || strcmp(hit->table->owner, f->owner))
		fault_disagree(f, "the kernel used %s entry %u (insn %#x), the host predicts %s entry"
			       " %lld", hit->table->owner, hit->idx, hit->entry->insn, f->owner,
			       (long long)f->entry_index);
	return 1;
}

static void check_handler(struct fault_record *f, const struct exception_table_entry *e,
			  uint32_t eax)
{
	if (e->handler == EX_HANDLER_FAULT && eax != f->vector)
		fault_disagree(f, "ex_handler_fault should leave the trap number %u in EAX; it"
			       " holds %#x", f->vector, eax);
}

/* A fixup goes on after the faulting instruction, inside its function. */
static void check_continuation(struct tracer *t, struct fault_record *f, uint32_t cont)
{
	const struct sym *fn = symtab_find(&t->syms, f->eip);
	if (!cont)
		return;
	if (cont <= f->eip || (fn && fn->size && cont >= fn->addr + fn->size))
		fault_disagree(f, "the fixup returns to %#x, not past the faulting access in %s", cont,
			       fn ? fn->name : "its function");
}

/* At the trap return (resume_eip known, eax as the handler left
 * it): the outcome, the entry the guest used, the checks; the address the
 * fixup jumps back to, to be watched, or 0. */
static uint32_t observe_return(struct tracer *t, uint32_t eax)
{
	struct fault_record *f = &t->cur;
	struct shadow_hit hit;
	if (f->resume_eip == f->eip) {
		f->outcome = OUTCOME_RESOLVED;
		return 0;
	}
	if (!observe_entry(t, f, &hit)) {
		fault_disagree(f, "resumed at %#x, neither the faulting instruction nor any entry's"
			       " fixup", f->resume_eip);
		return 0;
	}
	f->outcome = OUTCOME_FIXUP;
	check_handler(f, hit.entry, eax);
	uint32_t cont = fixup_continuation(t, f->resume_eip);
	check_continuation(t, f, cont);
	return cont;
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

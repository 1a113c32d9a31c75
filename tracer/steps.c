#include "steps.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "disasm.h"
#include "errorf.h"
#include "flow.h"
#include "probes.h"
#include "stepregs.h"
#include "trace.h"

#define MAX_STEPS 50000u	/* a handler this long is not going to return */

struct steps {
	struct step_row pending;	/* written once the next stop shows its effect */
	int have_pending;
	struct regfile file;		/* the pending row's registers, */
	struct regfile written;		/* and those of the row written last */
	int sregs_stale;		/* the last instruction may have changed them */
	int searching;			/* between milestones 4 and 5 */
	struct probes probes;
	uint32_t idx;
	struct flow flow;		/* where the stops are in the fault's flow */
	int returned;			/* past the trap's iretq */
	uint32_t last_pc;
	int resume_armed;		/* a breakpoint waits on the resume target */
};

/* fault_steps.changed: b's general registers that differ from a's, or with
 * all EAX to EDX, as "eax=0x.. esp=0x..". */
static void describe(char *buf, size_t len, const struct regfile *a, const struct regfile *b,
		     int all)
{
	static const int regs[] = { SR_EAX, SR_EBX, SR_ECX, SR_EDX, SR_ESI, SR_EDI, SR_ESP, SR_EBP };
	static const char *const names[] = { "eax", "ebx", "ecx", "edx", "esi", "edi", "esp", "ebp" };
	size_t n = 0;
	buf[0] = '\0';
	for (size_t i = 0; i < 8 && n < len; i++)
		if (all ? i < 4 : a->v[regs[i]] != b->v[regs[i]])
			n += (size_t)snprintf(buf + n, len - n, "%s%s=0x%x", n ? " " : "", names[i],
					      b->v[regs[i]]);
}

static int write_row(struct tracer *t, const struct step_row *r)
{
	if (db_add_step(t->db, t->run_id, r)) {
		snprintf(t->error, sizeof(t->error), "tracing stopped: %s", db_error(t->db));
		return -1;
	}
	return 0;
}

/* The pending row learns what its instruction changed from the registers at
 * the next stop, and is written. */
static int flush_pending(struct tracer *t, const struct regfile *now)
{
	struct steps *s = t->steps;
	if (!s->have_pending)
		return 0;
	s->have_pending = 0;
	if (now && !s->pending.changed[0])
		describe(s->pending.changed, sizeof(s->pending.changed), &s->file, now, 0);
	if (write_row(t, &s->pending))
		return -1;
	if (regfile_write(t->db, t->run_id, t->cur.seq, s->pending.step_idx, &s->file, &s->written)) {
		snprintf(t->error, sizeof(t->error), "tracing stopped: %s", db_error(t->db));
		return -1;
	}
	s->written = s->file;
	return 0;
}

/* A stop at pc with the registers file: the previous row is complete; this
 * one waits for its effect. */
static int stop_at(struct tracer *t, uint32_t pc, int milestone, const struct vm_regs *now,
		   const struct regfile *file, const char *changed)
{
	struct steps *s = t->steps;
	struct step_insn insn;
	if (flush_pending(t, file))
		return -1;
	struct step_row *r = &s->pending;
	*r = (struct step_row){ .fault_seq = t->cur.seq, .step_idx = s->idx++,
				.milestone = milestone, .eip = pc };
	symtab_format(&t->syms, pc, r->eip_symbol, sizeof(r->eip_symbol));
	if (stepsrc_fill(&t->src, t->db, t->run_id, r))
		return errorf_in(t, "tracing stopped: %s", db_error(t->db));
	/* The faulting access is i386 code; every other row is where the vCPU is. */
	disasm_step(t->vm, pc, milestone == 1, now, r->insn, sizeof(r->insn), &insn);
	snprintf(r->changed, sizeof(r->changed), "%s", changed);
	s->file = *file;
	s->sregs_stale = insn.sets_sregs;
	s->have_pending = 1;
	if (s->searching && probes_note(t, &s->probes, r->step_idx, insn.reads, insn.nreads))
		return -1;
	return 0;
}

/* The registers of the faulting access. Delivering the exception left the
 * general registers as they were; the rest it pushed in the frame. An
 * unreadable frame leaves them unknown there. */
static void access_file(struct tracer *t, const struct vm_regs *r, const struct vm_sregs *sr,
			struct regfile *f)
{
	static const int slots[] = { SR_EIP, SR_CS, SR_EFLAGS, SR_ESP, SR_SS };
	uint64_t frame[5];
	*f = (struct regfile){ 0 };
	regfile_set_regs(f, r, t->cur.eip);
	regfile_set(f, SR_CR3, sr->cr3);
	/* ESP and EFLAGS are the stub's by now; the access's are in the frame. */
	f->known &= ~(1u << SR_ESP | 1u << SR_EFLAGS);
	if (vm_read_virt(t->vm, t->entry_rsp, frame, sizeof(frame)))
		return;
	for (size_t i = 0; i < sizeof(slots) / sizeof(slots[0]); i++)
		regfile_set(f, slots[i], frame[i]);
}

static int start_failed(struct tracer *t, struct steps *s)
{
	snprintf(t->error, sizeof(t->error), "tracing stopped: cannot start single-stepping: %s",
		 s ? t->vm->error : "out of memory");
	free(s);
	return -1;
}

int steps_begin(struct tracer *t)
{
	struct steps *s = calloc(1, sizeof(*s));
	struct vm_regs r;
	struct vm_sregs sr;
	struct regfile access, entry = { 0 };
	char what[160];
	if (!s || vm_get_regs(t->vm, &r) || vm_get_sregs(t->vm, &sr))
		return start_failed(t, s);
	t->steps = s;
	access_file(t, &r, &sr, &access);
	regfile_set_regs(&entry, &r, (uint32_t)r.rip);
	regfile_set_sregs(&entry, &sr);
	/* The contract's symbols were checked when tracing began. */
	flow_init(&s->flow, &t->syms);
	/* The fixup code is known at the trap return (watch_resume), from where
	 * the guest resumed, not from the host's prediction. */
	flow_begin(&s->flow, 0, 0);
	/* Step 1, the access, faulted: it changed nothing, so it is written at
	 * once. Step 2 records the exception itself. */
	snprintf(what, sizeof(what), "vector=%u cr2=0x%x error=0x%x", t->cur.vector, t->cur.cr2,
		 t->cur.error_code);
	if (stop_at(t, t->cur.eip, 1, &r, &access, "(faulted)") ||
	    stop_at(t, (uint32_t)r.rip, 2, &r, &entry, what))
		return -1;
	return vm_set_debug(t->vm, 1, NULL, 0) ? tracer_vm_fail(t, "cannot single-step") : 0;
}

/* Which of the eight steps a stop is, if any. */
static int milestone(struct tracer *t, enum flow_mark m)
{
	switch (m) {
	case FLOW_HANDLER: return 3;
	case FLOW_SEARCH: return 4;
	case FLOW_SEARCH_RETURN: return 5;
	case FLOW_IRET: return 6;
	case FLOW_FIXUP: return t->steps->returned ? 7 : 0;
	default: return 0;
	}
}

/* After the iretq: a resolved fault is done at its first step back in the
 * interrupted code; a fixed-up one when execution leaves the fixup code
 * (milestone 8). */
static int finished(struct tracer *t)
{
	struct steps *s = t->steps;
	if (!s->returned)
		return 0;
	if (!t->cur.outcome || strcmp(t->cur.outcome, OUTCOME_FIXUP))
		return 1;
	return s->flow.in_fixup ? 0 : 8;
}

/* A single-step across iretq may report its first stop one instruction late
 * (the emulated KVM does); a breakpoint on the resume target catches that
 * instruction either way. */
static int watch_resume(struct tracer *t)
{
	uint64_t resume = t->cur.resume_eip;
	const struct sym *fx = symtab_find(&t->syms, t->cur.resume_eip);
	if (t->cur.outcome && !strcmp(t->cur.outcome, OUTCOME_FIXUP))
		/* A fixup without a sized symbol is taken to be one instruction. */
		flow_set_fixup(&t->steps->flow, t->cur.resume_eip,
			       fx && fx->size ? fx->addr + fx->size : t->cur.resume_eip + 1);
	t->steps->resume_armed = 1;
	return vm_set_debug(t->vm, 1, &resume, 1) ? tracer_vm_fail(t, "cannot set a breakpoint") : 0;
}

/* The registers at a stop. Control and segment registers change only
 * through the instructions Capstone flags and through exception delivery
 * (CR2 above all), so only then are they read again. */
static int read_file(struct tracer *t, uint32_t pc, struct vm_regs *r, struct regfile *f)
{
	struct steps *s = t->steps;
	struct vm_sregs sr;
	int sregs = s->sregs_stale || flow_in_stubs(&s->flow, pc);
	if (vm_get_regs(t->vm, r) || (sregs && vm_get_sregs(t->vm, &sr))) {
		snprintf(t->error, sizeof(t->error), "tracing stopped: cannot read the registers: %s",
			 t->vm->error);
		return -1;
	}
	*f = s->file;
	regfile_set_regs(f, r, pc);
	if (sregs)
		regfile_set_sregs(f, &sr);
	return 0;
}

int steps_on_step(struct tracer *t, uint32_t pc)
{
	struct steps *s = t->steps;
	struct vm_regs r;
	struct regfile file;
	char changed[160];
	if (read_file(t, pc, &r, &file))
		return -1;
	if (s->resume_armed && pc == t->cur.resume_eip) {
		/* A breakpoint fires again and again until removed. */
		s->resume_armed = 0;
		if (vm_set_debug(t->vm, 1, NULL, 0))
			return tracer_vm_fail(t, "cannot single-step");
		if (pc == s->last_pc)
			return 0;	/* the single-step already stopped here */
	}
	enum flow_mark mark = flow_step(&s->flow, t->vm, pc).mark;
	int end = finished(t), m = end == 8 ? 8 : milestone(t, mark);
	changed[0] = '\0';
	if (m == 8)	/* the fixup's effect: EAX to EDX as execution goes on */
		describe(changed, sizeof(changed), &file, &file, 1);
	else if (m == 5)	/* what search_exception_table returned */
		snprintf(changed, sizeof(changed), "eax=0x%x", (uint32_t)r.rax);
	s->last_pc = pc;
	s->searching = m == 4 || (s->searching && m != 5 && m != 6);
	if (stop_at(t, pc, m, &r, &file, changed))
		return -1;
	int rc = 0;
	if (m == 6) {
		s->returned = 1;
		rc = tracer_on_iret(t);
		if (!rc)
			rc = watch_resume(t);
	} else if (pc == t->bp_kill || pc == t->bp_die) {
		rc = tracer_on_end(t, pc == t->bp_kill ? OUTCOME_KILLED : OUTCOME_OOPS);
		end = 1;
	}
	if (!end && s->idx >= MAX_STEPS) {
		snprintf(t->error, sizeof(t->error), "tracing stopped: fault %llu did not return"
			 " within %u instructions", (unsigned long long)t->cur.seq, MAX_STEPS);
		return -1;
	}
	if (!rc && end == 8)
		rc = tracer_on_continuation(t);
	if (rc || !end)
		return rc;
	steps_free(t);
	return tracer_arm_entry(t);
}

void steps_free(struct tracer *t)
{
	if (t->steps)
		flush_pending(t, NULL);
	free(t->steps);
	t->steps = NULL;
}

#include "steps.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>

#include "trace.h"

#define MAX_STEPS 50000u	/* a handler this long is not going to return */

struct steps {
	struct kvm_regs prev;
	uint32_t idx;
	uint32_t handler_entry[2];	/* do_page_fault, do_divide_error */
	uint32_t search, search_ret;
	uint32_t fixup_lo, fixup_hi;	/* the code section holding the fixup */
	int returned;			/* past the trap's iretq */
	uint32_t last_pc;
	int resume_armed;		/* a breakpoint waits on the resume target */
};

static void describe(char *buf, size_t len, const struct kvm_regs *a, const struct kvm_regs *b,
		     int all)
{
	static const char *const names[] = { "eax", "ebx", "ecx", "edx", "esi", "edi", "esp", "ebp" };
	const uint64_t va[] = { a->rax, a->rbx, a->rcx, a->rdx, a->rsi, a->rdi, a->rsp, a->rbp };
	const uint64_t vb[] = { b->rax, b->rbx, b->rcx, b->rdx, b->rsi, b->rdi, b->rsp, b->rbp };
	size_t n = 0;
	buf[0] = '\0';
	for (size_t i = 0; i < 8 && n < len; i++)
		if (all ? i < 4 : (uint32_t)va[i] != (uint32_t)vb[i])
			n += (size_t)snprintf(buf + n, len - n, "%s%s=0x%x", n ? " " : "", names[i],
					      (uint32_t)vb[i]);
}

static int add_step(struct tracer *t, uint32_t eip, int milestone, const char *changed)
{
	struct step_row r = { .fault_seq = t->cur.seq, .step_idx = t->steps->idx++,
			      .milestone = milestone, .eip = eip };
	symtab_format(&t->syms, eip, r.eip_symbol, sizeof(r.eip_symbol));
	snprintf(r.changed, sizeof(r.changed), "%s", changed);
	if (db_add_step(t->db, t->run_id, &r)) {
		snprintf(t->error, sizeof(t->error), "tracing stopped: %s", db_error(t->db));
		return -1;
	}
	return 0;
}

int steps_begin(struct tracer *t)
{
	struct steps *s = calloc(1, sizeof(*s));
	char what[160];
	if (!s || ioctl(t->vm->vcpu_fd, KVM_GET_REGS, &s->prev) < 0) {
		free(s);
		snprintf(t->error, sizeof(t->error), "tracing stopped: cannot start single-stepping");
		return -1;
	}
	t->steps = s;
	symtab_addr(&t->syms, "do_page_fault", &s->handler_entry[0]);
	symtab_addr(&t->syms, "do_divide_error", &s->handler_entry[1]);
	symtab_addr(&t->syms, "search_exception_table", &s->search);
	const struct sym *fx = t->cur.fixup ? symtab_find(&t->syms, t->cur.fixup) : NULL;
	if (fx && fx->size) {
		s->fixup_lo = fx->addr;
		s->fixup_hi = fx->addr + fx->size;
	}
	snprintf(what, sizeof(what), "vector=%u cr2=0x%x error=0x%x", t->cur.vector, t->cur.cr2,
		 t->cur.error_code);
	if (add_step(t, t->cur.eip, 1, "") || add_step(t, (uint32_t)s->prev.rip, 2, what))
		return -1;
	return vm_set_debug(t->vm, 1, NULL, 0) ? -1 : 0;
}

/* Which of the eight steps pc is, if any; also notes the lookup's return. */
static int milestone(struct tracer *t, uint32_t pc, const struct kvm_regs *r)
{
	struct steps *s = t->steps;
	if (pc == s->handler_entry[0] || pc == s->handler_entry[1])
		return 3;
	if (pc == s->search) {
		struct kvm_sregs sr;
		if (!ioctl(t->vm->vcpu_fd, KVM_GET_SREGS, &sr))
			gmem_read_virt(&t->vm->mem, sr.cr3, (uint32_t)r->rsp, &s->search_ret, 4);
		return 4;
	}
	if (s->search_ret && pc == s->search_ret)
		return 5;
	if (pc == t->bp_iret)
		return 6;
	if (s->returned && t->cur.fixup && pc == t->cur.fixup)
		return 7;
	return 0;
}

/* After the iretq: a resolved fault is done at its first step back in the
 * interrupted code; a fixed-up one when execution leaves the fixup code
 * (milestone 8). */
static int finished(struct tracer *t, uint32_t pc)
{
	struct steps *s = t->steps;
	if (!s->returned)
		return 0;
	if (!t->cur.outcome || strcmp(t->cur.outcome, OUTCOME_FIXUP))
		return 1;
	return pc < s->fixup_lo || pc >= s->fixup_hi ? 8 : 0;
}

/* A single-step across iretq may report its first stop one instruction late
 * (the emulated KVM does); a breakpoint on the resume target catches that
 * instruction either way. */
static int watch_resume(struct tracer *t)
{
	uint64_t resume = t->cur.resume_eip;
	t->steps->resume_armed = 1;
	return vm_set_debug(t->vm, 1, &resume, 1) ? -1 : 0;
}

int steps_on_step(struct tracer *t, uint32_t pc)
{
	struct steps *s = t->steps;
	struct kvm_regs r;
	char changed[160];
	if (ioctl(t->vm->vcpu_fd, KVM_GET_REGS, &r) < 0) {
		snprintf(t->error, sizeof(t->error), "tracing stopped: KVM_GET_REGS: %s", strerror(errno));
		return -1;
	}
	if (s->resume_armed && pc == t->cur.resume_eip) {
		/* A breakpoint fires again and again until removed. */
		s->resume_armed = 0;
		if (vm_set_debug(t->vm, 1, NULL, 0))
			return -1;
		if (pc == s->last_pc)
			return 0;	/* the single-step already stopped here */
	}
	int end = finished(t, pc), m = end == 8 ? 8 : milestone(t, pc, &r);
	describe(changed, sizeof(changed), &s->prev, &r, m == 8);
	s->prev = r;
	s->last_pc = pc;
	if (add_step(t, pc, m, changed))
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
	free(t->steps);
	t->steps = NULL;
}

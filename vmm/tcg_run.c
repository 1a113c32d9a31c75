/*
 * Running under QEMU TCG with KVM's semantics. A breakpoint reports the
 * instruction before it runs, and resuming goes past it (QEMU would stop
 * at it again: the engine steps over). A single step reports the next
 * instruction. At an I/O site the `out` is not executed: the engine reports
 * the port write QEMU could not show us, then moves RIP past it, as a
 * completed KVM_EXIT_IO would; a single step there ends after the `out`.
 */
#include "tcg.h"

#include <fl_abi.h>
#include <stdio.h>
#include <string.h>

static void debug_at(struct tcg *t, struct vm_event *ev)
{
	*ev = (struct vm_event){ .kind = VM_EV_DEBUG, .pc = t->pc };
}

/* The site instruction at pc as a port write in ev; an instruction that is
 * not an `out` gives a VM_EV_INTERNAL event. -1 if it cannot be read. */
static int site_io(struct vm *vm, struct vm_event *ev, unsigned *len)
{
	struct tcg *t = vm->engine;
	uint8_t op[2] = { 0, 0 };
	/* The immediate is read only where there is one: `out %dx` may end a page. */
	if (tcg_load_regs(vm) || vm_read_virt(vm, t->pc, op, 1) ||
	    ((op[0] == 0xe6 || op[0] == 0xe7) && vm_read_virt(vm, t->pc + 1, op + 1, 1))) {
		snprintf(ev->detail, sizeof(ev->detail), "the I/O site at %#llx cannot be read: %.60s",
			 (unsigned long long)t->pc, vm->error[0] ? vm->error : "not mapped");
		return -1;
	}
	uint32_t eax = (uint32_t)tcg_reg(t, GR_RAX), dx = (uint16_t)tcg_reg(t, GR_RDX);
	*ev = (struct vm_event){ .kind = VM_EV_IO };
	ev->io.out = 1;
	switch (op[0]) {
	case 0xe6: case 0xe7:	/* out imm8 */
		ev->io.port = op[1];
		*len = 2;
		break;
	case 0xee: case 0xef:	/* out %dx */
		ev->io.port = (uint16_t)dx;
		*len = 1;
		break;
	default:
		*len = 0;	/* the run stops on this event: nothing to move past */
		snprintf(ev->detail, sizeof(ev->detail), "the I/O site at %#llx is not an out"
			 " instruction", (unsigned long long)t->pc);
		ev->kind = VM_EV_INTERNAL;
		return 0;
	}
	ev->io.size = op[0] & 1 ? 4 : 1;
	ev->io.value = ev->io.size == 4 ? eax : (eax & 0xff);
	return 0;
}

/* Report the site's port write; the next run moves past it. */
static int report_site(struct vm *vm, struct vm_event *ev)
{
	struct tcg *t = vm->engine;
	if (site_io(vm, ev, &t->site_len))
		return -1;
	t->site = SITE_DONE;
	return 0;
}

/* The vCPU is at pc without a stop having been reported there: report what
 * KVM would (a breakpoint, a step, a site's I/O). 1 if ev was filled. */
static int arrive(struct vm *vm, struct vm_event *ev, int stepped)
{
	struct tcg *t = vm->engine;
	t->at_stop = 1;
	if (stepped || tcg_is_bp(vm, t->pc)) {
		debug_at(t, ev);
		t->site = tcg_is_site(t, t->pc) ? SITE_OWED : SITE_NONE;
		return 1;
	}
	if (tcg_is_site(t, t->pc))
		return report_site(vm, ev) ? -1 : 1;
	t->at_stop = 0;
	return 0;
}

/* Move past the site's `out`, whose effect has been reported. */
static int skip_site(struct vm *vm, struct vm_event *ev)
{
	struct tcg *t = vm->engine;
	if (tcg_set_reg(t, GR_RIP, t->pc + t->site_len)) {
		qemu_why(&t->q, ev->detail, sizeof(ev->detail));
		return -1;
	}
	t->pc += t->site_len;
	t->site = SITE_NONE;
	return arrive(vm, ev, vm->singlestep);
}

/* QEMU paused the guest itself: a triple fault (-action shutdown=pause),
 * or something it says in its status. */
static int why_paused(struct tcg *t, struct vm_event *ev)
{
	char status[80];
	if (gdb_monitor(&t->g, "info status", status, sizeof(status))) {
		qemu_why(&t->q, ev->detail, sizeof(ev->detail));
		return -1;
	}
	status[strcspn(status, "\r\n")] = '\0';
	*ev = (struct vm_event){ .kind = strstr(status, "shutdown") ? VM_EV_SHUTDOWN : VM_EV_INTERNAL };
	snprintf(ev->detail, sizeof(ev->detail), "QEMU stopped the guest: %s", status);
	return 0;
}

#define STALE 1	/* a breakpoint nobody wants any more: go on */

/* A stop reply to a step or a continue: why the vCPU stopped, and where.
 * 0, -1, or STALE. */
static int stopped(struct vm *vm, const char *reply, int stepped, int interrupted,
		   struct vm_event *ev)
{
	struct tcg *t = vm->engine;
	unsigned sig = 0;
	t->regs_valid = 0;
	t->bits = 0;
	if (reply[0] == 'W' || reply[0] == 'X' ||
	    ((reply[0] == 'T' || reply[0] == 'S') && sscanf(reply + 1, "%2x", &sig) != 1)) {
		qemu_why(&t->q, ev->detail, sizeof(ev->detail));
		return -1;
	}
	if (tcg_load_regs(vm)) {
		qemu_why(&t->q, ev->detail, sizeof(ev->detail));
		return -1;
	}
	t->pc = tcg_reg(t, GR_RIP);
	if (sig != 5) {	/* not a trap: our interrupt, or QEMU stopping on its own */
		t->at_stop = 0;
		return interrupted ? (*ev = (struct vm_event){ .kind = VM_EV_INTERRUPTED }, 0)
				   : why_paused(t, ev);
	}
	t->at_stop = 1;
	if (stepped || tcg_is_bp(vm, t->pc)) {
		debug_at(t, ev);
		t->site = tcg_is_site(t, t->pc) ? SITE_OWED : SITE_NONE;
		return 0;
	}
	if (tcg_is_site(t, t->pc))
		return report_site(vm, ev);
	if (tcg_drop_stale(vm, t->pc))
		return STALE;
	snprintf(ev->detail, sizeof(ev->detail), "QEMU stopped at %#llx for no breakpoint",
		 (unsigned long long)t->pc);
	ev->kind = VM_EV_INTERNAL;
	return 0;
}

static int resume(struct vm *vm, const char *how, struct vm_event *ev)
{
	struct tcg *t = vm->engine;
	char r[256];
	int interrupted = 0;
	t->regs_valid = 0;
	t->bits = 0;
	if (gdb_send(&t->g, how) || gdb_recv(&t->g, r, sizeof(r), how[0] == 'c', &interrupted) < 0) {
		qemu_why(&t->q, ev->detail, sizeof(ev->detail));
		return -1;
	}
	return stopped(vm, r, how[0] == 's', interrupted, ev);
}

/* Leave a reported stop: QEMU stops again at a breakpoint on pc before
 * running it, so step once with the breakpoint out. 1 if ev was filled. */
static int step_over(struct vm *vm, struct vm_event *ev)
{
	struct tcg *t = vm->engine;
	uint64_t at = t->pc;
	int inserted = 0;
	if (tcg_drop_stale(vm, at))
		return 0;	/* no longer wanted: gone, nothing to step over */
	for (unsigned i = 0; i < t->nr_inserted; i++)
		inserted |= t->inserted[i] == at;
	if (!inserted)
		return 0;
	int rc = tcg_insert(t, at, 0) ? -1 : resume(vm, "s", ev);
	return rc || tcg_insert(t, at, 1) ? -1 : 1;
}

int tcg_run(struct vm *vm, struct vm_event *ev)
{
	struct tcg *t = vm->engine;
	int rc;
	if (t->site == SITE_DONE && (rc = skip_site(vm, ev)))
		return rc < 0 ? -1 : 0;
	if (t->site == SITE_OWED)
		return report_site(vm, ev);
	if (t->at_stop && (rc = step_over(vm, ev))) {
		if (rc < 0)
			return -1;
		if (ev->kind != VM_EV_DEBUG || vm->singlestep)
			return 0;	/* the step is the event */
		t->site = SITE_NONE;
		if ((rc = arrive(vm, ev, 0)))
			return rc < 0 ? -1 : 0;
	}
	while ((rc = resume(vm, vm->singlestep ? "s" : "c", ev)) == STALE)
		;
	return rc;
}

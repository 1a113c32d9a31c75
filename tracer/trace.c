#include "trace.h"

#include <stdio.h>

#include <fl_abi.h>
#include <fl_extable.h>
#include <fl_trace.h>

#include "elf_image.h"
#include "errorf.h"
#include "pagewalk.h"
#include "steps.h"

/* The contract's symbols (fl_trace.h) the tracer breaks on; all missing
 * ones are named at once. */
static int need_symbols(struct tracer *t)
{
	const struct { const char *name; uint32_t *addr; } need[] = {
		{ FL_SYM_PF_ENTRY, &t->bp_pf }, { FL_SYM_DE_ENTRY, &t->bp_de },
		{ FL_SYM_TRAP_IRET, &t->bp_iret }, { FL_SYM_FORCE_SIG, &t->bp_kill },
		{ FL_SYM_DIE, &t->bp_die },
	};
	size_t n = (size_t)snprintf(t->error, sizeof(t->error), "the kernel lacks symbols of the"
				    " tracer's contract (fl_trace.h):");
	int missing = 0;
	for (size_t i = 0; i < sizeof(need) / sizeof(need[0]); i++) {
		if (!symtab_addr(&t->syms, need[i].name, need[i].addr))
			continue;
		missing = 1;
		if (n < sizeof(t->error))
			n += (size_t)snprintf(t->error + n, sizeof(t->error) - n, " %s", need[i].name);
	}
	if (!missing)
		t->error[0] = '\0';
	return missing ? -1 : 0;
}

static int record_table(struct tracer *t, const struct shadow_table *tab)
{
	for (uint32_t i = 0; i < tab->n; i++) {
		struct extable_row r = { .owner = tab->owner, .idx = i, .insn = tab->e[i].insn,
					 .fixup = tab->e[i].fixup, .handler = tab->e[i].handler };
		symtab_format(&t->syms, r.insn, r.insn_symbol, sizeof(r.insn_symbol));
		symtab_format(&t->syms, r.fixup, r.fixup_symbol, sizeof(r.fixup_symbol));
		if (db_add_extable(t->db, t->run_id, &r))
			return tracer_fail(t, db_error(t->db));
	}
	return 0;
}

static int load_image(struct tracer *t, const char *owner, const struct elf_image *im)
{
	struct shadow_table *tab = &t->tabs[t->ntabs];
	if (symtab_add_elf(&t->syms, im, t->error, sizeof(t->error)) ||
	    shadow_load(tab, owner, im, t->error, sizeof(t->error)))
		return -1;
	t->ntabs++;
	return 0;
}

/* The module's image is read by nobody else on the host; it stays open for
 * the source lines of --steps. */
static int load_module(struct tracer *t, const struct guest_file *module)
{
	if (elf_image_open(&t->module_elf, module->data, module->len, t->error, sizeof(t->error)))
		return -1;
	t->have_module_elf = 1;
	return load_image(t, module->name, &t->module_elf);
}

int tracer_init(struct tracer *t, struct vm *vm, struct db *db, int64_t run_id, uint64_t t0_ns,
		const struct elf_image *kernel, const struct guest_file *module, uint64_t steps)
{
	*t = (struct tracer){ .vm = vm, .db = db, .run_id = run_id, .steps_left = steps,
			      .t0_ns = t0_ns };
	if (load_image(t, "kernel", kernel) || (module && load_module(t, module)))
		return -1;
	if (steps) {
		stepsrc_open(&t->src, kernel, t->have_module_elf ? &t->module_elf : NULL);
		t->have_src = 1;
	}
	symtab_finish(&t->syms);
	for (size_t i = 0; i < t->ntabs; i++)
		if (record_table(t, &t->tabs[i]))
			return -1;
	return need_symbols(t);
}

/* The entry breakpoints stay armed while the fixup runs. */
static int arm_continuation(struct tracer *t)
{
	uint64_t bp[] = { t->bp_pf, t->bp_de, t->continuation };
	return vm_set_debug(t->vm, 0, bp, 3) ? tracer_vm_fail(t, "cannot set breakpoints") : 0;
}

static int arm_handler(struct tracer *t)
{
	uint64_t bp[] = { t->bp_iret, t->bp_kill, t->bp_die };
	return vm_set_debug(t->vm, 0, bp, 3) ? tracer_vm_fail(t, "cannot set breakpoints") : 0;
}

static void shadow_lookup_for(struct tracer *t, struct fault_record *f)
{
	struct shadow_hit hit;
	f->entry_index = -1;
	if (f->cpl != 0) {
		f->lookup = LOOKUP_NA;
		return;
	}
	if (!shadow_lookup(t->tabs, t->ntabs, f->eip, &hit)) {
		f->lookup = LOOKUP_NONE;
		return;
	}
	f->lookup = LOOKUP_FOUND;
	f->entry_index = hit.idx;
	f->fixup = hit.entry->fixup;
	f->handler = ex_handler_name(hit.entry->handler);
	f->owner = hit.table->owner;
	symtab_format(&t->syms, f->fixup, f->fixup_symbol, sizeof(f->fixup_symbol));
}

/* The walk of CR2, before the handler can change the tables, and why they
 * refused the access. A walk that cannot tell (it left guest RAM, or the
 * fault is an RSVD one that no bit checked shows) gets no reason but a note,
 * without mismatch since the exception table is not in question, and the
 * run goes on. */
static int walk_cr2(struct tracer *t, const struct vm_sregs *s, struct page_walk *w)
{
	struct fault_record *f = &t->cur;
	if (vm_walk(t->vm, f->cr2, w))
		return tracer_vm_fail(t, "cannot read the registers");
	struct walk_verdict v = walk_explain(w, f->error_code, s->cr0, s->efer);
	f->walk_level = v.level;
	f->walk_reason = v.reason;
	if (v.reason)
		return 0;
	if (w->end == PAGE_WALK_OUTSIDE)
		fault_note(f, "the page walk of CR2 reads its level-%u entry at %#llx, outside guest"
			   " RAM", 4 - w->n, (unsigned long long)w->addr[w->n]);
	else
		fault_note(f, "the error code reports a reserved bit that no entry of the page walk"
			   " shows (bits above MAXPHYADDR are not checked)");
	return 0;
}

/* fault_walk's rows, once the fault's row exists. */
static int store_walk(struct tracer *t, const struct page_walk *w)
{
	for (unsigned i = 0; i < w->n; i++) {
		struct walk_row row = { .fault_seq = t->cur.seq, .level = 4 - (int)i,
					.entry_addr = w->addr[i], .entry_value = w->entry[i] };
		if (db_add_walk(t->db, t->run_id, &row))
			return tracer_fail(t, db_error(t->db));
	}
	return 0;
}

/* The hardware frame as the handler finds it: where its RIP slot is, and the
 * registers the handler may rewrite in its copy (pt_regs). */
static void frame_at_entry(struct fault_record *f, uint64_t rip_slot, const struct vm_regs *r)
{
	f->has_frame = rip_slot <= UINT32_MAX;
	if (!f->has_frame)
		return;
	f->frame_addr = (uint32_t)rip_slot;
	f->frame_eip_before = f->eip;
	f->frame_eax_before = (uint32_t)r->rax;
	f->frame_edx_before = (uint32_t)r->rdx;
}

/* At an entry stub: the CPU has pushed [error code,] rip, cs, rflags, rsp, ss. */
static int on_entry(struct tracer *t, uint32_t vector)
{
	struct vm_regs r;
	struct vm_sregs s;
	struct page_walk w;
	uint64_t frame[3];
	if (vm_get_regs(t->vm, &r) || vm_get_sregs(t->vm, &s))
		return tracer_vm_fail(t, "cannot read the registers");
	int has_err = vector == FL_VEC_PF;
	if (tracer_read_guest(t, r.rsp, frame, sizeof(frame)))
		return -1;
	struct fault_record *f = &t->cur;
	*f = (struct fault_record){ .seq = ++t->faults, .ts_ns = monotonic_ns() - t->t0_ns,
				    .vector = vector, .observed_index = -1 };
	f->has_tsc = vm_guest_tsc(t->vm, &f->tsc) == 0;
	f->error_code = has_err ? (uint32_t)frame[0] : 0;
	f->eip = (uint32_t)frame[has_err];
	f->cpl = (uint32_t)frame[has_err + 1] & 3;
	f->cr2 = vector == FL_VEC_PF ? (uint32_t)s.cr2 : 0;
	symtab_format(&t->syms, f->eip, f->eip_symbol, sizeof(f->eip_symbol));
	shadow_lookup_for(t, f);
	t->entry_rsp = r.rsp + (has_err ? 8 : 0);
	frame_at_entry(f, t->entry_rsp, &r);
	t->pending = 1;
	w.n = 0;
	if (vector == FL_VEC_PF && walk_cr2(t, &s, &w))
		return -1;
	if (db_add_fault(t->db, t->run_id, f))
		return tracer_fail(t, db_error(t->db));
	if (store_walk(t, &w))
		return -1;
	if (t->steps_left) {
		t->steps_left--;
		return steps_begin(t);
	}
	return arm_handler(t);
}

int tracer_on_debug(struct tracer *t, uint64_t at)
{
	uint32_t pc = (uint32_t)at;
	t->debug_exits++;
	if (t->steps)
		return steps_on_step(t, pc);
	if (t->continuation && pc == t->continuation)
		return tracer_on_continuation(t) ? -1 : tracer_arm_entry(t);
	if (pc == t->bp_pf || pc == t->bp_de) {
		if (t->continuation && tracer_store(t))	/* the fixup faulted before going back */
			return -1;
		return on_entry(t, pc == t->bp_pf ? FL_VEC_PF : FL_VEC_DE);
	}
	if (!t->pending)
		return tracer_fail(t, "a handler breakpoint fired with no fault pending");
	int rc = pc == t->bp_iret ? tracer_on_iret(t)
		 : pc == t->bp_kill ? tracer_on_end(t, OUTCOME_KILLED)
		 : pc == t->bp_die ? tracer_on_end(t, OUTCOME_OOPS)
				   : tracer_fail(t, "a debug exit at an address nobody watches");
	if (rc)
		return rc;
	return t->continuation ? arm_continuation(t) : tracer_arm_entry(t);
}

void tracer_finish(struct tracer *t, int guest_exit_status, int exited)
{
	if (!t->pending)
		return;
	if (exited && guest_exit_status == FL_EXIT_OOPS) {
		tracer_on_end(t, OUTCOME_OOPS);
		return;
	}
	snprintf(t->cur.note, sizeof(t->cur.note), "the run ended while its handler ran");
	tracer_store(t);
}

void tracer_free(struct tracer *t)
{
	steps_free(t);
	for (size_t i = 0; i < t->ntabs; i++)
		shadow_free(&t->tabs[i]);
	symtab_free(&t->syms);
	if (t->have_src)
		stepsrc_close(&t->src);
	if (t->have_module_elf)
		elf_image_close(&t->module_elf);
}

/*
 * What the guest did, checked against what the host predicted. At the trap
 * return the tracer sees where execution resumes; from that alone it names
 * the entry the guest used (the one whose fixup it is), and checks that the
 * entry's handler and its fixup did what the mechanism promises: the entry
 * is the one the host predicts, ex_handler_fault leaves the trap number in
 * EAX, and the fixup resumes past the faulting access, in the same function.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "trace.h"

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

uint32_t observe_return(struct tracer *t, uint32_t eax)
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

#include "bench_host.h"

#include <string.h>

static const char *const phase_names[NR_PHASES] = {
	"access", "entry", "do_page_fault", "lookup", "return", "fixup",
};

int bench_host_init(struct bench_host *b, struct db *db, int64_t run_id,
		    const struct elf_image *kernel)
{
	FILE *progress = b->progress;
	*b = (struct bench_host){ .db = db, .run_id = run_id, .progress = progress };
	if (symtab_add_elf(&b->syms, kernel, b->error, sizeof(b->error)))
		return -1;
	symtab_finish(&b->syms);
	uint32_t fixup;
	const struct sym *fx = symtab_addr(&b->syms, ".fixup", &fixup) ? NULL
							       : symtab_find(&b->syms, fixup);
	if (flow_init(&b->flow, &b->syms) || !fx) {
		snprintf(b->error, sizeof(b->error), "the kernel lacks the symbols bench needs");
		return -1;
	}
	b->fixup_lo = fx->addr;
	b->fixup_hi = fx->addr + fx->size;
	return 0;
}

void bench_host_free(struct bench_host *b)
{
	symtab_free(&b->syms);
}

static int store(struct bench_host *b, const char *name, const char *param, const char *measure,
		 const char *unit, double value, uint64_t reps)
{
	struct bench_row row = { name, param && *param ? param : NULL, measure, value, unit, reps };
	if (db_add_bench(b->db, b->run_id, &row)) {
		snprintf(b->error, sizeof(b->error), "%s", db_error(b->db));
		return VM_HOOK_HOST_ERROR;
	}
	return 0;
}

/* The guest reports only what it measures itself; instruction counts and
 * host timings are the host's. */
static int store_result(struct bench_host *b)
{
	const struct fl_bench_msg *m = &b->cur;
	if ((strcmp(m->measure, "cycles") && strcmp(m->measure, "probes")) ||
	    !strcmp(m->case_name, "fault_breakdown")) {
		snprintf(b->error, sizeof(b->error), "the guest may not report %s for %s", m->measure,
			 m->case_name);
		return VM_HOOK_BAD_GUEST;
	}
	return store(b, m->case_name, m->parameter, m->measure, m->unit, (double)m->value,
		     m->repetitions);
}

/* The guest's message, every string NUL-terminated within its field. */
static int read_msg(struct bench_host *b, struct vm *vm, uint32_t addr)
{
	struct fl_bench_msg *m = &b->cur;
	if (vm_read_virt(vm, addr, m, sizeof(*m)) ||
	    !memchr(m->case_name, 0, sizeof(m->case_name)) || !m->case_name[0] ||
	    !memchr(m->parameter, 0, sizeof(m->parameter)) ||
	    !memchr(m->measure, 0, sizeof(m->measure)) || !memchr(m->unit, 0, sizeof(m->unit))) {
		snprintf(b->error, sizeof(b->error), "bad benchmark message at %#x", addr);
		return VM_HOOK_BAD_GUEST;
	}
	return 0;
}

static int end_count(struct bench_host *b)
{
	const struct fl_bench_msg *m = &b->cur;
	/* The baseline's function is a lone ret: the harness is baseline - 1. */
	if (!strcmp(m->case_name, "baseline"))
		b->baseline = b->count ? b->count - 1 : 0;
	uint64_t net = b->count - (b->count < b->baseline ? b->count : b->baseline);
	if (b->progress)
		fprintf(b->progress, "bench: %-20s %-22s %8llu instructions\n", m->case_name,
			m->parameter, (unsigned long long)net);
	int rc = store(b, m->case_name, m->parameter, "instructions", "instructions", (double)net, 1);
	if (rc || !b->breakdown)
		return rc;
	b->breakdown = 0;
	b->phase[PH_ACCESS] -= b->phase[PH_ACCESS] < b->baseline ? b->phase[PH_ACCESS] : b->baseline;
	for (int p = 0; p < NR_PHASES && !rc; p++)
		rc = store(b, "fault_breakdown", phase_names[p], "instructions", "instructions",
			   (double)b->phase[p], 1);
	return rc;
}

int bench_on_mark(struct bench_host *b, struct vm *vm, uint32_t kind, uint32_t addr)
{
	if (kind != FL_BENCH_BEGIN && kind != FL_BENCH_END && kind != FL_BENCH_RESULT) {
		snprintf(b->error, sizeof(b->error), "unknown benchmark mark %u", kind);
		return VM_HOOK_BAD_GUEST;
	}
	if (kind == FL_BENCH_END) {
		if (!b->counting) {
			snprintf(b->error, sizeof(b->error), "benchmark END without BEGIN");
			return VM_HOOK_BAD_GUEST;
		}
		b->counting = 0;
		if (vm_set_debug(vm, 0, NULL, 0))
			return VM_HOOK_HOST_ERROR;
		return end_count(b);
	}
	if (b->counting) {
		snprintf(b->error, sizeof(b->error), "benchmark mark inside a counted region");
		return VM_HOOK_BAD_GUEST;
	}
	if (read_msg(b, vm, addr))
		return VM_HOOK_BAD_GUEST;
	if (kind == FL_BENCH_RESULT)
		return store_result(b);
	b->counting = 1;
	b->count = 0;
	b->breakdown = !strcmp(b->cur.case_name, "get_user_invalid");
	memset(b->phase, 0, sizeof(b->phase));
	b->ph = PH_ACCESS;
	flow_begin(&b->flow, b->fixup_lo, b->fixup_hi);
	return vm_set_debug(vm, 1, NULL, 0) ? VM_HOOK_HOST_ERROR : 0;
}

/* The phase of a fixed-up fault a stop starts, if it starts one. */
static void track_phase(struct bench_host *b, enum flow_mark m)
{
	if (m == FLOW_DELIVERED && b->ph == PH_ACCESS)
		b->ph = PH_ENTRY;
	else if (m == FLOW_HANDLER)
		b->ph = PH_DO_PAGE_FAULT;
	else if (m == FLOW_SEARCH)
		b->ph = PH_LOOKUP;
	else if (m == FLOW_SEARCH_RETURN && b->ph == PH_LOOKUP)
		b->ph = PH_RETURN;
	else if (m == FLOW_FIXUP)
		b->ph = PH_FIXUP;
	else if (m == FLOW_FIXUP_LEFT)
		b->ph = PH_ACCESS;
}

int bench_on_step(struct bench_host *b, struct vm *vm, uint64_t pc)
{
	if (!b->counting) {
		snprintf(b->error, sizeof(b->error), "a debug exit outside a counted region");
		return -1;
	}
	struct flow_stop st = flow_step(&b->flow, vm, (uint32_t)pc);
	unsigned n = 1 + st.missed;
	b->count += n;
	if (b->breakdown) {
		track_phase(b, st.mark);
		b->phase[b->ph] += n;
	}
	return 0;
}

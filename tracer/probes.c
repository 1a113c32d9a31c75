#include "probes.h"

#include <stdio.h>

#include "trace.h"

/* The table whose entries cover addr, and the entry's index there. */
static const struct shadow_table *table_at(const struct tracer *t, uint64_t addr, uint32_t *idx)
{
	for (size_t i = 0; i < t->ntabs; i++) {
		const struct shadow_table *tab = &t->tabs[i];
		uint64_t start = tab->addr, end = start + (uint64_t)tab->n * EX_ENTRY_SIZE;
		if (addr >= start && addr < end) {
			*idx = (uint32_t)((addr - start) / EX_ENTRY_SIZE);
			return tab;
		}
	}
	return NULL;
}

static int probe(struct tracer *t, struct probes *p, uint32_t step_idx,
		 const struct shadow_table *tab, uint32_t idx)
{
	uint32_t insn;
	/* The guest may have rewritten its table: what it compared is in its
	 * memory, not in the ELF. An unreadable entry the guest cannot have read
	 * either, so it is no probe. */
	if (vm_read_virt(t->vm, tab->addr + (uint64_t)idx * EX_ENTRY_SIZE, &insn, sizeof(insn)))
		return 0;
	struct probe_row row = { .fault_seq = t->cur.seq, .probe = ++p->count, .step_idx = step_idx,
				 .owner = tab->owner, .idx = idx, .insn = insn,
				 .result = insn < t->cur.eip ? PROBE_BELOW
					   : insn > t->cur.eip ? PROBE_ABOVE : PROBE_MATCH };
	if (db_add_probe(t->db, t->run_id, &row)) {
		snprintf(t->error, sizeof(t->error), "tracing stopped: %s", db_error(t->db));
		return -1;
	}
	return 0;
}

int probes_note(struct tracer *t, struct probes *p, uint32_t step_idx, const uint64_t *reads,
		unsigned n)
{
	for (unsigned i = 0; i < n; i++) {
		uint32_t idx;
		const struct shadow_table *tab = table_at(t, reads[i], &idx);
		if (!tab || (tab == p->last && idx == p->last_idx))
			continue;
		p->last = tab;
		p->last_idx = idx;
		if (probe(t, p, step_idx, tab, idx))
			return -1;
	}
	return 0;
}

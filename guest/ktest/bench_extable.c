/*
 * search_extable alone, on synthetic tables of 16 to 65,536 entries (built
 * in vmalloc memory, sorted like a real table) and on the kernel's own
 * table: a hit on the entry a third of the way in, and a miss just after it.
 */
#include <kernel/extable.h>
#include <kernel/kernel.h>
#include <kernel/mm.h>
#include <kernel/string.h>

#include "bench.h"

static const struct exception_table_entry *table;
static uint32_t entries;

__attribute__((noinline)) static uint32_t op_search(uint32_t addr)
{
	return (uint32_t)search_extable(table, entries, addr, NULL);
}

static void search_cases(const struct bench_opts *o, const char *param)
{
	uint32_t probes, hit = table[entries / 3].insn, miss = hit + 1;
	bench_case(o, "extable_search_hit", param, op_search, hit);
	search_extable(table, entries, hit, &probes);
	bench_result("extable_search_hit", param, "probes", "entries", probes, 1);
	bench_case(o, "extable_search_miss", param, op_search, miss);
	search_extable(table, entries, miss, &probes);
	bench_result("extable_search_miss", param, "probes", "entries", probes, 1);
}

static struct exception_table_entry *synthetic(uint32_t n)
{
	static struct exception_table_entry *t;
	if (!t)
		t = vmalloc(65536 * sizeof(*t));
	for (uint32_t i = 0; t && i < n; i++)
		t[i] = (struct exception_table_entry){ 0x1000 + 16 * i, 0x1008 + 16 * i, 0 };
	return t;
}

void bench_extable(const struct bench_opts *o)
{
	static const uint32_t full[] = { 16, 256, 4096, 65536 }, quick[] = { 16, 4096 };
	const uint32_t *sizes = o->quick ? quick : full;
	uint32_t count = o->quick ? ARRAY_SIZE(quick) : ARRAY_SIZE(full);
	for (uint32_t i = 0; i < count; i++) {
		char param[32];
		table = synthetic(sizes[i]);
		if (!table)
			panic("bench: no memory for a %u-entry table", sizes[i]);
		entries = sizes[i];
		snprintf(param, sizeof(param), "entries=%u", sizes[i]);
		search_cases(o, param);
	}
	table = __start___ex_table;
	entries = (uint32_t)(__stop___ex_table - __start___ex_table);
	search_cases(o, "kernel");
}

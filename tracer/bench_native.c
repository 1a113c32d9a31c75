/*
 * The lookup code measured natively: the same search_extable and find_vma
 * the guest runs, compiled for the host and timed with the monotonic clock
 * (median of batches), so there is a real-hardware figure beside the
 * emulated guest's.
 */
#include "bench_native.h"
#include "clock.h"

#include <stdio.h>
#include <stdlib.h>

#include <kernel/extable.h>
#include <kernel/vma.h>

#define BATCHES 11
#define LOOKUPS 200000

static volatile uintptr_t sink;

static int by_value(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

/* Median ns per call of lookup(ctx, key), over BATCHES batches. */
static double time_lookup(uintptr_t (*lookup)(const void *, uint32_t), const void *ctx, uint32_t key)
{
	double ns[BATCHES];
	for (int b = 0; b < BATCHES; b++) {
		uint64_t t0 = monotonic_ns();
		for (int i = 0; i < LOOKUPS; i++)
			sink += lookup(ctx, key);
		ns[b] = (double)(monotonic_ns() - t0) / LOOKUPS;
	}
	qsort(ns, BATCHES, sizeof(ns[0]), by_value);
	return ns[BATCHES / 2];
}

struct table {
	struct exception_table_entry *e;
	uint32_t n;
};

static uintptr_t search(const void *ctx, uint32_t key)
{
	const struct table *t = ctx;
	return (uintptr_t)search_extable(t->e, t->n, key, NULL);
}

static uintptr_t lookup_vma(const void *ctx, uint32_t key)
{
	return (uintptr_t)find_vma(ctx, key, NULL);
}

static int store(struct db *db, int64_t run_id, const char *name, const char *param, double ns)
{
	struct bench_row r = { name, param, "host_ns", ns, "ns", (uint64_t)BATCHES * LOOKUPS };
	return db_add_bench(db, run_id, &r);
}

/* Same tables as the guest's: insn = 0x1000 + 16 i, hit a third of the way. */
static int bench_tables(struct db *db, int64_t run_id, const uint32_t *sizes, size_t count)
{
	for (size_t s = 0; s < count; s++) {
		struct table t = { calloc(sizes[s], sizeof(*t.e)), sizes[s] };
		char param[32];
		if (!t.e)
			return -1;
		for (uint32_t i = 0; i < t.n; i++)
			t.e[i] = (struct exception_table_entry){ 0x1000 + 16 * i, 0x1008 + 16 * i, 0 };
		uint32_t hit = t.e[t.n / 3].insn;
		snprintf(param, sizeof(param), "entries=%u", t.n);
		int rc = store(db, run_id, "extable_search_hit", param, time_lookup(search, &t, hit)) ||
			 store(db, run_id, "extable_search_miss", param, time_lookup(search, &t, hit + 1));
		free(t.e);
		if (rc)
			return -1;
	}
	return 0;
}

/* The tree lookup verify_area makes for a 4-byte range, on the guest's layout. */
static int bench_trees(struct db *db, int64_t run_id, const uint32_t *sizes, size_t count)
{
	static const char *const where[] = { "first", "middle", "last" };
	for (size_t s = 0; s < count; s++) {
		uint32_t n = sizes[s], base = 0x10000000u;
		struct vm_area_struct *v = calloc(n, sizeof(*v));
		struct vma_tree tree = VMA_TREE_INIT;
		if (!v)
			return -1;
		for (uint32_t i = 0; i < n; i++) {
			v[i].vm_start = base + 2 * i * 4096;
			v[i].vm_end = v[i].vm_start + 4096;
			vma_insert(&tree, &v[i]);
		}
		uint32_t target[3] = { base, base + 2 * (n / 2) * 4096, base + 2 * (n - 1) * 4096 };
		int rc = 0;
		for (int w = 0; w < 3 && !rc; w++) {
			char param[32];
			snprintf(param, sizeof(param), "vmas=%u,%s", n, where[w]);
			rc = store(db, run_id, "verify_area_valid", param,
				   time_lookup(lookup_vma, &tree, target[w]));
		}
		free(v);
		if (rc)
			return -1;
	}
	return 0;
}

int bench_native(struct db *db, int64_t run_id, int quick)
{
	static const uint32_t tables_full[] = { 16, 256, 4096, 65536 }, tables_quick[] = { 16, 4096 };
	static const uint32_t vmas_full[] = { 1, 4, 16, 64, 256, 1024 }, vmas_quick[] = { 1, 16, 256 };
	if (quick)
		return bench_tables(db, run_id, tables_quick, 2) || bench_trees(db, run_id, vmas_quick, 3)
			       ? -1 : db_flush(db);
	return bench_tables(db, run_id, tables_full, 4) || bench_trees(db, run_id, vmas_full, 6)
		       ? -1 : db_flush(db);
}

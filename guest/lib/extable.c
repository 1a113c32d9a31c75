/*
 * Exception-table search, validation and sorting: the library under the
 * kernel's search_exception_table. See kernel/extable.h for why the same file
 * serves the guest kernel and the host tools.
 */
#include "kernel/extable.h"

#include <stddef.h>

const struct exception_table_entry *search_extable(const struct exception_table_entry *table,
						   uint32_t n, uint32_t addr, uint32_t *probes)
{
	/* Half-open window [lo, hi): every miss leaves at most floor(size / 2)
	 * candidates, which gives the ceil(log2(n + 1)) probe bound. */
	uint32_t lo = 0, hi = n, count = 0;
	const struct exception_table_entry *found = NULL;

	while (lo < hi) {
		uint32_t mid = lo + (hi - lo) / 2;
		uint32_t insn = table[mid].insn;

		count++;
		if (insn == addr) {
			found = &table[mid];
			break;
		}
		if (insn < addr)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (probes)
		*probes = count;
	return found;
}

int32_t extable_first_unsorted(const struct exception_table_entry *table, uint32_t n)
{
	for (uint32_t i = 1; i < n; i++)
		if (table[i].insn <= table[i - 1].insn)
			return (int32_t)i;
	return -1;
}

static void swap_entries(struct exception_table_entry *a, struct exception_table_entry *b)
{
	struct exception_table_entry t = *a;

	*a = *b;
	*b = t;
}

/* Restore the max-heap property below root within table[0, end). A node has a
 * child exactly when root < end / 2, which also keeps 2 * root + 1 from
 * overflowing for any end. */
static void sift_down(struct exception_table_entry *table, uint32_t root, uint32_t end)
{
	while (root < end / 2) {
		uint32_t child = 2 * root + 1;

		if (child + 1 < end && table[child + 1].insn > table[child].insn)
			child++;
		if (table[root].insn >= table[child].insn)
			return;
		swap_entries(&table[root], &table[child]);
		root = child;
	}
}

void sort_extable(struct exception_table_entry *table, uint32_t n)
{
	for (uint32_t i = n / 2; i > 0; i--)
		sift_down(table, i - 1, n);
	for (uint32_t end = n; end > 1; end--) {
		swap_entries(&table[0], &table[end - 1]);
		sift_down(table, 0, end - 1);
	}
}

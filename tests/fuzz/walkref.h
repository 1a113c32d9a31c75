/* A reference long-mode page walk for the harnesses, written apart from
 * vmm/mem.c: one byte at a time, entries assembled byte by byte, every bound
 * an explicit comparison. PS is a leaf bit in the PDPT (1 GiB) and the page
 * directory (2 MiB), ignored in the PML4, as mem.h documents. */
#ifndef WALKREF_H
#define WALKREF_H

#include <stdint.h>
#include <stddef.h>

static int ref_entry(const uint8_t *ram, uint64_t size, uint64_t at, uint64_t *e)
{
	if (size < 8 || at > size - 8)
		return -1;
	*e = 0;
	for (int i = 7; i >= 0; i--)
		*e = *e << 8 | ram[at + i];
	return 0;
}

/* The entries a walk of va reads, top level first (at[i], e[i]), and how
 * many: it ends at a non-present entry, a leaf, or an entry outside RAM
 * (whose address is then at[n]). *pa is set, and *mapped 1, at a leaf. */
static unsigned ref_walk(const uint8_t *ram, uint64_t size, uint64_t cr3, uint64_t va,
			 uint64_t at[4], uint64_t e[4], int *mapped, uint64_t *pa)
{
	const uint64_t addr_bits = ((1ull << 52) - 1) & ~0xfffull;
	uint64_t table = cr3 & addr_bits;
	static const unsigned shifts[4] = { 39, 30, 21, 12 };
	*mapped = 0;
	for (unsigned l = 0;; l++) {	/* l = 3, the PTE, is a leaf */
		at[l] = table + (va >> shifts[l]) % 512 * 8;
		if (ref_entry(ram, size, at[l], &e[l]))
			return l;
		if (!(e[l] & 1))
			return l + 1;
		int leaf = l == 3 || ((l == 1 || l == 2) && (e[l] & 0x80));
		if (leaf) {
			uint64_t page = 1ull << shifts[l];
			*pa = (e[l] & addr_bits) / page * page + va % page;
			*mapped = 1;
			return l + 1;
		}
		table = e[l] & addr_bits;
	}
}

/* The physical address of one virtual byte; -1 if unmapped. */
static int ref_translate(const uint8_t *ram, uint64_t size, uint64_t cr3, uint64_t va,
			 uint64_t *pa)
{
	uint64_t at[4], e[4];
	int mapped;
	ref_walk(ram, size, cr3, va, at, e, &mapped, pa);
	return mapped ? 0 : -1;
}

/* Read len virtual bytes; -1 if any is unmapped or outside RAM. */
static int ref_read_virt(const uint8_t *ram, uint64_t size, uint64_t cr3, uint64_t va,
			 uint8_t *out, size_t len)
{
	for (size_t i = 0; i < len; i++) {
		uint64_t pa;
		if (ref_translate(ram, size, cr3, va + i, &pa) || pa >= size)
			return -1;
		out[i] = ram[pa];
	}
	return 0;
}

#endif

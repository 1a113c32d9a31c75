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

/* The physical address of one virtual byte; -1 if unmapped. */
static int ref_translate(const uint8_t *ram, uint64_t size, uint64_t cr3, uint64_t va,
			 uint64_t *pa)
{
	const uint64_t addr_bits = ((1ull << 52) - 1) & ~0xfffull;
	uint64_t table = cr3 & addr_bits, e = 0;
	static const unsigned shifts[4] = { 39, 30, 21, 12 };
	for (int l = 0; l < 4; l++) {
		uint64_t idx = (va >> shifts[l]) % 512;
		if (ref_entry(ram, size, table + idx * 8, &e) || !(e & 1))
			return -1;
		int leaf = l == 3 || ((l == 1 || l == 2) && (e & 0x80));
		if (leaf) {
			uint64_t page = 1ull << shifts[l];
			*pa = (e & addr_bits) / page * page + va % page;
			return 0;
		}
		table = e & addr_bits;
	}
	return -1;
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

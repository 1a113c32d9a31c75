#include "mem.h"

#include <string.h>

#define PTE_PRESENT 0x1ull
#define PTE_PS      0x80ull
#define PTE_ADDR    0x000ffffffffff000ull

void *gmem_ptr(const struct guest_mem *m, uint64_t gpa, uint64_t len)
{
	if (gpa > m->size || len > m->size - gpa)
		return NULL;
	return m->host + gpa;
}

int gmem_read(const struct guest_mem *m, uint64_t gpa, void *dst, size_t len)
{
	const void *p = gmem_ptr(m, gpa, len);
	if (!p)
		return -1;
	memcpy(dst, p, len);
	return 0;
}

int gmem_walk(const struct guest_mem *m, uint64_t cr3, uint64_t gva, struct page_walk *w)
{
	uint64_t table = cr3 & PTE_ADDR;
	w->n = 0;
	for (int level = 3;; level--) {	/* level 0, the PTE, always ends it */
		unsigned shift = 12 + 9 * (unsigned)level;
		uint64_t at = table + ((gva >> shift) & 511) * 8, entry;
		w->addr[w->n] = at;
		if (gmem_read(m, at, &entry, sizeof(entry))) {
			w->end = PAGE_WALK_OUTSIDE;
			return -1;
		}
		w->entry[w->n++] = entry;
		if (!(entry & PTE_PRESENT)) {
			w->end = PAGE_WALK_NOT_PRESENT;
			return -1;
		}
		if (level == 0 || ((entry & PTE_PS) && level <= 2)) {
			uint64_t mask = (1ull << shift) - 1;
			w->gpa = ((entry & PTE_ADDR) & ~mask) | (gva & mask);
			w->end = PAGE_WALK_MAPPED;
			return 0;
		}
		table = entry & PTE_ADDR;
	}
}

int gmem_translate(const struct guest_mem *m, uint64_t cr3, uint64_t gva, uint64_t *gpa)
{
	struct page_walk w;
	if (gmem_walk(m, cr3, gva, &w))
		return -1;
	*gpa = w.gpa;
	return 0;
}

int gmem_read_virt(const struct guest_mem *m, uint64_t cr3, uint64_t gva, void *dst, size_t len)
{
	uint8_t *out = dst;
	while (len) {
		uint64_t gpa;
		size_t chunk = 4096 - (gva & 4095);
		if (chunk > len)
			chunk = len;
		if (gmem_translate(m, cr3, gva, &gpa) || gmem_read(m, gpa, out, chunk))
			return -1;
		out += chunk;
		gva += chunk;
		len -= chunk;
	}
	return 0;
}

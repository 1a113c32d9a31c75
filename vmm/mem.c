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

int gmem_translate(const struct guest_mem *m, uint64_t cr3, uint64_t gva, uint64_t *gpa)
{
	uint64_t table = cr3 & PTE_ADDR;
	for (int level = 3; level >= 0; level--) {
		unsigned shift = 12 + 9 * (unsigned)level;
		uint64_t entry;
		if (gmem_read(m, table + ((gva >> shift) & 511) * 8, &entry, sizeof(entry)))
			return -1;
		if (!(entry & PTE_PRESENT))
			return -1;
		if (level == 0 || ((entry & PTE_PS) && level <= 2)) {
			uint64_t mask = (1ull << shift) - 1;
			*gpa = ((entry & PTE_ADDR) & ~mask) | (gva & mask);
			return 0;
		}
		table = entry & PTE_ADDR;
	}
	return -1;
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

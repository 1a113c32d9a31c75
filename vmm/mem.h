/*
 * Guest physical memory as the VMM sees it, and the only way vmm/ and tracer/
 * read or write it: every access is bounds-checked, every guest-virtual
 * address is translated through the guest's own page tables with each table
 * pointer checked too. A hostile guest gets -1, never a host fault.
 */
#ifndef VMM_MEM_H
#define VMM_MEM_H

#include <stddef.h>
#include <stdint.h>

struct guest_mem {
	uint8_t *host;		/* mmap of the whole guest RAM */
	uint64_t size;		/* bytes, guest physical 0..size */
};

/* Host pointer for guest physical [gpa, gpa + len), or NULL if any byte lies
 * outside guest RAM (overflow-safe). */
void *gmem_ptr(const struct guest_mem *m, uint64_t gpa, uint64_t len);

int gmem_read(const struct guest_mem *m, uint64_t gpa, void *dst, size_t len);

/* How a page walk ended. */
enum page_walk_end {
	PAGE_WALK_MAPPED,	/* at a present leaf: gpa is set */
	PAGE_WALK_NOT_PRESENT,	/* the last entry read has P clear */
	PAGE_WALK_OUTSIDE,	/* the next entry, at addr[n], lies outside guest RAM */
};

/* The entries a walk read, the PML4E first: entry i is level 4 - i (4 PML4E,
 * 3 PDPTE, 2 PDE, 1 PTE). */
struct page_walk {
	unsigned n;			/* entries read, 0 to 4 */
	uint64_t addr[4];		/* guest physical address of each entry */
	uint64_t entry[4];		/* its 64 bits */
	enum page_walk_end end;
	uint64_t gpa;			/* PAGE_WALK_MAPPED: where gva lies */
};

/* Walk the 4-level long-mode tables rooted at cr3 for gva, down to a
 * non-present entry, a leaf, or an entry outside RAM, keeping every entry
 * read. 2 MiB and 1 GiB pages are leaves; PS is ignored in the PML4E.
 * Returns 0 when gva is mapped, else -1; either way w says how far it got. */
int gmem_walk(const struct guest_mem *m, uint64_t cr3, uint64_t gva, struct page_walk *w);

/* The physical address of gva, from gmem_walk: 0, or -1 if not mapped. */
int gmem_translate(const struct guest_mem *m, uint64_t cr3, uint64_t gva, uint64_t *gpa);

/* Copy len bytes at guest virtual gva (any alignment, may cross pages). */
int gmem_read_virt(const struct guest_mem *m, uint64_t cr3, uint64_t gva, void *dst, size_t len);

#endif

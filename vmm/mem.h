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

/* Walk the 4-level long-mode tables rooted at cr3 for gva. On success stores
 * the physical address and returns 0; -1 if not present or a table lies
 * outside RAM. 2 MiB and 1 GiB pages are honoured. */
int gmem_translate(const struct guest_mem *m, uint64_t cr3, uint64_t gva, uint64_t *gpa);

/* Copy len bytes at guest virtual gva (any alignment, may cross pages). */
int gmem_read_virt(const struct guest_mem *m, uint64_t cr3, uint64_t gva, void *dst, size_t len);

#endif

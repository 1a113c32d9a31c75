/*
 * ELF32 i386 images for the VMM, opened by elf_image.h: the guest kernel,
 * which is copied into guest RAM at its physical addresses, and user
 * programs, which are only validated here (the guest kernel maps them
 * itself). Every PT_LOAD is checked against the image and the rules of its
 * kind; errors follow errorf.h.
 */
#ifndef VMM_ELFLOAD_H
#define VMM_ELFLOAD_H

#include <stddef.h>
#include <stdint.h>

#include "elf_image.h"
#include "mem.h"

struct elf_loaded {
	uint32_t entry;		/* e_entry, a kernel virtual address */
	uint32_t phys_lo;	/* [phys_lo, phys_hi) spans every PT_LOAD, */
	uint32_t phys_hi;	/* by p_paddr, including bss */
};

/* Copies each PT_LOAD to guest physical p_paddr and zeroes its bss.
 * Segments must lie in [min_paddr, mem->size) and not overlap physically;
 * e_entry must fall in an executable segment's p_vaddr range. Returns 0, or
 * -1 with a message in err (guest memory may then be partly written; the
 * caller discards the VM). */
int elf_load_kernel(const struct elf_image *im, struct guest_mem *mem, uint32_t min_paddr,
		    struct elf_loaded *out, char *err, size_t errlen);

/* The same checks as elf_load_kernel for guest memory of mem_size bytes,
 * writing nothing: an image is refused before any engine starts. */
int elf_check_kernel(const struct elf_image *im, uint64_t mem_size, uint32_t min_paddr,
		     char *err, size_t errlen);

/* A user program for the guest, which the host reads for nothing else, so
 * it is opened (elf_image_open) and closed here: static (no PT_INTERP or
 * PT_DYNAMIC), every PT_LOAD within [4096, FL_TASK_SIZE) by p_vaddr and no
 * two overlapping, e_entry in an executable PT_LOAD. Writes nothing. */
int elf_check_program(const uint8_t *data, size_t len, char *err, size_t errlen);

#endif

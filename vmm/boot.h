/* Host side of the boot protocol: the entry state, and module placement
 * split out so it can be unit-tested. */
#ifndef VMM_BOOT_H
#define VMM_BOOT_H

#include <fl_abi.h>
#include "vm.h"

#define CR0_PE 0x1ull
#define CR0_ET 0x10ull
#define CR0_NE 0x20ull
#define CR0_WP 0x10000ull	/* the kernel's writes honour read-only user pages */
#define CR0_PG 0x80000000ull
#define CR4_PAE 0x20ull
#define EFER_LME 0x100ull
#define EFER_LMA 0x400ull

/* The entry state of fl_abi.h: 64-bit mode, paging on with the boot tables. */
#define BOOT_CR0 (CR0_PE | CR0_ET | CR0_NE | CR0_WP | CR0_PG)
#define BOOT_CR4 CR4_PAE
#define BOOT_EFER (EFER_LME | EFER_LMA)
#define BOOT_CS 0x08
#define BOOT_DS 0x10

/* Place cfg's modules page-aligned from first_free and fill bp's module list
 * and memory map. Returns 0, or -1 with a message if they do not fit. */
int boot_place_modules(const struct vm_config *cfg, uint32_t first_free, uint64_t mem_size,
		       struct fl_boot_params *bp, char *err, size_t errlen);

#endif

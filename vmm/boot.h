/* Host side of the boot protocol, split out so it can be unit-tested. */
#ifndef VMM_BOOT_H
#define VMM_BOOT_H

#include <fl_abi.h>
#include "vm.h"

/* Place cfg's modules page-aligned from first_free and fill bp's module list
 * and memory map. Returns 0, or -1 with a message if they do not fit. */
int boot_place_modules(const struct vm_config *cfg, uint32_t first_free, uint64_t mem_size,
		       struct fl_boot_params *bp, char *err, size_t errlen);

#endif

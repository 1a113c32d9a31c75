/*
 * What the VMM hands over: the boot parameters (start_kernel copies them
 * here and checks them before anything reads them) and the boot modules they
 * list, images the VMM placed in memory, found by name.
 */
#include <kernel/kernel.h>
#include <kernel/string.h>

struct fl_boot_params boot_params;

const struct fl_bootmod *bootmod_find(const char *name, uint32_t kind)
{
	for (uint32_t i = 0; i < boot_params.nr_mods; i++) {
		const struct fl_bootmod *m = &boot_params.mods[i];
		if (m->kind != kind || strnlen(m->name, FL_MOD_NAME) == FL_MOD_NAME ||
		    strcmp(m->name, name))
			continue;
		if (m->paddr > boot_params.mem_size || m->size > boot_params.mem_size - m->paddr)
			return NULL;
		return m;
	}
	return NULL;
}

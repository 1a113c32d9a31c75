/*
 * The boot protocol of fl_abi.h, host side: what the guest cannot do for
 * itself before paging is on. Boot GDT, boot page tables, boot parameters,
 * command line, the kernel image, the modules, and the 64-bit entry state.
 */
#include "boot.h"
#include "elfload.h"
#include "engine.h"

#include <fl_abi.h>
#include <stdio.h>
#include <string.h>

#define PAGE 4096u
#define PTE_P 0x1ull
#define PTE_RW 0x2ull
#define PTE_PS 0x80ull

static void write_u64(struct guest_mem *m, uint64_t gpa, uint64_t v)
{
	memcpy(gmem_ptr(m, gpa, 8), &v, 8);
}

static void build_boot_tables(struct guest_mem *m)
{
	write_u64(m, FL_BOOT_GDT + 8, 0x00af9a000000ffffull);	/* 64-bit code */
	write_u64(m, FL_BOOT_GDT + 16, 0x00cf92000000ffffull);	/* data */
	write_u64(m, FL_BOOT_PML4, FL_BOOT_PDPT | PTE_P | PTE_RW);
	write_u64(m, FL_BOOT_PDPT, FL_BOOT_PD | PTE_P | PTE_RW);
	write_u64(m, FL_BOOT_PDPT + 3 * 8, FL_BOOT_PD | PTE_P | PTE_RW);
	for (uint64_t i = 0; i < 512; i++)
		write_u64(m, FL_BOOT_PD + i * 8, (i << 21) | PTE_P | PTE_RW | PTE_PS);
}

int boot_place_modules(const struct vm_config *cfg, uint32_t first_free, uint64_t mem_size,
		       struct fl_boot_params *bp, char *err, size_t errlen)
{
	/* In 64 bits: a first_free in the last page below 4 GiB must not wrap to 0. */
	uint64_t at = ((uint64_t)first_free + PAGE - 1) & ~(uint64_t)(PAGE - 1);
	if (cfg->nr_mods > FL_MAX_MODS) {
		snprintf(err, errlen, "too many boot modules (%u, at most %d)", cfg->nr_mods, FL_MAX_MODS);
		return -1;
	}
	for (unsigned i = 0; i < cfg->nr_mods; i++) {
		const struct vm_module *mod = &cfg->mods[i];
		struct fl_bootmod *b = &bp->mods[i];
		if (strlen(mod->name) >= FL_MOD_NAME) {
			snprintf(err, errlen, "module name \"%s\" is too long", mod->name);
			return -1;
		}
		if (mod->len > mem_size || at > mem_size - mod->len) {
			snprintf(err, errlen, "module %s (%zu bytes) does not fit in guest memory",
				 mod->name, mod->len);
			return -1;
		}
		*b = (struct fl_bootmod){ .kind = mod->kind, .paddr = (uint32_t)at,
					  .size = (uint32_t)mod->len };
		memcpy(b->name, mod->name, strlen(mod->name) + 1);
		at = (at + mod->len + PAGE - 1) & ~(uint64_t)(PAGE - 1);
	}
	bp->nr_mods = cfg->nr_mods;
	if (at >= mem_size) {
		snprintf(err, errlen, "no guest memory left after the kernel and modules");
		return -1;
	}
	bp->mem[0] = (struct fl_memrange){ 0, (uint32_t)at, FL_MEM_RESERVED, 0 };
	bp->mem[1] = (struct fl_memrange){ (uint32_t)at, (uint32_t)(mem_size - at), FL_MEM_USABLE, 0 };
	bp->nr_memranges = 2;
	return 0;
}

int vm_boot_setup(struct vm *vm, const struct vm_config *cfg, char *err, size_t errlen)
{
	struct guest_mem *m = &vm->mem;
	struct elf_loaded k;
	size_t cl = strlen(cfg->cmdline);
	if (cl > FL_CMDLINE_MAX) {
		snprintf(err, errlen, "kernel command line longer than %u bytes", FL_CMDLINE_MAX);
		return VMM_E_INPUT;
	}
	if (elf_load_kernel(cfg->kernel, m, FL_KERNEL_PHYS, &k, err, errlen))
		return VMM_E_INPUT;
	struct fl_boot_params bp = { .magic = FL_BOOT_MAGIC, .version = FL_BOOT_VERSION,
				     .mem_size = (uint32_t)m->size,
				     .cmdline_paddr = FL_BOOT_CMDLINE, .cmdline_len = (uint32_t)cl };
	if (boot_place_modules(cfg, k.phys_hi, m->size, &bp, err, errlen))
		return VMM_E_INPUT;
	for (unsigned i = 0; i < cfg->nr_mods; i++)
		memcpy(gmem_ptr(m, bp.mods[i].paddr, bp.mods[i].size), cfg->mods[i].data,
		       cfg->mods[i].len);
	build_boot_tables(m);
	memcpy(gmem_ptr(m, FL_BOOT_CMDLINE, cl + 1), cfg->cmdline, cl + 1);
	memcpy(gmem_ptr(m, FL_BOOT_PARAMS, sizeof(bp)), &bp, sizeof(bp));
	const struct io_sites sites = {
		.hypercall = elf_symbol(cfg->kernel, FL_HC_SITE_SYMBOL),
		.serial = elf_symbol(cfg->kernel, FL_SERIAL_SITE_SYMBOL),
	};
	return vm->ops->start(vm, k.entry, FL_BOOT_PARAMS, &sites, err, errlen);
}

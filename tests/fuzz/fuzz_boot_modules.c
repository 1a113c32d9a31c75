/* Boot-module placement (vmm/boot.c boot_place_modules) for arbitrary module
 * counts, sizes, names, kernel ends and memory sizes. Invariants: it accepts
 * exactly when a naive page-by-page placement fits; accepted modules are
 * page-aligned, above the kernel, inside memory, in order and never overlap;
 * the memory map is reserved [0, at) then usable [at, mem_size), covering
 * every module; names and sizes are copied exactly. */
#include <fl_abi.h>
#include "boot.h"
#include "fuzz.h"
#include <string.h>

#define PAGE 4096u

struct input {
	const uint8_t *p;
	size_t n;
};

static uint64_t take(struct input *in, unsigned bytes)
{
	uint64_t v = 0;
	for (unsigned i = 0; i < bytes; i++)
		v |= (uint64_t)(in->n ? (in->n--, *in->p++) : 0) << (8 * i);
	return v;
}

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
	struct input in = { data, size };
	static char names[VM_MAX_MODULES][FL_MOD_NAME + 8];
	struct vm_config cfg = { 0 };
	/* Below 4 GiB, as fl_boot_params's 32-bit fields need (run caps it at
	 * 768 MiB). */
	uint64_t mem_size = take(&in, 4);
	uint32_t first_free = (uint32_t)take(&in, 4);
	cfg.nr_mods = (unsigned)take(&in, 1) % (VM_MAX_MODULES + 1);
	for (unsigned i = 0; i < cfg.nr_mods; i++) {
		unsigned nl = (unsigned)take(&in, 1) % (FL_MOD_NAME + 4);
		for (unsigned j = 0; j < nl; j++)
			names[i][j] = (char)(take(&in, 1) | 1);	/* never NUL */
		names[i][nl] = 0;
		cfg.mods[i] = (struct vm_module){ .kind = (uint32_t)take(&in, 1), .name = names[i],
						  .len = (size_t)take(&in, 4) };
	}
	struct fl_boot_params bp;
	memset(&bp, 0xEE, sizeof(bp));
	char err[256] = "";
	int rc = boot_place_modules(&cfg, first_free, mem_size, &bp, err, sizeof(err));

	/* The reference: one module after another, each on a fresh page. */
	uint64_t at = ((uint64_t)first_free + PAGE - 1) / PAGE * PAGE;
	int fits = 1;
	for (unsigned i = 0; i < cfg.nr_mods && fits; i++) {
		if (strlen(cfg.mods[i].name) >= FL_MOD_NAME || at + cfg.mods[i].len > mem_size)
			fits = 0;
		at = (at + cfg.mods[i].len + PAGE - 1) / PAGE * PAGE;
	}
	fits = fits && at < mem_size;
	CHECK(rc == (fits ? 0 : -1));
	if (rc) {
		CHECK(err[0] && !strchr(err, '\n'));
		return 0;
	}
	CHECK(bp.nr_mods == cfg.nr_mods && bp.nr_memranges == 2);
	uint64_t prev_end = first_free;
	for (unsigned i = 0; i < bp.nr_mods; i++) {
		const struct fl_bootmod *b = &bp.mods[i];
		CHECK(b->paddr % PAGE == 0 && b->paddr >= prev_end);
		CHECK(b->size == cfg.mods[i].len && (uint64_t)b->paddr + b->size <= mem_size);
		CHECK(b->kind == cfg.mods[i].kind && !strcmp(b->name, cfg.mods[i].name));
		prev_end = (uint64_t)b->paddr + b->size;
	}
	CHECK(bp.mem[0].base == 0 && bp.mem[0].type == FL_MEM_RESERVED);
	CHECK(bp.mem[0].size == at && prev_end <= at && at >= first_free);
	CHECK(bp.mem[1].base == at && bp.mem[1].type == FL_MEM_USABLE);
	CHECK((uint64_t)bp.mem[1].base + bp.mem[1].size == mem_size && bp.mem[1].size > 0);
	return 0;
}

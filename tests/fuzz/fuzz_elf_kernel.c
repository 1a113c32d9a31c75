/* The kernel ELF loader (vmm/elfload.c) on arbitrary images, each opened
 * once (vmm/elf_image.c). Invariants: elf_check_kernel and elf_load_kernel
 * agree; an accepted image has every non-empty PT_LOAD inside
 * [FL_KERNEL_PHYS, guest memory end), its entry in an executable segment,
 * phys_lo/phys_hi spanning exactly its segments, each segment's file bytes
 * then zeroes in guest memory, and no byte of guest memory outside the
 * segments written. */
#include <fl_abi.h>
#include "elfload.h"
#include "elfref.h"
#include "fuzz.h"

#define MEM_SIZE (4u << 20)	/* the kernel is linked at 1 MiB; leave it room */
#define FILL 0xA5

/* ram is what the loader writes; want is the reference's idea of it. Both
 * start as FILL and are refilled only where a load wrote, to keep runs fast. */
static uint8_t ram[MEM_SIZE], want[MEM_SIZE];
static int ready;

int LLVMFuzzerTestOneInput(const unsigned char *img, size_t len)
{
	struct guest_mem mem = { ram, MEM_SIZE };
	struct elf_loaded out;
	struct elf_image im;
	char err[256];
	if (!ready) {
		memset(ram, FILL, sizeof(ram));
		memset(want, FILL, sizeof(want));
		ready = 1;
	}
	if (elf_image_open(&im, img, len, err, sizeof(err)))
		return 0;	/* refused by the parser, before any write */
	int checked = elf_check_kernel(&im, MEM_SIZE, FL_KERNEL_PHYS, err, sizeof(err));
	int loaded = elf_load_kernel(&im, &mem, FL_KERNEL_PHYS, &out, err, sizeof(err));
	elf_image_close(&im);
	CHECK(checked == loaded);
	if (loaded)
		return 0;	/* refused by the parser, before any write */
	uint64_t lo = UINT64_MAX, hi = 0;
	int entry_ok = 0;
	Elf32_Ehdr eh = elfref_ehdr(img);
	CHECK(out.entry == eh.e_entry);
	for (unsigned i = 0; i < elfref_phnum(img, len); i++) {
		Elf32_Phdr p = elfref_phdr(img, i);
		if (p.p_type != PT_LOAD || !p.p_memsz)
			continue;
		uint64_t end = (uint64_t)p.p_paddr + p.p_memsz;
		CHECK(p.p_paddr >= FL_KERNEL_PHYS && end <= MEM_SIZE);
		CHECK(p.p_filesz <= p.p_memsz && (uint64_t)p.p_offset + p.p_filesz <= len);
		memcpy(want + p.p_paddr, img + p.p_offset, p.p_filesz);
		memset(want + p.p_paddr + p.p_filesz, 0, p.p_memsz - p.p_filesz);
		lo = p.p_paddr < lo ? p.p_paddr : lo;
		hi = end > hi ? end : hi;
		if ((p.p_flags & PF_X) && eh.e_entry >= p.p_vaddr &&
		    eh.e_entry < (uint64_t)p.p_vaddr + p.p_memsz)
			entry_ok = 1;
	}
	CHECK(entry_ok);
	CHECK(out.phys_lo == lo && out.phys_hi == hi);
	/* Segments do not overlap, so the order they were applied in is moot. */
	CHECK(!memcmp(ram, want, MEM_SIZE));
	memset(ram + lo, FILL, hi - lo);
	memset(want + lo, FILL, hi - lo);
	return 0;
}

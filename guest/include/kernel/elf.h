/* ELF32 images the kernel loads itself (user programs, modules). */
#ifndef KERNEL_ELF_H
#define KERNEL_ELF_H

#include <stdint.h>

struct elf32_ehdr {
	uint8_t ident[16];
	uint16_t type, machine;
	uint32_t version, entry, phoff, shoff, flags;
	uint16_t ehsize, phentsize, phnum, shentsize, shnum, shstrndx;
};

struct elf32_phdr {
	uint32_t type, offset, vaddr, paddr, filesz, memsz, flags, align;
};

#define PT_LOAD 1
#define PF_X 1
#define PF_W 2
#define PF_R 4

/* 0 if image is an ELF32 i386 executable whose non-empty PT_LOAD segments
 * all lie in [lo, hi) and inside the file; else -ENOEXEC. */
int elf_check_image(const uint8_t *image, uint32_t size, uint32_t lo, uint32_t hi);
/* Call fn on each PT_LOAD segment with contents, in order, until one
 * returns an error; that error, or 0. The image must have been checked. */
typedef int elf_load_fn(void *ctx, const uint8_t *image, const struct elf32_phdr *ph);
int elf_for_each_load(const uint8_t *image, elf_load_fn *fn, void *ctx);

struct mm_struct;
/* Map fresh pages for a checked PT_LOAD segment in mm with prot and fill them
 * from the file (the rest stays zero). */
int elf_map_segment(struct mm_struct *mm, const uint8_t *image, const struct elf32_phdr *ph,
		    uint64_t prot);

static inline const struct elf32_phdr *elf_phdrs(const uint8_t *image)
{
	return (const struct elf32_phdr *)(image + ((const struct elf32_ehdr *)image)->phoff);
}

#endif

/*
 * Checking an ELF image before using any of it: the images come from outside
 * the kernel (a user's --program file), and the VMM's own check is not
 * something the kernel relies on.
 */
#include <kernel/elf.h>
#include <kernel/kernel.h>
#include <kernel/mm.h>
#include <kernel/string.h>

static int check_ehdr(const struct elf32_ehdr *eh, uint32_t size)
{
	static const uint8_t magic[] = { 0x7f, 'E', 'L', 'F', 1 /* 32-bit */, 1 /* LE */ };
	if (size < sizeof(*eh) || memcmp(eh->ident, magic, sizeof(magic)) || eh->type != 2 ||
	    eh->machine != 3 || eh->phentsize != sizeof(struct elf32_phdr) || eh->phnum > 16 ||
	    eh->phoff > size || eh->phnum * sizeof(struct elf32_phdr) > size - eh->phoff)
		return -ENOEXEC;
	return 0;
}

static int check_phdr(const struct elf32_phdr *ph, uint32_t size, uint32_t lo, uint32_t hi)
{
	if (ph->offset > size || ph->filesz > size - ph->offset || ph->filesz > ph->memsz ||
	    ph->vaddr < lo || ph->vaddr >= hi || ph->memsz > hi - ph->vaddr)
		return -ENOEXEC;
	return 0;
}

int elf_for_each_load(const uint8_t *image, elf_load_fn *fn, void *ctx)
{
	const struct elf32_ehdr *eh = (const void *)image;
	const struct elf32_phdr *ph = elf_phdrs(image);
	int err = 0;
	for (uint32_t i = 0; !err && i < eh->phnum; i++)
		if (ph[i].type == PT_LOAD && ph[i].memsz)
			err = fn(ctx, image, &ph[i]);
	return err;
}

struct image_bounds {
	uint32_t size, lo, hi;
};

static int check_load(void *ctx, const uint8_t *image, const struct elf32_phdr *ph)
{
	(void)image;
	const struct image_bounds *b = ctx;
	return check_phdr(ph, b->size, b->lo, b->hi);
}

int elf_check_image(const uint8_t *image, uint32_t size, uint32_t lo, uint32_t hi)
{
	struct image_bounds b = { size, lo, hi };
	int err = check_ehdr((const void *)image, size);
	return err ? err : elf_for_each_load(image, check_load, &b);
}

int elf_map_segment(struct mm_struct *mm, const uint8_t *image, const struct elf32_phdr *ph,
		    uint64_t prot)
{
	uint32_t start = ph->vaddr & PAGE_MASK, end = PAGE_ALIGN(ph->vaddr + ph->memsz);
	for (uint32_t va = start; va < end; va += PAGE_SIZE) {
		uint8_t *page = get_zeroed_page();
		if (!page || map_fresh_page(mm, va, page, prot))
			return -ENOMEM;
		uint32_t lo = va > ph->vaddr ? va : ph->vaddr;
		uint32_t hi = ph->vaddr + ph->filesz;
		if (hi > va + PAGE_SIZE)
			hi = va + PAGE_SIZE;
		if (lo < hi)
			memcpy(page + (lo - va), image + ph->offset + (lo - ph->vaddr), hi - lo);
	}
	return 0;
}

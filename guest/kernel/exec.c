/*
 * Loading a user program. The image came from outside the kernel (the VMM
 * passes whatever file the user named), so every header field is checked
 * before it is used: the VMM checks too, but the kernel does not rely on it.
 */
#include <kernel/kernel.h>
#include <kernel/sched.h>
#include <kernel/string.h>

#define USER_STACK_PAGES 16
#define MAX_ARGS 16

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

static int check_ehdr(const struct elf32_ehdr *eh, uint32_t size)
{
	static const uint8_t magic[] = { 0x7f, 'E', 'L', 'F', 1 /* 32-bit */, 1 /* LE */ };
	if (size < sizeof(*eh) || memcmp(eh->ident, magic, sizeof(magic)) || eh->type != 2 ||
	    eh->machine != 3 || eh->phentsize != sizeof(struct elf32_phdr) || eh->phnum > 16 ||
	    eh->phoff > size || eh->phnum * sizeof(struct elf32_phdr) > size - eh->phoff)
		return -ENOEXEC;
	return 0;
}

static int check_phdr(const struct elf32_phdr *ph, uint32_t size)
{
	if (ph->offset > size || ph->filesz > size - ph->offset || ph->filesz > ph->memsz ||
	    ph->vaddr < PAGE_SIZE || ph->vaddr >= TASK_SIZE || ph->memsz > TASK_SIZE - ph->vaddr)
		return -ENOEXEC;
	return 0;
}

static uint32_t vm_flags_of(uint32_t pflags)
{
	return ((pflags & PF_R) ? VM_READ : 0) | ((pflags & PF_W) ? VM_WRITE : 0) |
	       ((pflags & PF_X) ? VM_EXEC : 0);
}

/* Fill each page of the segment from the file, through the kernel mapping. */
static int load_segment(struct mm_struct *mm, const uint8_t *image, const struct elf32_phdr *ph)
{
	uint32_t start = ph->vaddr & PAGE_MASK, end = PAGE_ALIGN(ph->vaddr + ph->memsz);
	struct vm_area_struct *v = vma_create(mm, start, end, vm_flags_of(ph->flags));
	if (!v)
		return -ENOEXEC;
	for (uint32_t va = start; va < end; va += PAGE_SIZE) {
		uint8_t *page = get_zeroed_page();
		if (!page || map_page(mm, va, __pa(page), vma_page_prot(v->vm_flags)))
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

/* argc, argv[] and the strings on the top stack page, as a C main expects. */
static uint32_t setup_stack(struct mm_struct *mm, const char *prog, const char *args)
{
	if (!vma_create(mm, TASK_SIZE - USER_STACK_PAGES * PAGE_SIZE, TASK_SIZE,
			VM_READ | VM_WRITE | VM_GROWSDOWN))
		return 0;
	char *page = get_zeroed_page();
	uint32_t base = TASK_SIZE - PAGE_SIZE;
	if (!page || map_page(mm, base, __pa(page), vma_page_prot(VM_READ | VM_WRITE)))
		return 0;
	uint32_t argv[MAX_ARGS + 1], argc = 0, top = PAGE_SIZE;
	const char *words[MAX_ARGS];
	uint32_t lens[MAX_ARGS];
	words[argc] = prog;
	lens[argc++] = strlen(prog);
	for (const char *p = args; *p && argc < MAX_ARGS;) {
		while (*p == ' ')
			p++;
		const char *w = p;
		while (*p && *p != ' ')
			p++;
		if (p > w) {
			words[argc] = w;
			lens[argc++] = (uint32_t)(p - w);
		}
	}
	for (uint32_t i = 0; i < argc; i++) {
		top -= lens[i] + 1;
		memcpy(page + top, words[i], lens[i]);
		argv[i] = base + top;
	}
	argv[argc] = 0;
	top = (top - (argc + 2) * 4) & ~15u;
	memcpy(page + top, &argc, 4);
	memcpy(page + top + 4, argv, (argc + 1) * 4);
	return base + top;
}

int exec_image(struct task_struct *t, const uint8_t *image, uint32_t size, const char *args)
{
	const struct elf32_ehdr *eh = (const void *)image;
	int err = check_ehdr(eh, size);
	if (err)
		return err;
	const struct elf32_phdr *ph = (const void *)(image + eh->phoff);
	for (uint32_t i = 0; i < eh->phnum; i++) {
		if (ph[i].type != PT_LOAD || !ph[i].memsz)
			continue;
		if ((err = check_phdr(&ph[i], size)) || (err = load_segment(t->mm, image, &ph[i])))
			return err;
	}
	struct vm_area_struct *v = find_vma(&t->mm->mmap, eh->entry, NULL);
	if (!v || eh->entry < v->vm_start || !(v->vm_flags & VM_EXEC))
		return -ENOEXEC;
	uint32_t sp = setup_stack(t->mm, t->comm, args);
	if (!sp)
		return -ENOMEM;
	start_thread(t->regs, eh->entry, sp);
	return 0;
}

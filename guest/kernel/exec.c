/*
 * Loading a user program. The image came from outside the kernel (the VMM
 * passes whatever file the user named), so every header field is checked
 * before it is used: the VMM checks too, but the kernel does not rely on it.
 */
#include <kernel/argv.h>
#include <kernel/elf.h>
#include <kernel/kernel.h>
#include <kernel/processor.h>
#include <kernel/sched.h>
#include <kernel/string.h>

#define USER_STACK_PAGES 16

static uint32_t vm_flags_of(uint32_t pflags)
{
	return ((pflags & PF_R) ? VM_READ : 0) | ((pflags & PF_W) ? VM_WRITE : 0) |
	       ((pflags & PF_X) ? VM_EXEC : 0);
}

static int load_segment(void *ctx, const uint8_t *image, const struct elf32_phdr *ph)
{
	struct mm_struct *mm = ctx;
	uint32_t start = ph->vaddr & PAGE_MASK, end = PAGE_ALIGN(ph->vaddr + ph->memsz);
	struct vm_area_struct *v = vma_create(mm, start, end, vm_flags_of(ph->flags));
	if (!v)
		return -ENOEXEC;
	return elf_map_segment(mm, image, ph, vma_page_prot(v->vm_flags));
}

/* argc, argv[] and the strings on the top stack page, as a C main expects. */
static uint32_t setup_stack(struct mm_struct *mm, const struct uargs *a)
{
	if (!vma_create(mm, TASK_SIZE - USER_STACK_PAGES * PAGE_SIZE, TASK_SIZE,
			VM_READ | VM_WRITE | VM_GROWSDOWN))
		return 0;
	char *page = get_zeroed_page();
	uint32_t base = TASK_SIZE - PAGE_SIZE;
	if (!page || map_fresh_page(mm, base, page, vma_page_prot(VM_READ | VM_WRITE)))
		return 0;
	/* struct uargs is far smaller than a page: strings, pointers and argc fit. */
	uint32_t argv[ARGV_MAX + 1], top = PAGE_SIZE - a->len;
	memcpy(page + top, a->buf, a->len);
	for (uint32_t i = 0, off = top; i < a->argc; i++) {
		argv[i] = base + off;
		off += strlen(page + off) + 1;
	}
	argv[a->argc] = 0;
	top = (top - (a->argc + 2) * 4) & ~15u;
	memcpy(page + top, &a->argc, 4);
	memcpy(page + top + 4, argv, (a->argc + 1) * 4);
	return base + top;
}

int exec_image(struct task_struct *t, const uint8_t *image, uint32_t size, const struct uargs *a)
{
	const struct elf32_ehdr *eh = (const void *)image;
	int err = elf_check_image(image, size, PAGE_SIZE, TASK_SIZE);
	if (!err)
		err = elf_for_each_load(image, load_segment, t->mm);
	if (err)
		return err;
	struct vm_area_struct *v = find_vma(&t->mm->mmap, eh->entry, NULL);
	if (!v || eh->entry < v->vm_start || !(v->vm_flags & VM_EXEC))
		return -ENOEXEC;
	uint32_t sp = setup_stack(t->mm, a);
	if (!sp)
		return -ENOMEM;
	start_thread(t->regs, eh->entry, sp);
	return 0;
}

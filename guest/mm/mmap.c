/* Creating the areas of an address space. */
#include <kernel/mm.h>

uint64_t vma_page_prot(uint32_t vm_flags)
{
	return _PAGE_USER | ((vm_flags & VM_WRITE) ? _PAGE_RW : 0);
}

struct vm_area_struct *vma_create(struct mm_struct *mm, uint32_t start, uint32_t end, uint32_t flags)
{
	if (start >= end || end > TASK_SIZE || (start | end) & ~PAGE_MASK)
		return NULL;
	struct vm_area_struct *v = kmalloc(sizeof(*v));
	if (!v)
		return NULL;
	v->vm_start = start;
	v->vm_end = end;
	v->vm_flags = flags;
	if (vma_insert(&mm->mmap, v)) {
		kfree(v);
		return NULL;
	}
	return v;
}

/*
 * An address space's life and shape: mm_alloc and mm_put, mmap, munmap,
 * mprotect. Areas are split where a range cuts through them, so a user
 * program can build hundreds of areas (the verify_area benchmarks need that)
 * or punch holes in one.
 */
#include <kernel/mm.h>
#include <kernel/x86.h>

#define MMAP_BASE 0x40000000u

struct mm_struct *mm_alloc(void)
{
	struct mm_struct *mm = kmalloc(sizeof(*mm));
	if (!mm)
		return NULL;
	mm->users = 1;
	if (pgd_alloc(mm)) {
		mm_put(mm);
		return NULL;
	}
	return mm;
}

/* The areas go first (their pages with them), then the page tables. */
void mm_put(struct mm_struct *mm)
{
	if (--mm->users > 0)
		return;
	struct vm_area_struct *v;
	while ((v = vma_first(&mm->mmap)) != NULL)
		vma_destroy(mm, v);
	pgd_free(mm);
	kfree(mm);
}

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

void vma_destroy(struct mm_struct *mm, struct vm_area_struct *v)
{
	unmap_range(mm, v->vm_start, v->vm_end);
	vma_remove(&mm->mmap, v);
	kfree(v);
}

/* Cut the area containing addr in two at addr (no-op at an edge or a gap). */
static int vma_split(struct mm_struct *mm, uint32_t addr)
{
	struct vm_area_struct *v = find_vma(&mm->mmap, addr, NULL);
	if (!v || addr <= v->vm_start || addr >= v->vm_end)
		return 0;
	struct vm_area_struct *upper = kmalloc(sizeof(*upper));
	if (!upper)
		return -ENOMEM;
	*upper = (struct vm_area_struct){ .vm_start = addr, .vm_end = v->vm_end,
					  .vm_flags = v->vm_flags };
	vma_remove(&mm->mmap, v);	/* the tree keys on vm_start: shrink outside it */
	v->vm_end = addr;
	if (vma_insert(&mm->mmap, v) || vma_insert(&mm->mmap, upper))
		panic("vma_split: halves of one area overlap another");
	return 0;
}

static int check_range(uint32_t addr, uint32_t len)
{
	if ((addr & ~PAGE_MASK) || !len || len > TASK_SIZE || addr > TASK_SIZE - PAGE_ALIGN(len))
		return -EINVAL;
	return 0;
}

static int split_range(struct mm_struct *mm, uint32_t start, uint32_t end)
{
	int err = vma_split(mm, start);
	return err ? err : vma_split(mm, end);
}

int do_munmap(struct mm_struct *mm, uint32_t addr, uint32_t len)
{
	int err = check_range(addr, len);
	uint32_t end = addr + PAGE_ALIGN(len);
	if (err || (err = split_range(mm, addr, end)))
		return err;
	struct vm_area_struct *v;
	while ((v = find_vma(&mm->mmap, addr, NULL)) && v->vm_start < end)
		vma_destroy(mm, v);
	return 0;
}

/* The lowest gap of len bytes at or above MMAP_BASE. */
static uint32_t get_unmapped_area(struct mm_struct *mm, uint32_t len)
{
	uint32_t addr = MMAP_BASE;
	for (struct vm_area_struct *v = find_vma(&mm->mmap, addr, NULL); v; v = vma_next(v)) {
		if (v->vm_start >= addr && v->vm_start - addr >= len)
			return addr;
		if (v->vm_end > addr)
			addr = v->vm_end;
	}
	return addr <= TASK_SIZE - len ? addr : 0;
}

uint32_t do_mmap(struct mm_struct *mm, uint32_t addr, uint32_t len, uint32_t prot, uint32_t flags)
{
	if (!len || len > TASK_SIZE)
		return (uint32_t)-EINVAL;
	len = PAGE_ALIGN(len);
	if (flags & MAP_FIXED) {
		int err = check_range(addr, len);
		if (err || (err = do_munmap(mm, addr, len)))
			return (uint32_t)err;
	} else if (!(addr = get_unmapped_area(mm, len))) {
		return (uint32_t)-ENOMEM;
	}
	uint32_t vmf = prot & (VM_READ | VM_WRITE | VM_EXEC);
	if (flags & MAP_GROWSDOWN)
		vmf |= VM_GROWSDOWN;
	return vma_create(mm, addr, addr + len, vmf) ? addr : (uint32_t)-ENOMEM;
}

/* PROT_NONE hides a page (not present, so the kernel's accesses fault too)
 * but keeps its frame; a COW page stays read-only, as its first write must
 * still copy. */
static void protect_ptes(struct mm_struct *mm, const struct vm_area_struct *v)
{
	int none = !(v->vm_flags & (VM_READ | VM_WRITE | VM_EXEC));
	for (uint32_t va = v->vm_start; va < v->vm_end; va += PAGE_SIZE) {
		pte_t *pte = pte_offset(mm, va, 0);
		if (!pte || !pte_has_frame(*pte))
			continue;
		pte_t e = *pte & ~(_PAGE_PRESENT | _PAGE_PROTNONE | _PAGE_RW);
		if (none)
			e |= _PAGE_PROTNONE;
		else if ((v->vm_flags & VM_WRITE) && !(e & _PAGE_COW))
			e |= _PAGE_PRESENT | _PAGE_RW;
		else
			e |= _PAGE_PRESENT;
		*pte = e;
		invlpg(va);
	}
}

int do_mprotect(struct mm_struct *mm, uint32_t addr, uint32_t len, uint32_t prot)
{
	int err = check_range(addr, len);
	uint32_t end = addr + PAGE_ALIGN(len);
	if (err)
		return err;
	/* Linux refuses a range with holes; so do we, before changing anything. */
	for (uint32_t a = addr; a < end;) {
		struct vm_area_struct *v = find_vma(&mm->mmap, a, NULL);
		if (!v || v->vm_start > a)
			return -ENOMEM;
		a = v->vm_end;
	}
	if ((err = split_range(mm, addr, end)))
		return err;
	for (struct vm_area_struct *v = find_vma(&mm->mmap, addr, NULL); v && v->vm_start < end;
	     v = vma_next(v)) {
		v->vm_flags = (v->vm_flags & ~(VM_READ | VM_WRITE | VM_EXEC)) |
			      (prot & (VM_READ | VM_WRITE | VM_EXEC));
		protect_ptes(mm, v);
	}
	return 0;
}

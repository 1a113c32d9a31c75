/*
 * do_page_fault: the branches of the seeds' flow. A fault on an address the
 * process may use is resolved (a page of zeros, a copy-on-write copy, stack
 * growth, a vmalloc page-directory sync); a fault on anything else kills a
 * user process, and in the kernel is either a bad user pointer caught by the
 * exception table or a kernel bug (oops).
 */
#include <kernel/extable.h>
#include <kernel/fault.h>
#include <kernel/mm.h>
#include <kernel/sched.h>
#include <kernel/string.h>
#include <kernel/x86.h>

#define STACK_GROWTH_MAX (8u << 20)

int pf_print_walk;

static int access_permitted(const struct vm_area_struct *v, uint32_t error_code)
{
	if (error_code & PF_WRITE)
		return (v->vm_flags & VM_WRITE) != 0;
	return (v->vm_flags & (VM_READ | VM_EXEC)) != 0;
}

/* The area that covers addr, growing a stack area down to reach it if allowed. */
static struct vm_area_struct *area_for(struct mm_struct *mm, uint32_t addr)
{
	struct vm_area_struct *v = find_vma(&mm->mmap, addr, NULL);
	if (!v || addr >= v->vm_start)
		return v;
	if (!(v->vm_flags & VM_GROWSDOWN) || v->vm_end - (addr & PAGE_MASK) > STACK_GROWTH_MAX)
		return NULL;
	struct vm_area_struct *below = find_vma(&mm->mmap, (addr & PAGE_MASK) - 1, NULL);
	if (below != v)
		return NULL;	/* another area sits in the way */
	vma_remove(&mm->mmap, v);	/* the tree keys on vm_start */
	v->vm_start = addr & PAGE_MASK;
	if (vma_insert(&mm->mmap, v))
		panic("stack growth overlapped another area");
	return v;
}

/* Write to a present read-only page of a writable area: copy it. */
static int do_wp_page(struct mm_struct *mm, const struct vm_area_struct *v, pte_t *pte, uint32_t va)
{
	if (!(*pte & _PAGE_COW))
		return -EFAULT;
	void *page = get_zeroed_page();
	if (!page)
		return -ENOMEM;
	uint32_t old = (uint32_t)(*pte & PTE_ADDR_MASK);
	if (old != zero_page_pa)
		copy_page(page, __va(old));
	return map_fresh_page(mm, va, page, vma_page_prot(v->vm_flags));
}

/* Not present: reads share the zero page copy-on-write, writes get a page. */
static int do_anonymous_page(struct mm_struct *mm, const struct vm_area_struct *v, uint32_t va,
			     uint32_t error_code)
{
	if (!(error_code & PF_WRITE) && (v->vm_flags & VM_WRITE))
		return map_page(mm, va, zero_page_pa, _PAGE_USER | _PAGE_COW);
	void *page = get_zeroed_page();
	if (!page)
		return -ENOMEM;
	return map_fresh_page(mm, va, page, vma_page_prot(v->vm_flags));
}

static int handle_mm_fault(struct mm_struct *mm, const struct vm_area_struct *v, uint32_t addr,
			   uint32_t error_code)
{
	uint32_t va = addr & PAGE_MASK;
	pte_t *pte = pte_offset(mm, va, 0);
	if (pte && (*pte & _PAGE_PROTNONE))
		return -EFAULT;	/* the area forbids access: a frame is kept for later */
	if (pte && (*pte & _PAGE_PRESENT))
		return (error_code & PF_WRITE) ? do_wp_page(mm, v, pte, va) : -EFAULT;
	return do_anonymous_page(mm, v, va, error_code);
}

static void bad_area(struct pt_regs *regs, uint32_t error_code, uint32_t addr)
{
	if (error_code & PF_USER)
		force_sig(SIGSEGV, regs, addr);
	if (fixup_exception(regs, X86_TRAP_PF))
		return;
	die("unable to handle kernel paging request", regs, error_code);
}

/* No frame for a page the process may use: a kernel access with a fixup
 * fails as any bad one does (modern Linux); otherwise the process dies, as
 * 2.0's oom() killed it, never the kernel. An unchecked verify_area-mode
 * copy into fresh pages gets here. */
static void out_of_memory(struct pt_regs *regs, uint32_t error_code, uint32_t addr)
{
	if (!(error_code & PF_USER) && fixup_exception(regs, X86_TRAP_PF))
		return;
	printk("%s[%d]: out of memory\n", current->comm, current->pid);
	force_sig(SIGKILL, regs, addr);
}

void do_page_fault(struct pt_regs *regs, uint32_t error_code)
{
	uint32_t addr = read_cr2();
	if (pf_print_walk)
		print_walk(addr);	/* before anything here changes the tables */
	if (addr >= TASK_SIZE) {
		if (!(error_code & (PF_USER | PF_PROT)) && vmalloc_fault(addr))
			return;
		bad_area(regs, error_code, addr);
		return;
	}
	struct mm_struct *mm = current->mm;
	struct vm_area_struct *v = mm ? area_for(mm, addr) : NULL;
	int err = v && access_permitted(v, error_code) ? handle_mm_fault(mm, v, addr, error_code)
						       : -EFAULT;
	if (err == -ENOMEM)
		out_of_memory(regs, error_code, addr);
	else if (err)
		bad_area(regs, error_code, addr);
}

/*
 * do_page_fault: the branches of the seeds' flow. A fault on an address the
 * process may use is resolved (a zeroed page, or stack growth); a fault on
 * anything else kills a user process, and in the kernel is either a bad user
 * pointer caught by the exception table or a kernel bug (oops).
 */
#include <kernel/mm.h>
#include <kernel/sched.h>
#include <kernel/traps.h>
#include <kernel/x86.h>

#define STACK_GROWTH_MAX (8u << 20)

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
	/* Stack growth: the tree is keyed by start, so re-insert. */
	vma_remove(&mm->mmap, v);
	v->vm_start = addr & PAGE_MASK;
	if (vma_insert(&mm->mmap, v))
		panic("stack growth overlapped another area");
	return v;
}

static int handle_mm_fault(struct mm_struct *mm, struct vm_area_struct *v, uint32_t addr)
{
	void *page = get_zeroed_page();
	if (!page)
		return -ENOMEM;
	return map_page(mm, addr & PAGE_MASK, __pa(page), vma_page_prot(v->vm_flags));
}

static void bad_area(struct pt_regs *regs, uint32_t error_code, uint32_t addr)
{
	if (error_code & PF_USER)
		force_sig(SIGSEGV, regs, addr);
	if (fixup_exception(regs, X86_TRAP_PF))
		return;
	die("unable to handle kernel paging request", regs, error_code);
}

void do_page_fault(struct pt_regs *regs, uint32_t error_code)
{
	uint32_t addr = read_cr2();
	struct mm_struct *mm = current->mm;
	if (addr >= TASK_SIZE || !mm) {
		bad_area(regs, error_code, addr);
		return;
	}
	struct vm_area_struct *v = area_for(mm, addr);
	if (!v || !access_permitted(v, error_code) || (error_code & PF_PROT)) {
		bad_area(regs, error_code, addr);
		return;
	}
	if (handle_mm_fault(mm, v, addr))
		force_sig(SIGSEGV, regs, addr);
}

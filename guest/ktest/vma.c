/*
 * Shaping an address space: munmap and mprotect cut areas apart, and the
 * tree stays consistent. Checked through verify_area, which reads only the
 * areas, and vma_tree_check.
 */
#include <kernel/kernel.h>
#include <kernel/ktest.h>
#include <kernel/mm.h>
#include <kernel/sched.h>
#include <kernel/uaccess.h>
#include <kernel/verify_area.h>

static uint32_t nr_areas(struct mm_struct *mm)
{
	uint32_t n = 0;
	for (struct vm_area_struct *v = vma_first(&mm->mmap); v; v = vma_next(v))
		n++;
	return n;
}

/* PROT_NONE hides a page from user and kernel alike, and keeps its data. */
static int prot_none_case(struct mm_struct *mm)
{
	uint32_t a = ktest_map(PAGE_SIZE, PROT_READ | PROT_WRITE), v = 1, w = 0;
	int e0 = put_user(0x77u, (uint32_t *)a);
	int e1 = do_mprotect(mm, a, PAGE_SIZE, 0);
	int e2 = get_user(v, (uint32_t *)a);
	int e3 = do_mprotect(mm, a, PAGE_SIZE, PROT_READ);
	int e4 = get_user(w, (uint32_t *)a);
	do_munmap(mm, a, PAGE_SIZE);
	return ktest_case(!e0 && !e1 && e2 == -EFAULT && v == 0 && !e3 && !e4 && w == 0x77,
			  "mprotect(%#x, PROT_NONE): get_user = %d; PROT_READ again: %d, value %#x",
			  a, e2, e4, w);
}

int ktest_vma(uint32_t arg)
{
	(void)arg;
	struct mm_struct *mm = current->mm;
	uint32_t before = nr_areas(mm);
	uint32_t a = ktest_map(4 * PAGE_SIZE, PROT_READ | PROT_WRITE);
	int failed = ktest_case(nr_areas(mm) == before + 1, "mmap(4 pages) = %#x: one new area", a);
	int err = do_munmap(mm, a + PAGE_SIZE, PAGE_SIZE);
	failed += ktest_case(!err && nr_areas(mm) == before + 2 &&
				     __verify_area(mm, VERIFY_READ, a + PAGE_SIZE, 4, NULL) &&
				     !__verify_area(mm, VERIFY_READ, a + 2 * PAGE_SIZE, 4, NULL),
			     "munmap(%#x, 1 page) = %d: the area splits around the hole", a + PAGE_SIZE,
			     err);
	err = do_mprotect(mm, a + 3 * PAGE_SIZE, PAGE_SIZE, PROT_READ);
	failed += ktest_case(!err && nr_areas(mm) == before + 3 &&
				     __verify_area(mm, VERIFY_WRITE, a + 3 * PAGE_SIZE, 4, NULL) &&
				     !__verify_area(mm, VERIFY_WRITE, a + 2 * PAGE_SIZE, 4, NULL),
			     "mprotect(%#x, 1 page, PROT_READ) = %d: only that page is read-only",
			     a + 3 * PAGE_SIZE, err);
	err = do_mprotect(mm, a, 4 * PAGE_SIZE, PROT_READ);
	failed += ktest_case(err == -ENOMEM, "mprotect across the hole = %d, nothing changed", err);
	failed += prot_none_case(mm);
	err = do_munmap(mm, a, 4 * PAGE_SIZE);
	failed += ktest_case(!err && nr_areas(mm) == before && vma_tree_check(&mm->mmap) == 0,
			     "munmap(%#x, 4 pages) = %d: back to %u areas, tree consistent", a, err,
			     before);
	return failed;
}

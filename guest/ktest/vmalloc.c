/*
 * The vmalloc scenario: memory mapped only in the master kernel page
 * directory. The first touch from this process's address space faults in
 * kernel mode above TASK_SIZE, and do_page_fault copies the directory entry
 * in (no exception table involved); the second touch does not fault.
 */
#include <kernel/kernel.h>
#include <kernel/ktest.h>
#include <kernel/mm.h>
#include <kernel/sched.h>

int ktest_vmalloc(uint32_t arg)
{
	(void)arg;
	uint32_t *p = vmalloc(2 * PAGE_SIZE);
	if (!p)
		return ktest_case(0, "vmalloc(8192) failed");
	uint32_t i = ((uint32_t)p >> 21) & 511;
	int was_missing = !(active_mm()->kernel_pd[i] & _PAGE_PRESENT);
	p[0] = 0xfeedf00d;		/* faults here: the entry is synced */
	__asm__ volatile("" : : : "memory");	/* the fault changed kernel_pd behind C's back */
	p[PAGE_SIZE / 4] = p[0] + 1;	/* same table: no fault */
	int synced = (active_mm()->kernel_pd[i] & _PAGE_PRESENT) != 0;
	return ktest_case(was_missing && synced && p[PAGE_SIZE / 4] == 0xfeedf00e,
			  "vmalloc(8192) = %p: entry missing in this address space, synced on first"
			  " touch, values %#x %#x", (void *)p, p[0], p[PAGE_SIZE / 4]);
}

/*
 * vmalloc: page-by-page kernel memory in its own virtual range. Only the
 * master page directory (init_mm) learns of a new page table; an address
 * space whose copy of the directory predates it faults on first touch, and
 * vmalloc_fault copies the entry across (the seed's "vmalloc fault").
 */
#include <kernel/mm.h>
#include <kernel/sched.h>

static uint32_t vmalloc_next = VMALLOC_START;

void *vmalloc(uint32_t size)
{
	uint32_t len = PAGE_ALIGN(size);
	if (!size || len > VMALLOC_END - vmalloc_next)
		return NULL;
	uint32_t start = vmalloc_next;
	/* The range is used up even on failure: what was mapped stays mapped. */
	vmalloc_next = start + len + PAGE_SIZE;	/* an unmapped guard page between areas */
	for (uint32_t va = start; va < start + len; va += PAGE_SIZE) {
		void *page = get_zeroed_page();
		if (!page || map_fresh_page(&init_mm, va, page, _PAGE_RW))
			return NULL;
	}
	return (void *)start;
}

/* 1 if addr's page directory entry was missing here but present in init_mm. */
int vmalloc_fault(uint32_t addr)
{
	uint32_t i = (addr >> 21) & 511;
	pte_t *pd = active_mm()->kernel_pd;
	if (addr < VMALLOC_START || (pd[i] & _PAGE_PRESENT) || !(init_mm.kernel_pd[i] & _PAGE_PRESENT))
		return 0;
	pd[i] = init_mm.kernel_pd[i];
	return 1;
}

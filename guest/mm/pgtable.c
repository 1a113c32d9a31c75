/*
 * Page tables. The master kernel page directory maps all of RAM at
 * PAGE_OFFSET with 2 MiB pages; each address space starts with a copy of it,
 * so a kernel mapping added later (vmalloc) reaches other address spaces only
 * when a fault copies the entry across.
 */
#include <kernel/mm.h>
#include <kernel/string.h>
#include <kernel/x86.h>

#define PDE_LARGE (_PAGE_PRESENT | _PAGE_RW | _PAGE_PSE)
#define TABLE     (_PAGE_PRESENT | _PAGE_RW | _PAGE_USER)

struct mm_struct init_mm;
uint32_t zero_page_pa;

static pte_t *table_of(pte_t e)
{
	return __va((uint32_t)(e & PTE_ADDR_MASK));
}

static int mm_tables(struct mm_struct *mm)
{
	mm->pml4 = get_zeroed_page();
	mm->pdpt = get_zeroed_page();
	mm->kernel_pd = get_zeroed_page();
	if (!mm->pml4 || !mm->pdpt || !mm->kernel_pd)
		return -1;
	mm->pml4[0] = __pa(mm->pdpt) | TABLE;
	mm->pdpt[3] = __pa(mm->kernel_pd) | TABLE;
	return 0;
}

void paging_init(void)
{
	if (mm_tables(&init_mm))
		panic("out of memory building the kernel page tables");
	uint32_t mem = boot_params.mem_size;
	if (mem > VMALLOC_START - PAGE_OFFSET)
		mem = VMALLOC_START - PAGE_OFFSET;	/* above: vmalloc and modules */
	for (uint32_t pa = 0; pa < mem; pa += 0x200000u)
		init_mm.kernel_pd[pa >> 21] = pa | PDE_LARGE;
	switch_mm(&init_mm);
	void *zero = get_zeroed_page();
	if (!zero)
		panic("out of memory for the zero page");
	zero_page_pa = __pa(zero);
}

int pgd_alloc(struct mm_struct *mm)
{
	if (mm_tables(mm))
		return -ENOMEM;
	memcpy(mm->kernel_pd, init_mm.kernel_pd, PAGE_SIZE);
	return 0;
}

void pgd_free(struct mm_struct *mm)
{
	for (int i = 0; i < 3 && mm->pdpt; i++) {
		if (!(mm->pdpt[i] & _PAGE_PRESENT))
			continue;
		pte_t *pd = table_of(mm->pdpt[i]);
		for (int j = 0; j < 512; j++)
			if (pd[j] & _PAGE_PRESENT)
				free_page(table_of(pd[j]));
		free_page(pd);
	}
	if (mm->kernel_pd)
		free_page(mm->kernel_pd);
	if (mm->pdpt)
		free_page(mm->pdpt);
	if (mm->pml4)
		free_page(mm->pml4);
}

void switch_mm(struct mm_struct *mm)
{
	write_cr3(__pa(mm->pml4));
}

static pte_t *next_level(pte_t *entry, int alloc)
{
	if (!(*entry & _PAGE_PRESENT)) {
		if (!alloc)
			return NULL;
		pte_t *t = get_zeroed_page();
		if (!t)
			return NULL;
		*entry = __pa(t) | TABLE;
	}
	return table_of(*entry);
}

pte_t *pte_offset(struct mm_struct *mm, uint32_t va, int alloc)
{
	pte_t *pd = next_level(&mm->pdpt[va >> 30], alloc);
	if (!pd)
		return NULL;
	pte_t *pde = &pd[(va >> 21) & 511];
	if (*pde & _PAGE_PSE)
		return NULL;
	pte_t *pt = next_level(pde, alloc);
	return pt ? &pt[(va >> 12) & 511] : NULL;
}

int map_page(struct mm_struct *mm, uint32_t va, uint32_t pa, uint64_t prot)
{
	pte_t *pte = pte_offset(mm, va, 1);
	if (!pte)
		return -ENOMEM;
	*pte = pa | prot | _PAGE_PRESENT;
	invlpg(va);
	return 0;
}

int map_fresh_page(struct mm_struct *mm, uint32_t va, void *page, uint64_t prot)
{
	int err = map_page(mm, va, __pa(page), prot);
	if (err)
		free_page(page);
	return err;
}

void unmap_range(struct mm_struct *mm, uint32_t start, uint32_t end)
{
	for (uint32_t va = start; va < end; va += PAGE_SIZE) {
		pte_t *pte = pte_offset(mm, va, 0);
		if (!pte || !pte_has_frame(*pte))
			continue;
		if ((*pte & PTE_ADDR_MASK) != zero_page_pa)
			free_page(table_of(*pte));
		*pte = 0;
		invlpg(va);
	}
}

void print_walk(uint32_t va)
{
	static const unsigned shift[4] = { 39, 30, 21, 12 };
	pte_t *table = __va(read_cr3() & (uint32_t)PTE_ADDR_MASK);
	for (int i = 0; i < 4; i++) {
		pte_t *e = &table[((uint64_t)va >> shift[i]) & 511];
		printk("pfwalk: cr2 %#x level %d entry %#x value %#llx\n", va, 4 - i, __pa(e), *e);
		/* PS makes a leaf of a PDPTE or PDE only, as for the MMU */
		if (!(*e & _PAGE_PRESENT) || (i > 0 && (*e & _PAGE_PSE)))
			return;
		table = table_of(*e);
	}
}

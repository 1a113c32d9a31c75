/*
 * Physical frames, page tables and address spaces.
 *
 * Page-table entries are 64-bit (the PAE format). Long mode adds a fourth
 * level above the PAE three; each address space keeps that PML4 page beside
 * its PDPT and only ever uses PML4[0], since the whole i386 space is the low
 * 4 GiB. PDPT[0..2] map user space (0..TASK_SIZE) and are private; PDPT[3]
 * maps the kernel quarter through a per-mm copy of the master kernel page
 * directory (init_mm), whose entries point at the same page tables.
 */
#ifndef KERNEL_MM_H
#define KERNEL_MM_H

#include <stdint.h>
#include <kernel/kernel.h>
#include <kernel/vma.h>
#include <faultline/unistd.h>

#define _PAGE_PRESENT 0x001ull
#define _PAGE_RW      0x002ull
#define _PAGE_USER    0x004ull
#define _PAGE_PSE     0x080ull
#define _PAGE_COW     0x200ull	/* software bit: write fault copies the page */
#define _PAGE_PROTNONE 0x400ull	/* software bit: not present, frame kept (PROT_NONE) */
#define PTE_ADDR_MASK 0x000ffffffffff000ull

#define PF_PROT  0x1	/* error code: protection violation (else not present) */
#define PF_WRITE 0x2
#define PF_USER  0x4

typedef uint64_t pte_t;

/* A page that owns a frame, whether or not PROT_NONE hides it. */
static inline int pte_has_frame(pte_t e)
{
	return (e & (_PAGE_PRESENT | _PAGE_PROTNONE)) != 0;
}

struct mm_struct {
	pte_t *pml4;		/* the long-mode level; PML4[0] -> pdpt */
	pte_t *pdpt;
	pte_t *kernel_pd;	/* this mm's copy of the kernel page directory */
	struct vma_tree mmap;
	int users;		/* tasks sharing it (threads) */
};

extern struct mm_struct init_mm;

/* page_alloc.c */
void mem_init(const struct fl_boot_params *bp);
void *get_zeroed_page(void);	/* kernel virtual, or NULL */
void free_page(void *page);
void clear_page(void *page);
void copy_page(void *to, const void *from);

/* kmalloc.c */
void *kmalloc(size_t size);	/* up to 2040 bytes, zeroed */
void kfree(void *p);

/* pgtable.c */
void paging_init(void);
/* An address space's top-level tables, the kernel's quarter copied in: 0 or
 * -ENOMEM (what was allocated is left for pgd_free). */
int pgd_alloc(struct mm_struct *mm);
/* Free every page table of mm, its user ones and its top-level ones. */
void pgd_free(struct mm_struct *mm);
void switch_mm(struct mm_struct *mm);
/* The PTE for va in mm, allocating page tables if alloc; NULL if absent or out of memory. */
pte_t *pte_offset(struct mm_struct *mm, uint32_t va, int alloc);
int map_page(struct mm_struct *mm, uint32_t va, uint32_t pa, uint64_t prot);
/* map_page for a page just allocated: freed again if it cannot be mapped. */
int map_fresh_page(struct mm_struct *mm, uint32_t va, void *page, uint64_t prot);
void unmap_range(struct mm_struct *mm, uint32_t start, uint32_t end);
/* printk each entry the MMU reads for va under the current CR3, the PML4E
 * first: "pfwalk: cr2 VA level L entry PA value V". */
void print_walk(uint32_t va);

/* mmap.c; PROT_* equal VM_READ/WRITE/EXEC, MAP_* are in faultline/unistd.h */
struct mm_struct *mm_alloc(void);
/* Drop one user; the last one frees the address space. */
void mm_put(struct mm_struct *mm);
struct vm_area_struct *vma_create(struct mm_struct *mm, uint32_t start, uint32_t end, uint32_t flags);
/* Unmap the area's pages, take it out of the tree and free it. */
void vma_destroy(struct mm_struct *mm, struct vm_area_struct *v);
uint64_t vma_page_prot(uint32_t vm_flags);
/* The mapped address, or a negative errno cast to uint32_t. */
uint32_t do_mmap(struct mm_struct *mm, uint32_t addr, uint32_t len, uint32_t prot, uint32_t flags);
int do_munmap(struct mm_struct *mm, uint32_t addr, uint32_t len);
int do_mprotect(struct mm_struct *mm, uint32_t addr, uint32_t len, uint32_t prot);

/* vmalloc.c: kernel virtual memory above VMALLOC_START, mapped in init_mm
 * only; other address spaces pick the mapping up on their first fault. */
#define VMALLOC_START 0xF0000000u
#define VMALLOC_END   0xF8000000u	/* modules live above */
void *vmalloc(uint32_t size);
int vmalloc_fault(uint32_t addr);

/* pgtable.c: the zero page, mapped read-only (COW) by read faults on anonymous memory. */
extern uint32_t zero_page_pa;

#endif

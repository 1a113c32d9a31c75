/*
 * Virtual memory areas of the guest's one user address space, kept in an AVL
 * tree ordered by address so that verify_area and the page-fault handler can
 * find the area covering an address in O(log n) — the lookup the 2.1-era
 * exception table made unnecessary on the fast path.
 *
 * Builds freestanding for the guest and natively for host tests: no libc and
 * no allocation; callers own every struct vm_area_struct.
 */
#ifndef KERNEL_VMA_H
#define KERNEL_VMA_H

#include <stdint.h>

#define VM_READ      0x1u
#define VM_WRITE     0x2u
#define VM_EXEC      0x4u
#define VM_GROWSDOWN 0x100u

struct vm_area_struct {
	uint32_t vm_start;	/* first byte */
	uint32_t vm_end;	/* first byte after; vm_start < vm_end, page aligned by callers */
	uint32_t vm_flags;
	struct vm_area_struct *vm_left, *vm_right, *vm_parent;
	int32_t vm_avl_height;	/* 1 for a leaf; maintained by the tree */
};

struct vma_tree {
	struct vm_area_struct *root;
	uint32_t count;
};

#define VMA_TREE_INIT { 0, 0 }

/*
 * Like Linux find_vma: the lowest area with vm_end > addr (it may start above
 * addr), or NULL. If probes is not NULL it is set to the number of nodes
 * visited, for verify_area benchmarks.
 */
struct vm_area_struct *find_vma(const struct vma_tree *t, uint32_t addr, uint32_t *probes);

/*
 * Insert v (its links and height are overwritten). Returns 0, or -1 and leaves
 * the tree unchanged if v is empty (vm_start >= vm_end) or overlaps an area.
 */
int vma_insert(struct vma_tree *t, struct vm_area_struct *v);

/* Unlink v; a v that is not in t (e.g. removed twice) is ignored. */
void vma_remove(struct vma_tree *t, struct vm_area_struct *v);

/* Lowest area, or NULL when empty. */
struct vm_area_struct *vma_first(const struct vma_tree *t);

/* In-order successor via parent pointers, or NULL after the last area. */
struct vm_area_struct *vma_next(const struct vm_area_struct *v);

/*
 * For tests and a boot self-check: 0 if AVL balance, heights, ordering,
 * non-overlap, parent links and count are all consistent, else -1.
 */
int vma_tree_check(const struct vma_tree *t);

#endif

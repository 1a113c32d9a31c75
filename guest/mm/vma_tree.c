/*
 * AVL tree of VMAs ordered by vm_start. Areas never overlap, so ordering by
 * vm_start also orders vm_end, which is what lets find_vma descend on vm_end.
 * Parent pointers let vma_next and rebalancing walk upward without a stack,
 * so nothing here recurses except the self-check, whose depth is capped.
 */
#include <stddef.h>
#include <stdint.h>

#include <kernel/vma.h>

/* An AVL tree of 2^32 nodes is under 47 high; deeper means a corrupt tree. */
#define VMA_MAX_HEIGHT 48

typedef struct vm_area_struct vma_t;

static int32_t height(const vma_t *n)
{
	return n ? n->vm_avl_height : 0;
}

static int32_t balance(const vma_t *n)
{
	return height(n->vm_left) - height(n->vm_right);
}

static void fix_height(vma_t *n)
{
	int32_t l = height(n->vm_left), r = height(n->vm_right);

	n->vm_avl_height = (l > r ? l : r) + 1;
}

/* Point whatever referred to old (parent's child link or the root) at new. */
static void replace_child(struct vma_tree *t, vma_t *parent, vma_t *old, vma_t *new)
{
	if (!parent)
		t->root = new;
	else if (parent->vm_left == old)
		parent->vm_left = new;
	else
		parent->vm_right = new;
}

static vma_t *rotate_left(struct vma_tree *t, vma_t *x)
{
	vma_t *y = x->vm_right;

	x->vm_right = y->vm_left;
	if (y->vm_left)
		y->vm_left->vm_parent = x;
	y->vm_parent = x->vm_parent;
	replace_child(t, x->vm_parent, x, y);
	y->vm_left = x;
	x->vm_parent = y;
	fix_height(x);
	fix_height(y);
	return y;
}

static vma_t *rotate_right(struct vma_tree *t, vma_t *x)
{
	vma_t *y = x->vm_left;

	x->vm_left = y->vm_right;
	if (y->vm_right)
		y->vm_right->vm_parent = x;
	y->vm_parent = x->vm_parent;
	replace_child(t, x->vm_parent, x, y);
	y->vm_right = x;
	x->vm_parent = y;
	fix_height(x);
	fix_height(y);
	return y;
}

/*
 * Restore heights and balance from n up to the root. Walking all the way up
 * (instead of stopping once a height is unchanged) costs O(log n) and keeps
 * one path for both insert and remove.
 */
static void rebalance(struct vma_tree *t, vma_t *n)
{
	while (n) {
		int32_t b;

		fix_height(n);
		b = balance(n);
		if (b > 1) {
			if (balance(n->vm_left) < 0)
				rotate_left(t, n->vm_left);
			n = rotate_right(t, n);
		} else if (b < -1) {
			if (balance(n->vm_right) > 0)
				rotate_right(t, n->vm_right);
			n = rotate_left(t, n);
		}
		n = n->vm_parent;
	}
}

static vma_t *leftmost(vma_t *n)
{
	while (n && n->vm_left)
		n = n->vm_left;
	return n;
}

struct vm_area_struct *find_vma(const struct vma_tree *t, uint32_t addr, uint32_t *probes)
{
	vma_t *n = t->root, *best = NULL;
	uint32_t visited = 0;

	while (n) {
		visited++;
		if (n->vm_end > addr) {
			best = n;
			if (n->vm_start <= addr)
				break;
			n = n->vm_left;
		} else {
			n = n->vm_right;
		}
	}
	if (probes)
		*probes = visited;
	return best;
}

int vma_insert(struct vma_tree *t, struct vm_area_struct *v)
{
	vma_t *parent = NULL, **link = &t->root;
	vma_t *above;

	if (v->vm_start >= v->vm_end)
		return -1;
	above = find_vma(t, v->vm_start, NULL);
	/* above is the first area ending after our start; it must begin at or after our end. */
	if (above && above->vm_start < v->vm_end)
		return -1;
	while (*link) {
		parent = *link;
		link = v->vm_start < parent->vm_start ? &parent->vm_left : &parent->vm_right;
	}
	v->vm_left = v->vm_right = NULL;
	v->vm_parent = parent;
	v->vm_avl_height = 1;
	*link = v;
	t->count++;
	rebalance(t, parent);
	return 0;
}

static int in_tree(const struct vma_tree *t, const vma_t *v)
{
	int depth = 0;

	while (v->vm_parent && depth++ < VMA_MAX_HEIGHT)
		v = v->vm_parent;
	return v == t->root;
}

/*
 * v has two children: its successor s (leftmost of v's right subtree) takes
 * v's place. Returns the lowest node whose height may have changed; the
 * caller's rebalance walks up through s and recomputes its height.
 */
static vma_t *splice_successor(struct vma_tree *t, vma_t *v)
{
	vma_t *s = leftmost(v->vm_right);
	vma_t *start = s;

	if (s->vm_parent != v) {
		start = s->vm_parent;
		start->vm_left = s->vm_right;
		if (s->vm_right)
			s->vm_right->vm_parent = start;
		s->vm_right = v->vm_right;
		s->vm_right->vm_parent = s;
	}
	s->vm_left = v->vm_left;
	s->vm_left->vm_parent = s;
	s->vm_parent = v->vm_parent;
	replace_child(t, v->vm_parent, v, s);
	return start;
}

void vma_remove(struct vma_tree *t, struct vm_area_struct *v)
{
	vma_t *start;

	if (!v || !t->root || !in_tree(t, v))
		return;
	if (v->vm_left && v->vm_right) {
		start = splice_successor(t, v);
	} else {
		vma_t *child = v->vm_left ? v->vm_left : v->vm_right;

		if (child)
			child->vm_parent = v->vm_parent;
		replace_child(t, v->vm_parent, v, child);
		start = v->vm_parent;
	}
	v->vm_left = v->vm_right = v->vm_parent = NULL;
	v->vm_avl_height = 0;
	t->count--;
	rebalance(t, start);
}

struct vm_area_struct *vma_first(const struct vma_tree *t)
{
	return leftmost(t->root);
}

struct vm_area_struct *vma_next(const struct vm_area_struct *v)
{
	const vma_t *p;

	if (v->vm_right)
		return leftmost(v->vm_right);
	for (p = v->vm_parent; p && p->vm_right == v; p = p->vm_parent)
		v = p;
	return (vma_t *)p;
}

/*
 * Check the subtree at n, whose areas must all lie within [lo, hi): the
 * ancestors' bounds are what make ordering and non-overlap global, not just
 * parent-to-child. Returns its height, or -1 on any inconsistency.
 */
static int32_t check_node(const vma_t *n, const vma_t *parent, uint32_t lo, uint32_t hi,
			  int depth, uint32_t *count)
{
	int32_t l, r;

	if (!n)
		return 0;
	if (depth > VMA_MAX_HEIGHT || n->vm_parent != parent)
		return -1;
	if (n->vm_start >= n->vm_end || n->vm_start < lo || n->vm_end > hi)
		return -1;
	(*count)++;
	l = check_node(n->vm_left, n, lo, n->vm_start, depth + 1, count);
	r = check_node(n->vm_right, n, n->vm_end, hi, depth + 1, count);
	if (l < 0 || r < 0 || l - r > 1 || r - l > 1)
		return -1;
	if (n->vm_avl_height != (l > r ? l : r) + 1)
		return -1;
	return n->vm_avl_height;
}

int vma_tree_check(const struct vma_tree *t)
{
	uint32_t count = 0;

	if (check_node(t->root, NULL, 0, UINT32_MAX, 0, &count) < 0)
		return -1;
	return count == t->count ? 0 : -1;
}

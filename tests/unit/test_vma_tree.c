/*
 * The guest's VMA AVL tree, built natively: every shape change is followed by
 * vma_tree_check, and find_vma is compared with a brute-force scan.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <kernel/vma.h>

#define N 1500u
#define BASE 0x08048000u
#define STRIDE 0x3000u

/* Area i is [BASE + i*STRIDE, +1 or +2 pages): sorted by i, with gaps between. */
static struct vm_area_struct areas[N];
static bool in_tree[N];
static uint32_t order[N];
static uint32_t rng_state;

static uint32_t rng(void)
{
	rng_state = rng_state * 1103515245u + 12345u;
	return rng_state >> 8;
}

static void make_areas(uint32_t n)
{
	for (uint32_t i = 0; i < n; i++) {
		areas[i] = (struct vm_area_struct){ 0 };
		areas[i].vm_start = BASE + i * STRIDE;
		areas[i].vm_end = areas[i].vm_start + 0x1000u * (1 + i % 2);
		areas[i].vm_flags = VM_READ;
		in_tree[i] = false;
	}
}

enum { ASCENDING, DESCENDING, RANDOM };

static void make_order(uint32_t n, int kind, uint32_t seed)
{
	for (uint32_t i = 0; i < n; i++)
		order[i] = kind == DESCENDING ? n - 1 - i : i;
	if (kind != RANDOM)
		return;
	rng_state = seed;
	for (uint32_t i = n - 1; i > 0; i--) {
		uint32_t j = rng() % (i + 1), tmp = order[i];

		order[i] = order[j];
		order[j] = tmp;
	}
}

static struct vm_area_struct *ref_find(uint32_t n, uint32_t addr)
{
	for (uint32_t i = 0; i < n; i++)
		if (in_tree[i] && areas[i].vm_end > addr)
			return &areas[i];
	return NULL;
}

static void check_find(const struct vma_tree *t, uint32_t n, uint32_t addr)
{
	assert_ptr_equal(find_vma(t, addr, NULL), ref_find(n, addr));
}

static void check_all_finds(const struct vma_tree *t, uint32_t n)
{
	check_find(t, n, 0);
	check_find(t, n, UINT32_MAX);
	for (uint32_t i = 0; i < n; i++) {
		const struct vm_area_struct *a = &areas[i];

		check_find(t, n, a->vm_start - 1);
		check_find(t, n, a->vm_start);
		check_find(t, n, a->vm_start + 0x800u);
		check_find(t, n, a->vm_end - 1);
		check_find(t, n, a->vm_end);
		check_find(t, n, a->vm_end + 0x800u);
	}
}

static void check_iteration(const struct vma_tree *t, uint32_t n)
{
	const struct vm_area_struct *v = vma_first(t);

	for (uint32_t i = 0; i < n; i++) {
		if (!in_tree[i])
			continue;
		assert_ptr_equal(v, &areas[i]);
		v = vma_next(v);
	}
	assert_null(v);
}

static void insert_all(struct vma_tree *t, uint32_t n, int kind, uint32_t seed)
{
	make_areas(n);
	make_order(n, kind, seed);
	for (uint32_t i = 0; i < n; i++) {
		assert_int_equal(vma_insert(t, &areas[order[i]]), 0);
		in_tree[order[i]] = true;
		assert_int_equal(vma_tree_check(t), 0);
		assert_int_equal(t->count, i + 1);
		check_find(t, n, areas[order[i]].vm_start);
	}
}

static void test_empty(void **state)
{
	struct vma_tree t = VMA_TREE_INIT;
	uint32_t probes = 99;

	(void)state;
	assert_null(find_vma(&t, 0x1000, &probes));
	assert_int_equal(probes, 0);
	assert_null(vma_first(&t));
	assert_int_equal(vma_tree_check(&t), 0);
}

/* 1..3 cover a lone root and its first children; N covers deep rebalancing. */
static void test_insert_orders(void **state)
{
	static const uint32_t sizes[] = { 1, 2, 3, N };

	(void)state;
	for (size_t s = 0; s < sizeof(sizes) / sizeof(sizes[0]); s++) {
		for (int kind = ASCENDING; kind <= RANDOM; kind++) {
			struct vma_tree t = VMA_TREE_INIT;

			insert_all(&t, sizes[s], kind, 12345);
			check_all_finds(&t, sizes[s]);
			check_iteration(&t, sizes[s]);
		}
	}
}

static void test_find_single_boundaries(void **state)
{
	struct vma_tree t = VMA_TREE_INIT;
	struct vm_area_struct a = { .vm_start = 0x1000, .vm_end = 0x3000 };

	(void)state;
	assert_int_equal(vma_insert(&t, &a), 0);
	assert_ptr_equal(find_vma(&t, 0, NULL), &a);
	assert_ptr_equal(find_vma(&t, 0xfff, NULL), &a);
	assert_ptr_equal(find_vma(&t, 0x1000, NULL), &a);
	assert_ptr_equal(find_vma(&t, 0x2fff, NULL), &a);
	assert_null(find_vma(&t, 0x3000, NULL));
	assert_null(find_vma(&t, UINT32_MAX, NULL));
}

static void expect_rejected(struct vma_tree *t, uint32_t start, uint32_t end)
{
	struct vm_area_struct v = { .vm_start = start, .vm_end = end };
	struct vm_area_struct *root = t->root;
	uint32_t count = t->count;

	assert_int_equal(vma_insert(t, &v), -1);
	assert_ptr_equal(t->root, root);
	assert_int_equal(t->count, count);
	assert_int_equal(vma_tree_check(t), 0);
	for (struct vm_area_struct *p = vma_first(t); p; p = vma_next(p))
		assert_ptr_not_equal(p, &v);
}

static void test_overlap_rejected(void **state)
{
	struct vma_tree t = VMA_TREE_INIT;
	struct vm_area_struct a = { .vm_start = 0x10000, .vm_end = 0x20000 };
	struct vm_area_struct b = { .vm_start = 0x30000, .vm_end = 0x40000 };
	struct vm_area_struct gap = { .vm_start = 0x20000, .vm_end = 0x30000 };
	struct vm_area_struct top = { .vm_start = 0xfffff000u, .vm_end = UINT32_MAX };

	(void)state;
	assert_int_equal(vma_insert(&t, &a), 0);
	assert_int_equal(vma_insert(&t, &b), 0);
	expect_rejected(&t, 0x10000, 0x20000);	/* exact */
	expect_rejected(&t, 0x0f000, 0x11000);	/* overlaps a's start */
	expect_rejected(&t, 0x1f000, 0x21000);	/* overlaps a's end */
	expect_rejected(&t, 0x08000, 0x28000);	/* contains a */
	expect_rejected(&t, 0x12000, 0x13000);	/* inside a */
	expect_rejected(&t, 0x1f000, 0x31000);	/* spans the gap into b */
	expect_rejected(&t, 0x00000, UINT32_MAX);	/* contains both */
	expect_rejected(&t, 0x50000, 0x50000);	/* empty */
	expect_rejected(&t, 0x60000, 0x50000);	/* inverted */
	assert_int_equal(vma_insert(&t, &gap), 0);	/* touches both neighbours */
	assert_int_equal(vma_insert(&t, &top), 0);
	assert_int_equal(vma_tree_check(&t), 0);
	assert_int_equal(t.count, 4);
	assert_ptr_equal(find_vma(&t, 0x1ffff, NULL), &a);
	assert_ptr_equal(find_vma(&t, 0x20000, NULL), &gap);
	assert_ptr_equal(find_vma(&t, 0x40000, NULL), &top);
	assert_ptr_equal(find_vma(&t, UINT32_MAX - 1, NULL), &top);
	assert_null(find_vma(&t, UINT32_MAX, NULL));
}

static void remove_checked(struct vma_tree *t, uint32_t n, uint32_t i)
{
	uint32_t count = t->count;

	vma_remove(t, &areas[i]);
	in_tree[i] = false;
	assert_int_equal(t->count, count - 1);
	assert_int_equal(vma_tree_check(t), 0);
	check_find(t, n, areas[i].vm_start);
	check_find(t, n, areas[i].vm_end - 1);
}

static void test_remove_leaf_inner_root(void **state)
{
	struct vma_tree t = VMA_TREE_INIT;

	(void)state;
	insert_all(&t, 15, ASCENDING, 0);	/* a perfect tree rooted at area 7 */
	assert_ptr_equal(t.root, &areas[7]);
	assert_true(!areas[0].vm_left && !areas[0].vm_right);
	remove_checked(&t, 15, 0);	/* leaf */
	assert_true(areas[3].vm_left && areas[3].vm_right && areas[3].vm_parent);
	remove_checked(&t, 15, 3);	/* inner node with two children */
	remove_checked(&t, 15, 7);	/* root */
	assert_ptr_not_equal(t.root, &areas[7]);
	assert_true(!areas[1].vm_left && areas[1].vm_right && areas[1].vm_parent);
	remove_checked(&t, 15, 1);	/* inner node with one child */
	check_all_finds(&t, 15);
	check_iteration(&t, 15);
	vma_remove(&t, &areas[7]);	/* already removed: ignored */
	assert_int_equal(t.count, 11);
	assert_int_equal(vma_tree_check(&t), 0);
}

static void test_remove_all_random(void **state)
{
	struct vma_tree t = VMA_TREE_INIT;

	(void)state;
	insert_all(&t, N, RANDOM, 99);
	make_order(N, RANDOM, 4242);
	for (uint32_t i = 0; i < N; i++) {
		remove_checked(&t, N, order[i]);
		if (i % 256 == 0) {
			check_all_finds(&t, N);
			check_iteration(&t, N);
		}
	}
	assert_null(t.root);
	assert_int_equal(t.count, 0);
}

/* An AVL tree of n = 1024 is at most 1.44*log2(n) high: 1.45*10 + 2 = 16.5. */
static void test_probes_bounded(void **state)
{
	(void)state;
	for (int kind = ASCENDING; kind <= RANDOM; kind++) {
		struct vma_tree t = VMA_TREE_INIT;
		uint32_t probes, worst = 0;

		insert_all(&t, 1024, kind, 31337);
		find_vma(&t, t.root->vm_end - 1, &probes);
		assert_int_equal(probes, 1);	/* stops at the area containing addr */
		for (uint32_t addr = 0; addr < BASE + 1024 * STRIDE + 0x2000; addr += 0x800) {
			find_vma(&t, addr, &probes);
			assert_in_range(probes, 1, 16);
			worst = probes > worst ? probes : worst;
		}
		assert_true(worst >= 11);	/* a 1024-node tree is at least 11 high */
	}
}

/* A chain of three with truthful heights: ordered, but not AVL-balanced. */
static int check_chain(bool leftward)
{
	struct vm_area_struct n[3] = {
		{ .vm_start = 0x1000, .vm_end = 0x2000 },
		{ .vm_start = 0x2000, .vm_end = 0x3000 },
		{ .vm_start = 0x3000, .vm_end = 0x4000 },
	};
	struct vm_area_struct *top = &n[leftward ? 2 : 0], *mid = &n[1], *low = &n[leftward ? 0 : 2];
	struct vma_tree t = { .root = top, .count = 3 };

	top->vm_avl_height = 3;
	mid->vm_avl_height = 2;
	low->vm_avl_height = 1;
	mid->vm_parent = top;
	low->vm_parent = mid;
	*(leftward ? &top->vm_left : &top->vm_right) = mid;
	*(leftward ? &mid->vm_left : &mid->vm_right) = low;
	return vma_tree_check(&t);
}

static void test_check_detects_corruption(void **state)
{
	struct vma_tree t = VMA_TREE_INIT;
	struct vm_area_struct *r;

	(void)state;
	insert_all(&t, 7, ASCENDING, 0);
	r = t.root;
	r->vm_avl_height++;
	assert_int_equal(vma_tree_check(&t), -1);
	r->vm_avl_height--;
	r->vm_left->vm_parent = NULL;
	assert_int_equal(vma_tree_check(&t), -1);
	r->vm_left->vm_parent = r;
	r->vm_left->vm_right->vm_end = r->vm_start + 1;	/* overlaps the root */
	assert_int_equal(vma_tree_check(&t), -1);
	r->vm_left->vm_right->vm_end = r->vm_start;
	r->vm_right->vm_left->vm_start = r->vm_end - 1;	/* overlaps the root */
	assert_int_equal(vma_tree_check(&t), -1);
	r->vm_right->vm_left->vm_start = r->vm_end;
	t.count++;
	assert_int_equal(vma_tree_check(&t), -1);
	t.count--;
	assert_int_equal(vma_tree_check(&t), 0);
	assert_int_equal(check_chain(false), -1);
	assert_int_equal(check_chain(true), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_empty),
		cmocka_unit_test(test_insert_orders),
		cmocka_unit_test(test_find_single_boundaries),
		cmocka_unit_test(test_overlap_rejected),
		cmocka_unit_test(test_remove_leaf_inner_root),
		cmocka_unit_test(test_remove_all_random),
		cmocka_unit_test(test_probes_bounded),
		cmocka_unit_test(test_check_detects_corruption),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

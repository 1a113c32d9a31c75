/*
 * The measured operations of `faultline bench`, each on the same inputs for
 * the exception-table path and the verify_area path.
 */
#include <kernel/extable.h>
#include <kernel/ktest.h>
#include <kernel/kernel.h>
#include <kernel/mm.h>
#include <kernel/sched.h>
#include <kernel/string.h>
#include <kernel/uaccess.h>
#include <kernel/verify_area.h>

#include "bench.h"

static uint8_t kbuf[65536];

__attribute__((noinline)) static uint32_t op_load_plain(uint32_t p)
{
	return get_user_unchecked((const uint32_t *)p);
}

__attribute__((noinline)) static uint32_t op_get_user(uint32_t p)
{
	uint32_t v;
	return (uint32_t)get_user(v, (const uint32_t *)p) + v;
}

/* The address space verify_area checks against: the process's own, or one
 * holding exactly the areas a verify_area_valid case asks for. */
static struct mm_struct *checked_mm;

__attribute__((noinline)) static uint32_t op_verify_area_load(uint32_t p)
{
	if (__verify_area(checked_mm, VERIFY_READ, p, 4, NULL))
		return (uint32_t)-EFAULT;
	return get_user_unchecked((const uint32_t *)p);
}

static uint32_t copy_len;

__attribute__((noinline)) static uint32_t op_copy_from_user(uint32_t p)
{
	return copy_from_user(kbuf, (const void *)p, copy_len);
}

__attribute__((noinline)) static uint32_t op_verify_area_copy(uint32_t p)
{
	if (verify_area(VERIFY_READ, (const void *)p, copy_len))
		return copy_len;
	copy_unchecked(kbuf, (const void *)p, copy_len);
	return 0;
}

void bench_uaccess(const struct bench_opts *o)
{
	uint32_t page = ktest_map(2 * PAGE_SIZE, PROT_READ | PROT_WRITE);
	do_munmap(current->mm, page + PAGE_SIZE, PAGE_SIZE);
	put_user(0x1234u, (uint32_t *)page);	/* present before anything is timed */
	bench_case(o, "load_plain", "", op_load_plain, page);
	bench_case(o, "get_user_valid", "", op_get_user, page);
	bench_case(o, "get_user_invalid", "", op_get_user, page + PAGE_SIZE);
	checked_mm = current->mm;
	bench_case(o, "verify_area_invalid", "", op_verify_area_load, page + PAGE_SIZE);
	bench_case(o, "access_ok_kernel", "", op_get_user, PAGE_OFFSET + 0x100000);
	do_munmap(current->mm, page, PAGE_SIZE);
}

/* An address space of exactly n one-page areas, a page apart (so none could
 * merge), checked for a target in the first, middle or last area by
 * address. The three targets are also mapped in the process, so the load
 * after the check is real. */
static void verify_area_with(const struct bench_opts *o, uint32_t n)
{
	static const char *const where[] = { "first", "middle", "last" };
	uint32_t base = 0x10000000u;
	struct mm_struct *mm = mm_alloc();
	for (uint32_t i = 0; mm && i < n; i++)
		if (!vma_create(mm, base + 2 * i * PAGE_SIZE, base + (2 * i + 1) * PAGE_SIZE,
				VM_READ | VM_WRITE))
			panic("bench: cannot build %u areas", n);
	if (!mm || mm->mmap.count != n)
		panic("bench: cannot build %u areas", n);
	uint32_t target[3] = { base, base + 2 * (n / 2) * PAGE_SIZE, base + 2 * (n - 1) * PAGE_SIZE };
	checked_mm = mm;
	for (int w = 0; w < 3; w++) {
		char param[32];
		uint32_t probes;
		do_mmap(current->mm, target[w], PAGE_SIZE, PROT_READ | PROT_WRITE, MAP_FIXED);
		put_user(7u, (uint32_t *)target[w]);
		snprintf(param, sizeof(param), "vmas=%u,%s", n, where[w]);
		bench_case(o, "verify_area_valid", param, op_verify_area_load, target[w]);
		__verify_area(mm, VERIFY_READ, target[w], 4, &probes);
		bench_result("verify_area_valid", param, "probes", "nodes", probes, 1);
		do_munmap(current->mm, target[w], PAGE_SIZE);
	}
	mm_put(mm);
}

void bench_verify_area(const struct bench_opts *o)
{
	static const uint32_t full[] = { 1, 4, 16, 64, 256, 1024 }, quick[] = { 1, 16, 256 };
	const uint32_t *n = o->quick ? quick : full;
	uint32_t count = o->quick ? ARRAY_SIZE(quick) : ARRAY_SIZE(full);
	for (uint32_t i = 0; i < count; i++)
		verify_area_with(o, n[i]);
}

void bench_copy(const struct bench_opts *o)
{
	static const uint32_t full[] = { 16, 256, 4096, 65536 }, quick[] = { 16, 4096 };
	const uint32_t *sizes = o->quick ? quick : full;
	uint32_t count = o->quick ? ARRAY_SIZE(quick) : ARRAY_SIZE(full);
	uint32_t buf = ktest_map(65536, PROT_READ | PROT_WRITE);
	for (uint32_t off = 0; off < 65536; off += PAGE_SIZE)
		put_user(off, (uint32_t *)(buf + off));	/* every page present */
	for (uint32_t i = 0; i < count; i++) {
		char param[32];
		copy_len = sizes[i];
		snprintf(param, sizeof(param), "bytes=%u", sizes[i]);
		bench_case(o, "copy_from_user", param, op_copy_from_user, buf);
		bench_case(o, "verify_area_copy", param, op_verify_area_copy, buf);
	}
	do_munmap(current->mm, buf, 65536);
}

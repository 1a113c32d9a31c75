/* Scenarios about the address space: demand paging, COW, stack growth, and
 * the race between a check and an access. */
#include <faultline/user.h>

#include "scenario.h"

#define PAGE 4096u

static int grow(int depth)
{
	volatile int frame[256];
	frame[0] = depth;
	return depth ? grow(depth - 1) + frame[0] : frame[0];
}

int sc_demand(void)
{
	int failed = 0;
	volatile uint32_t *p = mmap(0, 3 * PAGE, PROT_READ | PROT_WRITE, 0);
	failed += check(!MAP_FAILED_P(p), "mmap(0, 3 pages, RW) = %p", (void *)p);
	if (MAP_FAILED_P(p))
		return failed;
	p[0] = 7;			/* not present, write: a fresh page */
	uint32_t z = p[PAGE / 4];	/* not present, read: the shared zero page */
	p[PAGE / 4] = 9;		/* present read-only COW page: copied */
	failed += check(p[0] == 7 && z == 0 && p[PAGE / 4] == 9,
			"demand paging: write %u, read of a new page %u, then copy-on-write %u",
			p[0], z, p[PAGE / 4]);
	failed += check(p[2 * PAGE / 4] == 0, "an untouched page still reads as zero");
	int sum = grow(200);		/* about 200 KiB of stack: the stack area grows down */
	failed += check(sum == 200 * 201 / 2, "recursion 200 frames deep (stack growth) = %d", sum);
	failed += check(munmap((void *)p, 3 * PAGE) == 0, "munmap of the three pages");
	int vma_failed = ktest("vma", 0);
	return failed + (vma_failed < 0 ? 1 : vma_failed);
}

static void unmapper(void *buf)
{
	munmap(buf, PAGE);
	exit(0);
}

/* One half of the race: a buffer, a thread that will unmap it, the call. */
static int race_half(int mode, uint8_t *stack)
{
	uint32_t *buf = mmap(0, PAGE, PROT_READ | PROT_WRITE, 0);
	buf[0] = 42;
	int tid = clone(unmapper, stack + PAGE, buf);
	uaccess_mode(mode);
	int failed = ktest("race", (uint32_t)buf);
	uaccess_mode(UACCESS_EXTABLE);
	return failed + check(tid > 0, "clone(unmapper) = %d", tid);
}

int sc_race(void)
{
	uint8_t *stack = mmap(0, PAGE, PROT_READ | PROT_WRITE, 0);
	int failed = race_half(UACCESS_EXTABLE, stack);
	printf("[init] now the same race with verify_area: the kernel will oops\n");
	return failed + race_half(UACCESS_VERIFY_AREA, stack);
}

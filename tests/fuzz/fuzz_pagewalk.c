/* The guest page-table walk (vmm/mem.c gmem_walk, gmem_translate,
 * gmem_read_virt) over random guest memory: the input after a small header
 * is guest RAM, of whatever size it has, so tables near and past its end are
 * exercised. Invariants: gmem_walk reads the very entries the reference walk
 * (walkref.h) reads, and ends as it does; gmem_translate agrees with it on
 * success and address; gmem_read_virt succeeds exactly when every byte is
 * mapped to a physical address inside RAM, and then reads exactly the bytes
 * the reference reads; on failure it never reads outside RAM (ASan). */
#include <stdlib.h>
#include <string.h>
#include "mem.h"
#include "walkref.h"
#include "fuzz.h"

#define HDR 18

static uint64_t le(const uint8_t *p, unsigned n)
{
	uint64_t v = 0;
	while (n--)
		v = v << 8 | p[n];
	return v;
}

static void check_walk(const struct guest_mem *m, uint64_t cr3, uint64_t gva)
{
	struct page_walk w;
	uint64_t at[4], e[4], pa;
	int mapped, rc = gmem_walk(m, cr3, gva, &w);
	unsigned n = ref_walk(m->host, m->size, cr3, gva, at, e, &mapped, &pa);
	CHECK(w.n == n && (rc == 0) == mapped && (w.end == PAGE_WALK_MAPPED) == mapped);
	CHECK(!memcmp(w.addr, at, n * 8) && !memcmp(w.entry, e, n * 8));
	CHECK(!mapped || w.gpa == pa);
	/* not present: its last entry has P clear; outside: the next entry's address */
	CHECK(w.end != PAGE_WALK_NOT_PRESENT || (n && !(e[n - 1] & 1)));
	CHECK(w.end != PAGE_WALK_OUTSIDE || (n < 4 && w.addr[n] == at[n]));
}

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
	if (size < HDR)
		return 0;
	/* cr3 is a page of the RAM most of the time, anything otherwise. */
	uint64_t cr3 = data[0] & 1 ? le(data + 1, 8) : (uint64_t)data[1] << 12;
	uint64_t gva = le(data + 9, 8);
	size_t len = data[17] * 40u;	/* up to ~10 KiB, across page ends */
	/* An exact-size heap copy, so ASan sees a read past the end of RAM. */
	struct guest_mem m = { malloc(size - HDR ? size - HDR : 1), size - HDR };
	CHECK(m.host);
	memcpy(m.host, data + HDR, m.size);
	uint64_t gpa, rpa;
	int rc = gmem_translate(&m, cr3, gva, &gpa);
	int ref = ref_translate(m.host, m.size, cr3, gva, &rpa);
	CHECK(rc == ref && (rc || gpa == rpa));
	check_walk(&m, cr3, gva);
	uint8_t *got = malloc(len + 1), *want = malloc(len + 1);
	CHECK(got && want);
	rc = gmem_read_virt(&m, cr3, gva, got, len);
	ref = ref_read_virt(m.host, m.size, cr3, gva, want, len);
	CHECK(rc == ref && (rc || !memcmp(got, want, len)));
	free(got);
	free(want);
	free(m.host);
	return 0;
}

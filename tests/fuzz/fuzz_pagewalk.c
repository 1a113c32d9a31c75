/* The guest page-table walk (vmm/mem.c gmem_translate, gmem_read_virt) over
 * random guest memory: the input after a small header is guest RAM, of
 * whatever size it has, so tables near and past its end are exercised.
 * Invariants: gmem_translate agrees with the reference walk (walkref.h) on
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

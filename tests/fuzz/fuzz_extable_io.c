/* guest/tools/extable_io.c, the build-time sorter's decoder, on arbitrary
 * section bytes. Invariants: each entry decodes to the little-endian words
 * at its offset, whatever the alignment, and encoding gives the bytes back. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "extable_io.h"
#include "fuzz.h"

static uint32_t le32(const uint8_t *p)
{
	return p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
	/* The first byte shifts the table off alignment, as in a section at an
	 * odd file offset. */
	size_t skip = size ? 1 + data[0] % 4 : 0;
	skip = skip > size ? size : skip;
	data += skip;
	size -= skip;
	uint32_t n = (uint32_t)(size / EX_ENTRY_SIZE);
	struct exception_table_entry *t = malloc((n ? n : 1) * sizeof(*t));
	uint8_t *back = malloc(size ? size : 1);
	CHECK(t && back);
	extable_decode(data, t, n);
	for (uint32_t i = 0; i < n; i++) {
		const uint8_t *e = data + (size_t)i * EX_ENTRY_SIZE;
		CHECK(t[i].insn == le32(e) && t[i].fixup == le32(e + 4) &&
		      t[i].handler == le32(e + 8));
	}
	extable_encode(back, t, n);
	CHECK(!memcmp(back, data, (size_t)n * EX_ENTRY_SIZE));
	free(t);
	free(back);
	return 0;
}

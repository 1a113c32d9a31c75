/* The tracer's exception-table decoder (tracer/shadow.c shadow_load, on an
 * image opened by vmm/elf_image.c) on arbitrary ELF images. Invariants: the sorted index is a
 * permutation of the entries in insn order, and shadow_lookup finds every
 * decoded entry: at its own index, or (when insns repeat) at an entry with
 * the same insn; shadow_by_fixup finds every entry by its fixup and insn.
 * A refused image leaves an empty table and a one-line message, whether the
 * image or its table is refused. */
#include <string.h>
#include "elf_image.h"
#include "shadow.h"
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const unsigned char *img, size_t len)
{
	struct elf_image im;
	struct shadow_table t;
	char err[256] = "";
	if (elf_image_open(&im, img, len, err, sizeof(err))) {
		CHECK(err[0] && !strchr(err, '\n'));
		return 0;
	}
	int rc = shadow_load(&t, "fuzz", &im, err, sizeof(err));
	elf_image_close(&im);
	if (rc) {
		CHECK(!t.n && err[0] && !strchr(err, '\n'));
		return 0;
	}
	uint8_t *seen = calloc(t.n ? t.n : 1, 1);
	CHECK(seen);
	for (uint32_t k = 0; k < t.n; k++) {
		CHECK(t.by_insn[k] < t.n && !seen[t.by_insn[k]]);
		seen[t.by_insn[k]] = 1;
		if (k)
			CHECK(t.e[t.by_insn[k - 1]].insn <= t.e[t.by_insn[k]].insn);
	}
	free(seen);
	for (uint32_t i = 0; i < t.n; i++) {
		struct shadow_hit h;
		CHECK(shadow_lookup(&t, 1, t.e[i].insn, &h) == 1);
		CHECK(h.table == &t && h.idx < t.n && h.entry == &t.e[h.idx]);
		CHECK(h.idx == i || h.entry->insn == t.e[i].insn);
		CHECK(shadow_by_fixup(&t, 1, t.e[i].fixup, t.e[i].insn, &h) == 1);
		CHECK(h.entry->fixup == t.e[i].fixup && h.entry->insn == t.e[i].insn);
	}
	shadow_free(&t);
	return 0;
}

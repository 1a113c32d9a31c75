/* The user-program check (vmm/elfload.c elf_check_program) on arbitrary
 * images. Invariant: an accepted image is static, its non-empty PT_LOADs lie
 * in [4096, FL_TASK_SIZE) with their file data inside the image, no two of
 * them share a page (the guest maps programs page by page), and the entry is
 * in an executable one. The image itself is never written. */
#include <fl_abi.h>
#include <stdlib.h>
#include "elfload.h"
#include "elfref.h"
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t len)
{
	char err[256];
	uint8_t *img = malloc(len ? len : 1);
	CHECK(img);
	memcpy(img, data, len);
	int rc = elf_check_program(img, len, err, sizeof(err));
	CHECK(!memcmp(img, data, len));
	free(img);
	if (rc) {
		CHECK(rc == -1 && err[0] && !strchr(err, '\n'));
		return 0;
	}
	Elf32_Ehdr eh = elfref_ehdr(data);
	unsigned n = elfref_phnum(data, len);
	int entry_ok = 0;
	for (unsigned i = 0; i < n; i++) {
		Elf32_Phdr p = elfref_phdr(data, i);
		CHECK(p.p_type != PT_INTERP && p.p_type != PT_DYNAMIC);
		if (p.p_type != PT_LOAD || !p.p_memsz)
			continue;
		uint64_t end = (uint64_t)p.p_vaddr + p.p_memsz;
		CHECK(p.p_vaddr >= 4096 && end <= FL_TASK_SIZE);
		CHECK(p.p_filesz <= p.p_memsz && (uint64_t)p.p_offset + p.p_filesz <= len);
		for (unsigned j = 0; j < i; j++) {
			Elf32_Phdr q = elfref_phdr(data, j);
			if (q.p_type != PT_LOAD || !q.p_memsz)
				continue;
			uint64_t pa = p.p_vaddr / 4096, pb = (end - 1) / 4096;
			uint64_t qa = q.p_vaddr / 4096, qb = ((uint64_t)q.p_vaddr + q.p_memsz - 1) / 4096;
			CHECK(pb < qa || qb < pa);
		}
		if ((p.p_flags & PF_X) && eh.e_entry >= p.p_vaddr && eh.e_entry < end)
			entry_ok = 1;
	}
	CHECK(entry_ok);
	return 0;
}

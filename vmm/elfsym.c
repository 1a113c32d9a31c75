/* One global symbol of an ELF image, for the instruction sites the kernel
 * names for the VMM (fl_abi.h). The image is hostile: libelf checks every
 * offset, and a missing or malformed table is just "no symbol". */
#include "elfload.h"

#include <gelf.h>
#include <stdlib.h>
#include <string.h>

static uint32_t find_in(Elf *e, Elf_Scn *scn, const GElf_Shdr *sh, const char *name)
{
	Elf_Data *d = elf_getdata(scn, NULL);
	if (!d || !d->d_buf || !sh->sh_entsize)
		return 0;
	size_t n = sh->sh_size / sh->sh_entsize;
	for (size_t i = 0; i < n; i++) {
		GElf_Sym s;
		const char *sn;
		if (!gelf_getsym(d, (int)i, &s))
			return 0;
		sn = elf_strptr(e, sh->sh_link, s.st_name);
		if (sn && !strcmp(sn, name) && GELF_ST_BIND(s.st_info) == STB_GLOBAL &&
		    s.st_shndx != SHN_UNDEF && s.st_value <= UINT32_MAX)
			return (uint32_t)s.st_value;
	}
	return 0;
}

uint32_t elf_symbol(const uint8_t *img, size_t len, const char *name)
{
	/* elf_memory wants a writable buffer; the images are read-only. */
	char *copy = malloc(len ? len : 1);
	uint32_t addr = 0;
	if (!copy || elf_version(EV_CURRENT) == EV_NONE) {
		free(copy);
		return 0;
	}
	memcpy(copy, img, len);
	Elf *e = elf_memory(copy, len);
	for (Elf_Scn *scn = NULL; e && !addr && (scn = elf_nextscn(e, scn));) {
		GElf_Shdr sh;
		if (gelf_getshdr(scn, &sh) && sh.sh_type == SHT_SYMTAB)
			addr = find_in(e, scn, &sh, name);
	}
	if (e)
		elf_end(e);
	free(copy);
	return addr;
}

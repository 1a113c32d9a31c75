/* The symbols of an opened image (elf_image.h): the walk every symbol reader
 * shares, and one global symbol for the instruction sites the kernel names
 * for the VMM (fl_abi.h). A malformed table ends the walk, it is never read
 * past: libelf checks every offset. */
#include "elf_image.h"

#include <string.h>

int elf_image_symbols(const struct elf_image *im, elf_symbol_fn *fn, void *ctx)
{
	GElf_Shdr sh;
	if (!im->symtab || !gelf_getshdr(im->symtab, &sh))
		return -1;
	Elf_Data *d = elf_getdata(im->symtab, NULL);
	if (!d || !d->d_buf || !sh.sh_entsize)
		return -1;
	size_t n = sh.sh_size / sh.sh_entsize;
	for (size_t i = 0; i < n; i++) {
		GElf_Sym s;
		if (!gelf_getsym(d, (int)i, &s))
			return -1;
		int rc = fn(ctx, &s, elf_strptr(im->elf, sh.sh_link, s.st_name));
		if (rc)
			return rc;
	}
	return 0;
}

struct wanted {
	const char *name;
	uint32_t value;
};

static int match(void *ctx, const GElf_Sym *s, const char *name)
{
	struct wanted *w = ctx;
	if (!name || strcmp(name, w->name) || GELF_ST_BIND(s->st_info) != STB_GLOBAL ||
	    s->st_shndx == SHN_UNDEF || s->st_value > UINT32_MAX)
		return 0;
	w->value = (uint32_t)s->st_value;
	return 1;
}

uint32_t elf_symbol(const struct elf_image *im, const char *name)
{
	struct wanted w = { name, 0 };
	return elf_image_symbols(im, match, &w) == 1 ? w.value : 0;
}

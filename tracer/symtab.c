#include "symtab.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "elf_image.h"
#include "errorf.h"

static int add(struct symtab *t, uint32_t addr, uint32_t size, const char *name)
{
	if (t->n == t->cap) {
		size_t cap = t->cap ? 2 * t->cap : 256;
		struct sym *v = realloc(t->v, cap * sizeof(*v));
		if (!v)
			return -1;
		t->v = v;
		t->cap = cap;
	}
	char *copy = strdup(name);
	if (!copy)
		return -1;
	t->v[t->n++] = (struct sym){ addr, size, copy };
	return 0;
}

static int want(const GElf_Sym *s, const char *name)
{
	int type = GELF_ST_TYPE(s->st_info);
	return name && *name && *name != '.' && s->st_shndx != SHN_UNDEF &&
	       s->st_shndx < SHN_LORESERVE && (type == STT_FUNC || type == STT_NOTYPE);
}

static int add_symbol(void *ctx, const GElf_Sym *s, const char *name)
{
	return want(s, name) ? add(ctx, (uint32_t)s->st_value, (uint32_t)s->st_size, name) : 0;
}

/* Code sections name the addresses no function covers (".fixup+0x1c"), as
 * objdump does. */
static int add_code_sections(struct symtab *t, const struct elf_image *im)
{
	GElf_Shdr sh;
	const char *name;
	for (Elf_Scn *scn = NULL; (scn = elf_image_next_section(im, scn, &sh, &name));)
		if ((sh.sh_flags & SHF_EXECINSTR) && name && sh.sh_size &&
		    add(t, (uint32_t)sh.sh_addr, (uint32_t)sh.sh_size, name))
			return -1;
	return 0;
}

int symtab_add_elf(struct symtab *t, const struct elf_image *im, char *err, size_t errlen)
{
	if (add_code_sections(t, im) || elf_image_symbols(im, add_symbol, t))
		return errorf(err, errlen, "cannot read the symbol table: %s",
			      im->symtab ? elf_errmsg(-1) : "the image has none (stripped?)");
	return 0;
}

/* By address; at one address a section name sorts before a real symbol, so
 * the real one is found. */
static int by_addr(const void *a, const void *b)
{
	const struct sym *x = a, *y = b;
	if (x->addr != y->addr)
		return x->addr < y->addr ? -1 : 1;
	return (y->name[0] == '.') - (x->name[0] == '.');
}

void symtab_finish(struct symtab *t)
{
	if (t->n)
		qsort(t->v, t->n, sizeof(*t->v), by_addr);
}

void symtab_free(struct symtab *t)
{
	for (size_t i = 0; i < t->n; i++)
		free(t->v[i].name);
	free(t->v);
	*t = (struct symtab){ 0 };
}

const struct sym *symtab_find(const struct symtab *t, uint32_t addr)
{
	size_t lo = 0, hi = t->n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (t->v[mid].addr <= addr)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (!lo)
		return NULL;
	const struct sym *s = &t->v[lo - 1];
	/* A sized symbol that ends before addr does not name it. */
	return s->size && addr - s->addr >= s->size ? NULL : s;
}

int symtab_addr(const struct symtab *t, const char *name, uint32_t *addr)
{
	for (size_t i = 0; i < t->n; i++)
		if (!strcmp(t->v[i].name, name)) {
			*addr = t->v[i].addr;
			return 0;
		}
	return -1;
}

const char *symtab_format(const struct symtab *t, uint32_t addr, char *buf, size_t len)
{
	const struct sym *s = symtab_find(t, addr);
	if (s)
		snprintf(buf, len, "%s+0x%x", s->name, addr - s->addr);
	else
		snprintf(buf, len, "0x%08x", addr);
	return buf;
}

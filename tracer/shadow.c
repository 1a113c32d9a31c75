#include "shadow.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "elf_image.h"
#include "errorf.h"

/* The words of the section, converted from the file's byte order by libelf. */
static int decode(struct shadow_table *t, const struct elf_image *im, Elf_Data *d)
{
	if (d->d_size % EX_ENTRY_SIZE || (!d->d_buf && d->d_size))
		return -1;
	t->n = (uint32_t)(d->d_size / EX_ENTRY_SIZE);
	t->e = calloc(t->n ? t->n : 1, sizeof(*t->e));
	t->by_insn = calloc(t->n ? t->n : 1, sizeof(*t->by_insn));
	if (!t->e || !t->by_insn)
		return -1;
	Elf_Data src = *d, dst = { .d_buf = t->e, .d_size = (size_t)t->n * EX_ENTRY_SIZE,
				    .d_version = EV_CURRENT };
	src.d_type = ELF_T_WORD;
	if (t->n && !elf32_xlatetom(&dst, &src, im->ehdr.e_ident[EI_DATA]))
		return -1;
	return 0;
}

static const struct shadow_table *sorting;	/* qsort has no context argument */

static int by_insn(const void *a, const void *b)
{
	uint32_t x = sorting->e[*(const uint32_t *)a].insn, y = sorting->e[*(const uint32_t *)b].insn;
	return x < y ? -1 : x > y;
}

static void index_table(struct shadow_table *t)
{
	for (uint32_t i = 0; i < t->n; i++)
		t->by_insn[i] = i;
	sorting = t;
	qsort(t->by_insn, t->n, sizeof(*t->by_insn), by_insn);
	sorting = NULL;
}

/* The section's bytes and address, or NULL with *bad set if it has none in
 * the file. */
static Elf_Data *find_table(const struct elf_image *im, uint32_t *addr, int *bad)
{
	Elf_Scn *scn;
	GElf_Shdr sh;
	*bad = elf_image_section(im, "__ex_table", &scn, &sh) != 0;
	if (*bad || !scn)
		return NULL;
	*addr = (uint32_t)sh.sh_addr;
	Elf_Data *d = sh.sh_type == SHT_PROGBITS ? elf_rawdata(scn, NULL) : NULL;
	*bad = !d;
	return d;
}

int shadow_load(struct shadow_table *t, const char *owner, const struct elf_image *im,
		char *err, size_t errlen)
{
	*t = (struct shadow_table){ 0 };
	snprintf(t->owner, sizeof(t->owner), "%s", owner);
	int bad;
	Elf_Data *d = find_table(im, &t->addr, &bad);
	if (bad || (d && decode(t, im, d))) {
		shadow_free(t);
		return errorf(err, errlen, "%s: unreadable __ex_table", owner);
	}
	if (t->n)
		index_table(t);
	return 0;
}

void shadow_free(struct shadow_table *t)
{
	free(t->e);
	free(t->by_insn);
	t->e = NULL;
	t->by_insn = NULL;
	t->n = 0;
}

struct key {
	const struct shadow_table *t;
	uint32_t insn;
};

static int key_cmp(const void *k, const void *m)
{
	const struct key *key = k;
	uint32_t y = key->t->e[*(const uint32_t *)m].insn;
	return key->insn < y ? -1 : key->insn > y;
}

int shadow_lookup(const struct shadow_table *tabs, size_t n, uint32_t addr, struct shadow_hit *hit)
{
	for (size_t i = 0; i < n; i++) {
		struct key k = { &tabs[i], addr };
		const uint32_t *at = !tabs[i].n ? NULL : bsearch(&k, tabs[i].by_insn, tabs[i].n, sizeof(uint32_t), key_cmp);
		if (at) {
			*hit = (struct shadow_hit){ &tabs[i], *at, &tabs[i].e[*at] };
			return 1;
		}
	}
	return 0;
}

int shadow_by_fixup(const struct shadow_table *tabs, size_t n, uint32_t addr, uint32_t insn,
		    struct shadow_hit *hit)
{
	int found = 0;
	for (size_t i = 0; i < n; i++)
		for (uint32_t j = 0; j < tabs[i].n; j++) {
			const struct exception_table_entry *e = &tabs[i].e[j];
			if (e->fixup != addr || (found && e->insn != insn))
				continue;
			*hit = (struct shadow_hit){ &tabs[i], j, e };
			if (e->insn == insn)
				return 1;
			found = 1;
		}
	return found;
}

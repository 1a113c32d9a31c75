#include "shadow.h"

#include <gelf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The words of the section, converted from the file's byte order by libelf. */
static int decode(struct shadow_table *t, Elf *e, Elf_Data *d)
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
	if (t->n && !elf32_xlatetom(&dst, &src, elf_kind(e) == ELF_K_ELF ?
				     (unsigned)elf_getident(e, NULL)[EI_DATA] : ELFDATA2LSB))
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

static Elf_Scn *find_table(Elf *e, uint32_t *addr, int *bad)
{
	size_t shstrndx;
	*bad = elf_getshdrstrndx(e, &shstrndx) != 0;
	for (Elf_Scn *scn = NULL; !*bad && (scn = elf_nextscn(e, scn));) {
		GElf_Shdr sh;
		const char *name = gelf_getshdr(scn, &sh) ? elf_strptr(e, shstrndx, sh.sh_name) : NULL;
		if (name && !strcmp(name, "__ex_table")) {
			*bad = sh.sh_type != SHT_PROGBITS;	/* a table with no bytes in the file */
			*addr = (uint32_t)sh.sh_addr;
			return *bad ? NULL : scn;
		}
	}
	return NULL;
}

int shadow_load(struct shadow_table *t, const char *owner, const uint8_t *img, size_t len,
		char *err, size_t errlen)
{
	*t = (struct shadow_table){ 0 };
	snprintf(t->owner, sizeof(t->owner), "%s", owner);
	char *copy = malloc(len ? len : 1);
	if (!copy)
		return -1;
	memcpy(copy, img, len);
	elf_version(EV_CURRENT);
	Elf *e = elf_memory(copy, len);
	int bad = !e;
	Elf_Scn *scn = e ? find_table(e, &t->addr, &bad) : NULL;
	Elf_Data *d = scn ? elf_rawdata(scn, NULL) : NULL;
	int rc = bad || (scn && (!d || decode(t, e, d))) ? -1 : 0;
	if (!rc && t->n)
		index_table(t);
	if (rc) {
		snprintf(err, errlen, "%s: unreadable __ex_table", owner);
		shadow_free(t);
	}
	if (e)
		elf_end(e);
	free(copy);
	return rc;
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

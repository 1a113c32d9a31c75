#include "shadow.h"

#include <gelf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <kernel/extable.h>

#include "extable_io.h"

static int decode(struct shadow_table *t, const Elf_Data *d)
{
	if (d->d_size % EX_ENTRY_SIZE || (!d->d_buf && d->d_size))
		return -1;
	t->n = (uint32_t)(d->d_size / EX_ENTRY_SIZE);
	t->e = calloc(t->n ? t->n : 1, sizeof(*t->e));
	if (!t->e)
		return -1;
	extable_decode(d->d_buf, t->e, t->n);
	return extable_first_unsorted(t->e, t->n) >= 0 ? -1 : 0;
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
	size_t shstrndx;
	int rc = e && !elf_getshdrstrndx(e, &shstrndx) ? 0 : -1;
	for (Elf_Scn *scn = NULL; !rc && (scn = elf_nextscn(e, scn));) {
		GElf_Shdr sh;
		const char *name = gelf_getshdr(scn, &sh) ? elf_strptr(e, shstrndx, sh.sh_name) : NULL;
		if (!name || strcmp(name, "__ex_table"))
			continue;
		if (sh.sh_type != SHT_PROGBITS) {
			rc = -1;	/* a table with no bytes in the file */
			break;
		}
		Elf_Data *d = elf_getdata(scn, NULL);
		rc = d ? decode(t, d) : -1;
		break;
	}
	if (rc) {
		snprintf(err, errlen, "%s: unreadable or unsorted __ex_table", owner);
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
	t->e = NULL;
	t->n = 0;
}

int shadow_lookup(const struct shadow_table *tabs, size_t n, uint32_t addr, struct shadow_hit *hit)
{
	for (size_t i = 0; i < n; i++) {
		const struct exception_table_entry *e = search_extable(tabs[i].e, tabs[i].n, addr, NULL);
		if (e) {
			*hit = (struct shadow_hit){ &tabs[i], (uint32_t)(e - tabs[i].e), e };
			return 1;
		}
	}
	return 0;
}

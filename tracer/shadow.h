/*
 * The tracer's own copy of every exception table (the kernel's and each
 * module's), read from their opened ELF images (elf_image.h). Looking a faulting EIP up
 * here predicts what the guest's search_exception_table should find, without
 * trusting the guest and without running any of its code: the entries are
 * decoded by libelf and looked up with the C library's bsearch over a sorted
 * index, whatever order the guest's table is in. The tracer then compares
 * the prediction with what the guest did.
 */
#ifndef TRACER_SHADOW_H
#define TRACER_SHADOW_H

#include <stddef.h>
#include <stdint.h>
#include <fl_extable.h>

struct elf_image;

struct shadow_table {
	char owner[32];			/* "kernel" or the module's name */
	struct exception_table_entry *e;	/* in the image's order, as the guest holds it */
	uint32_t *by_insn;		/* indexes of e, sorted by insn */
	uint32_t n;
	uint32_t addr;			/* where the guest holds e: the section's address */
};

struct shadow_hit {
	const struct shadow_table *table;
	uint32_t idx;			/* in the image's order */
	const struct exception_table_entry *entry;
};

/* Read the image's __ex_table (none: an empty table). 0, or -1 with a
 * message that names the owner. */
int shadow_load(struct shadow_table *t, const char *owner, const struct elf_image *im,
		char *err, size_t errlen);
void shadow_free(struct shadow_table *t);
/* Search the tables in order, as the kernel does. 1 and *hit if found. */
int shadow_lookup(const struct shadow_table *tabs, size_t n, uint32_t addr, struct shadow_hit *hit);
/* The entry whose fixup is addr, preferring one for insn (the observation
 * of which entry the guest used). 1 and *hit if any. */
int shadow_by_fixup(const struct shadow_table *tabs, size_t n, uint32_t addr, uint32_t insn,
		    struct shadow_hit *hit);

#endif

/*
 * The tracer's own copy of every exception table (the kernel's and each
 * module's), read from the ELF files with libelf. Looking a faulting EIP up
 * here predicts what the guest's search_exception_table will find, without
 * trusting the guest; the tracer then checks where the guest really resumed.
 */
#ifndef TRACER_SHADOW_H
#define TRACER_SHADOW_H

#include <stddef.h>
#include <stdint.h>
#include <fl_extable.h>

struct shadow_table {
	char owner[32];			/* "kernel" or the module's name */
	struct exception_table_entry *e;
	uint32_t n;
};

struct shadow_hit {
	const struct shadow_table *table;
	uint32_t idx;
	const struct exception_table_entry *entry;
};

/* Read img's __ex_table (none: an empty table). 0, or -1 with a message. */
int shadow_load(struct shadow_table *t, const char *owner, const uint8_t *img, size_t len,
		char *err, size_t errlen);
void shadow_free(struct shadow_table *t);
/* Search the tables in order, as the kernel does. 1 and *hit if found. */
int shadow_lookup(const struct shadow_table *tabs, size_t n, uint32_t addr, struct shadow_hit *hit);

#endif

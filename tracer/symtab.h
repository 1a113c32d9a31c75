/* Guest symbols read from the kernel's (and modules') opened ELF images
 * (elf_image.h), for naming addresses ("do_page_fault+0x1c") and finding the
 * code the tracer watches. */
#ifndef TRACER_SYMTAB_H
#define TRACER_SYMTAB_H

#include <stddef.h>
#include <stdint.h>

struct sym {
	uint32_t addr, size;
	char *name;
};

struct elf_image;

struct symtab {
	struct sym *v;
	size_t n, cap;
};

/* Add the function and code-label symbols of an image. 0, or -1 with a
 * one-line message. */
int symtab_add_elf(struct symtab *t, const struct elf_image *im, char *err, size_t errlen);
/* Sort after the last add. */
void symtab_finish(struct symtab *t);
void symtab_free(struct symtab *t);
/* The symbol at or before addr, or NULL. */
const struct sym *symtab_find(const struct symtab *t, uint32_t addr);
/* 0 and the address of name, or -1. */
int symtab_addr(const struct symtab *t, const char *name, uint32_t *addr);
/* "name+0xoff" or "0x%08x" into buf. */
const char *symtab_format(const struct symtab *t, uint32_t addr, char *buf, size_t len);

#endif

/*
 * The one ELF reading layer. An image is opened and validated once, with
 * libelf; the kernel loader (elfload.h), the VMM's symbol lookup, the
 * tracer's symbol table and its exception-table reader all take what they
 * need from the opened image, and a DWARF reader can start from its Elf *.
 * Images come from files the user names, so every offset and size in them is
 * treated as hostile; errors follow errorf.h.
 */
#ifndef VMM_ELF_IMAGE_H
#define VMM_ELF_IMAGE_H

#include <gelf.h>
#include <stddef.h>
#include <stdint.h>

#define ELF_MAX_PHDRS 64	/* far above what ld emits; bounds the work */

/* Filled by elf_image_open; readers only read it. */
struct elf_image {
	const uint8_t *data;	/* the caller's bytes, which must outlive the image */
	size_t len;
	GElf_Ehdr ehdr;
	size_t phnum;		/* program headers, all inside the file */
	size_t shstrndx;	/* of the section names; SHN_UNDEF if there are none */
	int names_unreadable;	/* e_shstrndx is there, but libelf cannot read it */
	Elf_Scn *symtab;	/* the SHT_SYMTAB section; NULL in a stripped image */
	Elf *elf;
	char *copy;		/* libelf may write into what it parses: a private copy */
};

/* Opens data as an ELF32 little-endian i386 executable (EM_386, ET_EXEC)
 * whose program header table lies in the file. 0, or -1 with a message
 * naming the exact problem and nothing to close. */
int elf_image_open(struct elf_image *im, const uint8_t *data, size_t len, char *err,
		   size_t errlen);
/* Also harmless on an image that failed to open, or a zeroed one. */
void elf_image_close(struct elf_image *im);

/* The parsed image, for readers with needs of their own (libdw's
 * dwarf_begin_elf). It stays owned by im. */
Elf *elf_image_elf(const struct elf_image *im);

/* The section after scn (the first when scn is NULL) whose header is
 * readable, that header, and its name (NULL if unreadable); NULL after the
 * last. */
Elf_Scn *elf_image_next_section(const struct elf_image *im, Elf_Scn *scn, GElf_Shdr *sh,
				const char **name);
/* 0 and the section called name with its header (*scn NULL if there is
 * none), or -1 if the image's section names cannot be read. */
int elf_image_section(const struct elf_image *im, const char *name, Elf_Scn **scn,
		      GElf_Shdr *sh);

/* Called for each entry of the symbol table, with its name (NULL if
 * unreadable); a nonzero return stops the walk. */
typedef int elf_symbol_fn(void *ctx, const GElf_Sym *sym, const char *name);
/* Walks the symbol table in its order: 0 after the last symbol, fn's nonzero
 * return, or -1 when the image has no symbol table or it is unreadable. */
int elf_image_symbols(const struct elf_image *im, elf_symbol_fn *fn, void *ctx);
/* The value of a global, defined symbol, or 0 if there is none. */
uint32_t elf_symbol(const struct elf_image *im, const char *name);

#endif

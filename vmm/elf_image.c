#include "elf_image.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "errorf.h"

static int libelf_init(char *err, size_t errlen)
{
	static bool ready;

	if (!ready && elf_version(EV_CURRENT) == EV_NONE)
		return errorf(err, errlen, "libelf: %s", elf_errmsg(-1));
	ready = true;
	return 0;
}

/* libelf reports all of these as one generic "invalid ELF"; naming the exact
 * problem is what lets a user fix a wrong build. */
static int check_ident(const uint8_t *data, size_t len, char *err, size_t errlen)
{
	if (len < SELFMAG || memcmp(data, ELFMAG, SELFMAG) != 0)
		return errorf(err, errlen, "not an ELF file (no \\177ELF magic)");
	if (len < EI_NIDENT)
		return errorf(err, errlen, "truncated ELF header (%zu bytes)", len);
	if (data[EI_CLASS] == ELFCLASS64)
		return errorf(err, errlen, "wrong ELF class: ELF64, need ELF32");
	if (data[EI_CLASS] != ELFCLASS32)
		return errorf(err, errlen, "invalid ELF class %u, need ELF32", data[EI_CLASS]);
	if (data[EI_DATA] != ELFDATA2LSB)
		return errorf(err, errlen, "not a little-endian ELF file");
	if (data[EI_VERSION] != EV_CURRENT)
		return errorf(err, errlen, "unsupported ELF version %u", data[EI_VERSION]);
	if (len < sizeof(Elf32_Ehdr))
		return errorf(err, errlen, "truncated ELF header (%zu of %zu bytes)", len,
			      sizeof(Elf32_Ehdr));
	return 0;
}

static int check_ehdr(struct elf_image *im, char *err, size_t errlen)
{
	GElf_Ehdr *eh = &im->ehdr;

	if (!gelf_getehdr(im->elf, eh))
		return errorf(err, errlen, "corrupt ELF header: %s", elf_errmsg(-1));
	if (eh->e_machine != EM_386)
		return errorf(err, errlen, "wrong machine %u, need EM_386 (i386)", eh->e_machine);
	if (eh->e_type != ET_EXEC)
		return errorf(err, errlen, "wrong ELF type %u, need ET_EXEC", eh->e_type);
	/* e_phnum itself, not elf_getphdrnum(): that one quietly shrinks a count
	 * that runs past the file, which would hide segments instead of failing. */
	im->phnum = eh->e_phnum;
	if (im->phnum > ELF_MAX_PHDRS)
		return errorf(err, errlen, "too many program headers (%zu, max %u)", im->phnum,
			      ELF_MAX_PHDRS);
	if (im->phnum && eh->e_phentsize != sizeof(Elf32_Phdr))
		return errorf(err, errlen, "bad e_phentsize %u, need %zu", eh->e_phentsize,
			      sizeof(Elf32_Phdr));
	if (eh->e_phoff > im->len || im->phnum * sizeof(Elf32_Phdr) > im->len - eh->e_phoff)
		return errorf(err, errlen, "program header table beyond end of file");
	return 0;
}

/* What the readers look up by section: unreadable names or a missing symbol
 * table are not errors here, since the loader needs neither. */
static void index_sections(struct elf_image *im)
{
	GElf_Shdr sh;
	const char *name;

	im->names_unreadable = elf_getshdrstrndx(im->elf, &im->shstrndx) != 0;
	if (im->names_unreadable)
		im->shstrndx = SHN_UNDEF;
	Elf_Scn *scn = NULL;
	while (!im->symtab && (scn = elf_image_next_section(im, scn, &sh, &name)))
		if (sh.sh_type == SHT_SYMTAB)
			im->symtab = scn;
}

int elf_image_open(struct elf_image *im, const uint8_t *data, size_t len, char *err,
		   size_t errlen)
{
	*im = (struct elf_image){ .data = data, .len = len };
	if (libelf_init(err, errlen) || check_ident(data, len, err, errlen))
		return -1;
	im->copy = malloc(len);
	if (!im->copy)
		return errorf(err, errlen, "out of memory copying a %zu-byte ELF image", len);
	memcpy(im->copy, data, len);
	im->elf = elf_memory(im->copy, len);
	if (!im->elf) {
		errorf(err, errlen, "corrupt ELF file: %s", elf_errmsg(-1));
		elf_image_close(im);
		return -1;
	}
	if (check_ehdr(im, err, errlen)) {
		elf_image_close(im);
		return -1;
	}
	index_sections(im);
	return 0;
}

void elf_image_close(struct elf_image *im)
{
	elf_end(im->elf);
	free(im->copy);
	*im = (struct elf_image){ 0 };
}

Elf *elf_image_elf(const struct elf_image *im)
{
	return im->elf;
}

Elf_Scn *elf_image_next_section(const struct elf_image *im, Elf_Scn *scn, GElf_Shdr *sh,
				const char **name)
{
	while ((scn = elf_nextscn(im->elf, scn))) {
		if (!gelf_getshdr(scn, sh))
			continue;
		*name = im->shstrndx == SHN_UNDEF ? NULL
						  : elf_strptr(im->elf, im->shstrndx, sh->sh_name);
		return scn;
	}
	return NULL;
}

int elf_image_section(const struct elf_image *im, const char *name, Elf_Scn **scn,
		      GElf_Shdr *sh)
{
	const char *n;

	*scn = NULL;
	if (im->names_unreadable)
		return -1;
	while ((*scn = elf_image_next_section(im, *scn, sh, &n)))
		if (n && !strcmp(n, name))
			return 0;
	return 0;
}

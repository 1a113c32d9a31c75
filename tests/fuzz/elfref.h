/* A naive reading of an ELF32 image's program headers, independent of libelf,
 * for checking what the loader accepted. The harnesses only call it on images
 * the loader accepted, so the headers are known to be in the file. */
#ifndef ELFREF_H
#define ELFREF_H

#include <elf.h>
#include <stdint.h>
#include <string.h>

static inline Elf32_Ehdr elfref_ehdr(const uint8_t *img)
{
	Elf32_Ehdr e;
	memcpy(&e, img, sizeof(e));
	return e;
}

/* e_phnum, or section 0's sh_info when e_phnum is PN_XNUM (as libelf reads it). */
static inline unsigned elfref_phnum(const uint8_t *img, size_t len)
{
	Elf32_Ehdr e = elfref_ehdr(img);
	if (e.e_phnum != PN_XNUM)
		return e.e_phnum;
	Elf32_Shdr s0;
	if (e.e_shoff > len || len - e.e_shoff < sizeof(s0))
		return 0;
	memcpy(&s0, img + e.e_shoff, sizeof(s0));
	return s0.sh_info;
}

static inline Elf32_Phdr elfref_phdr(const uint8_t *img, unsigned i)
{
	Elf32_Phdr p;
	memcpy(&p, img + elfref_ehdr(img).e_phoff + (size_t)i * sizeof(p), sizeof(p));
	return p;
}

#endif

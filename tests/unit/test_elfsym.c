/* elf_symbol: a global, defined symbol's value from an ELF image, and 0 for
 * anything else, however the image is broken. */
#include <elf.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "elf_image.h"
#include "fl_abi.h"

#define TEXT_ADDR 0xC0100000u

/* A small ELF32 executable with a section table and a symbol table:
 * header, .text, .strtab, .symtab, .shstrtab, then the section headers. */
enum { SH_NULL, SH_TEXT, SH_SYMTAB, SH_STRTAB, SH_SHSTRTAB, NR_SH };

struct elf_with_symtab {
	_Alignas(8) uint8_t b[1024];
	size_t len;
	size_t symtab_off, strtab_off, shoff;
	size_t nsyms;
};

static const char strtab[] = "\0local_fn\0global_fn\0undef_fn\0weak_fn\0abs_sym\0data_obj";
static const char shstrtab[] = "\0.text\0.symtab\0.strtab\0.shstrtab";

/* Where the string s starts in a string table. */
static uint32_t name_at(const char *tab, size_t size, const char *s)
{
	for (size_t i = 1; i < size; i += strlen(tab + i) + 1)
		if (!strcmp(tab + i, s))
			return (uint32_t)i;
	fail_msg("no \"%s\" in the string table", s);
	return 0;
}
#define NAME(s) name_at(strtab, sizeof(strtab), s)
#define SHNAME(s) name_at(shstrtab, sizeof(shstrtab), s)

static size_t put(struct elf_with_symtab *im, const void *p, size_t n, size_t align)
{
	im->len = (im->len + align - 1) / align * align;
	size_t at = im->len;
	assert_true(at + n <= sizeof(im->b));
	memcpy(im->b + at, p, n);
	im->len += n;
	return at;
}

static Elf32_Shdr *shdr(struct elf_with_symtab *im, unsigned i)
{
	return (Elf32_Shdr *)(im->b + im->shoff) + i;
}

static Elf32_Sym *sym(struct elf_with_symtab *im, unsigned i)
{
	return (Elf32_Sym *)(im->b + im->symtab_off) + i;
}

static void build(struct elf_with_symtab *im)
{
	static const uint8_t text[16] = { 0xe7, 0xf4, 0xc3 };
	const Elf32_Sym syms[] = {
		{ 0 },
		{ NAME("local_fn"), TEXT_ADDR + 4, 1, ELF32_ST_INFO(STB_LOCAL, STT_FUNC), 0, SH_TEXT },
		{ NAME("global_fn"), TEXT_ADDR, 3, ELF32_ST_INFO(STB_GLOBAL, STT_FUNC), 0, SH_TEXT },
		{ NAME("undef_fn"), TEXT_ADDR + 8, 0, ELF32_ST_INFO(STB_GLOBAL, STT_NOTYPE), 0,
		  SHN_UNDEF },
		{ NAME("weak_fn"), TEXT_ADDR + 6, 1, ELF32_ST_INFO(STB_WEAK, STT_FUNC), 0, SH_TEXT },
		{ NAME("abs_sym"), 0x1234, 0, ELF32_ST_INFO(STB_GLOBAL, STT_NOTYPE), 0, SHN_ABS },
		{ NAME("data_obj"), TEXT_ADDR + 12, 4, ELF32_ST_INFO(STB_GLOBAL, STT_OBJECT), 0,
		  SH_TEXT },
	};
	Elf32_Ehdr eh = { 0 };
	Elf32_Shdr sh[NR_SH] = { { 0 } };

	memset(im, 0, sizeof(*im));
	memcpy(eh.e_ident, ELFMAG, SELFMAG);
	eh.e_ident[EI_CLASS] = ELFCLASS32;
	eh.e_ident[EI_DATA] = ELFDATA2LSB;
	eh.e_ident[EI_VERSION] = EV_CURRENT;
	eh.e_type = ET_EXEC;
	eh.e_machine = EM_386;
	eh.e_version = EV_CURRENT;
	eh.e_entry = TEXT_ADDR;
	eh.e_ehsize = sizeof(Elf32_Ehdr);
	eh.e_shentsize = sizeof(Elf32_Shdr);
	eh.e_shnum = NR_SH;
	eh.e_shstrndx = SH_SHSTRTAB;
	put(im, &eh, sizeof(eh), 1);

	size_t text_off = put(im, text, sizeof(text), 16);
	im->strtab_off = put(im, strtab, sizeof(strtab), 1);
	im->symtab_off = put(im, syms, sizeof(syms), 4);
	im->nsyms = sizeof(syms) / sizeof(syms[0]);
	size_t shstr_off = put(im, shstrtab, sizeof(shstrtab), 1);

	sh[SH_TEXT] = (Elf32_Shdr){ SHNAME(".text"), SHT_PROGBITS, SHF_ALLOC | SHF_EXECINSTR,
				    TEXT_ADDR, (Elf32_Off)text_off, sizeof(text), 0, 0, 16, 0 };
	sh[SH_SYMTAB] = (Elf32_Shdr){ SHNAME(".symtab"), SHT_SYMTAB, 0, 0,
				      (Elf32_Off)im->symtab_off, sizeof(syms), SH_STRTAB, 2, 4,
				      sizeof(Elf32_Sym) };
	sh[SH_STRTAB] = (Elf32_Shdr){ SHNAME(".strtab"), SHT_STRTAB, 0, 0,
				      (Elf32_Off)im->strtab_off, sizeof(strtab), 0, 0, 1, 0 };
	sh[SH_SHSTRTAB] = (Elf32_Shdr){ SHNAME(".shstrtab"), SHT_STRTAB, 0, 0, (Elf32_Off)shstr_off,
					sizeof(shstrtab), 0, 0, 1, 0 };
	im->shoff = put(im, sh, sizeof(sh), 4);
	((Elf32_Ehdr *)im->b)->e_shoff = (Elf32_Off)im->shoff;
}

/* elf_symbol on an exact-size heap copy, so ASan sees any read past the end;
 * an image that does not open has no symbol. */
static uint32_t lookup(const uint8_t *img, size_t len, const char *name)
{
	struct elf_image im;
	uint32_t v = 0;
	uint8_t *copy = malloc(len ? len : 1);
	assert_non_null(copy);
	memcpy(copy, img, len);
	if (!elf_image_open(&im, copy, len, NULL, 0)) {
		v = elf_symbol(&im, name);
		elf_image_close(&im);
	}
	free(copy);
	return v;
}

static void finds_global_symbols(void **state)
{
	(void)state;
	struct elf_with_symtab im;
	build(&im);
	assert_int_equal(lookup(im.b, im.len, "global_fn"), TEXT_ADDR);
	assert_int_equal(lookup(im.b, im.len, "data_obj"), TEXT_ADDR + 12);
	assert_int_equal(lookup(im.b, im.len, "abs_sym"), 0x1234);
}

static void zero_for_anything_else(void **state)
{
	(void)state;
	struct elf_with_symtab im;
	build(&im);
	static const char *const names[] = {
		"missing", "local_fn", "undef_fn", "weak_fn", "", "global", "global_fn2",
		"lobal_fn", ".text", ".symtab",
	};
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (lookup(im.b, im.len, names[i]))
			fail_msg("found \"%s\"", names[i]);
}

/* One field broken at a time: the symbol is not found, and nothing is read
 * that the image does not hold. */
static void broken_tables_are_no_symbol(void **state)
{
	(void)state;
	struct elf_with_symtab im;

	build(&im);
	shdr(&im, SH_SYMTAB)->sh_entsize = 0;
	assert_int_equal(lookup(im.b, im.len, "global_fn"), 0);

	build(&im);
	shdr(&im, SH_SYMTAB)->sh_size = 0x10000;	/* beyond the end of the file */
	assert_int_equal(lookup(im.b, im.len, "global_fn"), 0);

	build(&im);
	shdr(&im, SH_SYMTAB)->sh_offset = 0xfffffff0u;
	assert_int_equal(lookup(im.b, im.len, "global_fn"), 0);

	build(&im);
	shdr(&im, SH_SYMTAB)->sh_link = SH_TEXT;	/* names from a non-string section */
	assert_int_equal(lookup(im.b, im.len, "global_fn"), 0);

	build(&im);
	shdr(&im, SH_SYMTAB)->sh_link = 200;		/* names from no section at all */
	assert_int_equal(lookup(im.b, im.len, "global_fn"), 0);

	build(&im);
	sym(&im, 2)->st_name = 0x7fffffff;		/* a name beyond the string table */
	assert_int_equal(lookup(im.b, im.len, "global_fn"), 0);
	assert_int_equal(lookup(im.b, im.len, "data_obj"), TEXT_ADDR + 12);

	build(&im);
	shdr(&im, SH_STRTAB)->sh_size = NAME("global_fn") + 3;	/* its name cut short */
	assert_int_equal(lookup(im.b, im.len, "global_fn"), 0);

	build(&im);
	((Elf32_Ehdr *)im.b)->e_shnum = 0;		/* no section table */
	assert_int_equal(lookup(im.b, im.len, "global_fn"), 0);

	build(&im);
	((Elf32_Ehdr *)im.b)->e_shoff = 0xffffff00u;
	assert_int_equal(lookup(im.b, im.len, "global_fn"), 0);

	build(&im);
	shdr(&im, SH_SYMTAB)->sh_type = SHT_PROGBITS;	/* no symbol table */
	assert_int_equal(lookup(im.b, im.len, "global_fn"), 0);

	build(&im);
	im.b[EI_MAG0] = 0;				/* not ELF */
	assert_int_equal(lookup(im.b, im.len, "global_fn"), 0);
}

/* Every truncation: the section table is at the end, so nothing is found,
 * and nothing is read beyond the length given. */
static void truncated_images(void **state)
{
	(void)state;
	struct elf_with_symtab im;
	build(&im);
	for (size_t n = 0; n < im.len; n++)
		if (lookup(im.b, n, "global_fn"))
			fail_msg("found a symbol in the first %zu of %zu bytes", n, im.len);
	assert_int_equal(lookup(im.b, im.len, "global_fn"), TEXT_ADDR);
}

/* Every value of every byte of the image: any answer, but no crash. */
static void every_byte_every_value(void **state)
{
	(void)state;
	struct elf_with_symtab valid, im;
	build(&valid);
	for (size_t i = 0; i < valid.len; i++) {
		for (unsigned v = 0; v < 256; v++) {
			im = valid;
			im.b[i] = (uint8_t)v;
			(void)lookup(im.b, im.len, "global_fn");
		}
	}
}

static uint32_t rng(uint32_t *s)
{
	*s = *s * 1103515245u + 12345u;
	return *s >> 8;
}

/* Random bytes, bare and behind a valid ELF header: no symbol. */
static void garbage(void **state)
{
	(void)state;
	struct elf_with_symtab valid;
	uint8_t buf[2048];
	uint32_t seed = 1;
	build(&valid);
	for (unsigned round = 0; round < 2000; round++) {
		size_t n = rng(&seed) % sizeof(buf);
		for (size_t i = 0; i < n; i++)
			buf[i] = (uint8_t)rng(&seed);
		if (round & 1)
			memcpy(buf, valid.b, n < sizeof(Elf32_Ehdr) ? n : sizeof(Elf32_Ehdr));
		if (lookup(buf, n, "global_fn"))
			fail_msg("round %u: a symbol in garbage", round);
	}
}

/* The kernel the build made, when `make test` names it: its hypercall site
 * is the `outl %eax, $FL_HC_PORT` the ABI promises. */
static void real_kernel(void **state)
{
	(void)state;
	const char *path = getenv("FL_KERNEL_ELF");
	if (!path || !*path)
		skip();
	FILE *fp = fopen(path, "rb");
	if (!fp)
		fail_msg("cannot open %s", path);
	static uint8_t img[8 << 20];
	size_t len = fread(img, 1, sizeof(img), fp);
	fclose(fp);
	assert_true(len > sizeof(Elf32_Ehdr) && len < sizeof(img));

	uint32_t site = lookup(img, len, FL_HC_SITE_SYMBOL);
	assert_true(site >= FL_PAGE_OFFSET);
	const Elf32_Ehdr *eh = (const Elf32_Ehdr *)img;
	const uint8_t *at = NULL;
	for (unsigned i = 0; i < eh->e_phnum; i++) {
		const Elf32_Phdr *ph = (const Elf32_Phdr *)(img + eh->e_phoff) + i;
		if (ph->p_type == PT_LOAD && site >= ph->p_vaddr && site - ph->p_vaddr + 2 <= ph->p_filesz)
			at = img + ph->p_offset + (site - ph->p_vaddr);
	}
	assert_non_null(at);
	assert_int_equal(at[0], 0xe7);		/* out %eax, imm8 */
	assert_int_equal(at[1], FL_HC_PORT);

	assert_int_equal(lookup(img, len, "no_such_symbol_in_the_kernel"), 0);
	/* cut anywhere in the last few KiB (where the section table is): nothing */
	for (size_t n = len - 4096; n < len; n += 61)
		assert_int_equal(lookup(img, n, FL_HC_SITE_SYMBOL), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(finds_global_symbols),
		cmocka_unit_test(zero_for_anything_else),
		cmocka_unit_test(broken_tables_are_no_symbol),
		cmocka_unit_test(truncated_images),
		cmocka_unit_test(every_byte_every_value),
		cmocka_unit_test(garbage),
		cmocka_unit_test(real_kernel),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

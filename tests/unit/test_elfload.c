#include <elf.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "elfload.h"
#include "fl_abi.h"
#include "readfile.h"

/* A minimal two-segment image: text (R+X, 32 bytes) and data (R+W, 16 bytes
 * of file data plus 48 of bss), headers at the front. */
#define TEXT_OFF    128u
#define TEXT_SZ     32u
#define DATA_OFF    160u
#define DATA_FILESZ 16u
#define DATA_MEMSZ  64u
#define IMG_LEN     176u

#define KPHYS       FL_KERNEL_PHYS
#define KVIRT       (FL_PAGE_OFFSET + FL_KERNEL_PHYS)
#define UVIRT       0x08048000u
#define MEM_SIZE    (2u << 20)
#define FILL        0xAA

struct two_segment_elf {
	_Alignas(Elf32_Ehdr) uint8_t b[IMG_LEN];
	size_t len;
};

struct fixture {
	struct two_segment_elf im;
	struct guest_mem mem;
	char err[256];
	const struct bad_case *bad;	/* the prestate, for test_bad_case */
};

static Elf32_Ehdr *eh(struct two_segment_elf *im)
{
	return (Elf32_Ehdr *)im->b;
}

static Elf32_Phdr *ph(struct two_segment_elf *im, unsigned i)
{
	return (Elf32_Phdr *)(im->b + sizeof(Elf32_Ehdr)) + i;
}

/* Text is linked at vbase / pbase, data one page above both. */
static void build(struct two_segment_elf *im, uint32_t vbase, uint32_t pbase)
{
	memset(im, 0, sizeof(*im));
	im->len = IMG_LEN;
	Elf32_Ehdr *e = eh(im);
	memcpy(e->e_ident, ELFMAG, SELFMAG);
	e->e_ident[EI_CLASS] = ELFCLASS32;
	e->e_ident[EI_DATA] = ELFDATA2LSB;
	e->e_ident[EI_VERSION] = EV_CURRENT;
	e->e_type = ET_EXEC;
	e->e_machine = EM_386;
	e->e_version = EV_CURRENT;
	e->e_entry = vbase + 4;
	e->e_phoff = sizeof(Elf32_Ehdr);
	e->e_ehsize = sizeof(Elf32_Ehdr);
	e->e_phentsize = sizeof(Elf32_Phdr);
	e->e_phnum = 2;
	*ph(im, 0) = (Elf32_Phdr){ PT_LOAD, TEXT_OFF, vbase, pbase, TEXT_SZ, TEXT_SZ,
				   PF_R | PF_X, 0x1000 };
	*ph(im, 1) = (Elf32_Phdr){ PT_LOAD, DATA_OFF, vbase + 0x1000, pbase + 0x1000,
				   DATA_FILESZ, DATA_MEMSZ, PF_R | PF_W, 0x1000 };
	for (unsigned i = TEXT_OFF; i < IMG_LEN; i++)
		im->b[i] = (uint8_t)(i * 7 + 1);
}

static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof(*f));
	if (!f)
		return -1;
	f->bad = *state;
	f->mem.size = MEM_SIZE;
	f->mem.host = malloc(MEM_SIZE);
	if (!f->mem.host) {
		free(f);
		return -1;
	}
	memset(f->mem.host, FILL, MEM_SIZE);
	build(&f->im, KVIRT, KPHYS);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;
	free(f->mem.host);
	free(f);
	return 0;
}

/* elf_load_kernel on the bytes of an image, opened for the call. */
static int load_bytes(const uint8_t *img, size_t len, struct guest_mem *mem,
		      struct elf_loaded *out, char *err, size_t errlen)
{
	struct elf_image im;
	if (elf_image_open(&im, img, len, err, errlen))
		return -1;
	int rc = elf_load_kernel(&im, mem, KPHYS, out, err, errlen);
	elf_image_close(&im);
	return rc;
}

static int load(struct fixture *f, struct elf_loaded *out)
{
	return load_bytes(f->im.b, f->im.len, &f->mem, out, f->err, sizeof(f->err));
}

static void assert_msg(const char *err, const char *needle)
{
	if (!strstr(err, needle))
		fail_msg("error \"%s\" does not mention \"%s\"", err, needle);
	assert_null(strchr(err, '\n'));
}

static void test_kernel_loads(void **state)
{
	struct fixture *f = *state;
	struct elf_loaded out;
	const uint8_t *ram = f->mem.host;

	assert_int_equal(load(f, &out), 0);
	assert_int_equal(out.entry, KVIRT + 4);
	assert_int_equal(out.phys_lo, KPHYS);
	assert_int_equal(out.phys_hi, KPHYS + 0x1000 + DATA_MEMSZ);
	assert_memory_equal(ram + KPHYS, f->im.b + TEXT_OFF, TEXT_SZ);
	assert_int_equal(ram[KPHYS + TEXT_SZ], FILL);
	assert_int_equal(ram[KPHYS - 1], FILL);
	assert_memory_equal(ram + KPHYS + 0x1000, f->im.b + DATA_OFF, DATA_FILESZ);
	for (unsigned i = DATA_FILESZ; i < DATA_MEMSZ; i++)
		assert_int_equal(ram[KPHYS + 0x1000 + i], 0);
	assert_int_equal(ram[KPHYS + 0x1000 + DATA_MEMSZ], FILL);
}

/* Only physical placement matters to the kernel loader. */
static void test_kernel_vaddr_overlap_ok(void **state)
{
	struct fixture *f = *state;
	struct elf_loaded out;
	ph(&f->im, 1)->p_vaddr = KVIRT;
	assert_int_equal(load(f, &out), 0);
}

struct patch {
	size_t off, size;	/* size 0 ends the list */
	uint32_t val;
};

#define ID(i, v)        { (i), 1, (v) }
#define EH(f, v)        { offsetof(Elf32_Ehdr, f), sizeof(((Elf32_Ehdr *)0)->f), (v) }
#define PH(i, f, v)     { sizeof(Elf32_Ehdr) + (i) * sizeof(Elf32_Phdr) + offsetof(Elf32_Phdr, f), \
			  sizeof(((Elf32_Phdr *)0)->f), (v) }

/* One malformed image: the valid kernel (or program) image with a few fields
 * overwritten, and the words its error message must contain. */
struct bad_case {
	const char *name;
	bool program;		/* check with elf_check_program on the user image */
	size_t len;		/* 0: the whole image */
	struct patch p[3];
	const char *needle;
};

static const struct bad_case bad_cases[] = {
	{ "not_elf", false, 0, { ID(1, 'X') }, "not an ELF file" },
	{ "truncated", false, 40, { { 0 } }, "truncated ELF header" },
	{ "elf64", false, 0, { ID(EI_CLASS, ELFCLASS64) }, "ELF64" },
	{ "big_endian", false, 0, { ID(EI_DATA, ELFDATA2MSB) }, "little-endian" },
	{ "wrong_machine", false, 0, { EH(e_machine, EM_X86_64) }, "wrong machine" },
	{ "wrong_type", false, 0, { EH(e_type, ET_DYN) }, "wrong ELF type" },
	{ "wrong_type_program", true, 0, { EH(e_type, ET_DYN) }, "wrong ELF type" },
	{ "no_load", false, 0, { PH(0, p_type, PT_NOTE), PH(1, p_type, PT_NOTE) }, "no PT_LOAD" },
	{ "file_data_beyond_end", false, 0, { PH(1, p_filesz, DATA_MEMSZ) }, "beyond end of file" },
	{ "file_data_overflow", false, 0,
	  { PH(1, p_offset, 0xfffffff0u), PH(1, p_filesz, 0x20), PH(1, p_memsz, 0x20) },
	  "beyond end of file" },
	{ "filesz_above_memsz", false, 0, { PH(1, p_memsz, DATA_FILESZ - 1) }, "p_filesz > p_memsz" },
	{ "addr_overflow", false, 0, { PH(1, p_paddr, 0xfffff000u), PH(1, p_memsz, 0x2000) },
	  "overflows 32 bits" },
	{ "beyond_guest_memory", false, 0, { PH(1, p_paddr, MEM_SIZE - 0x10) },
	  "beyond end of guest memory" },
	{ "below_min_paddr", false, 0, { PH(1, p_paddr, KPHYS - 0x1000) },
	  "below the kernel load floor" },
	{ "overlap_paddr", false, 0, { PH(1, p_paddr, KPHYS + TEXT_SZ - 1) }, "overlap" },
	{ "entry_not_exec", false, 0, { EH(e_entry, KVIRT + 0x1000) }, "entry point" },
	{ "entry_outside", false, 0, { EH(e_entry, KVIRT + TEXT_SZ) }, "entry point" },
	{ "too_many_phdrs", false, 0, { EH(e_phnum, ELF_MAX_PHDRS + 1) }, "too many program headers" },
	{ "bad_phentsize", false, 0, { EH(e_phentsize, sizeof(Elf32_Phdr) + 4) }, "e_phentsize" },
	{ "phdrs_beyond_end", false, 0, { EH(e_phoff, IMG_LEN - sizeof(Elf32_Phdr)) },
	  "program header table beyond end of file" },
	{ "program_below_user", true, 0, { PH(0, p_vaddr, 0), EH(e_entry, 4) },
	  "below user space start" },
	{ "program_above_task_size", true, 0, { PH(1, p_vaddr, FL_TASK_SIZE - 0x10) },
	  "beyond user space end" },
	{ "program_overlap_vaddr", true, 0, { PH(1, p_vaddr, UVIRT + 0x10) }, "overlap" },
	/* No byte in common, but the guest maps whole pages: it would refuse. */
	{ "program_share_page", true, 0, { PH(1, p_vaddr, UVIRT + 0x800) }, "overlap in the page" },
	{ "program_interp", true, 0, { PH(1, p_type, PT_INTERP) }, "PT_INTERP" },
	{ "program_dynamic", true, 0, { PH(1, p_type, PT_DYNAMIC) }, "PT_DYNAMIC" },
	{ "program_entry_not_exec", true, 0, { EH(e_entry, UVIRT + 0x1000) }, "entry point" },
};

#define N_BAD (sizeof(bad_cases) / sizeof(bad_cases[0]))

/* The test host is little-endian like the images, so a truncated copy of the
 * value is its low bytes. */
static void apply(struct two_segment_elf *im, const struct patch *p)
{
	uint8_t v8 = (uint8_t)p->val;
	uint16_t v16 = (uint16_t)p->val;
	const void *src = p->size == 1 ? (const void *)&v8
			: p->size == 2 ? (const void *)&v16 : (const void *)&p->val;
	memcpy(im->b + p->off, src, p->size);
}

static void test_bad_case(void **state)
{
	struct fixture *f = *state;
	const struct bad_case *c = f->bad;
	struct elf_loaded out;
	int rc;

	if (c->program)
		build(&f->im, UVIRT, UVIRT);
	for (unsigned i = 0; i < 3 && c->p[i].size; i++)
		apply(&f->im, &c->p[i]);
	if (c->len)
		f->im.len = c->len;
	if (c->program)
		rc = elf_check_program(f->im.b, f->im.len, f->err, sizeof(f->err));
	else
		rc = load(f, &out);
	assert_int_equal(rc, -1);
	assert_msg(f->err, c->needle);
}

static void test_short_err_buffer(void **state)
{
	struct fixture *f = *state;
	struct elf_loaded out;
	char err[8];
	memset(err, 'x', sizeof(err));
	eh(&f->im)->e_machine = EM_X86_64;
	assert_int_equal(load_bytes(f->im.b, f->im.len, &f->mem, &out, err, sizeof(err)), -1);
	assert_int_equal(err[sizeof(err) - 1], '\0');
	assert_int_equal(load_bytes(f->im.b, f->im.len, &f->mem, &out, NULL, 0), -1);
}

static void test_program_ok(void **state)
{
	struct fixture *f = *state;
	build(&f->im, UVIRT, UVIRT);
	memset(f->mem.host, FILL, MEM_SIZE);
	assert_int_equal(elf_check_program(f->im.b, f->im.len, f->err, sizeof(f->err)), 0);
	for (size_t i = 0; i < MEM_SIZE; i++)
		if (f->mem.host[i] != FILL)
			fail_msg("guest memory written at 0x%zx", i);
}

/* Arbitrary and truncated images: tests/fuzz/fuzz_elf_kernel.c and
 * fuzz_elf_program.c, which check what an accepted image holds. */

static void write_tmp(char *path, const void *data, size_t len)
{
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, data, len), (ssize_t)len);
	close(fd);
}

static void test_read_file(void **state)
{
	struct fixture *f = *state;
	char path[] = "/tmp/test_elfload.XXXXXX";
	uint8_t *img = NULL;
	size_t len = 0;

	write_tmp(path, f->im.b, IMG_LEN);
	int rc = read_whole_file(path, IMG_LEN, &img, &len, f->err, sizeof(f->err));
	int too_big = read_whole_file(path, IMG_LEN - 1, &img, &len, f->err, sizeof(f->err));
	unlink(path);
	assert_int_equal(rc, 0);
	assert_int_equal(len, IMG_LEN);
	assert_memory_equal(img, f->im.b, IMG_LEN);
	free(img);
	assert_int_equal(too_big, -1);
	assert_msg(f->err, "too large");
	assert_msg(f->err, path);
}

static void test_read_file_errors(void **state)
{
	struct fixture *f = *state;
	char path[] = "/tmp/test_elfload.XXXXXX";
	uint8_t *img = NULL;
	size_t len = 0;
	const char *missing = "/nonexistent/faultline-kernel.elf";

	assert_int_equal(read_whole_file(missing, 1 << 20, &img, &len, f->err, sizeof(f->err)), -1);
	assert_msg(f->err, missing);
	assert_msg(f->err, "No such file");
	assert_int_equal(read_whole_file("/", 1 << 20, &img, &len, f->err, sizeof(f->err)), -1);
	assert_msg(f->err, "not a regular file");
	write_tmp(path, "", 0);
	int rc = read_whole_file(path, 1 << 20, &img, &len, f->err, sizeof(f->err));
	unlink(path);
	assert_int_equal(rc, -1);
	assert_msg(f->err, "empty file");
	assert_null(img);
}

/* The real kernel, when the build hands one over. */
static void test_real_kernel(void **state)
{
	(void)state;
	const char *path = getenv("FL_KERNEL_ELF");
	char err[256];
	uint8_t *img;
	size_t len;
	struct elf_loaded out;

	if (!path || !*path)
		skip();
	struct guest_mem mem = { .size = 64u << 20 };
	mem.host = calloc(1, mem.size);
	assert_non_null(mem.host);
	if (read_whole_file(path, mem.size, &img, &len, err, sizeof(err)))
		fail_msg("%s", err);
	int rc = load_bytes(img, len, &mem, &out, err, sizeof(err));
	free(img);
	free(mem.host);
	if (rc)
		fail_msg("%s", err);
	assert_true(out.entry >= FL_PAGE_OFFSET);
	assert_true(out.phys_lo >= FL_KERNEL_PHYS && out.phys_lo < out.phys_hi);
}

#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)

int main(void)
{
	static const struct CMUnitTest fixed[] = {
		T(test_kernel_loads), T(test_kernel_vaddr_overlap_ok), T(test_short_err_buffer),
		T(test_program_ok),
		T(test_read_file), T(test_read_file_errors), T(test_real_kernel),
	};
	enum { N_FIXED = sizeof(fixed) / sizeof(fixed[0]) };
	struct CMUnitTest tests[N_FIXED + N_BAD];

	memcpy(tests, fixed, sizeof(fixed));
	for (size_t i = 0; i < N_BAD; i++)
		tests[N_FIXED + i] = (struct CMUnitTest){
			.name = bad_cases[i].name, .test_func = test_bad_case,
			.setup_func = setup, .teardown_func = teardown,
			.initial_state = (void *)&bad_cases[i],
		};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

/*
 * The tracer's prediction, checked against the plainest possible reference:
 * for the real kernel's table, in its sorted order and again with its entries
 * reversed in the image (an unsorted table, as a broken kernel might carry),
 * every entry is found at its own index by shadow_lookup, and nothing else is.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <gelf.h>

#include "elf_image.h"
#include "readfile.h"
#include "shadow.h"

struct img {
	uint8_t *data;
	size_t len;
	size_t table_off, table_len;	/* __ex_table's bytes in the file */
	size_t table_shdr;		/* and where its section header is */
};

static void locate_table(struct img *m)
{
	elf_version(EV_CURRENT);
	Elf *e = elf_memory((char *)m->data, m->len);
	size_t shstrndx;
	GElf_Ehdr eh;
	assert_non_null(e);
	assert_non_null(gelf_getehdr(e, &eh));
	assert_int_equal(elf_getshdrstrndx(e, &shstrndx), 0);
	for (Elf_Scn *scn = NULL; (scn = elf_nextscn(e, scn));) {
		GElf_Shdr sh;
		assert_non_null(gelf_getshdr(scn, &sh));
		if (!strcmp(elf_strptr(e, shstrndx, sh.sh_name), "__ex_table")) {
			m->table_off = sh.sh_offset;
			m->table_len = sh.sh_size;
			m->table_shdr = eh.e_shoff + elf_ndxscn(scn) * eh.e_shentsize;
		}
	}
	elf_end(e);
	assert_true(m->table_len >= 3 * EX_ENTRY_SIZE);
}

static int load_kernel(void **state)
{
	const char *path = getenv("FL_KERNEL_ELF");
	char err[256];
	struct img *m = calloc(1, sizeof(*m));
	if (!path || !*path || !m || read_whole_file(path, 64u << 20, &m->data, &m->len, err, sizeof(err))) {
		free(m);
		return -1;
	}
	locate_table(m);
	*state = m;
	return 0;
}

static int free_kernel(void **state)
{
	struct img *m = *state;
	free(m->data);
	free(m);
	return 0;
}

static uint32_t word(const uint8_t *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

/* shadow_load on the bytes of an image, opened for the call. */
static int load_bytes(struct shadow_table *t, const char *owner, const uint8_t *data, size_t len,
		      char *err, size_t errlen)
{
	struct elf_image im;
	assert_int_equal(elf_image_open(&im, data, len, err, errlen), 0);
	int rc = shadow_load(t, owner, &im, err, errlen);
	elf_image_close(&im);
	return rc;
}

/* Every entry at its own index; the addresses between entries miss. */
static void check_every_entry(const struct img *m)
{
	struct shadow_table t;
	struct shadow_hit hit;
	char err[128];
	const uint8_t *tab = m->data + m->table_off;
	uint32_t n = (uint32_t)(m->table_len / EX_ENTRY_SIZE);
	assert_int_equal(load_bytes(&t, "kernel", m->data, m->len, err, sizeof(err)), 0);
	assert_int_equal(t.n, n);
	for (uint32_t i = 0; i < n; i++) {
		uint32_t insn = word(tab + i * EX_ENTRY_SIZE), fixup = word(tab + i * EX_ENTRY_SIZE + 4);
		assert_int_equal(shadow_lookup(&t, 1, insn, &hit), 1);
		assert_int_equal(hit.idx, i);
		assert_int_equal(hit.entry->fixup, fixup);
		assert_int_equal(shadow_lookup(&t, 1, insn + 1, &hit), 0);
		assert_int_equal(shadow_by_fixup(&t, 1, fixup, insn, &hit), 1);
		assert_int_equal(hit.entry->insn, insn);
	}
	assert_int_equal(shadow_lookup(&t, 1, 0, &hit), 0);
	assert_int_equal(shadow_lookup(&t, 1, 0xffffffffu, &hit), 0);
	shadow_free(&t);
}

static void sorted_table(void **state)
{
	check_every_entry(*state);
}

static void reversed_table(void **state)
{
	struct img *m = *state;
	uint8_t *tab = m->data + m->table_off, tmp[EX_ENTRY_SIZE];
	size_t n = m->table_len / EX_ENTRY_SIZE;
	for (size_t i = 0; i < n / 2; i++) {
		memcpy(tmp, tab + i * EX_ENTRY_SIZE, EX_ENTRY_SIZE);
		memcpy(tab + i * EX_ENTRY_SIZE, tab + (n - 1 - i) * EX_ENTRY_SIZE, EX_ENTRY_SIZE);
		memcpy(tab + (n - 1 - i) * EX_ENTRY_SIZE, tmp, EX_ENTRY_SIZE);
	}
	check_every_entry(m);
}

static void an_unreadable_image_is_refused(void **state)
{
	(void)state;
	static const uint8_t junk[64] = { 0x7f, 'E', 'L', 'F' };
	struct elf_image im;
	struct shadow_table t = { 0 };
	struct shadow_hit hit;
	char err[128] = "";
	/* Not an ELF libelf can read: refused when opened, with a message, so
	 * there is no table to look in. */
	assert_int_equal(elf_image_open(&im, junk, sizeof(junk), err, sizeof(err)), -1);
	assert_non_null(strstr(err, "ELF"));
	assert_int_equal(shadow_lookup(&t, 0, 0x1234, &hit), 0);
}

/* An image that opens, but whose table has no bytes in the file: refused by
 * shadow_load, with a message naming the table's owner. */
static void an_unreadable_table_is_refused(void **state)
{
	const struct img *m = *state;
	struct shadow_table t;
	struct shadow_hit hit;
	char err[128];
	uint8_t *copy = malloc(m->len);
	assert_non_null(copy);
	memcpy(copy, m->data, m->len);
	Elf32_Word nobits = SHT_NOBITS;
	memcpy(copy + m->table_shdr + offsetof(Elf32_Shdr, sh_type), &nobits, sizeof(nobits));
	assert_int_equal(load_bytes(&t, "junk", copy, m->len, err, sizeof(err)), -1);
	free(copy);
	assert_non_null(strstr(err, "junk"));
	assert_int_equal(shadow_lookup(&t, 1, 0x1234, &hit), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(sorted_table),
		cmocka_unit_test(reversed_table),
		cmocka_unit_test(an_unreadable_image_is_refused),
		cmocka_unit_test(an_unreadable_table_is_refused),
	};
	if (!getenv("FL_KERNEL_ELF")) {
		printf("1..0 # SKIP needs FL_KERNEL_ELF, the built kernel\n");
		return 0;
	}
	return cmocka_run_group_tests(tests, load_kernel, free_kernel);
}

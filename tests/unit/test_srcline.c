/* Source lines from the real kernel's DWARF: do_page_fault's first line is
 * in guest/mm/fault.c, and the text stored for it is that file's line. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <fcntl.h>
#include <gelf.h>

#include "db.h"
#include "dbtest.h"
#include "srcline.h"
#include "srctext.h"

/* The address of name in the ELF's symbol table, 0 if absent. */
static uint64_t symbol(Elf *e, const char *name)
{
	for (Elf_Scn *s = NULL; (s = elf_nextscn(e, s));) {
		GElf_Shdr sh;
		Elf_Data *d = gelf_getshdr(s, &sh) && sh.sh_type == SHT_SYMTAB ? elf_getdata(s, NULL) : NULL;
		for (size_t i = 0; d && sh.sh_entsize && i < sh.sh_size / sh.sh_entsize; i++) {
			GElf_Sym sym;
			if (gelf_getsym(d, (int)i, &sym) &&
			    !strcmp(elf_strptr(e, sh.sh_link, sym.st_name), name))
				return sym.st_value;
		}
	}
	return 0;
}

static Elf *open_kernel(int *fd)
{
	elf_version(EV_CURRENT);
	*fd = open(getenv("FL_KERNEL_ELF"), O_RDONLY);
	assert_true(*fd >= 0);
	Elf *e = elf_begin(*fd, ELF_C_READ, NULL);
	assert_non_null(e);
	return e;
}

static void do_page_fault_is_in_fault_c(void **state)
{
	(void)state;
	int fd;
	Elf *e = open_kernel(&fd);
	struct srcline s;
	char file[SRC_PATH_MAX], dir[SRC_DIR_MAX];
	uint32_t line;
	srcline_open(&s, e);
	assert_int_equal(srcline_find(&s, symbol(e, "do_page_fault"), file, dir, &line), 0);
	assert_string_equal(file, "guest/mm/fault.c");
	assert_true(line > 1);
	assert_int_equal(srcline_find(&s, 0x1000, file, dir, &line), -1);
	assert_int_equal(srcline_find(&s, symbol(e, "trap_iret"), file, dir, &line), 0);
	assert_string_equal(file, "guest/arch/trap_return.S");
	srcline_close(&s);
	elf_end(e);
	close(fd);
}

static void an_image_without_dwarf_has_no_lines(void **state)
{
	(void)state;
	struct srcline s;
	char file[SRC_PATH_MAX], dir[SRC_DIR_MAX];
	uint32_t line;
	srcline_open(&s, NULL);
	assert_int_equal(srcline_find(&s, 0xc0100000, file, dir, &line), -1);
	srcline_close(&s);
}

static void the_text_is_the_files_line(void **state)
{
	struct dbtest *t;
	struct db *db;
	int64_t run;
	char err[256], buf[256];
	struct run_info ri = { .kernel_path = "k", .cmdline = "" };
	struct srctext c = { .path = "" };
	assert_int_equal(dbtest_setup(state), 0);
	t = *state;
	assert_int_equal(db_open(&db, t->path, err, sizeof(err)), 0);
	assert_int_equal(db_run_begin(db, &ri, &run), 0);
	snprintf(buf, sizeof(buf), "%s/a.c", t->dir);
	write_file(buf, "one\ntwo\nthree\nfour\nfive\nsix", 28);
	write_file(strcat(buf, ".txt"), "secret\n", 7);
	assert_int_equal(srctext_store(&c, db, run, t->dir, t->dir, "a.c", 6), 0);
	assert_int_equal(srctext_store(&c, db, run, t->dir, t->dir, "a.c.txt", 1), 0);
	assert_int_equal(srctext_store(&c, db, run, t->dir, t->dir, "../a.c", 1), 0);
	assert_int_equal(srctext_store(&c, db, run, t->dir, t->dir, "missing.c", 1), 0);
	/* A build directory outside the source tree, however the image names it. */
	assert_int_equal(srctext_store(&c, db, run, "/nonexistent", t->dir, "a.c", 1), 0);
	char long_line[3000];
	memset(long_line, 'x', sizeof(long_line));
	snprintf(buf, sizeof(buf), "%s/b.c", t->dir);
	write_file(buf, long_line, sizeof(long_line));
	assert_int_equal(srctext_store(&c, db, run, t->dir, t->dir, "b.c", 1), 0);
	srctext_free(&c);
	db_close(db);
	sqlite3 *h = raw_open(t->path);
	assert_string_equal(q_text(h, "SELECT group_concat(line || '=' || text, ',') FROM"
				      " (SELECT * FROM source_lines WHERE file = 'a.c' ORDER BY line)", buf,
				   sizeof(buf)),
			    "4=four,5=five,6=six");
	assert_string_equal(q_text(h, "SELECT length(text) FROM source_lines WHERE file = 'b.c'", buf,
				   sizeof(buf)), "1024");
	sqlite3_close(h);
	dbtest_teardown(state);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(do_page_fault_is_in_fault_c),
		cmocka_unit_test(an_image_without_dwarf_has_no_lines),
		cmocka_unit_test(the_text_is_the_files_line),
	};
	if (!getenv("FL_KERNEL_ELF")) {
		printf("1..0 # SKIP needs FL_KERNEL_ELF, the built kernel\n");
		return 0;
	}
	return cmocka_run_group_tests(tests, NULL, NULL);
}

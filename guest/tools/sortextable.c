/*
 * sortextable: put a linked ELF32 i386 image's __ex_table in insn order.
 *
 * The linker concatenates each object's table entries in link order, but the
 * fault path binary-searches the table, so the build sorts it once here, in
 * the file itself, rather than at every boot.
 *
 *   sortextable FILE          sort, verify, and write the section back
 *   sortextable --check FILE  verify only; the file is not modified
 *
 * Verification: the section is whole 12-byte entries in strictly ascending
 * insn order; every insn is inside an allocated SHF_EXECINSTR section; every
 * fixup is inside such a section that is also named .fixup (deliberately
 * strict: fixup code must stay out of line, as in the 2.1 kernel); every
 * handler is a known EX_HANDLER_* type (fl_extable.h). Sorting refuses to write a table
 * that fails this. Anything wrong, including a hostile or damaged file, is one
 * line on stderr and exit status 1.
 */
#include <errno.h>
#include <fcntl.h>
#include <gelf.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "kernel/extable.h"
#include "extable_io.h"

struct range {
	uint64_t lo, hi;	/* [lo, hi) in the image's address space */
	bool exec, fixup;
};

/* A linked kernel or module whose table is sorted in place. */
struct linked_image {
	const char *path;
	int fd;
	Elf *elf;
	Elf_Data *table;	/* the __ex_table contents, or NULL if absent */
	struct range *ranges;	/* one per section header */
	size_t nranges;
};

static int report(const struct linked_image *im, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "sortextable: %s: ", im->path);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	return -1;
}

static int elf_fail(const struct linked_image *im, const char *what)
{
	return report(im, "%s: %s", what, elf_errmsg(-1));
}

/* Only an ELF32 i386 image is meaningful here, and its section header table
 * must lie inside the file before any section is looked at. */
static int check_header(struct linked_image *im, off_t fsize)
{
	GElf_Ehdr eh;
	size_t shnum;

	if (elf_kind(im->elf) != ELF_K_ELF)
		return report(im, "not an ELF file");
	if (gelf_getclass(im->elf) != ELFCLASS32)
		return report(im, "not an ELF32 file");
	if (!gelf_getehdr(im->elf, &eh))
		return elf_fail(im, "bad ELF header");
	if (eh.e_ident[EI_DATA] != ELFDATA2LSB || eh.e_machine != EM_386)
		return report(im, "not a little-endian i386 file");
	if (eh.e_shoff == 0 && eh.e_shnum == 0)
		return 0;
	/* libelf quietly reports no sections when the table is out of bounds;
	 * a header that promises sections and delivers none is damage. */
	if (eh.e_shoff == 0 || eh.e_shentsize != sizeof(Elf32_Shdr) ||
	    elf_getshdrnum(im->elf, &shnum) || shnum == 0 || eh.e_shoff > (uint64_t)fsize ||
	    shnum > ((uint64_t)fsize - eh.e_shoff) / sizeof(Elf32_Shdr))
		return report(im, "section header table outside the file");
	return 0;
}

/* Every section, before any is read: the name table may come after the
 * sections it names. */
static int check_sections(struct linked_image *im, off_t fsize)
{
	Elf_Scn *scn = NULL;
	GElf_Shdr sh;

	while ((scn = elf_nextscn(im->elf, scn))) {
		if (!gelf_getshdr(scn, &sh))
			return elf_fail(im, "bad section header");
		if (sh.sh_type != SHT_NOBITS &&
		    (sh.sh_offset > (uint64_t)fsize || sh.sh_size > (uint64_t)fsize - sh.sh_offset))
			return report(im, "section %zu outside the file", elf_ndxscn(scn));
	}
	return 0;
}

static int note_section(struct linked_image *im, Elf_Scn *scn, size_t strndx)
{
	size_t idx = elf_ndxscn(scn);
	GElf_Shdr sh;
	const char *name;
	bool exec;

	if (!gelf_getshdr(scn, &sh))
		return elf_fail(im, "bad section header");
	name = elf_strptr(im->elf, strndx, sh.sh_name);
	if (!name)
		return report(im, "section %zu has a bad name", idx);
	exec = (sh.sh_flags & (SHF_ALLOC | SHF_EXECINSTR)) == (SHF_ALLOC | SHF_EXECINSTR);
	im->ranges[idx] = (struct range){
		.lo = sh.sh_addr,
		.hi = sh.sh_addr + sh.sh_size,
		.exec = exec,
		.fixup = exec && strcmp(name, ".fixup") == 0,
	};
	if (strcmp(name, "__ex_table"))
		return 0;
	if (im->table)
		return report(im, "more than one __ex_table section");
	if (sh.sh_type != SHT_PROGBITS)
		return report(im, "__ex_table is not a PROGBITS section");
	im->table = elf_getdata(scn, NULL);
	if (!im->table)
		return elf_fail(im, "cannot read __ex_table");
	if (im->table->d_size != sh.sh_size || (sh.sh_size && !im->table->d_buf))
		return report(im, "cannot read __ex_table");
	if (sh.sh_size % EX_ENTRY_SIZE)
		return report(im, "__ex_table size %#jx is not a multiple of %u",
			    (uintmax_t)sh.sh_size, EX_ENTRY_SIZE);
	return 0;
}

static int open_image(struct linked_image *im, bool writable)
{
	struct stat st;
	size_t shnum, strndx = 0;
	Elf_Scn *scn = NULL;

	im->fd = open(im->path, writable ? O_RDWR : O_RDONLY);
	if (im->fd < 0 || fstat(im->fd, &st))
		return report(im, "cannot open: %s", strerror(errno));
	if (!S_ISREG(st.st_mode))
		return report(im, "not a regular file");
	im->elf = elf_begin(im->fd, writable ? ELF_C_RDWR : ELF_C_READ, NULL);
	if (!im->elf)
		return elf_fail(im, "not a readable ELF file");
	if (check_header(im, st.st_size) || check_sections(im, st.st_size))
		return -1;
	if (elf_getshdrnum(im->elf, &shnum))
		return elf_fail(im, "bad section headers");
	if (shnum && elf_getshdrstrndx(im->elf, &strndx))
		return elf_fail(im, "bad section name table");
	im->ranges = calloc(shnum ? shnum : 1, sizeof(*im->ranges));
	if (!im->ranges)
		return report(im, "out of memory");
	im->nranges = shnum;
	while ((scn = elf_nextscn(im->elf, scn)))
		if (note_section(im, scn, strndx))
			return -1;
	return 0;
}

static void close_image(struct linked_image *im)
{
	free(im->ranges);
	if (im->elf)
		elf_end(im->elf);
	if (im->fd >= 0)
		close(im->fd);
}

static bool in_range(const struct linked_image *im, uint32_t addr, bool want_fixup)
{
	for (size_t i = 0; i < im->nranges; i++) {
		const struct range *r = &im->ranges[i];

		if ((want_fixup ? r->fixup : r->exec) && addr >= r->lo && addr < r->hi)
			return true;
	}
	return false;
}

static int check_entries(const struct linked_image *im, const struct exception_table_entry *t, uint32_t n)
{
	int32_t bad = extable_first_unsorted(t, n);

	if (bad >= 0)
		return report(im, "entry %d (insn %#x): not above entry %d (insn %#x)", (int)bad,
			    (unsigned)t[bad].insn, (int)bad - 1, (unsigned)t[bad - 1].insn);
	for (uint32_t i = 0; i < n; i++) {
		const struct exception_table_entry *e = &t[i];

		if (!in_range(im, e->insn, false))
			return report(im, "entry %u (insn %#x): insn not in an executable section",
				    (unsigned)i, (unsigned)e->insn);
		if (!in_range(im, e->fixup, true))
			return report(im, "entry %u (insn %#x): fixup %#x not in .fixup", (unsigned)i,
				    (unsigned)e->insn, (unsigned)e->fixup);
		if (e->handler >= EX_HANDLER_MAX)
			return report(im, "entry %u (insn %#x): unknown handler %u", (unsigned)i,
				    (unsigned)e->insn, (unsigned)e->handler);
	}
	return 0;
}

/* Write only the table back; ELF_F_LAYOUT keeps every offset as linked.
 * libelf also rewrites the alignment padding just before the section with
 * its fill byte, zero, which is what ld put there. */
static int write_table(struct linked_image *im, const struct exception_table_entry *t, uint32_t n)
{
	extable_encode(im->table->d_buf, t, n);
	elf_flagdata(im->table, ELF_C_SET, ELF_F_DIRTY);
	elf_flagelf(im->elf, ELF_C_SET, ELF_F_LAYOUT);
	if (elf_update(im->elf, ELF_C_WRITE) < 0)
		return elf_fail(im, "cannot write");
	return 0;
}

static int run(struct linked_image *im, bool check_only)
{
	struct exception_table_entry *t;
	uint32_t n;
	int rc;

	if (open_image(im, !check_only))
		return -1;
	n = im->table ? (uint32_t)(im->table->d_size / EX_ENTRY_SIZE) : 0;
	t = calloc(n ? n : 1, sizeof(*t));
	if (!t)
		return report(im, "out of memory");
	if (n)
		extable_decode(im->table->d_buf, t, n);
	if (!check_only)
		sort_extable(t, n);
	rc = check_entries(im, t, n);
	if (!rc && !check_only && n)
		rc = write_table(im, t, n);
	if (!rc)
		printf("sortextable: %s: %u entries %s\n", im->path, (unsigned)n,
		       check_only ? "ok" : "sorted");
	free(t);
	return rc;
}

int main(int argc, char **argv)
{
	bool check_only = argc == 3 && strcmp(argv[1], "--check") == 0;
	struct linked_image im = { .fd = -1 };
	int rc;

	if (argc != 2 + check_only || (argc == 2 && argv[1][0] == '-')) {
		fprintf(stderr, "usage: sortextable [--check] FILE\n");
		return 2;
	}
	im.path = argv[argc - 1];
	if (elf_version(EV_CURRENT) == EV_NONE) {
		fprintf(stderr, "sortextable: libelf is too old\n");
		return 1;
	}
	rc = run(&im, check_only);
	close_image(&im);
	return rc ? 1 : 0;
}

#include "elfload.h"

#include <stdbool.h>
#include <string.h>

#include "errorf.h"
#include "fl_abi.h"

#define USER_MIN_VADDR 4096u	/* page 0 stays unmapped so NULL faults */

/* What distinguishes a kernel image from a user program; everything else is
 * checked by the same code. */
struct elf_rules {
	bool by_paddr;		/* place segments by p_paddr, else by p_vaddr */
	bool static_only;	/* reject PT_INTERP and PT_DYNAMIC */
	uint64_t lo, hi;	/* every segment must lie in [lo, hi) */
	const char *lo_what, *hi_what;
	uint64_t page;		/* segments may not share a page of this size (0: bytes) */
};

struct elf_seg {
	uint64_t addr;		/* where it is placed (see by_paddr) */
	uint64_t vaddr;
	uint64_t memsz;
	uint64_t offset;
	uint64_t filesz;
	bool exec;
};

struct elf_layout {
	struct elf_seg seg[ELF_MAX_PHDRS];
	unsigned n;
	uint32_t entry;
};

/* Validates one PT_LOAD on its own; overlap and entry need all of them. */
static int check_seg(const GElf_Phdr *ph, unsigned i, size_t len, const struct elf_rules *r,
		     struct elf_seg *s, char *err, size_t errlen)
{
	*s = (struct elf_seg){
		.addr = r->by_paddr ? ph->p_paddr : ph->p_vaddr,
		.vaddr = ph->p_vaddr,
		.memsz = ph->p_memsz,
		.offset = ph->p_offset,
		.filesz = ph->p_filesz,
		.exec = ph->p_flags & PF_X,
	};
	if (s->offset > len || s->filesz > len - s->offset)
		return errorf(err, errlen, "segment %u: file data [0x%llx +0x%llx] beyond end of file",
			      i, (unsigned long long)s->offset, (unsigned long long)s->filesz);
	if (s->filesz > s->memsz)
		return errorf(err, errlen, "segment %u: p_filesz > p_memsz", i);
	if (s->addr + s->memsz > 1ull << 32 || s->vaddr + s->memsz > 1ull << 32)
		return errorf(err, errlen, "segment %u: address range overflows 32 bits", i);
	if (s->addr < r->lo)
		return errorf(err, errlen, "segment %u at 0x%llx lies below %s 0x%llx", i,
			      (unsigned long long)s->addr, r->lo_what, (unsigned long long)r->lo);
	if (s->addr + s->memsz > r->hi)
		return errorf(err, errlen, "segment %u ending at 0x%llx lies beyond %s 0x%llx", i,
			      (unsigned long long)(s->addr + s->memsz), r->hi_what,
			      (unsigned long long)r->hi);
	return 0;
}

/* [start, end) of a segment, widened to whole pages when the loader maps
 * segments page by page (the guest kernel does, for user programs). */
static void extent(const struct elf_seg *s, uint64_t page, uint64_t *start, uint64_t *end)
{
	*start = s->addr;
	*end = s->addr + s->memsz;
	if (page) {
		*start &= ~(page - 1);
		*end = (*end + page - 1) & ~(page - 1);
	}
}

static int check_overlap(const struct elf_layout *l, uint64_t page, char *err, size_t errlen)
{
	for (unsigned i = 0; i < l->n; i++) {
		uint64_t a0, a1, b0, b1;
		extent(&l->seg[i], page, &a0, &a1);
		for (unsigned j = 0; j < i; j++) {
			extent(&l->seg[j], page, &b0, &b1);
			if (a0 < b1 && b0 < a1)
				return errorf(err, errlen, page ? "PT_LOAD segments overlap in the page at 0x%llx"
								  " (link with guest/user/user.ld)"
								: "PT_LOAD segments overlap at 0x%llx",
					      (unsigned long long)(a0 > b0 ? a0 : b0));
		}
	}
	return 0;
}

static int check_entry(const struct elf_layout *l, char *err, size_t errlen)
{
	for (unsigned i = 0; i < l->n; i++) {
		const struct elf_seg *s = &l->seg[i];
		if (s->exec && l->entry >= s->vaddr && l->entry < s->vaddr + s->memsz)
			return 0;
	}
	return errorf(err, errlen, "entry point 0x%x is not in an executable PT_LOAD segment",
		      l->entry);
}

/* The one validation path for both image kinds. */
static int walk_segments(const struct elf_image *im, const struct elf_rules *r,
			 struct elf_layout *l, char *err, size_t errlen)
{
	l->n = 0;
	l->entry = (uint32_t)im->ehdr.e_entry;
	for (unsigned i = 0; i < im->phnum; i++) {
		GElf_Phdr ph;
		if (!gelf_getphdr(elf_image_elf(im), (int)i, &ph))
			return errorf(err, errlen, "program header %u unreadable: %s", i,
				      elf_errmsg(-1));
		if (r->static_only && (ph.p_type == PT_INTERP || ph.p_type == PT_DYNAMIC))
			return errorf(err, errlen, "not static: has %s",
				      ph.p_type == PT_INTERP ? "PT_INTERP" : "PT_DYNAMIC");
		/* An empty segment places nothing, so it cannot clash or hold the
		 * entry; ld emits one at address 0 for a program without data. */
		if (ph.p_type != PT_LOAD || !ph.p_memsz)
			continue;
		if (check_seg(&ph, i, im->len, r, &l->seg[l->n], err, errlen))
			return -1;
		l->n++;
	}
	if (!l->n)
		return errorf(err, errlen, "no PT_LOAD segment with contents");
	if (check_overlap(l, r->page, err, errlen))
		return -1;
	return check_entry(l, err, errlen);
}

static struct elf_rules kernel_rules(uint64_t mem_size, uint32_t min_paddr)
{
	return (struct elf_rules){
		.by_paddr = true,
		.lo = min_paddr, .lo_what = "the kernel load floor",
		/* Capped so phys_hi, a uint32_t, cannot wrap to 0. */
		.hi = mem_size < UINT32_MAX ? mem_size : UINT32_MAX,
		.hi_what = "end of guest memory",
	};
}

int elf_check_kernel(const struct elf_image *im, uint64_t mem_size, uint32_t min_paddr,
		     char *err, size_t errlen)
{
	const struct elf_rules r = kernel_rules(mem_size, min_paddr);
	struct elf_layout l;
	return walk_segments(im, &r, &l, err, errlen);
}

int elf_load_kernel(const struct elf_image *im, struct guest_mem *mem, uint32_t min_paddr,
		    struct elf_loaded *out, char *err, size_t errlen)
{
	const struct elf_rules r = kernel_rules(mem->size, min_paddr);
	struct elf_layout l;

	if (walk_segments(im, &r, &l, err, errlen))
		return -1;
	out->entry = l.entry;
	out->phys_lo = UINT32_MAX;
	out->phys_hi = 0;
	for (unsigned i = 0; i < l.n; i++) {
		const struct elf_seg *s = &l.seg[i];
		uint8_t *dst = gmem_ptr(mem, s->addr, s->memsz);
		if (!dst)
			return errorf(err, errlen, "segment at 0x%llx outside guest memory",
				      (unsigned long long)s->addr);
		memcpy(dst, im->data + s->offset, s->filesz);
		memset(dst + s->filesz, 0, s->memsz - s->filesz);
		if (s->addr < out->phys_lo)
			out->phys_lo = (uint32_t)s->addr;
		if (s->addr + s->memsz > out->phys_hi)
			out->phys_hi = (uint32_t)(s->addr + s->memsz);
	}
	return 0;
}

int elf_check_program(const uint8_t *data, size_t len, char *err, size_t errlen)
{
	const struct elf_rules r = {
		.static_only = true,
		.lo = USER_MIN_VADDR, .lo_what = "user space start",
		.hi = FL_TASK_SIZE, .hi_what = "user space end (TASK_SIZE)",
		.page = 4096,
	};
	struct elf_layout l;
	struct elf_image im;

	if (elf_image_open(&im, data, len, err, errlen))
		return -1;
	int rc = walk_segments(&im, &r, &l, err, errlen);
	elf_image_close(&im);
	return rc;
}

/*
 * Physical frames. Frames are handed out from the usable ranges in address
 * order and freed ones go on a list; nothing walks all of memory at boot,
 * because under an emulating engine (kvm_pvm, QEMU TCG) every guest
 * instruction is expensive: zeroing 64 MiB takes seconds there. A frame is
 * cleared when it is handed out, not before.
 */
#include <kernel/kernel.h>
#include <kernel/mm.h>

struct free_frame {
	struct free_frame *next;
};

static struct fl_memrange ranges[FL_MAX_MEMRANGES];
static uint32_t nr_ranges, cur_range, next_frame;
static struct free_frame *free_list;
static uint32_t nr_free;

extern char _end[];

void mem_init(const struct fl_boot_params *bp)
{
	uint32_t kernel_end = PAGE_ALIGN(__pa(_end));
	for (uint32_t i = 0; i < bp->nr_memranges; i++) {
		const struct fl_memrange *r = &bp->mem[i];
		if (r->type != FL_MEM_USABLE || r->base > bp->mem_size ||
		    r->size > bp->mem_size - r->base)
			continue;
		uint32_t start = PAGE_ALIGN(r->base), end = (r->base + r->size) & PAGE_MASK;
		if (start < kernel_end)
			start = kernel_end;
		if (start >= end)
			continue;
		ranges[nr_ranges++] = (struct fl_memrange){ start, end - start, FL_MEM_USABLE, 0 };
		nr_free += (end - start) >> PAGE_SHIFT;
	}
	if (!nr_ranges)
		panic("no usable memory above the kernel");
	next_frame = ranges[0].base;
	printk("mem: %u free pages (%u KiB)\n", nr_free, nr_free * 4);
}

static uint32_t take_frame(void)
{
	while (cur_range < nr_ranges) {
		const struct fl_memrange *r = &ranges[cur_range];
		if (next_frame < r->base + r->size) {
			uint32_t pa = next_frame;
			next_frame += PAGE_SIZE;
			return pa;
		}
		if (++cur_range < nr_ranges)
			next_frame = ranges[cur_range].base;
	}
	return 0;
}

void *get_zeroed_page(void)
{
	void *page;
	if (free_list) {
		page = free_list;
		free_list = free_list->next;
	} else {
		uint32_t pa = take_frame();
		if (!pa)
			return NULL;
		page = __va(pa);
	}
	nr_free--;
	clear_page(page);
	return page;
}

void free_page(void *page)
{
	struct free_frame *f = page;
	f->next = free_list;
	free_list = f;
	nr_free++;
}

void clear_page(void *page)
{
	uint32_t n = PAGE_SIZE / 4;
	__asm__ volatile("rep stosl" : "+D"(page), "+c"(n) : "a"(0) : "memory");
}

void copy_page(void *to, const void *from)
{
	uint32_t n = PAGE_SIZE / 4;
	__asm__ volatile("rep movsl" : "+D"(to), "+S"(from), "+c"(n) : : "memory");
}

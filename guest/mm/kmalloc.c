/*
 * Small kernel objects (tasks, VMAs, module records): power-of-two size
 * classes carved out of whole pages, with a header word naming the class so
 * kfree needs no size.
 */
#include <kernel/mm.h>
#include <kernel/string.h>

#define MIN_SHIFT 5			/* 32-byte objects */
#define NR_CLASSES 7			/* up to 2048 */
#define HDR 8u

struct free_obj {
	struct free_obj *next;
};

static struct free_obj *free_lists[NR_CLASSES];

static int size_class(size_t size)
{
	for (int c = 0; c < NR_CLASSES; c++)
		if (size + HDR <= (1u << (MIN_SHIFT + c)))
			return c;
	return -1;
}

static int refill(int c)
{
	char *page = get_zeroed_page();
	if (!page)
		return -1;
	uint32_t sz = 1u << (MIN_SHIFT + c);
	for (uint32_t off = 0; off + sz <= PAGE_SIZE; off += sz) {
		struct free_obj *o = (struct free_obj *)(page + off);
		o->next = free_lists[c];
		free_lists[c] = o;
	}
	return 0;
}

void *kmalloc(size_t size)
{
	int c = size_class(size);
	if (c < 0 || (!free_lists[c] && refill(c)))
		return NULL;
	struct free_obj *o = free_lists[c];
	free_lists[c] = o->next;
	uint32_t *hdr = (uint32_t *)o;
	memset(hdr, 0, 1u << (MIN_SHIFT + c));
	hdr[0] = (uint32_t)c;
	return (char *)o + HDR;
}

void kfree(void *p)
{
	if (!p)
		return;
	struct free_obj *o = (struct free_obj *)((char *)p - HDR);
	int c = (int)*(uint32_t *)o;
	o->next = free_lists[c];
	free_lists[c] = o;
}

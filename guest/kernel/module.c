/* Loading kernel modules and keeping the list of their exception tables. */
#include <kernel/elf.h>
#include <kernel/extable.h>
#include <kernel/kernel.h>
#include <kernel/mm.h>
#include <kernel/module.h>
#include <kernel/string.h>


static struct module *modules;

/* Module memory is the kernel's: mapped writable, never user. */
static int map_segment(void *ctx, const uint8_t *image, const struct elf32_phdr *ph)
{
	(void)ctx;
	return elf_map_segment(&init_mm, image, ph, _PAGE_RW);
}

static int load_image(const uint8_t *image, uint32_t size)
{
	int err = elf_check_image(image, size, MODULE_BASE, MODULE_END);
	return err ? err : elf_for_each_load(image, map_segment, NULL);
}

/* The header at MODULE_BASE, if it is one and its table lies in the module. */
static const struct kmodule_header *check_header(void)
{
	const struct kmodule_header *h = (const void *)MODULE_BASE;
	uint32_t s = (uint32_t)h->ex_start, e = (uint32_t)h->ex_stop;
	if (h->magic != KMODULE_MAGIC || s < MODULE_BASE || e > MODULE_END || s > e ||
	    (e - s) % sizeof(struct exception_table_entry))
		return NULL;
	return h;
}

static void register_module(const struct kmodule_header *h)
{
	uint32_t n = (uint32_t)(h->ex_stop - h->ex_start);
	int32_t bad = extable_first_unsorted(h->ex_start, n);
	struct module *m = kmalloc(sizeof(*m));
	if (bad >= 0 || !m) {
		printk("module %s: %s, not registered\n", h->name,
		       m ? "exception table not sorted" : "out of memory");
		kfree(m);
		return;
	}
	*m = (struct module){ h, n, modules };
	modules = m;
	printk("module %s: loaded at %#x, %u exception table entries registered\n", h->name,
	       MODULE_BASE, n);
}

/* One module for now: they would need a MODULE_BASE each to be more. */
void load_modules(void)
{
	for (uint32_t i = 0; i < boot_params.nr_mods; i++) {
		const struct fl_bootmod *b = &boot_params.mods[i];
		if (b->kind != FL_MOD_KMODULE)
			continue;
		if (modules || b->paddr > boot_params.mem_size ||
		    b->size > boot_params.mem_size - b->paddr || load_image(__va(b->paddr), b->size)) {
			printk("boot module %u: cannot load it as a kernel module, skipped\n", i);
			continue;
		}
		const struct kmodule_header *h = check_header();
		if (h)
			register_module(h);
		else
			printk("boot module %u: no valid module header, not registered\n", i);
	}
}

const struct module *find_module(const char *name)
{
	for (struct module *m = modules; m; m = m->next)
		if (!strcmp(m->hdr->name, name))
			return m;
	return NULL;
}

int unregister_module_extable(const char *name)
{
	for (struct module **pp = &modules; *pp; pp = &(*pp)->next) {
		if (strcmp((*pp)->hdr->name, name))
			continue;
		struct module *m = *pp;
		*pp = m->next;
		kfree(m);
		return 0;
	}
	return -ENOENT;
}

const struct exception_table_entry *search_module_extables(uint32_t addr)
{
	for (const struct module *m = modules; m; m = m->next) {
		const struct exception_table_entry *e = search_extable(m->hdr->ex_start, m->nr_entries,
								       addr, NULL);
		if (e)
			return e;
	}
	return NULL;
}

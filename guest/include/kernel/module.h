/*
 * Kernel modules: separately linked images with their own __ex_table. A
 * module is linked at MODULE_BASE against the kernel's symbols and starts
 * with a struct kmodule_header. The kernel maps it at boot, checks its table
 * is sorted, and registers the table, after which search_exception_table
 * finds the module's fixups as well as the kernel's.
 */
#ifndef KERNEL_MODULE_H
#define KERNEL_MODULE_H

#include <stdint.h>
#include <fl_extable.h>

#define MODULE_BASE  0xF8000000u
#define MODULE_END   0xFC000000u
#define KMODULE_MAGIC 0x444f4d4bu	/* "KMOD" */

struct kmodule_header {
	uint32_t magic;
	const char *name;
	const struct exception_table_entry *ex_start, *ex_stop;
	int (*test)(uint32_t arg);	/* what the module scenario calls */
};

/* In a module's source: the header, placed first by guest/modules/module.ld. */
#define KMODULE(modname, testfn)						\
	extern const struct exception_table_entry __mod_ex_start[], __mod_ex_stop[]; \
	__attribute__((section(".kmodule_header"), used))			\
	const struct kmodule_header __kmodule_header = {			\
		KMODULE_MAGIC, modname, __mod_ex_start, __mod_ex_stop, testfn }

struct module {
	const struct kmodule_header *hdr;
	uint32_t nr_entries;
	struct module *next;
};

/* Map and register every FL_MOD_KMODULE boot module. */
void load_modules(void);
const struct module *find_module(const char *name);
int unregister_module_extable(const char *name);
/* The entry for addr in any registered module's table, or NULL. */
const struct exception_table_entry *search_module_extables(uint32_t addr);

#endif

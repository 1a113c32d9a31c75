/*
 * The module scenarios. fltest's get_user on a bad pointer is fixed up
 * through the module's own table ("module"); after the table is unregistered
 * the same fault finds no entry anywhere and the kernel oopses
 * ("module-gone", arg 1).
 */
#include <kernel/kernel.h>
#include <kernel/ktest.h>
#include <kernel/module.h>

#define BAD_POINTER 0x10u

int ktest_module(uint32_t unregister)
{
	const struct module *m = find_module("fltest");
	if (!m)
		return ktest_case(0, "module fltest is not loaded");
	int (*test)(uint32_t) = m->hdr->test;
	if (unregister) {
		int err = unregister_module_extable("fltest");
		printk("[module] unregister_module_extable(\"fltest\") = %d; calling it again\n", err);
		test(BAD_POINTER);
		return ktest_case(0, "the module's fault was fixed up without its table");
	}
	int err = test(BAD_POINTER);
	return ktest_case(err == -EFAULT, "fltest_peek(%#x) = %d, fixed through the module's table"
			  " (%u entries at %p)", BAD_POINTER, err, m->nr_entries,
			  (const void *)m->hdr->ex_start);
}

/*
 * The kernel's exception tables: its own, which sortextable sorted at build
 * time and extable_init checks once at boot (a binary search over an
 * unsorted table silently misses entries), then each module's.
 */
#include <kernel/extable.h>
#include <kernel/kernel.h>
#include <kernel/module.h>

static uint32_t kernel_entries(void)
{
	return (uint32_t)(__stop___ex_table - __start___ex_table);
}

void extable_init(void)
{
	int32_t bad = extable_first_unsorted(__start___ex_table, kernel_entries());
	if (bad >= 0)
		panic("__ex_table is not sorted at entry %d (insn %#x): refusing to run", bad,
		      __start___ex_table[bad].insn);
	printk("extable: %u entries, sorted\n", kernel_entries());
}

/* The kernel's own table first, then each registered module's. Never
 * inlined: it is a milestone of the fault flow a replay shows. */
__attribute__((noinline)) const struct exception_table_entry *search_exception_table(uint32_t addr)
{
	const struct exception_table_entry *e =
		search_extable(__start___ex_table, kernel_entries(), addr, NULL);
	return e ? e : search_module_extables(addr);
}

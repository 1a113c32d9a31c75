/*
 * start_kernel: check what the VMM handed us, bring up traps, memory and
 * system calls, then run init and report its exit status as ours.
 */
#include <kernel/argv.h>
#include <kernel/hypercall.h>
#include <kernel/extable.h>
#include <kernel/fault.h>
#include <kernel/kernel.h>
#include <kernel/mm.h>
#include <kernel/module.h>
#include <kernel/sched.h>
#include <kernel/string.h>
#include <kernel/traps.h>

static char cmdline[FL_CMDLINE_MAX + 1];

static void copy_boot_params(uint32_t phys)
{
	if (phys > FL_BOOT_MAPPED - sizeof(boot_params))
		panic("boot params at %#x are not mapped", phys);
	memcpy(&boot_params, __va(phys), sizeof(boot_params));
	const struct fl_boot_params *bp = &boot_params;
	if (bp->magic != FL_BOOT_MAGIC || bp->version != FL_BOOT_VERSION)
		panic("bad boot params (magic %#x version %u)", bp->magic, bp->version);
	if (bp->nr_memranges > FL_MAX_MEMRANGES || bp->nr_mods > FL_MAX_MODS)
		panic("boot params: too many ranges or modules");
	if (bp->mem_size > FL_BOOT_MAPPED || bp->cmdline_len > FL_CMDLINE_MAX ||
	    bp->cmdline_paddr > bp->mem_size - bp->cmdline_len)
		panic("boot params: memory size or command line out of range");
	memcpy(cmdline, __va(bp->cmdline_paddr), bp->cmdline_len);
	cmdline[bp->cmdline_len] = '\0';
}

/* Whether word is one of the command line's words for the kernel, those
 * before FL_ARGS_SEP (after it come init's quoted arguments). */
static int cmdline_has(const char *word)
{
	const char *at = argv_find_word(cmdline, word), *sep = argv_after_separator(cmdline);
	return at && (!sep || at < sep);
}

void start_kernel(uint32_t boot_params_phys)
{
	copy_boot_params(boot_params_phys);
	pf_print_walk = cmdline_has("pfwalk=1");
	printk("faultline kernel: %u MiB, command line \"%s\"\n",
	       boot_params.mem_size >> 20, cmdline);
	trap_init();
	mem_init(&boot_params);
	paging_init();
	extable_init();
	load_modules();
	sched_init();
	int status = run_init(cmdline);
	printk("kernel: init exited with status %d, halting\n", status);
	hc_exit((uint32_t)status);
}

/* Boot-parameter encoding and the exit-reason name table. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "boot.h"
#include "kvm.h"	/* kvm_exit_name: vmm/exits.c, tested here with KVM's own numbers */
#include "vm.h"

static const uint8_t blob[5000];

static void modules_are_page_aligned_after_the_kernel(void **state)
{
	(void)state;
	struct vm_config cfg = { .nr_mods = 2 };
	cfg.mods[0] = (struct vm_module){ FL_MOD_PROGRAM, "init", blob, 5000 };
	cfg.mods[1] = (struct vm_module){ FL_MOD_PROGRAM, "segv", blob, 10 };
	struct fl_boot_params bp = { 0 };
	char err[128];
	assert_int_equal(boot_place_modules(&cfg, 0x123456, 64 << 20, &bp, err, sizeof(err)), 0);
	assert_int_equal(bp.nr_mods, 2);
	assert_int_equal(bp.mods[0].paddr, 0x124000);
	assert_int_equal(bp.mods[0].size, 5000);
	assert_string_equal(bp.mods[0].name, "init");
	assert_int_equal(bp.mods[1].paddr, 0x126000);
	assert_int_equal(bp.mods[1].kind, FL_MOD_PROGRAM);
	assert_int_equal(bp.nr_memranges, 2);
	assert_int_equal(bp.mem[0].type, FL_MEM_RESERVED);
	assert_int_equal(bp.mem[0].base, 0);
	assert_int_equal(bp.mem[0].size, 0x127000);
	assert_int_equal(bp.mem[1].type, FL_MEM_USABLE);
	assert_int_equal(bp.mem[1].base, 0x127000);
	assert_int_equal(bp.mem[1].base + bp.mem[1].size, 64 << 20);
}

static void modules_that_do_not_fit_are_refused(void **state)
{
	(void)state;
	struct vm_config cfg = { .nr_mods = 1 };
	cfg.mods[0] = (struct vm_module){ FL_MOD_PROGRAM, "big", blob, 5000 };
	struct fl_boot_params bp = { 0 };
	char err[128];
	assert_int_equal(boot_place_modules(&cfg, 0x2000, 0x3000, &bp, err, sizeof(err)), -1);
	assert_non_null(strstr(err, "does not fit"));
	cfg.mods[0].len = 0x1000;
	assert_int_equal(boot_place_modules(&cfg, 0x2000, 0x3000, &bp, err, sizeof(err)), -1);
	assert_non_null(strstr(err, "no guest memory left"));
}

static void long_module_names_are_refused(void **state)
{
	(void)state;
	struct vm_config cfg = { .nr_mods = 1 };
	cfg.mods[0] = (struct vm_module){ FL_MOD_PROGRAM, "a-name-of-twenty-four-ch", blob, 1 };
	struct fl_boot_params bp = { 0 };
	char err[128];
	assert_int_equal(boot_place_modules(&cfg, 0x200000, 64 << 20, &bp, err, sizeof(err)), -1);
	assert_non_null(strstr(err, "too long"));
	cfg.mods[0].name = "a-name-of-twenty-three-";
	assert_int_equal(boot_place_modules(&cfg, 0x200000, 64 << 20, &bp, err, sizeof(err)), 0);
	assert_string_equal(bp.mods[0].name, "a-name-of-twenty-three-");
}

static void too_many_modules_are_refused(void **state)
{
	(void)state;
	struct vm_config cfg = { .nr_mods = FL_MAX_MODS + 1 };
	struct fl_boot_params bp = { 0 };
	char err[128];
	assert_int_equal(boot_place_modules(&cfg, 0x200000, 64 << 20, &bp, err, sizeof(err)), -1);
	assert_non_null(strstr(err, "too many"));
}

static void boot_params_layout_is_fixed(void **state)
{
	(void)state;
	/* The guest reads this struct with its own i386 compiler: pin the layout. */
	assert_int_equal(sizeof(struct fl_memrange), 16);
	assert_int_equal(sizeof(struct fl_bootmod), 40);
	assert_int_equal(offsetof(struct fl_boot_params, mem), 32);
	assert_int_equal(offsetof(struct fl_boot_params, mods), 32 + 16 * FL_MAX_MEMRANGES);
	assert_true(sizeof(struct fl_boot_params) <= FL_BOOT_CMDLINE - FL_BOOT_PARAMS);
}

static void exit_reasons_have_names(void **state)
{
	(void)state;
	assert_string_equal(kvm_exit_name(KVM_EXIT_IO), "IO");
	assert_string_equal(kvm_exit_name(KVM_EXIT_HLT), "HLT");
	assert_string_equal(kvm_exit_name(KVM_EXIT_SHUTDOWN), "SHUTDOWN");
	assert_string_equal(kvm_exit_name(KVM_EXIT_INTERNAL_ERROR), "INTERNAL_ERROR");
	assert_string_equal(kvm_exit_name(KVM_EXIT_FAIL_ENTRY), "FAIL_ENTRY");
	assert_string_equal(kvm_exit_name(KVM_EXIT_MMIO), "MMIO");
	assert_string_equal(kvm_exit_name(KVM_EXIT_DEBUG), "DEBUG");
	assert_string_equal(kvm_exit_name(9999), "UNKNOWN");
	assert_string_equal(vm_event_name(VM_EV_IO), "IO");
	assert_string_equal(vm_event_name(VM_EV_SHUTDOWN), "SHUTDOWN");
	assert_string_equal(vm_event_name(VM_EV_INTERRUPTED), "INTERRUPTED");
	assert_string_equal(vm_event_name(VM_EV_INTERNAL), "INTERNAL_ERROR");
	assert_string_equal(vm_event_name((enum vm_event_kind)99), "UNKNOWN");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(modules_are_page_aligned_after_the_kernel),
		cmocka_unit_test(modules_that_do_not_fit_are_refused),
		cmocka_unit_test(long_module_names_are_refused),
		cmocka_unit_test(too_many_modules_are_refused),
		cmocka_unit_test(boot_params_layout_is_fixed),
		cmocka_unit_test(exit_reasons_have_names),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

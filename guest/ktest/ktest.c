/* The ktest registry: each kernel-side scenario by name. */
#include <kernel/kernel.h>
#include <kernel/ktest.h>
#include <kernel/string.h>

static const struct ktest ktests[] = {
	{ "uaccess", ktest_uaccess },
	{ "usercopy", ktest_usercopy },
	{ "divide", ktest_divide },
	{ "vmalloc", ktest_vmalloc },
	{ "verify_area", ktest_verify_area },
	{ "race", ktest_race },
	{ "oops", ktest_oops },
	{ "outside_text", ktest_outside_text },
	{ "module", ktest_module },
	{ "vma", ktest_vma },
	{ "bench", ktest_bench },
};

int ktest_run(const char *name, uint32_t arg)
{
	for (size_t i = 0; i < ARRAY_SIZE(ktests); i++) {
		if (strcmp(ktests[i].name, name))
			continue;
		ktest_running = ktests[i].name;
		int failed = ktests[i].run(arg);
		ktest_running = "ktest";
		return failed;
	}
	return -ENOENT;
}

/* The ktest registry and its reporting helpers. */
#include <kernel/kernel.h>
#include <kernel/ktest.h>
#include <kernel/mm.h>
#include <kernel/sched.h>
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

static const char *running = "ktest";

int ktest_run(const char *name, uint32_t arg)
{
	for (size_t i = 0; i < ARRAY_SIZE(ktests); i++) {
		if (strcmp(ktests[i].name, name))
			continue;
		running = ktests[i].name;
		int failed = ktests[i].run(arg);
		running = "ktest";
		return failed;
	}
	return -ENOENT;
}

int ktest_case(int good, const char *fmt, ...)
{
	char buf[200];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	printk("[%s] %s ... %s\n", running, buf, good ? "ok" : "FAIL");
	return !good;
}

uint32_t ktest_map(uint32_t len, uint32_t prot)
{
	uint32_t a = do_mmap(current->mm, 0, len, prot, 0);
	if (a >= TASK_SIZE)
		panic("ktest: cannot map %u bytes of scratch memory", len);
	return a;
}

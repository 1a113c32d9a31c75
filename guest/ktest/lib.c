/*
 * What every ktest uses: ktest_case reports a case under the running test's
 * name, ktest_map gives it scratch user memory.
 */
#include <kernel/kernel.h>
#include <kernel/ktest.h>
#include <kernel/mm.h>
#include <kernel/sched.h>
#include <kernel/string.h>

const char *ktest_running = "ktest";

int ktest_case(int good, const char *fmt, ...)
{
	char buf[200];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	printk("[%s] %s ... %s\n", ktest_running, buf, good ? "ok" : "FAIL");
	return !good;
}

uint32_t ktest_map(uint32_t len, uint32_t prot)
{
	uint32_t a = do_mmap(current->mm, 0, len, prot, 0);
	if (a >= TASK_SIZE)
		panic("ktest: cannot map %u bytes of scratch memory", len);
	return a;
}

/* Scenarios whose cases run in the kernel, with init's address space. */
#include <faultline/user.h>

#include "scenario.h"

static int kernel_half(const char *name, uint32_t arg)
{
	int failed = ktest(name, arg);
	if (failed < 0)
		return check(0, "ktest(\"%s\") = %d", name, failed);
	return failed;
}

int sc_boot(void)
{
	return check(1, "hello from user mode");
}

int sc_uaccess(void)
{
	return kernel_half("uaccess", 0) + kernel_half("usercopy", 0) +
	       kernel_half("outside_text", 0);
}

int sc_divide(void)
{
	int failed = kernel_half("divide", 0);
	int st = spawn("divzero", "");
	return failed + check(st == 128 + 8, "spawn(\"divzero\"): user-mode #DE kills it, status %d", st);
}

int sc_vmalloc(void)
{
	return kernel_half("vmalloc", 0);
}

int sc_module(void)
{
	return kernel_half("module", 0);
}

int sc_module_gone(void)
{
	return kernel_half("module", 1);
}

int sc_oops(void)
{
	return kernel_half("oops", 0);
}

/* The same kind of inputs through the old path, in the kernel and through
 * a system call made in verify_area mode. */
int sc_verify_area(void)
{
	static const char msg[] = "[init] write() in verify_area mode\n";
	int failed = kernel_half("verify_area", 0);
	uaccess_mode(UACCESS_VERIFY_AREA);
	int n = write(1, msg, sizeof(msg) - 1);
	int bad = write(1, (const void *)0x10, 8);
	uaccess_mode(UACCESS_EXTABLE);
	failed += check(n == (int)sizeof(msg) - 1, "write(1, msg, %u) via verify_area = %d",
			(unsigned)sizeof(msg) - 1, n);
	failed += check(bad == -14, "write(1, 0x10, 8) via verify_area = %d, refused before any fault",
			bad);
	return failed;
}

int sc_user_faults(void)
{
	int failed = 0;
	int st = spawn("segv", "");
	failed += check(st == 128 + 11, "spawn(\"segv\") = %d (killed by SIGSEGV)", st);
	st = spawn("divzero", "");
	failed += check(st == 128 + 8, "spawn(\"divzero\") = %d (killed by SIGFPE)", st);
	return failed;
}

/* faultline bench: reps=N and quick=1 on the command line. */
int sc_bench(void)
{
	const char *reps = getarg(init_argc, init_argv, "reps");
	const char *quick = getarg(init_argc, init_argv, "quick");
	uint32_t n = 0;
	for (const char *p = reps; p && *p >= '0' && *p <= '9'; p++)
		n = n * 10 + (uint32_t)(*p - '0');
	if (!n || n > 1001)
		n = 101;
	return kernel_half("bench", n | (quick && *quick == '1' ? 1u << 16 : 0));
}

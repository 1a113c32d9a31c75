/*
 * The console: text is gathered into lines and each line leaves the guest in
 * one FL_HC_CONSOLE hypercall (one VM exit per line, not per byte).
 */
#include <kernel/hypercall.h>
#include <kernel/kernel.h>
#include <kernel/string.h>

static char line[256];
static size_t line_len;

static void console_flush(void)
{
	if (line_len)
		hypercall(FL_HC_CONSOLE, (uint32_t)line, line_len, 0);
	line_len = 0;
}

void console_write(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		line[line_len++] = s[i];
		if (s[i] == '\n' || line_len == sizeof(line))
			console_flush();
	}
}

int printk(const char *fmt, ...)
{
	char buf[256];
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	console_write(buf, strnlen(buf, sizeof(buf)));
	return n;
}

void hc_exit(uint32_t status)
{
	console_flush();
	for (;;)
		hypercall(FL_HC_EXIT, status, 0, 0);
}

void panic(const char *fmt, ...)
{
	char buf[256];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	printk("Kernel panic: %s\n", buf);
	hc_exit(FL_EXIT_PANIC);
}

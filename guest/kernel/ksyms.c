/*
 * Kernel symbol lookup for oops messages. The table is generated from the
 * first link of the kernel (guest/guest.mk) and linked into .kallsyms on the
 * second: kallsyms_addrs ascending, kallsyms_names NUL-separated in the same
 * order.
 */
#include <kernel/kernel.h>
#include <kernel/module.h>
#include <kernel/string.h>

extern const uint32_t kallsyms_num;
extern const uint32_t kallsyms_addrs[];
extern const char kallsyms_names[];

static const char *nth_name(uint32_t n)
{
	const char *s = kallsyms_names;
	while (n--)
		s += strlen(s) + 1;
	return s;
}

extern const char _etext[];

const char *ksym(uint32_t addr, char *buf, size_t len)
{
	uint32_t lo = 0, hi = kallsyms_num;
	if (addr >= MODULE_BASE && addr < MODULE_END) {
		snprintf(buf, len, "module+%#x", addr - MODULE_BASE);
		return buf;
	}
	if (addr >= (uint32_t)_etext)
		return "?";
	while (lo < hi) {
		uint32_t mid = lo + (hi - lo) / 2;
		if (kallsyms_addrs[mid] <= addr)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo == 0)
		return "?";
	snprintf(buf, len, "%s+%#x", nth_name(lo - 1), addr - kallsyms_addrs[lo - 1]);
	return buf;
}

/*
 * Per-CPU set-up at boot: the GDT, which head64.S loads and which gets the
 * TSS here, and the SYSENTER MSRs.
 */
#include <kernel/processor.h>
#include <kernel/segment.h>
#include <kernel/traps.h>
#include <kernel/x86.h>

uint64_t gdt_table[GDT_ENTRIES] __attribute__((aligned(16))) = {
	[KERNEL_CS64 / 8] = 0x00af9a000000ffffull,
	[KERNEL_DS / 8] = 0x00cf92000000ffffull,
	[USER_CS / 8] = 0x00cffa000000ffffull,	/* 32-bit, DPL3 */
	[USER_DS / 8] = 0x00cff2000000ffffull,
	[KERNEL_CS / 8] = 0x00cf9a000000ffffull,	/* 32-bit, DPL0 */
};

void cpu_init(void)
{
	uint32_t base = (uint32_t)&cpu_tss, limit = sizeof(cpu_tss) - 1;
	cpu_tss.iomap_base = sizeof(cpu_tss);	/* no I/O bitmap: user port I/O faults */
	gdt_table[TSS_SEL / 8] = (uint64_t)(limit & 0xffff) | ((uint64_t)(base & 0xffffff) << 16) |
				 (0x89ull << 40) | ((uint64_t)(base >> 24) << 56);
	gdt_table[TSS_SEL / 8 + 1] = 0;
	ltr(TSS_SEL);
	wrmsr(MSR_SYSENTER_CS, KERNEL_CS64);
	wrmsr(MSR_SYSENTER_EIP, (uint32_t)sysenter_entry);
}

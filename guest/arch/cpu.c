/*
 * Per-CPU state for user mode: the 64-bit TSS (its RSP0 is the stack the CPU
 * switches to on an exception from CPL3) and the SYSENTER MSRs.
 */
#include <kernel/sched.h>
#include <kernel/segment.h>
#include <kernel/x86.h>

struct tss64 {
	uint32_t reserved0;
	uint64_t rsp[3];
	uint64_t reserved1;
	uint64_t ist[7];
	uint64_t reserved2;
	uint16_t reserved3;
	uint16_t iomap_base;
} __attribute__((packed));

static struct tss64 tss __attribute__((aligned(16)));
extern uint64_t gdt_table[GDT_ENTRIES];

void cpu_init(void)
{
	uint32_t base = (uint32_t)&tss, limit = sizeof(tss) - 1;
	tss.iomap_base = sizeof(tss);	/* no I/O bitmap: user port I/O faults */
	gdt_table[TSS_SEL / 8] = (uint64_t)(limit & 0xffff) | ((uint64_t)(base & 0xffffff) << 16) |
				 (0x89ull << 40) | ((uint64_t)(base >> 24) << 56);
	gdt_table[TSS_SEL / 8 + 1] = 0;
	ltr(TSS_SEL);
	wrmsr(MSR_SYSENTER_CS, KERNEL_CS64);
	wrmsr(MSR_SYSENTER_EIP, (uint32_t)sysenter_entry);
}

void set_kernel_stack(uint32_t top)
{
	tss.rsp[0] = top;
	wrmsr(MSR_SYSENTER_ESP, top);
}

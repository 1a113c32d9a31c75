/*
 * The CPU's per-task state: the 64-bit TSS, whose RSP0 is the stack the CPU
 * switches to on an exception from CPL3, the SYSENTER MSRs, and the
 * registers a user thread starts with.
 */
#ifndef KERNEL_PROCESSOR_H
#define KERNEL_PROCESSOR_H

#include <stdint.h>
#include <kernel/ptrace.h>

struct tss64 {
	uint32_t reserved0;
	uint64_t rsp[3];
	uint64_t reserved1;
	uint64_t ist[7];
	uint64_t reserved2;
	uint16_t reserved3;
	uint16_t iomap_base;
} __attribute__((packed));

/* arch/process.c */
extern struct tss64 cpu_tss;
/* Where the CPU puts the next trap or sysenter frame from user mode. */
void set_kernel_stack(uint32_t top);
/* User registers for entering user mode at eip with stack esp. */
void start_thread(struct pt_regs *regs, uint32_t eip, uint32_t esp);

/* arch/cpu.c: the TSS into the GDT, and the SYSENTER MSRs, at boot. */
void cpu_init(void);

#endif

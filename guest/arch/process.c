/*
 * The CPU side of a task, as it runs: the kernel stack its traps and system
 * calls land on, and the registers it first enters user mode with.
 */
#include <kernel/processor.h>
#include <kernel/segment.h>
#include <kernel/x86.h>

struct tss64 cpu_tss __attribute__((aligned(16)));

void set_kernel_stack(uint32_t top)
{
	cpu_tss.rsp[0] = top;
	wrmsr(MSR_SYSENTER_ESP, top);
}

void start_thread(struct pt_regs *regs, uint32_t eip, uint32_t esp)
{
	*regs = (struct pt_regs){
		.eip = eip, .cs = USER_CS, .eflags = 0x2, .esp = esp, .ss = USER_DS,
		.ds = USER_DS, .es = USER_DS, .fs = USER_DS, .gs = USER_DS,
	};
}

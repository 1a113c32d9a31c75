/*
 * The oops: what the kernel prints when it faults with no fixup, before it
 * stops the guest. Its own file because both trap handlers (traps.c) and the
 * page-fault handler (mm/fault.c) end here; neither calls the other for it.
 */
#include <kernel/hypercall.h>
#include <kernel/kernel.h>
#include <kernel/sched.h>
#include <kernel/x86.h>

static const char *const trap_names[32] = {
	"divide error", "debug", "NMI", "breakpoint", "overflow", "bound range",
	"invalid opcode", "device not available", "double fault", "coprocessor overrun",
	"invalid TSS", "segment not present", "stack segment fault", "general protection",
	"page fault", "reserved", "x87 floating point", "alignment check", "machine check",
	"SIMD floating point", "virtualization", "control protection",
};

static const char *trap_name(uint32_t v)
{
	return v < 32 && trap_names[v] ? trap_names[v] : "reserved";
}

void die(const char *what, struct pt_regs *regs, uint32_t error_code)
{
	char sym[64];
	printk("Oops: %s: %s (vector %u) error code %#x\n", what, trap_name(regs->trapno),
	       regs->trapno, error_code);
	printk("CR2: %08x  EIP: %04x:%08x <%s>  EFLAGS: %08x\n", read_cr2(), regs->cs,
	       regs->eip, ksym(regs->eip, sym, sizeof(sym)), regs->eflags);
	printk("EAX: %08x  EBX: %08x  ECX: %08x  EDX: %08x\n", regs->eax, regs->ebx,
	       regs->ecx, regs->edx);
	printk("ESI: %08x  EDI: %08x  EBP: %08x  ESP: %08x\n", regs->esi, regs->edi,
	       regs->ebp, regs->esp);
	printk("Kernel stopped: %s[%d]\n", current->comm, current->pid);
	hc_exit(FL_EXIT_OOPS);
}

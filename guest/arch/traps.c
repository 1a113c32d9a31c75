/*
 * The C side of exceptions: the IDT, dispatch by vector, the divide error
 * handler, and the oops printed when the kernel faults with no fixup.
 */
#include <kernel/hypercall.h>
#include <kernel/kernel.h>
#include <kernel/mm.h>
#include <kernel/sched.h>
#include <kernel/segment.h>
#include <kernel/traps.h>
#include <kernel/x86.h>

struct idt_gate {
	uint16_t off_lo, sel, flags, off_mid;
	uint32_t off_hi, reserved;
};

extern struct idt_gate idt_table[256];

static const char *const trap_names[32] = {
	"divide error", "debug", "NMI", "breakpoint", "overflow", "bound range",
	"invalid opcode", "device not available", "double fault", "coprocessor overrun",
	"invalid TSS", "segment not present", "stack segment fault", "general protection",
	"page fault", "reserved", "x87 floating point", "alignment check", "machine check",
	"SIMD floating point", "virtualization", "control protection",
};

void trap_init(void)
{
	for (uint32_t v = 0; v < 32; v++) {
		uint32_t stub = (uint32_t)trap_stubs + 16 * v;
		idt_table[v] = (struct idt_gate){
			.off_lo = stub & 0xffff, .sel = KERNEL_CS64,
			.flags = 0x8e00, /* present, DPL0, 64-bit interrupt gate */
			.off_mid = stub >> 16,
		};
	}
	cpu_init();
}

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

void do_divide_error(struct pt_regs *regs)
{
	if (user_mode(regs))
		force_sig(SIGFPE, regs, regs->eip);
	if (!fixup_exception(regs, X86_TRAP_DE))
		die("divide error in kernel mode", regs, 0);
}

void do_trap(struct pt_regs *regs)
{
	switch (regs->trapno) {
	case X86_TRAP_PF:
		do_page_fault(regs, regs->error_code);
		break;
	case X86_TRAP_DE:
		do_divide_error(regs);
		break;
	case X86_TRAP_DB:
		/* sysenter keeps a user's TF: the step lands on the entry itself. */
		if (!user_mode(regs) && regs->eip == (uint32_t)sysenter_entry) {
			regs->eflags &= ~X86_EFLAGS_TF;
			break;
		}
		/* fall through */
	default:
		if (user_mode(regs))
			force_sig(SIGSEGV, regs, regs->eip);
		die("unexpected exception", regs, regs->error_code);
	}
}

/* The register frame the trap glue saves, in the i386 kernel's order, so C
 * code can read and rewrite a faulting context (regs->eip = fixup). */
#ifndef KERNEL_PTRACE_H
#define KERNEL_PTRACE_H

#ifndef __ASSEMBLER__
#include <stdint.h>

struct pt_regs {
	uint32_t ebx, ecx, edx, esi, edi, ebp, eax;
	uint32_t ds, es, fs, gs;
	uint32_t orig_eax;	/* system call number, or -1 for a trap */
	uint32_t eip, cs, eflags, esp, ss;
	uint32_t trapno;	/* vector, or TRAP_SYSENTER */
	uint32_t error_code;
	uint32_t pad;
};

static inline int user_mode(const struct pt_regs *regs)
{
	return (regs->cs & 3) != 0;
}
#endif

#define PT_EBX     0
#define PT_ECX     4
#define PT_EDX     8
#define PT_ESI     12
#define PT_EDI     16
#define PT_EBP     20
#define PT_EAX     24
#define PT_DS      28
#define PT_ES      32
#define PT_FS      36
#define PT_GS      40
#define PT_ORIG_EAX 44
#define PT_EIP     48
#define PT_CS      52
#define PT_EFLAGS  56
#define PT_ESP     60
#define PT_SS      64
#define PT_TRAPNO  68
#define PT_ERRCODE 72
#define PT_SIZE    80

/* pt_regs.trapno: the CPU's vector, or TRAP_SYSENTER for a system call. */
#define X86_TRAP_DE   0
#define X86_TRAP_DB   1
#define X86_TRAP_PF   14
#define TRAP_SYSENTER 0x100

#endif

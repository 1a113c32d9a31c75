/*
 * Trap and system-call glue. The CPU delivers every exception and every
 * sysenter in 64-bit mode; this file turns the 64-bit frame into an i386
 * struct pt_regs, calls the C handler in compatibility mode, and returns
 * through whatever the handler left in pt_regs (so a fixup is just
 * regs->eip = fixup).
 *
 * Stack after a trap stub (64-bit slots):
 *   PT_SIZE+0 vector, +8 error code, +16 rip, +24 cs, +32 rflags, +40 rsp, +48 ss
 * with struct pt_regs (PT_SIZE bytes) below it.
 */
#include <kernel/segment.h>
#include <kernel/ptrace.h>

#define HW(n) (PT_SIZE + (n))

	.text
	.code64

/* Vectors with a CPU-pushed error code; the others push a zero. Each entry
 * is named (trap_entry_14 is #PF) so a debugger or the tracer can find it. */
.macro TRAP vec
	.balign 16
	.globl trap_entry_\vec
trap_entry_\vec:
	.if (\vec == 8) || (\vec >= 10 && \vec <= 14) || (\vec == 17) || (\vec == 21) || (\vec == 29) || (\vec == 30)
	.else
	pushq	$0
	.endif
	pushq	$\vec
	jmp	trap_common
.endm

	.balign 16
	.globl trap_stubs
trap_stubs:
	.irp v, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
	TRAP \v
	.endr

.macro SAVE_GPRS
	sub	$PT_SIZE, %rsp
	movl	%ebx, PT_EBX(%rsp)
	movl	%ecx, PT_ECX(%rsp)
	movl	%edx, PT_EDX(%rsp)
	movl	%esi, PT_ESI(%rsp)
	movl	%edi, PT_EDI(%rsp)
	movl	%ebp, PT_EBP(%rsp)
	movl	%eax, PT_EAX(%rsp)
	mov	%ds, %eax
	movl	%eax, PT_DS(%rsp)
	mov	%es, %eax
	movl	%eax, PT_ES(%rsp)
	mov	%fs, %eax
	movl	%eax, PT_FS(%rsp)
	mov	%gs, %eax
	movl	%eax, PT_GS(%rsp)
	/* Nothing the interrupted code left may reach C: the string instructions
	 * of memcpy and __copy_user assume DF = 0, and compatibility mode checks
	 * DS and ES, which user code can load with anything. */
	cld
	mov	$USER_DS, %eax
	mov	%eax, %ds
	mov	%eax, %es
.endm

/* Copy one 64-bit hardware slot to a 32-bit pt_regs field and back. */
.macro HW_TO_PT slot, field
	mov	HW(\slot)(%rsp), %rax
	movl	%eax, \field(%rsp)
.endm
.macro PT_TO_HW field, slot
	movl	\field(%rsp), %eax
	mov	%rax, HW(\slot)(%rsp)
.endm

trap_common:
	SAVE_GPRS
	HW_TO_PT 0, PT_TRAPNO
	HW_TO_PT 8, PT_ERRCODE
	HW_TO_PT 16, PT_EIP
	HW_TO_PT 24, PT_CS
	HW_TO_PT 32, PT_EFLAGS
	HW_TO_PT 40, PT_ESP
	HW_TO_PT 48, PT_SS
	movl	$-1, PT_ORIG_EAX(%rsp)
	/* From CPL3 the CPU loaded a null SS; compatibility mode needs a real one. */
	mov	$KERNEL_DS, %eax
	mov	%eax, %ss
	mov	%rsp, %rbx
	movl	$1f, %eax
	pushq	$KERNEL_CS
	pushq	%rax
	lretq
	.code32
1:	pushl	%ebx
	call	do_trap
	addl	$4, %esp
	ljmp	$KERNEL_CS64, $trap_return

	.code64
/* Also the first entry to user mode: ret_to_user() lands here with RSP at a
 * pt_regs that has the hardware slots above it. */
trap_return:
	PT_TO_HW PT_EIP, 16
	PT_TO_HW PT_CS, 24
	PT_TO_HW PT_EFLAGS, 32
	PT_TO_HW PT_ESP, 40
	PT_TO_HW PT_SS, 48
	movl	PT_DS(%rsp), %eax
	mov	%eax, %ds
	movl	PT_ES(%rsp), %eax
	mov	%eax, %es
	movl	PT_EBX(%rsp), %ebx
	movl	PT_ECX(%rsp), %ecx
	movl	PT_EDX(%rsp), %edx
	movl	PT_ESI(%rsp), %esi
	movl	PT_EDI(%rsp), %edi
	movl	PT_EBP(%rsp), %ebp
	movl	PT_EAX(%rsp), %eax
	add	$(PT_SIZE + 16), %rsp
	.globl trap_iret
trap_iret:				/* the tracer watches here for where a trap resumes */
	iretq

/*
 * sysenter: EAX = call number, EBX/ECX/EDX/ESI/EDI = arguments, EBP = user
 * stack pointer with the return address at 0(%ebp) (the user-side stub calls
 * into its sysenter instruction). The kernel reads that address with get_user
 * and returns by sysexit.
 */
	.globl sysenter_entry
sysenter_entry:
	SAVE_GPRS
	movl	PT_EAX(%rsp), %eax
	movl	%eax, PT_ORIG_EAX(%rsp)
	movl	$TRAP_SYSENTER, PT_TRAPNO(%rsp)
	movl	$0, PT_ERRCODE(%rsp)
	movl	$0, PT_EIP(%rsp)
	movl	$USER_CS, PT_CS(%rsp)
	pushfq
	popq	%rax
	movl	%eax, PT_EFLAGS(%rsp)
	movl	%ebp, PT_ESP(%rsp)
	movl	$USER_DS, PT_SS(%rsp)
	mov	%rsp, %rbx
	movl	$1f, %eax
	pushq	$KERNEL_CS
	pushq	%rax
	lretq
	.code32
1:	pushl	%ebx
	call	do_sysenter
	addl	$4, %esp
	ljmp	$KERNEL_CS64, $2f
	.code64
2:	movl	PT_DS(%rsp), %eax
	mov	%eax, %ds
	movl	PT_ES(%rsp), %eax
	mov	%eax, %es
	movl	PT_EBX(%rsp), %ebx
	movl	PT_ESI(%rsp), %esi
	movl	PT_EDI(%rsp), %edi
	movl	PT_EBP(%rsp), %ebp
	movl	PT_EAX(%rsp), %eax
	movl	PT_ESP(%rsp), %ecx
	movl	PT_EIP(%rsp), %edx
	sysexitl

/* void ret_to_user(struct pt_regs *regs): enter user mode through the trap
 * return path; regs must sit just below a 56-byte hardware frame area. */
	.code32
	.globl ret_to_user
ret_to_user:
	movl	4(%esp), %esp
	ljmp	$KERNEL_CS64, $trap_return

/* void switch_context(struct context **save, struct context *to):
 * callee-saved registers only; the rest are dead across a C call. */
	.globl switch_context
switch_context:
	movl	4(%esp), %eax
	movl	8(%esp), %edx
	pushl	%ebp
	pushl	%ebx
	pushl	%esi
	pushl	%edi
	movl	%esp, (%eax)
	movl	%edx, %esp
	popl	%edi
	popl	%esi
	popl	%ebx
	popl	%ebp
	ret

	.section .note.GNU-stack, "", @progbits

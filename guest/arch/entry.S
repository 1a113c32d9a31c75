/*
 * Into the kernel by a trap. The CPU delivers every exception in 64-bit mode;
 * a stub pushes its vector, trap_common turns the 64-bit frame into an i386
 * struct pt_regs (kernel/calling.h shows the stack), calls the C handler in
 * compatibility mode, and leaves by trap_return (trap_return.S), through
 * whatever the handler left in pt_regs (so a fixup is just regs->eip =
 * fixup). System calls come in by sysenter.S.
 */
#include <kernel/calling.h>

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

/* Copy one 64-bit hardware slot to a 32-bit pt_regs field. */
.macro HW_TO_PT slot, field
	mov	HW(\slot)(%rsp), %rax
	movl	%eax, \field(%rsp)
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
	CALL_I386 do_trap, trap_return

	.section .note.GNU-stack, "", @progbits

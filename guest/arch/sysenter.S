/*
 * Into the kernel by sysenter: EAX = call number, EBX/ECX/EDX/ESI/EDI =
 * arguments, EBP = user stack pointer with the return address at 0(%ebp)
 * (the user-side stub calls into its sysenter instruction). sysenter_entry
 * saves a struct pt_regs as a trap does, do_sysenter reads that address with
 * get_user, and the way back is sysexit.
 */
#include <kernel/calling.h>

	.text
	.code64

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
	CALL_I386 do_sysenter, 2f
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

	.section .note.GNU-stack, "", @progbits

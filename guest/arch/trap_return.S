/*
 * Out of the kernel after a trap: trap_return writes struct pt_regs back
 * into the 64-bit hardware frame and returns by the one iretq every trap
 * returns through, at trap_iret. ret_to_user takes the same way into user
 * mode the first time.
 */
#include <kernel/calling.h>

	.text
	.code64

/* Copy one 32-bit pt_regs field back to a 64-bit hardware slot. */
.macro PT_TO_HW field, slot
	movl	\field(%rsp), %eax
	mov	%rax, HW(\slot)(%rsp)
.endm

/* Also the first entry to user mode: ret_to_user() lands here with RSP at a
 * pt_regs that has the hardware slots above it. */
	.globl trap_return
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

/* void ret_to_user(struct pt_regs *regs): enter user mode through the trap
 * return path; regs must sit just below a 56-byte hardware frame area. */
	.code32
	.globl ret_to_user
ret_to_user:
	movl	4(%esp), %esp
	ljmp	$KERNEL_CS64, $trap_return

	.section .note.GNU-stack, "", @progbits

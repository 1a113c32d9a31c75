/*
 * void switch_context(struct context **save, struct context *to): the
 * kernel-stack switch under every task switch (kernel/task.c). Callee-saved
 * registers only; the rest are dead across a C call.
 */
	.text
	.code32
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

/*
 * int32_t syscall5(nr, a, b, c, d, e): the system call stub under every
 * wrapper in ulib.c. The kernel returns with sysexit to the address found at
 * 0(%ebp), so the stub calls into its own sysenter.
 */
	.text
	.globl syscall5
syscall5:
	pushl	%ebp
	pushl	%ebx
	pushl	%esi
	pushl	%edi
	movl	20(%esp), %eax
	movl	24(%esp), %ebx
	movl	28(%esp), %ecx
	movl	32(%esp), %edx
	movl	36(%esp), %esi
	movl	40(%esp), %edi
	call	1f
	popl	%edi
	popl	%esi
	popl	%ebx
	popl	%ebp
	ret
1:	movl	%esp, %ebp
	sysenter

	.section .note.GNU-stack, "", @progbits

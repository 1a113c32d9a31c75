/* User program start-up and the system call stub. */
#include <faultline/unistd.h>

	.text
	.globl _start
_start:
	movl	(%esp), %eax		/* argc */
	leal	4(%esp), %edx		/* argv */
	pushl	%edx
	pushl	%eax
	call	main
	pushl	%eax
	call	exit

/* int32_t syscall5(nr, a, b, c, d, e): the kernel returns with sysexit to the
 * address found at 0(%ebp), so we call into the sysenter. */
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

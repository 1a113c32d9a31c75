/* User program start-up: main(argc, argv), then exit with what it returns. */

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

	.section .note.GNU-stack, "", @progbits

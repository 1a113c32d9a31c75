/*
 * hypercall(nr, a0, a1, a2): the kernel's only way out to the VMM. It is one
 * instruction at one named address (fl_abi.h, "Instruction sites") so that an
 * engine which cannot trap port I/O can break on it; KVM traps the port.
 */
#include <fl_abi.h>

	.text
	.code32
	.globl	hypercall
	.type	hypercall, @function
hypercall:
	pushl	%ebx
	movl	8(%esp), %eax
	movl	12(%esp), %ebx
	movl	16(%esp), %ecx
	movl	20(%esp), %edx
	.globl	fl_hypercall_site
fl_hypercall_site:
	outl	%eax, $FL_HC_PORT
	popl	%ebx
	ret
	.size	hypercall, . - hypercall

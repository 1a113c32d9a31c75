/*
 * Kernel entry, per the boot protocol in fl_abi.h: we arrive in 64-bit mode on
 * the VMM's boot page tables with RSI = physical address of the boot params.
 * Load our own GDT and IDT, take a stack, and drop into compatibility mode so
 * that everything from start_kernel on is ordinary i386 code.
 *
 * In 64-bit code every memory operand is RIP-relative: the kernel lives at
 * 0xC0xxxxxx and an absolute 32-bit displacement would be sign-extended.
 */
#include <kernel/segment.h>

	.section .text.head, "ax"
	.code64
	.globl startup_64
startup_64:
	lgdt	gdt_desc(%rip)
	lidt	idt_desc(%rip)
	lea	boot_stack_top(%rip), %rsp
	mov	$KERNEL_DS, %eax
	mov	%eax, %ds
	mov	%eax, %es
	mov	%eax, %ss
	mov	%eax, %fs
	mov	%eax, %gs
	movl	$1f, %eax		/* zero-extended: no sign extension */
	pushq	$KERNEL_CS
	pushq	%rax
	lretq

	.code32
1:	pushl	%esi
	call	start_kernel
2:	hlt
	jmp	2b

	.data
	.balign 16
/* The tables themselves are arch/cpu.c's gdt_table and arch/idt.c's idt_table. */
gdt_desc:
	.word	8 * GDT_ENTRIES - 1
	.long	gdt_table, 0
idt_desc:
	.word	256 * 16 - 1
	.long	idt_table, 0

	.bss
	.balign 16
boot_stack:
	.fill	16384, 1, 0
	.globl boot_stack_top
boot_stack_top:

	.section .note.GNU-stack, "", @progbits

/*
 * What the trap glue (entry.S, trap_return.S) and the sysenter glue
 * (sysenter.S) share, as Linux's arch/x86/entry/calling.h; assembly only.
 *
 * Stack after a trap stub (64-bit slots):
 *   PT_SIZE+0 vector, +8 error code, +16 rip, +24 cs, +32 rflags, +40 rsp, +48 ss
 * with struct pt_regs (PT_SIZE bytes) below it.
 */
#ifndef KERNEL_CALLING_H
#define KERNEL_CALLING_H

#include <kernel/ptrace.h>
#include <kernel/segment.h>

#define HW(n) (PT_SIZE + (n))

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

/* Call the i386 C function fn(struct pt_regs *regs) with regs at %rsp, from
 * the 64-bit glue: a far return into the compatibility-mode code segment,
 * the call, and a far jump back to the 64-bit code at back. */
.macro CALL_I386 fn, back
	mov	%rsp, %rbx
	movl	$1f, %eax
	pushq	$KERNEL_CS
	pushq	%rax
	lretq
	.code32
1:	pushl	%ebx
	call	\fn
	addl	$4, %esp
	ljmp	$KERNEL_CS64, $\back
	.code64
.endm

#endif

/*
 * The divide scenario, kernel half: a division by zero in kernel code that
 * has an exception-table entry of the "fault" kind. The handler resumes at
 * the fixup with the trap number in EAX (0, #DE), and the fixup makes the
 * quotient -1. (The user half, a process killed by SIGFPE, is in init.)
 */
#include <kernel/kernel.h>
#include <kernel/ktest.h>
#include <kernel/uaccess.h>

static int blatant_div_by_zero(uint32_t divisor, uint32_t *trapnr)
{
	int q;
	uint32_t eax;
	__asm__ volatile("	movl $20, %%eax\n"
			 "	xorl %%edx, %%edx\n"
			 "1:	divl %[d]\n"
			 "	movl %%eax, %[q]\n"
			 "	movl $0xffffffff, %%eax\n"	/* no trap */
			 "2:\n"
			 ".pushsection .fixup,\"ax\"\n"
			 "3:	movl $-1, %[q]\n"
			 "	jmp 2b\n"
			 ".popsection\n"
			 _ASM_EXTABLE_FAULT(1b, 3b)
			 : [q] "=&r"(q), "=&a"(eax)
			 : [d] "r"(divisor)
			 : "edx", "cc");
	*trapnr = eax;
	return q;
}

int ktest_divide(uint32_t arg)
{
	(void)arg;
	uint32_t trapnr;
	int failed = 0;
	int q = blatant_div_by_zero(4, &trapnr);
	failed += ktest_case(q == 5 && trapnr == 0xffffffff, "20 / 4 = %d (no exception)", q);
	q = blatant_div_by_zero(0, &trapnr);
	failed += ktest_case(q == -1 && trapnr == 0,
			     "20 / 0 = %d, fixup ran with trap number %u in EAX (ex_handler_fault)",
			     q, trapnr);
	return failed;
}

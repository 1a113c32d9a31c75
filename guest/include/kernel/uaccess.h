/*
 * Reading and writing user memory. The kernel never checks that a user page
 * is mapped before touching it: access_ok() only keeps the address below
 * TASK_SIZE, and if the access then faults, do_page_fault finds the faulting
 * instruction in __ex_table and resumes at its fixup, which makes the call
 * return -EFAULT. The checks cost nothing when the pointer is good.
 */
#ifndef KERNEL_UACCESS_H
#define KERNEL_UACCESS_H

#include <stdint.h>
#include <fl_extable.h>
#include <kernel/kernel.h>

#define __EX_STR(x) #x
#define __EX_XSTR(x) __EX_STR(x)

/* One table entry {from, to, handler}; the asm that follows it continues in
 * whatever section it was in. */
#define _ASM_EXTABLE_HANDLE(from, to, handler)		\
	".pushsection __ex_table,\"a\"\n"		\
	"	.balign 4\n"				\
	"	.long " #from ", " #to ", " __EX_XSTR(handler) "\n" \
	".popsection\n"
#define _ASM_EXTABLE(from, to)       _ASM_EXTABLE_HANDLE(from, to, EX_HANDLER_DEFAULT)
#define _ASM_EXTABLE_FAULT(from, to) _ASM_EXTABLE_HANDLE(from, to, EX_HANDLER_FAULT)

/* Overflow-safe: addr + size must not pass TASK_SIZE, even by wrapping. */
static inline int __access_ok(uint32_t addr, uint32_t size)
{
	return size <= TASK_SIZE && addr <= TASK_SIZE - size;
}
#define access_ok(addr, size) __access_ok((uint32_t)(addr), (uint32_t)(size))

/* A load of 1, 2 or 4 bytes: on a fault, err = -EFAULT and the value is 0. */
#define __get_user_asm(val, addr, err, sfx, reg, cons)			\
	__asm__ volatile("1:	mov" sfx " %2, %" reg "1\n"		\
			 "2:\n"						\
			 ".pushsection .fixup,\"ax\"\n"			\
			 "3:	movl %3, %0\n"				\
			 "	xor" sfx " %" reg "1, %" reg "1\n"	\
			 "	jmp 2b\n"				\
			 ".popsection\n"				\
			 _ASM_EXTABLE(1b, 3b)				\
			 : "=r"(err), cons(val)				\
			 : "m"(*(const volatile uint32_t *)(addr)), "i"(-EFAULT), "0"(err))

/* 8 bytes are two loads, each with its own entry; both halves are zeroed. */
#define __get_user_asm_u64(val, addr, err)				\
	__asm__ volatile("1:	movl (%2), %%eax\n"			\
			 "2:	movl 4(%2), %%edx\n"			\
			 "3:\n"						\
			 ".pushsection .fixup,\"ax\"\n"			\
			 "4:	movl %3, %0\n"				\
			 "	xorl %%eax, %%eax\n"			\
			 "	xorl %%edx, %%edx\n"			\
			 "	jmp 3b\n"				\
			 ".popsection\n"				\
			 _ASM_EXTABLE(1b, 4b)				\
			 _ASM_EXTABLE(2b, 4b)				\
			 : "=r"(err), "=&A"(val)			\
			 : "r"(addr), "i"(-EFAULT), "0"(err))

#define __get_user(x, ptr) ({						\
	int __gu_err = 0;						\
	switch (sizeof(*(ptr))) {					\
	case 1: { uint8_t __v;						\
		__get_user_asm(__v, ptr, __gu_err, "b", "b", "=q");	\
		(x) = (__typeof__(*(ptr)))__v; break; }			\
	case 2: { uint16_t __v;						\
		__get_user_asm(__v, ptr, __gu_err, "w", "w", "=r");	\
		(x) = (__typeof__(*(ptr)))__v; break; }			\
	case 4: { uint32_t __v;						\
		__get_user_asm(__v, ptr, __gu_err, "l", "k", "=r");	\
		(x) = (__typeof__(*(ptr)))__v; break; }			\
	case 8: { uint64_t __v;						\
		__get_user_asm_u64(__v, ptr, __gu_err);			\
		(x) = (__typeof__(*(ptr)))__v; break; }			\
	default: __gu_err = __get_user_bad(); }				\
	__gu_err; })

#define get_user(x, ptr) ({						\
	__typeof__(ptr) __gp = (ptr);					\
	int __ge = -EFAULT;						\
	if (access_ok(__gp, sizeof(*__gp)))				\
		__ge = __get_user(x, __gp);				\
	else								\
		(x) = 0;						\
	__ge; })

/* A store: on a fault err = -EFAULT and nothing else happens. */
#define __put_user_asm(val, addr, err, sfx, reg, cons)			\
	__asm__ volatile("1:	mov" sfx " %" reg "1, %2\n"		\
			 "2:\n"						\
			 ".pushsection .fixup,\"ax\"\n"			\
			 "3:	movl %3, %0\n"				\
			 "	jmp 2b\n"				\
			 ".popsection\n"				\
			 _ASM_EXTABLE(1b, 3b)				\
			 : "=r"(err)					\
			 : cons(val), "m"(*(volatile uint32_t *)(addr)), "i"(-EFAULT), "0"(err) \
			 : "memory")

#define __put_user_asm_u64(val, addr, err)				\
	__asm__ volatile("1:	movl %%eax, (%2)\n"			\
			 "2:	movl %%edx, 4(%2)\n"			\
			 "3:\n"						\
			 ".pushsection .fixup,\"ax\"\n"			\
			 "4:	movl %3, %0\n"				\
			 "	jmp 3b\n"				\
			 ".popsection\n"				\
			 _ASM_EXTABLE(1b, 4b)				\
			 _ASM_EXTABLE(2b, 4b)				\
			 : "=r"(err)					\
			 : "A"(val), "r"(addr), "i"(-EFAULT), "0"(err)	\
			 : "memory")

#define __put_user(x, ptr) ({						\
	int __pu_err = 0;						\
	__typeof__(*(ptr)) __pv = (x);					\
	switch (sizeof(*(ptr))) {					\
	case 1: __put_user_asm((uint8_t)__pv, ptr, __pu_err, "b", "b", "iq"); break; \
	case 2: __put_user_asm((uint16_t)__pv, ptr, __pu_err, "w", "w", "ir"); break; \
	case 4: __put_user_asm((uint32_t)__pv, ptr, __pu_err, "l", "k", "ir"); break; \
	case 8: __put_user_asm_u64((uint64_t)__pv, ptr, __pu_err); break; \
	default: __pu_err = __get_user_bad(); }				\
	__pu_err; })

#define put_user(x, ptr) ({						\
	__typeof__(ptr) __pp = (ptr);					\
	access_ok(__pp, sizeof(*__pp)) ? __put_user(x, __pp) : -EFAULT; })

/* Deliberately undefined: a get_user of an odd size fails to link. */
int __get_user_bad(void);

/* Bytes NOT copied (0 on success). copy_from_user zero-fills the part of the
 * kernel buffer it could not fill, so no stale kernel data leaks onward. */
uint32_t __copy_user(void *to, const void *from, uint32_t n);
uint32_t copy_from_user(void *to, const void *from, uint32_t n);
uint32_t copy_to_user(void *to, const void *from, uint32_t n);
int32_t strncpy_from_user(char *dst, const char *src, uint32_t count);
uint32_t strnlen_user(const char *s, uint32_t n);
uint32_t clear_user(void *to, uint32_t n);

#endif

/*
 * Block copies between kernel and user memory. Two table entries cover the
 * copy: a fault in the word loop resumes at a fixup that turns the words left
 * back into bytes; a fault in the byte tail resumes at a fixup that only
 * jumps back past the copy, since ECX already holds the bytes left. Either
 * way the result is the number of bytes not copied. (Every fixup lives in
 * .fixup, which the build checks.)
 */
#include <kernel/string.h>
#include <kernel/uaccess.h>

uint32_t __copy_user(void *to, const void *from, uint32_t n)
{
	uint32_t d0, d1;
	__asm__ volatile("0:	rep movsl\n"
			 "	movl %3, %0\n"
			 "1:	rep movsb\n"
			 "2:\n"
			 ".pushsection .fixup,\"ax\"\n"
			 "3:	leal (%3,%0,4), %0\n"
			 "4:	jmp 2b\n"
			 ".popsection\n"
			 _ASM_EXTABLE(0b, 3b)
			 _ASM_EXTABLE(1b, 4b)
			 : "=&c"(n), "=&D"(d0), "=&S"(d1)
			 : "r"(n & 3), "0"(n / 4), "1"(to), "2"(from)
			 : "memory");
	return n;
}

uint32_t copy_from_user(void *to, const void *from, uint32_t n)
{
	uint32_t left = n;
	if (access_ok(from, n))
		left = __copy_user(to, from, n);
	if (left)
		memset((char *)to + (n - left), 0, left);
	return left;
}

uint32_t copy_to_user(void *to, const void *from, uint32_t n)
{
	if (!access_ok(to, n))
		return n;
	return __copy_user(to, from, n);
}

/* Length of the string copied (without its NUL), count if no NUL came within
 * count bytes, or -EFAULT; byte by byte through get_user. */
int32_t strncpy_from_user(char *dst, const char *src, uint32_t count)
{
	for (uint32_t i = 0; i < count; i++) {
		if (get_user(dst[i], src + i))
			return -EFAULT;
		if (!dst[i])
			return (int32_t)i;
	}
	return (int32_t)count;
}

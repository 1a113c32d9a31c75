/*
 * Block copies between kernel and user memory: words with rep movsl, then
 * the odd bytes with rep movsb, each covered by a table entry. If the word
 * loop faults, its fixup turns the words left back into bytes and retries
 * them with the byte loop, so the copy gets as far as the last readable
 * byte; when the byte loop faults, ECX is exactly the bytes not copied.
 * (Every fixup lives in .fixup, which the build checks.)
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
			 "	jmp 1b\n"
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

/* Length including the NUL, 0 on a fault, or more than n if no NUL came
 * within n bytes (the Linux convention). */
uint32_t strnlen_user(const char *s, uint32_t n)
{
	for (uint32_t i = 0; i < n; i++) {
		char c;
		if (get_user(c, s + i))
			return 0;
		if (!c)
			return i + 1;
	}
	return n + 1;
}

/* Bytes NOT cleared, exactly: a word that faults is retried byte by byte. */
uint32_t clear_user(void *to, uint32_t n)
{
	uint32_t done = 0;
	if (!access_ok(to, n))
		return n;
	for (; done + 4 <= n; done += 4)
		if (__put_user((uint32_t)0, (uint32_t *)((char *)to + done)))
			break;
	for (; done < n; done++)
		if (__put_user((uint8_t)0, (uint8_t *)to + done))
			return n - done;
	return 0;
}

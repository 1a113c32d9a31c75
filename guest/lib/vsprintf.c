/*
 * A small printf for the kernel and user programs: %d %i %u %x %X %p %s %c %%,
 * the l and ll length modifiers, '-', '0' and '#' flags and a width. 64-bit
 * decimal is done with a shift-and-subtract division so that i386 code never
 * needs libgcc's __udivdi3.
 */
#include <stdint.h>
#include <kernel/string.h>

struct out {
	char *buf;
	size_t size, len;
};

static void put(struct out *o, char c)
{
	if (o->len + 1 < o->size)
		o->buf[o->len] = c;
	o->len++;
}

static uint32_t divmod10(uint64_t *n)
{
	uint64_t q = 0, r = 0;
	for (int bit = 63; bit >= 0; bit--) {
		r = (r << 1) | ((*n >> bit) & 1);
		if (r >= 10) {
			r -= 10;
			q |= 1ull << bit;
		}
	}
	*n = q;
	return (uint32_t)r;
}

static int to_digits(char *tmp, uint64_t v, unsigned base, int upper)
{
	const char *digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
	int n = 0;
	do {
		if (base == 16) {
			tmp[n++] = digits[v & 15];
			v >>= 4;
		} else {
			tmp[n++] = digits[divmod10(&v)];
		}
	} while (v);
	return n;
}

static int is_int_conv(char c)
{
	return c == 'd' || c == 'i' || c == 'u' || c == 'x' || c == 'X';
}

struct spec {
	int left, zero, alt, width, lng;
};

static void emit(struct out *o, const struct spec *sp, const char *s, int n, int neg)
{
	int pad = sp->width - n - neg;
	if (neg && sp->zero)
		put(o, '-');
	for (; !sp->left && pad > 0; pad--)
		put(o, sp->zero ? '0' : ' ');
	if (neg && !sp->zero)
		put(o, '-');
	for (int i = 0; i < n; i++)
		put(o, s[i]);
	for (; sp->left && pad > 0; pad--)
		put(o, ' ');
}

static void number(struct out *o, const struct spec *sp, char conv, va_list *ap)
{
	char tmp[24], rev[24];
	uint64_t v;
	int neg = 0;
	if (sp->lng == 2)
		v = va_arg(*ap, uint64_t);
	else
		v = va_arg(*ap, uint32_t);
	if (conv == 'd' || conv == 'i') {
		int64_t s = sp->lng == 2 ? (int64_t)v : (int64_t)(int32_t)v;
		if (s < 0) {
			neg = 1;
			v = (uint64_t)-s;
		}
	}
	int hex = conv == 'x' || conv == 'X' || conv == 'p';
	if (hex && sp->alt) {
		put(o, '0');
		put(o, 'x');
	}
	int n = to_digits(tmp, v, hex ? 16 : 10, conv == 'X');
	for (int i = 0; i < n; i++)
		rev[i] = tmp[n - 1 - i];
	emit(o, sp, rev, n, neg);
}

static const char *parse_spec(const char *f, struct spec *sp, va_list *ap)
{
	*sp = (struct spec){ 0 };
	for (;; f++) {
		if (*f == '-')
			sp->left = 1;
		else if (*f == '0')
			sp->zero = 1;
		else if (*f == '#')
			sp->alt = 1;
		else
			break;
	}
	if (*f == '*') {
		sp->width = va_arg(*ap, int);
		f++;
	}
	while (*f >= '0' && *f <= '9')
		sp->width = sp->width * 10 + (*f++ - '0');
	while (*f == 'l') {
		sp->lng++;
		f++;
	}
	return f;
}

int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
{
	struct out o = { buf, size, 0 };
	va_list args;
	va_copy(args, ap);
	for (const char *f = fmt; *f; f++) {
		if (*f != '%') {
			put(&o, *f);
			continue;
		}
		struct spec sp;
		f = parse_spec(f + 1, &sp, &args);
		if (*f == 's') {
			const char *s = va_arg(args, const char *);
			if (!s)
				s = "(null)";
			emit(&o, &sp, s, (int)strlen(s), 0);
		} else if (*f == 'c') {
			char c = (char)va_arg(args, int);
			emit(&o, &sp, &c, 1, 0);
		} else if (*f == 'p') {
			sp = (struct spec){ .zero = 1, .alt = 1, .width = 8 };
			number(&o, &sp, 'p', &args);
		} else if (is_int_conv(*f)) {
			number(&o, &sp, *f, &args);
		} else {
			put(&o, '%');
			if (!*f)
				break;
			put(&o, *f);
		}
	}
	va_end(args);
	if (size)
		buf[o.len < size ? o.len : size - 1] = '\0';
	return (int)o.len;
}

int snprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(buf, size, fmt, ap);
	va_end(ap);
	return n;
}

#include "termtext.h"

#include <stdint.h>
#include <string.h>

#include "utf8.h"

static uint32_t code_point(const unsigned char *s, size_t len)
{
	if (len == 2)
		return (uint32_t)(s[0] & 0x1f) << 6 | (s[1] & 0x3f);
	return (uint32_t)(s[0] & 0x0f) << 12 | (uint32_t)(s[1] & 0x3f) << 6 | (s[2] & 0x3f);
}

/* C1 controls, and the bidi embeddings, overrides, isolates and marks (the
 * "Trojan Source" set) with the line and paragraph separators. */
int term_is_hidden_control(const unsigned char *s, size_t len)
{
	if (len != 2 && len != 3)
		return 0;
	uint32_t c = code_point(s, len);
	return (c >= 0x80 && c <= 0x9f) || c == 0x61c || c == 0x200e || c == 0x200f ||
	       (c >= 0x2028 && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069);
}

static const char hexdig[] = "0123456789abcdef";

/* The rendering of the character (or bad byte) at s into d (at most 6 bytes,
 * each a column); returns the bytes written, *used the input consumed. */
static size_t render(char *d, const unsigned char *s, size_t n, size_t *used)
{
	size_t len = utf8_seq_len(s, n);
	*used = len ? len : 1;
	if (len && term_is_hidden_control(s, len)) {
		uint32_t c = code_point(s, len);
		d[0] = '\\', d[1] = 'u';
		for (int k = 0; k < 4; k++)
			d[2 + k] = hexdig[c >> (12 - 4 * k) & 0xf];
		return 6;
	}
	if (!len || s[0] < 0x20 || s[0] == 0x7f) {
		d[0] = '\\', d[1] = 'x', d[2] = hexdig[s[0] >> 4], d[3] = hexdig[s[0] & 0xf];
		return 4;
	}
	memcpy(d, s, len);
	return len;
}

/* Columns of what render wrote: one per byte for the ASCII escapes, one for
 * a character passed on. */
static size_t columns(const char *d, size_t bytes)
{
	return (unsigned char)d[0] < 0x80 ? bytes : 1;
}

size_t term_text(char *buf, const unsigned char *s, size_t n, size_t max, size_t *len)
{
	size_t p = 0, cols = 0, cut_p = 0, cut_cols = 0, used;
	char d[8];
	for (size_t i = 0; i < n; i += used) {
		size_t b, c;
		if (s[i] >= 0x20 && s[i] < 0x7f)
			d[0] = (char)s[i], b = c = used = 1;	/* the common case, fast */
		else
			b = render(d, s + i, n - i, &used), c = columns(d, b);
		if (cols + c > max) {
			/* Cut where "…" still fits. */
			memcpy(buf + cut_p, "\xe2\x80\xa6", 3);
			p = cut_p + 3, cols = cut_cols + 1;
			break;
		}
		memcpy(buf + p, d, b);
		p += b, cols += c;
		if (cols < max)
			cut_p = p, cut_cols = cols;
	}
	buf[p] = 0;
	if (len)
		*len = p;
	return cols;
}

void term_write(FILE *out, const unsigned char *s, size_t n)
{
	char d[8];
	for (size_t i = 0, used; i < n; i += used) {
		size_t k = 0;
		while (i + k < n && s[i + k] >= 0x20 && s[i + k] < 0x7f)
			k++;
		fwrite(s + i, 1, k, out);
		used = k;
		if (!k)
			fwrite(d, 1, render(d, s + i, n - i, &used), out);
	}
}

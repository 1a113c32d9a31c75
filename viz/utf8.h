/* UTF-8 validation for printing hostile database text; in viz/ so that
 * viz and the tracer share it (the tracer may use viz, never the reverse). */
#ifndef VIZ_UTF8_H
#define VIZ_UTF8_H

#include <stddef.h>

/* Length of the valid UTF-8 sequence at s (1 to 4 bytes, at most n), or 0
 * if the bytes there are not one (overlong, surrogate, truncated, ...). */
size_t utf8_seq_len(const unsigned char *s, size_t n);

#endif

/* The one sanitizer for database text shown on a terminal (the query table,
 * the replay). A database is hostile input: its text must not drive the
 * terminal (ESC sequences clear the screen, set the title, write the
 * clipboard) nor reorder what is shown (bidi overrides). Such characters are
 * shown as visible escapes: C0 controls, DEL and bytes that are not UTF-8 as
 * \xHH, C1 controls and bidi controls as \uHHHH. A '\' stays as it is: a
 * guest's or a path's backslash should read as one, and a look-alike of an
 * escape cannot drive anything. Columns are counted one per code point. */
#ifndef VIZ_TERMTEXT_H
#define VIZ_TERMTEXT_H

#include <stddef.h>
#include <stdio.h>

/* Bytes term_text may write for max columns, with the NUL. */
#define TERM_BYTES(max) (4 * (size_t)(max) + 4)

/* Renders the n bytes at s into buf (TERM_BYTES(max) bytes, NUL-terminated),
 * at most max (>= 1) columns: a longer text is cut and ends in "…". Returns
 * the columns used; *len, if not NULL, gets the bytes written. */
size_t term_text(char *buf, const unsigned char *s, size_t n, size_t max, size_t *len);

/* Writes the n bytes at s to out as term_text renders them, uncut. */
void term_write(FILE *out, const unsigned char *s, size_t n);

/* 1 if the valid UTF-8 sequence at s (len bytes) is a C1 or bidi control,
 * which no output meant for people should pass on raw. */
int term_is_hidden_control(const unsigned char *s, size_t len);

#endif

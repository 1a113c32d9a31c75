/*
 * The host's one error convention: a call that fails returns -1 and leaves
 * one line (no '\n') in a buffer its caller gave, either as an (err, errlen)
 * pair or as the `error` array of the object it works on. The caller decides
 * whether and how the line is shown.
 */
#ifndef VMM_ERRORF_H
#define VMM_ERRORF_H

#include <stddef.h>

/* Formats the line into err (truncated to errlen; nothing when err is NULL
 * or errlen 0) and returns -1, so a failing path ends in one statement:
 * `return errorf(err, errlen, "...", ...);`. */
__attribute__((format(printf, 3, 4)))
int errorf(char *err, size_t errlen, const char *fmt, ...);

/* errorf into the `error` array (an array, not a pointer: its sizeof is the
 * bound) of the object obj points to. */
#define errorf_in(obj, ...) errorf((obj)->error, sizeof((obj)->error), __VA_ARGS__)

#endif

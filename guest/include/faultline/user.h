/*
 * The user-side library for faultline programs: build a static ELF32 i386
 * program with guest/user/user.ld and crt0.o (see the README), then run it
 * with `faultline run --program FILE`. main(argc, argv) gets the program name
 * and the words of the kernel command line.
 */
#ifndef FAULTLINE_USER_H
#define FAULTLINE_USER_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <faultline/unistd.h>
#include <kernel/string.h>

int32_t syscall5(uint32_t nr, uint32_t a, uint32_t b, uint32_t c, uint32_t d, uint32_t e);

int write(int fd, const void *buf, size_t len);
__attribute__((noreturn)) void exit(int status);
/* Run the program the VMM loaded under this name; returns its exit status
 * (128 + signal if it was killed) or a negative errno. */
int spawn(const char *prog, const char *args);
int printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* The value of key=value among argv[1..], or NULL. */
const char *getarg(int argc, char **argv, const char *key);

#endif

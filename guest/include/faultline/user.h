/*
 * The user-side library for faultline programs: build a static ELF32 i386
 * program with `build/faultline-cc FILE.c -o FILE.elf` (see the README), then
 * run it with `faultline run --program FILE.elf [-- ARGS...]`. main(argc, argv)
 * gets the program name, then ARGS if they were given, else the words of the
 * kernel command line. The system calls and their errors are in the README's
 * "System calls".
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
/* Anonymous memory; MAP_FIXED places it at addr. An address >= 0xC0000000
 * (a negative errno) on failure. */
void *mmap(void *addr, size_t len, int prot, int flags);
int munmap(void *addr, size_t len);
int mprotect(void *addr, size_t len, int prot);
/* Run a kernel-side scenario in this process's context; its failure count. */
int ktest(const char *name, uint32_t arg);
/* A thread sharing this address space, started at fn(arg) on stack_top. It
 * runs when the kernel next schedules (the race scenario); it must exit(). */
int clone(void (*fn)(void *), void *stack_top, void *arg);
/* UACCESS_EXTABLE or UACCESS_VERIFY_AREA for this process's system calls. */
int uaccess_mode(int mode);
/* Files: see the README's "System calls" for each call's results. */
int read(int fd, void *buf, size_t len);
int pipe(int fds[2]);
int open(const char *name);
int close(int fd);
int dup(int fd);
int getpid(struct fl_pids *ids);
int fstat(int fd, struct fl_stat *st);
#define MAP_FAILED_P(p) ((uint32_t)(p) >= 0xC0000000u)
/* The value of key=value among argv[1..], or NULL. */
const char *getarg(int argc, char **argv, const char *key);

#endif

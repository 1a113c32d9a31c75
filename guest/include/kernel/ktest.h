/*
 * Kernel-side scenarios, run in the calling process's context (so "user
 * pointers" are its addresses) through the ktest system call. Each case
 * prints the call, its arguments and its result, and counts as a failure if
 * the result is not the one Linux semantics require.
 */
#ifndef KERNEL_KTEST_H
#define KERNEL_KTEST_H

#include <stdint.h>

struct ktest {
	const char *name;
	int (*run)(uint32_t arg);	/* failures */
};

/* ktest.c: the number of failed cases, or -ENOENT for an unknown name. */
int ktest_run(const char *name, uint32_t arg);

/* lib.c: the running test's name, which ktest_run sets and ktest_case prints. */
extern const char *ktest_running;
/* Print one case: "<scenario>: <what> ... ok" or "... FAIL"; 1 if it failed. */
int ktest_case(int good, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Scratch user memory in the current process (mmap'd, page aligned). */
uint32_t ktest_map(uint32_t len, uint32_t prot);

int ktest_uaccess(uint32_t arg);
int ktest_usercopy(uint32_t arg);
int ktest_divide(uint32_t arg);
int ktest_vmalloc(uint32_t arg);
int ktest_verify_area(uint32_t arg);
int ktest_race(uint32_t arg);
int ktest_oops(uint32_t arg);
int ktest_outside_text(uint32_t arg);
int ktest_module(uint32_t unregister);
int ktest_vma(uint32_t arg);
/* arg: repetitions in the low 16 bits, bit 16 = quick. */
int ktest_bench(uint32_t arg);

#endif

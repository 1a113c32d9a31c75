/* The guest half of `faultline bench`: measured operations and the marks
 * that tell the VMM where to count. */
#ifndef KTEST_BENCH_H
#define KTEST_BENCH_H

#include <stdint.h>

typedef uint32_t (*bench_fn)(uint32_t arg);

struct bench_opts {
	uint32_t reps;		/* repetitions for the cycle medians */
	int quick;		/* fewer sizes */
};

/* Count fn(arg)'s instructions (VMM, single-stepped) and report the median
 * of its cycles over opts->reps runs. */
void bench_case(const struct bench_opts *o, const char *name, const char *param, bench_fn fn,
		uint32_t arg);
/* Report a figure the guest computed itself. */
void bench_result(const char *name, const char *param, const char *measure, const char *unit,
		  uint64_t value, uint32_t reps);
/* The harness's own cases, first: the baseline every later count and
 * cycle figure is net of, and a fixed sequence whose count is known. */
void bench_calibrate(const struct bench_opts *o);

void bench_uaccess(const struct bench_opts *o);
void bench_verify_area(const struct bench_opts *o);
void bench_copy(const struct bench_opts *o);
void bench_extable(const struct bench_opts *o);

#endif

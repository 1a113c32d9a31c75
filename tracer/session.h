/* One run of the guest, from images to the database row: what `faultline
 * run` and `faultline bench` share. */
#ifndef TRACER_SESSION_H
#define TRACER_SESSION_H

#include <stdint.h>

#include <fl_abi.h>

#include "vm.h"

struct bench_host;

struct run_opts {
	const char *scenario, *kernel, *db;
	/* --program: the first runs as init, the others are boot modules named
	 * by their files' basenames (checked by check_programs). */
	const char *programs[FL_MAX_MODS];
	unsigned nr_programs;
	enum vm_accel accel;
	const char *qemu_log;		/* tcg: QEMU's exception log (-d int) */
	double timeout_s;
	unsigned long long mem_mib, steps;
	int count_insns, trace;
	const char *append;		/* run --append: words for the kernel */
	const char *extra_args;		/* appended to the kernel command line */
	struct bench_host *bench;	/* faultline bench: count marked regions */
};

/* Boot, run, record; faultline's exit status. */
int run_session(const struct run_opts *o);

#endif

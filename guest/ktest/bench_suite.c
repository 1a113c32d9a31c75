/*
 * ktest_bench, the guest half of `faultline bench`: the harness calibrated
 * (bench.c), then each group of cases in turn.
 */
#include <kernel/kernel.h>
#include <kernel/ktest.h>

#include "bench.h"

int ktest_bench(uint32_t flags)
{
	struct bench_opts o = { .reps = flags & 0xffff, .quick = (flags >> 16) & 1 };
	if (!o.reps)
		o.reps = 1;
	bench_calibrate(&o);
	bench_uaccess(&o);
	bench_verify_area(&o);
	bench_copy(&o);
	bench_extable(&o);
	printk("bench: done\n");
	return 0;
}

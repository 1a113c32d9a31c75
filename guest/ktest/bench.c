/*
 * Benchmark harness. Each case is a small noinline function; the VMM counts
 * the instructions between the BEGIN and END marks around one call (exact,
 * the same on any machine), and the guest times many calls with rdtsc and
 * reports the median (which, under an emulating KVM, measures the emulator).
 * A "baseline" case, a function that only returns, gives the harness's own
 * share, which the VMM subtracts from every count: what remains is the
 * measured function's own instructions, its ret included.
 */
#include <kernel/hypercall.h>
#include <kernel/kernel.h>
#include <kernel/string.h>
#include <kernel/x86.h>

#include "bench.h"

#define MAX_REPS 1001

static struct fl_bench_msg msg;
static uint32_t samples[MAX_REPS];

static void fill(const char *name, const char *param)
{
	memset(&msg, 0, sizeof(msg));
	strlcpy(msg.case_name, name, sizeof(msg.case_name));
	strlcpy(msg.parameter, param, sizeof(msg.parameter));
}

__attribute__((noinline)) static void mark(uint32_t kind)
{
	hypercall(FL_HC_BENCH, kind, (uint32_t)&msg, 0);
}

void bench_result(const char *name, const char *param, const char *measure, const char *unit,
		  uint64_t value, uint32_t reps)
{
	fill(name, param);
	strlcpy(msg.measure, measure, sizeof(msg.measure));
	strlcpy(msg.unit, unit, sizeof(msg.unit));
	msg.value = value;
	msg.repetitions = reps;
	mark(FL_BENCH_RESULT);
}

static uint32_t median(uint32_t *v, uint32_t n)
{
	for (uint32_t i = 1; i < n; i++)
		for (uint32_t j = i; j > 0 && v[j - 1] > v[j]; j--) {
			uint32_t t = v[j];
			v[j] = v[j - 1];
			v[j - 1] = t;
		}
	return v[n / 2];
}

static uint32_t cycles(const struct bench_opts *o, bench_fn fn, uint32_t arg)
{
	uint32_t n = o->reps < MAX_REPS ? o->reps : MAX_REPS;
	for (uint32_t i = 0; i < n; i++) {
		uint64_t t0 = rdtsc();
		fn(arg);
		samples[i] = (uint32_t)(rdtsc() - t0);
	}
	return median(samples, n);
}

/* The empty case: a lone ret, so baseline = the harness + 1 instruction. */
uint32_t op_nothing(uint32_t arg);
__asm__(".pushsection .text\n"
	".globl op_nothing\n"
	".type op_nothing, @function\n"
	"op_nothing:\n"
	"	ret\n"
	".size op_nothing, . - op_nothing\n"
	".popsection");

static uint32_t cycles_baseline;

void bench_case(const struct bench_opts *o, const char *name, const char *param, bench_fn fn,
		uint32_t arg)
{
	fill(name, param);
	mark(FL_BENCH_BEGIN);
	fn(arg);
	mark(FL_BENCH_END);
	uint32_t c = cycles(o, fn, arg);
	bench_result(name, param, "cycles", "cycles", c > cycles_baseline ? c - cycles_baseline : 0,
		     o->reps);
}

/* Six instructions, whatever the compiler does: the test compares the
 * count against this function's disassembly. */
uint32_t bench_fixed_sequence(uint32_t arg);
__asm__(".pushsection .text\n"
	".globl bench_fixed_sequence\n"
	".type bench_fixed_sequence, @function\n"
	"bench_fixed_sequence:\n"
	"	movl 4(%esp), %eax\n"
	"	addl $1, %eax\n"
	"	shll $2, %eax\n"
	"	xorl %edx, %edx\n"
	"	nop\n"
	"	ret\n"
	".size bench_fixed_sequence, . - bench_fixed_sequence\n"
	".popsection");

void bench_calibrate(const struct bench_opts *o)
{
	cycles_baseline = 0;
	bench_case(o, "baseline", "", op_nothing, 0);
	cycles_baseline = cycles(o, op_nothing, 0);
	bench_case(o, "fixed_sequence", "", bench_fixed_sequence, 0);
}

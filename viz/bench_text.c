#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "bench_report.h"

static void cell(FILE *out, const struct bench_point *p, enum bench_measure m, int markdown)
{
	const char *sep = markdown ? " | " : "  ";
	if (!p->has[m])
		fprintf(out, "%s%12s", sep, "-");
	else if (m == M_HOST_NS)
		fprintf(out, "%s%12.2f", sep, p->value[m]);
	else
		fprintf(out, "%s%12.0f", sep, p->value[m]);
}

void bench_print_table(const struct bench_data *d, FILE *out, int markdown)
{
	fprintf(out, markdown ? "| case | parameter" : "%-22s %-18s", "case", "parameter");
	for (int m = 0; m < NR_MEASURES; m++)
		fprintf(out, markdown ? " | %s" : "  %12s", bench_measure_name(m));
	fprintf(out, markdown ? " |\n|---|---|---:|---:|---:|---:|\n" : "\n");
	for (size_t i = 0; i < d->n; i++) {
		const struct bench_point *p = &d->p[i];
		if (markdown)
			fprintf(out, "| %s | %s", p->case_name, p->parameter);
		else
			fprintf(out, "%-22s %-18s", p->case_name, p->parameter);
		for (int m = 0; m < NR_MEASURES; m++)
			cell(out, p, m, markdown);
		fprintf(out, markdown ? " |\n" : "\n");
	}
}

/* Least squares y = a + b log2(n) over the verify_area_valid points at pos. */
static int fit_log(const struct bench_data *d, const char *pos, double *a, double *b)
{
	double sx = 0, sy = 0, sxx = 0, sxy = 0;
	int k = 0;
	for (size_t i = 0; i < d->n; i++) {
		const struct bench_point *p = &d->p[i];
		unsigned n;
		char where[16];
		if (strcmp(p->case_name, "verify_area_valid") || !p->has[M_INSTRUCTIONS] ||
		    sscanf(p->parameter, "vmas=%u,%15s", &n, where) != 2 || strcmp(where, pos))
			continue;
		double x = log2((double)n), y = p->value[M_INSTRUCTIONS];
		sx += x, sy += y, sxx += x * x, sxy += x * y, k++;
	}
	double den = k * sxx - sx * sx;
	if (k < 2 || den == 0)
		return -1;
	*b = (k * sxy - sx * sy) / den;
	*a = (sy - *b * sx) / k;
	return 0;
}

static void probe_claim(const struct bench_data *d, FILE *out)
{
	for (size_t i = 0; i < d->n; i++) {
		const struct bench_point *p = &d->p[i];
		unsigned n;
		if (strncmp(p->case_name, "extable_search_", 15) || !p->has[M_PROBES] ||
		    sscanf(p->parameter, "entries=%u", &n) != 1)
			continue;
		double bound = ceil(log2((double)n + 1));
		fprintf(out, "  %s, %u entries: %.0f probes, bound %.0f: %s\n", p->case_name + 15, n,
			p->value[M_PROBES], bound, p->value[M_PROBES] <= bound ? "holds" : "VIOLATED");
	}
}

void bench_print_claims(const struct bench_data *d, FILE *out)
{
	double gu = bench_value(d, "get_user_valid", "", M_INSTRUCTIONS);
	double plain = bench_value(d, "load_plain", "", M_INSTRUCTIONS);
	double a, b;
	fprintf(out, "\nThe seeds' claims beside our figures (instructions are exact counts; each"
		     " case is a function call, so call and return are included):\n");
	fprintf(out, "- a valid get_user takes 10 to 12 instructions: ours %.0f\n", gu);
	fprintf(out, "- \"the added overhead for the average, error-free case is close to zero\":"
		     " get_user minus a plain load = %.0f instructions\n", gu - plain);
	if (!fit_log(d, "last", &a, &b))
		fprintf(out, "- verify_area's cost grows with the number of areas: instructions ="
			     " %.1f + %.1f * log2(n) (target in the last area)\n", a, b);
	fprintf(out, "- a binary search over n entries needs at most ceil(log2(n+1)) probes:\n");
	probe_claim(d, out);
	fprintf(out, "\nInstruction counts are the same on every engine: each instruction the guest"
		     " begins counts once, a rep-prefixed string instruction once whatever its"
		     " count, the faulting access included.\n");
	if (!strcmp(d->backend, "tcg"))
		fprintf(out, "Engine tcg (QEMU's emulator, run with -icount shift=0): the guest TSC"
			     " advances one tick per guest instruction executed, each rep iteration"
			     " included, so \"cycles\" are exact and repeatable instruction-clock"
			     " figures, not CPU cycles; host_ns is native.\n");
	else if (d->emulated)
		fprintf(out, "Engine %s emulates guest code: the cycle figures measure the emulator,"
			     " not a CPU; host_ns is native.\n", d->backend);
}

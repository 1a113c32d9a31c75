/* faultline bench's output: the table of figures, the seeds' claims beside
 * them, and (--out) SVG plots and a markdown summary. Reads the database. */
#ifndef VIZ_BENCH_REPORT_H
#define VIZ_BENCH_REPORT_H

#include <stdio.h>

#include "bench_data.h"

/* The figures as an aligned table (markdown: a pipe table). */
void bench_print_table(const struct bench_data *d, FILE *out, int markdown);
/* The seeds' quantitative claims with our figures. */
void bench_print_claims(const struct bench_data *d, FILE *out);
/* dir/vmas.svg, dir/extable.svg, dir/summary.md; 0, or -1 with err. */
int bench_write_report(const struct bench_data *d, const char *dir, char *err, size_t errlen);

#endif

/* Benchmark results of one run, read back from the database's bench table. */
#ifndef VIZ_BENCH_DATA_H
#define VIZ_BENCH_DATA_H

#include <sqlite3.h>
#include <stddef.h>
#include <stdint.h>

enum bench_measure { M_INSTRUCTIONS, M_CYCLES, M_HOST_NS, M_PROBES, NR_MEASURES };

struct bench_point {
	char case_name[32];
	char parameter[40];
	double value[NR_MEASURES];
	int has[NR_MEASURES];
};

struct bench_data {
	struct bench_point *p;
	size_t n;
	int emulated;
	char backend[32];
};

/* Rows of run_id grouped by (case, parameter) in the order they were made. */
int bench_load(sqlite3 *db, int64_t run_id, struct bench_data *d, char *err, size_t errlen);
void bench_data_free(struct bench_data *d);
const struct bench_point *bench_find(const struct bench_data *d, const char *name, const char *param);
/* value of a measure, or -1 if missing */
double bench_value(const struct bench_data *d, const char *name, const char *param,
		   enum bench_measure m);
const char *bench_measure_name(enum bench_measure m);

#endif

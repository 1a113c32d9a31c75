#include "bench_data.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const measure_names[NR_MEASURES] = { "instructions", "cycles", "host_ns", "probes" };

const char *bench_measure_name(enum bench_measure m)
{
	return measure_names[m];
}

static int measure_of(const char *name)
{
	for (int m = 0; m < NR_MEASURES; m++)
		if (!strcmp(measure_names[m], name))
			return m;
	return -1;
}

const struct bench_point *bench_find(const struct bench_data *d, const char *name, const char *param)
{
	for (size_t i = 0; i < d->n; i++)
		if (!strcmp(d->p[i].case_name, name) && !strcmp(d->p[i].parameter, param))
			return &d->p[i];
	return NULL;
}

double bench_value(const struct bench_data *d, const char *name, const char *param,
		   enum bench_measure m)
{
	const struct bench_point *p = bench_find(d, name, param);
	return p && p->has[m] ? p->value[m] : -1;
}

static struct bench_point *point(struct bench_data *d, const char *name, const char *param)
{
	struct bench_point *p = (struct bench_point *)bench_find(d, name, param);
	if (p)
		return p;
	struct bench_point *v = realloc(d->p, (d->n + 1) * sizeof(*v));
	if (!v)
		return NULL;
	d->p = v;
	p = &d->p[d->n++];
	memset(p, 0, sizeof(*p));
	snprintf(p->case_name, sizeof(p->case_name), "%s", name);
	snprintf(p->parameter, sizeof(p->parameter), "%s", param);
	return p;
}

static void load_run(sqlite3 *db, int64_t run_id, struct bench_data *d)
{
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(db, "SELECT emulated, engine FROM runs WHERE id = ?", -1, &st,
			       NULL) != SQLITE_OK)
		return;
	sqlite3_bind_int64(st, 1, run_id);
	if (sqlite3_step(st) == SQLITE_ROW) {
		d->emulated = sqlite3_column_int(st, 0);
		const unsigned char *b = sqlite3_column_text(st, 1);
		snprintf(d->backend, sizeof(d->backend), "%s", b ? (const char *)b : "?");
	}
	sqlite3_finalize(st);
}

int bench_load(sqlite3 *db, int64_t run_id, struct bench_data *d, char *err, size_t errlen)
{
	sqlite3_stmt *st;
	*d = (struct bench_data){ 0 };
	load_run(db, run_id, d);
	if (sqlite3_prepare_v2(db, "SELECT case_name, coalesce(parameter, ''), measure, value FROM bench"
				   " WHERE run_id = ? ORDER BY rowid", -1, &st, NULL) != SQLITE_OK) {
		snprintf(err, errlen, "reading benchmarks: %s", sqlite3_errmsg(db));
		return -1;
	}
	sqlite3_bind_int64(st, 1, run_id);
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *name = (const char *)sqlite3_column_text(st, 0);
		const char *param = (const char *)sqlite3_column_text(st, 1);
		const char *measure = (const char *)sqlite3_column_text(st, 2);
		if (!name || !param || !measure)
			continue;	/* not a row faultline wrote */
		int m = measure_of(measure);
		struct bench_point *p = point(d, name, param);
		if (!p) {
			rc = SQLITE_NOMEM;
			break;
		}
		if (m >= 0) {
			p->value[m] = sqlite3_column_double(st, 3);
			p->has[m] = 1;
		}
	}
	if (rc != SQLITE_DONE) {
		snprintf(err, errlen, "reading benchmarks: %s", sqlite3_errmsg(db));
		bench_data_free(d);
	}
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : -1;
}

void bench_data_free(struct bench_data *d)
{
	free(d->p);
	*d = (struct bench_data){ 0 };
}

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "bench_report.h"
#include "svg_plot.h"

/* Points of case whose parameter reads "<key>=<n><suffix>", x = n. */
static void collect(const struct bench_data *d, struct series *s, const char *label,
		    const char *name, const char *key, const char *suffix, enum bench_measure m)
{
	char fmt[48];
	snprintf(fmt, sizeof(fmt), "%s=%%u%%n", key);
	*s = (struct series){ .label = label };
	for (size_t i = 0; i < d->n && s->n < SERIES_MAX; i++) {
		const struct bench_point *p = &d->p[i];
		unsigned n;
		int used = 0;
		if (strcmp(p->case_name, name) || !p->has[m] || sscanf(p->parameter, fmt, &n, &used) != 1 ||
		    strcmp(p->parameter + used, suffix))
			continue;
		s->x[s->n] = n;
		s->y[s->n++] = p->value[m];
	}
}

static int plot_vmas(const struct bench_data *d, const char *path)
{
	struct series s[4];
	collect(d, &s[0], "verify_area, last area", "verify_area_valid", "vmas", ",last", M_INSTRUCTIONS);
	collect(d, &s[1], "verify_area, middle", "verify_area_valid", "vmas", ",middle", M_INSTRUCTIONS);
	collect(d, &s[2], "verify_area, first", "verify_area_valid", "vmas", ",first", M_INSTRUCTIONS);
	s[3] = (struct series){ .label = "get_user (exception table)" };
	double gu = bench_value(d, "get_user_valid", "", M_INSTRUCTIONS);
	for (int i = 0; i < s[0].n && gu >= 0; i++) {
		s[3].x[i] = s[0].x[i];
		s[3].y[i] = gu;
		s[3].n++;
	}
	struct plot p = { "Checking a valid 4-byte user read", "areas (VMAs) in the address space (log scale)",
			  "guest instructions", 1 };
	return svg_plot(path, &p, s, 4);
}

static int plot_extable(const struct bench_data *d, const char *path)
{
	struct series s[2];
	collect(d, &s[0], "hit", "extable_search_hit", "entries", "", M_INSTRUCTIONS);
	collect(d, &s[1], "miss", "extable_search_miss", "entries", "", M_INSTRUCTIONS);
	struct plot p = { "search_extable against table size", "entries (log scale)",
			  "guest instructions", 1 };
	return svg_plot(path, &p, s, 2);
}

static int write_summary(const struct bench_data *d, const char *path)
{
	FILE *o = fopen(path, "w");
	if (!o)
		return -1;
	fprintf(o, "# faultline bench\n\nPlots: `vmas.svg` (verify_area against the number of"
		   " areas), `extable.svg` (lookup cost against table size).\n\n");
	bench_print_table(d, o, 1);
	bench_print_claims(d, o);
	int bad = ferror(o);	/* an earlier write may have failed */
	return fclose(o) || bad ? -1 : 0;
}

int bench_write_report(const struct bench_data *d, const char *dir, char *err, size_t errlen)
{
	char path[4096];
	if (mkdir(dir, 0777) && errno != EEXIST) {
		snprintf(err, errlen, "%s: %s", dir, strerror(errno));
		return -1;
	}
	const char *files[] = { "vmas.svg", "extable.svg", "summary.md" };
	int (*writers[])(const struct bench_data *, const char *) = { plot_vmas, plot_extable,
								       write_summary };
	for (int i = 0; i < 3; i++) {
		snprintf(path, sizeof(path), "%s/%s", dir, files[i]);
		if (writers[i](d, path)) {
			snprintf(err, errlen, "%s: %s", path, strerror(errno));
			return -1;
		}
	}
	return 0;
}

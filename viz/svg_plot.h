/* A line plot as a standalone SVG file: x on a log2 or linear axis. */
#ifndef VIZ_SVG_PLOT_H
#define VIZ_SVG_PLOT_H

#define SERIES_MAX 16

struct series {
	const char *label;
	double x[SERIES_MAX], y[SERIES_MAX];
	int n;
};

struct plot {
	const char *title, *xlabel, *ylabel;
	int logx;		/* log2 x axis */
};

/* 0, or -1 if the file cannot be written. */
int svg_plot(const char *path, const struct plot *p, const struct series *s, int ns);

#endif

#include "svg_plot.h"

#include <math.h>
#include <stdio.h>

#define W 720
#define H 440
#define L 80	/* margins */
#define R 200
#define T 50
#define B 60

static const char *const colours[] = { "#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e" };

struct frame {
	double x0, x1, y1;
	int logx;
};

static double fx(const struct frame *f, double x)
{
	double v = f->logx ? log2(x) : x, lo = f->logx ? log2(f->x0) : f->x0;
	double hi = f->logx ? log2(f->x1) : f->x1;
	return L + (hi > lo ? (v - lo) / (hi - lo) : 0.5) * (W - L - R);
}

static double fy(const struct frame *f, double y)
{
	return H - B - (f->y1 > 0 ? y / f->y1 : 0) * (H - T - B);
}

static void bounds(struct frame *f, const struct series *s, int ns)
{
	f->x0 = INFINITY, f->x1 = -INFINITY, f->y1 = 0;
	for (int i = 0; i < ns; i++)
		for (int j = 0; j < s[i].n; j++) {
			f->x0 = fmin(f->x0, s[i].x[j]);
			f->x1 = fmax(f->x1, s[i].x[j]);
			f->y1 = fmax(f->y1, s[i].y[j]);
		}
	if (!isfinite(f->x0))
		f->x0 = 1, f->x1 = 2;
	f->y1 *= 1.1;
}

static void axes(FILE *o, const struct frame *f, const struct plot *p)
{
	fprintf(o, "<line x1='%d' y1='%d' x2='%d' y2='%d' stroke='black'/>\n", L, H - B, W - R, H - B);
	fprintf(o, "<line x1='%d' y1='%d' x2='%d' y2='%d' stroke='black'/>\n", L, T, L, H - B);
	for (int i = 0; i <= 4; i++) {
		double y = f->y1 * i / 4;
		fprintf(o, "<text x='%d' y='%.1f' text-anchor='end' font-size='11'>%.0f</text>\n", L - 6,
			fy(f, y) + 4, y);
	}
	for (double x = f->x0; x <= f->x1 * 1.0001; x = f->logx ? x * 4 : x + (f->x1 - f->x0) / 4)
		fprintf(o, "<text x='%.1f' y='%d' text-anchor='middle' font-size='11'>%g</text>\n",
			fx(f, x), H - B + 16, x);
	fprintf(o, "<text x='%d' y='24' font-size='15'>%s</text>\n", L, p->title);
	fprintf(o, "<text x='%d' y='%d' text-anchor='middle' font-size='12'>%s</text>\n",
		(W - R + L) / 2, H - 16, p->xlabel);
	fprintf(o, "<text x='16' y='%d' font-size='12' transform='rotate(-90 16 %d)'"
		   " text-anchor='middle'>%s</text>\n", (H - B + T) / 2, (H - B + T) / 2, p->ylabel);
}

static void lines(FILE *o, const struct frame *f, const struct series *s, int ns)
{
	for (int i = 0; i < ns; i++) {
		const char *c = colours[i % 5];
		fprintf(o, "<polyline fill='none' stroke='%s' stroke-width='2' points='", c);
		for (int j = 0; j < s[i].n; j++)
			fprintf(o, "%.1f,%.1f ", fx(f, s[i].x[j]), fy(f, s[i].y[j]));
		fprintf(o, "'/>\n");
		for (int j = 0; j < s[i].n; j++)
			fprintf(o, "<circle cx='%.1f' cy='%.1f' r='3' fill='%s'/>\n", fx(f, s[i].x[j]),
				fy(f, s[i].y[j]), c);
		fprintf(o, "<rect x='%d' y='%d' width='12' height='12' fill='%s'/>\n", W - R + 16,
			T + 20 * i, c);
		fprintf(o, "<text x='%d' y='%d' font-size='12'>%s</text>\n", W - R + 34, T + 20 * i + 11,
			s[i].label);
	}
}

int svg_plot(const char *path, const struct plot *p, const struct series *s, int ns)
{
	FILE *o = fopen(path, "w");
	struct frame f = { .logx = p->logx };
	if (!o)
		return -1;
	bounds(&f, s, ns);
	fprintf(o, "<svg xmlns='http://www.w3.org/2000/svg' width='%d' height='%d'"
		   " font-family='sans-serif'>\n<rect width='100%%' height='100%%' fill='white'/>\n", W, H);
	axes(o, &f, p);
	lines(o, &f, s, ns);
	fprintf(o, "</svg>\n");
	int bad = ferror(o);	/* an earlier write may have failed */
	return fclose(o) || bad ? -1 : 0;
}

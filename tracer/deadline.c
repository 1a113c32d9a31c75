/* See deadline.h. */
#include "deadline.h"

#define PROGRESS_OPS 10000	/* VM instructions between looks at the clock */

static int past_deadline(void *arg)
{
	struct deadline *d = arg;
	struct timespec now;
	clock_gettime(CLOCK_MONOTONIC, &now);
	if (now.tv_sec > d->end.tv_sec || (now.tv_sec == d->end.tv_sec && now.tv_nsec >= d->end.tv_nsec))
		d->expired = 1;
	return d->expired;	/* non-zero interrupts the statement */
}

void deadline_set(sqlite3 *h, struct deadline *d, double seconds)
{
	clock_gettime(CLOCK_MONOTONIC, &d->end);
	double end = (double)d->end.tv_nsec / 1e9 + seconds;
	d->end.tv_sec += (time_t)end;
	d->end.tv_nsec = (long)((end - (double)(time_t)end) * 1e9);
	d->expired = 0;
	sqlite3_progress_handler(h, PROGRESS_OPS, past_deadline, d);
}

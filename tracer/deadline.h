/* A time limit on SQLite work: a crafted view (an endless recursive CTE)
 * would otherwise keep a command reading the database forever. Shared by
 * the commands that read it (cmd_query.c, cmd_export.c). */
#ifndef TRACER_DEADLINE_H
#define TRACER_DEADLINE_H

#include <sqlite3.h>
#include <time.h>

#define DEFAULT_MAX_TIME 10.0	/* seconds, --max-time's default */

struct deadline {
	struct timespec end;
	int expired;	/* set once a statement was interrupted for it */
};

/* From now on, h's statements stop (SQLITE_INTERRUPT) after seconds. */
void deadline_set(sqlite3 *h, struct deadline *d, double seconds);

#endif

/* Replaying a recorded fault from the database: on the terminal (tui.c) or
 * as a page (replay_html.c); the fault itself is read by replay_model.h. */
#ifndef VIZ_REPLAY_H
#define VIZ_REPLAY_H

#include <sqlite3.h>
#include <stdint.h>
#include <stdio.h>

/* How the terminal replay goes. */
struct replay_view {
	int only_milestones;	/* only the eight steps (n and p go from one to the next) */
	int all;		/* printed: every step, not only the eight */
	int interactive;	/* keys on a terminal, else printed one screen after another */
};

/* What each of the eight steps is, in a sentence (index 1..8). */
extern const char *const milestone_text[9];

/* The fault to show: (run, fault) as asked, 0 meaning any; the latest run's
 * first stepped fault. 0, or -1 if none matches. */
int replay_pick(sqlite3 *h, int64_t *run, int64_t *fault);
/* The panels of viz/tui_panels.h on stdout, step by step as keys ask
 * (view->interactive), or printed: the summary line, then each milestone's
 * screen (every step's with view->all). 0, or -1 with one line in err. */
int replay_terminal(sqlite3 *h, int64_t run, int64_t fault, const struct replay_view *view,
		    char *err, size_t errlen);
/* Room for any summary line: its fields are cut to a bounded width. */
#define REPLAY_SUMMARY_MAX 2048
/* One line about the fault (exception, where, CR2, lookup, outcome) into buf,
 * its database text through the terminal sanitizer (viz/termtext.h). */
void replay_summary(sqlite3 *h, int64_t run, int64_t fault, char *buf, size_t len);
/* One standalone page, at path, with every stepped fault of run, opening at
 * fault (replay_html.c). 0, or -1 with one line in err: a page that could not
 * be written to its end is never reported as written. */
int replay_html(sqlite3 *h, int64_t run, int64_t fault, const char *path, char *err, size_t errlen);

#endif

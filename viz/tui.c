/*
 * The terminal replay: the panels of tui_panels.c for one step at a time,
 * moved through with keys when stdin and stdout are a terminal, and
 * otherwise printed one screen after another as plain text.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "replay.h"
#include "replay_model.h"
#include "tui_panels.h"
#include "tui_term.h"

static const char keys_help[] =
	"n/→ next   p/← back   1-8 the eight steps   f/F next/previous fault   q quit";

struct session {
	sqlite3 *h;
	const struct replay_view *v;
	struct replay_model m;
	int64_t *seqs;		/* the run's stepped faults */
	size_t nseqs, fault;	/* fault: m's index in seqs */
	size_t step;
	char msg[160];		/* said on the status row instead of the keys, once */
	struct tui_screen screen;
	char frame[TUI_ROWS * (TUI_ROW_BYTES + 2) + 16];
};

/* Text rows of the screen, with nothing that drives a terminal. */
static void print_screen(const struct tui_screen *s)
{
	char row[TUI_ROW_BYTES];
	for (int r = 0, used = tui_rows_used(s); r < used; r++) {
		tui_row(s, r, TUI_COLS, 0, row);
		puts(row);
	}
}

/* The summary line, then the screen of each milestone, or of every step
 * with --all (not with --milestones). A write error stops it; main reports
 * it once. */
static int plain(struct session *ss)
{
	const struct replay_model *m = &ss->m;
	char line[REPLAY_SUMMARY_MAX];
	replay_summary(ss->h, m->run, m->seq, line, sizeof(line));
	puts(line);
	for (size_t i = 0; i < m->nsteps && !ferror(stdout); i++) {
		int ms = m->steps[i].milestone;
		if (!ms && (!ss->v->all || ss->v->only_milestones))
			continue;
		putchar('\n');
		if (ms)
			printf("== step %d\n", ms);	/* its sentence is on the screen */
		tui_render(&ss->screen, m, i);
		print_screen(&ss->screen);
	}
	return 0;
}

/* The screen, cut to the window if it is smaller, as one write. */
static int draw(struct session *ss)
{
	int rows = TUI_ROWS, cols = TUI_COLS, small;
	char *p = ss->frame;
	tui_term_size(&rows, &cols);
	small = rows < TUI_ROWS || cols < TUI_COLS;
	tui_render(&ss->screen, &ss->m, ss->step);
	if (small)
		tui_putf(&ss->screen, TUI_STATUS_ROW, 0, TUI_COLS, 1, "this window is %d×%d; the"
			 " replay needs %d×%d", cols, rows, TUI_COLS, TUI_ROWS);
	else
		tui_put(&ss->screen, TUI_STATUS_ROW, 0, TUI_COLS, ss->msg[0] != 0,
			ss->msg[0] ? ss->msg : keys_help);
	ss->msg[0] = '\0';
	p += sprintf(p, "\033[H\033[2J");
	for (int r = 0; r < rows && r < TUI_ROWS; r++) {
		int from = small && r == rows - 1 ? TUI_STATUS_ROW : r;
		if (r)
			p += sprintf(p, "\r\n");
		p += tui_row(&ss->screen, from, cols, 1, p);
	}
	return tui_term_write(ss->frame, (size_t)(p - ss->frame));
}

/* One step on (dir 1) or back (-1); with --milestones, one milestone. */
static void move(struct session *ss, int dir)
{
	size_t i = ss->step;
	do {
		if ((dir < 0 && i == 0) || (dir > 0 && i + 1 >= ss->m.nsteps)) {
			snprintf(ss->msg, sizeof(ss->msg), "the %s instruction of this fault",
				 dir < 0 ? "first" : "last");
			return;
		}
		i = dir < 0 ? i - 1 : i + 1;
	} while (ss->v->only_milestones && !ss->m.steps[i].milestone);
	ss->step = i;
}

static void jump(struct session *ss, int milestone)
{
	long i = replay_milestone_step(&ss->m, milestone);
	if (i < 0)
		snprintf(ss->msg, sizeof(ss->msg), "fault %lld never went through step %d: %s",
			 (long long)ss->m.seq, milestone, milestone_text[milestone]);
	else
		ss->step = (size_t)i;
}

/* The run's next (dir 1) or previous (-1) stepped fault, from its start. */
static void other_fault(struct session *ss, int dir)
{
	struct replay_model m;
	size_t to = ss->fault + (size_t)dir;
	if ((dir < 0 && ss->fault == 0) || to >= ss->nseqs) {
		snprintf(ss->msg, sizeof(ss->msg), "the %s stepped fault of run %lld",
			 dir < 0 ? "first" : "last", (long long)ss->m.run);
		return;
	}
	if (replay_load(ss->h, ss->m.run, ss->seqs[to], &m, ss->msg, sizeof(ss->msg)))
		return;
	replay_free(&ss->m);
	ss->m = m;
	ss->fault = to;
	ss->step = 0;
}

/* 1 when the key quits. */
static int act(struct session *ss, int key)
{
	if (key == 'q' || key == 'Q' || key == 3 || key == 4 || key == TUI_KEY_EOF)
		return 1;	/* 3 and 4: ^C and ^D, raw mode reads them as keys */
	if (key == 'n' || key == ' ' || key == TUI_KEY_RIGHT || key == TUI_KEY_DOWN)
		move(ss, 1);
	else if (key == 'p' || key == TUI_KEY_LEFT || key == TUI_KEY_UP)
		move(ss, -1);
	else if (key >= '1' && key <= '8')
		jump(ss, key - '0');
	else if (key == 'f' || key == 'F')
		other_fault(ss, key == 'f' ? 1 : -1);
	return 0;
}

static int interactive(struct session *ss, char *err, size_t errlen)
{
	if (replay_stepped_faults(ss->h, ss->m.run, &ss->seqs, &ss->nseqs, err, errlen))
		return -1;
	while (ss->fault + 1 < ss->nseqs && ss->seqs[ss->fault] != ss->m.seq)
		ss->fault++;
	if (tui_term_enter()) {
		snprintf(err, errlen, "cannot put the terminal in raw mode");
		tui_term_leave();
		return -1;
	}
	int rc;
	while (!(rc = draw(ss)) && !act(ss, tui_term_key()))
		;
	tui_term_leave();
	if (rc)
		snprintf(err, errlen, "writing to the terminal failed");
	return rc;
}

int replay_terminal(sqlite3 *h, int64_t run, int64_t fault, const struct replay_view *v,
		    char *err, size_t errlen)
{
	struct session *ss = calloc(1, sizeof(*ss));
	if (!ss) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	*ss = (struct session){ .h = h, .v = v };
	int rc = replay_load(h, run, fault, &ss->m, err, errlen);
	if (!rc)
		rc = v->interactive ? interactive(ss, err, errlen) : plain(ss);
	replay_free(&ss->m);
	free(ss->seqs);
	free(ss);
	return rc;
}

/* Inside the terminal replay's panels: where the lower panels sit and what
 * tui_panels.c and tui_tables.c share. */
#ifndef VIZ_TUI_PARTS_H
#define VIZ_TUI_PARTS_H

#include <stddef.h>
#include <stdint.h>

#include "replay_model.h"
#include "tui_screen.h"

/* The exception table takes rows 16 to 23; the walk and the frame 24 to 28,
 * side by side. */
enum { ROW_TABLE = 16, ROW_LOWER = 24 };

/* The step drawn, and how far the fault has got there. */
struct tui_at {
	const struct replay_model *m;
	const struct rm_step *s;
	int phase;	/* the milestone the step is at or past, 0 before the first */
};

void tui_table_panel(struct tui_screen *s, const struct tui_at *at);
void tui_walk_panel(struct tui_screen *s, const struct tui_at *at);
void tui_frame_panel(struct tui_screen *s, const struct tui_at *at);


#endif

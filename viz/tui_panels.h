/*
 * The terminal replay's panels, drawn for one step of a replay model onto a
 * 100×30 screen (tui_screen.h): the header with the eight steps as boxes, the
 * instructions around the step with its source line, the registers, the
 * exception table with the search's probes, the page walk and the trap
 * frame. Pure: the same model and step always give the same screen.
 */
#ifndef VIZ_TUI_PANELS_H
#define VIZ_TUI_PANELS_H

#include <stddef.h>

#include "replay_model.h"
#include "tui_screen.h"

/* The last row, which the panels leave to the caller (keys, messages). */
#define TUI_STATUS_ROW (TUI_ROWS - 1)

/* Clears s and draws step (an index into m->steps, < m->nsteps). */
void tui_render(struct tui_screen *s, const struct replay_model *m, size_t step);

#endif

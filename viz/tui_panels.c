/*
 * The upper half of the terminal replay: the header, the eight steps as
 * boxes, the sentence saying what the current one is, the instructions
 * around the step with its source line, and the registers. The lower half
 * (table, walk, frame) is tui_tables.c.
 */
#include "tui_panels.h"

#include <stdio.h>
#include <string.h>

#include "replay.h"
#include "tui_parts.h"

enum {
	ROW_HEADER = 0, ROW_BOXES = 1, ROW_SENTENCE = 4, ROW_INSNS = 5, INSN_LINES = 5,
	ROW_SOURCE = ROW_INSNS + INSN_LINES + 1, ROW_REGS = ROW_SOURCE + 1, REGS_PER_ROW = 5,
	BOX_WIDTH = 12,
};

/* What each box says: a word for each of milestone_text's sentences. */
static const char *const box_word[9] = {
	NULL, "access", "trap", "handler", "search", "lookup", "iret", "fixup", "resume",
};

/* The #PF error code in words, as the fault_timeline view spells it. */
static void exception_text(char *buf, size_t len, const struct rm_fault *f)
{
	unsigned long long e = (unsigned long long)f->error_code;
	if (f->vector == 0)
		snprintf(buf, len, "#DE divide error");
	else if (f->vector != 14)
		snprintf(buf, len, "vector %lld", (long long)f->vector);
	else
		snprintf(buf, len, "#PF %s %s, %s", e & 4 ? "user" : "kernel",
			 e & 16 ? "fetch" : e & 2 ? "write" : "read",
			 e & 1 ? "protection" : "not present");
}

static void header(struct tui_screen *s, const struct tui_at *at)
{
	const struct replay_model *m = at->m;
	char exc[64], cr2[TUI_HEX], eip[TUI_HEX];
	exception_text(exc, sizeof(exc), &m->f);
	tui_putf(s, ROW_HEADER, 0, TUI_COLS, 0,
		 "run %lld · fault %lld · %s · CR2 %s · EIP %s · insn %lld/%zu",
		 (long long)m->run, (long long)m->seq, exc, tui_hex(cr2, m->f.cr2),
		 tui_hex(eip, m->f.eip), (long long)(at->s - m->steps) + 1, m->nsteps);
}

/* n copies of the character glyph into buf (room for n of them). */
static const char *repeat(char *buf, const char *glyph, int n)
{
	size_t g = strlen(glyph);
	for (int i = 0; i < n; i++)
		memcpy(buf + (size_t)i * g, glyph, g);
	buf[(size_t)n * g] = '\0';
	return buf;
}

/* The step the fault is at drawn double and lit; a step it never took,
 * dashed. */
static void box(struct tui_screen *s, int n, int lit, int taken)
{
	static const char *const style[3][6] = {
		{ "┌", "┐", "└", "┘", "─", "│" },
		{ "╔", "╗", "╚", "╝", "═", "║" },
		{ "┌", "┐", "└", "┘", "┄", "┆" },
	};
	const char *const *g = style[lit ? 1 : taken ? 0 : 2];
	char line[4 * BOX_WIDTH];
	int col = 2 + (n - 1) * BOX_WIDTH, inner = BOX_WIDTH - 2;
	repeat(line, g[4], inner);
	tui_putf(s, ROW_BOXES, col, BOX_WIDTH, 0, "%s%s%s", g[0], line, g[1]);
	tui_put(s, ROW_BOXES + 1, col, 1, 0, g[5]);
	tui_putf(s, ROW_BOXES + 1, col + 1, inner, lit, " %d %-*s", n, inner - 3, box_word[n]);
	tui_put(s, ROW_BOXES + 1, col + 1 + inner, 1, 0, g[5]);
	tui_putf(s, ROW_BOXES + 2, col, BOX_WIDTH, 0, "%s%s%s", g[2], line, g[3]);
}

static void boxes_and_sentence(struct tui_screen *s, const struct tui_at *at)
{
	for (int n = 1; n <= 8; n++)
		box(s, n, n == at->phase, replay_milestone_step(at->m, n) >= 0);
	if (at->s->milestone)
		tui_putf(s, ROW_SENTENCE, 0, TUI_COLS, 0, "step %d: %s", at->phase,
			 milestone_text[at->phase]);
	else if (at->phase)
		tui_putf(s, ROW_SENTENCE, 0, TUI_COLS, 0, "on from step %d: %s", at->phase,
			 milestone_text[at->phase]);
	else
		tui_put(s, ROW_SENTENCE, 0, TUI_COLS, 0, "before step 1");
}

/* One instruction: the current one marked and lit, a milestone numbered;
 * the source file by its last component, the whole path is on ROW_SOURCE. */
static void insn_line(struct tui_screen *s, int row, const struct rm_step *st, int current)
{
	const char *base = strrchr(st->src_file, '/');
	tui_put(s, row, 0, 1, 0, current ? "►" : " ");
	if (st->milestone)
		tui_putf(s, row, 1, 1, 0, "%d", st->milestone);
	tui_putf(s, row, 2, 5, 0, "%5lld", (long long)st->idx);
	tui_putf(s, row, 8, 10, 0, "0x%08x", (unsigned)st->eip);
	tui_put(s, row, 20, 30, 0, st->symbol);
	tui_put(s, row, 51, 32, 0, st->insn);
	if (st->src_file[0])
		tui_putf(s, row, 84, TUI_COLS - 84, 0, "%s:%lld", base ? base + 1 : st->src_file,
			 (long long)st->src_line);
	if (current)
		tui_light(s, row, 0, TUI_COLS);
}

/* The line's text as one line: no indentation, a tab as a space (the
 * sanitizer would show it as \x09). */
static void source_text(char *out, size_t len, const char *text)
{
	size_t o = 0;
	text += strspn(text, " \t");
	for (; *text && o + 1 < len; text++)
		out[o++] = *text == '\t' ? ' ' : *text;
	out[o] = '\0';
}

static void source_line(struct tui_screen *s, const struct tui_at *at)
{
	const struct rm_step *st = at->s;
	char text[RM_TEXT_MAX + 1];
	if (!st->src_file[0]) {
		tui_put(s, ROW_SOURCE, 2, TUI_COLS, 0, "(no source line for this instruction)");
		return;
	}
	int col = 2 + tui_putf(s, ROW_SOURCE, 2, 48, 0, "%s:%lld", st->src_file,
			       (long long)st->src_line);
	const char *line = replay_source(at->m, st->src_file, st->src_line);
	if (line)
		source_text(text, sizeof(text), line);
	tui_putf(s, ROW_SOURCE, col, TUI_COLS, 0, "  │ %s", line ? text : "(text not recorded)");
}

static void instructions(struct tui_screen *s, const struct tui_at *at)
{
	const struct replay_model *m = at->m;
	size_t cur = (size_t)(at->s - m->steps), first = cur > INSN_LINES / 2 ? cur - INSN_LINES / 2 : 0;
	if (m->nsteps > INSN_LINES && first > m->nsteps - INSN_LINES)
		first = m->nsteps - INSN_LINES;
	tui_rule(s, ROW_INSNS, 0, TUI_COLS, "instructions (► this one, a digit at each of the eight)");
	for (size_t i = first; i < m->nsteps && i < first + INSN_LINES; i++)
		insn_line(s, ROW_INSNS + 1 + (int)(i - first), &m->steps[i], i == cur);
	source_line(s, at);
}

/* The registers before the step's instruction runs: [bracketed] and lit
 * where they differ from the step before, "?" where nothing says. */
static void registers(struct tui_screen *s, const struct tui_at *at)
{
	const struct rm_step *st = at->s;
	tui_rule(s, ROW_REGS, 0, TUI_COLS, "registers before this instruction ([changed] since the last)");
	for (int r = 0; r < RM_NREGS; r++) {
		int row = ROW_REGS + 1 + r / REGS_PER_ROW, col = (r % REGS_PER_ROW) * 20;
		int changed = (st->changed_regs >> r) & 1;
		tui_putf(s, row, col, 7, 0, "%6s ", rm_reg_names[r]);
		if (!((st->known >> r) & 1))
			tui_put(s, row, col + 7, 12, 0, " ?");
		else
			tui_putf(s, row, col + 7, 12, changed, changed ? "[0x%08x]" : " 0x%08x ",
				 (unsigned)st->regs[r]);
	}
}

void tui_render(struct tui_screen *s, const struct replay_model *m, size_t step)
{
	const struct tui_at at = { m, &m->steps[step], replay_phase(m, step) };
	tui_clear(s);
	header(s, &at);
	boxes_and_sentence(s, &at);
	instructions(s, &at);
	registers(s, &at);
	tui_table_panel(s, &at);
	tui_walk_panel(s, &at);
	tui_frame_panel(s, &at);
}

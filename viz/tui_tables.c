/*
 * The lower half of the terminal replay: the exception table around the
 * entry for the faulting EIP with the probes the guest's search made, the
 * page walk of CR2, and the trap frame before and after the handler. What
 * the guest has not done yet at the step drawn (a probe, the rewrite of
 * regs->eip) is not shown yet.
 */
#include <stdio.h>
#include <string.h>

#include "tui_parts.h"

enum {
	TABLE_ENTRIES = 5, ROW_PROBES = ROW_TABLE + 1, ROW_ENTRIES = ROW_PROBES + 1,
	ROW_VERDICT = ROW_ENTRIES + TABLE_ENTRIES, WALK_WIDTH = 52, FRAME_COL = 54,
	PROBES_TEXT = 1024,
};

/* The table shown and the position of the entry for the faulting EIP: the
 * one a probe matched, else the one the tracer predicted, else where such
 * an entry would be (found is then 0). */
struct target {
	const struct rm_table *t;
	size_t pos;
	int found;
};

static int entry_pos(const struct rm_table *t, int64_t idx, size_t *pos)
{
	for (size_t i = 0; t && i < t->n; i++)
		if (t->e[i].idx == idx) {
			*pos = i;
			return 1;
		}
	return 0;
}

static struct target find_target(const struct replay_model *m)
{
	struct target g = { NULL, 0, 0 };
	for (size_t i = m->nprobes; i-- > 0 && !g.found;)
		if (!strcmp(m->probes[i].result, "match")) {
			g.t = replay_table(m, m->probes[i].owner);
			g.found = entry_pos(g.t, m->probes[i].idx, &g.pos);
		}
	if (!g.found && m->f.owner[0] && m->f.entry_index != RM_NULL) {
		g.t = replay_table(m, m->f.owner);
		g.found = entry_pos(g.t, m->f.entry_index, &g.pos);
	}
	if (!g.found) {
		g.t = replay_table(m, "kernel");
		if (!g.t && m->ntables)
			g.t = &m->tables[0];
		while (g.t && g.pos < g.t->n && g.t->e[g.pos].insn < (uint64_t)m->f.eip)
			g.pos++;
	}
	return g;
}

/* Probes first..made-1 as one line into text: the table's name where it
 * changes, each probe's number, entry and result. Returns its length. */
static size_t probe_text(char *text, const struct replay_model *m, size_t first, size_t made)
{
	size_t len = (size_t)snprintf(text, PROBES_TEXT, "probes%s:", first ? " …" : "");
	for (size_t i = first; i < made && len < PROBES_TEXT; i++) {
		const struct rm_probe *p = &m->probes[i];
		int owner = i == first || strcmp(p->owner, m->probes[i - 1].owner);
		len += (size_t)snprintf(text + len, PROBES_TEXT - len, " %s%s#%lld [%lld] %s",
					owner ? p->owner : "", owner ? " " : "", (long long)p->probe,
					(long long)p->idx, p->result);
	}
	return len;
}

/* The probes made up to the step drawn. The first ones give way while the
 * line would not fit: the last ones are those closing in on the entry. */
static void probes(struct tui_screen *s, const struct tui_at *at)
{
	const struct replay_model *m = at->m;
	char text[PROBES_TEXT];
	size_t made = 0, first = 0;
	int searching = at->phase == 4 || (at->phase < 4 && replay_milestone_step(m, 4) >= 0);
	while (made < m->nprobes && m->probes[made].step_idx <= at->s->idx)
		made++;
	while (probe_text(text, m, first, made) >= TUI_COLS && first + 1 < made)
		first++;
	tui_put(s, ROW_PROBES, 0, TUI_COLS, 0, made ? text : searching ? "probes: none made yet"
		: "probes: none recorded");
}

/* The number of the probe made so far on entry e of table t, or 0. */
static int64_t probed(const struct tui_at *at, const struct rm_table *t, const struct rm_entry *e,
		      const char **result)
{
	const struct replay_model *m = at->m;
	for (size_t i = 0; i < m->nprobes && m->probes[i].step_idx <= at->s->idx; i++)
		if (m->probes[i].idx == e->idx && !strcmp(m->probes[i].owner, t->owner)) {
			*result = m->probes[i].result;
			return m->probes[i].probe;
		}
	return 0;
}

static void entry_line(struct tui_screen *s, int row, const struct tui_at *at,
		       const struct rm_table *t, const struct rm_entry *e, int target)
{
	const char *result = "";
	int64_t probe = probed(at, t, e, &result);
	if (probe)
		tui_putf(s, row, 0, 4, 0, "#%lld", (long long)probe);
	tui_put(s, row, 4, 1, 0, target ? "►" : " ");
	tui_putf(s, row, 6, 7, 0, "[%lld]", (long long)e->idx);
	tui_putf(s, row, 14, 10, 0, "0x%08x", (unsigned)e->insn);
	tui_put(s, row, 25, 24, 0, e->insn_symbol);
	tui_putf(s, row, 50, 12, 0, "→ 0x%08x", (unsigned)e->fixup);
	tui_put(s, row, 63, 24, 0, e->fixup_symbol);
	tui_put(s, row, 88, TUI_COLS - 88, 0, result);
	if (target && at->phase >= 5)
		tui_light(s, row, 0, TUI_COLS);
}

static void verdict(struct tui_screen *s, const struct tui_at *at)
{
	const struct rm_fault *f = &at->m->f;
	char fixup[TUI_HEX];
	if (replay_milestone_step(at->m, 4) < 0)
		tui_putf(s, ROW_VERDICT, 0, TUI_COLS, 0, "the guest made no search for this fault"
			 " (outcome: %s)", f->outcome[0] ? f->outcome : "unknown");
	else if (at->phase < 4)
		tui_put(s, ROW_VERDICT, 0, TUI_COLS, 0, "search_exception_table has not been called yet");
	else if (at->phase == 4)
		tui_put(s, ROW_VERDICT, 0, TUI_COLS, 0, "searching: each probe halves what is left");
	else if (!strcmp(f->lookup, "found"))
		tui_putf(s, ROW_VERDICT, 0, TUI_COLS, 1, "found: %s entry [%lld], fixup %s %s, %s",
			 f->owner, (long long)f->entry_index, tui_hex(fixup, f->fixup),
			 f->fixup_symbol, f->handler);
	else
		tui_put(s, ROW_VERDICT, 0, TUI_COLS, 1, "miss: no entry for this EIP in any table");
}

void tui_table_panel(struct tui_screen *s, const struct tui_at *at)
{
	const struct target g = find_target(at->m);
	char eip[TUI_HEX];
	if (!g.t) {
		tui_rule(s, ROW_TABLE, 0, TUI_COLS, "exception table: none recorded");
	} else {
		tui_rule(s, ROW_TABLE, 0, TUI_COLS, "exception table %s, %zu entries, searched for"
			 " EIP %s", g.t->owner, g.t->n, tui_hex(eip, at->m->f.eip));
		size_t first = g.pos > TABLE_ENTRIES / 2 ? g.pos - TABLE_ENTRIES / 2 : 0;
		if (g.t->n > TABLE_ENTRIES && first > g.t->n - TABLE_ENTRIES)
			first = g.t->n - TABLE_ENTRIES;
		for (size_t i = first; i < g.t->n && i < first + TABLE_ENTRIES; i++)
			entry_line(s, ROW_ENTRIES + (int)(i - first), at, g.t, &g.t->e[i],
				   g.found && i == g.pos);
	}
	probes(s, at);
	verdict(s, at);
}

static const char *const level_name[5] = { NULL, "PTE", "PDE", "PDPTE", "PML4E" };

/* walk_reason in words. */
static const char *reason(char *buf, size_t len, const char *walk_reason)
{
	if (!strcmp(walk_reason, "allowed"))
		return "tables allow it";
	snprintf(buf, len, "%s", walk_reason);
	for (char *u = strchr(buf, '_'); u; u = strchr(u, '_'))
		*u = ' ';
	return buf;
}

/* An entry's permission bits, or why the walk stopped at it. */
static void walk_line(struct tui_screen *s, int row, const struct rm_walk *w,
		      const struct rm_fault *f)
{
	int failed = w->level == f->walk_level && strcmp(f->walk_reason, "allowed");
	char why[RM_TEXT_MAX + 1];
	uint64_t v = w->value;
	tui_put(s, row, 0, 1, 0, failed ? "►" : " ");
	tui_putf(s, row, 2, WALK_WIDTH - 2, 0, "%-5s @%08llx  %016llx", level_name[w->level],
		 (unsigned long long)w->addr, (unsigned long long)v);
	if (failed)
		tui_put(s, row, 36, WALK_WIDTH - 36, 1, reason(why, sizeof(why), f->walk_reason));
	else
		tui_putf(s, row, 36, WALK_WIDTH - 36, 0, "%s%s%s%s%s", v & 1 ? "P" : "-",
			 v & 2 ? " W" : " -", v & 4 ? " U" : " -", v & 0x80 ? " PS" : "",
			 v >> 63 ? " XD" : "");
}

void tui_walk_panel(struct tui_screen *s, const struct tui_at *at)
{
	const struct rm_fault *f = &at->m->f;
	char cr2[TUI_HEX], why[RM_TEXT_MAX + 1];
	if (f->vector != 14) {
		tui_rule(s, ROW_LOWER, 0, WALK_WIDTH, "page walk: none, not a page fault");
		return;
	}
	int known = f->walk_level >= 1 && f->walk_level <= 4;
	tui_rule(s, ROW_LOWER, 0, WALK_WIDTH, "page walk of %s%s%s%s%s", tui_hex(cr2, f->cr2),
		 f->walk_reason[0] ? ": " : "", known ? level_name[f->walk_level] : "",
		 known ? " " : "", reason(why, sizeof(why), f->walk_reason));
	for (size_t i = 0; i < at->m->nwalk; i++)
		walk_line(s, ROW_LOWER + 1 + (int)i, &at->m->walk[i], f);
	if (!at->m->nwalk)
		tui_put(s, ROW_LOWER + 1, 2, WALK_WIDTH - 2, 0, "(no walk recorded)");
}

/* A frame register before the handler and after it (once the trap returned). */
static void frame_line(struct tui_screen *s, int row, const char *name, int64_t before,
		       int64_t after, int returned)
{
	char b[TUI_HEX], a[TUI_HEX];
	tui_put(s, row, FRAME_COL, 3, 0, name);
	tui_put(s, row, FRAME_COL + 5, 10, 0, tui_hex(b, before));
	tui_put(s, row, FRAME_COL + 16, 1, 0, "→");
	if (!returned)
		tui_put(s, row, FRAME_COL + 18, 12, 0, "(not yet)");
	else
		tui_put(s, row, FRAME_COL + 18, 12, after != before && after != RM_NULL,
			tui_hex(a, after));
}

void tui_frame_panel(struct tui_screen *s, const struct tui_at *at)
{
	const struct rm_fault *f = &at->m->f;
	const int width = TUI_COLS - FRAME_COL, returned = at->phase >= 6;
	char addr[TUI_HEX], eax[TUI_HEX], edx[TUI_HEX];
	tui_rule(s, ROW_LOWER, FRAME_COL, width, "trap frame at %s: before → after",
		 tui_hex(addr, f->frame_addr));
	frame_line(s, ROW_LOWER + 1, "EIP", f->frame_eip_before, f->resume_eip, returned);
	frame_line(s, ROW_LOWER + 2, "EAX", f->frame_eax_before, f->frame_eax_after, returned);
	frame_line(s, ROW_LOWER + 3, "EDX", f->frame_edx_before, f->frame_edx_after, returned);
	if (at->phase >= 8)
		tui_putf(s, ROW_LOWER + 4, FRAME_COL, width, 0, "fixup ran: EAX %s  EDX %s",
			 tui_hex(eax, f->eax_after), tui_hex(edx, f->edx_after));
}

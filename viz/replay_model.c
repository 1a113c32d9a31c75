/*
 * Reading one stepped fault into a replay_model: the faults row and the
 * steps, with the registers folded step by step. The probes, tables, walk
 * and source lines are read by replay_parts.c. Each query is prepared,
 * stepped to its end and finalized here, every return code checked.
 */
#include "replay_model.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "replay_rows.h"

const char *const rm_reg_names[RM_NREGS] = {
	"eax", "ebx", "ecx", "edx", "esi", "edi", "ebp", "esp", "eip", "eflags", "cs", "ss", "cr2",
	"cr3",
};

static int fault_row(void *ctx, sqlite3_stmt *st)
{
	struct rm_fault *f = ctx;
	int64_t *ints[] = { &f->vector, &f->eip, &f->cr2, &f->error_code, &f->cpl,
			    &f->entry_index, &f->fixup, &f->resume_eip, &f->eax_after,
			    &f->edx_after, &f->walk_level, &f->frame_addr, &f->frame_eip_before,
			    &f->frame_eax_before, &f->frame_edx_before, &f->frame_eax_after,
			    &f->frame_edx_after };
	char **texts[] = { &f->eip_symbol, &f->lookup, &f->fixup_symbol, &f->handler, &f->owner,
			   &f->outcome, &f->walk_reason, &f->note };
	const int nints = (int)(sizeof(ints) / sizeof(ints[0]));
	for (int i = 0; i < nints; i++)
		*ints[i] = rr_int(st, i);
	for (size_t i = 0; i < sizeof(texts) / sizeof(texts[0]); i++)
		if (!(*texts[i] = rr_text(st, nints + (int)i)))
			return -1;
	return 1;	/* one row is the whole answer */
}

static int load_fault(sqlite3 *h, struct replay_model *m, struct rr_err *e)
{
	static const char sql[] =
		"SELECT vector, eip, cr2, error_code, cpl, entry_index, fixup, resume_eip,"
		" eax_after, edx_after, walk_level, frame_addr, frame_eip_before, frame_eax_before,"
		" frame_edx_before, frame_eax_after, frame_edx_after, eip_symbol, lookup,"
		" fixup_symbol, handler, owner, outcome, walk_reason, note"
		" FROM faults WHERE run_id = ?1 AND seq = ?2";
	int rc = rr_each(h, sql, &(struct rr_key){ m->run, m->seq, NULL }, fault_row, &m->f, e);
	if (rc == 0)
		rr_say(e, "run %lld has no fault %lld", (long long)m->run, (long long)m->seq);
	return rc == 1 ? 0 : -1;
}

static int step_row(void *ctx, sqlite3_stmt *st)
{
	struct replay_model *m = ctx;
	if (rr_push((void **)&m->steps, &m->nsteps, sizeof(*m->steps), RM_MAX_STEPS))
		return -1;	/* more steps than a handler can have: refused, not cut */
	struct rm_step *s = &m->steps[m->nsteps - 1];
	int64_t ms = rr_int(st, 1);
	*s = (struct rm_step){ .idx = rr_int(st, 0), .milestone = ms >= 1 && ms <= 8 ? (int)ms : 0,
			       .eip = (uint32_t)rr_int(st, 2), .src_line = rr_int(st, 7) };
	s->symbol = rr_text(st, 3);
	s->insn = rr_text(st, 4);
	s->changed = rr_text(st, 5);
	s->src_file = rr_text(st, 6);
	return s->symbol && s->insn && s->changed && s->src_file ? 0 : -1;
}

static struct rm_step *step_at(struct replay_model *m, int64_t idx)
{
	size_t lo = 0, hi = m->nsteps;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (m->steps[mid].idx == idx)
			return &m->steps[mid];
		if (m->steps[mid].idx < idx)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

static int reg_row(void *ctx, sqlite3_stmt *st)
{
	struct replay_model *m = ctx;
	struct rm_step *s = step_at(m, rr_int(st, 0));
	const unsigned char *name = sqlite3_column_text(st, 1);
	if (!s || !name)
		return 0;	/* a row for no step, or no register: nothing to show */
	for (int r = 0; r < RM_NREGS; r++)
		if (!strcmp((const char *)name, rm_reg_names[r])) {
			s->regs[r] = (uint32_t)rr_int(st, 2);
			s->known |= 1u << r;
			s->changed_regs |= 1u << r;
		}
	return 0;
}

/* Each step inherits what the step before knew and did not change. */
static void fold_registers(struct replay_model *m)
{
	for (size_t i = 1; i < m->nsteps; i++) {
		struct rm_step *s = &m->steps[i];
		const struct rm_step *p = &m->steps[i - 1];
		for (int r = 0; r < RM_NREGS; r++)
			if (!(s->known & (1u << r)) && (p->known & (1u << r))) {
				s->regs[r] = p->regs[r];
				s->known |= 1u << r;
			}
	}
	if (m->nsteps)
		m->steps[0].changed_regs = 0;	/* the first step is the whole file */
}

static int load_steps(sqlite3 *h, struct replay_model *m, struct rr_err *e)
{
	static const char steps[] =
		"SELECT step_idx, milestone, eip, eip_symbol, insn, changed, src_file, src_line"
		" FROM fault_steps WHERE run_id = ?1 AND fault_seq = ?2 ORDER BY step_idx";
	static const char regs[] =
		"SELECT step_idx, reg, value FROM step_regs WHERE run_id = ?1 AND fault_seq = ?2";
	const struct rr_key k = { m->run, m->seq, NULL };
	if (rr_each(h, steps, &k, step_row, m, e) < 0)
		return rr_say(e, "cannot read the steps of fault %lld (more than %d?)",
			      (long long)m->seq, RM_MAX_STEPS);
	if (!m->nsteps)
		return rr_say(e, "fault %lld of run %lld has no steps", (long long)m->seq,
			      (long long)m->run);
	if (rr_each(h, regs, &k, reg_row, m, e) < 0)
		return -1;
	fold_registers(m);
	return 0;
}

int replay_load(sqlite3 *h, int64_t run, int64_t seq, struct replay_model *m, char *err,
		size_t errlen)
{
	struct rr_err e = { err, errlen };
	*m = (struct replay_model){ .run = run, .seq = seq };
	err[0] = '\0';
	if (load_fault(h, m, &e) || load_steps(h, m, &e) || replay_load_parts(h, m, &e)) {
		replay_free(m);
		if (!err[0])
			snprintf(err, errlen, "cannot read fault %lld of run %lld", (long long)seq,
				 (long long)run);
		return -1;
	}
	return 0;
}

long replay_milestone_step(const struct replay_model *m, int milestone)
{
	for (size_t i = 0; i < m->nsteps; i++)
		if (m->steps[i].milestone == milestone)
			return (long)i;
	return -1;
}

int replay_phase(const struct replay_model *m, size_t step)
{
	for (size_t i = step + 1; i-- > 0;)
		if (i < m->nsteps && m->steps[i].milestone)
			return m->steps[i].milestone;
	return 0;
}

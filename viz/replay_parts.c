/*
 * The rest of a replay model: the probes search_exception_table made, the
 * tables they read (or the fault's own table), the page walk and the source
 * lines; and the lookups the panels make into them.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "replay_rows.h"

static int probe_row(void *ctx, sqlite3_stmt *st)
{
	struct replay_model *m = ctx;
	/* At the cap there are enough to show; a hostile file may hold any number. */
	int rc = rr_push((void **)&m->probes, &m->nprobes, sizeof(*m->probes), RM_MAX_PROBES);
	if (rc)
		return rc;
	struct rm_probe *p = &m->probes[m->nprobes - 1];
	*p = (struct rm_probe){ .probe = rr_int(st, 0), .step_idx = rr_int(st, 1),
				.idx = rr_int(st, 3), .insn = (uint32_t)rr_int(st, 4) };
	p->owner = rr_text(st, 2);
	p->result = rr_text(st, 5);
	return p->owner && p->result ? 0 : -1;
}

static int entry_row(void *ctx, sqlite3_stmt *st)
{
	struct rm_table *t = ctx;
	int rc = rr_push((void **)&t->e, &t->n, sizeof(*t->e), RM_MAX_ENTRIES);
	if (rc)
		return rc;
	struct rm_entry *e = &t->e[t->n - 1];
	*e = (struct rm_entry){ .idx = rr_int(st, 0), .insn = (uint32_t)rr_int(st, 1),
				.fixup = (uint32_t)rr_int(st, 2) };
	e->insn_symbol = rr_text(st, 3);
	e->fixup_symbol = rr_text(st, 4);
	return e->insn_symbol && e->fixup_symbol ? 0 : -1;
}

/* The table of owner, unless it is loaded already or there is no room. */
static int load_table(sqlite3 *h, struct replay_model *m, const char *owner, struct rr_err *e)
{
	static const char sql[] = "SELECT idx, insn, fixup, insn_symbol, fixup_symbol"
				  " FROM extable_entries WHERE run_id = ?1 AND owner = ?3 ORDER BY idx";
	if (!owner[0] || replay_table(m, owner) || m->ntables == RM_MAX_TABLES)
		return 0;
	struct rm_table *t = &m->tables[m->ntables];
	if (!(t->owner = strdup(owner)))
		return -1;
	m->ntables++;
	const struct rr_key k = { m->run, m->seq, owner };
	if (rr_each(h, sql, &k, entry_row, t, e) < 0)
		return rr_say(e, "cannot read the %s exception table", owner);
	return 0;
}

static int walk_row(void *ctx, sqlite3_stmt *st)
{
	struct replay_model *m = ctx;
	int64_t level = rr_int(st, 0);
	if (m->nwalk == 4 || level < 1 || level > 4)
		return 0;	/* not a level a walk has */
	m->walk[m->nwalk++] = (struct rm_walk){ (int)level, (uint64_t)rr_int(st, 1),
						(uint64_t)rr_int(st, 2) };
	return 0;
}

static int line_row(void *ctx, sqlite3_stmt *st)
{
	struct replay_model *m = ctx;
	int rc = rr_push((void **)&m->lines, &m->nlines, sizeof(*m->lines), RM_MAX_LINES);
	if (rc)
		return rc;
	struct rm_line *l = &m->lines[m->nlines - 1];
	*l = (struct rm_line){ .line = rr_int(st, 1) };
	l->file = rr_text(st, 0);
	l->text = rr_text(st, 2);
	return l->file && l->text ? 0 : -1;
}

/* Probed tables first, in the order probed; else the table the fault's
 * entry is in, or the kernel's. */
static int load_tables(sqlite3 *h, struct replay_model *m, struct rr_err *e)
{
	for (size_t i = 0; i < m->nprobes; i++)
		if (load_table(h, m, m->probes[i].owner, e))
			return -1;
	return load_table(h, m, m->f.owner[0] ? m->f.owner : "kernel", e);
}

int replay_load_parts(sqlite3 *h, struct replay_model *m, struct rr_err *e)
{
	static const char probes[] = "SELECT probe, step_idx, owner, idx, insn, result"
				     " FROM extable_probes WHERE run_id = ?1 AND fault_seq = ?2"
				     " ORDER BY probe";
	static const char walk[] = "SELECT level, entry_addr, entry_value FROM fault_walk"
				   " WHERE run_id = ?1 AND fault_seq = ?2 ORDER BY level DESC";
	/* Sorted with the same comparison replay_source searches with. */
	static const char lines[] = "SELECT file, line, text FROM source_lines WHERE run_id = ?1"
				    " ORDER BY CAST(file AS BLOB), line";
	const struct rr_key k = { m->run, m->seq, NULL };
	if (rr_each(h, probes, &k, probe_row, m, e) < 0)
		return rr_say(e, "cannot read the probes");
	if (load_tables(h, m, e) || rr_each(h, walk, &k, walk_row, m, e) < 0)
		return -1;
	if (rr_each(h, lines, &k, line_row, m, e) < 0)
		return rr_say(e, "cannot read the source lines");
	return 0;
}

const struct rm_table *replay_table(const struct replay_model *m, const char *owner)
{
	for (size_t i = 0; i < m->ntables; i++)
		if (!strcmp(m->tables[i].owner, owner))
			return &m->tables[i];
	return NULL;
}

static int line_cmp(const void *key, const void *elem)
{
	const struct rm_line *a = key, *b = elem;
	int c = strcmp(a->file, b->file);
	return c ? c : (a->line > b->line) - (a->line < b->line);
}

const char *replay_source(const struct replay_model *m, const char *file, int64_t line)
{
	struct rm_line key = { .file = (char *)file, .line = line };
	const struct rm_line *l = m->nlines ? bsearch(&key, m->lines, m->nlines, sizeof(key), line_cmp)
					    : NULL;
	return l ? l->text : NULL;
}

struct seq_list {
	int64_t *v;
	size_t n;
};

static int seq_row(void *ctx, sqlite3_stmt *st)
{
	struct seq_list *a = ctx;
	if (rr_push((void **)&a->v, &a->n, sizeof(*a->v), RM_MAX_STEPS))
		return -1;
	a->v[a->n - 1] = sqlite3_column_int64(st, 0);
	return 0;
}

int replay_stepped_faults(sqlite3 *h, int64_t run, int64_t **seqs, size_t *n, char *err,
			  size_t errlen)
{
	struct rr_err e = { err, errlen };
	struct seq_list a = { NULL, 0 };
	err[0] = '\0';
	if (rr_each(h, "SELECT DISTINCT fault_seq FROM fault_steps WHERE run_id = ?1 ORDER BY 1",
		    &(struct rr_key){ run, 0, NULL }, seq_row, &a, &e) < 0) {
		free(a.v);
		return rr_say(&e, "cannot list the stepped faults of run %lld", (long long)run);
	}
	*seqs = a.v;
	*n = a.n;
	return 0;
}

static void free_fault(struct rm_fault *f)
{
	char *texts[] = { f->eip_symbol, f->lookup, f->fixup_symbol, f->handler, f->owner,
			  f->outcome, f->walk_reason, f->note };
	for (size_t i = 0; i < sizeof(texts) / sizeof(texts[0]); i++)
		free(texts[i]);
}

void replay_free(struct replay_model *m)
{
	free_fault(&m->f);
	for (size_t i = 0; i < m->nsteps; i++) {
		struct rm_step *s = &m->steps[i];
		free(s->symbol), free(s->insn), free(s->changed), free(s->src_file);
	}
	for (size_t i = 0; i < m->nprobes; i++)
		free(m->probes[i].owner), free(m->probes[i].result);
	for (size_t t = 0; t < m->ntables; t++) {
		for (size_t i = 0; i < m->tables[t].n; i++)
			free(m->tables[t].e[i].insn_symbol), free(m->tables[t].e[i].fixup_symbol);
		free(m->tables[t].e), free(m->tables[t].owner);
	}
	for (size_t i = 0; i < m->nlines; i++)
		free(m->lines[i].file), free(m->lines[i].text);
	free(m->steps), free(m->probes), free(m->lines);
	*m = (struct replay_model){ 0 };
}

/*
 * The replay page's data, one JSON object for replay_page.js: the run, the
 * eight steps' sentences, the register names, every stepped fault of the run
 * and the run's source lines, then "complete": true, which only a page
 * written to its end has. Arrays rather than objects where there are many
 * (steps, entries), to keep the page small. Each step carries only the
 * registers step_regs has for it (the whole file at the first step): the
 * script folds them, as the table's comment says to read it.
 */
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "replay.h"
#include "replay_html.h"
#include "replay_model.h"

/* Entries shown on either side of the place the faulting EIP has in a table. */
enum { TABLE_CONTEXT = 3 };

static void sep(struct page *p, size_t i)
{
	if (i)
		page_put(p, ",");
}

static void fault_fields(struct page *p, const struct rm_fault *f)
{
#define I(name) { #name, offsetof(struct rm_fault, name) }
	static const struct { const char *name; size_t off; } ints[] = {
		I(vector), I(eip), I(cr2), I(error_code), I(cpl), I(entry_index), I(fixup),
		I(resume_eip), I(eax_after), I(edx_after), I(walk_level), I(frame_addr),
		I(frame_eip_before), I(frame_eax_before), I(frame_edx_before),
		I(frame_eax_after), I(frame_edx_after),
	}, texts[] = {
		I(eip_symbol), I(lookup), I(fixup_symbol), I(handler), I(owner), I(outcome),
		I(walk_reason), I(note),
	};
#undef I
	for (size_t i = 0; i < sizeof(ints) / sizeof(ints[0]); i++) {
		page_printf(p, ",\"%s\":", ints[i].name);
		page_int(p, *(const int64_t *)((const char *)f + ints[i].off));
	}
	for (size_t i = 0; i < sizeof(texts) / sizeof(texts[0]); i++) {
		page_printf(p, ",\"%s\":", texts[i].name);
		page_text(p, *(char *const *)((const char *)f + texts[i].off));
	}
}

/* [idx, milestone, eip, symbol, insn, changed, file, line, {registers}] */
static void step(struct page *p, const struct rm_step *s, int first)
{
	uint32_t regs = first ? s->known : s->changed_regs & s->known;
	page_printf(p, "[%lld,%d,%lu,", (long long)s->idx, s->milestone, (unsigned long)s->eip);
	const char *texts[] = { s->symbol, s->insn, s->changed, s->src_file };
	for (size_t i = 0; i < sizeof(texts) / sizeof(texts[0]); i++) {
		page_text(p, texts[i]);
		page_put(p, ",");
	}
	page_int(p, s->src_line);
	page_put(p, ",{");
	for (int r = 0, n = 0; r < RM_NREGS; r++)
		if (regs & 1u << r)
			page_printf(p, "%s\"%s\":%lu", n++ ? "," : "", rm_reg_names[r],
				    (unsigned long)s->regs[r]);
	page_put(p, "}]");
}

/* [probe, step, owner, idx, insn, result] */
static void probe(struct page *p, const struct rm_probe *q)
{
	page_printf(p, "[%lld,%lld,", (long long)q->probe, (long long)q->step_idx);
	page_text(p, q->owner);
	page_printf(p, ",%lld,%lu,", (long long)q->idx, (unsigned long)q->insn);
	page_text(p, q->result);
	page_put(p, "]");
}

/* Where the entry numbered idx is in t (sorted by idx), or -1. */
static long position(const struct rm_table *t, int64_t idx)
{
	size_t lo = 0, hi = t->n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (t->e[mid].idx == idx)
			return (long)mid;
		if (t->e[mid].idx < idx)
			lo = mid + 1;
		else
			hi = mid;
	}
	return -1;
}

/* Marks the entries the panel shows: those around the place a search for
 * the faulting EIP ends (returned), those probed, and the one found. */
static size_t pick_entries(const struct replay_model *m, const struct rm_table *t, char *show)
{
	size_t at = 0;
	while (at < t->n && t->e[at].insn < (uint32_t)m->f.eip)
		at++;
	for (size_t i = at > TABLE_CONTEXT ? at - TABLE_CONTEXT : 0; i < t->n && i <= at + TABLE_CONTEXT; i++)
		show[i] = 1;
	for (size_t i = 0; i < m->nprobes; i++) {
		long k = strcmp(m->probes[i].owner, t->owner) ? -1 : position(t, m->probes[i].idx);
		if (k >= 0)
			show[k] = 1;
	}
	long k = m->f.entry_index != RM_NULL && !strcmp(m->f.owner, t->owner)
		 ? position(t, m->f.entry_index) : -1;
	if (k >= 0)
		show[k] = 1;
	return at;
}

/* {"owner", "n": entries in all, "at": where the target goes among those
 * shown, "entries": [[idx, insn, fixup, insn symbol, fixup symbol]]} */
static int table(struct page *p, const struct replay_model *m, const struct rm_table *t)
{
	char *show = calloc(t->n ? t->n : 1, 1);
	if (!show)
		return -1;
	size_t at = pick_entries(m, t, show), before = 0, n = 0;
	for (size_t i = 0; i < at; i++)
		before += (size_t)show[i];
	page_put(p, "{\"owner\":");
	page_text(p, t->owner);
	page_printf(p, ",\"n\":%zu,\"at\":%zu,\"entries\":[", t->n, before);
	for (size_t i = 0; i < t->n; i++) {
		if (!show[i])
			continue;
		const struct rm_entry *e = &t->e[i];
		sep(p, n++);
		page_printf(p, "[%lld,%lu,%lu,", (long long)e->idx, (unsigned long)e->insn,
			    (unsigned long)e->fixup);
		page_text(p, e->insn_symbol);
		page_put(p, ",");
		page_text(p, e->fixup_symbol);
		page_put(p, "]");
	}
	page_put(p, "]}");
	free(show);
	return 0;
}

static int fault(struct page *p, const struct replay_model *m)
{
	page_printf(p, "{\"seq\":%lld", (long long)m->seq);
	fault_fields(p, &m->f);
	page_put(p, ",\n\"steps\":[");
	for (size_t i = 0; i < m->nsteps; i++) {
		page_put(p, i ? ",\n" : "\n");
		step(p, &m->steps[i], i == 0);
	}
	page_put(p, "],\n\"probes\":[");
	for (size_t i = 0; i < m->nprobes; i++)
		sep(p, i), probe(p, &m->probes[i]);
	page_put(p, "],\n\"tables\":[");
	for (size_t i = 0; i < m->ntables; i++) {
		sep(p, i);
		if (table(p, m, &m->tables[i]))
			return -1;
	}
	/* Strings: an entry is 64 bits, more than a JSON number holds exactly. */
	page_put(p, "],\n\"walk\":[");
	for (size_t i = 0; i < m->nwalk; i++)
		sep(p, i), page_printf(p, "[%d,\"0x%llx\",\"0x%016llx\"]", m->walk[i].level,
				       (unsigned long long)m->walk[i].addr,
				       (unsigned long long)m->walk[i].value);
	page_put(p, "]}");
	return 0;
}

/* [[file, line, text]], the run's: every fault's model holds the same. */
static void lines(struct page *p, const struct replay_model *m)
{
	page_put(p, "[");
	for (size_t i = 0; i < m->nlines; i++) {
		page_put(p, i ? ",\n[" : "\n[");
		page_text(p, m->lines[i].file);
		page_printf(p, ",%lld,", (long long)m->lines[i].line);
		page_text(p, m->lines[i].text);
		page_put(p, "]");
	}
	page_put(p, "]");
}

static void preamble(struct page *p, int64_t run, int64_t first)
{
	page_printf(p, "{\"run\":%lld,\"first\":%lld,\"milestones\":[null", (long long)run,
		    (long long)first);
	for (int i = 1; i <= 8; i++)
		page_put(p, ","), page_text(p, milestone_text[i]);
	page_put(p, "],\"regs\":[");
	for (int r = 0; r < RM_NREGS; r++)
		sep(p, (size_t)r), page_text(p, rm_reg_names[r]);
	page_put(p, "],\n\"faults\":[");
}

int replay_html_data(struct page *p, sqlite3 *h, int64_t run, int64_t first, char *err,
		     size_t errlen)
{
	int64_t *seqs;
	size_t n;
	if (replay_stepped_faults(h, run, &seqs, &n, err, errlen))
		return -1;
	int rc = n ? 0 : -1;
	if (!n)
		snprintf(err, errlen, "run %lld has no stepped fault", (long long)run);
	preamble(p, run, first);
	for (size_t i = 0; i < n && !rc; i++) {
		struct replay_model m;
		if ((rc = replay_load(h, run, seqs[i], &m, err, errlen)))
			break;
		page_put(p, i ? ",\n" : "\n");
		if (fault(p, &m)) {
			rc = -1;
			snprintf(err, errlen, "out of memory");
		} else if (i + 1 == n) {
			page_put(p, "],\n\"lines\":");
			lines(p, &m);
		}
		replay_free(&m);
	}
	free(seqs);
	if (!rc)
		page_put(p, ",\n\"complete\":true}");
	return rc;
}

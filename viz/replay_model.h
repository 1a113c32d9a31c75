/*
 * One stepped fault, read whole from the database into memory: what the
 * terminal replay and the HTML page draw. Everything a panel shows is here:
 * the fault's row, each step with its registers folded up to that step and
 * its source line, the probes the search made, the tables they probed, the
 * page walk and the trap frame. The database may come from anywhere: texts
 * are cut to a bounded length and counts are capped, and nothing in it is
 * trusted to be consistent (a probe may name an entry no table has).
 */
#ifndef VIZ_REPLAY_MODEL_H
#define VIZ_REPLAY_MODEL_H

#include <sqlite3.h>
#include <stddef.h>
#include <stdint.h>

/* A column that was NULL. */
#define RM_NULL INT64_MIN

/* The registers step_regs names, in the order panels show them. */
enum { RM_EAX, RM_EBX, RM_ECX, RM_EDX, RM_ESI, RM_EDI, RM_EBP, RM_ESP, RM_EIP, RM_EFLAGS,
       RM_CS, RM_SS, RM_CR2, RM_CR3, RM_NREGS };
extern const char *const rm_reg_names[RM_NREGS];

/* Caps against a hostile file: a fault with more steps is refused (the
 * tracer itself stops a handler at 50000); of the rest, what is past the cap
 * is left out. */
#define RM_MAX_STEPS   100000
#define RM_MAX_ENTRIES 100000
#define RM_MAX_LINES   20000
#define RM_MAX_PROBES  64
#define RM_MAX_TABLES  4
#define RM_TEXT_MAX    256	/* bytes kept of any text column */

struct rm_step {
	int64_t idx;
	int milestone;			/* 1..8, 0 between them */
	uint32_t eip;
	char *symbol, *insn, *changed;	/* never NULL ("" for NULL) */
	char *src_file;			/* "" if none */
	int64_t src_line;		/* RM_NULL if none */
	uint32_t regs[RM_NREGS];	/* every register known at this step */
	uint32_t known;			/* bit r: regs[r] is known */
	uint32_t changed_regs;		/* bit r: differs from the step before */
};

struct rm_probe {
	int64_t probe, step_idx, idx;
	uint32_t insn;
	char *owner, *result;
};

struct rm_entry {
	int64_t idx;
	uint32_t insn, fixup;
	char *insn_symbol, *fixup_symbol;
};

struct rm_table {
	char *owner;
	struct rm_entry *e;
	size_t n;
};

struct rm_walk {
	int level;			/* 4 PML4E .. 1 PTE */
	uint64_t addr, value;
};

struct rm_line {
	char *file;
	int64_t line;
	char *text;
};

/* The faults row; integers are RM_NULL where the column was NULL. */
struct rm_fault {
	int64_t vector, eip, cr2, error_code, cpl, entry_index, fixup, resume_eip;
	int64_t eax_after, edx_after, walk_level, frame_addr, frame_eip_before;
	int64_t frame_eax_before, frame_edx_before, frame_eax_after, frame_edx_after;
	char *eip_symbol, *lookup, *fixup_symbol, *handler, *owner, *outcome, *walk_reason;
	char *note;
};

struct replay_model {
	int64_t run, seq;
	struct rm_fault f;
	struct rm_step *steps;
	size_t nsteps;
	struct rm_probe *probes;
	size_t nprobes;
	struct rm_table tables[RM_MAX_TABLES];	/* the tables probed, or the fault's */
	size_t ntables;
	struct rm_walk walk[4];
	size_t nwalk;
	struct rm_line *lines;		/* sorted by file, then line */
	size_t nlines;
};

/* Read (run, seq) into m. 0, or -1 with one line in err (and m empty). */
int replay_load(sqlite3 *h, int64_t run, int64_t seq, struct replay_model *m, char *err,
		size_t errlen);
void replay_free(struct replay_model *m);

/* The faults of run that have steps, in order, into a new array (*seqs, to
 * free). 0, or -1 with one line in err. */
int replay_stepped_faults(sqlite3 *h, int64_t run, int64_t **seqs, size_t *n, char *err,
			  size_t errlen);

/* The first step of milestone m (1..8), or -1 if the fault has none. */
long replay_milestone_step(const struct replay_model *m, int milestone);
/* The milestone a step belongs to: the last one at or before it, 0 before
 * the first. */
int replay_phase(const struct replay_model *m, size_t step);
/* The text of file:line, or NULL if the database has none. */
const char *replay_source(const struct replay_model *m, const char *file, int64_t line);
/* The table named owner, or NULL. */
const struct rm_table *replay_table(const struct replay_model *m, const char *owner);

#endif

/* The tcg engine's state, shared by tcg.c (set-up, the engine interface),
 * tcg_state.c (registers, breakpoints) and tcg_run.c (running, and turning
 * gdbstub stops into events). */
#ifndef VMM_TCG_H
#define VMM_TCG_H

#include "engine.h"
#include "gdb.h"
#include "gdb_regs.h"
#include "qemu.h"

#define TCG_MAX_BP 12	/* 4 for the caller, the I/O sites, stale ones kept */

enum site_state { SITE_NONE, SITE_OWED, SITE_DONE };

struct tcg {
	struct qemu q;
	struct gdb g;
	struct greg_map map;
	int wake[2];			/* kick() writes, the stop wait polls */
	struct io_sites sites;
	uint8_t raw[2048];		/* the last 'g' reply, decoded */
	int regs_valid, bits;		/* bits: 0 until asked at this stop */
	uint64_t inserted[TCG_MAX_BP];	/* addresses with a breakpoint in QEMU */
	unsigned nr_inserted;
	uint64_t pc;			/* where the vCPU is stopped */
	int at_stop;			/* pc was reported: resuming steps over a breakpoint there */
	enum site_state site;		/* the site instruction at pc: I/O owed, or done */
	unsigned site_len;		/* its length, once reported */
};

/* tcg_state.c */
uint64_t tcg_reg(struct tcg *t, enum greg r);
int tcg_load_regs(struct vm *vm);
int tcg_set_reg(struct tcg *t, enum greg r, uint64_t v);
int tcg_insert(struct tcg *t, uint64_t addr, int insert);
int tcg_is_bp(const struct vm *vm, uint64_t pc);
int tcg_is_site(const struct tcg *t, uint64_t pc);
/* A breakpoint at pc that nobody wants is removed: 1, else 0. */
int tcg_drop_stale(struct vm *vm, uint64_t pc);
/* Make QEMU's breakpoints include the caller's and the I/O sites: 0 or -1. */
int tcg_sync_breakpoints(struct vm *vm);
/* tcg_run.c */
int tcg_run(struct vm *vm, struct vm_event *ev);

#endif

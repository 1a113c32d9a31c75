/*
 * The VMM side of `faultline bench`: at a BEGIN mark it starts single-
 * stepping and counting, at END it stores the count (less the harness's own
 * share, measured by the "baseline" case), and RESULT rows are stored as the
 * guest sent them. While get_user_invalid is counted, the instructions are
 * also split by phase of the fault (fault_breakdown).
 */
#ifndef TRACER_BENCH_HOST_H
#define TRACER_BENCH_HOST_H

#include <stdint.h>
#include <stdio.h>
#include <fl_abi.h>

#include "db.h"
#include "flow.h"
#include "symtab.h"
#include "vm.h"

enum bench_phase { PH_ACCESS, PH_ENTRY, PH_DO_PAGE_FAULT, PH_LOOKUP, PH_RETURN, PH_FIXUP,
		   NR_PHASES };

struct elf_image;

struct bench_host {
	struct db *db;
	int64_t run_id;
	FILE *progress;			/* a line per case, or NULL */
	struct symtab syms;
	struct flow flow;		/* stops an engine skips, phases of the fault */
	uint32_t fixup_lo, fixup_hi;	/* the kernel's fixup code */
	struct fl_bench_msg cur;
	int counting, breakdown;
	uint64_t count, baseline;
	uint64_t phase[NR_PHASES];
	enum bench_phase ph;
	char error[256];
};

/* Symbols for the breakdown; 0, or -1 with b->error. */
int bench_host_init(struct bench_host *b, struct db *db, int64_t run_id,
		    const struct elf_image *kernel);
/* The bench hook of vm.h: 0, VM_HOOK_BAD_GUEST for a bad message from the
 * guest, VM_HOOK_HOST_ERROR for a failure here (b->error says which). */
int bench_on_mark(struct bench_host *b, struct vm *vm, uint32_t kind, uint32_t addr);
int bench_on_step(struct bench_host *b, struct vm *vm, uint64_t pc);
void bench_host_free(struct bench_host *b);

#endif

/*
 * Fault tracing from the hypervisor side. The kernel is not changed for it:
 * hardware breakpoints sit on the #PF and #DE entry stubs (found in the
 * kernel ELF's symbols). At an entry the tracer reads CR2 and the exception
 * frame, predicts the exception-table lookup from its own copy of the tables,
 * and swaps the breakpoints for three on the ways a handler can end: the
 * trap return (iretq: where did execution resume?), force_sig (the process
 * was killed) and die (oops). Whichever fires classifies the fault and swaps
 * the entry breakpoints back. No breakpoint ever has to be stepped over, so
 * a fault costs two debug exits; a fixed-up one costs a third, at the place
 * the fixup jumps back to, where the fixup's effect (EAX = -EFAULT, the value
 * zeroed) is read.
 */
#ifndef TRACER_TRACE_H
#define TRACER_TRACE_H

#include <stdint.h>

#include "clock.h"
#include "db.h"
#include "elf_image.h"
#include "images.h"
#include "record.h"
#include "shadow.h"
#include "stepsrc.h"
#include "symtab.h"
#include "vm.h"

#define TRACE_MAX_TABLES 4

struct steps;

struct tracer {
	struct vm *vm;
	struct db *db;
	int64_t run_id;
	uint64_t t0_ns;			/* the run's start: fault times count from it */
	struct symtab syms;
	struct shadow_table tabs[TRACE_MAX_TABLES];
	size_t ntabs;
	uint32_t bp_pf, bp_de, bp_iret, bp_kill, bp_die;
	struct fault_record cur;	/* the fault whose handler is running */
	uint64_t entry_rsp;		/* where its hardware frame starts */
	int pending;
	uint32_t continuation;		/* where a fixup jumps back to, while it runs */
	uint64_t faults, debug_exits;
	uint64_t steps_left;		/* faults still to single-step (--steps) */
	struct steps *steps;		/* non-NULL while single-stepping one */
	struct elf_image module_elf;	/* open while the run lasts, */
	int have_module_elf;		/* if there is a module */
	struct stepsrc src;		/* source lines, with --steps */
	int have_src;
	char error[256];		/* set when tracing had to stop */
};

/* Symbols, shadow tables and breakpoint addresses from the kernel's opened
 * image and the module's file; the tables also go into extable_entries. 0,
 * or -1 with t->error set. */
int tracer_init(struct tracer *t, struct vm *vm, struct db *db, int64_t run_id, uint64_t t0_ns,
		const struct elf_image *kernel, const struct guest_file *module, uint64_t steps);
/* Arm the entry breakpoints (call once before the run; outcome.c). */
int tracer_arm_entry(struct tracer *t);
/* Every debug stop of the run, at pc: 0 to go on, -1 with t->error set. */
int tracer_on_debug(struct tracer *t, uint64_t pc);
/* The run is over: classify a fault still pending from how it ended. */
void tracer_finish(struct tracer *t, int guest_exit_status, int exited);
void tracer_free(struct tracer *t);

/* outcome.c, for trace.c and steps.c. tracer_fail and tracer_vm_fail set
 * t->error ("tracing stopped: WHAT", and the engine's reason) and return -1;
 * tracer_read_guest reads guest memory at gva, or fails so. */
int tracer_fail(struct tracer *t, const char *what);
int tracer_vm_fail(struct tracer *t, const char *what);
int tracer_read_guest(struct tracer *t, uint64_t gva, void *dst, size_t len);
/* The outcome is known: complete the row written at the entry. */
int tracer_store(struct tracer *t);
/* How the handler ended: the trap return, a kill or an oops (outcome), or,
 * after a fixup, the return to the function; each 0, or -1 with t->error. */
int tracer_on_iret(struct tracer *t);
int tracer_on_end(struct tracer *t, const char *outcome);
int tracer_on_continuation(struct tracer *t);
/* A disagreement between guest and host: mismatch, and a note (appended). */
void fault_disagree(struct fault_record *f, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* Something worth saying that is no disagreement: a note (appended) only. */
void fault_note(struct fault_record *f, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

#endif

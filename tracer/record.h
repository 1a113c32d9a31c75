/*
 * What the tracer records, in host structs that mirror schema.sql's tables.
 * The tracer fills them from the VM's debug stops; tracer/db.c writes them.
 */
#ifndef TRACER_RECORD_H
#define TRACER_RECORD_H

#include <stdint.h>

/* runs.status */
#define RUN_COMPLETED    "completed"	/* guest exited through its exit hypercall */
#define RUN_GUEST_FAILED "guest_failed"	/* oops, panic, triple fault, bad hypercall */
#define RUN_TIMEOUT      "timeout"
#define RUN_INTERRUPTED  "interrupted"	/* SIGINT or SIGTERM */
#define RUN_VMM_ERROR    "vmm_error"

struct run_info {
	const char *scenario;		/* NULL when --program was used */
	const char *program;		/* path, or NULL */
	const char *kernel_path;	/* "(built-in)" for the embedded kernel */
	char kernel_sha256[65];
	const char *engine;		/* "kvm_pvm", "kvm_intel", "kvm_amd", "kvm", "tcg" or NULL */
	const char *engine_version;
	int emulated;
	uint32_t tsc_khz;
	const char *cmdline;
};

struct run_end {
	const char *status;		/* RUN_* */
	int exit_code;			/* faultline's exit code */
	uint64_t fault_count;
	uint64_t exits;
	double exits_per_fault;		/* debug exits per traced fault */
	const char *error;		/* why the host side failed, or NULL */
};

/* faults.lookup */
#define LOOKUP_FOUND "found"
#define LOOKUP_NONE  "none"
#define LOOKUP_NA    "not_applicable"	/* user-mode fault: the table is not consulted */

/* faults.outcome */
#define OUTCOME_FIXUP    "fixup"
#define OUTCOME_RESOLVED "resolved"
#define OUTCOME_KILLED   "killed"
#define OUTCOME_OOPS     "oops"

struct fault_record {
	uint64_t seq;			/* 1, 2, ... within the run */
	uint64_t ts_ns;			/* host CLOCK_MONOTONIC since the run started */
	uint64_t tsc;			/* guest TSC at the exception entry, */
	int has_tsc;			/* if the engine could read it */
	uint32_t vector;		/* 14 #PF, 0 #DE */
	uint32_t cr2;			/* #PF only; 0 otherwise */
	uint32_t eip;			/* faulting instruction */
	char eip_symbol[96];		/* "function+0xoff" */
	uint32_t error_code;
	uint32_t cpl;
	const char *lookup;		/* LOOKUP_* (shadow lookup on the host) */
	int64_t entry_index;		/* -1 if none */
	uint32_t fixup;			/* 0 if none */
	char fixup_symbol[96];
	const char *handler;		/* "ex_handler_default", ... or NULL */
	const char *owner;		/* "kernel" or a module name, or NULL */
	int64_t observed_index;		/* the entry the guest used, -1 if none */
	const char *observed_owner;	/* its table, or NULL */
	const char *outcome;		/* OUTCOME_* or NULL while unknown */
	uint32_t resume_eip;		/* where execution continued */
	uint32_t eax_after, edx_after;	/* registers at the resume point */
	int mismatch;			/* shadow lookup and guest disagree */
	char note[320];			/* why, when something is unexplained */
	int walk_level;			/* 1..4 the level that refused, 0 for NULL */
	const char *walk_reason;	/* WALK_* or NULL */
	int has_frame;			/* the frame_* fields below are known */
	uint32_t frame_addr;		/* where the frame's return EIP lies */
	uint32_t frame_eip_before, frame_eax_before, frame_edx_before;
	int has_frame_after;		/* the trap returned: the two below are known */
	uint32_t frame_eax_after, frame_edx_after;
};

/* faults.walk_reason */
#define WALK_NOT_PRESENT "not_present"
#define WALK_READ_ONLY   "read_only"
#define WALK_SUPERVISOR  "supervisor"
#define WALK_RESERVED    "reserved"
#define WALK_NO_EXECUTE  "no_execute"
#define WALK_ALLOWED     "allowed"

/* One fault_walk row: a paging entry read while walking CR2. */
struct walk_row {
	uint64_t fault_seq;
	int level;			/* 4 PML4E .. 1 PTE */
	uint64_t entry_addr;		/* guest physical */
	uint64_t entry_value;
};

struct extable_row {
	const char *owner;
	uint32_t idx;
	uint32_t insn, fixup, handler;
	char insn_symbol[96], fixup_symbol[96];
};

struct step_row {
	uint64_t fault_seq;
	uint32_t step_idx;
	int milestone;			/* 1..8, or 0 for NULL */
	uint32_t eip;
	char eip_symbol[96];
	char insn[64];			/* "mov edx, dword ptr [eax]" */
	char changed[160];		/* "eax=0xfffffff2 ecx=0x0" */
	char src_file[160];		/* from DWARF; "" if eip has no line */
	uint32_t src_line;		/* 0 with src_file "" */
};

/* One step_regs row: a register's value when a step's instruction is about
 * to run. */
struct step_reg_row {
	uint64_t fault_seq;
	uint32_t step_idx;
	const char *reg;		/* "eax", ..., "eip", "eflags", "cs", "ss", "cr2", "cr3" */
	uint32_t value;
};

/* extable_probes.result */
#define PROBE_BELOW "below"
#define PROBE_ABOVE "above"
#define PROBE_MATCH "match"

/* One extable_probes row: an entry search_exception_table read. */
struct probe_row {
	uint64_t fault_seq;
	uint32_t probe;			/* 1, 2, ... */
	uint32_t step_idx;
	const char *owner;		/* "kernel" or a module name */
	uint32_t idx;
	uint32_t insn;
	const char *result;		/* PROBE_* */
};

struct bench_row {
	const char *case_name;
	const char *parameter;		/* NULL when the case has none */
	const char *measure;		/* instructions, cycles, host_ns, probes */
	double value;
	const char *unit;
	uint64_t repetitions;
};

#endif

/*
 * One virtual machine with one vCPU, on one of two engines: KVM, or QEMU's
 * TCG emulator driven over its gdbstub where KVM is missing. Callers see
 * only this interface: guest memory (shared with the engine, never copied),
 * registers, up to 4 breakpoints, single-stepping, and the run loop, which
 * reports port I/O (the console and hypercalls), debug stops, and how the
 * run ended. vmm/ knows nothing of SQLite: callers observe the run through
 * struct vm_hooks.
 */
#ifndef VMM_VM_H
#define VMM_VM_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "mem.h"

/* Exit codes of the faultline program for VMM-side failures (the guest's own
 * exit status is passed through otherwise). */
enum vmm_status {
	VMM_E_USAGE = 2,
	VMM_E_NODEV = 3,	/* KVM asked for, /dev/kvm missing */
	VMM_E_PERM = 4,		/* /dev/kvm not accessible */
	VMM_E_KVM = 5,		/* wrong API version or missing capability */
	VMM_E_INPUT = 6,	/* bad kernel or program image, unusable database */
	VMM_E_SETUP = 7,	/* any other failure setting the VM up */
	VMM_E_NOENGINE = 8,	/* --accel auto: neither KVM nor QEMU usable */
	VMM_E_QEMU = 9,		/* QEMU missing, failed to start, or died */
	VMM_E_TIMEOUT = 124,	/* the watchdog stopped the guest */
	VMM_E_CRASH = 125,	/* triple fault, internal error, unexpected exit */
	VMM_E_INTERRUPTED = 130,/* SIGINT or SIGTERM */
};

enum vm_accel { VM_ACCEL_AUTO, VM_ACCEL_KVM, VM_ACCEL_TCG };

struct vm_module {
	uint32_t kind;		/* FL_MOD_* */
	const char *name;
	const uint8_t *data;
	size_t len;
};

#define VM_MAX_MODULES 16

struct elf_image;

struct vm_config {
	uint64_t mem_size;
	const struct elf_image *kernel;	/* opened and checked (elf_check_kernel) */
	const char *cmdline;
	struct vm_module mods[VM_MAX_MODULES];
	unsigned nr_mods;
	double timeout_s;	/* 0: none */
};

/* How the VM is created. */
struct vm_opts {
	enum vm_accel accel;
	uint64_t mem_size;
	const char *qemu_log;	/* tcg: QEMU's own exception log (-d int), or NULL */
	int quiet;		/* no "using tcg" line on stderr */
};

enum vm_outcome {
	VM_EXITED,		/* the guest's exit hypercall: exit_status */
	VM_TIMEOUT,
	VM_INTERRUPTED,
	VM_CRASHED,		/* triple fault, internal error, failed entry, unexpected exit */
	VM_BAD_GUEST,		/* a hypercall with arguments outside guest memory */
	VM_HOST_ERROR,		/* the engine failed (an ioctl, or QEMU died) */
};

/* What stopped the vCPU, engine-independent. */
enum vm_event_kind {
	VM_EV_IO,		/* port I/O: io */
	VM_EV_DEBUG,		/* a breakpoint or single-step stop at pc */
	VM_EV_HLT,
	VM_EV_SHUTDOWN,		/* triple fault */
	VM_EV_INTERNAL,		/* the engine could not go on: detail says why */
	VM_EV_OTHER,		/* anything else: detail says what */
	VM_EV_INTERRUPTED,	/* a signal asked the run to stop */
};

struct vm_event {
	enum vm_event_kind kind;
	uint64_t pc;			/* VM_EV_DEBUG */
	struct {
		uint16_t port;
		uint8_t size;		/* 1, 2 or 4 */
		uint8_t out;		/* 1: guest writes */
		uint32_t value;		/* out: the value written; in: filled by the host */
	} io;
	char detail[128];
};

struct vm;

/* What a hook returns when the run must stop: whose fault it is. */
enum { VM_HOOK_BAD_GUEST = -1, VM_HOOK_HOST_ERROR = -2 };

struct vm_hooks {
	void *ctx;
	/* A complete console line (without '\n'). */
	void (*console_line)(void *ctx, const char *line, size_t len);
	/* A debug stop at pc: return 0 to continue, -1 to stop as a host error. */
	int (*debug_exit)(void *ctx, struct vm *vm, uint64_t pc);
	/* FL_HC_BENCH (kind, guest address of a struct fl_bench_msg): 0 to
	 * continue, VM_HOOK_BAD_GUEST if the guest's message is bad,
	 * VM_HOOK_HOST_ERROR if the host failed. Without a hook marks are
	 * ignored. */
	int (*bench)(void *ctx, struct vm *vm, uint32_t kind, uint32_t msg_addr);
};

struct vm_result {
	enum vm_outcome outcome;
	int exit_status;	/* VM_EXITED only */
	uint64_t exits;		/* every stop of the vCPU the VMM handled */
	int after_reset;	/* the registers may already be reset (triple fault) */
	char why[256];		/* one line for anything but VM_EXITED */
};

/* The general registers a debugger needs (64-bit; the i386 kernel uses the
 * low halves). */
struct vm_regs {
	uint64_t rax, rbx, rcx, rdx, rsi, rdi, rsp, rbp, rip, rflags;
};

struct vm_sregs {
	uint64_t cr0, cr2, cr3, cr4, efer;
	uint16_t cs, ss, ds, es, fs, gs;
};

struct engine_ops;

/* The previous single-step stop, for folding a rep instruction's stops into
 * one (repstep.c); forgotten whenever debugging is set anew. */
struct repstep {
	uint64_t last_pc;
	int valid;
	uint64_t checked_pc;	/* the last pc decoded, and whether it was a rep */
	int checked, checked_rep;
};

struct vm {
	const struct engine_ops *ops;
	void *engine;		/* the engine's own state */
	struct guest_mem mem;
	char engine_name[16];	/* "kvm_pvm", "kvm_intel", "kvm_amd", "kvm" or "tcg" */
	char engine_version[128];
	uint32_t tsc_khz;	/* 0 if the engine could not say */
	int emulated;		/* guest code is emulated: cycles measure an emulator */
	int singlestep;		/* as last set by vm_set_debug, for every engine */
	uint64_t bp[4];		/* likewise */
	unsigned nr_bp;
	struct repstep rep;
	char error[200];	/* why the last register or debug call failed */
};

/* Create the VM with its memory and vCPU on the engine opts asks for.
 * Returns 0 or an enum vmm_status with a one-line message in err. */
int vm_create(struct vm *vm, const struct vm_opts *opts, char *err, size_t errlen);
/* Load the kernel and modules, write the boot structures, set the entry state. */
int vm_boot_setup(struct vm *vm, const struct vm_config *cfg, char *err, size_t errlen);
void vm_run(struct vm *vm, const struct vm_config *cfg, const struct vm_hooks *hooks,
	    struct vm_result *res);
void vm_destroy(struct vm *vm);

/* Single-step every instruction and/or break on up to 4 execution addresses
 * (none of either: debugging off). 0, or -1. A rep-prefixed string
 * instruction is one step, however many stops the engine makes for it. */
int vm_set_debug(struct vm *vm, int singlestep, const uint64_t *bp, unsigned nr_bp);
int vm_get_regs(struct vm *vm, struct vm_regs *r);
int vm_get_sregs(struct vm *vm, struct vm_sregs *s);
/* Width of the code segment (16, 32 or 64), or 0 if unknown. */
int vm_code_bits(struct vm *vm);
/* The guest's time-stamp counter; -1 if this engine cannot read it. */
int vm_guest_tsc(struct vm *vm, uint64_t *tsc);

/* Read guest virtual memory through the vCPU's current page tables (CR3),
 * bounds-checked like every guest access. 0, or -1. */
int vm_read_virt(struct vm *vm, uint64_t gva, void *dst, size_t len);
/* The walk of gva through the vCPU's current page tables (CR3), every entry
 * read kept in w (mem.h), whether or not gva is mapped. 0, or -1 if the
 * registers cannot be read (vm->error says why). */
int vm_walk(struct vm *vm, uint64_t gva, struct page_walk *w);

/* Name of a vm_event_kind. */
const char *vm_event_name(enum vm_event_kind kind);
/* Print registers, control registers and the code at RIP to stream. */
void vm_dump_state(struct vm *vm, FILE *out, int after_reset);

#endif

/*
 * One virtual machine with one vCPU: open KVM, lay out guest memory per the
 * boot protocol in fl_abi.h, and run until the guest exits, faults fatally,
 * or the watchdog or a signal stops it. vmm/ knows nothing of SQLite: callers
 * observe the run through struct vm_hooks.
 */
#ifndef VMM_VM_H
#define VMM_VM_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <linux/kvm.h>

#include "mem.h"

/* Exit codes of the faultline program for VMM-side failures (the guest's own
 * exit status is passed through otherwise). */
enum vmm_status {
	VMM_E_USAGE = 2,
	VMM_E_NODEV = 3,	/* /dev/kvm missing */
	VMM_E_PERM = 4,		/* /dev/kvm not accessible */
	VMM_E_KVM = 5,		/* wrong API version or missing capability */
	VMM_E_INPUT = 6,	/* bad kernel or program image, unusable database */
	VMM_E_SETUP = 7,	/* any other failure setting the VM up */
	VMM_E_TIMEOUT = 124,	/* the watchdog stopped the guest */
	VMM_E_CRASH = 125,	/* triple fault, internal error, unexpected exit */
	VMM_E_INTERRUPTED = 130,/* SIGINT or SIGTERM */
};

struct vm_module {
	uint32_t kind;		/* FL_MOD_* */
	const char *name;
	const uint8_t *data;
	size_t len;
};

#define VM_MAX_MODULES 16

struct vm_config {
	uint64_t mem_size;
	const uint8_t *kernel;
	size_t kernel_len;
	const char *cmdline;
	struct vm_module mods[VM_MAX_MODULES];
	unsigned nr_mods;
	double timeout_s;	/* 0: none */
};

enum vm_outcome {
	VM_EXITED,		/* the guest's exit hypercall: exit_status */
	VM_TIMEOUT,
	VM_INTERRUPTED,
	VM_CRASHED,		/* triple fault, internal error, failed entry, unexpected exit */
	VM_BAD_GUEST,		/* a hypercall with arguments outside guest memory */
	VM_HOST_ERROR,		/* an ioctl failed */
};

struct vm;

struct vm_hooks {
	void *ctx;
	/* A complete console line (without '\n'). */
	void (*console_line)(void *ctx, const char *line, size_t len);
	/* KVM_EXIT_DEBUG: return 0 to continue, -1 to stop as a crash. */
	int (*debug_exit)(void *ctx, struct vm *vm);
	/* FL_HC_BENCH (kind, guest address of a struct fl_bench_msg): 0 to
	 * continue, -1 if the guest's message is bad, -2 if the host failed.
	 * Without a hook marks are ignored. */
	int (*bench)(void *ctx, struct vm *vm, uint32_t kind, uint32_t msg_addr);
};

struct vm_result {
	enum vm_outcome outcome;
	int exit_status;	/* VM_EXITED only */
	uint64_t exits;		/* every KVM_RUN return */
	char why[256];		/* one line for anything but VM_EXITED */
};

struct vm {
	int kvm_fd, vm_fd, vcpu_fd;
	struct kvm_run *run;
	size_t run_size;
	struct guest_mem mem;
	uint32_t tsc_khz;	/* 0 if KVM could not say */
	const char *backend;	/* "kvm_pvm", "kvm_intel", "kvm_amd" or "unknown" */
	int emulated;		/* kvm_pvm: guest code is emulated (PLATFORM.md) */
};

/* Open /dev/kvm, check the API and capabilities, create the VM, its memory
 * and the vCPU. Returns 0 or an enum vmm_status with a message in err. */
int vm_create(struct vm *vm, uint64_t mem_size, char *err, size_t errlen);
/* Load the kernel and modules, write the boot structures, set the entry state. */
int vm_boot_setup(struct vm *vm, const struct vm_config *cfg, char *err, size_t errlen);
void vm_run(struct vm *vm, const struct vm_config *cfg, const struct vm_hooks *hooks,
	    struct vm_result *res);
void vm_destroy(struct vm *vm);
/* Single-step every instruction and/or break on up to 4 execution addresses
 * (none of either: debugging off). 0, or -1 with errno. */
int vm_set_debug(struct vm *vm, int singlestep, const uint64_t *bp, unsigned nr_bp);

/* Read guest virtual memory through the vCPU's current page tables (CR3),
 * bounds-checked like every guest access. 0, or -1. */
int vm_read_virt(struct vm *vm, uint64_t gva, void *dst, size_t len);

/* Name of a KVM_EXIT_* reason ("UNKNOWN" past the table). */
const char *kvm_exit_name(uint32_t reason);
/* Print registers, control registers and the code at RIP to stream. */
void vm_dump_state(struct vm *vm, FILE *out, int after_reset);

#endif

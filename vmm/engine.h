/*
 * What an engine provides to the engine-independent VMM (run.c, boot.c,
 * debug.c, dump.c). Two exist: kvm.c (ioctls on /dev/kvm) and tcg.c (QEMU
 * over its gdbstub). Nothing outside vmm/ sees this header.
 */
#ifndef VMM_ENGINE_H
#define VMM_ENGINE_H

#include "vm.h"

/* Guest instruction sites the kernel names in its symbol table (fl_abi.h):
 * an engine that cannot trap port I/O itself breaks there instead. */
struct io_sites {
	uint64_t hypercall;	/* `outl %eax, $FL_HC_PORT`; 0 if the kernel has none */
	uint64_t serial;	/* `outb %al, $FL_SERIAL_PORT`; 0 if none */
};

struct engine_ops {
	const char *name;
	/* Open the engine, create guest memory (vm->mem, which vm_destroy
	 * unmaps after destroy()) and the vCPU. */
	int (*create)(struct vm *vm, const struct vm_opts *o, char *err, size_t errlen);
	/* Boot memory is written: set the 64-bit entry state of fl_abi.h. */
	int (*start)(struct vm *vm, uint64_t rip, uint64_t rsi, const struct io_sites *sites,
		     char *err, size_t errlen);
	/* Run to the next stop. ev holds the previous event on entry (an IN's
	 * value filled in); 0, or -1 with ev->detail saying why. */
	int (*run)(struct vm *vm, struct vm_event *ev);
	/* From a signal handler: make run() return VM_EV_INTERRUPTED soon. */
	void (*kick)(struct vm *vm);
	int (*get_regs)(struct vm *vm, struct vm_regs *r);
	int (*get_sregs)(struct vm *vm, struct vm_sregs *s);
	int (*code_bits)(struct vm *vm);
	int (*guest_tsc)(struct vm *vm, uint64_t *tsc);
	/* Apply vm->singlestep and vm->bp[0..nr_bp) (vm_set_debug set them). */
	int (*set_debug)(struct vm *vm);
	void (*destroy)(struct vm *vm);
};

extern const struct engine_ops kvm_engine, tcg_engine;

/* kvm.c: 0 if /dev/kvm can be opened and has the API we need, else an
 * enum vmm_status with the reason in err. */
int kvm_usable(char *err, size_t errlen);
/* qemu.c: 0 if a QEMU binary can be run, else VMM_E_QEMU with err. */
int qemu_available(char *err, size_t errlen);

#endif

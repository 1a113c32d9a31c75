/* The KVM engine's state, shared by kvm.c (creation) and kvm_vcpu.c. */
#ifndef VMM_KVM_H
#define VMM_KVM_H

#include <linux/kvm.h>

#include "boot.h"
#include "engine.h"

struct kvm {
	int kvm_fd, vm_fd, vcpu_fd;
	struct kvm_run *run;
	size_t run_size;
};

int kvm_start(struct vm *vm, uint64_t rip, uint64_t rsi, const struct io_sites *sites,
	      char *err, size_t errlen);
int kvm_run_vcpu(struct vm *vm, struct vm_event *ev);
void kvm_kick(struct vm *vm);
int kvm_get_regs(struct vm *vm, struct vm_regs *r);
int kvm_get_sregs(struct vm *vm, struct vm_sregs *s);
int kvm_code_bits(struct vm *vm);
int kvm_guest_tsc(struct vm *vm, uint64_t *tsc);
int kvm_set_debug(struct vm *vm);
/* Name of a KVM_EXIT_* reason ("UNKNOWN" past the table). */
const char *kvm_exit_name(uint32_t reason);

#endif

/* What a debugger needs: single-stepping, hardware breakpoints, and reads of
 * guest memory as the vCPU sees it. */
#include "vm.h"

#include <string.h>
#include <sys/ioctl.h>

int vm_set_debug(struct vm *vm, int singlestep, const uint64_t *bp, unsigned nr_bp)
{
	struct kvm_guest_debug d;
	memset(&d, 0, sizeof(d));
	if (!singlestep && !nr_bp)
		return ioctl(vm->vcpu_fd, KVM_SET_GUEST_DEBUG, &d);
	d.control = KVM_GUESTDBG_ENABLE;
	if (singlestep)
		d.control |= KVM_GUESTDBG_SINGLESTEP;
	if (nr_bp)
		d.control |= KVM_GUESTDBG_USE_HW_BP;
	for (unsigned i = 0; i < nr_bp && i < 4; i++) {
		d.arch.debugreg[i] = bp[i];
		d.arch.debugreg[7] |= 1ull << (2 * i);	/* local enable, execute, 1 byte */
	}
	return ioctl(vm->vcpu_fd, KVM_SET_GUEST_DEBUG, &d);
}

int vm_read_virt(struct vm *vm, uint64_t gva, void *dst, size_t len)
{
	struct kvm_sregs s;
	if (ioctl(vm->vcpu_fd, KVM_GET_SREGS, &s) < 0)
		return -1;
	return gmem_read_virt(&vm->mem, s.cr3, gva, dst, len);
}

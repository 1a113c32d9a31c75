/* The KVM engine's vCPU: entry state, KVM_RUN with each exit turned into a
 * struct vm_event, registers, and guest debugging. */
#include "kvm.h"

#include <errno.h>
#include <fl_abi.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>

#define MSR_IA32_TSC 0x10

static struct kvm *K(struct vm *vm)
{
	return vm->engine;
}

/* A failed ioctl: its name and errno, for the caller's message. */
static int failed(struct vm *vm, const char *what)
{
	snprintf(vm->error, sizeof(vm->error), "%s: %s", what, strerror(errno));
	return -1;
}

int kvm_start(struct vm *vm, uint64_t rip, uint64_t rsi, const struct io_sites *sites,
	      char *err, size_t errlen)
{
	struct kvm_sregs s;
	(void)sites;	/* KVM traps port I/O wherever it happens */
	if (ioctl(K(vm)->vcpu_fd, KVM_GET_SREGS, &s) < 0)
		goto fail;
	struct kvm_segment code = { .base = 0, .limit = 0xffffffff, .selector = 0x08,
				    .type = 11, .present = 1, .s = 1, .l = 1, .g = 1 };
	struct kvm_segment data = { .base = 0, .limit = 0xffffffff, .selector = 0x10,
				    .type = 3, .present = 1, .s = 1, .db = 1, .g = 1 };
	s.cs = code;
	s.ds = s.es = s.fs = s.gs = s.ss = data;
	s.gdt.base = FL_BOOT_GDT;
	s.gdt.limit = 3 * 8 - 1;
	s.cr0 = BOOT_CR0;
	s.cr3 = FL_BOOT_PML4;
	s.cr4 = BOOT_CR4;
	s.efer = BOOT_EFER;
	if (ioctl(K(vm)->vcpu_fd, KVM_SET_SREGS, &s) < 0)
		goto fail;
	struct kvm_regs r = { .rip = rip, .rsi = rsi, .rflags = 2 };
	if (ioctl(K(vm)->vcpu_fd, KVM_SET_REGS, &r) < 0)
		goto fail;
	return 0;
fail:
	snprintf(err, errlen, "setting the vCPU's entry state failed: %s", strerror(errno));
	return VMM_E_SETUP;
}

static void io_event(struct kvm_run *r, struct vm_event *ev)
{
	uint8_t *data = (uint8_t *)r + r->io.data_offset;
	if (r->io.count != 1) {
		ev->kind = VM_EV_OTHER;
		snprintf(ev->detail, sizeof(ev->detail), "string I/O (%u items) on port %#x",
			 r->io.count, r->io.port);
		return;
	}
	ev->kind = VM_EV_IO;
	ev->io.port = r->io.port;
	ev->io.size = r->io.size;
	ev->io.out = r->io.direction == KVM_EXIT_IO_OUT;
	ev->io.value = 0;
	if (ev->io.out)
		memcpy(&ev->io.value, data, r->io.size <= 4 ? r->io.size : 4);
}

static void to_event(struct kvm_run *r, struct vm_event *ev)
{
	*ev = (struct vm_event){ .kind = VM_EV_OTHER };
	switch (r->exit_reason) {
	case KVM_EXIT_IO:
		io_event(r, ev);
		return;
	case KVM_EXIT_DEBUG:
		ev->kind = VM_EV_DEBUG;
		ev->pc = r->debug.arch.pc;
		return;
	case KVM_EXIT_HLT:
		ev->kind = VM_EV_HLT;
		return;
	case KVM_EXIT_SHUTDOWN:
		ev->kind = VM_EV_SHUTDOWN;
		return;
	case KVM_EXIT_INTERNAL_ERROR:
		ev->kind = VM_EV_INTERNAL;
		snprintf(ev->detail, sizeof(ev->detail), "KVM internal error, suberror %u",
			 r->internal.suberror);
		return;
	case KVM_EXIT_FAIL_ENTRY:
		snprintf(ev->detail, sizeof(ev->detail), "VM entry failed, hardware reason %#llx",
			 (unsigned long long)r->fail_entry.hardware_entry_failure_reason);
		return;
	case KVM_EXIT_MMIO:
		snprintf(ev->detail, sizeof(ev->detail), "MMIO %s %#llx: no device there",
			 r->mmio.is_write ? "write to" : "read from",
			 (unsigned long long)r->mmio.phys_addr);
		return;
	default:
		snprintf(ev->detail, sizeof(ev->detail), "unexpected exit %s",
			 kvm_exit_name(r->exit_reason));
	}
}

int kvm_run_vcpu(struct vm *vm, struct vm_event *ev)
{
	struct kvm_run *r = K(vm)->run;
	if (ev->kind == VM_EV_IO && !ev->io.out && r->exit_reason == KVM_EXIT_IO)
		memcpy((uint8_t *)r + r->io.data_offset, &ev->io.value, ev->io.size <= 4 ? ev->io.size : 4);
	if (ioctl(K(vm)->vcpu_fd, KVM_RUN, 0) < 0) {
		if (errno == EINTR) {
			r->immediate_exit = 0;
			*ev = (struct vm_event){ .kind = VM_EV_INTERRUPTED };
			return 0;
		}
		snprintf(ev->detail, sizeof(ev->detail), "KVM_RUN failed: %s", strerror(errno));
		return -1;
	}
	to_event(r, ev);
	return 0;
}

/* A signal landing just before KVM_RUN is not lost: immediate_exit makes
 * that KVM_RUN return EINTR at once. */
void kvm_kick(struct vm *vm)
{
	K(vm)->run->immediate_exit = 1;
}

int kvm_get_regs(struct vm *vm, struct vm_regs *out)
{
	struct kvm_regs r;
	if (ioctl(K(vm)->vcpu_fd, KVM_GET_REGS, &r) < 0)
		return failed(vm, "KVM_GET_REGS");
	*out = (struct vm_regs){ r.rax, r.rbx, r.rcx, r.rdx, r.rsi, r.rdi, r.rsp, r.rbp, r.rip,
				 r.rflags };
	return 0;
}

int kvm_get_sregs(struct vm *vm, struct vm_sregs *out)
{
	struct kvm_sregs s;
	if (ioctl(K(vm)->vcpu_fd, KVM_GET_SREGS, &s) < 0)
		return failed(vm, "KVM_GET_SREGS");
	*out = (struct vm_sregs){ .cr0 = s.cr0, .cr2 = s.cr2, .cr3 = s.cr3, .cr4 = s.cr4,
				  .efer = s.efer, .cs = s.cs.selector, .ss = s.ss.selector,
				  .ds = s.ds.selector, .es = s.es.selector, .fs = s.fs.selector,
				  .gs = s.gs.selector };
	return 0;
}

int kvm_code_bits(struct vm *vm)
{
	struct kvm_sregs s;
	if (ioctl(K(vm)->vcpu_fd, KVM_GET_SREGS, &s) < 0)
		return 0;
	return s.cs.l ? 64 : s.cs.db ? 32 : 16;
}

int kvm_guest_tsc(struct vm *vm, uint64_t *tsc)
{
	struct {
		struct kvm_msrs hdr;
		struct kvm_msr_entry e;
	} m = { .hdr.nmsrs = 1, .e.index = MSR_IA32_TSC };
	if (ioctl(K(vm)->vcpu_fd, KVM_GET_MSRS, &m) != 1)
		return failed(vm, "KVM_GET_MSRS");
	*tsc = m.e.data;
	return 0;
}

int kvm_set_debug(struct vm *vm)
{
	struct kvm_guest_debug d;
	memset(&d, 0, sizeof(d));
	if (vm->singlestep || vm->nr_bp)
		d.control = KVM_GUESTDBG_ENABLE;
	if (vm->singlestep)
		d.control |= KVM_GUESTDBG_SINGLESTEP;
	if (vm->nr_bp)
		d.control |= KVM_GUESTDBG_USE_HW_BP;
	for (unsigned i = 0; i < vm->nr_bp && i < 4; i++) {
		d.arch.debugreg[i] = vm->bp[i];
		d.arch.debugreg[7] |= 1ull << (2 * i);	/* local enable, execute, 1 byte */
	}
	return ioctl(K(vm)->vcpu_fd, KVM_SET_GUEST_DEBUG, &d) < 0 ? failed(vm, "KVM_SET_GUEST_DEBUG") : 0;
}

/* Opening KVM and creating the VM, its memory and its one vCPU. */
#include "vm.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <unistd.h>

static const struct {
	int cap;
	const char *name;
} required_caps[] = {
	{ KVM_CAP_USER_MEMORY, "KVM_CAP_USER_MEMORY" },
	{ KVM_CAP_SET_GUEST_DEBUG, "KVM_CAP_SET_GUEST_DEBUG" },
	{ KVM_CAP_IMMEDIATE_EXIT, "KVM_CAP_IMMEDIATE_EXIT" },
	{ KVM_CAP_EXT_CPUID, "KVM_CAP_EXT_CPUID" },
};

static int open_kvm(struct vm *vm, char *err, size_t errlen)
{
	vm->kvm_fd = open("/dev/kvm", O_RDWR | O_CLOEXEC);
	if (vm->kvm_fd < 0) {
		int e = errno;
		snprintf(err, errlen, "cannot open /dev/kvm: %s%s", strerror(e),
			 e == ENOENT ? " (KVM is not available on this machine)"
			 : e == EACCES || e == EPERM ? " (run as root or join the kvm group)" : "");
		return e == ENOENT ? VMM_E_NODEV : e == EACCES || e == EPERM ? VMM_E_PERM : VMM_E_SETUP;
	}
	int api = ioctl(vm->kvm_fd, KVM_GET_API_VERSION, 0);
	if (api != KVM_API_VERSION) {
		snprintf(err, errlen, "KVM API version %d, expected %d", api, KVM_API_VERSION);
		return VMM_E_KVM;
	}
	for (size_t i = 0; i < sizeof(required_caps) / sizeof(required_caps[0]); i++) {
		if (ioctl(vm->kvm_fd, KVM_CHECK_EXTENSION, required_caps[i].cap) <= 0) {
			snprintf(err, errlen, "KVM lacks a capability faultline needs: %s",
				 required_caps[i].name);
			return VMM_E_KVM;
		}
	}
	return 0;
}

/* Give the guest the host's supported CPUID: hardware KVM refuses long mode
 * (EFER.LME) and SYSENTER for a vCPU whose CPUID does not advertise them. */
static int set_cpuid(struct vm *vm, char *err, size_t errlen)
{
	int n = 128;
	struct kvm_cpuid2 *c = calloc(1, sizeof(*c) + (size_t)n * sizeof(c->entries[0]));
	if (!c) {
		snprintf(err, errlen, "out of memory");
		return VMM_E_SETUP;
	}
	c->nent = (uint32_t)n;
	int rc = 0;
	if (ioctl(vm->kvm_fd, KVM_GET_SUPPORTED_CPUID, c) < 0 ||
	    ioctl(vm->vcpu_fd, KVM_SET_CPUID2, c) < 0) {
		snprintf(err, errlen, "setting the vCPU's CPUID failed: %s", strerror(errno));
		rc = VMM_E_KVM;
	}
	free(c);
	return rc;
}

static int create_memory(struct vm *vm, uint64_t mem_size, char *err, size_t errlen)
{
	vm->mem.size = mem_size;
	vm->mem.host = mmap(NULL, mem_size, PROT_READ | PROT_WRITE,
			    MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	if (vm->mem.host == MAP_FAILED) {
		vm->mem.host = NULL;
		snprintf(err, errlen, "cannot map %llu MiB of guest memory: %s",
			 (unsigned long long)(mem_size >> 20), strerror(errno));
		return VMM_E_SETUP;
	}
	struct kvm_userspace_memory_region r = {
		.slot = 0, .guest_phys_addr = 0, .memory_size = mem_size,
		.userspace_addr = (uint64_t)(uintptr_t)vm->mem.host,
	};
	if (ioctl(vm->vm_fd, KVM_SET_USER_MEMORY_REGION, &r) < 0) {
		snprintf(err, errlen, "KVM_SET_USER_MEMORY_REGION: %s", strerror(errno));
		return VMM_E_SETUP;
	}
	return 0;
}

static int create_vcpu(struct vm *vm, char *err, size_t errlen)
{
	vm->vcpu_fd = ioctl(vm->vm_fd, KVM_CREATE_VCPU, 0);
	int sz = ioctl(vm->kvm_fd, KVM_GET_VCPU_MMAP_SIZE, 0);
	if (vm->vcpu_fd < 0 || sz < (int)sizeof(struct kvm_run)) {
		snprintf(err, errlen, "cannot create the vCPU: %s", strerror(errno));
		return VMM_E_SETUP;
	}
	vm->run_size = (size_t)sz;
	vm->run = mmap(NULL, vm->run_size, PROT_READ | PROT_WRITE, MAP_SHARED, vm->vcpu_fd, 0);
	if (vm->run == MAP_FAILED) {
		vm->run = NULL;
		snprintf(err, errlen, "cannot map the vCPU's run area: %s", strerror(errno));
		return VMM_E_SETUP;
	}
	int khz = ioctl(vm->vcpu_fd, KVM_GET_TSC_KHZ, 0);
	vm->tsc_khz = khz > 0 ? (uint32_t)khz : 0;
	static const char *const backends[] = { "kvm_pvm", "kvm_intel", "kvm_amd" };
	vm->backend = "unknown";
	for (size_t i = 0; i < sizeof(backends) / sizeof(backends[0]); i++) {
		char path[64];
		snprintf(path, sizeof(path), "/sys/module/%s", backends[i]);
		if (access(path, F_OK) == 0) {
			vm->backend = backends[i];
			break;
		}
	}
	vm->emulated = !strcmp(vm->backend, "kvm_pvm");
	return set_cpuid(vm, err, errlen);
}

int vm_create(struct vm *vm, uint64_t mem_size, char *err, size_t errlen)
{
	*vm = (struct vm){ .kvm_fd = -1, .vm_fd = -1, .vcpu_fd = -1 };
	int rc = open_kvm(vm, err, errlen);
	if (rc)
		return rc;
	vm->vm_fd = ioctl(vm->kvm_fd, KVM_CREATE_VM, 0);
	if (vm->vm_fd < 0) {
		snprintf(err, errlen, "KVM_CREATE_VM: %s", strerror(errno));
		return VMM_E_SETUP;
	}
	rc = create_memory(vm, mem_size, err, errlen);
	return rc ? rc : create_vcpu(vm, err, errlen);
}

void vm_destroy(struct vm *vm)
{
	if (vm->run)
		munmap(vm->run, vm->run_size);
	if (vm->mem.host)
		munmap(vm->mem.host, vm->mem.size);
	int fds[] = { vm->vcpu_fd, vm->vm_fd, vm->kvm_fd };
	for (size_t i = 0; i < sizeof(fds) / sizeof(fds[0]); i++)
		if (fds[i] >= 0)
			close(fds[i]);
	*vm = (struct vm){ .kvm_fd = -1, .vm_fd = -1, .vcpu_fd = -1 };
}

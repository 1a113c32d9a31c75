/* The KVM engine: opening /dev/kvm and creating the VM, its memory and its
 * one vCPU. Running and inspecting the vCPU is kvm_vcpu.c. */
#include "kvm.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/utsname.h>
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

static int open_kvm(int *fd, char *err, size_t errlen)
{
	*fd = open("/dev/kvm", O_RDWR | O_CLOEXEC);
	if (*fd < 0) {
		int e = errno;
		snprintf(err, errlen, "cannot open /dev/kvm: %s%s", strerror(e),
			 e == ENOENT ? " (KVM is not available on this machine)"
			 : e == EACCES || e == EPERM ? " (run as root or join the kvm group)" : "");
		return e == ENOENT ? VMM_E_NODEV : e == EACCES || e == EPERM ? VMM_E_PERM : VMM_E_SETUP;
	}
	int api = ioctl(*fd, KVM_GET_API_VERSION, 0);
	if (api != KVM_API_VERSION) {
		snprintf(err, errlen, "KVM API version %d, expected %d", api, KVM_API_VERSION);
		return VMM_E_KVM;
	}
	for (size_t i = 0; i < sizeof(required_caps) / sizeof(required_caps[0]); i++) {
		if (ioctl(*fd, KVM_CHECK_EXTENSION, required_caps[i].cap) <= 0) {
			snprintf(err, errlen, "KVM lacks a capability faultline needs: %s",
				 required_caps[i].name);
			return VMM_E_KVM;
		}
	}
	return 0;
}

int kvm_usable(char *err, size_t errlen)
{
	int fd;
	int rc = open_kvm(&fd, err, errlen);
	if (fd >= 0)
		close(fd);
	return rc;
}

/* Give the guest the host's supported CPUID: hardware KVM refuses long mode
 * (EFER.LME) and SYSENTER for a vCPU whose CPUID does not advertise them. */
static int set_cpuid(struct kvm *k, char *err, size_t errlen)
{
	int n = 128;
	struct kvm_cpuid2 *c = calloc(1, sizeof(*c) + (size_t)n * sizeof(c->entries[0]));
	if (!c) {
		snprintf(err, errlen, "out of memory");
		return VMM_E_SETUP;
	}
	c->nent = (uint32_t)n;
	int rc = 0;
	if (ioctl(k->kvm_fd, KVM_GET_SUPPORTED_CPUID, c) < 0 ||
	    ioctl(k->vcpu_fd, KVM_SET_CPUID2, c) < 0) {
		snprintf(err, errlen, "setting the vCPU's CPUID failed: %s", strerror(errno));
		rc = VMM_E_KVM;
	}
	free(c);
	return rc;
}

static int create_memory(struct vm *vm, struct kvm *k, uint64_t mem_size, char *err, size_t errlen)
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
	if (ioctl(k->vm_fd, KVM_SET_USER_MEMORY_REGION, &r) < 0) {
		snprintf(err, errlen, "KVM_SET_USER_MEMORY_REGION: %s", strerror(errno));
		return VMM_E_SETUP;
	}
	return 0;
}

/* Which kernel module backs /dev/kvm: kvm_pvm emulates guest code. */
static void name_backend(struct vm *vm)
{
	static const char *const backends[] = { "kvm_pvm", "kvm_intel", "kvm_amd" };
	struct utsname u;
	snprintf(vm->engine_name, sizeof(vm->engine_name), "kvm");
	for (size_t i = 0; i < sizeof(backends) / sizeof(backends[0]); i++) {
		char path[64];
		snprintf(path, sizeof(path), "/sys/module/%s", backends[i]);
		if (access(path, F_OK) == 0) {
			snprintf(vm->engine_name, sizeof(vm->engine_name), "%s", backends[i]);
			break;
		}
	}
	vm->emulated = !strcmp(vm->engine_name, "kvm_pvm");
	snprintf(vm->engine_version, sizeof(vm->engine_version), "KVM API %d, Linux %s",
		 KVM_API_VERSION, uname(&u) ? "?" : u.release);
}

static int create_vcpu(struct vm *vm, struct kvm *k, char *err, size_t errlen)
{
	k->vcpu_fd = ioctl(k->vm_fd, KVM_CREATE_VCPU, 0);
	int sz = ioctl(k->kvm_fd, KVM_GET_VCPU_MMAP_SIZE, 0);
	if (k->vcpu_fd < 0 || sz < (int)sizeof(struct kvm_run)) {
		snprintf(err, errlen, "cannot create the vCPU: %s", strerror(errno));
		return VMM_E_SETUP;
	}
	k->run_size = (size_t)sz;
	k->run = mmap(NULL, k->run_size, PROT_READ | PROT_WRITE, MAP_SHARED, k->vcpu_fd, 0);
	if (k->run == MAP_FAILED) {
		k->run = NULL;
		snprintf(err, errlen, "cannot map the vCPU's run area: %s", strerror(errno));
		return VMM_E_SETUP;
	}
	int khz = ioctl(k->vcpu_fd, KVM_GET_TSC_KHZ, 0);
	vm->tsc_khz = khz > 0 ? (uint32_t)khz : 0;
	name_backend(vm);
	return set_cpuid(k, err, errlen);
}

static int kvm_create(struct vm *vm, const struct vm_opts *o, char *err, size_t errlen)
{
	struct kvm *k = calloc(1, sizeof(*k));
	if (!k) {
		snprintf(err, errlen, "out of memory");
		return VMM_E_SETUP;
	}
	*k = (struct kvm){ .kvm_fd = -1, .vm_fd = -1, .vcpu_fd = -1 };
	vm->engine = k;
	int rc = open_kvm(&k->kvm_fd, err, errlen);
	if (rc)
		return rc;
	k->vm_fd = ioctl(k->kvm_fd, KVM_CREATE_VM, 0);
	if (k->vm_fd < 0) {
		snprintf(err, errlen, "KVM_CREATE_VM: %s", strerror(errno));
		return VMM_E_SETUP;
	}
	rc = create_memory(vm, k, o->mem_size, err, errlen);
	return rc ? rc : create_vcpu(vm, k, err, errlen);
}

static void kvm_destroy(struct vm *vm)
{
	struct kvm *k = vm->engine;
	if (!k)
		return;
	if (k->run)
		munmap(k->run, k->run_size);
	int fds[] = { k->vcpu_fd, k->vm_fd, k->kvm_fd };
	for (size_t i = 0; i < sizeof(fds) / sizeof(fds[0]); i++)
		if (fds[i] >= 0)
			close(fds[i]);
	free(k);
	vm->engine = NULL;
}

const struct engine_ops kvm_engine = {
	.name = "kvm",
	.create = kvm_create,
	.start = kvm_start,
	.run = kvm_run_vcpu,
	.kick = kvm_kick,
	.get_regs = kvm_get_regs,
	.get_sregs = kvm_get_sregs,
	.code_bits = kvm_code_bits,
	.guest_tsc = kvm_guest_tsc,
	.set_debug = kvm_set_debug,
	.destroy = kvm_destroy,
};

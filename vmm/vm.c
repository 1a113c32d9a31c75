/* Choosing the engine: KVM where /dev/kvm is usable, QEMU TCG otherwise
 * (--accel auto), or the one the user named. */
#include "engine.h"

#include <stdio.h>
#include <string.h>
#include <sys/mman.h>

static int pick_engine(const struct vm_opts *o, const struct engine_ops **ops, char *err,
		       size_t errlen)
{
	char why_kvm[256], why_qemu[256];
	int rc;
	if (o->accel == VM_ACCEL_KVM) {
		*ops = &kvm_engine;
		return 0;
	}
	if (o->accel == VM_ACCEL_TCG) {
		*ops = &tcg_engine;
		return qemu_available(err, errlen);
	}
	if (!(rc = kvm_usable(why_kvm, sizeof(why_kvm)))) {
		*ops = &kvm_engine;
		return 0;
	}
	if (qemu_available(why_qemu, sizeof(why_qemu))) {
		snprintf(err, errlen, "no engine: %s; and %s", why_kvm, why_qemu);
		return VMM_E_NOENGINE;
	}
	if (!o->quiet)
		fprintf(stderr, "faultline: %s; using QEMU TCG\n", why_kvm);
	*ops = &tcg_engine;
	return 0;
}

int vm_create(struct vm *vm, const struct vm_opts *o, char *err, size_t errlen)
{
	const struct engine_ops *ops;
	*vm = (struct vm){ 0 };
	int rc = pick_engine(o, &ops, err, errlen);
	if (rc)
		return rc;
	vm->ops = ops;
	return ops->create(vm, o, err, errlen);
}

void vm_destroy(struct vm *vm)
{
	if (vm->ops)
		vm->ops->destroy(vm);
	if (vm->mem.host)
		munmap(vm->mem.host, vm->mem.size);	/* anonymous (kvm) or a shared file (tcg) */
	*vm = (struct vm){ 0 };
}

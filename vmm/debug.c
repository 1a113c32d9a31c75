/* What a debugger needs, on whichever engine runs the VM: registers,
 * single-stepping, hardware breakpoints, and reads of guest memory as the
 * vCPU sees it. */
#include "engine.h"

int vm_set_debug(struct vm *vm, int singlestep, const uint64_t *bp, unsigned nr_bp)
{
	if (nr_bp > 4)
		return -1;
	/* The settings are kept here only; the engine applies them from vm. */
	vm->singlestep = singlestep;
	vm->nr_bp = nr_bp;
	for (unsigned i = 0; i < nr_bp; i++)
		vm->bp[i] = bp[i];
	vm->rep = (struct repstep){ 0 };
	return vm->ops->set_debug(vm);
}

int vm_get_regs(struct vm *vm, struct vm_regs *r)
{
	return vm->ops->get_regs(vm, r);
}

int vm_get_sregs(struct vm *vm, struct vm_sregs *s)
{
	return vm->ops->get_sregs(vm, s);
}

int vm_code_bits(struct vm *vm)
{
	return vm->ops->code_bits(vm);
}

int vm_guest_tsc(struct vm *vm, uint64_t *tsc)
{
	return vm->ops->guest_tsc(vm, tsc);
}

int vm_read_virt(struct vm *vm, uint64_t gva, void *dst, size_t len)
{
	struct vm_sregs s;
	if (vm_get_sregs(vm, &s))
		return -1;
	return gmem_read_virt(&vm->mem, s.cr3, gva, dst, len);
}

int vm_walk(struct vm *vm, uint64_t gva, struct page_walk *w)
{
	struct vm_sregs s;
	if (vm_get_sregs(vm, &s))
		return -1;
	gmem_walk(&vm->mem, s.cr3, gva, w);	/* how it ended is in w */
	return 0;
}

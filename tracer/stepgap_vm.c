/* stepgap on a running VM: the iretq's target is read from the guest stack. */
#include "stepgap.h"

unsigned stepgap_stop(struct stepgap *g, struct vm *vm, uint32_t pc)
{
	struct vm_regs r;
	uint32_t target = 0;
	if (pc == g->iret && !vm_get_regs(vm, &r))
		vm_read_virt(vm, r.rsp, &target, sizeof(target));	/* RIP, the frame's first slot */
	return stepgap_missed(g, pc, target);
}

/* The hypercalls of fl_abi.h, dispatched by number: every argument is a
 * guest register, checked before use. */
#include "hypercall.h"

#include <fl_abi.h>
#include <stdio.h>
#include <string.h>

static int console_hypercall(struct vm *vm, struct console *c, const struct vm_hooks *hooks,
			     uint32_t addr, uint32_t len, struct vm_result *res)
{
	char buf[HC_CONSOLE_MAX];
	if (len > sizeof(buf) || vm_read_virt(vm, addr, buf, len)) {
		res->outcome = VM_BAD_GUEST;
		snprintf(res->why, sizeof(res->why),
			 "bad console hypercall: %u bytes at guest address %#x are not readable guest memory",
			 len, addr);
		return -1;
	}
	for (uint32_t i = 0; i < len; i++)
		console_putc(c, buf[i], hooks);
	return 0;
}

static int bench_hypercall(struct vm *vm, const struct vm_hooks *hooks, uint32_t kind,
			   uint32_t addr, struct vm_result *res)
{
	int rc = hooks->bench ? hooks->bench(hooks->ctx, vm, kind, addr) : 0;
	if (!rc)
		return 0;
	res->outcome = rc == VM_HOOK_HOST_ERROR ? VM_HOST_ERROR : VM_BAD_GUEST;
	if (rc == VM_HOOK_HOST_ERROR)
		snprintf(res->why, sizeof(res->why), "recording a benchmark failed");
	else
		snprintf(res->why, sizeof(res->why), "bad benchmark hypercall (mark %u at %#x)", kind,
			 addr);
	return -1;
}

int hypercall(struct vm *vm, uint32_t nr, struct console *c, const struct vm_hooks *hooks,
	      struct vm_result *res)
{
	struct vm_regs r;
	if (vm_get_regs(vm, &r)) {
		res->outcome = VM_HOST_ERROR;
		snprintf(res->why, sizeof(res->why), "cannot read the registers of a hypercall: %s",
			 vm->error);
		return -1;
	}
	switch (nr) {
	case FL_HC_EXIT:
		res->outcome = VM_EXITED;
		res->exit_status = (int)(r.rbx & 0xff);
		return 1;
	case FL_HC_CONSOLE:
		return console_hypercall(vm, c, hooks, (uint32_t)r.rbx, (uint32_t)r.rcx, res);
	case FL_HC_BENCH:
		return bench_hypercall(vm, hooks, (uint32_t)r.rbx, (uint32_t)r.rcx, res);
	default:
		res->outcome = VM_BAD_GUEST;
		snprintf(res->why, sizeof(res->why), "unknown hypercall %u", nr);
		return -1;
	}
}

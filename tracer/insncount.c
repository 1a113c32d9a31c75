#include "insncount.h"

#include <fl_abi.h>

int insn_count_step(struct insn_count *c, uint64_t pc)
{
	c->total++;
	if (!c->in_user && pc < FL_TASK_SIZE) {
		c->in_user = 1;
		c->before_user = c->total - 1;
	}
	return 0;
}

int insn_count_start(struct vm *vm, struct insn_count *c)
{
	*c = (struct insn_count){ 0 };
	return vm_set_debug(vm, 1, NULL, 0);
}

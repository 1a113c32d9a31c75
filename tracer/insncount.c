#include "insncount.h"

#include <fl_abi.h>

int insn_count_step(struct insn_count *c, struct vm *vm, uint64_t pc)
{
	if (!c->in_user && pc < FL_TASK_SIZE) {
		c->in_user = 1;
		c->before_user = c->total;
	}
	c->total += 1 + (c->have_flow ? flow_step(&c->flow, vm, (uint32_t)pc).missed : 0);
	return 0;
}

int insn_count_start(struct vm *vm, struct insn_count *c, const struct elf_image *kernel)
{
	char err[256];
	*c = (struct insn_count){ 0 };
	/* A kernel of someone else's making may lack the symbols: count stops. */
	if (!symtab_add_elf(&c->syms, kernel, err, sizeof(err))) {
		symtab_finish(&c->syms);
		c->have_flow = !flow_init(&c->flow, &c->syms);
	}
	return vm_set_debug(vm, 1, NULL, 0);
}

void insn_count_free(struct insn_count *c)
{
	symtab_free(&c->syms);
}

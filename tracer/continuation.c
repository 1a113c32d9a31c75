/* Where a fixup jumps back to: its first jmp's target, found by disassembling
 * the fixup code in guest memory with Capstone. */
#include <capstone/capstone.h>

#include "trace.h"

#define FIXUP_WINDOW 48

uint32_t fixup_continuation(struct tracer *t, uint32_t fixup)
{
	uint8_t code[FIXUP_WINDOW];
	csh h;
	cs_insn *insn;
	uint32_t target = 0;
	if (vm_read_virt(t->vm, fixup, code, sizeof(code)) ||
	    cs_open(CS_ARCH_X86, CS_MODE_32, &h))
		return 0;
	cs_option(h, CS_OPT_DETAIL, CS_OPT_ON);
	size_t n = cs_disasm(h, code, sizeof(code), fixup, 0, &insn);
	for (size_t i = 0; i < n && !target; i++) {
		const cs_x86 *x = &insn[i].detail->x86;
		if (insn[i].id == X86_INS_JMP && x->op_count == 1 && x->operands[0].type == X86_OP_IMM)
			target = (uint32_t)x->operands[0].imm;
	}
	if (n)
		cs_free(insn, n);
	cs_close(&h);
	return target;
}

/* One guest instruction as text, for the step capture: Capstone over the
 * bytes at a guest virtual address. */
#include "disasm.h"

#include <capstone/capstone.h>
#include <stdio.h>

#define MAX_INSN 15

void disasm_at(struct vm *vm, uint32_t pc, int force32, char *buf, size_t len)
{
	uint8_t code[MAX_INSN];
	csh h;
	cs_insn *insn;
	snprintf(buf, len, "?");
	if (vm_read_virt(vm, pc, code, sizeof(code)) ||
	    cs_open(CS_ARCH_X86, !force32 && vm_code_bits(vm) == 64 ? CS_MODE_64 : CS_MODE_32, &h))
		return;
	if (cs_disasm(h, code, sizeof(code), pc, 1, &insn) == 1) {
		snprintf(buf, len, "%s%s%s", insn->mnemonic, insn->op_str[0] ? " " : "", insn->op_str);
		cs_free(insn, 1);
	}
	cs_close(&h);
}

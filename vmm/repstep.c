#include "repstep.h"

#include <capstone/capstone.h>
#include <string.h>

#define MAX_INSN 15

static int is_rep_string(struct vm *vm, uint64_t pc)
{
	uint8_t code[MAX_INSN];
	csh h;
	cs_insn *insn;
	int bits = vm_code_bits(vm), rep = 0;
	size_t len = sizeof(code), to_page_end = 4096 - (pc & 4095);
	/* An instruction ending a page may have nothing mapped after it. */
	if (vm_read_virt(vm, pc, code, len)) {
		if (to_page_end >= len || vm_read_virt(vm, pc, code, to_page_end))
			return 0;
		len = to_page_end;
	}
	if (cs_open(CS_ARCH_X86, bits == 64 ? CS_MODE_64 : bits == 16 ? CS_MODE_16 : CS_MODE_32, &h))
		return 0;
	if (cs_disasm(h, code, len, pc, 1, &insn) == 1) {
		/* Capstone names the prefix only on string instructions. */
		rep = !strncmp(insn->mnemonic, "rep", 3);
		cs_free(insn, 1);
	}
	cs_close(&h);
	return rep;
}

/* A loop on one instruction (`jmp .`) stops at the same pc again and again:
 * decode it once. */
static int rep_at(struct vm *vm, uint64_t pc)
{
	struct repstep *rs = &vm->rep;
	if (!rs->checked || rs->checked_pc != pc) {
		rs->checked_rep = is_rep_string(vm, pc);
		rs->checked_pc = pc;
		rs->checked = 1;
	}
	return rs->checked_rep;
}

int repstep_same_insn(struct vm *vm, uint64_t pc)
{
	struct repstep *rs = &vm->rep;
	for (unsigned i = 0; i < vm->nr_bp; i++)
		if (vm->bp[i] == pc)
			return 0;
	if (rs->valid && pc == rs->last_pc && rep_at(vm, pc))
		return 1;
	if (pc != rs->last_pc)
		rs->checked = 0;	/* the code there may change before it comes back */
	rs->last_pc = pc;
	rs->valid = 1;
	return 0;
}

/* One guest instruction for the step capture: Capstone over the bytes at a
 * guest virtual address, as text and as the facts the capture needs. */
#include "disasm.h"

#include <capstone/capstone.h>
#include <stdio.h>

#include "operand.h"

#define MAX_INSN 15

static int in_group(const cs_detail *d, uint8_t group)
{
	for (uint8_t i = 0; i < d->groups_count; i++)
		if (d->groups[i] == group)
			return 1;
	return 0;
}

/* Capstone files moves to segment and control registers, iret and sysret
 * under "privilege", int and sysenter under "int"; far transfers and lss are
 * in no such group. */
static int sets_sregs(const cs_insn *insn)
{
	const cs_detail *d = insn->detail;
	return in_group(d, CS_GRP_PRIVILEGE) || in_group(d, CS_GRP_IRET) ||
	       in_group(d, CS_GRP_INT) || insn->id == X86_INS_LJMP || insn->id == X86_INS_LCALL ||
	       insn->id == X86_INS_RETF || insn->id == X86_INS_RETFQ || insn->id == X86_INS_LSS;
}

/* lea and the long nops name memory they never touch. */
static void note_reads(const cs_insn *insn, const struct vm_regs *r, struct step_insn *out)
{
	const cs_x86 *x = &insn->detail->x86;
	if (insn->id == X86_INS_LEA || insn->id == X86_INS_NOP)
		return;
	for (uint8_t i = 0; i < x->op_count && out->nreads < DISASM_MAX_READS; i++) {
		const cs_x86_op *op = &x->operands[i];
		if (op->type == X86_OP_MEM && op->access != CS_AC_WRITE &&
		    !operand_addr(insn, op, r, &out->reads[out->nreads]))
			out->nreads++;
	}
}

/* The bytes at pc, as many as an instruction may have; fewer when the next
 * page is not mapped (the instruction may end before it). Their count, 0 if
 * none can be read. */
static size_t read_code(struct vm *vm, uint32_t pc, uint8_t code[MAX_INSN])
{
	size_t to_page_end = 4096 - (pc & 4095);
	if (!vm_read_virt(vm, pc, code, MAX_INSN))
		return MAX_INSN;
	if (to_page_end < MAX_INSN && !vm_read_virt(vm, pc, code, to_page_end))
		return to_page_end;
	return 0;
}

void disasm_step(struct vm *vm, uint32_t pc, int force32, const struct vm_regs *r, char *buf,
		 size_t len, struct step_insn *out)
{
	uint8_t code[MAX_INSN];
	csh h;
	cs_insn *insn;
	*out = (struct step_insn){ .sets_sregs = 1 };
	snprintf(buf, len, "?");
	size_t n = read_code(vm, pc, code);
	if (!n || cs_open(CS_ARCH_X86, !force32 && vm_code_bits(vm) == 64 ? CS_MODE_64 : CS_MODE_32, &h))
		return;
	cs_option(h, CS_OPT_DETAIL, CS_OPT_ON);
	if (cs_disasm(h, code, n, pc, 1, &insn) == 1) {
		snprintf(buf, len, "%s%s%s", insn->mnemonic, insn->op_str[0] ? " " : "", insn->op_str);
		out->sets_sregs = sets_sregs(insn);
		note_reads(insn, r, out);
		cs_free(insn, 1);
	}
	cs_close(&h);
}

#include "operand.h"

#include <stddef.h>

/* Each general register's 64-, 32- and 16-bit names: an address-size prefix
 * makes i386 code address with the 16-bit ones. */
static const struct {
	x86_reg r64, r32, r16;
} gprs[] = {	/* in the order of reg_value's full[] */
	{ X86_REG_RAX, X86_REG_EAX, X86_REG_AX }, { X86_REG_RBX, X86_REG_EBX, X86_REG_BX },
	{ X86_REG_RCX, X86_REG_ECX, X86_REG_CX }, { X86_REG_RDX, X86_REG_EDX, X86_REG_DX },
	{ X86_REG_RSI, X86_REG_ESI, X86_REG_SI }, { X86_REG_RDI, X86_REG_EDI, X86_REG_DI },
	{ X86_REG_RSP, X86_REG_ESP, X86_REG_SP }, { X86_REG_RBP, X86_REG_EBP, X86_REG_BP },
};

static int reg_value(const cs_insn *insn, x86_reg reg, const struct vm_regs *r, uint64_t *v)
{
	if (reg == X86_REG_INVALID) {
		*v = 0;
		return 0;
	}
	/* RIP-relative operands count from the end of the instruction. */
	if (reg == X86_REG_RIP || reg == X86_REG_EIP) {
		*v = insn->address + insn->size;
		return 0;
	}
	const uint64_t full[] = { r->rax, r->rbx, r->rcx, r->rdx, r->rsi, r->rdi, r->rsp, r->rbp };
	for (size_t i = 0; i < sizeof(gprs) / sizeof(gprs[0]); i++) {
		if (reg == gprs[i].r64 || reg == gprs[i].r32 || reg == gprs[i].r16) {
			*v = reg == gprs[i].r64 ? full[i]
			     : reg == gprs[i].r32 ? (uint32_t)full[i] : (uint16_t)full[i];
			return 0;
		}
	}
	return -1;
}

int operand_addr(const cs_insn *insn, const cs_x86_op *op, const struct vm_regs *r, uint64_t *ea)
{
	const x86_op_mem *m = &op->mem;
	uint64_t base, index;
	/* The kernel's DS, ES, SS and CS are flat (and 64-bit mode ignores
	 * their bases); FS and GS may have any base, which the gdbstub cannot
	 * read. */
	if (op->type != X86_OP_MEM || m->segment == X86_REG_FS || m->segment == X86_REG_GS ||
	    reg_value(insn, m->base, r, &base) || reg_value(insn, m->index, r, &index))
		return -1;
	uint64_t a = base + index * (uint64_t)(int64_t)m->scale + (uint64_t)m->disp;
	unsigned size = insn->detail->x86.addr_size;
	*ea = size == 2 ? (uint16_t)a : size == 4 ? (uint32_t)a : a;
	return 0;
}

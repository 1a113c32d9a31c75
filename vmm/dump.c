/*
 * The register dump printed when a run ends badly: general registers, the
 * control registers (CR2 above all), and the code at RIP, disassembled with
 * Capstone in the mode the vCPU was in.
 */
#include "vm.h"

#include <capstone/capstone.h>
#include <stdio.h>

#define CODE_BYTES 16

static void dump_code(struct vm *vm, FILE *out, const struct vm_regs *r, const struct vm_sregs *s,
		      int bits)
{
	uint8_t code[CODE_BYTES];
	int paged = (s->cr0 & 0x80000000ull) != 0;
	int rc = paged ? gmem_read_virt(&vm->mem, s->cr3, r->rip, code, sizeof(code))
		       : gmem_read(&vm->mem, r->rip, code, sizeof(code));
	if (rc) {
		fprintf(out, "  code at RIP: not readable guest memory\n");
		return;
	}
	fprintf(out, "  code at RIP:");
	for (int i = 0; i < CODE_BYTES; i++)
		fprintf(out, " %02x", code[i]);
	fprintf(out, "\n");
	csh h;
	cs_insn *insn;
	if (cs_open(CS_ARCH_X86, bits == 64 ? CS_MODE_64 : bits == 16 ? CS_MODE_16 : CS_MODE_32, &h))
		return;
	size_t n = cs_disasm(h, code, sizeof(code), r->rip, 3, &insn);
	for (size_t i = 0; i < n; i++)
		fprintf(out, "    %08llx  %s %s\n", (unsigned long long)insn[i].address,
			insn[i].mnemonic, insn[i].op_str);
	if (n)
		cs_free(insn, n);
	cs_close(&h);
}

void vm_dump_state(struct vm *vm, FILE *out, int after_reset)
{
	struct vm_regs r;
	struct vm_sregs s;
	if (vm_get_regs(vm, &r) || vm_get_sregs(vm, &s)) {
		fprintf(out, "  (registers could not be read)\n");
		return;
	}
	int bits = vm_code_bits(vm);
	if (after_reset)
		fprintf(out, "  note: after a triple fault the engine may already have reset the vCPU;"
			     " these registers need not be the faulting state\n");
	fprintf(out, "  RIP %016llx  CS %04x (%s)  RFLAGS %08llx  CPL %u\n",
		(unsigned long long)r.rip, s.cs,
		bits == 64 ? "64-bit" : bits == 32 ? "32-bit" : bits == 16 ? "16-bit" : "mode unknown",
		(unsigned long long)r.rflags, s.cs & 3);
	fprintf(out, "  RAX %08llx RBX %08llx RCX %08llx RDX %08llx\n", (unsigned long long)r.rax,
		(unsigned long long)r.rbx, (unsigned long long)r.rcx, (unsigned long long)r.rdx);
	fprintf(out, "  RSI %08llx RDI %08llx RBP %08llx RSP %08llx\n", (unsigned long long)r.rsi,
		(unsigned long long)r.rdi, (unsigned long long)r.rbp, (unsigned long long)r.rsp);
	fprintf(out, "  CR0 %08llx CR2 %08llx CR3 %08llx CR4 %08llx EFER %llx\n",
		(unsigned long long)s.cr0, (unsigned long long)s.cr2, (unsigned long long)s.cr3,
		(unsigned long long)s.cr4, (unsigned long long)s.efer);
	dump_code(vm, out, &r, &s, bits);
}

#include "stepregs.h"

static const char *const names[SR_COUNT] = {
	[SR_EAX] = "eax", [SR_EBX] = "ebx", [SR_ECX] = "ecx", [SR_EDX] = "edx",
	[SR_ESI] = "esi", [SR_EDI] = "edi", [SR_EBP] = "ebp", [SR_ESP] = "esp",
	[SR_EIP] = "eip", [SR_EFLAGS] = "eflags", [SR_CS] = "cs", [SR_SS] = "ss",
	[SR_CR2] = "cr2", [SR_CR3] = "cr3",
};

/* The i386 kernel sees only the low halves of what the 64-bit glue holds. */
void regfile_set(struct regfile *f, int reg, uint64_t value)
{
	f->v[reg] = (uint32_t)value;
	f->known |= 1u << reg;
}

void regfile_set_regs(struct regfile *f, const struct vm_regs *r, uint32_t pc)
{
	regfile_set(f, SR_EAX, r->rax);
	regfile_set(f, SR_EBX, r->rbx);
	regfile_set(f, SR_ECX, r->rcx);
	regfile_set(f, SR_EDX, r->rdx);
	regfile_set(f, SR_ESI, r->rsi);
	regfile_set(f, SR_EDI, r->rdi);
	regfile_set(f, SR_EBP, r->rbp);
	regfile_set(f, SR_ESP, r->rsp);
	regfile_set(f, SR_EIP, pc);
	regfile_set(f, SR_EFLAGS, r->rflags);
}

void regfile_set_sregs(struct regfile *f, const struct vm_sregs *s)
{
	regfile_set(f, SR_CS, s->cs);
	regfile_set(f, SR_SS, s->ss);
	regfile_set(f, SR_CR2, s->cr2);
	regfile_set(f, SR_CR3, s->cr3);
}

int regfile_write(struct db *db, int64_t run_id, uint64_t fault_seq, uint32_t step_idx,
		  const struct regfile *now, const struct regfile *before)
{
	for (int i = 0; i < SR_COUNT; i++) {
		uint32_t bit = 1u << i;
		if (!(now->known & bit) || ((before->known & bit) && before->v[i] == now->v[i]))
			continue;
		struct step_reg_row row = { .fault_seq = fault_seq, .step_idx = step_idx,
					    .reg = names[i], .value = now->v[i] };
		if (db_add_step_reg(db, run_id, &row))
			return -1;
	}
	return 0;
}

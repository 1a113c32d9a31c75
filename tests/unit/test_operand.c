/*
 * operand_addr: the address a memory operand names, from instruction bytes
 * Capstone decodes here and registers made up for each case.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "operand.h"

#define PC 0xc0100d66u

static const struct vm_regs regs = {
	.rax = 0x1b, .rbx = 0xfffffff0, .rcx = 0x35, .rdx = 0xffffffffc0000000ull,
	.rsi = 0xc01098b8, .rdi = 0xc0109780, .rsp = 0xc014fd20, .rbp = 0xc010621f, .rip = PC,
};

/* The address operand opno of the instruction in bytes names, decoded in
 * mode; -1 if operand_addr cannot say. */
static int64_t addr_of(cs_mode mode, const uint8_t *bytes, size_t len, unsigned opno)
{
	csh h;
	cs_insn *insn;
	uint64_t ea;
	assert_int_equal(cs_open(CS_ARCH_X86, mode, &h), CS_ERR_OK);
	cs_option(h, CS_OPT_DETAIL, CS_OPT_ON);
	assert_int_equal(cs_disasm(h, bytes, len, PC, 1, &insn), 1);
	assert_true(opno < insn->detail->x86.op_count);
	int rc = operand_addr(insn, &insn->detail->x86.operands[opno], &regs, &ea);
	cs_free(insn, 1);
	cs_close(&h);
	return rc ? -1 : (int64_t)ea;
}

#define ADDR32(opno, ...) addr_of(CS_MODE_32, (const uint8_t[]){ __VA_ARGS__ }, \
				  sizeof((const uint8_t[]){ __VA_ARGS__ }), opno)
#define ADDR64(opno, ...) addr_of(CS_MODE_64, (const uint8_t[]){ __VA_ARGS__ }, \
				  sizeof((const uint8_t[]){ __VA_ARGS__ }), opno)

/* The forms search_extable's code uses. */
static void base_index_scale_disp(void **state)
{
	(void)state;
	assert_int_equal(ADDR32(0, 0x39, 0x2e), 0xc01098b8);	/* cmp [esi], ebp */
	assert_int_equal(ADDR32(1, 0x8b, 0x4c, 0x24, 0x18), 0xc014fd38);	/* mov ecx, [esp+0x18] */
	/* lea esi, [edi+esi*4] */
	assert_int_equal(ADDR32(1, 0x8d, 0x34, 0xb7), (uint32_t)(0xc0109780u + 0xc01098b8u * 4));
	/* mov eax, [edi + eax*8 + 4]: index, scale and displacement at once */
	assert_int_equal(ADDR32(1, 0x8b, 0x44, 0xc7, 0x04), 0xc0109780 + 0x1b * 8 + 4);
	assert_int_equal(ADDR32(1, 0x8b, 0x45, 0xf8), 0xc010621f - 8);	/* mov eax, [ebp-8] */
	assert_int_equal(ADDR32(1, 0xa1, 0x80, 0x97, 0x10, 0xc0), 0xc0109780);	/* mov eax, [abs] */
}

/* Guest registers are whatever the guest put there: the sum wraps as the
 * CPU's does, at the address size. */
static void wraps_at_the_address_size(void **state)
{
	(void)state;
	assert_int_equal(ADDR32(1, 0x8b, 0x43, 0x20), 0x10);	/* mov eax, [ebx+0x20] */
	assert_int_equal(ADDR32(1, 0x8b, 0x02), 0xc0000000);	/* mov eax, [edx]: the low half */
	assert_int_equal(ADDR32(1, 0x67, 0x8b, 0x47, 0x20), 0x10);	/* mov eax, [bx+0x20], 16-bit */
	assert_int_equal(ADDR64(1, 0x48, 0x8b, 0x02), (int64_t)0xffffffffc0000000ull);	/* mov rax, [rdx] */
}

static void rip_relative_counts_from_the_next_instruction(void **state)
{
	(void)state;
	/* mov rax, [rip+0x10], 7 bytes */
	assert_int_equal(ADDR64(1, 0x48, 0x8b, 0x05, 0x10, 0, 0, 0), PC + 7 + 0x10);
}

static void unknowable_operands(void **state)
{
	(void)state;
	assert_int_equal(ADDR32(1, 0x64, 0x8b, 0x00), -1);	/* mov eax, fs:[eax] */
	assert_int_equal(ADDR32(1, 0x65, 0x8b, 0x00), -1);	/* mov eax, gs:[eax] */
	assert_int_equal(ADDR64(1, 0x49, 0x8b, 0x00), -1);	/* mov rax, [r8] */
	assert_int_equal(ADDR32(0, 0x89, 0xd8), -1);	/* mov eax, ebx: no memory */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(base_index_scale_disp),
		cmocka_unit_test(wraps_at_the_address_size),
		cmocka_unit_test(rip_relative_counts_from_the_next_instruction),
		cmocka_unit_test(unknowable_operands),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

/*
 * The IDT: a 64-bit interrupt gate for each of the 32 exception vectors, to
 * its stub in entry.S. head64.S loads the table; trap_init fills it in.
 */
#include <kernel/processor.h>
#include <kernel/segment.h>
#include <kernel/traps.h>

struct idt_gate {
	uint16_t off_lo, sel, flags, off_mid;
	uint32_t off_hi, reserved;
};

struct idt_gate idt_table[256] __attribute__((aligned(16)));

void trap_init(void)
{
	for (uint32_t v = 0; v < 32; v++) {
		uint32_t stub = (uint32_t)trap_stubs + 16 * v;
		idt_table[v] = (struct idt_gate){
			.off_lo = stub & 0xffff, .sel = KERNEL_CS64,
			.flags = 0x8e00, /* present, DPL0, 64-bit interrupt gate */
			.off_mid = stub >> 16,
		};
	}
	cpu_init();
}

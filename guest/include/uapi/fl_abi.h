/*
 * The faultline ABI: what the host (vmm/, tracer/) and the guest kernel agree
 * on, with fl_extable.h beside it for the exception-table entry layout.
 * Compiled both as host C11 and as freestanding i386 C, so it uses only
 * fixed-width types and no pointers.
 *
 * Boot protocol
 * -------------
 * Guest physical memory starts at 0 and is FL_BOOT_PARAMS->mem_size bytes.
 * The VMM builds, before the first instruction runs:
 *   FL_BOOT_GDT      a flat GDT (null, 64-bit code 0x08, data 0x10), so the CPU
 *                    state it sets matches a real descriptor table;
 *   FL_BOOT_PML4..   boot page tables: PML4[0] -> PDPT; PDPT[0] and PDPT[3]
 *                    both point at one PD of 2 MiB pages mapping physical
 *                    0..1 GiB. So virtual 0..1 GiB is identity-mapped and
 *                    PAGE_OFFSET (0xC0000000) + p maps physical p;
 *   FL_BOOT_PARAMS   struct fl_boot_params (magic, memory map, modules);
 *   FL_BOOT_CMDLINE  the NUL-terminated command line (see "Command line");
 *   the kernel ELF's PT_LOAD segments, at their physical addresses (p_paddr);
 *   boot modules (user programs, kernel modules) above the kernel, page
 *   aligned, listed in fl_boot_params.mods.
 * Entry state: IA-32e 64-bit mode, CPL0, paging on with the boot tables,
 * interrupts off, RIP = ELF e_entry (a kernel virtual address), RSI = physical
 * address of fl_boot_params, RSP = 0 (the kernel sets its own stack).
 * Everything else (GDT, IDT, TSS, its own page tables) is the kernel's job.
 *
 * Boot modules of kind FL_MOD_PROGRAM are found by name: "init" runs first,
 * and a program spawns the others by theirs (at most FL_MOD_NAME-1 chars).
 *
 * Command line
 * ------------
 * Words separated by spaces, "key=value" by convention. init's argv is
 * "init" followed by these words, unless a word is FL_ARGS_SEP: then init's
 * argv[1..] are instead what follows it, at most FL_MAX_ARGS arguments, each
 * in double quotes with any '"' or '\' inside escaped by a '\' (so an
 * argument may hold spaces or be empty), separated by spaces:
 *     scenario=tour -- "a" "b c" ""
 * The words before the separator are then not init's arguments.
 * The kernel itself reads one word there: pfwalk=1 makes every page fault
 * print, before it is handled, the kernel's own walk of its address, one
 * line per entry read: "pfwalk: cr2 VA level L entry PA value V" (level 4
 * PML4E to 1 PTE; PA the entry's physical address, V its 64 bits).
 *
 * Hypercalls
 * ----------
 * `outl %eax, $FL_HC_PORT` with EAX = FL_HC_* and arguments in EBX, ECX, EDX.
 * Addresses are guest virtual addresses in the current address space; the VMM
 * translates and bounds-checks them and never trusts a length. Hypercalls
 * return nothing.
 * FL_SERIAL_PORT (COM1 THR) takes single bytes, for the earliest messages.
 *
 * Instruction sites: the kernel makes every hypercall with the one
 * `outl %eax, $FL_HC_PORT` at the global symbol FL_HC_SITE_SYMBOL, and writes
 * serial bytes only with the one `outb %al, %dx` (DX = FL_SERIAL_PORT) at
 * FL_SERIAL_SITE_SYMBOL. An engine that cannot trap port I/O (QEMU TCG,
 * driven over its gdbstub) puts a breakpoint on each site, does there what
 * the instruction asks, and resumes after it; KVM traps the port itself.
 * Under TCG, port I/O anywhere else is not seen by the VMM.
 */
#ifndef FL_ABI_H
#define FL_ABI_H

#define FL_PAGE_OFFSET   0xC0000000u	/* kernel virtual = physical + this */
#define FL_TASK_SIZE     0xC0000000u	/* user space is below */
#define FL_KERNEL_PHYS   0x00100000u	/* where the kernel image is linked to load */

#define FL_BOOT_GDT      0x00001000u
#define FL_BOOT_PML4     0x00002000u
#define FL_BOOT_PDPT     0x00003000u
#define FL_BOOT_PD       0x00004000u
#define FL_BOOT_PARAMS   0x00005000u
#define FL_BOOT_CMDLINE  0x00006000u
#define FL_CMDLINE_MAX   1024u
#define FL_ARGS_SEP      "--"	/* then init's quoted arguments (see above) */
#define FL_MAX_ARGS      32	/* arguments a program gets, besides its name */
#define FL_BOOT_MAPPED   0x40000000u	/* bytes the boot tables map */

#define FL_SERIAL_PORT   0x3f8
#define FL_HC_PORT       0xf4
#define FL_HC_SITE_SYMBOL     "fl_hypercall_site"
#define FL_SERIAL_SITE_SYMBOL "fl_serial_site"

#define FL_HC_EXIT    1	/* EBX = exit status of the guest */
#define FL_HC_CONSOLE 2	/* EBX = virtual address, ECX = length */
#define FL_HC_BENCH   3	/* EBX = FL_BENCH_*, ECX = virtual address of a struct fl_bench_msg */

/* Benchmark marks (faultline bench). Between BEGIN and END the VMM counts
 * the guest's instructions by single-stepping; RESULT carries a figure the
 * guest measured itself (cycles, probes). */
#define FL_BENCH_BEGIN  1
#define FL_BENCH_END    2
#define FL_BENCH_RESULT 3

#define FL_BOOT_MAGIC    0x544c4246u	/* "FBLT" */
#define FL_BOOT_VERSION  1u
#define FL_MAX_MEMRANGES 8
#define FL_MAX_MODS      16
#define FL_MOD_NAME      24

#define FL_MEM_USABLE   1	/* free for the kernel's frame allocator */
#define FL_MEM_RESERVED 2	/* boot structures, kernel image, modules */

#define FL_MOD_PROGRAM  1	/* a user ELF32 i386 executable */
#define FL_MOD_KMODULE  2	/* a kernel module image */

/* Exit statuses the kernel reports through FL_HC_EXIT besides init's own. */
#define FL_EXIT_OOPS     100	/* kernel oops: an exception with no fixup */
#define FL_EXIT_PANIC    101	/* kernel gave up (bad boot params, no init) */
#define FL_EXIT_SIGNAL   128	/* init killed by signal N: 128 + N */

#ifndef __ASSEMBLER__
#include <stdint.h>

struct fl_memrange {
	uint32_t base;
	uint32_t size;
	uint32_t type;		/* FL_MEM_* */
	uint32_t reserved;
};

struct fl_bootmod {
	uint32_t kind;		/* FL_MOD_* */
	uint32_t paddr;		/* page aligned */
	uint32_t size;		/* bytes of the image */
	uint32_t reserved;
	char name[FL_MOD_NAME];	/* NUL-terminated */
};

struct fl_boot_params {
	uint32_t magic;
	uint32_t version;
	uint32_t mem_size;	/* bytes of guest RAM, starting at physical 0 */
	uint32_t cmdline_paddr;
	uint32_t cmdline_len;	/* without the NUL */
	uint32_t nr_memranges;
	uint32_t nr_mods;
	uint32_t reserved;
	struct fl_memrange mem[FL_MAX_MEMRANGES];
	struct fl_bootmod mods[FL_MAX_MODS];
};
struct fl_bench_msg {
	char case_name[32];	/* NUL-terminated */
	char parameter[32];	/* "" when the case has none */
	char measure[16];	/* RESULT: "cycles", "probes" */
	char unit[16];
	uint64_t value;		/* RESULT */
	uint32_t repetitions;	/* RESULT: how many runs the value summarises */
	uint32_t reserved;
};

#endif /* __ASSEMBLER__ */

#endif

/*
 * Exception tables, as in Linux: the library (lib/extable.c), the kernel's
 * search over its own and its modules' tables (kernel/extable.c) and the
 * fixup handlers (arch/extable.c).
 *
 * The library has three users: the guest kernel, the build-time sorter
 * guest/tools/sortextable, and bench's native timings of the search
 * (tracer/bench_native.c). It is plain C with no library calls so the same
 * file builds freestanding for i386 and natively for the host.
 *
 * A table is valid when its entries are in strictly ascending insn order:
 * that is what lets the fault path binary-search it, and a duplicate insn
 * would make the chosen fixup depend on the search order.
 */
#ifndef KERNEL_EXTABLE_H
#define KERNEL_EXTABLE_H

#include <stdint.h>

#include "fl_extable.h"

/* Entry of a valid table whose insn equals addr, or NULL. table may be NULL
 * when n is 0. If probes is not NULL it receives the number of entries
 * compared, which is at most ceil(log2(n + 1)). */
const struct exception_table_entry *search_extable(const struct exception_table_entry *table,
						   uint32_t n, uint32_t addr, uint32_t *probes);

/* Index of the first entry whose insn is not strictly greater than the one
 * before it, or -1 if the table is valid. A real table holds fewer than 2^29
 * entries (12 bytes each in a 32-bit space), so the index always fits. */
int32_t extable_first_unsorted(const struct exception_table_entry *table, uint32_t n);

/* Sort by insn in place: heap sort, so O(n log n) time, constant stack and no
 * allocation. The build's sortextable uses it; the kernel only checks order
 * (a module whose table is unsorted is refused, not sorted). Entries with
 * equal insn are left adjacent in no particular order. */
void sort_extable(struct exception_table_entry *table, uint32_t n);

/* The rest is the kernel's alone. Its own table, laid out by guest/kernel.ld
 * and sorted at build time by guest/tools/sortextable. */
extern const struct exception_table_entry __start___ex_table[], __stop___ex_table[];

/* kernel/extable.c: refuse to run on an unsorted table; the entry for a
 * faulting address in the kernel's table or a module's, or NULL. */
void extable_init(void);
const struct exception_table_entry *search_exception_table(uint32_t addr);

/* arch/extable.c: run the entry's handler for a kernel-mode fault at
 * regs->eip; 1 if fixed. */
struct pt_regs;
int fixup_exception(struct pt_regs *regs, int trapnr);

#endif

/*
 * What the host's tracer, --steps and bench rely on in the kernel, beyond the
 * boot protocol (fl_abi.h) and the table layout (fl_extable.h): the symbols
 * they look up in the kernel's ELF. Renaming one of these functions or labels
 * would silently stop tracing, so every kernel link checks that each is
 * defined (guest/checksyms.sh), and the tracer names any that a --kernel
 * lacks.
 *
 * The exception frame the tracer reads at a stub is the CPU's own 64-bit
 * frame: [error code (#PF only),] RIP, CS, RFLAGS, RSP, SS.
 */
#ifndef FL_TRACE_H
#define FL_TRACE_H

#define FL_VEC_DE 0		/* divide error */
#define FL_VEC_PF 14		/* page fault */

/* Trap stubs, trap_entry_N for vector N, laid out from FL_SYM_TRAP_STUBS up to
 * FL_SYM_TRAP_COMMON; the whole trap glue ends at FL_SYM_SYSENTER. */
#define FL_SYM_TRAP_ENTRY_FMT "trap_entry_%u"
#define FL_SYM_PF_ENTRY       "trap_entry_14"
#define FL_SYM_DE_ENTRY       "trap_entry_0"
#define FL_SYM_TRAP_STUBS     "trap_stubs"
#define FL_SYM_TRAP_COMMON    "trap_common"
#define FL_SYM_SYSENTER       "sysenter_entry"
/* The one iretq every trap returns through. */
#define FL_SYM_TRAP_IRET      "trap_iret"
/* How a handler can end besides returning: a signal, or an oops. */
#define FL_SYM_FORCE_SIG      "force_sig"
#define FL_SYM_DIE            "die"
/* Milestones of the eight steps, and bench's phases. */
#define FL_SYM_DO_PAGE_FAULT  "do_page_fault"
#define FL_SYM_DO_DIVIDE      "do_divide_error"
#define FL_SYM_SEARCH         "search_exception_table"

#endif

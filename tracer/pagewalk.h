/*
 * Why the MMU refused a page fault's access, read from the walk of CR2 made
 * at the exception entry and the error code's bits. The access is what the
 * error code says it was (W/R, U/S, I/D); its P and RSVD bits are results,
 * which the walk must explain on its own.
 */
#ifndef TRACER_PAGEWALK_H
#define TRACER_PAGEWALK_H

#include <stdint.h>

#include "mem.h"

/* Page-fault error code bits. */
#define PF_ERR_PRESENT 0x01u
#define PF_ERR_WRITE   0x02u
#define PF_ERR_USER    0x04u
#define PF_ERR_RSVD    0x08u
#define PF_ERR_FETCH   0x10u

/* The level that refused (4 PML4E .. 1 PTE) and why (WALK_*); level 0 with
 * WALK_ALLOWED when the tables permit the access; level 0 and reason NULL
 * when the walk cannot tell (it left guest RAM, or the error code reports a
 * reserved bit that no entry shows). */
struct walk_verdict {
	int level;
	const char *reason;
};

/* cr0 and efer as the vCPU had them: CR0.WP makes read-only pages binding
 * on supervisor writes, EFER.NXE gives bit 63 its meaning. */
struct walk_verdict walk_explain(const struct page_walk *w, uint32_t error_code, uint64_t cr0,
				 uint64_t efer);

#endif

/*
 * The rules, in the CPU's order: walking down, the first entry with P clear
 * or a reserved bit set stops the walk, so it decides even when a level above
 * it forbids the access. Only a walk that reaches its leaf is refused for the
 * rights, which the CPU combines over every level: the top level that forbids
 * the access is named, at one level a user access to a supervisor entry
 * before a write to a read-only one, before a fetch from a no-execute one.
 *
 * Reserved bits checked are those every CPU has: bit 63 without EFER.NXE, PS
 * in a PML4E, and the low address bits of a 1 GiB or 2 MiB page. Address
 * bits from MAXPHYADDR up are not, since the engines do not say what the
 * guest's MAXPHYADDR is; an RSVD fault that the walk does not explain gets
 * no reason. Neither SMEP nor SMAP is considered: the kernel sets neither.
 */
#include "pagewalk.h"

#include <stddef.h>

#include "record.h"

#define E_P   0x001ull
#define E_RW  0x002ull
#define E_US  0x004ull
#define E_PS  0x080ull
#define E_XD  (1ull << 63)
#define CR0_WP   (1ull << 16)
#define EFER_NXE (1ull << 11)
#define LARGE_1G_RSVD 0x3fffe000ull	/* bits 29:13 of a PDPTE with PS */
#define LARGE_2M_RSVD 0x001fe000ull	/* bits 20:13 of a PDE with PS */

static int reserved(uint64_t e, int level, int nxe)
{
	if ((e & E_XD) && !nxe)
		return 1;
	if (!(e & E_PS))
		return 0;
	return level == 4 || (level == 3 && (e & LARGE_1G_RSVD)) ||
	       (level == 2 && (e & LARGE_2M_RSVD));
}

/* Why this present entry forbids the access, or NULL. */
static const char *forbids(uint64_t e, uint32_t err, int wp, int nxe)
{
	if ((err & PF_ERR_USER) && !(e & E_US))
		return WALK_SUPERVISOR;
	if ((err & PF_ERR_WRITE) && !(e & E_RW) && ((err & PF_ERR_USER) || wp))
		return WALK_READ_ONLY;
	if ((err & PF_ERR_FETCH) && nxe && (e & E_XD))
		return WALK_NO_EXECUTE;
	return NULL;
}

struct walk_verdict walk_explain(const struct page_walk *w, uint32_t error_code, uint64_t cr0,
				 uint64_t efer)
{
	int wp = (cr0 & CR0_WP) != 0, nxe = (efer & EFER_NXE) != 0;
	for (unsigned i = 0; i < w->n; i++) {
		if (!(w->entry[i] & E_P))
			return (struct walk_verdict){ 4 - (int)i, WALK_NOT_PRESENT };
		if (reserved(w->entry[i], 4 - (int)i, nxe))
			return (struct walk_verdict){ 4 - (int)i, WALK_RESERVED };
	}
	if (w->end != PAGE_WALK_MAPPED)
		return (struct walk_verdict){ 0, NULL };	/* left RAM before its leaf */
	for (unsigned i = 0; i < w->n; i++) {
		const char *why = forbids(w->entry[i], error_code, wp, nxe);
		if (why)
			return (struct walk_verdict){ 4 - (int)i, why };
	}
	if (error_code & PF_ERR_RSVD)
		return (struct walk_verdict){ 0, NULL };
	return (struct walk_verdict){ 0, WALK_ALLOWED };
}

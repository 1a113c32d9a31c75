/*
 * Where each register lies in a 'g' reply, from the target description the
 * stub itself sends (qXfer:features:read), never from a hard-coded table.
 */
#ifndef VMM_GDB_REGS_H
#define VMM_GDB_REGS_H

#include "gdb.h"

enum greg { GR_RAX, GR_RBX, GR_RCX, GR_RDX, GR_RSI, GR_RDI, GR_RSP, GR_RBP, GR_RIP, GR_EFLAGS,
	    GR_CS, GR_SS, GR_DS, GR_ES, GR_FS, GR_GS, GR_CR0, GR_CR2, GR_CR3, GR_CR4, GR_EFER,
	    NR_GREGS };

struct greg_map {
	int num[NR_GREGS];		/* register number, for 'P' */
	unsigned off[NR_GREGS];		/* byte offset in a 'g' reply */
	unsigned size[NR_GREGS];	/* bytes: 4 or 8 */
};

/* Read and number the target description. 0, or -1 with g->error. */
int greg_map_load(struct gdb *g, struct greg_map *m);
/* Parse a description's register list (comments ignored) into m; names
 * not needed are counted for numbering and offsets. Exposed for tests. */
int greg_map_parse(const char *xml, struct greg_map *m, int *next_num, unsigned *next_off);

#endif

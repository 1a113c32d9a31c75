/*
 * The tcg engine's view of the vCPU through QEMU's gdbstub: the registers
 * (read once per stop, written one at a time) and QEMU's breakpoints (the
 * caller's and the I/O sites). Used by tcg.c's set-up and interface and by
 * tcg_run.c's run loop.
 */
#include "tcg.h"

#include <stdio.h>
#include <string.h>

uint64_t tcg_reg(struct tcg *t, enum greg r)
{
	uint64_t v = 0;
	memcpy(&v, t->raw + t->map.off[r], t->map.size[r]);
	return v;
}

int tcg_load_regs(struct vm *vm)
{
	struct tcg *t = vm->engine;
	char r[GDB_PKT_MAX];
	if (t->regs_valid)
		return 0;
	int n = gdb_cmd(&t->g, "g", r, sizeof(r));
	size_t need = 0;
	for (int i = 0; i < NR_GREGS; i++)	/* the reply must hold every register we read */
		if (t->map.off[i] + t->map.size[i] > need)
			need = t->map.off[i] + t->map.size[i];
	if (n < 0 || (size_t)n / 2 < need || (size_t)n / 2 > sizeof(t->raw) ||
	    gdb_unhex(r, (size_t)n / 2, t->raw)) {
		snprintf(vm->error, sizeof(vm->error), "reading the registers from QEMU: %s",
			 n < 0 ? t->g.error : "a short or malformed reply");
		return -1;
	}
	t->regs_valid = 1;
	return 0;
}

int tcg_set_reg(struct tcg *t, enum greg r, uint64_t v)
{
	char pkt[64], hex[17];
	gdb_hex((const uint8_t *)&v, t->map.size[r], hex);
	snprintf(pkt, sizeof(pkt), "P%x=%s", t->map.num[r], hex);
	t->regs_valid = 0;
	t->bits = 0;
	return gdb_ok(&t->g, pkt);
}

int tcg_is_bp(const struct vm *vm, uint64_t pc)
{
	for (unsigned i = 0; i < vm->nr_bp; i++)
		if (vm->bp[i] == pc)
			return 1;
	return 0;
}

int tcg_is_site(const struct tcg *t, uint64_t pc)
{
	return pc && (pc == t->sites.hypercall || pc == t->sites.serial);
}

int tcg_insert(struct tcg *t, uint64_t addr, int insert)
{
	char pkt[48];
	snprintf(pkt, sizeof(pkt), "%c1,%llx,1", insert ? 'Z' : 'z', (unsigned long long)addr);
	return gdb_ok(&t->g, pkt);
}

static int wanted(const struct vm *vm, uint64_t a)
{
	return tcg_is_bp(vm, a) || tcg_is_site(vm->engine, a);
}

static int remove_at(struct tcg *t, unsigned i)
{
	if (tcg_insert(t, t->inserted[i], 0))
		return -1;
	t->inserted[i] = t->inserted[--t->nr_inserted];
	return 0;
}

int tcg_drop_stale(struct vm *vm, uint64_t pc)
{
	struct tcg *t = vm->engine;
	for (unsigned i = 0; i < t->nr_inserted; i++)
		if (t->inserted[i] == pc && !wanted(vm, pc))
			return remove_at(t, i) ? 0 : 1;
	return 0;
}

/* Ones no longer wanted stay until they fire or their slot is needed: the
 * tracer swaps the same few back and forth at every fault, and each change
 * is a round trip to QEMU. */
int tcg_sync_breakpoints(struct vm *vm)
{
	struct tcg *t = vm->engine;
	uint64_t want[TCG_MAX_BP] = { t->sites.hypercall, t->sites.serial };
	unsigned nw = 2;
	for (unsigned i = 0; i < vm->nr_bp; i++)
		want[nw++] = vm->bp[i];
	for (unsigned i = 0; t->nr_inserted + nw > TCG_MAX_BP && i < t->nr_inserted;) {
		if (wanted(vm, t->inserted[i]))
			i++;
		else if (remove_at(t, i))
			return -1;
	}
	for (unsigned i = 0; i < nw; i++) {
		int have = !want[i];
		for (unsigned j = 0; j < t->nr_inserted && !have; j++)
			have = t->inserted[j] == want[i];
		if (have)
			continue;
		if (tcg_insert(t, want[i], 1))
			return -1;
		t->inserted[t->nr_inserted++] = want[i];
	}
	return 0;
}

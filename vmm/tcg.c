/*
 * The tcg engine: QEMU's TCG emulator behind the same interface as KVM.
 * QEMU runs privately (qemu.c) and is driven over its gdbstub (gdb.c);
 * guest RAM is a file both processes map, so boot set-up, console buffers
 * and page-table walks are the same code as under KVM.
 */
#include "tcg.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "boot.h"

static struct tcg *T(struct vm *vm)
{
	return vm->engine;
}

uint64_t tcg_reg(struct tcg *t, enum greg r)
{
	uint64_t v = 0;
	memcpy(&v, t->raw + t->map.off[r], t->map.size[r]);
	return v;
}

int tcg_load_regs(struct vm *vm)
{
	struct tcg *t = T(vm);
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
	struct tcg *t = T(vm);
	for (unsigned i = 0; i < t->nr_inserted; i++)
		if (t->inserted[i] == pc && !wanted(vm, pc))
			return remove_at(t, i) ? 0 : 1;
	return 0;
}

/* Make QEMU's breakpoints include the caller's and the I/O sites. Ones no
 * longer wanted stay until they fire or their slot is needed: the tracer
 * swaps the same few back and forth at every fault, and each change is a
 * round trip to QEMU. */
static int sync_breakpoints(struct vm *vm)
{
	struct tcg *t = T(vm);
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

static int tcg_set_debug(struct vm *vm)
{
	struct tcg *t = T(vm);
	if (!sync_breakpoints(vm))
		return 0;
	snprintf(vm->error, sizeof(vm->error), "setting breakpoints in QEMU: %s", t->g.error);
	return -1;
}

static int tcg_get_regs(struct vm *vm, struct vm_regs *r)
{
	struct tcg *t = T(vm);
	if (tcg_load_regs(vm))
		return -1;
	*r = (struct vm_regs){ tcg_reg(t, GR_RAX), tcg_reg(t, GR_RBX), tcg_reg(t, GR_RCX),
			       tcg_reg(t, GR_RDX), tcg_reg(t, GR_RSI), tcg_reg(t, GR_RDI),
			       tcg_reg(t, GR_RSP), tcg_reg(t, GR_RBP), tcg_reg(t, GR_RIP),
			       tcg_reg(t, GR_EFLAGS) };
	return 0;
}

static int tcg_get_sregs(struct vm *vm, struct vm_sregs *s)
{
	struct tcg *t = T(vm);
	if (tcg_load_regs(vm))
		return -1;
	*s = (struct vm_sregs){ .cr0 = tcg_reg(t, GR_CR0), .cr2 = tcg_reg(t, GR_CR2),
				.cr3 = tcg_reg(t, GR_CR3), .cr4 = tcg_reg(t, GR_CR4),
				.efer = tcg_reg(t, GR_EFER), .cs = (uint16_t)tcg_reg(t, GR_CS),
				.ss = (uint16_t)tcg_reg(t, GR_SS), .ds = (uint16_t)tcg_reg(t, GR_DS),
				.es = (uint16_t)tcg_reg(t, GR_ES), .fs = (uint16_t)tcg_reg(t, GR_FS),
				.gs = (uint16_t)tcg_reg(t, GR_GS) };
	return 0;
}

/* The gdbstub has no descriptor caches; QEMU's own register dump says which
 * mode the code segment is in. */
static int tcg_code_bits(struct vm *vm)
{
	struct tcg *t = T(vm);
	char out[4096];
	if (t->bits)
		return t->bits;
	if (gdb_monitor(&t->g, "info registers", out, sizeof(out)))
		return 0;
	const char *cs = strstr(out, "\nCS =");
	const char *eol = cs ? strchr(cs + 1, '\n') : NULL;
	if (!cs || !eol)
		return 0;
	static const struct { const char *tag; int bits; } modes[] = {
		{ " CS64", 64 }, { " CS32", 32 }, { " CS16", 16 },
	};
	for (size_t i = 0; i < sizeof(modes) / sizeof(modes[0]); i++) {
		const char *m = strstr(cs, modes[i].tag);
		if (m && m < eol)
			return t->bits = modes[i].bits;
	}
	return 0;
}

static int tcg_guest_tsc(struct vm *vm, uint64_t *tsc)
{
	(void)vm;
	(void)tsc;
	return -1;	/* the gdbstub cannot read MSRs */
}

static void tcg_kick(struct vm *vm)
{
	struct tcg *t = vm->engine;
	if (t && write(t->wake[1], "!", 1) < 0) {
		/* full pipe: a wake-up is already pending */
	}
}

static void name_version(struct vm *vm)
{
	char out[256];
	snprintf(vm->engine_name, sizeof(vm->engine_name), "tcg");
	if (gdb_monitor(&T(vm)->g, "info version", out, sizeof(out)))
		out[0] = '\0';
	out[strcspn(out, "\r\n")] = '\0';
	snprintf(vm->engine_version, sizeof(vm->engine_version), "QEMU %s", out[0] ? out : "?");
	vm->emulated = 1;
}

static int tcg_create(struct vm *vm, const struct vm_opts *o, char *err, size_t errlen)
{
	char r[256];
	struct tcg *t = calloc(1, sizeof(*t));
	if (!t || pipe2(t->wake, O_CLOEXEC | O_NONBLOCK)) {
		free(t);
		snprintf(err, errlen, "cannot set up the tcg engine");
		return VMM_E_SETUP;
	}
	vm->engine = t;
	int rc = qemu_start(&t->q, o, &vm->mem, err, errlen);
	if (rc)
		return rc;
	t->g = (struct gdb){ .fd = t->q.sock, .wake_fd = t->wake[0] };
	if (gdb_cmd(&t->g, "?", r, sizeof(r)) < 0 || greg_map_load(&t->g, &t->map)) {
		char why[200];
		qemu_why(&t->q, why, sizeof(why));
		snprintf(err, errlen, "QEMU's gdbstub: %s (%s)", t->g.error, why);
		return VMM_E_QEMU;
	}
	qemu_remove_dir(&t->q);
	name_version(vm);
	return 0;
}

static void tcg_destroy(struct vm *vm)
{
	struct tcg *t = vm->engine;
	if (!t)
		return;
	qemu_stop(&t->q);
	close(t->wake[0]);
	close(t->wake[1]);
	free(t);
	vm->engine = NULL;
}

/* Segment loads through the gdbstub read the GDT at GDTR, whose base is 0
 * after reset and which the stub cannot set: the boot GDT gets a copy at
 * physical 0 (page 0 is reserved in the boot memory map). QEMU sets LMA
 * when paging comes on with LME set, so the order matters. */
static int tcg_start(struct vm *vm, uint64_t rip, uint64_t rsi, const struct io_sites *sites,
		     char *err, size_t errlen)
{
	struct tcg *t = T(vm);
	static const enum greg data_segs[] = { GR_DS, GR_ES, GR_SS, GR_FS, GR_GS };
	memcpy(gmem_ptr(&vm->mem, 0, 24), gmem_ptr(&vm->mem, FL_BOOT_GDT, 24), 24);
	int rc = tcg_set_reg(t, GR_CR0, CR0_PE | CR0_ET | CR0_NE) ||
		 tcg_set_reg(t, GR_CR4, BOOT_CR4) || tcg_set_reg(t, GR_CR3, FL_BOOT_PML4) ||
		 tcg_set_reg(t, GR_EFER, EFER_LME) || tcg_set_reg(t, GR_CR0, BOOT_CR0) ||
		 tcg_set_reg(t, GR_CS, BOOT_CS);
	for (size_t i = 0; !rc && i < sizeof(data_segs) / sizeof(data_segs[0]); i++)
		rc = tcg_set_reg(t, data_segs[i], BOOT_DS);
	rc = rc || tcg_set_reg(t, GR_RIP, rip) || tcg_set_reg(t, GR_RSI, rsi) ||
	     tcg_set_reg(t, GR_EFLAGS, 2) || tcg_load_regs(vm);
	if (rc || !(tcg_reg(t, GR_EFER) & EFER_LMA) || tcg_code_bits(vm) != 64) {
		snprintf(err, errlen, "QEMU did not take the 64-bit entry state%s%s",
			 t->g.error[0] ? ": " : "", t->g.error);
		return VMM_E_QEMU;
	}
	t->sites = *sites;
	t->pc = rip;
	if (!sites->hypercall)
		fprintf(stderr, "faultline: the kernel names no %s; under tcg its hypercalls"
			" are not seen\n", FL_HC_SITE_SYMBOL);
	return sync_breakpoints(vm) ? VMM_E_QEMU : 0;
}

const struct engine_ops tcg_engine = {
	.name = "tcg",
	.create = tcg_create,
	.start = tcg_start,
	.run = tcg_run,
	.kick = tcg_kick,
	.get_regs = tcg_get_regs,
	.get_sregs = tcg_get_sregs,
	.code_bits = tcg_code_bits,
	.guest_tsc = tcg_guest_tsc,
	.set_debug = tcg_set_debug,
	.destroy = tcg_destroy,
};

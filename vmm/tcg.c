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

static int tcg_set_debug(struct vm *vm)
{
	struct tcg *t = T(vm);
	if (!tcg_sync_breakpoints(vm))
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
	return tcg_sync_breakpoints(vm) ? VMM_E_QEMU : 0;
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

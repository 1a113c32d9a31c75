/* A run: images and boot modules, the database row, tracing or benchmark
 * counting, the run itself, and how it ended. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <fl_abi.h>

#include "bench_host.h"
#include "cli.h"
#include "elfload.h"
#include "images.h"
#include "insncount.h"
#include "progargs.h"
#include "readfile.h"
#include "runlog.h"
#include "session.h"
#include "trace.h"
#include "vm.h"

#define MAX_IMAGE (64u << 20)

struct run {
	struct run_opts o;
	struct vm_config cfg;
	struct vm vm;
	struct guest_file kernel;
	struct elf_image kernel_elf;		/* kernel, opened once for every reader */
	uint8_t *owned[1 + FL_MAX_MODS];	/* the kernel and programs read from files */
	char cmdline[FL_CMDLINE_MAX + 1];
	struct runlog log;
	struct tracer tr;
	struct insn_count ic;
	int tracing;
	char error[512];		/* a host-side failure, for the runs row */
};

/* The user's programs: the first replaces the built-in init, the others
 * follow the built-in modules under their own names. Each is refused here,
 * before any engine starts, unless it is a program the kernel can load. */
static int add_programs(struct run *r, char *err, size_t errlen)
{
	for (unsigned i = 0; i < r->o.nr_programs; i++) {
		const char *path = r->o.programs[i];
		uint8_t **data = &r->owned[1 + i];
		size_t len;
		if (read_whole_file(path, MAX_IMAGE, data, &len, err, errlen) ||
		    elf_check_program(*data, len, err, errlen))
			return -1;
		/* check_programs has left room in mods for them all. */
		struct vm_module *m = i ? &r->cfg.mods[r->cfg.nr_mods++] : &r->cfg.mods[0];
		*m = (struct vm_module){ FL_MOD_PROGRAM, i ? program_name(path) : m->name, *data, len };
	}
	return 0;
}

/* The kernel, the built-in programs and module, and the user's programs. */
static int build_config(struct run *r)
{
	char err[512];
	size_t len, n;
	const struct guest_file *progs = builtin_programs(&n), *mod = builtin_module();
	r->kernel = *builtin_kernel();
	r->kernel.name = "(built-in)";
	if (kernel_cmdline(r->cmdline, r->o.scenario, r->o.extra_args)) {
		fl_error("the kernel command line is longer than %u bytes", FL_CMDLINE_MAX);
		return VMM_E_SETUP;
	}
	if (r->o.kernel) {
		if (read_whole_file(r->o.kernel, MAX_IMAGE, &r->owned[0], &len, err, sizeof(err)))
			goto bad;
		r->kernel = (struct guest_file){ r->o.kernel, r->owned[0], len };
	}
	/* Refused here, before any engine starts. */
	if (elf_image_open(&r->kernel_elf, r->kernel.data, r->kernel.len, err, sizeof(err)) ||
	    elf_check_kernel(&r->kernel_elf, r->o.mem_mib << 20, FL_KERNEL_PHYS, err, sizeof(err)))
		goto bad;
	r->cfg = (struct vm_config){ .mem_size = r->o.mem_mib << 20, .kernel = &r->kernel_elf,
				     .cmdline = r->cmdline, .timeout_s = r->o.timeout_s };
	for (size_t i = 0; i < n; i++)
		r->cfg.mods[r->cfg.nr_mods++] = (struct vm_module){ FL_MOD_PROGRAM, progs[i].name,
								    progs[i].data, progs[i].len };
	r->cfg.mods[r->cfg.nr_mods++] = (struct vm_module){ FL_MOD_KMODULE, mod->name, mod->data,
							    mod->len };
	if (add_programs(r, err, sizeof(err)))
		goto bad;
	return 0;
bad:
	fl_error("%s", err);
	return VMM_E_INPUT;
}

static void run_console(void *ctx, const char *line, size_t len)
{
	struct run *r = ctx;
	runlog_console(&r->log, line, len);
}

static int on_debug(void *ctx, struct vm *vm, uint64_t pc)
{
	struct run *r = ctx;
	(void)vm;
	return r->tracing ? tracer_on_debug(&r->tr, pc) : 0;
}

static int bench_mark(void *ctx, struct vm *vm, uint32_t kind, uint32_t addr)
{
	struct run *r = ctx;
	return bench_on_mark(r->o.bench, vm, kind, addr);
}

static int bench_step(void *ctx, struct vm *vm, uint64_t pc)
{
	struct run *r = ctx;
	return bench_on_step(r->o.bench, vm, pc);
}

static int count_debug(void *ctx, struct vm *vm, uint64_t pc)
{
	struct run *r = ctx;
	return insn_count_step(&r->ic, vm, pc);
}

/* Tracing (or counting) set up on a created VM. */
static int prepare_debug(struct run *r, struct vm_hooks *hooks)
{
	if (r->o.bench) {
		if (bench_host_init(r->o.bench, r->log.db, r->log.run_id, &r->kernel_elf)) {
			fl_error("%s", r->o.bench->error);
			return VMM_E_INPUT;
		}
		hooks->bench = bench_mark;
		hooks->debug_exit = bench_step;
		return 0;
	}
	if (r->o.count_insns) {
		hooks->debug_exit = count_debug;
		if (insn_count_start(&r->vm, &r->ic, &r->kernel_elf) == 0)
			return 0;
		fl_error("cannot single-step the guest: %s", r->vm.error);
		return VMM_E_SETUP;
	}
	if (!r->o.trace)
		return 0;
	const struct guest_file *mod = builtin_module();
	if (tracer_init(&r->tr, &r->vm, r->log.db, r->log.run_id, r->log.t0_ns, &r->kernel_elf, mod,
			r->o.steps)) {
		/* A kernel of someone else's making may lack what the tracer needs. */
		fl_error("%s: running without tracing", r->tr.error);
		tracer_free(&r->tr);
		r->tr = (struct tracer){ 0 };
		return 0;
	}
	r->tracing = 1;
	hooks->debug_exit = on_debug;
	if (tracer_arm_entry(&r->tr)) {
		fl_error("%s", r->tr.error);
		return VMM_E_SETUP;
	}
	return 0;
}

static int report(struct run *r, const struct vm_result *res, double secs)
{
	struct vm *vm = &r->vm;
	if (r->tr.error[0])
		fl_error("%s", r->tr.error);
	if (r->o.bench && r->o.bench->error[0])
		fl_error("bench: %s", r->o.bench->error);
	switch (res->outcome) {
	case VM_EXITED:
		fl_error("guest exited with status %d (%llu exits, %llu faults traced, %.3f s)",
			 res->exit_status, (unsigned long long)res->exits,
			 (unsigned long long)r->tr.faults, secs);
		return res->exit_status;
	case VM_TIMEOUT:
		fl_error("%s; stopped", res->why);
		vm_dump_state(vm, stderr, 0);
		return VMM_E_TIMEOUT;
	case VM_INTERRUPTED:
		fl_error("%s", res->why);
		return VMM_E_INTERRUPTED;
	case VM_HOST_ERROR:
		fl_error("%s", res->why);
		snprintf(r->error, sizeof(r->error), "%s", res->why);
		return strcmp(vm->engine_name, "tcg") ? VMM_E_SETUP : VMM_E_QEMU;
	default:
		fl_error("%s", res->why);
		vm_dump_state(vm, stderr, res->after_reset);
		return r->tr.error[0] ? VMM_E_SETUP : VMM_E_CRASH;
	}
}

static int begin_run(struct run *r)
{
	struct run_info info = {
		.scenario = r->o.nr_programs ? NULL : r->o.scenario, .program = r->o.programs[0],
		.kernel_path = r->kernel.name,
		.engine = r->vm.engine_name[0] ? r->vm.engine_name : NULL,
		.engine_version = r->vm.engine_version[0] ? r->vm.engine_version : NULL,
		.emulated = r->vm.emulated, .tsc_khz = r->vm.tsc_khz, .cmdline = r->cmdline,
	};
	sha256_hex(r->kernel.data, r->kernel.len, info.kernel_sha256);
	return runlog_begin(&r->log, &info) ? VMM_E_SETUP : 0;
}

static int end_run(struct run *r, const struct vm_result *res, int code)
{
	uint64_t faults = r->tr.faults;
	struct run_end end = {
		.status = r->tr.error[0] ? RUN_VMM_ERROR : run_status(res), .exit_code = code,
		.fault_count = faults, .exits = res->exits,
		.exits_per_fault = faults ? (double)r->tr.debug_exits / (double)faults : 0,
		.error = r->error[0] ? r->error : NULL,
	};
	if (r->o.count_insns)
		fl_error("%llu guest instructions single-stepped, %llu before the first user-mode"
			 " instruction", (unsigned long long)r->ic.total,
			 (unsigned long long)r->ic.before_user);
	return runlog_end(&r->log, &end) ? VMM_E_SETUP : code;
}

static int boot_and_run(struct run *r)
{
	char err[512];
	const struct vm_opts vo = { .accel = r->o.accel, .mem_size = r->cfg.mem_size,
				    .qemu_log = r->o.qemu_log };
	int rc = vm_create(&r->vm, &vo, err, sizeof(err));
	if (rc || (rc = vm_boot_setup(&r->vm, &r->cfg, err, sizeof(err)))) {
		/* The run is recorded with why it could not start. */
		struct vm_result res = { .outcome = VM_HOST_ERROR };
		fl_error("%s", err);
		snprintf(r->error, sizeof(r->error), "%s", err);
		return begin_run(r) ? rc : end_run(r, &res, rc);
	}
	if ((rc = begin_run(r)))
		return rc;
	struct vm_hooks hooks = { .ctx = r, .console_line = run_console };
	struct vm_result res;
	if ((rc = prepare_debug(r, &hooks))) {
		res = (struct vm_result){ .outcome = VM_HOST_ERROR };
		return end_run(r, &res, rc);
	}
	uint64_t t0 = monotonic_ns();
	vm_run(&r->vm, &r->cfg, &hooks, &res);
	if (r->tracing)
		tracer_finish(&r->tr, res.exit_status, res.outcome == VM_EXITED);
	rc = report(r, &res, (double)(monotonic_ns() - t0) * 1e-9);
	return end_run(r, &res, rc);
}

int run_session(const struct run_opts *o)
{
	struct run *r = calloc(1, sizeof(*r));
	if (!r)
		return VMM_E_SETUP;
	r->o = *o;
	int rc = build_config(r);
	if (!rc)
		rc = runlog_open(&r->log, r->o.db) ? VMM_E_INPUT : boot_and_run(r);
	if (r->tracing)
		tracer_free(&r->tr);
	insn_count_free(&r->ic);
	runlog_close(&r->log);
	vm_destroy(&r->vm);
	elf_image_close(&r->kernel_elf);
	for (size_t i = 0; i < sizeof(r->owned) / sizeof(r->owned[0]); i++)
		free(r->owned[i]);
	free(r);
	return rc;
}

/* faultline run: boot the kernel with a scenario or a user's program. */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <fl_abi.h>

#include "cli.h"
#include "elfload.h"
#include "images.h"
#include "insncount.h"
#include "vm.h"

#define MAX_IMAGE (64u << 20)

struct run_opts {
	const char *scenario, *program, *kernel;
	double timeout_s;
	unsigned long long mem_mib;
	int count_insns;
};

static int parse_run_opts(int argc, char **argv, struct run_opts *o)
{
	static const struct option longopts[] = {
		{ "scenario", required_argument, 0, 's' }, { "program", required_argument, 0, 'p' },
		{ "kernel", required_argument, 0, 'k' }, { "timeout", required_argument, 0, 't' },
		{ "mem", required_argument, 0, 'm' },
		{ "count-instructions", no_argument, 0, 'c' }, { 0, 0, 0, 0 },
	};
	*o = (struct run_opts){ .scenario = "tour", .timeout_s = 30, .mem_mib = 64 };
	optind = 1;
	for (int c; (c = getopt_long(argc, argv, "", longopts, NULL)) != -1;) {
		switch (c) {
		case 's': o->scenario = optarg; break;
		case 'p': o->program = optarg; break;
		case 'k': o->kernel = optarg; break;
		case 'c': o->count_insns = 1; break;
		case 't':
			if (parse_double(optarg, 0, 86400, &o->timeout_s)) {
				fl_error("--timeout wants seconds between 0 and 86400, not \"%s\"", optarg);
				return usage(stderr, "run");
			}
			break;
		case 'm':
			if (parse_u64(optarg, 8, 768, &o->mem_mib)) {
				fl_error("--mem wants MiB between 8 and 768, not \"%s\"", optarg);
				return usage(stderr, "run");
			}
			break;
		default:
			return usage(stderr, "run");
		}
	}
	if (optind < argc) {
		fl_error("unexpected argument \"%s\"", argv[optind]);
		return usage(stderr, "run");
	}
	if (!find_scenario(o->scenario)) {
		fl_error("unknown scenario \"%s\" (see `faultline list`)", o->scenario);
		return 2;
	}
	return 0;
}

/* The kernel, the built-in programs, and the user's program as init. */
static int build_config(const struct run_opts *o, struct vm_config *cfg, uint8_t **owned,
			char *cmdline, size_t cllen)
{
	char err[512];
	size_t len, n;
	const struct image *k = builtin_kernel(), *progs = builtin_programs(&n);
	*cfg = (struct vm_config){ .mem_size = o->mem_mib << 20, .kernel = k->data,
				   .kernel_len = k->len, .cmdline = cmdline, .timeout_s = o->timeout_s };
	snprintf(cmdline, cllen, "scenario=%s", o->scenario);
	if (o->kernel) {
		if (elf_read_file(o->kernel, MAX_IMAGE, &owned[0], &cfg->kernel_len, err, sizeof(err)))
			goto bad;
		cfg->kernel = owned[0];
	}
	for (size_t i = 0; i < n; i++)
		cfg->mods[cfg->nr_mods++] = (struct vm_module){ FL_MOD_PROGRAM, progs[i].name,
								progs[i].data, progs[i].len };
	const struct image *mod = builtin_module();
	cfg->mods[cfg->nr_mods++] = (struct vm_module){ FL_MOD_KMODULE, mod->name, mod->data,
							mod->len };
	if (o->program) {
		if (elf_read_file(o->program, MAX_IMAGE, &owned[1], &len, err, sizeof(err)) ||
		    elf_check_program(owned[1], len, err, sizeof(err)))
			goto bad;
		cfg->mods[0].data = owned[1];	/* replaces the built-in init */
		cfg->mods[0].len = len;
	}
	return 0;
bad:
	fl_error("%s", err);
	return VMM_E_INPUT;
}

static void print_line(void *ctx, const char *line, size_t len)
{
	(void)ctx;
	printf("%.*s\n", (int)len, line);
	fflush(stdout);
}

static double now_s(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

static int report(struct vm *vm, const struct vm_result *res, double secs)
{
	switch (res->outcome) {
	case VM_EXITED:
		fl_error("guest exited with status %d (%llu exits, %.3f s)", res->exit_status,
			 (unsigned long long)res->exits, secs);
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
		return VMM_E_SETUP;
	default:
		fl_error("%s", res->why);
		vm_dump_state(vm, stderr, vm->run->exit_reason == KVM_EXIT_SHUTDOWN);
		return VMM_E_CRASH;
	}
}

int cmd_run(int argc, char **argv)
{
	struct run_opts o;
	struct vm_config cfg;
	struct vm vm;
	uint8_t *owned[2] = { NULL, NULL };
	char cmdline[256], err[512];
	int rc = parse_run_opts(argc, argv, &o);
	if (rc || (rc = build_config(&o, &cfg, owned, cmdline, sizeof(cmdline))))
		goto out;
	if ((rc = vm_create(&vm, cfg.mem_size, err, sizeof(err))) ||
	    (rc = vm_boot_setup(&vm, &cfg, err, sizeof(err)))) {
		fl_error("%s", err);
		vm_destroy(&vm);
		goto out;
	}
	struct vm_hooks hooks = { .console_line = print_line };
	struct vm_result res;
	struct insn_count ic;
	if (o.count_insns && insn_count_start(&vm, &hooks, &ic)) {
		fl_error("cannot single-step the guest (KVM_SET_GUEST_DEBUG failed)");
		vm_destroy(&vm);
		rc = VMM_E_KVM;
		goto out;
	}
	double t0 = now_s();
	vm_run(&vm, &cfg, &hooks, &res);
	rc = report(&vm, &res, now_s() - t0);
	if (o.count_insns)
		fl_error("%llu guest instructions single-stepped, %llu before the first user-mode"
			 " instruction", (unsigned long long)ic.total,
			 (unsigned long long)ic.before_user);
	vm_destroy(&vm);
out:
	free(owned[0]);
	free(owned[1]);
	return rc;
}

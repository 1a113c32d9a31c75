/* faultline run: boot the kernel with a scenario or a user's program, trace
 * its faults into the database. */
#include <getopt.h>
#include <stdint.h>
#include <string.h>

#include "cli.h"
#include "db.h"
#include "progargs.h"
#include "session.h"

static int parse_one(int c, struct run_opts *o)
{
	switch (c) {
	case 's': o->scenario = optarg; return 0;
	case 'p':
		if (o->nr_programs == FL_MAX_MODS) {
			fl_error("--program: at most %d", FL_MAX_MODS);
			return 2;
		}
		o->programs[o->nr_programs++] = optarg;
		return 0;
	case 'k': o->kernel = optarg; return 0;
	case 'd': o->db = optarg; return 0;
	case 'L': o->qemu_log = optarg; return 0;
	case 'A': o->append = optarg; return 0;
	case 'a':
		return parse_accel(optarg, &o->accel) ? bad_value("run", "--accel", "auto, kvm or tcg", optarg) : 0;
	case 'c': o->count_insns = 1; o->trace = 0; return 0;
	case 'n': o->trace = 0; return 0;
	case 'S':
		o->steps = UINT64_MAX;
		return optarg && parse_u64(optarg, 1, 1000000, &o->steps)
			       ? bad_value("run", "--steps", "a number of faults from 1 to 1000000", optarg) : 0;
	case 't':
		return parse_double(optarg, 0, 86400, &o->timeout_s)
			       ? bad_value("run", "--timeout", "seconds between 0 and 86400", optarg) : 0;
	case 'm':
		return parse_u64(optarg, 8, 768, &o->mem_mib)
			       ? bad_value("run", "--mem", "MiB between 8 and 768", optarg) : 0;
	default:
		return usage(stderr, "run");
	}
}

/* The words after "--": init's argv[1..], into args (FL_CMDLINE_MAX + 1 bytes). */
static int parse_args(char *const *words, int n, struct run_opts *o, char *args)
{
	if (!o->nr_programs) {
		fl_error("arguments after -- are for a program given with --program");
		return usage(stderr, "run");
	}
	if (encode_args(args, o->scenario, words, n))
		return 2;
	o->extra_args = args;
	return 0;
}

static int parse_run_opts(int argc, char **argv, struct run_opts *o, char *args)
{
	static const struct option longopts[] = {
		{ "scenario", required_argument, 0, 's' }, { "program", required_argument, 0, 'p' },
		{ "kernel", required_argument, 0, 'k' }, { "timeout", required_argument, 0, 't' },
		{ "mem", required_argument, 0, 'm' }, { "db", required_argument, 0, 'd' },
		{ "steps", optional_argument, 0, 'S' }, { "no-trace", no_argument, 0, 'n' },
		{ "count-instructions", no_argument, 0, 'c' }, { "accel", required_argument, 0, 'a' },
		{ "qemu-log", required_argument, 0, 'L' }, { "append", required_argument, 0, 'A' },
		{ 0, 0, 0, 0 },
	};
	*o = (struct run_opts){ .scenario = "tour", .timeout_s = 30, .mem_mib = 64,
				.db = db_default_path(), .trace = 1 };
	optind = 1;
	/* "+": options end at the first other word, so a "--" ending them can be
	 * told from one given as an option's value (last_value). */
	const char *last_value = NULL;
	for (int c, rc; (c = getopt_long(argc, argv, "+", longopts, NULL)) != -1; last_value = optarg)
		if ((rc = parse_one(c, o)))
			return rc;
	int dashdash = optind > 1 && !strcmp(argv[optind - 1], "--") && argv[optind - 1] != last_value;
	if (!dashdash && optind < argc) {
		fl_error("unexpected argument \"%s\"", argv[optind]);
		return usage(stderr, "run");
	}
	if (!find_scenario(o->scenario)) {
		fl_error("unknown scenario \"%s\" (see `faultline list`)", o->scenario);
		return 2;
	}
	if (check_programs(o->programs, o->nr_programs))
		return 2;
	return dashdash ? parse_args(argv + optind, argc - optind, o, args) : 0;
}

int cmd_run(int argc, char **argv)
{
	struct run_opts o;
	char args[FL_CMDLINE_MAX + 1], words[FL_CMDLINE_MAX + 1];
	int rc = parse_run_opts(argc, argv, &o, args);
	if (!rc && o.append && !(rc = append_words(words, o.scenario, o.append, o.extra_args)))
		o.extra_args = words;
	return rc ? rc : run_session(&o);
}

/* The faultline commands and what they share. */
#ifndef TRACER_CLI_H
#define TRACER_CLI_H

#include <stdio.h>

#include "vm.h"

/* The commands, in the order `faultline --help` lists them. */
enum command_id {
	CMD_RUN, CMD_BENCH, CMD_REPLAY, CMD_LIST, CMD_FAULTS, CMD_EXTABLE, CMD_QUERY, CMD_EXPORT,
	NR_COMMANDS
};

struct command {
	const char *name;
	const char *summary;
	const char *usage;	/* options, one per line, for `faultline CMD --help` */
};

/* cli.c: each command's name and help, by enum command_id (main.c maps
 * the same ids to the commands' entry points). */
extern const struct command commands[NR_COMMANDS];
/* The command of that name, or NULL. */
const struct command *find_command(const char *name);
/* `faultline --help`: the usage line and every command's summary. */
void overview(FILE *out);

int cmd_run(int argc, char **argv);
int cmd_list(int argc, char **argv);
int cmd_bench(int argc, char **argv);
int cmd_replay(int argc, char **argv);
int cmd_faults(int argc, char **argv);
int cmd_extable(int argc, char **argv);
int cmd_query(int argc, char **argv);
int cmd_export(int argc, char **argv);

/* Print "faultline: <msg>" on stderr. */
void fl_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Usage of one command to out; returns 2 (the exit code for bad options). */
int usage(FILE *out, const char *cmd);
/* 1 if argv[1] asks for help (and prints it), else 0. */
int wants_help(int argc, char **argv, const char *cmd);

/* "--opt wants WANT, not "GOT"" and the command's usage; returns 2. */
int bad_value(const char *cmd, const char *opt, const char *want, const char *got);

/* --accel and --qemu-log, shared by run and bench. */
#define ACCEL_HELP \
	"  --accel ENGINE    auto (default: KVM if /dev/kvm is usable, else QEMU TCG), kvm or tcg\n" \
	"  --qemu-log FILE   tcg: QEMU's own log of every exception the guest takes (-d int)\n"
/* "auto", "kvm" or "tcg": 0, or -1 for anything else. */
int parse_accel(const char *s, enum vm_accel *out);

/* Strict number parsing for options: the whole string, within [min, max]. */
int parse_double(const char *s, double min, double max, double *out);
int parse_u64(const char *s, unsigned long long min, unsigned long long max,
	      unsigned long long *out);

struct scenario {
	const char *name;
	const char *description;
};

const struct scenario *scenarios(size_t *n);
const struct scenario *find_scenario(const char *name);

#endif

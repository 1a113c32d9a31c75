/* What the commands share: their names and help, errors, option parsing. */
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "termtext.h"

/* Options shared by the commands that read the database. */
#define DB_OPTIONS \
	"  --run N           the run to show (default: the latest)\n" \
	"  --db PATH         the database (default: $FAULTLINE_DB, else ./faultline.db)\n" \
	"  --csv, --json     CSV (RFC 4180) or a JSON array instead of a table\n" \
	"  --max-time S      give up after S seconds in SQLite (default 10)\n"

const struct command commands[NR_COMMANDS] = {
	[CMD_RUN] = { "run", "boot the guest kernel and run a scenario or program",
	  "  --scenario NAME   scenario for init (default: tour; see `faultline list`)\n"
	  "  --program PATH    run this static ELF32 i386 program as init instead; given again\n"
	  "                    (up to 12 in all), each other program is spawned by its file name\n"
	  "  --kernel PATH     boot this kernel ELF instead of the built-in one\n"
	  "  --timeout S       watchdog: stop the guest after S seconds (default 30, 0 = none)\n"
	  "  --mem MIB         guest memory in MiB, 8 to 768 (default 64)\n"
	  "  --db PATH         the database (default: $FAULTLINE_DB or ./faultline.db)\n"
	  "  --steps[=N]       single-step the first N faults (all if N is left out)\n"
	  "  --no-trace        no breakpoints: record the run and its console only\n"
	  "  --count-instructions  single-step the whole run and count guest instructions\n"
	  "  --append WORDS    more words for the kernel command line (e.g. pfwalk=1)\n"
	  ACCEL_HELP
	  "  -- ARGS...        the first program's argv[1..], exactly (argv[0] is init)\n" },
	[CMD_BENCH] = { "bench", "measure the exception-table path against verify_area",
	  "  --quick           fewer sizes and repetitions: well under a minute\n"
	  "  --reps N          repetitions for the cycle medians, 1 to 1001 (default 101)\n"
	  "  --out DIR         also write DIR/vmas.svg, DIR/extable.svg, DIR/summary.md\n"
	  "  --db PATH         the database (default: $FAULTLINE_DB or ./faultline.db)\n"
	  "  --timeout S       watchdog for the guest (default 900)\n"
	  ACCEL_HELP },
	[CMD_REPLAY] = { "replay",
	  "step through a recorded fault: the eight steps, instruction by instruction",
	  "  --run N           the run (default: the latest with stepped faults)\n"
	  "  --fault SEQ       the fault (default: the first stepped one)\n"
	  "  --milestones      only the eight steps: n and p go from one to the next\n"
	  "  --all             print every instruction's screen, even on a terminal (when\n"
	  "                    stdout is not one, the screens of the eight steps are printed)\n"
	  "  --html FILE       write a standalone HTML page instead, with every stepped\n"
	  "                    fault of the run (opening at --fault's)\n"
	  "  --db PATH         the database (default: $FAULTLINE_DB or ./faultline.db)\n" },
	[CMD_LIST] = { "list", "list the scenarios", "" },
	[CMD_FAULTS] = { "faults", "show a run's faults as a timeline",
	  DB_OPTIONS
	  "  --format qemu     the lines QEMU's -d int log prints for each fault\n" },
	[CMD_EXTABLE] = { "extable", "show a run's exception tables in instruction order",
	  DB_OPTIONS },
	[CMD_QUERY] = { "query",
	  "run a named query (--list) or --sql 'SELECT ...' on the database",
	  "  NAME              a named query, see `faultline query --list`\n"
	  "  --sql 'SELECT...' one read-only statement; :run stands for the run\n"
	  "  --list            list the named queries\n"
	  DB_OPTIONS },
	[CMD_EXPORT] = { "export",
	  "write runs as a trace for Perfetto UI or chrome://tracing",
	  "  --format chrome-json  the Trace Event Format (JSON): faults as slices per CPL,\n"
	  "                    stepped faults' milestones nested, console lines as instants\n"
	  "  --run N           only this run (default: every run, each a process)\n"
	  "  -o, --output FILE write there instead of stdout\n"
	  "  --db PATH         the database (default: $FAULTLINE_DB or ./faultline.db)\n"
	  "  --max-time S      give up after S seconds in SQLite (default 10)\n" },
};

/* The message goes through the terminal sanitizer: SQLite's errors quote
 * names from the database (or from --sql), and a path may hold anything. */
void fl_error(const char *fmt, ...)
{
	enum { MSG_MAX = 1000 };
	char msg[MSG_MAX + 1], shown[TERM_BYTES(MSG_MAX)];
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	size_t len = n < 0 ? 0 : (size_t)n < sizeof(msg) ? (size_t)n : sizeof(msg) - 1;
	term_text(shown, (const unsigned char *)msg, len, MSG_MAX, NULL);
	fprintf(stderr, "faultline: %s\n", shown);
}

const struct command *find_command(const char *name)
{
	for (size_t i = 0; i < NR_COMMANDS; i++)
		if (!strcmp(commands[i].name, name))
			return &commands[i];
	return NULL;
}

void overview(FILE *out)
{
	fprintf(out, "usage: faultline COMMAND [OPTIONS]\n"
		     "faultline boots a small i386 kernel under KVM (or QEMU TCG where KVM is\n"
		     "missing) and watches its page faults and divide errors.\n\ncommands:\n");
	for (size_t i = 0; i < NR_COMMANDS; i++)
		fprintf(out, "  %-8s %s\n", commands[i].name, commands[i].summary);
	fprintf(out, "\n`faultline COMMAND --help` describes a command's options.\n");
}

int usage(FILE *out, const char *cmd)
{
	const struct command *c = find_command(cmd);
	fprintf(out, "usage: faultline %s%s\n%s", cmd, c && *c->usage ? " [OPTIONS]" : "",
		c ? c->usage : "");
	return 2;
}

int wants_help(int argc, char **argv, const char *cmd)
{
	if (argc > 1 && (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h"))) {
		const struct command *c = find_command(cmd);
		printf("faultline %s: %s\n", cmd, c->summary);
		usage(stdout, cmd);
		return 1;
	}
	return 0;
}

int bad_value(const char *cmd, const char *opt, const char *want, const char *got)
{
	fl_error("%s wants %s, not \"%s\"", opt, want, got);
	return usage(stderr, cmd);
}

int parse_accel(const char *s, enum vm_accel *out)
{
	static const char *const names[] = { [VM_ACCEL_AUTO] = "auto", [VM_ACCEL_KVM] = "kvm",
					      [VM_ACCEL_TCG] = "tcg" };
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (!strcmp(s, names[i])) {
			*out = (enum vm_accel)i;
			return 0;
		}
	return -1;
}

int parse_double(const char *s, double min, double max, double *out)
{
	char *end;
	errno = 0;
	double v = strtod(s, &end);
	if (errno || end == s || *end || isnan(v) || v < min || v > max)
		return -1;
	*out = v;
	return 0;
}

int parse_u64(const char *s, unsigned long long min, unsigned long long max,
	      unsigned long long *out)
{
	char *end;
	errno = 0;
	if (*s == '-')
		return -1;
	unsigned long long v = strtoull(s, &end, 10);
	if (errno || end == s || *end || v < min || v > max)
		return -1;
	*out = v;
	return 0;
}

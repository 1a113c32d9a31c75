/* faultline: the command dispatcher. */
#include <errno.h>
#include <string.h>

#include "cli.h"

/* Each command's entry point; its name, summary and options are cli.c's. */
static int (*const command_main[NR_COMMANDS])(int argc, char **argv) = {
	[CMD_RUN] = cmd_run, [CMD_BENCH] = cmd_bench, [CMD_REPLAY] = cmd_replay,
	[CMD_LIST] = cmd_list, [CMD_FAULTS] = cmd_faults, [CMD_EXTABLE] = cmd_extable,
	[CMD_QUERY] = cmd_query, [CMD_EXPORT] = cmd_export,
};

static int dispatch(int argc, char **argv)
{
	if (argc < 2) {
		overview(stderr);
		return 2;
	}
	if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h") || !strcmp(argv[1], "help")) {
		if (argc > 2 && find_command(argv[2]))
			return wants_help(2, (char *[]){ argv[2], "--help", NULL }, argv[2]) ? 0 : 2;
		overview(stdout);
		return 0;
	}
	const struct command *c = find_command(argv[1]);
	if (!c) {
		fl_error("unknown command \"%s\"", argv[1]);
		overview(stderr);
		return 2;
	}
	if (wants_help(argc - 1, argv + 1, c->name))
		return 0;
	return command_main[c - commands](argc - 1, argv + 1);
}

/* Every command's output is checked here, once, after its final flush: a
 * command that could not write what it meant to (a full disk, a closed
 * pipe, /dev/full) has failed, whatever it returned. A command that failed
 * already said why. */
int main(int argc, char **argv)
{
	int rc = dispatch(argc, argv);
	errno = 0;
	if ((fflush(stdout) || ferror(stdout)) && !rc) {
		fl_error("writing the output: %s", strerror(errno ? errno : EIO));
		rc = 1;
	}
	return rc;
}

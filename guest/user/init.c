/*
 * init: runs the scenario named on the kernel command line (scenario=NAME)
 * and exits with its status, which becomes faultline's exit status.
 */
#include <faultline/user.h>

struct scenario {
	const char *name;
	int (*run)(void);
};

static int boot(void)
{
	printf("init: hello from user mode\n");
	return 0;
}

/* Each child faults at CPL3 and is killed; init, and the kernel, carry on. */
static int user_faults(void)
{
	static const struct {
		const char *prog;
		int status;
	} kids[] = { { "segv", 128 + 11 }, { "divzero", 128 + 8 } };
	int bad = 0;
	for (unsigned i = 0; i < sizeof(kids) / sizeof(kids[0]); i++) {
		int st = spawn(kids[i].prog, "");
		printf("init: spawn(\"%s\") = %d (expected %d)\n", kids[i].prog, st, kids[i].status);
		bad |= st != kids[i].status;
	}
	return bad;
}

static int tour(void)
{
	return boot() | user_faults();
}

static const struct scenario scenarios[] = {
	{ "tour", tour },
	{ "boot", boot },
	{ "user-faults", user_faults },
};

int main(int argc, char **argv)
{
	const char *name = getarg(argc, argv, "scenario");
	if (!name)
		name = "tour";
	for (unsigned i = 0; i < sizeof(scenarios) / sizeof(scenarios[0]); i++) {
		if (strcmp(scenarios[i].name, name))
			continue;
		printf("init: scenario %s\n", name);
		int st = scenarios[i].run();
		printf("init: scenario %s %s\n", name, st ? "FAILED" : "passed");
		return st;
	}
	printf("init: unknown scenario \"%s\"\n", name);
	return 2;
}

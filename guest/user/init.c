/*
 * init: runs the scenario named on the kernel command line (scenario=NAME)
 * and exits with the number of cases that went wrong, which becomes
 * faultline's exit status. The kernel-side halves run through ktest().
 */
#include <faultline/user.h>

#include "scenario.h"

struct scenario {
	const char *name;
	int (*run)(void);
	int in_tour;		/* everything that does not end in an oops */
};

#define INIT_ENTRY(ident, name, in_tour, text) { name, sc_##ident, in_tour },
static const struct scenario scenarios[] = { FL_SCENARIOS(INIT_ENTRY) };

#define NR_SCENARIOS (sizeof(scenarios) / sizeof(scenarios[0]))

static int run(const struct scenario *s)
{
	printf("init: scenario %s\n", s->name);
	int failed = s->run();
	printf("init: scenario %s %s\n", s->name, failed ? "FAILED" : "passed");
	return failed;
}

static int tour(void)
{
	int failed = 0;
	for (unsigned i = 0; i < NR_SCENARIOS; i++)
		if (scenarios[i].in_tour)
			failed += run(&scenarios[i]);
	return failed;
}

int main(int argc, char **argv)
{
	init_argc = argc;
	init_argv = argv;
	const char *name = getarg(argc, argv, "scenario");
	if (!name || !strcmp(name, FL_SCENARIO_TOUR))
		return tour() ? 1 : 0;
	for (unsigned i = 0; i < NR_SCENARIOS; i++)
		if (!strcmp(scenarios[i].name, name))
			return run(&scenarios[i]) ? 1 : 0;
	printf("init: unknown scenario \"%s\"\n", name);
	return 2;
}

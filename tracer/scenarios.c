/* The scenarios init knows (fl_scenarios.h); `faultline list` shows them. */
#include <string.h>

#include <fl_scenarios.h>

#include "cli.h"

#define LIST_ENTRY(ident, name, in_tour, text) { name, text },
static const struct scenario table[] = {
	{ FL_SCENARIO_TOUR, FL_SCENARIO_TOUR_TEXT },
	FL_SCENARIOS(LIST_ENTRY)
};

const struct scenario *scenarios(size_t *n)
{
	*n = sizeof(table) / sizeof(table[0]);
	return table;
}

const struct scenario *find_scenario(const char *name)
{
	for (size_t i = 0; i < sizeof(table) / sizeof(table[0]); i++)
		if (!strcmp(table[i].name, name))
			return &table[i];
	return NULL;
}

int cmd_list(int argc, char **argv)
{
	(void)argv;
	if (argc > 1)
		return usage(stderr, "list");
	size_t n;
	const struct scenario *s = scenarios(&n);
	for (size_t i = 0; i < n; i++)
		printf("%-12s %s\n", s[i].name, s[i].description);
	return 0;
}

/* The scenarios init knows (guest/user/init.c); `faultline list` shows them. */
#include <string.h>

#include "cli.h"

static const struct scenario table[] = {
	{ "tour", "the default: every scenario that does not end in an oops, in teaching order" },
	{ "boot", "boot, enter user mode, print a greeting, exit 0" },
	{ "user-faults", "init spawns programs that fault at CPL3 (unmapped write, divide by zero);"
			 " each is killed, the kernel carries on" },
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
